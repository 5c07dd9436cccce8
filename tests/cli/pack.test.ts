// The package as users get it: `npm pack`, installed into an empty folder, and the bin run from there
// (found through node_modules/.bin, as npx and package scripts find it).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
let dir: string;
let bin: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = packed[0]!.files.map((f) => f.path);
  // the bin and what it loads must be in the tarball; sources and tests must not
  expect(files).toContain('dist/cjs/cli/bin.js');
  expect(files).toContain('dist/cjs/cli/run.bundle.cjs');
  expect(files).toContain('dist/node/lib.cjs');
  expect(files).toContain('schemas/config.schema.json');
  expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, packed[0]!.filename)], { cwd: app, stdio: 'ignore' });
  bin = path.join(app, 'node_modules', '.bin', 'helm-image-variant');
  fs.writeFileSync(path.join(app, 'values.yaml'), 'global:\n  image:\n    variant: Distroless\n');
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => {
  const r = spawnSync(bin, args, { cwd: path.join(dir, 'app'), encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('the installed bin prints the packed version', () => {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  expect(run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});

test('the installed bin validates, lists images and prints the schema', () => {
  const v = run(['validate', '--profile', 'gloo', '--chart-version', '1.18.0', 'values.yaml']);
  expect(v.stdout).toMatch(/^values\.yaml:3:14: error: .*\[variant-case-mismatch\]$/m);
  expect(v.code).toBe(1);
  const i = run(['images', '--profile', 'gloo', '--chart-version', '1.18.0', '--set', 'global.image.variant=distroless', '-o', 'list']);
  expect(i.stdout).toContain('quay.io/solo-io/gloo:1.18.0-distroless\n');
  expect(i.code).toBe(0);
  const s = run(['schema', '--profile', 'gloo']);
  expect(JSON.parse(s.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
});
