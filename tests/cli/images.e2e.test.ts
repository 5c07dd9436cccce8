// `helm-image-variant images` end to end: the built CLI's three outputs agree with the library called with
// the same inputs, and every refusal has its exit code.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, resolveImages, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { CHART, makeScratch } from './fixtures';
import { runCli } from './run-cli';
import { SHARED } from '../helpers/cases';

let dir: string;
beforeAll(() => {
  dir = makeScratch();
  // a chart of the user's own with gloo-ee as its dependency
  const umbrella = path.join(dir, 'umbrella');
  fs.mkdirSync(path.join(umbrella, 'charts'), { recursive: true });
  fs.writeFileSync(path.join(umbrella, 'Chart.yaml'), 'apiVersion: v2\nname: platform\nversion: 0.3.0\ndependencies:\n  - name: gloo-ee\n    version: 1.17.0\n');
  fs.writeFileSync(path.join(umbrella, 'values.yaml'), 'gloo-ee:\n  license_key: k\n  global:\n    image:\n      variant: distroless\n');
  fs.cpSync(path.join(SHARED, 'gloo-ee', 'charts', '1.17.0'), path.join(umbrella, 'charts', 'gloo-ee'), { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const run = (args: string[]) => runCli(['images', ...args], { cwd: dir });

const VARIANT = ['--set', 'global.image.variant=fips-distroless'];

test.each([
  ['profile at a version, with --set', ['--profile', 'gloo', '--chart-version', '1.18.0', ...VARIANT], () => resolveImages(loadValues({ set: ['global.image.variant=fips-distroless'] }), { profile: 'gloo', chartVersion: '1.18.0' })],
  ['profile with an -f file', ['--profile', 'gloo', '--chart-version', '1.17.0', '-f', 'prod-layer.yaml'], () => resolveImages(loadValues({ valuesFiles: [fs.readFileSync(path.join(dir, 'prod-layer.yaml'), 'utf8')] }), { profile: 'gloo', chartVersion: '1.17.0' })],
  ['a release name', ['--profile', 'gloo-ee', '--chart-version', '1.18.0', '--release-name', 'edge', '--set', 'license_key=x'], () => resolveImages(loadValues({ set: ['license_key=x'] }), { profile: 'gloo-ee', chartVersion: '1.18.0', releaseName: 'edge' })],
  ['a chart directory, Helm 3', ['--chart', CHART, '--helm-version', '3', ...VARIANT], async () => resolveImages(loadValues({ chart: await loadChart(CHART), set: ['global.image.variant=fips-distroless'], helmVersion: 3 }), { helmVersion: 3 })],
  ['an umbrella chart bundling gloo-ee', ['--chart', 'umbrella'], async () => resolveImages(loadValues({ chart: await loadChart(path.join(dir, 'umbrella')) }))],
] as Array<[string, string[], () => ResolvedImage[] | Promise<ResolvedImage[]>]>)('%s: json, list and table agree with resolveImages', async (_name, args, expected) => {
  const want = await expected();
  expect(want.length).toBeGreaterThan(3);
  const json = run([...args, '-o', 'json']);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(want)));
  const list = run([...args, '--output', 'list']);
  const refs = [...new Set(want.map((i) => i.reference))].sort();
  expect(list.stdout).toBe(`${refs.join('\n')}\n`);
  expect(new Set(refs).size).toBe(refs.length);
  const table = run(args);
  expect(table.stdout.split('\n')[0]).toMatch(/^COMPONENT +VARIANT +IMAGE +WORKLOADS$/);
  for (const i of want) expect(table.stdout).toContain(i.reference);
  expect(table.code).toBe(0);
});

test.each([
  ['values helm template cannot render', ['--profile', 'gloo', '--chart-version', '1.18.0', '--set', 'discovery.deployment=null'], 1, /^helm-image-variant: error: helm template would fail: .*\[render-failed\]$/m],
  ['broken -f file', ['--profile', 'gloo', '-f', 'broken.yaml'], 1, /^broken\.yaml:4:1: error: .*\[YAML_SYNTAX\]$/m],
  ['a binary -f file', ['--profile', 'gloo', '-f', 'binary.bin'], 1, /^binary\.bin:1:\d+: error: .*\[YAML_CONTROL_CHARACTER\]$/m],
  ['a missing -f file', ['--profile', 'gloo', '-f', 'missing.yaml'], 2, /-f: open missing\.yaml: no such file or directory/],
  ['a directory as -f', ['--profile', 'gloo', '-f', 'a-directory.yaml'], 2, /-f: read a-directory\.yaml: is a directory/],
  ['a glob matching nothing', ['--profile', 'gloo', 'nothing-*.yaml'], 2, /no files match "nothing-\*\.yaml"/],
  ['--output xml', ['--profile', 'gloo', '-o', 'xml'], 2, /--output must be one of table, list, json/],
  ['no defaults', [], 2, /no chart defaults/],
  ['an unknown flag', ['--profile', 'gloo', '--strict'], 2, /Unknown option '--strict'/],
  ['an unknown profile', ['--profile', 'nope'], 2, /unknown profile "nope"/],
] as Array<[string, string[], number, RegExp]>)('%s', (_name, args, code, stderr) => {
  const r = run(args);
  expect(r.stderr).toMatch(stderr);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  expect(r.code).toBe(code);
});

test('images --help', () => {
  const r = run(['--help']);
  expect(r.stdout).toMatch(/^Usage: helm-image-variant images/);
  expect(r.stdout).toContain('-o, --output FORMAT');
  expect(r.code).toBe(0);
});

// With FILES, each file is one release over the same defaults and -f files (as validate layers them), all in
// one process: what a CI job over a repository of releases asks for.
describe('images FILES: one release per file', () => {
  const FILES_ARGS = ['--chart', CHART, '-f', 'prod-layer.yaml', '--set', 'gloo.deployment.replicas=2'];
  const expected = async (file: string) => {
    const text = (f: string) => ({ name: f, text: new Uint8Array(fs.readFileSync(path.join(dir, f))) });
    return resolveImages(loadValues({ chart: await loadChart(CHART), valuesFiles: [text('prod-layer.yaml'), text(file)], set: ['gloo.deployment.replicas=2'] }));
  };

  test('json, list and table agree with resolveImages called per file', async () => {
    const files = ['good.yaml', 'typo.yaml', 'sub/a.yaml', 'sub/b.yaml'];
    const want = await Promise.all(files.map(async (file) => ({ file, images: await expected(file) })));
    const json = run([...FILES_ARGS, '-o', 'json', ...files]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(want)));
    // the variants really differ from file to file
    expect(new Set(want.map((w) => w.images.find((i) => i.component === 'gloo')!.reference)).size).toBeGreaterThan(1);
    const list = run([...FILES_ARGS, '-o', 'list', ...files]);
    expect(list.stdout).toBe(`${[...new Set(want.flatMap((w) => w.images.map((i) => i.reference)))].sort().join('\n')}\n`);
    const table = run([...FILES_ARGS, ...files]);
    const lines = table.stdout.trimEnd().split('\n');
    // the last line says how the images were found (the chart has templates: rendered), after a blank line
    expect(lines.pop()).toMatch(/^mode: rendered /);
    expect(lines.pop()).toBe('');
    expect(lines[0]).toMatch(/^FILE +COMPONENT +VARIANT +IMAGE +WORKLOADS$/);
    expect(lines).toHaveLength(1 + want.reduce((n, w) => n + w.images.length, 0));
    for (const w of want) for (const i of w.images) expect(lines.some((l) => l.startsWith(`${w.file} `) && l.includes(` ${i.reference} `))).toBe(true);
  });

  test('a glob is expanded, sorted, without node_modules and .git', () => {
    const r = run(['--chart', CHART, '-o', 'json', 'sub/*.yaml']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ file: string }>).map((x) => x.file)).toEqual(['sub/a.yaml', 'sub/b.yaml']);
  });

  test('a release that fails is reported with its place and the others are still listed (exit 1)', () => {
    const r = run(['--chart', CHART, '-o', 'json', 'good.yaml', 'broken.yaml', 'render-fails.yaml', 'binary.bin', 'standard.yaml']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; images?: unknown[]; error?: { code: string; location?: { file: string; line: number } } }>;
    expect(out.map((x) => [x.file, x.images ? 'images' : x.error!.code])).toEqual([
      ['good.yaml', 'images'],
      ['broken.yaml', 'YAML_SYNTAX'],
      ['render-fails.yaml', 'render-failed'],
      ['binary.bin', 'YAML_CONTROL_CHARACTER'],
      ['standard.yaml', 'images'],
    ]);
    expect(out[1]!.error!.location).toEqual({ file: 'broken.yaml', line: 4, column: 1 });
    expect(r.stderr).toMatch(/^broken\.yaml:4:1: error: .*\[YAML_SYNTAX\]$/m);
    // --chart renders the chart (no --profile): the failure is Helm's own text
    expect(r.stderr).toMatch(/^render-fails\.yaml: error: [^\n]*3-discovery-deployment\.yaml[\s\S]*?\[render-failed\]$/m);
    const table = run(['--chart', CHART, 'good.yaml', 'broken.yaml']);
    expect(table.stdout).toMatch(/^broken\.yaml +- +- +\(failed: YAML_SYNTAX\) +-$/m);
  });

  test('a file that cannot be read is a usage error (exit 2), the readable ones are still listed', () => {
    const r = run(['--chart', CHART, '-o', 'list', 'good.yaml', 'missing.yaml', 'a-directory.yaml', 'fifo.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('helm-image-variant: error: open missing.yaml: no such file or directory');
    expect(r.stderr).toContain('read a-directory.yaml: is a directory');
    expect(r.stderr).toContain('read fifo.yaml: not a regular file');
    expect(r.stdout).toMatch(/gloo:1\.18\.2-distroless/);
  });

  test('a --set Helm refuses is the command line at fault, whatever the files (exit 2)', () => {
    const r = run(['--chart', CHART, '--set', 'a[x]=1', 'good.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^helm-image-variant: error: --set/m);
  });
});
