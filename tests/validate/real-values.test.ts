// Every values file people wrote for the gloo and gloo-ee charts (../shared/reference/real-values) validated
// against its chart's profile, at the version the file names where the profile supports it: nothing throws,
// and no error or warning appears for what the chart handles correctly. The files that do get findings are
// listed below with every finding and why it is right. A chart's own values (kind `chart`) are loaded as the
// chart's defaults; gloo-ee files get the licence key every real install passes on the command line.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues, type LoadedValues } from '../../src/index';
import { SHARED } from '../helpers/cases';

interface Entry {
  id: string;
  chart: string;
  chartVersion: string | null;
  kind: string;
}
const dir = path.join(SHARED, 'real-values');
const entries: Entry[] = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Entry[];

/** Findings (`severity code path line:column`) of the files that have some, and why each is right. */
const EXPECTED: Record<string, { why: string; rows: string[] }> = {
  'stefanprodan-vendored-gloo-0.20.8-values': { why: 'discovery.deployment.stats: true: the chart reads stats.enabled, so helm template fails (value-type)', rows: ['error value-type discovery.deployment.stats 21:12', 'error value-type gatewayProxies.gatewayProxyV2.stats 83:12', 'error value-type gloo.deployment.stats 100:12'] },
  'rio-gloo-values': { why: 'stats: true where the chart reads stats.enabled (helm template fails)', rows: ['error value-type gatewayProxies.gatewayProxy.stats 17:12', 'error value-type gloo.deployment.stats 34:12'] },
  'cmwylie-helm-values-dump': {
    why:
      'a values dump of gloo-ee 1.6.13 with tags 1.6.13 / 1.6.8 and discovery-ee renamed discovery; against the (assumed, newest) chart the default digests stay, so every changed image is pinned to the digest of another image (discovery:1.6.8@<digest of discovery-ee>): warnings, since the version is assumed',
    rows: [
      'warning digest-stale global.extensions.extAuth.deployment.image.tag 49:16',
      'warning digest-stale gloo.discovery.deployment.image.repository 98:21',
      'warning digest-stale gloo.gateway.certGenJob.image.tag 114:14',
      'warning digest-stale gloo.gatewayProxies.gatewayProxy.podTemplate.image.tag 169:16',
      'warning digest-stale gloo.gloo.deployment.image.tag 194:14',
      'warning digest-stale observability.deployment.image.tag 292:12',
    ],
  },
  'issue-kgw-2008-knative-ee': {
    why: 'the knative proxy repository is switched to the OSS gloo-envoy-wrapper while the default digest of gloo-ee-envoy-wrapper stays',
    rows: ['warning digest-stale gloo.settings.integrations.knative.proxy.image.repository 13:25'],
  },
  'solo-gg-use-cases-airgap-heredoc': {
    why:
      'a shell heredoc: global.image.registry is the unexpanded ${registry}, so as written every image renders as ${registry}/name (invalid); and disableDigest does not exist in the bundled gloo of the newest built-in gloo-ee chart, so the digests stay',
    rows: ['error reference-invalid global.image.registry 3:15', 'warning disableDigest-unsupported global.image.disableDigest 4:20'],
  },
  'solo-gloo-docs-fips-snippet': {
    why: 'the deprecated global.image.fips: true; fips is on, and the images with no fips build (gloo-fed, certgen and kubectl of that gloo, observability, the migration job) keep their standard images',
    rows: [
      'warning fips-deprecated global.image.fips 3:11',
      // one finding at the one value written (the message names the other eight images)
      'warning variant-not-applied gloo-fed.glooFed.image 3:11',
    ],
  },
  'stevenctl-values-waypoint': {
    why: 'a whole image reference written into tag ("slandow/gloo-ee:authz-perf"): the chart renders quay.io/solo-io/gloo-ee:slandow/gloo-ee:authz-perf',
    rows: ['error reference-invalid gloo.gloo.deployment.image.tag 22:14'],
  },
};

/** The version a file names, when the built-in profiles support it (1.16 and later). */
function versionOf(e: Entry): string | undefined {
  const m = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/.exec(e.chartVersion ?? '');
  if (!m) return undefined;
  const [maj, min] = m[0].split('.').map(Number);
  return maj === 1 && min! >= 16 ? m[0] : undefined;
}

function load(e: Entry): LoadedValues {
  const source = { name: `${e.id}.yaml`, text: new Uint8Array(fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`))) };
  const set = e.chart === 'gloo-ee' ? ['license_key=placeholder-license-key'] : [];
  return e.kind === 'chart' ? loadValues({ chartValues: source, set }) : loadValues({ valuesFiles: [source], set });
}

test('there are real files for both charts, and every expected one exists', () => {
  expect(entries.filter((e) => e.chart === 'gloo').length).toBeGreaterThan(15);
  expect(entries.filter((e) => e.chart === 'gloo-ee').length).toBeGreaterThan(40);
  for (const id of Object.keys(EXPECTED)) expect(entries.map((e) => e.id)).toContain(id);
});

test.each(entries.map((e) => [e.id, e] as const))('%s', (_id, e) => {
  const version = versionOf(e);
  const r = validateValues(load(e), { profile: e.chart, ...(version ? { chartVersion: version } : {}) });
  // unknown keys and coerced types (warnings) are listed with their reasons in real-values-keys.test.ts
  const rows = r.diagnostics.filter((d) => d.severity !== 'info' && !(d.severity === 'warning' && (d.code === 'unknown-key' || d.code === 'value-type'))).map((d) => `${d.severity} ${d.code} ${d.path} ${d.location ? `${d.location.line}:${d.location.column}` : '-'}`);
  expect(rows.sort()).toEqual([...(EXPECTED[e.id]?.rows ?? [])].sort());
  expect(r.valid).toBe(!rows.some((x) => x.startsWith('error')));
});
