// A value of the wrong type reaches the chart's image helper, which prints it with Go's %s: Helm renders
// `quay.io/solo-io/%!s(float64=0):1.17.0` and Kubernetes refuses the pod (InvalidImageName). resolveImages keeps
// the reference exactly as rendered and says so (a reference-invalid error); the CLI's `images` never prints
// such a reference as an image to pull, names it on stderr and exits 1. The references below are what the real
// Helm 4.1.4 rendered for these values on the gloo 1.17.0 chart (`helm template gloo <chart> -f values.yaml`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, resolveImages, validateValues, type Diagnostic } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { invalidReference } from '../../src/images/resolve';
import { runCli } from '../cli/run-cli';
import { SHARED } from '../helpers/cases';

const CHART = path.join(SHARED, 'charts', 'gloo-v1.17.0');
const VALUES = 'gatewayProxies:\n  gatewayProxy:\n    podTemplate:\n      image:\n        repository: 0\ngateway:\n  certGenJob:\n    image:\n      tag: true\n';
// what Helm 4.1.4 rendered for VALUES, by values path
const HELM: Record<string, string> = {
  'gatewayProxies.gatewayProxy.podTemplate.image': 'quay.io/solo-io/%!s(float64=0):1.17.0',
  'gateway.certGenJob.image': 'quay.io/solo-io/certgen:%!s(bool=true)',
};
const available = fs.existsSync(CHART);

const errorsOf = (notes: Diagnostic[]) => notes.filter((d) => d.code === 'reference-invalid').map((d) => [d.severity, d.path]).sort();

test('a reference the grammar refuses is invalid, an empty one (no image) is not', () => {
  expect(invalidReference('quay.io/solo-io/gloo:1.17.0')).toBeUndefined();
  expect(invalidReference('')).toBeUndefined();
  expect(invalidReference('quay.io/solo-io/certgen:%!s(bool=true)')).toMatch(/invalid tag/);
  expect(invalidReference('/gloo:1.0')).toBeDefined();
  expect(invalidReference('Quay.io/Solo/gloo:1')).toBeDefined();
});

test('profile mode: the references as Helm renders them, each with a reference-invalid error', () => {
  const notes: Diagnostic[] = [];
  const images = resolveImages(loadValues({ valuesFiles: [VALUES] }), { profile: 'gloo', chartVersion: '1.17.0', onDiagnostic: (d) => notes.push(d) });
  for (const [p, ref] of Object.entries(HELM)) expect(images.find((i) => i.valuesPath === p)?.reference).toBe(ref);
  expect(errorsOf(notes)).toEqual(Object.keys(HELM).map((p) => ['error', p]).sort());
  // the message quotes the reference and the workload it would break
  expect(notes.find((d) => d.path === 'gateway.certGenJob.image')!.message).toContain('"quay.io/solo-io/certgen:%!s(bool=true)" into Job/gateway-certgen (certgen)');
});

test('values whose references all parse give no reference-invalid', () => {
  const notes: Diagnostic[] = [];
  resolveImages(loadValues({ set: ['global.image.variant=distroless'] }), { profile: 'gloo', chartVersion: '1.17.0', onDiagnostic: (d) => notes.push(d) });
  expect(errorsOf(notes)).toEqual([]);
});

(available ? test : test.skip)('rendered mode (the real chart): the same references and the same errors; validateValues agrees', async () => {
  const loaded = loadValues({ chart: await loadChart(CHART), valuesFiles: [VALUES] });
  const notes: Diagnostic[] = [];
  const images = resolveImages(loaded, { onDiagnostic: (d) => notes.push(d) });
  expect(images.every((i) => i.source === 'rendered')).toBe(true);
  for (const [p, ref] of Object.entries(HELM)) expect(images.find((i) => i.valuesPath === p)?.reference).toBe(ref);
  expect(errorsOf(notes)).toEqual(Object.keys(HELM).map((p) => ['error', p]).sort());
  const r = validateValues(loaded);
  expect(r.valid).toBe(false);
  expect(r.diagnostics.filter((d) => d.code === 'reference-invalid').length).toBeGreaterThanOrEqual(2);
});

describe('the CLI never lists an unpullable reference as an image', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-invalid-ref-'));
    fs.writeFileSync(path.join(dir, 'v.yaml'), VALUES);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([['table'], ['list'], ['json'], ['copy']])('-o %s: left out, named on stderr, exit 1', (output) => {
    const args = ['images', '--profile', 'gloo', '--chart-version', '1.17.0', '-f', 'v.yaml', '-o', output];
    if (output === 'copy') args.push('--mirror', 'mirror.example.com');
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/%!/);
    expect(r.stdout).toContain('quay.io/solo-io/gloo:1.17.0');
    for (const [p, ref] of Object.entries(HELM)) expect(r.stderr).toContain(`error: ${p} renders ${JSON.stringify(ref)}`);
  });

  test('one file per release: the other releases are listed, exit 1', () => {
    fs.writeFileSync(path.join(dir, 'ok.yaml'), 'global:\n  image:\n    variant: distroless\n');
    const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.17.0', 'ok.yaml', 'v.yaml', '-o', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('quay.io/solo-io/gloo:1.17.0-distroless');
    expect(r.stdout).not.toMatch(/%!/);
  });
});
