// The built-in `gloo` profile: the Gloo Gateway OSS chart (install/helm/gloo), as data. Image blocks, the
// workloads and containers they render into and when (../shared/reference/gloo-chart-images.md §2), with the
// version-dependent parts gated by chart version. The image rules themselves come by version from
// src/images/gloo-epochs.data.ts (derived from the chart's release history).
import { GLOO_SHAPES } from './gloo-shapes.data.js';
import type { Profile, ProfileContainer, ProfileImageFields } from '../images/profile.js';

const init = (path: string): ProfileContainer => ({ passthrough: path, init: true });

/** The certgen block's containers; `eager`: the chart merges the image before testing the workload's condition. */
const certgen = (eager: boolean): ProfileContainer[] => [
  init('gateway.certGenJob.initContainers'),
  { name: 'certgen', image: 'gateway.certGenJob.image', ...(eager ? { eager: true } : {}) },
];

/**
 * The image entries of the `glooGateway` GatewayParameters, read from `<prefix>kubeGateway.gatewayParameters.glooGateway`
 * (gloo-ee's waypoint reads the same blocks through its `gloo.` key). `aiVersions`: chart versions with aiExtension.
 */
export function glooGatewayEntries(prefix: string, aiVersions?: string): ProfileImageFields['entries'] {
  const gg = `${prefix}kubeGateway.gatewayParameters.glooGateway`;
  return [
    { container: 'envoyContainer', image: `${gg}.envoyContainer.image`, optional: true },
    { container: 'sdsContainer', image: `${gg}.sdsContainer.image`, when: `${gg}.sdsContainer` },
    {
      container: 'istio.istioProxyContainer',
      image: `${gg}.istio.istioProxyContainer.image`,
      when: `${gg}.sdsContainer && ${gg}.istio.istioProxyContainer && !${gg}.istio.customSidecars`,
    },
    { container: 'aiExtension', image: `${gg}.aiExtension.image`, when: `${gg}.aiExtension`, ...(aiVersions ? { versions: aiVersions } : {}) },
  ];
}

export const glooProfile: Profile = {
  name: 'gloo',
  chart: 'gloo',
  description: 'Gloo Gateway (open source), chart versions 1.16.0 and later',
  globalImage: 'global.image',
  workloads: [
    {
      kind: 'Deployment',
      name: 'gloo',
      containers: [
        init('gloo.deployment.initContainers'),
        { name: 'envoy-sidecar', image: 'global.glooMtls.envoy.image', when: 'global.glooMtls.enabled' },
        { name: 'sds', image: 'global.glooMtls.sds.image', when: 'global.glooMtls.enabled' },
        { name: 'gloo', image: 'gloo.deployment.image' },
      ],
    },
    { kind: 'Deployment', name: 'discovery', when: 'discovery.enabled', containers: [init('discovery.deployment.initContainers'), { name: 'discovery', image: 'discovery.deployment.image' }] },
    {
      kind: 'Job',
      name: 'gateway-certgen',
      when: 'gateway.enabled && gateway.validation.enabled && gateway.certGenJob.enabled',
      containers: certgen(false),
    },
    {
      kind: 'CronJob',
      name: 'gateway-certgen-cronjob',
      when: 'gateway.enabled && gateway.validation.enabled && gateway.validation.webhook.enabled && gateway.certGenJob.cron.enabled',
      containers: certgen(true),
    },
    { kind: 'Job', name: 'gloo-mtls-certgen', when: 'global.glooMtls.enabled', containers: certgen(true) },
    {
      kind: 'CronJob',
      name: 'gloo-mtls-certgen-cronjob',
      when: 'global.glooMtls.enabled && gateway.certGenJob.cron.enabled',
      containers: certgen(true),
    },
    ...['gloo-resource-rollout', 'gloo-resource-migration', 'gloo-resource-rollout-check', 'gloo-resource-rollout-cleanup'].map((name) => ({
      kind: 'Job',
      name,
      when: 'gateway.rolloutJob.enabled',
      containers: [init('gateway.rolloutJob.initContainers'), { name: 'kubectl', image: 'gateway.rolloutJob.image' }],
    })),
    { kind: 'Job', name: 'gloo-resource-cleanup', when: 'gateway.cleanupJob.enabled', containers: [init('gateway.cleanupJob.initContainers'), { name: 'kubectl', image: 'gateway.cleanupJob.image' }] },
    {
      kind: 'Deployment',
      name: 'gateway-proxy-access-logger',
      when: 'gateway.enabled && accessLogger.enabled',
      containers: [init('accessLogger.initContainers'), { name: 'access-logger', image: 'accessLogger.image' }],
    },
    {
      kind: 'Deployment',
      name: 'ingress',
      when: 'ingress.enabled || settings.integrations.knative.enabled',
      containers: [init('ingress.deployment.initContainers'), { name: 'ingress', image: 'ingress.deployment.image' }],
    },
    {
      // the ingress-proxy takes its pod fields, init containers included, from ingress.deployment
      kind: 'Deployment',
      name: 'ingress-proxy',
      when: 'ingress.enabled',
      containers: [init('ingress.deployment.initContainers'), { name: 'ingress-proxy', image: 'ingressProxy.deployment.image' }],
    },
    {
      kind: 'Deployment',
      name: 'clusteringress-proxy',
      when: 'settings.integrations.knative.enabled && semverCompare("< 0.8.0", settings.integrations.knative.version)',
      containers: [init('settings.integrations.knative.proxy.initContainers'), { name: 'clusteringress-proxy', image: 'settings.integrations.knative.proxy.image' }],
    },
    ...['knative-external-proxy', 'knative-internal-proxy'].map((name) => ({
      kind: 'Deployment',
      name,
      when: 'settings.integrations.knative.enabled && semverCompare(">= 0.8.0", settings.integrations.knative.version)',
      containers: [init('settings.integrations.knative.proxy.initContainers'), { name, image: 'settings.integrations.knative.proxy.image' }],
    })),
  ],
  fanOuts: [
    {
      each: 'gatewayProxies',
      base: 'gatewayProxy',
      when: 'gateway.enabled',
      skip: '$.disabled',
      kind: [
        // from 1.22.0-beta11 a kind.workloadType decides, else a map kind.deployment makes a Deployment
        { when: 'kindIs("map", $.kind) && $.kind.workloadType', versions: '>=1.22.0-beta11', kind: '$.kind.workloadType' },
        { when: 'kindIs("map", $.kind.deployment)', versions: '>=1.22.0-beta11', kind: 'Deployment' },
        { versions: '>=1.22.0-beta11', kind: 'DaemonSet' },
        // before: a falsy kind.deployment makes a DaemonSet
        { when: '!$.kind.deployment', kind: 'DaemonSet' },
        { kind: 'Deployment' },
      ],
      checks: [
        {
          when: 'kindIs("map", $.kind) && $.kind.workloadType && ne($.kind.workloadType, "Deployment") && ne($.kind.workloadType, "DaemonSet")',
          versions: '>=1.22.0-beta11',
          message: 'gatewayProxies.{name}.kind.workloadType must be Deployment or DaemonSet',
        },
        {
          when: '$.kind.deployment && !kindIs("map", $.kind.deployment)',
          versions: '<1.22.0-beta11',
          afterSkip: true,
          message: 'gatewayProxies.{name}.kind.deployment is set but is not a map (the chart reads kind.deployment.replicas from it)',
        },
      ],
      containers: [
        { passthrough: '$.podTemplate.extraInitContainers', init: true },
        // merged with global.image before the proxy's `disabled` is tested
        { name: '{name}', image: '$.podTemplate.image', eager: true },
        { passthrough: '$.podTemplate.extraContainers' },
        { name: 'sds', image: 'global.glooMtls.sds.image', when: 'global.glooMtls.enabled || global.istioSDS.enabled || global.istioIntegration.enabled', versions: '>=1.17.0-rc1' },
        { name: 'sds', image: 'global.glooMtls.sds.image', when: 'global.glooMtls.enabled || global.istioSDS.enabled', versions: '<1.17.0-rc1' },
        { passthrough: 'global.istioSDS.customSidecars', when: 'global.istioSDS.enabled || global.istioIntegration.enabled', versions: '>=1.17.0-rc1' },
        { passthrough: 'global.istioSDS.customSidecars', when: 'global.istioSDS.enabled', versions: '<1.17.0-rc1' },
        { name: 'istio-proxy', image: 'global.glooMtls.istioProxy.image', when: '(global.istioSDS.enabled || global.istioIntegration.enabled) && empty(global.istioSDS.customSidecars)', versions: '>=1.17.0-rc1' },
        { name: 'istio-proxy', image: 'global.glooMtls.istioProxy.image', when: 'global.istioSDS.enabled && empty(global.istioSDS.customSidecars)', versions: '<1.17.0-rc1' },
      ],
    },
  ],
  imageFields: [
    {
      kind: 'GatewayParameters',
      name: 'gloo-gateway',
      when: 'kubeGateway.enabled',
      versions: '>=1.17.0-beta32',
      checks: [
        {
          // the chart reads istio.customSidecars whenever the sds container renders
          when: 'kubeGateway.gatewayParameters.glooGateway.sdsContainer && !kindIs("map", kubeGateway.gatewayParameters.glooGateway.istio)',
          message: 'kubeGateway.gatewayParameters.glooGateway.istio must be a map when sdsContainer is set (nil pointer evaluating interface {}.customSidecars)',
        },
      ],
      entries: glooGatewayEntries('', '>=1.18.0-beta4'),
    },
  ],
  shapes: GLOO_SHAPES,
};
