// `template [NAME] CHART`: the built CLI against what the real Helm printed (tests/differential/chart-renders),
// Helm's failures as `Error: <text>` exit 1, and usage errors exit 2.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli';
import { SHARED } from '../helpers/cases';

interface Outcome { status: number; sha256?: string; error?: string }
interface Case { id: string; chart: string; release?: string; namespace?: string; set?: string[]; includeCrds?: boolean; showOnly?: string[]; kubeVersion?: string; helm3: Outcome; helm4: Outcome }
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'differential', 'chart-renders', 'corpus.json'), 'utf8')) as { cases: Case[] };
const root = path.join(SHARED, 'charts');
const run = fs.existsSync(root) ? test : test.skip;
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const pick = (id: string) => corpus.cases.find((c) => c.id === id)!;

function argsOf(c: Case, h: 3 | 4): string[] {
  const a = ['template', c.release ?? 'r', path.join(root, c.chart), '--helm-version', String(h)];
  if (c.namespace) a.push('-n', c.namespace);
  for (const s of c.set ?? []) a.push('--set', s);
  if (c.includeCrds) a.push('--include-crds');
  for (const s of c.showOnly ?? []) a.push('--show-only', s);
  if (c.kubeVersion) a.push('--kube-version', c.kubeVersion);
  return a;
}

describe.each([3, 4] as const)('Helm %s', (h) => {
  run.each(['dapr/crds', 'dapr/show-only', 'dapr/mirror', 'velero/crds', 'gloo-v1.18.40/numeric-tag', 'keda/webhooks-off'])('%s prints what helm template printed', (id) => {
    const c = pick(id);
    const r = runCli(argsOf(c, h));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sha(r.stdout)).toBe((h === 3 ? c.helm3 : c.helm4).sha256);
  });
  run.each(['bitnami-rabbitmq/common-off', 'bitnami-rabbitmq/mirror-refused', 'external-secrets/mirror'])('%s fails as helm template does', (id) => {
    const c = pick(id);
    const r = runCli(argsOf(c, h));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // the corpus keeps the error trimmed; Helm prints a schema refusal's own final line break before its own
    // (tests/differential/render-failures: flags/bitnami-rabbitmq-schema-failure, recorded whole)
    const err = (h === 3 ? c.helm3 : c.helm4).error!;
    expect(r.stderr).toBe(`Error: ${err}\n${err.startsWith("values don't meet") ? '\n' : ''}`);
  });
});

run('without NAME the release is release-name; --show-only of a template that is not there is Helm\'s error', () => {
  const r = runCli(['template', path.join(root, 'dapr'), '-s', 'charts/dapr_operator/templates/dapr_operator_service.yaml']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^---\n# Source: dapr\/charts\/dapr_operator\/templates\/dapr_operator_service.yaml\n/);
  expect(r.stdout).toContain('app.kubernetes.io/name: release-name');
  const missing = runCli(['template', path.join(root, 'dapr'), '-s', 'templates/nope.yaml']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe('Error: could not find template templates/nope.yaml in chart\n');
});

test.each([
  ['no CHART', ['template'], /template needs a CHART/],
  ['three positionals', ['template', 'a', 'b', 'c'], /template takes \[NAME\] CHART; got 3 arguments/],
  ['an unknown flag', ['template', 'x', '--nope'], /nope/],
  ['a bad --helm-version', ['template', 'x', '--helm-version', '5'], /--helm-version must be one of 3, 4/],
])('usage: %s exits 2', (_n, args, msg) => {
  const r = runCli(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(msg);
});

test('a chart that is not there is Helm\'s error, exit 1', () => {
  const r = runCli(['template', 'r', '/nonexistent/chart']);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('Error: path "/nonexistent/chart" not found\n');
});

// What Helm 4.1.4 and 3.17.1 print for a chart their loader refuses (checked against both binaries): the loader's
// words alone, never prefixed with the --chart naming the other commands use; Helm 4 names a missing Chart.yaml
// by its absolute path.
test.each([
  ['a chart type that is neither application nor library', { 'Chart.yaml': 'apiVersion: v2\nname: a\nversion: 0.1.0\ntype: foo\n' }, 4, 'Error: validation: chart.metadata.type must be application or library\n'],
  ['a chart type that is neither application nor library', { 'Chart.yaml': 'apiVersion: v2\nname: a\nversion: 0.1.0\ntype: foo\n' }, 3, 'Error: validation: chart.metadata.type must be application or library\n'],
  ['a Chart.yaml that does not parse', { 'Chart.yaml': 'apiVersion: v2\nname: [c\n' }, 4, "Error: cannot load Chart.yaml: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'\n"],
  ['no Chart.yaml', { 'values.yaml': 'a: 1\n' }, 3, 'Error: Chart.yaml file is missing\n'],
  ['no Chart.yaml', { 'values.yaml': 'a: 1\n' }, 4, 'Error: unable to detect chart at CHART/Chart.yaml: open CHART/Chart.yaml: no such file or directory\n'],
] as const)('%s (Helm %s): the loader\'s error as Helm prints it, exit 1', (_n, files, h, err) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-load-'));
  try {
    const dir = path.join(tmp, 'c');
    fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
    for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
    // a relative chart path: Helm 4 still names the absolute one
    const r = runCli(['template', 'r', 'c', '--helm-version', String(h)], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(err.split('CHART').join(fs.realpathSync(dir)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
