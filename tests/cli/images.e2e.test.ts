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
  ['a chart directory, Helm 3', ['--chart', CHART, '--helm-version', '3', ...VARIANT], async () => resolveImages(loadValues({ chart: await loadChart(CHART), set: ['global.image.variant=fips-distroless'], helmVersion: 3 }), { profile: 'gloo', chartVersion: '1.18.40', helmVersion: 3 })],
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
  ['a positional file', ['--profile', 'gloo', 'good.yaml'], 2, /images takes no file arguments \(got "good\.yaml"\); pass values files with -f/],
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
