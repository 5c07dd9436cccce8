// The architectures a pod spec pins its nodes to (nodeSelector, required node affinity on kubernetes.io/arch), the
// platforms the registry check then asks of each image, and the pins read from real charts rendered with values
// that set them (gloo's per-component nodeSelector and affinity, dapr's daprControlPlaneArch).
import path from 'node:path';
import { archPinOf } from '../../src/images/arch-pins';
import { manifestImages } from '../../src/render/manifest-images';
import { loadValues, resolveImages, withArchPins, workloadArchPins, type ArchPin } from '../../src/index';
import { loadChart, requiredPlatforms } from '../../src/node/index';
import { fromPlain } from '../../src/values/strvals';

const CHARTS = path.join(__dirname, '..', '..', '..', 'shared', 'reference', 'charts');
const spec = (v: unknown) => fromPlain(v as Record<string, unknown>);
const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
const affinity = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

describe('archPinOf', () => {
  test.each([
    ['no pin at all', {}, undefined],
    ['a nodeSelector on the OS only', { nodeSelector: { 'kubernetes.io/os': 'linux' } }, undefined],
    ['nodeSelector kubernetes.io/arch', { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }, { allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] }],
    ['the legacy beta label', { nodeSelector: { 'beta.kubernetes.io/arch': 'amd64' } }, { allowed: ['amd64'], by: ['nodeSelector beta.kubernetes.io/arch=amd64'] }],
    ['both labels that disagree: no node', { nodeSelector: { 'kubernetes.io/arch': 'arm64', 'beta.kubernetes.io/arch': 'amd64' } }, { allowed: [], by: ['nodeSelector kubernetes.io/arch=arm64', 'nodeSelector beta.kubernetes.io/arch=amd64'] }],
    ['affinity In', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64', 'amd64'])] }), { allowed: ['amd64', 'arm64'], by: ['nodeAffinity kubernetes.io/arch In [arm64, amd64]'] }],
    ['affinity NotIn', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'NotIn', ['arm64'])] }), { excluded: ['arm64'], by: ['nodeAffinity kubernetes.io/arch NotIn [arm64]'] }],
    ['In and NotIn in one term are ANDed', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64', 'amd64']), expr('kubernetes.io/arch', 'NotIn', ['amd64'])] }), { allowed: ['arm64'], by: ['nodeAffinity kubernetes.io/arch In [arm64, amd64]', 'nodeAffinity kubernetes.io/arch NotIn [amd64]'] }],
    ['terms are ORed', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64'])] }, { matchExpressions: [expr('kubernetes.io/arch', 'In', ['s390x'])] }), { allowed: ['arm64', 's390x'], by: ['nodeAffinity kubernetes.io/arch In [arm64]', 'nodeAffinity kubernetes.io/arch In [s390x]'] }],
    ['a term that does not speak of the arch allows every arch: ORed, no pin', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64'])] }, { matchExpressions: [expr('zone', 'In', ['a'])] }), undefined],
    ['NotIn ORed with In: every arch but what In does not bring back', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'NotIn', ['arm64', 's390x'])] }, { matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64'])] }), { excluded: ['s390x'], by: ['nodeAffinity kubernetes.io/arch NotIn [arm64, s390x]', 'nodeAffinity kubernetes.io/arch In [arm64]'] }],
    ['Exists pins nothing', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'Exists')] }), undefined],
    ['DoesNotExist: no node has no arch label', affinity({ matchExpressions: [expr('kubernetes.io/arch', 'DoesNotExist')] }), { allowed: [], by: ['nodeAffinity kubernetes.io/arch DoesNotExist'] }],
    ['nodeSelector and affinity both hold', { nodeSelector: { 'kubernetes.io/arch': 'arm64' }, ...affinity({ matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64', 'amd64'])] }) }, { allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64', 'nodeAffinity kubernetes.io/arch In [arm64, amd64]'] }],
    ['preferred terms are not pins', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [expr('kubernetes.io/arch', 'In', ['arm64'])] } }] } } }, undefined],
    ['garbage shapes pin nothing and do not throw', { nodeSelector: 5, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'x' } } } }, undefined],
  ])('%s', (_name, podSpec, pin) => {
    expect(archPinOf(spec(podSpec))).toEqual(pin);
  });
});

describe('requiredPlatforms', () => {
  const w = (arch?: ArchPin) => ({ kind: 'Deployment', name: 'gloo', container: 'gloo', ...(arch ? { arch } : {}) });
  test('an unpinned workload, or unknown workloads: the cluster platforms', () => {
    expect([...requiredPlatforms([w()]).required]).toEqual([['linux/amd64', ['the default platform (no --platform)']]]);
    expect([...requiredPlatforms(undefined, ['linux/amd64', 'linux/arm64'], true).required.keys()]).toEqual(['linux/amd64', 'linux/arm64']);
  });
  test('a pinned workload needs every arch it may land on, for each OS of the cluster, and says why', () => {
    const r = requiredPlatforms([w({ allowed: ['amd64', 'arm64'], by: ['nodeAffinity kubernetes.io/arch In [amd64, arm64]'] })]);
    expect([...r.required]).toEqual([
      ['linux/amd64', ['Deployment/gloo (gloo): nodeAffinity kubernetes.io/arch In [amd64, arm64]']],
      ['linux/arm64', ['Deployment/gloo (gloo): nodeAffinity kubernetes.io/arch In [amd64, arm64]']],
    ]);
    expect(r.pins).toEqual([{ workload: 'Deployment/gloo (gloo)', platforms: ['linux/amd64', 'linux/arm64'], by: ['nodeAffinity kubernetes.io/arch In [amd64, arm64]'] }]);
  });
  test('pinned to arm64: the default amd64 is not asked; an unpinned workload of the same image adds it back', () => {
    const pinned = w({ allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] });
    expect([...requiredPlatforms([pinned]).required.keys()]).toEqual(['linux/arm64']);
    expect([...requiredPlatforms([pinned, { ...w(), name: 'other' }]).required.keys()].sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });
  test('NotIn: the cluster platforms less the excluded ones', () => {
    const r = requiredPlatforms([w({ excluded: ['arm64'], by: ['nodeAffinity kubernetes.io/arch NotIn [arm64]'] })], ['linux/amd64', 'linux/arm64'], true);
    expect([...r.required.keys()]).toEqual(['linux/amd64']);
  });
});

describe('pins read from real charts rendered with values that set them', () => {
  test('gloo 1.18.40: gloo.deployment.nodeSelector and a gateway proxy affinity reach the rendered workloads', async () => {
    const chart = await loadChart(path.join(CHARTS, 'gloo-v1.18.40'));
    const values = loadValues({
      chart,
      valuesFiles: [{
        name: 'pin.yaml',
        text: [
          'gloo:', '  deployment:', '    nodeSelector:', '      kubernetes.io/arch: arm64',
          'gatewayProxies:', '  gatewayProxy:', '    affinity:', '      nodeAffinity:', '        requiredDuringSchedulingIgnoredDuringExecution:',
          '          nodeSelectorTerms:', '          - matchExpressions:', '            - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}', '',
        ].join('\n'),
      }],
    });
    const images = resolveImages(values);
    const gloo = images.find((i) => i.valuesPath === 'gloo.deployment.image')!;
    expect(gloo.source).toBe('rendered');
    expect(gloo.workloads).toEqual([{ kind: 'Deployment', name: 'gloo', container: 'gloo', arch: { allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] } }]);
    const proxy = images.find((i) => i.workloads.some((w) => w.name === 'gateway-proxy'))!;
    expect(proxy.workloads[0]!.arch).toEqual({ allowed: ['amd64', 'arm64'], by: ['nodeAffinity kubernetes.io/arch In [amd64, arm64]'] });
    expect(images.find((i) => i.valuesPath === 'discovery.deployment.image')!.workloads[0]!.arch).toBeUndefined();
    // a profile's images learn the same pins from a render
    const byProfile = resolveImages(values, { profile: 'gloo' });
    expect(byProfile.every((i) => i.workloads.every((w) => w.arch === undefined))).toBe(true);
    const pinned = withArchPins(byProfile, workloadArchPins(values)!);
    expect(pinned.find((i) => i.valuesPath === 'gloo.deployment.image')!.workloads[0]!.arch).toEqual(gloo.workloads[0]!.arch);
  });

  test('dapr: global.daprControlPlaneArch pins every control-plane workload; without it nothing is pinned', async () => {
    const chart = await loadChart(path.join(CHARTS, 'dapr'));
    const plain = resolveImages(loadValues({ chart }));
    expect(plain.flatMap((i) => i.workloads).filter((w) => w.arch)).toEqual([]);
    const pinned = resolveImages(loadValues({ chart, set: ['global.daprControlPlaneArch=arm64'] }));
    const ws = pinned.flatMap((i) => i.workloads);
    expect(ws.length).toBeGreaterThanOrEqual(5);
    for (const w of ws) expect(w.arch).toEqual({ allowed: ['arm64'], by: ['nodeAffinity kubernetes.io/arch In [arm64]'] });
  });

  test('no chart with templates: the pins cannot be derived', () => {
    expect(workloadArchPins(loadValues({ valuesFiles: [] }))).toBeUndefined();
  });

  test('manifest images carry the pin of their pod spec', () => {
    const text = 'kind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      nodeSelector: {kubernetes.io/arch: arm64}\n      containers: [{name: a, image: "r.io/a:1"}]\n';
    expect(manifestImages([{ template: 't', text }])[0]!.arch).toEqual({ allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] });
  });
});
