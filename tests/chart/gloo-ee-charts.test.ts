// The three real gloo-ee chart trees of ../shared/reference load, with the bundled gloo's version, and —
// where the Helm binaries can run here, as in CI — every chart's .Values equals what the real Helm 3.17.1
// and 4.1.4 render for the same tree (a copy with templates that print .Values added to every chart).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { canon, SHARED } from '../helpers/cases';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helm = require('../helpers/helm-binaries.cjs') as { helmPath(major: 3 | 4): string | null };

const TREES = path.join(SHARED, 'gloo-ee', 'charts');
const versions: Array<[string, string]> = [
  ['1.16.2', '1.16.4'],
  ['1.0.0-ci1', '1.17.0-beta26'],
  ['1.17.0', '1.18.0-beta14'],
];

test.each(versions)('gloo-ee %s loads, bundling gloo %s', async (v, gloo) => {
  const chart = await loadChart(path.join(TREES, v));
  expect(chart.name).toBe('gloo-ee');
  expect(chart.version).toBe(v);
  expect(chart.subcharts.gloo!.version).toBe(gloo);
  const r = loadValues({ chart });
  expect(r.charts!.gloo).toEqual({ name: 'gloo', version: gloo });
  expect(r.charts!['']).toEqual({ name: 'gloo-ee', version: v });
  expect(Object.keys(r.subcharts)).toEqual(expect.arrayContaining(['gloo', 'gloo-fed', 'prometheus', 'prometheus.kube-state-metrics', 'grafana']));
  // the portal is off by default (its condition), so it has no values of its own
  expect(r.subcharts['gateway-portal-web-server']).toBeUndefined();
});

/** Copies a data-only chart tree and gives every chart a template printing its .Values. */
function withTemplates(src: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-glooee-'));
  fs.cpSync(src, dest, { recursive: true });
  const visit = (dir: string, top: boolean) => {
    if (fs.existsSync(path.join(dir, 'Chart.yaml'))) {
      fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'templates', 'zz-values.yaml'), top ? '# VALUES: {{ toJson .Values }}\n' : '# SUB {{ .Chart.Name }}: {{ toJson .Values }}\n');
    }
    const charts = path.join(dir, 'charts');
    if (fs.existsSync(charts)) for (const d of fs.readdirSync(charts)) visit(path.join(charts, d), false);
  };
  visit(dest, true);
  return dest;
}

const live = helm.helmPath(3) !== null && helm.helmPath(4) !== null;
const userSets: string[][] = [[], ['gateway-portal-web-server.enabled=true', 'global.image.variant=distroless'], ['prometheus.enabled=false', 'grafana.defaultInstallationEnabled=false', 'gloo.gloo.deployment.image.tag=1.10']];

(live ? describe.each(versions) : describe.skip.each(versions))('gloo-ee %s agrees with the real Helm', (v) => {
  let dir: string;
  beforeAll(() => {
    dir = withTemplates(path.join(TREES, v));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  test.each([3, 4] as const)('Helm %i', async (major) => {
    for (const set of userSets) {
      const args = ['template', 'r', dir, ...set.flatMap((s) => ['--set', s])];
      const out = execFileSync(helm.helmPath(major)!, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
      const top = out.split('\n').find((l) => l.startsWith('# VALUES: '))!.slice(10);
      const subs: Record<string, unknown> = {};
      for (const l of out.split('\n')) {
        const m = /^# SUB ([^:]+): (.*)$/.exec(l);
        if (m) subs[m[1]!] = JSON.parse(m[2]!);
      }
      const r = loadValues({ chart: await loadChart(dir, { helmVersion: major }), set, helmVersion: major });
      expect(r.toJson()).toBe(top);
      const ours = Object.fromEntries(Object.entries(r.subcharts).map(([p, val]) => [p.split('.').pop()!, val]));
      expect(canon(ours)).toEqual(canon(subs));
    }
  });
});
