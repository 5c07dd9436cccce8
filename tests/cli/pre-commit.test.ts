// The pre-commit hook. Always: the hook's definition, and its command line run as pre-commit runs it (entry,
// then the changed files that match `files`). Where the `pre-commit` tool is installed (Debian's package:
// apt-get install pre-commit), for real: `pre-commit try-repo` of this repository on a scratch git repository,
// which installs the hook with npm from this checkout exactly as users' pre-commit would.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues } from '../../src/index';
import { BIN, ROOT } from './run-cli';

interface Hook { id: string; name: string; entry: string; language: string; files: string; require_serial?: boolean }
const hooks = loadValues({ valuesFiles: [{ name: '.pre-commit-hooks.yaml', text: `hooks: ${fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8').replace(/^/gm, '  ').trimStart()}` }] }).values.hooks as Hook[];
const hook = hooks[0]!;

const CONFIG = 'targets:\n  - files: "deploy/*.yaml"\n    profile: gloo\n    chartVersion: "1.18.0"\n';
const FILES: Record<string, string> = {
  '.helm-image-variant.yaml': CONFIG,
  'deploy/good.yaml': 'global:\n  image:\n    variant: distroless\n',
  'deploy/bad.yaml': 'global:\n  image:\n    variant: Distroless\n',
  'docs/other.yaml': 'not: [a values file\n',
  'README.md': '# scratch\n',
};

let repo: string;
beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-hook-'));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

test('the hook runs validate on YAML files, serially, with node', () => {
  expect(hooks).toHaveLength(1);
  expect(hook).toMatchObject({ id: 'helm-image-variant', entry: 'helm-image-variant validate', language: 'node', require_serial: true });
  const files = new RegExp(hook.files);
  expect(Object.keys(FILES).filter((f) => files.test(f))).toEqual(['.helm-image-variant.yaml', 'deploy/good.yaml', 'deploy/bad.yaml', 'docs/other.yaml']);
});

/** The hook's command line as pre-commit builds it: entry words, then the matching files. */
function runHook(files: string[]): { code: number | null; stdout: string } {
  const [command, ...args] = hook.entry.split(' ');
  expect(command).toBe('helm-image-variant');
  const matching = files.filter((f) => new RegExp(hook.files).test(f));
  const r = spawnSync(process.execPath, [BIN, ...args, ...matching], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout };
}

test.each([
  ['every file: the config names deploy/*.yaml, the rest is skipped', Object.keys(FILES), 1, /^deploy\/bad\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m],
  ['only the good file changed', ['deploy/good.yaml', 'README.md'], 0, /^1 file checked, no problems$/m],
  ['only files the config does not name', ['docs/other.yaml', 'README.md'], 0, /^0 files checked, no problems$/m],
] as Array<[string, string[], number, RegExp]>)('the hook command line: %s', (_name, files, code, stdout) => {
  const r = runHook(files);
  expect(r.stdout).toMatch(stdout);
  expect(r.code).toBe(code);
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!preCommit) console.warn('pre-commit is not installed (apt-get install pre-commit): the try-repo test is skipped');

(preCommit ? test : test.skip)('pre-commit try-repo installs the hook from this checkout and runs it', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-pre-commit-home-'));
  try {
    const tryRepo = () => spawnSync('pre-commit', ['try-repo', ROOT, 'helm-image-variant', '--all-files'], { cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home }, timeout: 900_000 });
    const failing = tryRepo();
    expect(failing.stdout).toMatch(/helm-image-variant validate\.+Failed/);
    expect(failing.stdout).toMatch(/^deploy\/bad\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m);
    expect(failing.status).toBe(1);
    fs.writeFileSync(path.join(repo, 'deploy/bad.yaml'), 'global:\n  image:\n    variant: distroless\n');
    const passing = tryRepo();
    expect(passing.stdout).toMatch(/helm-image-variant validate\.+Passed/);
    expect(passing.status).toBe(0);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}, 1_200_000);
