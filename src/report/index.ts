// Reports of diagnostics and images for people (text), programs (JSON), code scanning (SARIF 2.1.0) and
// GitHub Actions annotations. Browser-safe: these only turn data into text.
export { diagnosticFile, summarize } from './model.js';
export type { FileReport, ReportSummary, ToolInfo } from './model.js';
export { formatText } from './text.js';
export type { TextOptions } from './text.js';
export { formatJson, jsonReport } from './json.js';
export type { JsonReport } from './json.js';
export { artifactLocation, formatSarif, sarifLog } from './sarif.js';
export type { SarifLog, SarifResult, SarifRule } from './sarif.js';
export { formatGithub } from './github.js';
export { formatImageJson, formatImageList, formatImageTable } from './images.js';
export { ruleHelp } from './rules.js';
export type { RuleHelp } from './rules.js';
