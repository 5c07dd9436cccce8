// Architecture pins read from the values by the Gloo chart's convention (profile mode without templates) agree
// with the pins of the rendered manifests, on the real gloo charts at five versions, for every component the
// values pin (deployments, jobs, gateway proxies, mTLS sidecars).
import path from 'node:path';
import { loadValues, resolveImages, withArchPins, workloadArchPins, type ResolvedImage } from '../../src/index';
import { valuesArchPins } from '../../src/images/values-arch-pins';
import { loadChart } from '../../src/node/index';

const CHARTS = path.join(__dirname, '..', '..', '..', 'shared', 'reference', 'charts');
const arm = { 'kubernetes.io/arch': 'arm64' };
const inArchs = (values: string[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values }] }] } } });
const CASES: Array<[string, Record<string, unknown>]> = [
  ['gloo nodeSelector', { gloo: { deployment: { nodeSelector: arm } } }],
  ['discovery affinity', { discovery: { enabled: true, deployment: { affinity: inArchs(['arm64', 'amd64']) } } }],
  ['gateway proxy nodeSelector and affinity', { gatewayProxies: { gatewayProxy: { podTemplate: { nodeSelector: { 'beta.kubernetes.io/arch': 'arm64' } }, affinity: inArchs(['arm64']) } } }],
  ['jobs', { gateway: { certGenJob: { nodeSelector: arm }, rolloutJob: { affinity: inArchs(['s390x']) } } }],
  ['mTLS sidecars join the pinned pod', { global: { glooMtls: { enabled: true } }, gloo: { deployment: { nodeSelector: arm } } }],
  ['access logger', { accessLogger: { enabled: true, nodeSelector: arm } }],
];

const pinsOf = (images: ResolvedImage[]) =>
  images.flatMap((i) => i.workloads.filter((w) => w.kind !== 'GatewayParameters').map((w) => `${i.valuesPath} ${w.kind}/${w.name}/${w.container} ${JSON.stringify(w.arch ?? null)}`)).sort();

describe.each(['gloo-v1.16.27', 'gloo-v1.17.0', 'gloo-v1.18.40', 'gloo-v1.19.10', 'gloo-v1.21.12'])('%s', (id) => {
  test.each(CASES)('%s: the values give the pins the render gives', async (_name, pin) => {
    const chart = await loadChart(path.join(CHARTS, id));
    const values = loadValues({ chart, valuesFiles: [{ name: 'pin.yaml', text: JSON.stringify(pin) }] });
    const images = resolveImages(values, { profile: 'gloo' });
    const fromValues = pinsOf(valuesArchPins(values, images));
    const fromRender = pinsOf(withArchPins(images, workloadArchPins(values)!));
    expect(fromValues).toEqual(fromRender);
    expect(fromValues.some((l) => !l.endsWith(' null'))).toBe(true);
  });
});

test('without a chart: user values alone, as `--profile gloo --chart-version` reads them', () => {
  const values = loadValues({ valuesFiles: [{ name: 'pin.yaml', text: 'gloo:\n  deployment:\n    nodeSelector:\n      kubernetes.io/arch: arm64\n' }] });
  const images = valuesArchPins(values, resolveImages(values, { profile: 'gloo', chartVersion: '1.18.40' }));
  expect(images.find((i) => i.valuesPath === 'gloo.deployment.image')!.workloads).toEqual([{ kind: 'Deployment', name: 'gloo', container: 'gloo', arch: { allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] } }]);
  expect(images.find((i) => i.valuesPath === 'discovery.deployment.image')!.workloads[0]!.arch).toBeUndefined();
});
