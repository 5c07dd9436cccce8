// The executable runs from the build's one-file bundle through a V8 code cache (src/cli/code-cache.ts): the
// cache must never change what the CLI does, must only ever be read from a private place, and every failure
// must fall back to compiling as usual.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDirectory, cacheFile, requireBundle } from '../../src/cli/code-cache';
import { ROOT, runCli } from './run-cli';

const BUNDLE = path.join(ROOT, 'dist', 'cjs', 'cli', 'run.bundle.cjs');
const ARGS = ['validate', '--chart', 'fixtures/charts/gloo-1.22.0', '--set', 'global.image.variant=Distroless'];
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-code-cache-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const caches = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache')) : []);

test("the bundle's first line stamps the hash of what follows it", () => {
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const m = /^\/\/ helm-image-variant bundle sha256:([0-9a-f]{64})\n/.exec(text)!;
  expect(m).not.toBeNull();
  expect(createHash('sha256').update(text.slice(m[0].length)).digest('hex')).toBe(m[1]);
  // read as latin1 by the loader: the same text only when it is ASCII
  expect(/[^\x00-\x7f]/.test(text)).toBe(false);
});

test('the first run writes a private cache, later runs use it, and the output never changes', () => {
  const dir = path.join(tmp, 'cache');
  const env = { HELM_IMAGE_VARIANT_CODE_CACHE: dir };
  const plain = runCli(ARGS, { env: { HELM_IMAGE_VARIANT_CODE_CACHE: '0' } });
  expect(plain.code).toBe(1);
  expect(plain.stdout).toMatch(/\[variant-case-mismatch\]/);
  const first = runCli(ARGS, { env });
  expect(first).toEqual(plain);
  const [name] = caches(dir);
  expect(name).toMatch(/^cli-[0-9a-f]{32}-\d+-\d+-.+\.v8cache$/);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.join(dir, name!)).mode & 0o777).toBe(0o600);
  const written = fs.statSync(path.join(dir, name!)).mtimeMs;
  expect(runCli(ARGS, { env })).toEqual(plain);
  // accepted, so not written again
  expect(fs.statSync(path.join(dir, name!)).mtimeMs).toBe(written);
  expect(caches(dir)).toEqual([name]);
});

test('a damaged cache is ignored and replaced', () => {
  const dir = path.join(tmp, 'cache');
  const env = { HELM_IMAGE_VARIANT_CODE_CACHE: dir };
  const plain = runCli(ARGS, { env });
  const [name] = caches(dir);
  const file = path.join(dir, name!);
  const good = fs.readFileSync(file);
  const bad = Buffer.from(good);
  for (let i = 0; i < bad.length; i += 97) bad[i] = (bad[i]! + 1) & 0xff;
  fs.writeFileSync(file, bad, { mode: 0o600 });
  expect(runCli(ARGS, { env })).toEqual(plain);
  expect(fs.readFileSync(file).equals(bad)).toBe(false);
  fs.writeFileSync(file, 'not a cache');
  expect(runCli(ARGS, { env })).toEqual(plain);
});

test('HELM_IMAGE_VARIANT_CODE_CACHE=0 writes nothing; without a home there is no cache either', () => {
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home);
  const off = runCli(['--version'], { env: { HOME: home, XDG_CACHE_HOME: '', HELM_IMAGE_VARIANT_CODE_CACHE: '0' } });
  expect(off.code).toBe(0);
  expect(fs.readdirSync(home)).toEqual([]);
  expect(cacheDirectory({})).toBeUndefined();
  expect(cacheDirectory({ HOME: 'relative/home' })).toBeUndefined();
  expect(cacheDirectory({ HOME: '/h' })).toBe(path.join('/h', '.cache', 'helm-image-variant'));
  expect(cacheDirectory({ HOME: '/h', XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'helm-image-variant'));
  expect(cacheDirectory({ HOME: '/h', HELM_IMAGE_VARIANT_CODE_CACHE: 'off' })).toBeUndefined();
  // by default the cache goes in the user's cache directory
  runCli(['--version'], { env: { HOME: home, XDG_CACHE_HOME: '', HELM_IMAGE_VARIANT_CODE_CACHE: '' } });
  expect(caches(path.join(home, '.cache', 'helm-image-variant'))).toHaveLength(1);
});

test('a cache is named by the content, not only by its length', () => {
  const stat = fs.statSync(BUNDLE);
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const other = text.replace(/sha256:([0-9a-f])/, (_m, c: string) => `sha256:${c === '0' ? '1' : '0'}`);
  expect(other.length).toBe(text.length);
  expect(cacheFile('/c', other, stat)).not.toBe(cacheFile('/c', text, stat));
  // an unstamped file is never cached
  expect(cacheFile('/c', text.slice(text.indexOf('\n') + 1), stat)).toBeUndefined();
});

test('a cache another user owns is not read', () => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return; // needs root to make one
  const dir = path.join(tmp, 'cache');
  const env = { HELM_IMAGE_VARIANT_CODE_CACHE: dir };
  const plain = runCli(ARGS, { env });
  const file = path.join(dir, caches(dir)[0]!);
  fs.chownSync(file, 65534, 65534);
  expect(runCli(ARGS, { env })).toEqual(plain);
  // not accepted: this run wrote its own in its place
  expect(fs.statSync(file).uid).toBe(0);
});

test('without a bundle the loader reports none (the bin then runs the module tree)', () => {
  expect(requireBundle(path.join(tmp, 'missing.cjs'))).toBeUndefined();
  const bin = path.join(tmp, 'cli', 'bin.js');
  fs.mkdirSync(path.dirname(bin));
  // a copy of the built bin beside the module tree's entry but without run.bundle.cjs
  for (const f of ['bin.js', 'code-cache.js']) fs.copyFileSync(path.join(ROOT, 'dist', 'cjs', 'cli', f), path.join(tmp, 'cli', f));
  fs.writeFileSync(path.join(tmp, 'cli', 'run.js'), `exports.run = () => { process.stdout.write('module tree\\n'); };\n`);
  expect(runCli(['--version'], { bin })).toEqual({ code: 0, stdout: 'module tree\n', stderr: '' });
});
