// renderChart over a chart directory read by loadChart: templates and files kept, .helmignore applied as
// Helm's LoadDir applies it, output as `helm template` prints it (compared with the real Helm where it runs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, renderChart } from '../../src/index';
import { loadChart } from '../../src/node/index';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helm = require('../helpers/helm-binaries.cjs') as { helmPath(major: 3 | 4): string | null };

const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5"\n',
  'values.yaml': 'image:\n  repository: nginx\n  tag: ""\nreplicas: 2\n',
  '.helmignore': '*.bak\nsecret/\n# comment\n',
  'config/app.conf': 'a=1\nb=2\n',
  'notes.bak': 'ignored\n',
  'secret/key.txt': 'ignored too\n',
  'templates/_helpers.tpl': '{{- define "demo.name" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end }}\n',
  'templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "demo.name" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
  'templates/configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "demo.name" . }}\ndata:\n  app.conf: {{ .Files.Get "config/app.conf" | quote }}\n  ignored: {{ .Files.Get "notes.bak" | quote }}\n  lines: {{ .Files.Lines "config/app.conf" | len }}\n',
  'templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}\n',
  'templates/empty.yaml': '{{- if false }}\nnothing\n{{- end }}\n',
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-render-'));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'demo', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'demo', name), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('loadChart keeps templates and files, without what .helmignore ignores', async () => {
  const chart = await loadChart(path.join(dir, 'demo'));
  expect((chart.templates ?? []).map((f) => f.name).sort()).toEqual(['templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/configmap.yaml', 'templates/deployment.yaml', 'templates/empty.yaml']);
  expect((chart.files ?? []).map((f) => f.name).sort()).toEqual(['.helmignore', 'config/app.conf']);
});

test.each([3, 4] as const)('renders as helm %s template prints it', async (h) => {
  const chart = await loadChart(path.join(dir, 'demo'), { helmVersion: h });
  const r = renderChart(loadValues({ chart, helmVersion: h }), { releaseName: 'rel' });
  expect(r.output).toContain('image: "nginx:4.5"');
  expect(r.output).toContain('app.conf: "a=1\\nb=2\\n"');
  expect(r.output).toContain('ignored: ""');
  expect(r.output).not.toContain('Thanks');
  expect(r.documents.map((d) => d.kind).sort()).toEqual(['ConfigMap', 'Deployment']);
  const bin = helm.helmPath(h);
  if (bin) {
    const out = execFileSync(bin, ['template', 'rel', path.join(dir, 'demo')], { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(dir, '.c'), HELM_CONFIG_HOME: path.join(dir, '.g'), HELM_DATA_HOME: path.join(dir, '.d') } });
    // Helm orders documents by kind (ConfigMap before Deployment): the same here, by template name
    expect(r.output).toBe(out);
  }
});

// fuzz seed 20261219: encoding/json writes .Files (a map[string][]byte) and a []byte as base64; toJson gave "", so a
// document Helm refuses (a flow mapping after a block mapping) rendered. Outputs recorded with Helm 4.1.4 and 3.17.1.
test('toJson and toYaml of .Files and of bytes write base64, as encoding/json does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-files-json-'));
  try {
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.mkdirSync(path.join(dir, 'files'));
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'files', 'f.txt'), 'hi\n');
    fs.writeFileSync(path.join(dir, 'templates', 'h1.yaml'), 'x: |\n  {{- toYaml .Files | nindent 2 }}\ny: {{ toJson (.Files.GetBytes "files/f.txt") }}\nz: {{ toJson (.Files.Glob "files/*") }}\n');
    for (const helmVersion of [3, 4] as const) {
      const chart = await loadChart(dir, { helmVersion });
      expect(renderChart(loadValues({ chart, helmVersion })).output).toBe('---\n# Source: c/templates/h1.yaml\nx: |\n  files/f.txt: aGkK\ny: "aGkK"\nz: {"files/f.txt":"aGkK"}\n');
    }
    fs.writeFileSync(path.join(dir, 'templates', 'h0.yaml'), 'a: x\n{{ toJson .Files }}\n');
    const chart = await loadChart(dir, { helmVersion: 4 });
    expect(() => renderChart(loadValues({ chart, helmVersion: 4 }))).toThrow("YAML parse error on c/templates/h0.yaml: error converting YAML to JSON: yaml: line 3: could not find expected ':'");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
