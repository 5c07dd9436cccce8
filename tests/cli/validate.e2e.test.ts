// `helm-image-variant validate` end to end: the built CLI as a child process, every exit code, every way a
// file can be bad, bad flags. Each row: arguments, expected exit code, text expected on stdout and stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHART, makeScratch } from './fixtures';
import { BIN, runCli } from './run-cli';

let dir: string;
beforeAll(() => {
  dir = makeScratch();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env?: Record<string, string>) => runCli(['validate', ...args], { cwd: dir, ...(env ? { env } : {}) });
const P = ['--profile', 'gloo', '--chart-version', '1.18.0'];

type Row = [name: string, args: string[], code: number, stdout: Array<string | RegExp>, stderr: Array<string | RegExp>];

const rows: Row[] = [
  ['a clean file', [...P, 'good.yaml'], 0, ['1 file checked, no problems'], []],
  ['two clean files', [...P, 'good.yaml', 'standard.yaml'], 0, ['2 files checked, no problems'], []],
  ['the same file twice is checked once', [...P, 'good.yaml', './good.yaml', 'good.yaml'], 0, [/^2 files checked/m], []],
  ['broken YAML: FILE:LINE:COLUMN, Helm message, code frame', [...P, 'broken.yaml'], 1, [/^broken\.yaml:4:1: error: .*did not find expected ',' or '\]' \[YAML_SYNTAX\]$/m, '3 |     variant: [distroless', '1 error, 0 warnings in 1 file'], []],
  ['a binary file: named, located, no stack trace', [...P, 'binary.bin'], 1, [/^binary\.bin:1:\d+: error: .*\[YAML_CONTROL_CHARACTER\]/m], []],
  ['invalid UTF-8: named, located', [...P, 'latin1.yaml'], 1, [/^latin1\.yaml:3:\d+: error: failed to parse latin1\.yaml: .*UTF-8 octet.*\[YAML_INVALID_UTF8\]/m], []],
  ['a list instead of a map', [...P, 'not-a-map.yaml'], 1, [/^not-a-map\.yaml.*error: .*\[VALUES_NOT_A_MAP\]/m], []],
  ['a variant in the wrong case: located, with the fix', [...P, 'typo.yaml'], 1, [/^typo\.yaml:3:14: error: global\.image\.variant is "Distroless".*\[variant-case-mismatch\]$/m, '> 3 |     variant: Distroless', '  suggestion: distroless'], []],
  ['a variant that is a number', [...P, 'variant-number.yaml'], 1, [/^variant-number\.yaml:3:14: error: global\.image\.variant is number 5, not a string.*\[variant-not-string\]$/m], []],
  ['fips on the open-source chart', [...P, 'fips.yaml'], 1, [/^fips\.yaml:3:14: error: .*\[fips-enterprise-only\]$/m], []],
  ['values helm template cannot render', [...P, 'render-fails.yaml'], 1, [/^render-fails\.yaml.*: error: helm template would fail: .*\[render-failed\]/m], []],
  ['a warning passes', ['--chart', CHART, 'warns.yaml'], 0, [/^warns\.yaml: warning: .*cannot overwrite table with non table.*\[values-table-overwritten\]/m, '0 errors, 1 warning in 1 file'], []],
  ['a warning fails with --strict', ['--chart', CHART, '--strict', 'warns.yaml'], 1, ['0 errors, 1 warning'], []],
  ['one bad file among good ones', [...P, 'good.yaml', 'broken.yaml', 'standard.yaml'], 1, ['1 error, 0 warnings in 3 files'], []],
  ['a glob, sorted, node_modules and .git ignored', [...P, '**/*.yaml', '--verbose', '--format', 'json'], 1, ['"file": "broken.yaml"', '"file": "sub/a.yaml"'], []],
  ['a glob matching nothing', [...P, 'nothing/*.yaml'], 2, [/^no file checked; 1 pattern matched no file$/m], ['no files match "nothing/*.yaml"']],
  // a glob matching nothing is reported, and the other arguments are still checked (exit 2 at the end)
  ['a glob matching nothing among files: the others are still checked', [...P, 'nothing/*.yaml', 'good.yaml', 'typo.yaml'], 2, [/^typo\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m, /^1 error, 0 warnings in 2 files; 1 pattern matched no file$/m], ['no files match "nothing/*.yaml"']],
  ['a missing file: the summary says it could not be read', [...P, 'missing.yaml'], 2, [/^no file checked; 1 file could not be read$/m], ['helm-image-variant: error: open missing.yaml: no such file or directory']],
  ['a missing file among good ones: the others are still checked', [...P, 'good.yaml', 'missing.yaml'], 2, [/^1 file checked, no problems; 1 file could not be read$/m], ['open missing.yaml: no such file or directory']],
  ['two missing files and a glob matching nothing', [...P, 'missing.yaml', 'nothing/*.yaml', 'gone.yaml', 'good.yaml'], 2, [/^1 file checked, no problems; 2 files could not be read, 1 pattern matched no file$/m], ['open gone.yaml: no such file or directory', 'no files match "nothing/*.yaml"']],
  ['a directory as a file', [...P, 'a-directory.yaml'], 2, [], ['read a-directory.yaml: is a directory']],
  ['a FIFO is refused, not read (it would block)', [...P, 'fifo.yaml'], 2, [], ['read fifo.yaml: not a regular file']],
  ['a symlink loop', [...P, 'loop-a.yaml'], 2, [], [/loop-a\.yaml: .*(too many|symbolic links|ELOOP)/i]],
  ['-f layers under each file', [...P, '-f', 'prod-layer.yaml', 'good.yaml'], 0, ['1 file checked'], []],
  ['-f comma list as Helm splits it', [...P, '-f', 'prod-layer.yaml,standard.yaml', 'good.yaml'], 0, ['1 file checked'], []],
  ['a broken -f file is reported once, under its name', [...P, '-f', 'broken.yaml', 'good.yaml', 'standard.yaml'], 1, [/^broken\.yaml:4:1: error:/m], []],
  ['a missing -f file', [...P, '-f', 'missing.yaml', 'good.yaml'], 2, [], ['-f: open missing.yaml: no such file or directory']],
  ['--set-file reads the file', [...P, '--set-file', 'gloo.deployment.image.tag=tag.txt', 'good.yaml'], 0, ['1 file checked'], []],
  ['--set-file of a missing file', [...P, '--set-file', 'a=missing.txt', 'good.yaml'], 2, [], ['--set-file a=missing.txt: no such file or directory']],
  ['--set-file without a key', [...P, '--set-file', 'missing.txt', 'good.yaml'], 2, [], ['expected key=path']],
  ['malformed --set is a usage error', [...P, '--set', 'a[x]=1', 'good.yaml'], 2, [], ['--set: failed parsing --set data: error parsing index']],
  ['malformed --set-json is a usage error', [...P, '--set-json', 'a={', 'good.yaml'], 2, [], ['--set-json']],
  ['the release of -f files alone', [...P, '-f', 'good.yaml'], 0, ['1 file checked'], []],
  ['the release of --set alone', [...P, '--set', 'global.image.variant=distroless'], 0, ['1 file checked'], []],
  ['--helm-version 3', [...P, '--helm-version', '3', 'good.yaml'], 0, ['1 file checked'], []],
  ['--chart: a chart directory gives the defaults and version', ['--chart', CHART, 'good.yaml'], 0, ['1 file checked'], []],
  ['--profile gloo-ee', ['--profile', 'gloo-ee', '--chart-version', '1.18.0', '--set', 'license_key=x', 'typo.yaml', 'standard.yaml'], 1, [/^typo\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m, '1 error, 0 warnings in 2 files'], []],
  ['--chart: a packaged chart', ['--chart', 'gloo-1.18.40.tgz', 'typo.yaml'], 1, [/^typo\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m], []],
  ['--chart: a file that is not a packaged chart', ['--chart', 'not-a-chart.tgz', 'good.yaml'], 2, [], [/--chart not-a-chart\.tgz: .*does not appear to be a gzipped archive/]],
  ['--chart that does not exist', ['--chart', 'nowhere', 'good.yaml'], 2, [], [/--chart nowhere: /]],
  ['an unknown flag', [...P, '--bogus', 'good.yaml'], 2, [], ["Unknown option '--bogus'", "Run 'helm-image-variant validate --help' for usage."]],
  ['a flag without its value', [...P, 'good.yaml', '--set'], 2, [], ["Option '--set <value>' argument missing"]],
  ['--helm-version 5', [...P, '--helm-version', '5', 'good.yaml'], 2, [], ['--helm-version must be one of 3, 4; got "5"']],
  ['--format xml', [...P, '--format', 'xml', 'good.yaml'], 2, [], ['--format must be one of text, json, sarif, github']],
  ['--profile given twice', [...P, '--profile', 'gloo', 'good.yaml'], 2, [], ['--profile given more than once']],
  ['no chart defaults', ['good.yaml'], 2, [], ['no chart defaults: give --chart PATH or --profile NAME']],
  ['nothing at all', [], 2, [], ['nothing to validate']],
  ['defaults but no files', P, 2, [], ['no files to validate']],
  ['--chart alone: its default release', ['--chart', CHART], 0, ['1 file checked'], []],
  ['an unknown profile', ['--profile', 'glooo', 'good.yaml'], 2, [], [/unknown profile "glooo"/]],
  ['a missing profile file', ['--profile', './my-profile.yaml', 'good.yaml'], 2, [], ['--profile: open ./my-profile.yaml: no such file or directory']],
  ['a profile file that is not a profile', ['--profile', 'good.yaml', 'standard.yaml'], 2, [], ['--profile good.yaml: the profile is not valid', '/: missing property "name"']],
  ['an unsupported chart version', ['--profile', 'gloo', '--chart-version', '0.1.0', 'good.yaml'], 2, [], [/0\.1\.0/]],
  ['an invalid chart version', ['--profile', 'gloo', '--chart-version', 'banana', 'good.yaml'], 2, [], [/banana/]],
];

test.each(rows)('%s', (_name, args, code, stdout, stderr) => {
  const r = run(args);
  for (const s of stdout) expect(r.stdout).toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
  for (const s of stderr) expect(r.stderr).toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/); // never a stack trace
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(code);
});

/**
 * How to run the CLI so that a file with mode 000 cannot be read. Root reads anything, so as root the CLI runs
 * either as root without the capabilities that bypass file permissions (setpriv drops CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH: root still reaches dist/ wherever the clone is, a 0700 directory or /root included), or
 * as nobody when that user can reach node and dist/. Each way is probed on the real file before it is trusted.
 */
function unprivileged(dir: string): { how: string; options: Parameters<typeof runCli>[1] } | { skip: string } {
  if (process.getuid?.() !== 0) return { how: 'the current user', options: {} };
  const probe = (options: NonNullable<Parameters<typeof runCli>[1]>) => {
    const command = [...(options.wrap ?? []), process.execPath, '-e', "try { require('fs').readFileSync(process.argv[1]); console.log('read') } catch (e) { console.log(e.code) }", path.join(dir, 'secret.yaml')];
    const r = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 10_000, ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid! } : {}) });
    return r.status === 0 && r.stdout.trim() === 'EACCES';
  };
  const dropCaps = { wrap: ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-all'] };
  if (probe(dropCaps)) return { how: 'root without CAP_DAC_OVERRIDE', options: dropCaps };
  const nobody = { uid: 65534, gid: 65534 };
  const reach = spawnSync(process.execPath, ['-e', "require('fs').accessSync(process.argv[1], require('fs').constants.R_OK)", BIN], { timeout: 10_000, ...nobody });
  if (reach.status === 0 && probe(nobody)) return { how: 'nobody (uid 65534)', options: nobody };
  return { skip: `running as root, setpriv cannot drop CAP_DAC_OVERRIDE here and user 65534 cannot reach ${BIN} (the clone is in a directory other users cannot enter): the unreadable-file case is not exercised` };
}

test('a file nobody may read: exit 2, named, no stack trace', () => {
  const way = unprivileged(dir);
  if ('skip' in way) {
    console.warn(way.skip);
    return;
  }
  const r = runCli(['validate', ...P, 'secret.yaml'], { cwd: dir, ...way.options });
  expect({ how: way.how, stderr: r.stderr }).toEqual({ how: way.how, stderr: expect.stringMatching(/^helm-image-variant: error: (open|read) secret\.yaml: permission denied$/m) });
  expect(r.stdout).toMatch(/^no file checked; 1 file could not be read$/m);
  expect(r.code).toBe(2);
});

test('the glob row checked exactly the files outside node_modules and .git, in order', () => {
  const r = run([...P, '**/*.yaml', '--format', 'json']);
  const files = (JSON.parse(r.stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file);
  expect(files).toEqual(['broken.yaml', 'fips.yaml', 'good.yaml', 'latin1.yaml', 'not-a-map.yaml', 'prod-layer.yaml', 'render-fails.yaml', 'secret.yaml', 'standard.yaml', 'sub/a.yaml', 'sub/b.yaml', 'typo.yaml', 'variant-number.yaml', 'warns.yaml']);
});

test('a directory argument and a FIFO are named on stderr; stdout still has the report of the rest', () => {
  const r = run([...P, '--format', 'json', 'a-directory.yaml', 'good.yaml']);
  expect(JSON.parse(r.stdout).summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: expect.any(Number) });
  expect(r.code).toBe(2);
});

test('text colours: off when stdout is not a terminal, on with --color, off again with --no-color or NO_COLOR', () => {
  expect(run([...P, 'broken.yaml']).stdout).not.toContain('\u001b[');
  expect(run([...P, '--color', 'broken.yaml']).stdout).toContain('\u001b[31merror\u001b[0m');
  expect(run([...P, '--no-color', '--color', 'broken.yaml']).stdout).not.toContain('\u001b[');
});

test('--help and --version', () => {
  const help = run(['--help']);
  expect(help.stdout).toMatch(/^Usage: helm-image-variant validate/);
  expect(help.code).toBe(0);
  const version = runCli(['--version']);
  expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  expect(version.code).toBe(0);
});
