// `helm-image-variant schema` end to end: what it prints is the library's valuesSchema, and refusals exit 2.
import { valuesSchema } from '../../src/index';
import { runCli } from './run-cli';

test('schema --profile gloo prints the gloo values schema as JSON', () => {
  const r = runCli(['schema', '--profile', 'gloo']);
  expect(JSON.parse(r.stdout)).toEqual(valuesSchema('gloo'));
  expect(r.code).toBe(0);
});

test.each([
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
