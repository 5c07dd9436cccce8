// Values loaded from a whole chart say which chart they are: the chart's built-in profile and its own version apply
// without options, and an umbrella chart that bundles gloo or gloo-ee gets that subchart resolved with its profile,
// at its version, its values paths reported from the top.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, resolveImages, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';

const refs = (images: ResolvedImage[]) => images.flatMap((i) => i.workloads.map((w) => `${w.kind}/${w.name}/${w.container} ${i.reference} ${i.valuesPath}`)).sort();
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-umbrella-'));
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: platform\nversion: 0.3.0\ndependencies:\n  - name: gloo-ee\n    version: 1.17.0\n');
  fs.writeFileSync(path.join(dir, 'values.yaml'), 'gloo-ee:\n  license_key: from-the-umbrella\n  global:\n    image:\n      variant: distroless\n');
  fs.cpSync(path.join(SHARED, 'gloo-ee', 'charts', '1.17.0'), path.join(dir, 'charts', 'gloo-ee'), { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a gloo-ee chart loaded from disk picks the gloo-ee profile and its own version', async () => {
  const chart = await loadChart(path.join(SHARED, 'gloo-ee', 'charts', '1.0.0-ci1'));
  const loaded = loadValues({ chart, set: ['license_key=x'] });
  expect(refs(resolveImages(loaded))).toEqual(refs(resolveImages(loaded, { profile: 'gloo-ee' })));
  expect(refs(resolveImages(loaded))).toContain('Deployment/gloo-fed/gloo-fed quay.io/solo-io/gloo-fed:1.0.0-ci1 gloo-fed.glooFed.image');
});

test('a gloo chart loaded from disk is resolved with the rules of its own version', async () => {
  const chart = await loadChart(path.join(__dirname, '..', '..', 'fixtures', 'charts', 'gloo-1.17.0'));
  // the 1.17.0 helper prints `:` even when the tag is empty, which breaks the manifest (Helm fails): the chart has
  // templates, so resolveImages renders it and fails with Helm's words; the profile says the same in its own
  const loaded = loadValues({ chart, set: ['gloo.deployment.image.tag='] });
  expect(() => resolveImages(loaded)).toThrow(/1-gloo-deployment\.yaml: error converting YAML to JSON: yaml: line \d+: mapping values are not allowed in this context/);
  expect(() => resolveImages(loaded, { profile: 'gloo' })).toThrow(/quay\.io\/solo-io\/gloo:" is not valid YAML/);
  // the current rules (an explicit chartVersion applies the profile at that version) drop the `:`
  expect(resolveImages(loaded, { chartVersion: '1.22.0' }).find((i) => i.valuesPath === 'gloo.deployment.image')!.reference).toBe('quay.io/solo-io/gloo');
});

test('an umbrella chart bundling gloo-ee resolves it with the gloo-ee profile, paths from the top', async () => {
  const loaded = loadValues({ chart: await loadChart(dir) });
  const images = resolveImages(loaded);
  const gloo = images.find((i) => i.valuesPath === 'gloo-ee.gloo.gloo.deployment.image')!;
  expect(gloo.reference).toMatch(/^quay\.io\/solo-io\/gloo-ee:1\.17\.0-distroless@sha256:/);
  expect(images.find((i) => i.valuesPath === 'gloo-ee.global.extensions.extAuth.deployment.image' || i.valuesPath === 'global.extensions.extAuth.deployment.image')).toBeDefined();
  // the same as resolving the gloo-ee chart itself with the umbrella's values for it
  const direct = resolveImages(loadValues({ chart: await loadChart(path.join(SHARED, 'gloo-ee', 'charts', '1.17.0')), set: ['license_key=from-the-umbrella', 'global.image.variant=distroless'] }));
  expect(images.map((i) => i.reference).sort()).toEqual(direct.map((i) => i.reference).sort());
});
