// .helm-image-variant.yaml: each row a configuration text and either what it means or the error (with its
// line and column). The published schema (schemas/config.schema.json) must give the same verdict on every row.
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { loadValues } from '../../src/index';
import { ConfigError, parseConfig } from '../../src/cli/config';
import { makeScratch } from './fixtures';
import { runCli } from './run-cli';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'config.schema.json'), 'utf8')) as object;
const schemaValid = new Ajv({ strict: true, strictRequired: false, allErrors: true }).compile(schema);
const base = { file: 'c.yaml', dir: '/r', ignore: [] };
const target = { values: [], set: [], setString: [], setJson: [], setLiteral: [] };

const valid: Array<[string, string, object]> = [
  ['a minimal target', 'targets:\n  - files: "deploy/*.yaml"\n    profile: gloo\n', { ...base, targets: [{ ...target, files: ['deploy/*.yaml'], profile: 'gloo' }] }],
  ['everything', 'helmVersion: 3\nstrict: true\nformat: sarif\nignore: [vendor/**]\ntargets:\n  - files: [a.yaml, "b/*.yaml"]\n    chart: charts/gloo\n    chartVersion: "1.18.0"\n    values: [base.yaml]\n    set: [a=1]\n    setString: [b=2]\n    setJson: [\'c={"d":1}\']\n    setLiteral: [e=f]\n',
    { ...base, helmVersion: 3, strict: true, format: 'sarif', ignore: ['vendor/**'], targets: [{ files: ['a.yaml', 'b/*.yaml'], chart: 'charts/gloo', chartVersion: '1.18.0', values: ['base.yaml'], set: ['a=1'], setString: ['b=2'], setJson: ['c={"d":1}'], setLiteral: ['e=f'] }] }],
];

const invalid: Array<[string, string, RegExp]> = [
  ['a typo in a key, with the near miss', 'targets:\n  - files: x\n    profil: gloo\n', /^c\.yaml:3:13: targets\[0\]\.profil is not a known key; did you mean "profile"\? Known keys: files, profile/],
  ['an unknown top-level key', 'target:\n  - files: x\n', /^c\.yaml:1:1: target is not a known key; did you mean "targets"\?/],
  ['no targets', 'strict: true\n', /^c\.yaml:1:1: the configuration has no targets/],
  ['an empty target list', 'targets: []\n', /^c\.yaml:1:1: targets must be a list of at least one target/],
  ['a target without files', 'targets:\n  - profile: gloo\n', /targets\[0\] has no files/],
  ['a target without profile or chart', 'targets:\n  - files: x\n', /targets\[0\] needs a profile .* or a chart/],
  ['an unquoted version (a number)', 'targets:\n  - files: x\n    profile: gloo\n    chartVersion: 1.18\n', /^c\.yaml:4:19: targets\[0\]\.chartVersion must be a non-empty string \(quote versions/],
  ['helmVersion 5', 'helmVersion: 5\ntargets:\n  - files: x\n    profile: gloo\n', /^c\.yaml:1:14: helmVersion must be 3 or 4; got 5/],
  ['format xml', 'format: xml\ntargets:\n  - files: x\n    profile: gloo\n', /format must be one of text, json, sarif, github; got "xml"/],
  ['strict as a string', 'strict: "yes"\ntargets:\n  - files: x\n    profile: gloo\n', /strict must be true or false/],
  ['files as a map', 'targets:\n  - files: {a: 1}\n    profile: gloo\n', /targets\[0\]\.files must be a glob or a list of globs/],
  ['an empty glob in a list', 'targets:\n  - files: [a, ""]\n    profile: gloo\n', /^c\.yaml:2:16: targets\[0\]\.files\[1\] must be a non-empty string/],
  ['values not a list', 'targets:\n  - files: x\n    profile: gloo\n    values: base.yaml\n', /targets\[0\]\.values must be a list of strings/],
  ['a target that is a string', 'targets:\n  - deploy/*.yaml\n', /targets\[0\] must be a map/],
];

test.each(valid)('valid: %s', (_name, text, expected) => {
  expect(parseConfig('c.yaml', text, '/r')).toEqual(expected);
  expect(schemaValid(loadValues({ valuesFiles: [text] }).values)).toBe(true);
});

test.each(invalid)('invalid: %s', (_name, text, message) => {
  expect(() => parseConfig('c.yaml', text, '/r')).toThrow(ConfigError);
  expect(() => parseConfig('c.yaml', text, '/r')).toThrow(message);
  expect(schemaValid(loadValues({ valuesFiles: [text] }).values)).toBe(false);
});

test.each([
  ['broken YAML', 'targets:\n  - files: [x\n', /^c\.yaml:3:1: .*did not find expected/],
  ['binary', '\u0000\u0001', /c\.yaml/],
  ['a list', '- a\n', /c\.yaml/],
])('unreadable as YAML: %s', (_name, text, message) => {
  expect(() => parseConfig('c.yaml', text, '/r')).toThrow(message);
});

describe('the CLI with a configuration file', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeScratch();
    fs.writeFileSync(path.join(dir, '.helm-image-variant.yaml'), 'targets:\n  - files: "sub/*.yaml"\n    profile: gloo\n    chartVersion: "1.18.0"\n  - files: [broken.yaml]\n    profile: gloo\n');
    fs.writeFileSync(path.join(dir, 'bad-config.yaml'), 'targets:\n  - files: x\n    profil: gloo\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) => runCli(['validate', ...args], { cwd: dir });

  test.each([
    ['no arguments: every file the targets name', [], 1, /"file": "sub\/a\.yaml"[\s\S]*"file": "sub\/b\.yaml"[\s\S]*"file": "broken\.yaml"/, ''],
    ['files given (a pre-commit run): those the targets name, others skipped', ['good.yaml', 'sub/a.yaml'], 0, /^(?![\s\S]*good\.yaml)[\s\S]*"file": "sub\/a\.yaml"/, ''],
    ['command-line defaults win over the configuration', ['--profile', 'gloo', 'good.yaml'], 0, /"file": "good\.yaml"/, ''],
    ['--no-config', ['--no-config', 'good.yaml'], 2, /^$/, 'no chart defaults'],
    ['--config of a broken configuration', ['--config', 'bad-config.yaml'], 2, /^$/, 'bad-config.yaml:3:13: targets[0].profil is not a known key'],
    ['--config that does not exist', ['--config', 'nope.yaml'], 2, /^$/, 'open nope.yaml: no such file or directory'],
  ] as Array<[string, string[], number, RegExp, string]>)('%s', (_name, args, code, stdout, stderr) => {
    const r = run([...args, '--format', 'json']);
    expect(r.stdout).toMatch(stdout);
    expect(r.stderr).toContain(stderr);
    expect(r.code).toBe(code);
  });

  test('a target whose globs match nothing is an error of the configuration', () => {
    const cfg = path.join(dir, 'empty-target.yaml');
    fs.writeFileSync(cfg, 'targets:\n  - files: "none/*.yaml"\n    profile: gloo\n');
    const r = run(['--config', 'empty-target.yaml']);
    expect(r.stderr).toContain('empty-target.yaml: targets[0].files matches no file (none/*.yaml)');
    expect(r.code).toBe(2);
  });
});
