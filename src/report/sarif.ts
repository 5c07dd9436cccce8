// SARIF 2.1.0, the format code-scanning services read: one run, a rule (with help text) per diagnostic code
// that occurs, one result per diagnostic with its file, line and column.
import type { Diagnostic } from '../errors.js';
import { diagnosticFile, isFlagSource, type FileReport, type ToolInfo } from './model.js';
import { ruleHelp } from './rules.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The parts of SARIF 2.1.0 this report writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri?: string; rules: SarifRule[] } };
    results: SarifResult[];
  }>;
}

/** A SARIF reportingDescriptor: one per diagnostic code. */
export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
}

/** A SARIF result: one diagnostic. */
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn: number } };
  }>;
  properties: { path: string; pointer: string; checkedFile: string; suggestion?: string };
}

/**
 * A file name as a SARIF URI: relative paths stay relative to the source root (`%SRCROOT%`, where code
 * scanning resolves them), with `/` separators and each segment percent-encoded; absolute paths become
 * `file://` URIs.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const segments = slashed.split('/').map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg)));
  if (slashed.startsWith('/')) return { uri: `file://${segments.join('/')}` };
  if (drive) return { uri: `file:///${segments.join('/')}` };
  return { uri: segments.filter((s, i) => !(s === '.' && i === 0)).join('/'), uriBaseId: '%SRCROOT%' };
}

function message(d: Diagnostic): string {
  const from = d.location && isFlagSource(d.location.file) ? ` (${d.location.file} column ${d.location.column})` : '';
  return `${d.message}${from}${d.suggestion ? ` (suggestion: ${d.suggestion})` : ''}`;
}

/** Builds the SARIF log object. */
export function sarifLog(files: readonly FileReport[], tool: ToolInfo): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        const h = ruleHelp(d.code);
        index = rules.length;
        ruleIndex.set(d.code, index);
        rules.push({ id: d.code, shortDescription: { text: h.summary }, fullDescription: { text: `${h.summary} ${h.help}` }, help: { text: h.help }, defaultConfiguration: { level: LEVEL[d.severity] } });
      }
      const physical: SarifResult['locations'][number]['physicalLocation'] = { artifactLocation: artifactLocation(diagnosticFile(d, f.file)) };
      if (d.location && !isFlagSource(d.location.file)) physical.region = { startLine: d.location.line, startColumn: d.location.column };
      const properties: SarifResult['properties'] = { path: d.path, pointer: d.pointer, checkedFile: f.file };
      if (d.suggestion) properties.suggestion = d.suggestion;
      results.push({ ruleId: d.code, ruleIndex: index, level: LEVEL[d.severity], message: { text: message(d) }, locations: [{ physicalLocation: physical }], properties });
    }
  }
  const driver: SarifLog['runs'][number]['tool']['driver'] = { name: tool.name, version: tool.version, semanticVersion: tool.version, rules };
  if (tool.informationUri) driver.informationUri = tool.informationUri;
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, results }] };
}

/** The SARIF log as text, indented, with a final newline. */
export function formatSarif(files: readonly FileReport[], tool: ToolInfo): string {
  return `${JSON.stringify(sarifLog(files, tool), null, 2)}\n`;
}
