// The dispatcher in-process (the build, as `npm test` makes it first) (what a terminal sees: colours follow the TTY and NO_COLOR), the top-level
// commands, and Helm's -f splitting.
import path from 'node:path';
import { splitCsv } from '../../src/cli/args';
import type { CliIo } from '../../src/cli/io';

// the built dispatcher: its lazy command imports are dynamic imports, which jest's module sandbox cannot run
// from the TypeScript source; the CommonJS build turns them into require calls, as the bin runs them
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../dist/cjs/cli/main.js') as typeof import('../../src/cli/main');

const ROOT = path.join(__dirname, '..', '..');

async function run(argv: string[], over: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: ROOT, env: {}, stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTTY: false, ...over });
  return { code, out, err };
}

const BROKEN = ['validate', '--profile', 'gloo', '--no-config', '--set', 'global.image.variant=fips', '-f', 'fixtures/values/prod.yaml'];

test.each([
  ['a terminal gets colours', { stdoutIsTTY: true }, true],
  ['a terminal with NO_COLOR does not', { stdoutIsTTY: true, env: { NO_COLOR: '1' } }, false],
  ['an empty NO_COLOR is not set (no-color.org)', { stdoutIsTTY: true, env: { NO_COLOR: '' } }, true],
  ['a pipe does not', { stdoutIsTTY: false }, false],
] as Array<[string, Partial<CliIo>, boolean]>)('%s', async (_name, io, coloured) => {
  const r = await run(BROKEN, io);
  expect(r.out.includes('\u001b[')).toBe(coloured);
  expect(r.code).toBe(1);
});

test.each([
  ['no command: help on stderr, usage error', [], 2, '', 'Usage: helm-image-variant <command>'],
  ['--help', ['--help'], 0, 'Commands:', ''],
  ['help validate', ['help', 'validate'], 0, 'Usage: helm-image-variant validate', ''],
  ['an unknown command with a near miss', ['valdate'], 2, '', 'unknown command "valdate"; did you mean "validate"?'],
  ['an unknown command', ['frobnicate'], 2, '', 'unknown command "frobnicate"\n'],
] as Array<[string, string[], number, string, string]>)('%s', async (_name, argv, code, out, err) => {
  const r = await run(argv);
  expect(r.out).toContain(out);
  expect(r.err).toContain(err);
  expect(r.code).toBe(code);
});

test.each([
  ['a.yaml', ['a.yaml']],
  ['a.yaml,b.yaml', ['a.yaml', 'b.yaml']],
  ['"a,b.yaml",c.yaml', ['a,b.yaml', 'c.yaml']],
  ['"say ""hi"""', ['say "hi"']],
  ['a"b', ['a"b']],
  ['', ['']],
])('-f %s splits as Helm splits it', (arg, parts) => {
  expect(splitCsv(arg)).toEqual(parts);
});

test('-f with an unterminated quote is a usage error, as in Helm', () => {
  expect(() => splitCsv('"a.yaml')).toThrow('invalid argument "\\"a.yaml" for "-f, --values" flag');
});
