// The machine report: every diagnostic (infos included) per checked file, with counts. Its shape is stable
// (`version` changes when it does not stay compatible).
import { summarize, type FileReport, type ReportSummary, type ToolInfo } from './model.js';
import type { Diagnostic } from '../errors.js';

/** The JSON report's shape. */
export interface JsonReport {
  version: 1;
  tool: ToolInfo;
  /** One entry per checked file; `valid` when none of its diagnostics is an error. */
  files: Array<{ file: string; valid: boolean; diagnostics: Diagnostic[] }>;
  summary: ReportSummary;
}

/** Builds the JSON report object. */
export function jsonReport(files: readonly FileReport[], tool: ToolInfo): JsonReport {
  return {
    version: 1,
    tool,
    files: files.map((f) => ({ file: f.file, valid: !f.diagnostics.some((d) => d.severity === 'error'), diagnostics: f.diagnostics })),
    summary: summarize(files),
  };
}

/** The JSON report as text, indented, with a final newline. */
export function formatJson(files: readonly FileReport[], tool: ToolInfo): string {
  return `${JSON.stringify(jsonReport(files, tool), null, 2)}\n`;
}
