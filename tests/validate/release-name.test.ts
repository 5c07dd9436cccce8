// The release a chart with templates is validated as: `helm template NAME -n NAMESPACE`. A chart may refuse a
// release name or a namespace (length limits, naming rules), so validateValues and `validate` take both, with the
// defaults of resolveImages and `images` (gloo, default). The expected failure is renderChart's (the engine the
// differential corpora check against Helm), for the same release.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, renderChart, ResolveError, validateValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { runCli } from '../cli/run-cli';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-release-'));
  fs.mkdirSync(path.join(dir, 'c', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'c', 'values.yaml'), 'image: nginx:1.27\n');
  fs.writeFileSync(
    path.join(dir, 'c', 'templates', 'deploy.yaml'),
    [
      '{{- if gt (len .Release.Name) 12 }}{{ fail (printf "release name %q is longer than 12 characters" .Release.Name) }}{{ end }}',
      '{{- if eq .Release.Namespace "kube-system" }}{{ fail "not in kube-system" }}{{ end }}',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}',
      '  namespace: {{ .Release.Namespace }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: {{ .Values.image }}',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const helmError = (loaded: ReturnType<typeof loadValues>, releaseName: string, namespace?: string) => {
  try {
    renderChart(loaded, { releaseName, ...(namespace ? { namespace } : {}) });
  } catch (e) {
    if (e instanceof ResolveError) return e.message;
    throw e;
  }
  return undefined;
};

test('the default release (gloo, default) renders; a long name or another namespace fails as helm template fails', async () => {
  const loaded = loadValues({ chart: await loadChart(path.join(dir, 'c')) });
  expect(validateValues(loaded).diagnostics.filter((d) => d.code === 'render-failed')).toEqual([]);
  for (const [releaseName, namespace] of [['a-very-long-release', undefined], ['web', 'kube-system']] as const) {
    const expected = helmError(loaded, releaseName, namespace);
    expect(expected).toMatch(/execution error at \(c\/templates\/deploy.yaml/);
    const r = validateValues(loaded, { releaseName, ...(namespace ? { namespace } : {}) });
    expect(r.valid).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === 'render-failed').map((d) => d.helmOutput)).toEqual([`Error: ${expected}`]);
  }
});

test('a namespace of the wrong type is an invalid-option diagnostic, not an exception', async () => {
  const loaded = loadValues({ chart: await loadChart(path.join(dir, 'c')) });
  const r = validateValues(loaded, { namespace: 5 as unknown as string });
  expect(r.diagnostics.map((d) => d.code)).toEqual(['invalid-option']);
});

test('validate --release-name and --namespace', () => {
  const ok = runCli(['validate', '--chart', 'c', '--release-name', 'web', '-n', 'prod'], { cwd: dir });
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  const long = runCli(['validate', '--chart', 'c', '--release-name', 'a-very-long-release', '--format', 'json'], { cwd: dir });
  expect(long.code).toBe(1);
  expect(long.stdout).toContain('release name \\"a-very-long-release\\" is longer than 12 characters');
  const ns = runCli(['validate', '--chart', 'c', '--namespace', 'kube-system'], { cwd: dir });
  expect(ns.code).toBe(1);
  expect(ns.stdout).toContain('not in kube-system');
});
