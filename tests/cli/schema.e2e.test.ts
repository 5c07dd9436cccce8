// `helm-image-variant schema` end to end: what it prints is the library's valuesSchema, and refusals exit 2.
import { valuesSchema } from '../../src/index';
import { runCli } from './run-cli';

test('schema --profile gloo prints the gloo values schema as JSON', () => {
  const r = runCli(['schema', '--profile', 'gloo']);
  expect(JSON.parse(r.stdout)).toEqual(valuesSchema('gloo'));
  expect(r.code).toBe(0);
});

test.each([
  ['gloo', '1.19.10', false],
  ['gloo', '1.16.27', true],
  ['gloo-ee', '1.17.0', true],
] as const)('schema --profile %s --chart-version %s (strict keys: %s) prints the typed schema of that version', (profile, version, strict) => {
  const r = runCli(['schema', '--profile', profile, '--chart-version', version, ...(strict ? ['--strict-keys'] : [])]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(valuesSchema(profile, { chartVersion: version, strictKeys: strict }));
  expect(r.stdout.includes('"additionalProperties": false')).toBe(strict);
});

test.each([
  ['a chart version before the oldest values reference', ['--profile', 'gloo', '--chart-version', '1.15.0'], 'older than 1.16.0-beta1'],
  ['a chart version that is not semantic', ['--profile', 'gloo', '--chart-version', 'latest'], 'not a semantic version'],
  ['no profile', [], 'schema needs --profile NAME or --profile PATH'],
  ['an unknown profile', ['--profile', 'nope'], 'unknown profile "nope"'],
  ['a missing profile file', ['--profile', 'nope.json'], '--profile: open nope.json: no such file or directory'],
  ['a positional', ['--profile', 'gloo', 'x.yaml'], 'schema takes no file arguments'],
  ['an unknown flag', ['--chart', 'x'], "Unknown option '--chart'"],
])('%s: exit 2', (_name, args, stderr) => {
  const r = runCli(['schema', ...args]);
  expect(r.stderr).toContain(stderr);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
});
