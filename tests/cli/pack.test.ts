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

// TypeScript finds the types of both entries under every moduleResolution a consumer may use: node10 (`node`,
// which ignores the exports map: package.json's typesVersions maps `helm-image-variant/node`), node16/nodenext
// for CommonJS and ES module files, and bundler. The ts-expect-error line proves the declarations were read:
// an untyped import would accept helmVersion 5 and the directive itself would be the error.
const TS_ROWS: Array<[moduleResolution: string, module: string, file: string]> = [
  ['node10', 'commonjs', 'consumer.ts'],
  ['node16', 'node16', 'consumer.ts'],
  ['node16', 'node16', 'consumer.mts'],
  ['bundler', 'esnext', 'consumer.ts'],
];

test.each(TS_ROWS)('TypeScript with moduleResolution %s (module %s, %s) finds the types of both entries', (moduleResolution, module, file) => {
  const app = path.join(dir, 'app');
  fs.writeFileSync(
    path.join(app, file),
    [
      "import { loadValues, type LoadedValues } from 'helm-image-variant';",
      "import { loadChart, readValuesSource } from 'helm-image-variant/node';",
      'const loaded: LoadedValues = loadValues({});',
      "const source: Promise<{ name: string }> = readValuesSource('values.yaml');",
      'void loaded; void source; void loadChart;',
      '// @ts-expect-error helmVersion is 3 | 4',
      'loadValues({ helmVersion: 5 });',
      '',
    ].join('\n'),
  );
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', moduleResolution, '--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--types', 'node', file];
  const r = spawnSync(process.execPath, [tsc, ...args], { cwd: app, encoding: 'utf8', timeout: 120_000 });
  expect({ code: r.status, out: r.stdout }).toEqual({ code: 0, out: '' });
});
