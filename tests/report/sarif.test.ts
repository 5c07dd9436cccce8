// SARIF 2.1.0 output validated against the SARIF 2.1.0 JSON schema. The schema comes from a dev dependency
// that ships it (@microsoft/jest-sarif: lib/schemas/sarif-2.1.0-rtm.5.json, a draft-04 schema), so it is
// neither downloaded nor copied into this repository.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../../src/index';
import { artifactLocation, formatSarif, sarifLog, type FileReport } from '../../src/report/index';
import { runCli } from '../cli/run-cli';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// the schema's language-tag pattern is not valid as a unicode regex, hence unicodeRegExp: false
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const tool = { name: 'helm-image-variant', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/helm-image-variant' };

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'variant-invalid', severity: 'error', message: 'bad', path: 'global.image.variant', pointer: '/global/image/variant', ...over });

const reports: Array<[string, FileReport[]]> = [
  ['no files', []],
  ['a clean file', [{ file: 'values.yaml', diagnostics: [] }]],
  ['each severity, with and without a location', [{ file: 'a.yaml', diagnostics: [
    d({ location: { file: 'a.yaml', line: 3, column: 14 }, suggestion: 'use "distroless"' }),
    d({ code: 'values-table-overwritten', severity: 'warning' }),
    d({ code: 'chart-version-assumed', severity: 'info', path: '', pointer: '' }),
  ] }]],
  ['a value from --set, and one from another file', [{ file: 'deploy/prod values.yaml', diagnostics: [
    d({ location: { file: '--set', line: 1, column: 22 } }),
    d({ code: 'YAML_SYNTAX', location: { file: 'base/ünïcode.yaml', line: 1, column: 1 } }),
  ] }]],
  ['absolute paths', [{ file: '/repo/values.yaml', diagnostics: [d({ location: { file: '/repo/values.yaml', line: 2, column: 1 } })] }]],
  ['a code no catalogue knows', [{ file: 'x.yaml', diagnostics: [d({ code: 'schema-minLength' })] }]],
];

test.each(reports)('valid SARIF 2.1.0: %s', (_name, files) => {
  const log = JSON.parse(formatSarif(files, tool));
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  const run = log.runs[0];
  // every result points at its rule, and every rule has help text
  for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  for (const rule of run.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(10);
  expect(run.results).toHaveLength(files.reduce((n, f) => n + f.diagnostics.length, 0));
});

test('one rule per code, levels as SARIF names them, regions 1-based as given', () => {
  const log = sarifLog(reports[2]![1].concat([{ file: 'b.yaml', diagnostics: [d({ location: { file: 'b.yaml', line: 9, column: 2 } })] }]), tool);
  const run = log.runs[0]!;
  expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['variant-invalid', 'values-table-overwritten', 'chart-version-assumed']);
  expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'error']);
  expect(run.results[3]!.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'b.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 2 } });
  expect(run.results[0]!.message.text).toBe('bad (suggestion: use "distroless")');
});

test.each([
  ['values.yaml', { uri: 'values.yaml', uriBaseId: '%SRCROOT%' }],
  ['./deploy/values.yaml', { uri: 'deploy/values.yaml', uriBaseId: '%SRCROOT%' }],
  ['deploy/prod values#1.yaml', { uri: 'deploy/prod%20values%231.yaml', uriBaseId: '%SRCROOT%' }],
  ['deploy\\win.yaml', { uri: 'deploy/win.yaml', uriBaseId: '%SRCROOT%' }],
  ['/abs/values.yaml', { uri: 'file:///abs/values.yaml' }],
  ['C:\\repo\\values.yaml', { uri: 'file:///C:/repo/values.yaml' }],
])('artifact location of %s', (file, expected) => {
  expect(artifactLocation(file)).toEqual(expected);
});

test('the built CLI writes valid SARIF for real findings', () => {
  const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'values');
  const r = runCli(['validate', '--profile', 'gloo', '--chart-version', '1.18.0', '--format', 'sarif', path.join(fixtures, 'prod.yaml'), path.join(fixtures, 'chart-values.yaml')]);
  const log = JSON.parse(r.stdout);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  expect(log.runs[0].results.length).toBeGreaterThan(0);
  expect(r.code).toBe(1);
});

test('the schema is really applied: logs that break it are refused', () => {
  const good = sarifLog(reports[2]![1], tool);
  const broken = [
    { ...good, version: '2.0.0' },
    { ...good, runs: [{ ...good.runs[0], tool: { driver: { version: '1' } } }] },
    { ...good, runs: [{ ...good.runs[0], results: [{ ...good.runs[0]!.results[0], level: 'fatal' }] }] },
    { ...good, runs: [{ ...good.runs[0], results: [{ ...good.runs[0]!.results[0], locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] },
  ];
  for (const b of broken) expect(validate(b)).toBe(false);
});
