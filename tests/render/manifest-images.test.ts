// Images read from rendered manifests: every container list of every workload kind, pod templates inside other
// kinds, GatewayParameters' derived references.
import { manifestImages } from '../../src/render/manifest-images';

const doc = (template: string, text: string) => ({ template, text });
const pod = `
      initContainers: [{ name: init, image: busybox:1.36 }]
      containers: [{ name: app, image: "r.io/app:1.0" }, { name: noimg }]
      ephemeralContainers: [{ name: dbg, image: "r.io/debug@sha256:${'a'.repeat(64)}" }]`;

test.each([
  ['Pod', `kind: Pod\nmetadata: {name: p}\nspec:${pod.replace(/\n {4}/g, '\n')}`],
  ['Deployment', `kind: Deployment\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
  ['StatefulSet', `kind: StatefulSet\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
  ['DaemonSet', `kind: DaemonSet\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
  ['ReplicaSet', `kind: ReplicaSet\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
  ['Job', `kind: Job\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
  ['CronJob', `kind: CronJob\nmetadata: {name: p}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:${pod.replace(/\n/g, '\n    ')}`],
  ['Rollout', `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: p}\nspec:\n  template:\n    spec:${pod}`],
])('%s: init, regular and ephemeral containers', (kind, text) => {
  const imgs = manifestImages([doc('c/templates/x.yaml', text)]);
  expect(imgs.map((i) => [i.kind, i.name, i.container, i.image, i.field])).toEqual([
    [kind, 'p', 'init', 'busybox:1.36', 'initContainers'],
    [kind, 'p', 'app', 'r.io/app:1.0', 'containers'],
    [kind, 'p', 'noimg', null, 'containers'],
    [kind, 'p', 'dbg', `r.io/debug@sha256:${'a'.repeat(64)}`, 'ephemeralContainers'],
  ]);
  expect(imgs.every((i) => i.template === 'c/templates/x.yaml')).toBe(true);
});

test('GatewayParameters: the deployer-derived reference of each image group, the fields as held', () => {
  const text = `kind: GatewayParameters
metadata: {name: gloo-gateway}
spec:
  kube:
    envoyContainer:
      image: {registry: quay.io/solo-io, repository: gloo-envoy-wrapper, tag: 1.10}
    sdsContainer:
      image: {registry: quay.io/solo-io, repository: sds, tag: "1.18.0", digest: "sha256:${'b'.repeat(64)}"}
    istio:
      istioProxyContainer:
        image: {repository: proxyv2, tag: "1.22.0"}
    aiExtension:
      enabled: false`;
  const imgs = manifestImages([doc('gloo/templates/43-gatewayparameters.yaml', text)]);
  expect(imgs.map((i) => [i.container, i.image])).toEqual([
    ['envoyContainer', 'quay.io/solo-io/gloo-envoy-wrapper:1.1'],
    ['sdsContainer', `quay.io/solo-io/sds:1.18.0@sha256:${'b'.repeat(64)}`],
    ['istio.istioProxyContainer', '%!s(<nil>)/proxyv2:1.22.0'],
  ]);
  expect(imgs[0]!.fields).toEqual({ registry: 'quay.io/solo-io', repository: 'gloo-envoy-wrapper', tag: 1.1 });
});

test('kinds without pods, scalars and unreadable documents give no images', () => {
  expect(manifestImages([doc('a', 'kind: ConfigMap\ndata: {image: x}'), doc('b', 'kind: Service\nspec: {ports: []}'), doc('c', 'a: [1][2]')])).toEqual([]);
});
