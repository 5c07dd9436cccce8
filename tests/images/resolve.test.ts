// resolveImages: the public API over the gloo profile. Images grouped per block with their workloads; values
// that came without chart defaults get the profile's defaults for the chart version layered underneath, and
// give the same images as the chart itself (the fixture charts, whose values.yaml are those defaults).
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, resolveImages, ResolveError, type Diagnostic } from '../../src/index';
import { loadChart } from '../../src/node/index';

const DIR = path.join(__dirname, '..', 'differential', 'gloo-renders');
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'charts');

/** The flat (kind, name, container, image) rows of a resolution, sorted as the recorded renders are. */
function rows(images: ReturnType<typeof resolveImages>) {
  const out = images.flatMap((i) => i.workloads.map((w) => ({ kind: w.kind, name: w.name, container: w.container, image: i.reference })));
  return out.sort((a, b) => (`${a.kind}\0${a.name}\0${a.container}\0${a.image}` < `${b.kind}\0${b.name}\0${b.container}\0${b.image}` ? -1 : 1));
}

describe.each(['1.16.27', '1.17.10', '1.19.10', '1.22.0'])('gloo %s', (epoch) => {
  const corpus = JSON.parse(fs.readFileSync(path.join(DIR, `${epoch}.json`), 'utf8')) as {
    cases: Array<{ name: string; valuesFiles?: string[]; set?: string[]; setString?: string[]; helm4: { status: number; images: Array<{ kind: string; name: string; container: string | null; image: string | null }> } }>;
  };
  const sample = corpus.cases.filter((c) => c.helm4.status === 0 && c.helm4.images.every((i) => i.kind !== 'GatewayParameters' && i.container !== null && i.image !== null)).slice(0, 25);
  test.each(sample.map((c) => [c.name, c] as const))('%s: chart values and profile defaults agree with the render', async (_n, c) => {
    const user = { valuesFiles: (c.valuesFiles ?? []).map((text, i) => ({ name: `f${i}.yaml`, text })), set: c.set ?? [], setString: c.setString ?? [] };
    const fromChart = resolveImages(loadValues({ chart: await loadChart(path.join(FIXTURES, `gloo-${epoch}`)), ...user }), { chartVersion: epoch });
    expect(rows(fromChart)).toEqual(c.helm4.images);
    // the same user values without the chart: the profile's defaults for the version are layered underneath
    const fromProfile = resolveImages(loadValues(user), { chartVersion: epoch });
    expect(rows(fromProfile)).toEqual(c.helm4.images);
  });
});

test('one entry per image block, with every workload it renders into, and the variant applied', () => {
  const images = resolveImages({ global: { image: { variant: 'distroless' }, glooMtls: { enabled: true } } }, { chartVersion: '1.19.10' });
  const certgen = images.find((i) => i.valuesPath === 'gateway.certGenJob.image')!;
  expect(certgen).toMatchObject({ component: 'certgen', reference: 'quay.io/solo-io/certgen:1.19.10-distroless', registry: 'quay.io', repository: 'solo-io/certgen', tag: '1.19.10-distroless', variant: 'distroless', source: 'chart' });
  expect(certgen.workloads).toEqual(
    expect.arrayContaining([
      { kind: 'Job', name: 'gateway-certgen', container: 'certgen' },
      { kind: 'Job', name: 'gloo-mtls-certgen', container: 'certgen' },
    ]),
  );
  const sds = images.find((i) => i.valuesPath === 'global.glooMtls.sds.image')!;
  expect(sds.workloads.map((w) => `${w.kind}/${w.name}/${w.container}`).sort()).toEqual(['Deployment/gateway-proxy/sds', 'Deployment/gloo/sds']);
});

test('plain values are user values: a -f-style object over the defaults', () => {
  const images = resolveImages({ gloo: { deployment: { image: { tag: '1.2.3' } } } }, { chartVersion: '1.22.0' });
  expect(images.find((i) => i.valuesPath === 'gloo.deployment.image')!.reference).toBe('quay.io/solo-io/gloo:1.2.3');
  expect(images.find((i) => i.valuesPath === 'discovery.deployment.image')).toBeUndefined();
});

test('discovery is on by default up to 1.19 and off from 1.20', () => {
  expect(resolveImages({}, { chartVersion: '1.19.3' }).some((i) => i.valuesPath === 'discovery.deployment.image')).toBe(true);
  expect(resolveImages({}, { chartVersion: '1.20.5' }).some((i) => i.valuesPath === 'discovery.deployment.image')).toBe(false);
});

test('without a chart version the current rules apply, and it says so', () => {
  const seen: Diagnostic[] = [];
  const images = resolveImages({}, { onDiagnostic: (d) => seen.push(d) });
  expect(images.length).toBeGreaterThan(3);
  expect(seen.map((d) => d.code)).toEqual(['chart-version-assumed']);
});

test.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
  ['an unsupported version', {}, { chartVersion: '1.15.0' }, 'chart-version-unsupported'],
  ['an invalid version', {}, { chartVersion: 'latest' }, 'chart-version-invalid'],
  ['an unknown profile', {}, { profile: 'nginx' }, 'profile-unknown'],
  ['a number variant', { global: { image: { variant: 5 } } }, { chartVersion: '1.22.0' }, 'render-failed'],
  ['a removed registry', { global: { image: { registry: null } } }, { chartVersion: '1.22.0' }, 'render-failed'],
])('%s is a ResolveError', (_n, values, options, code) => {
  let err: unknown;
  try {
    resolveImages(values, options);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ResolveError);
  expect((err as ResolveError).code).toBe(code);
});

test("a profile for a chart that is not gloo (docs/profiles.md's example)", () => {
  const myChart = {
    name: 'my-app',
    chart: 'my-app',
    globalImage: 'global.image',
    workloads: [
      { kind: 'Deployment', name: 'my-app', containers: [{ name: 'app', image: 'app.image' }, { passthrough: 'app.extraContainers' }] },
      { kind: 'Deployment', name: 'my-app-worker', when: 'worker.enabled', containers: [{ name: 'worker', image: 'worker.image' }] },
    ],
    fanOuts: [],
    imageFields: [],
  };
  const loaded = loadValues({
    chartValues: 'global: {image: {registry: reg.example.com, variant: distroless}}\napp: {image: {repository: gloo, tag: "2.0"}, extraContainers: [{name: log, image: busybox:1.36}]}\nworker: {enabled: false, image: {repository: worker, tag: "2.0"}}\n',
  });
  const images = resolveImages(loaded, { profile: myChart, chartVersion: '1.22.0' });
  expect(images.map((i) => [i.reference, i.source, i.workloads])).toEqual([
    ['reg.example.com/gloo:2.0-distroless', 'chart', [{ kind: 'Deployment', name: 'my-app', container: 'app' }]],
    ['busybox:1.36', 'passthrough', [{ kind: 'Deployment', name: 'my-app', container: 'log' }]],
  ]);
});

describe('generic mode (charts without a profile)', () => {
  const loaded = loadValues({
    chartValues: [
      'global: {image: {registry: reg.example.com, variant: distroless}}',
      'api: {image: {repository: gloo, tag: "2.0"}}',
      'worker: {image: {registry: other.io, repository: team/worker, tag: "1.1", digest: "sha256:' + 'a'.repeat(64) + '"}}',
      'sidecars: [{name: log, image: "busybox:1.36"}]',
      'broken: {image: {repository: x, tag: {a: 1}}}',
    ].join('\n'),
  });
  const seen: Diagnostic[] = [];
  const images = resolveImages(loaded, { profile: 'generic', onDiagnostic: (d) => seen.push(d) });
  test('composes blocks as charts usually do (registry/repository:tag@digest; global.image.registry under the block), no variant suffix invented', () => {
    expect(images.map((i) => [i.valuesPath, i.reference, i.variant, i.source, i.workloads])).toEqual([
      ['api.image', 'reg.example.com/gloo:2.0', 'standard', 'generic', []],
      ['worker.image', `other.io/team/worker:1.1@sha256:${'a'.repeat(64)}`, 'standard', 'generic', []],
      ['sidecars[0].image', 'busybox:1.36', 'standard', 'generic', []],
    ]);
  });
  test('says that workloads are unknown, and which block it could not compose', () => {
    expect(seen.map((d) => d.code)).toEqual(['workloads-unknown', 'image-not-composed']);
    expect(seen[1]).toMatchObject({ severity: 'warning', path: 'broken.image', pointer: '/broken/image' });
  });
});

test('plain values nested too deeply, or cyclic, are refused as bad input', () => {
  let deep: Record<string, unknown> = { repository: 'x' };
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  expect(() => resolveImages(deep)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  expect(() => resolveImages(cyclic)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
});
