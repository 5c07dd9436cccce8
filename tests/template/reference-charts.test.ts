// Real charts of ../shared/reference/charts rendered by renderChart and by the real `helm template` (live:
// runs where the Helm binaries of the dev dependencies can run, as in CI; the outputs are too large to
// record). Charts whose output holds random values (genCA, randAlphaNum) or that need subcharts are left out
// and named below.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, renderChart } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helm = require('../helpers/helm-binaries.cjs') as { helmPath(major: 3 | 4): string | null };

const CHARTS = [
  'gloo-main', 'gloo-v1.16.27', 'gloo-v1.17.0', 'gloo-v1.18.40', 'gloo-v1.19.10', 'gloo-v1.21.12', 'sealed-secrets',
  'trust-manager', 'keda', 'external-secrets', 'cluster-autoscaler', 'fluent-bit', 'nats', 'opentelemetry-operator',
  'vault', 'velero', 'dapr',
];
// elasticsearch, harbor, jenkins, bitnami-rabbitmq: equal but for their random certificates and passwords (compared
// by shape in tests/differential/chart-renders.test.ts, with many more values sets).

const root = path.join(SHARED, 'charts');
const available = fs.existsSync(root) && helm.helmPath(4) !== null && helm.helmPath(3) !== null;
const run = available ? test : test.skip;

describe.each([3, 4] as const)('Helm %s', (h) => {
  run.each(CHARTS)('%s renders as helm template prints it', async (name) => {
    const dir = path.join(root, name);
    const chart = await loadChart(dir, { helmVersion: h });
    const ours = renderChart(loadValues({ chart, helmVersion: h }), { releaseName: 'r' }).output;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-ref-'));
    try {
      const theirs = execFileSync(helm.helmPath(h)!, ['template', 'r', dir], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, HELM_CACHE_HOME: path.join(home, 'c'), HELM_CONFIG_HOME: path.join(home, 'g'), HELM_DATA_HOME: path.join(home, 'd') },
      });
      expect(ours).toBe(theirs);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
