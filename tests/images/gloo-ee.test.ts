// The gloo-ee profile's own rules, each a row: which chart stands for a version, whose rules apply, the licence check,
// Helm's sharing of nested globals between the parent and the bundled gloo chart, names from the release.
import path from 'node:path';
import { loadValues, resolveImages, ResolveError, type Diagnostic, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';

const KEY = 'license_key=placeholder-license-key';
const refs = (images: ResolvedImage[]) => Object.fromEntries(images.flatMap((i) => i.workloads.map((w) => [`${w.kind}/${w.name}/${w.container}`, i.reference])));
const resolve = (set: string[], opts: Parameters<typeof resolveImages>[1] = {}) => {
  const notes: Diagnostic[] = [];
  const images = resolveImages(loadValues({ set: [KEY, ...set] }), { profile: 'gloo-ee', onDiagnostic: (d) => notes.push(d), ...opts });
  return { images, refs: refs(images), notes: notes.map((n) => n.code) };
};

test('a built-in chart version is that chart exactly, digests and bundled gloo included', () => {
  const r = resolve([], { chartVersion: '1.17.0' });
  expect(r.refs['Deployment/gloo/gloo']).toMatch(/^quay\.io\/solo-io\/gloo-ee:1\.17\.0@sha256:[0-9a-f]{64}$/);
  expect(r.refs['Job/gateway-certgen/certgen']).toMatch(/^quay\.io\/solo-io\/certgen:1\.18\.0-beta14@sha256:/);
  expect(r.notes).toEqual(['gloo-ee-defaults']);
});

test('another version takes the nearest chart of its line, restamped, without digests, and says what it assumed', () => {
  const r = resolve(['global.image.variant=distroless'], { chartVersion: '1.18.3' });
  expect(r.refs['Deployment/gloo/gloo']).toBe('quay.io/solo-io/gloo-ee:1.18.3-distroless');
  expect(r.refs['Job/gateway-certgen/certgen']).toBe('quay.io/solo-io/certgen:1.18.3-distroless');
  expect(r.refs['Deployment/extauth/extauth']).toBe('quay.io/solo-io/extauth-ee:1.18.3-distroless');
  expect(r.notes).toEqual(['gloo-ee-defaults', 'subchart-version-assumed']);
  const old = resolve([], { chartVersion: '1.16.9' });
  expect(old.refs['Deployment/redis/redis']).toBe('docker.io/redis:7.0.11');
  expect(old.refs['Deployment/gloo/gloo']).toBe('quay.io/solo-io/gloo-ee:1.16.9');
});

test('the bundled gloo version decides every Solo image, parent included', () => {
  // gloo 1.17.0 (first variant helper) prints the standard digest whatever the variant; 1.18.0-beta14 picks per variant
  const set = ['global.image.variant=fips', 'global.extensions.extAuth.deployment.image.digest=sha256:' + 'a'.repeat(64)];
  const bundled = resolve(set, { chartVersion: '1.17.0' });
  expect(bundled.refs['Deployment/extauth/extauth']).toMatch(/^quay\.io\/solo-io\/extauth-ee-fips:1\.17\.0@sha256:(?!a{64})/);
  const older = resolve(set, { chartVersion: '1.17.0', dependencyVersions: { gloo: '1.17.0' } });
  expect(older.refs['Deployment/extauth/extauth']).toBe(`quay.io/solo-io/extauth-ee-fips:1.17.0@sha256:${'a'.repeat(64)}`);
  expect(resolve(['global.image.variant=distroless'], { chartVersion: '1.16.2' }).refs['Deployment/extauth/extauth']).toBe('quay.io/solo-io/extauth-ee:1.16.2');
});

const failing: Array<[string, string[], Record<string, unknown>, RegExp]> = [
  ['no licence key, with requireLicense', [], { chartVersion: '1.17.0', noKey: true, requireLicense: true }, /A license key is required!/],
  ['a non-string variant', ['global.image.variant=5'], { chartVersion: '1.17.0' }, /incompatible types for comparison/],
  ['no enabled proxy, older chart', ['gloo.gatewayProxies.gatewayProxy.disabled=true'], { chartVersion: '1.16.2' }, /dataplaneperproxyhelper/],
  ['the extauth sidecar with dataplanePerProxy', ['global.extensions.extAuth.envoySidecar=true', 'global.extensions.dataplanePerProxy=true'], { chartVersion: '1.17.0' }, /kebabcase/],
  ['a version before 1.16', [], { chartVersion: '1.15.4' }, /older than the oldest supported/],
  ['not a version', [], { chartVersion: 'latest' }, /not a semantic version/],
];

test.each(failing)('fails like helm template: %s', (_n, set, opts, message) => {
  const { noKey, ...rest } = opts;
  const values = loadValues({ set: noKey ? set : [KEY, ...set] });
  let err: unknown;
  try {
    resolveImages(values, { profile: 'gloo-ee', ...rest });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ResolveError);
  expect((err as Error).message).toMatch(message);
});

test('no licence key: the images of a release with the key, and an info that says the key is passed at install', () => {
  const seen: Diagnostic[] = [];
  const without = resolveImages(loadValues({ set: [] }), { profile: 'gloo-ee', chartVersion: '1.17.0', onDiagnostic: (d) => seen.push(d) });
  const withKey = resolveImages(loadValues({ set: [KEY] }), { profile: 'gloo-ee', chartVersion: '1.17.0' });
  expect(without).toEqual(withKey);
  const info = seen.filter((d) => d.code === 'license-key-missing');
  expect(info).toHaveLength(1);
  expect(info[0]).toMatchObject({ severity: 'info', path: 'license_key' });
  expect(info[0]!.message).toMatch(/--set license_key=/);
});

test('create_license_secret=false renders without a key', () => {
  expect(resolveImages(loadValues({ set: ['create_license_secret=false'] }), { profile: 'gloo-ee', chartVersion: '1.17.0' }).length).toBeGreaterThan(10);
});

test('no enabled proxy in the 1.17.0 chart drops the data plane instead of failing', () => {
  const r = resolve(['gloo.gatewayProxies.gatewayProxy.disabled=true'], { chartVersion: '1.17.0' });
  expect(Object.keys(r.refs).filter((k) => /extauth|rate-limit|redis/.test(k))).toEqual([]);
});

test('a subchart merge fills blocks the parent reads later (Helm shares nested globals)', () => {
  const r = resolve(['global.glooMtls.enabled=true', 'gloo.global.image.variant=fips'], { chartVersion: '1.17.0' });
  expect(r.refs['Deployment/extauth/extauth']).toMatch(/extauth-ee:1\.17\.0@/);
  expect(r.refs['Deployment/extauth/sds']).toMatch(/sds-ee-fips:1\.17\.0@/);
  expect(r.refs['Deployment/rate-limit/envoy-sidecar']).toMatch(/gloo-ee-envoy-wrapper-fips:1\.17\.0@/);
});

test('data plane per proxy names each set after its proxy', () => {
  const r = resolve(['global.extensions.dataplanePerProxy=true', 'gloo.gatewayProxies.publicGw.disabled=false'], { chartVersion: '1.17.0' });
  expect(Object.keys(r.refs).filter((k) => k.startsWith('Deployment/rate-limit')).sort()).toEqual(['Deployment/rate-limit-gateway-proxy/rate-limit', 'Deployment/rate-limit-public-gw/rate-limit']);
});

test('the chart loaded from disk and the built-in defaults agree', async () => {
  for (const v of ['1.17.0', '1.0.0-ci1', '1.16.2']) {
    const chart = await loadChart(path.join(SHARED, 'gloo-ee', 'charts', v), { helmVersion: 4 });
    const set = [KEY, 'global.image.variant=fips-distroless', 'global.glooMtls.enabled=true'];
    expect(refs(resolveImages(loadValues({ chart, set }), { profile: 'gloo-ee' }))).toEqual(refs(resolveImages(loadValues({ set }), { profile: 'gloo-ee', chartVersion: v })));
  }
});
