// Profiles users write are checked before use: the JSON Schema (schemas/profile.schema.json), then conditions and
// subchart profile names, each problem reported with its JSON pointer in the profile.
import fs from 'node:fs';
import path from 'node:path';
import { checkProfile, parseProfile, ProfileError, resolveImages, ResolveError } from '../../src/index';
import { PROFILE_SCHEMA } from '../../src/images/profile-schema.data';
import { glooProfile } from '../../src/profiles/gloo';
import {
  alertmanagerProfile,
  glooEeProfile,
  glooFedProfile,
  grafanaProfile,
  kubeStateMetricsProfile,
  nodeExporterProfile,
  portalProfile,
  prometheusProfile,
  pushgatewayProfile,
} from '../../src/profiles/gloo-ee';

const ok = {
  name: 'web',
  chart: 'web',
  globalImage: 'global.image',
  workloads: [{ kind: 'Deployment', name: '{release}-web', containers: [{ name: 'web', image: 'web.image' }, { passthrough: 'web.extraContainers' }] }],
  fanOuts: [],
  imageFields: [],
};

test('the shipped schema file is the schema the library checks with', () => {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'profile.schema.json'), 'utf8')) as unknown;
  expect(file).toEqual(PROFILE_SCHEMA);
});

test('a valid profile is accepted and resolves', () => {
  expect(checkProfile(ok)).toBe(ok);
  const images = resolveImages({ global: { image: { registry: 'r.example' } }, web: { image: { repository: 'web', tag: '2.0' }, extraContainers: [{ name: 'log', image: 'busybox' }] } }, { profile: ok, releaseName: 'shop' });
  expect(images.map((i) => [i.reference, i.source, i.workloads])).toEqual([
    ['busybox', 'passthrough', [{ kind: 'Deployment', name: 'shop-web', container: 'log' }]],
    ['r.example/web:2.0', 'chart', [{ kind: 'Deployment', name: 'shop-web', container: 'web' }]],
  ]);
});

const bad: Array<[string, unknown, Array<{ pointer: string; message: RegExp }>]> = [
  ['not an object', 42, [{ pointer: '/', message: /must be object/ }]],
  ['missing fields', { name: 'x' }, [{ pointer: '/', message: /missing property "chart"/ }]],
  ['an unknown property', { ...ok, workload: [] }, [{ pointer: '/', message: /unknown property "workload"/ }]],
  ['a container with image and passthrough', { ...ok, workloads: [{ kind: 'Job', name: 'j', containers: [{ image: 'a.image', passthrough: 'a.list' }] }] }, [{ pointer: '/workloads/0/containers/0', message: /exactly one of "image" and "passthrough"/ }]],
  ['an unknown helper', { ...ok, workloads: [{ kind: 'Job', name: 'j', containers: [{ image: 'a.image', helper: 'bitnami' }] }] }, [{ pointer: '/workloads/0/containers/0/helper', message: /must be one of "gloo"/ }]],
  ['a bad version range', { ...ok, workloads: [{ kind: 'Job', name: 'j', versions: '~1.2', containers: [] }] }, [{ pointer: '/workloads/0/versions', message: /must match pattern/ }]],
  ['a broken condition', { ...ok, workloads: [{ kind: 'Job', name: 'j', when: 'a && (b', containers: [] }] }, [{ pointer: '/workloads/0/when', message: /expected \)/ }]],
  ['an unknown subchart profile', { ...ok, subcharts: [{ name: 'db', profile: 'postgres' }] }, [{ pointer: '/subcharts/0/profile', message: /unknown built-in profile "postgres"/ }]],
  ['a bad path', { ...ok, globalImage: 'global..image' }, [{ pointer: '/globalImage', message: /must match pattern/ }]],
];

test.each(bad)('refused: %s', (_name, profile, want) => {
  let err: unknown;
  try {
    checkProfile(profile, (n) => (n === 'gloo' ? ok : undefined) as never);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ProfileError);
  for (const w of want) expect((err as ProfileError).problems).toContainEqual({ pointer: w.pointer, message: expect.stringMatching(w.message) });
  // resolveImages reports the same as a ResolveError
  expect(() => resolveImages({}, { profile: profile as never })).toThrow(ResolveError);
});

test('profiles are read from YAML or JSON text', () => {
  const yaml = 'name: web\nchart: web\nglobalImage: global.image\nworkloads:\n  - kind: Deployment\n    name: web\n    containers: [{name: web, image: web.image}]\nfanOuts: []\nimageFields: []\n';
  expect(parseProfile(yaml, 'web.yaml').workloads[0]!.name).toBe('web');
  expect(parseProfile(JSON.stringify(ok), 'web.json').name).toBe('web');
  expect(() => parseProfile('name: [', 'broken.yaml')).toThrow(/broken\.yaml/);
});

test('every built-in profile passes its own schema', () => {
  for (const p of [glooProfile, glooEeProfile, glooFedProfile, portalProfile, prometheusProfile, kubeStateMetricsProfile, alertmanagerProfile, nodeExporterProfile, pushgatewayProfile, grafanaProfile]) {
    expect(checkProfile(p, (n) => (n === 'gloo' ? glooProfile : undefined))).toBe(p);
  }
});
