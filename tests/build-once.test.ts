// The README's two commands build once each on a fresh clone, and an edit is always tested built:
// scripts/build-if-missing.mjs (npm ci's prepublish and npm test's pretest) builds only when dist/ is missing or an
// input differs from what dist/ was built from (dist/.build-inputs.json, content hashes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const INPUTS = path.join(ROOT, 'scripts', 'build-inputs.mjs');
/** Calls scripts/build-inputs.mjs (an ES module, which jest's CommonJS runtime cannot import) in a child process. */
function call(fn: 'staleReason' | 'writeManifest', root: string): string | undefined {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { ${fn} } from ${JSON.stringify(INPUTS)}; console.log(JSON.stringify(${fn}(process.argv[1]) ?? null))`, root], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) ?? undefined;
}
const staleReason = (root: string) => call('staleReason', root);
const writeManifest = (root: string) => void call('writeManifest', root);

let dir: string;
beforeEach(() => {
  // a project as the build leaves it: sources, a built dist/ and the manifest of what it was built from
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-build-'));
  const files: Record<string, string> = {
    'package.json': '{"name":"x"}\n',
    'src/index.ts': 'export const a = 1;\n',
    'src/values/load.ts': 'export const b = 2;\n',
    'schemas/gloo.values.schema.json': '{}\n',
    'dist/cjs/cli/bin.js': '// built\n',
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows: Array<[name: string, change: (d: string) => void, reason: string | undefined | RegExp]> = [
  ['nothing changed: no build', () => {}, undefined],
  ['a file only touched (same content): no build', (d) => fs.utimesSync(path.join(d, 'src/index.ts'), new Date(), new Date(Date.now() + 60_000)), undefined],
  ['a source edited', (d) => fs.appendFileSync(path.join(d, 'src/values/load.ts'), '// edit\n'), 'src/values/load.ts changed since dist/ was built'],
  ['a source added', (d) => fs.writeFileSync(path.join(d, 'src/new.ts'), 'export {};\n'), 'src/new.ts changed since dist/ was built'],
  ['a schema removed', (d) => fs.rmSync(path.join(d, 'schemas/gloo.values.schema.json')), 'schemas/gloo.values.schema.json changed since dist/ was built'],
  ['package.json edited', (d) => fs.writeFileSync(path.join(d, 'package.json'), '{"name":"y"}\n'), 'package.json changed since dist/ was built'],
  ['many files', (d) => ['a', 'b', 'c', 'd', 'e'].forEach((n) => fs.writeFileSync(path.join(d, `src/${n}.ts`), '')), 'src/a.ts, src/b.ts, src/c.ts and 2 more changed since dist/ was built'],
  ['dist/ removed', (d) => fs.rmSync(path.join(d, 'dist'), { recursive: true }), 'dist/ is missing'],
  ['dist/ from a build that wrote no manifest', (d) => fs.rmSync(path.join(d, 'dist/.build-inputs.json')), /no \.build-inputs\.json/],
];

test.each(rows)('%s', (_name, change, reason) => {
  writeManifest(dir);
  change(dir);
  if (reason instanceof RegExp) expect(staleReason(dir)).toMatch(reason);
  else expect(staleReason(dir)).toBe(reason);
});

test('build-if-missing does nothing (no build, no output) when dist/ is current', () => {
  fs.mkdirSync(path.join(dir, 'scripts'));
  for (const f of ['build-if-missing.mjs', 'build-inputs.mjs']) fs.copyFileSync(path.join(ROOT, 'scripts', f), path.join(dir, 'scripts', f));
  writeManifest(dir);
  // npm_execpath pointing nowhere: a build attempt would fail loudly
  const r = spawnSync(process.execPath, ['scripts/build-if-missing.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_execpath: path.join(dir, 'no-npm.js') } });
  expect({ code: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 0, stderr: '', stdout: '' });
  fs.appendFileSync(path.join(dir, 'src/index.ts'), '// edit\n');
  const again = spawnSync(process.execPath, ['scripts/build-if-missing.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_execpath: path.join(dir, 'no-npm.js') } });
  expect(again.stderr).toContain('build-if-missing: src/index.ts changed since dist/ was built: building');
  expect(again.status).not.toBe(0);
});

test("the README's commands, package.json's hooks and .ci/run build once: only through build-if-missing", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.prepublish).toBe('node scripts/build-if-missing.mjs');
  expect(pkg.scripts.pretest).toBe('node scripts/build-if-missing.mjs');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const first = /^```sh\n([\s\S]*?)```/m.exec(readme)![1]!.split('\n').filter((l) => l && !l.startsWith('#'));
  expect(first).toEqual([expect.stringMatching(/^npm ci && node dist\/cjs\/cli\/bin\.js images /), 'npm ci && npm test']);
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8').split('\n').filter((l) => /^npm /.test(l));
  expect(ci).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
});
