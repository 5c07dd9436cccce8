// What every report format takes: the diagnostics found for each checked file. Browser-safe: no Node APIs.
import type { Diagnostic, Severity } from '../errors.js';

/** The diagnostics found for one checked file (a values file validated on its own). */
export interface FileReport {
  /** The checked file, as given on the command line or matched by a glob. */
  file: string;
  /** Everything found, in order; a diagnostic may point into another file (an -f file, the chart). */
  diagnostics: Diagnostic[];
}

/** The tool that made a report (SARIF and JSON name it). */
export interface ToolInfo {
  name: string;
  version: string;
  /** Where users read about it. */
  informationUri?: string;
}

/** Counts of diagnostics by severity. */
export interface ReportSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts diagnostics by severity over all files. */
export function summarize(files: readonly FileReport[]): ReportSummary {
  const s: ReportSummary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}

/**
 * The file a diagnostic points into: its location's file when that is a file; a flag (`--set`, ...) or
 * no location at all points at the checked file, since that is the check that found it.
 */
export function diagnosticFile(d: Diagnostic, checked: string): string {
  const f = d.location?.file;
  return f !== undefined && !isFlagSource(f) ? f : checked;
}

/** True for the pseudo file names that locate a value set by a flag (`--set`, `--set-json`, ...). */
export function isFlagSource(file: string): boolean {
  return file.startsWith('--');
}

/** The diagnostics a human report shows: errors and warnings, and infos when asked for. */
export function shown(severity: Severity, verbose: boolean): boolean {
  return severity !== 'info' || verbose;
}
