// The built-in `gloo-ee` profile: the Gloo Enterprise chart, as data (../shared/reference/gloo-ee-chart-images.md).
// The parent chart renders the data plane (extauth, rate-limit, redis, caching), observability, the prometheus
// migration Job and the waypoint GatewayParameters; its subcharts render the rest, each with its own profile: the
// bundled `gloo` chart (the OSS profile, plus the extauth sidecar gloo-ee injects into every gateway proxy), gloo-fed,
// the portal, and the community prometheus and grafana charts. Every Solo image of the parent is printed by the
// bundled gloo chart's helper (Helm shares template definitions across a chart and its subcharts), so the parent's
// image rules are those of the bundled gloo version (`rulesFrom: 'gloo'`).
import type { Profile, ProfileContainer } from '../images/profile.js';
import { glooGatewayEntries, glooProfile } from './gloo.js';

const mtlsSidecars = (extraEnvoyWhen = ''): ProfileContainer[] => [
  { name: 'envoy-sidecar', image: 'global.glooMtls.envoy.image', when: `global.glooMtls.enabled${extraEnvoyWhen}` },
  { name: 'sds', image: 'global.glooMtls.sds.image', when: 'global.glooMtls.enabled' },
];

/**
 * The extauth container (gloo-ee's `gloo.extauthcontainer`) and its plugin init containers. As a proxy sidecar with
 * dataplanePerProxy the helper kebab-cases a `.Name` the proxy's context does not have, and the render fails (charts
 * bundling gloo 1.17 and later; the versions of a subchart's containers are the subchart's).
 */
const extauthContainers = (when: string, whenRaw: boolean, sidecar: boolean): ProfileContainer[] => [
  {
    name: '{value:global.extensions.extAuth.deployment.name}',
    image: 'global.extensions.extAuth.deployment.image',
    when,
    whenRaw,
    ...(sidecar
      ? { fails: { when: 'global.extensions.dataplanePerProxy', versions: '>=1.17.0-beta1', message: 'error calling include: template: gloo-ee/templates/_helpers.tpl:92:52: executing "gloo.extauthcontainer" at <kebabcase>: invalid value; expected string' } }
      : {}),
  },
  { name: 'plugin-{key}', each: 'global.extensions.extAuth.plugins', image: '@.image', init: true, when, whenRaw },
];

/** The data plane renders once per entry that `gloo.dataplaneperproxyhelper` picks. */
const dataplane = {
  strategy: 'gloo-dataplane' as const,
  perEntry: 'global.extensions.dataplanePerProxy',
  // the kubeGateway placeholder came with the 1.17.0 chart; before, no enabled proxy fails the render even with kubeGateway
  placeholder: { when: 'gloo.kubeGateway.enabled', key: 'kube-gateway-placeholder', versions: '>=1.17.0' },
  emptyFails: {
    versions: '<1.17.0',
    message: 'execution error in gloo.dataplaneperproxyhelper: no gateway proxy is enabled (error calling pick: invalid value; expected string)',
  },
};

/** gloo-fed: the federation controller, its console and the RBAC webhook. */
export const glooFedProfile: Profile = {
  name: 'gloo-fed',
  chart: 'gloo-fed',
  description: 'Gloo Federation (a subchart of gloo-ee)',
  globalImage: 'global.image',
  helpers: [
    { versions: '>=1.17.0', helper: 'gloo-fed' },
    { versions: '=1.0.0-ci1', helper: 'gloo-fed-first-variant' },
    { helper: 'plain' },
  ],
  workloads: [
    { kind: 'Deployment', name: 'gloo-fed', when: 'enabled', containers: [{ name: 'gloo-fed', image: 'glooFed.image' }] },
    {
      kind: 'Deployment',
      name: 'gloo-fed-console',
      when: 'glooFedApiserver.enable',
      containers: [
        { name: 'apiserver', image: 'glooFedApiserver.image' },
        { name: 'console', image: 'glooFedApiserver.console.image' },
        { name: 'envoy', image: 'glooFedApiserver.envoy.image' },
      ],
    },
    {
      kind: 'Deployment',
      name: 'rbac-validating-webhook',
      when: 'enabled && enableMultiClusterRbac',
      containers: [{ name: 'gloo-fed-rbac-validating-webhook', image: 'rbacWebhook.image' }],
    },
  ],
  fanOuts: [],
  imageFields: [],
};

/** The portal web server: its image fields printed raw, never merged with global.image. */
export const portalProfile: Profile = {
  name: 'gateway-portal-web-server',
  chart: 'gateway-portal-web-server',
  globalImage: 'global.image',
  helpers: [{ helper: 'raw' }],
  workloads: [
    {
      kind: 'Deployment',
      name: 'gateway-portal-web-server',
      when: 'glooPortalServer.enabled',
      containers: [{ name: 'gateway-portal-web-server', image: 'glooPortalServer.image' }],
    },
  ],
  fanOuts: [],
  imageFields: [],
};

/** A community chart: images printed by its own templates (`format`), never merged with a global image block. */
const communityChart = (chart: string, workloads: Profile['workloads']): Profile => ({
  name: chart,
  chart,
  globalImage: 'global.image',
  helpers: [{ helper: 'format' }],
  workloads,
  fanOuts: [],
  imageFields: [],
});

const digestOrTag = (tag: string) => [{ if: 'digest', template: '{repository}@{digest}' }, { template: `{repository}:${tag}` }];
const shaOr = (prefix: string, tag: string, sha: string) => [{ if: 'sha', template: `${prefix}{repository}:${tag}@${sha}` }, { template: `${prefix}{repository}:${tag}` }];

/**
 * The community prometheus chart (15.x and 25.x as gloo-ee bundles them): the server and its config reloader. 25.x
 * always has a server; 15.x switches it with server.enabled.
 */
export const prometheusProfile = communityChart('prometheus', [
  ...[
    { kind: 'Deployment', when: '!server.statefulSet.enabled', versions: '>=25.0.0' },
    { kind: 'StatefulSet', when: 'server.statefulSet.enabled', versions: '>=25.0.0' },
    { kind: 'Deployment', when: 'server.enabled && !server.statefulSet.enabled', versions: '<25.0.0' },
    { kind: 'StatefulSet', when: 'server.enabled && server.statefulSet.enabled', versions: '<25.0.0' },
  ].map((w) => ({
    ...w,
    name: '{fullname:server}',
    containers: [
      { passthrough: 'server.extraInitContainers', init: true },
      {
        name: '{chartName}-{value:server.name}-{value:configmapReload.prometheus.name}',
        image: 'configmapReload.prometheus.image',
        when: 'configmapReload.prometheus.enabled',
        format: w.versions === '>=25.0.0' ? digestOrTag('{tag}') : [{ template: '{repository}:{tag}' }],
      },
      { name: '{chartName}-{value:server.name}', image: 'server.image', format: w.versions === '>=25.0.0' ? digestOrTag('{tag|appVersion}') : [{ template: '{repository}:{tag}' }] },
    ],
  })),
  // 15.x renders alertmanager, node-exporter and pushgateway itself (25.x has them as subcharts)
  ...[
    { kind: 'Deployment', when: 'alertmanager.enabled && !alertmanager.statefulSet.enabled' },
    { kind: 'StatefulSet', when: 'alertmanager.enabled && alertmanager.statefulSet.enabled' },
  ].map((w) => ({
    ...w,
    name: '{fullname:alertmanager}',
    versions: '<25.0.0',
    containers: [
      { name: '{chartName}-{value:alertmanager.name}', image: 'alertmanager.image', format: [{ template: '{repository}:{tag}' }] },
      {
        name: '{chartName}-{value:alertmanager.name}-{value:configmapReload.alertmanager.name}',
        image: 'configmapReload.alertmanager.image',
        when: 'configmapReload.alertmanager.enabled',
        format: [{ template: '{repository}:{tag}' }],
      },
    ],
  })),
  ...(['nodeExporter', 'pushgateway'] as const).map((c) => ({
    kind: c === 'nodeExporter' ? 'DaemonSet' : 'Deployment',
    name: `{fullname:${c}}`,
    when: `${c}.enabled`,
    versions: '<25.0.0',
    containers: [{ name: `{chartName}-{value:${c}.name}`, image: `${c}.image`, format: [{ template: '{repository}:{tag}' }] }],
  })),
]);

/** kube-state-metrics (a subchart of prometheus). */
export const kubeStateMetricsProfile = communityChart('kube-state-metrics', [
  {
    kind: 'Deployment',
    name: '{fullname}',
    containers: [
      { name: '{chartName}', image: 'image', versions: '>=5.0.0', format: shaOr('{global.imageRegistry|registry}/', '{tag|vAppVersion}', '{sha}') },
      { name: '{chartName}', image: 'image', versions: '<5.0.0', format: shaOr('', '{tag}', 'sha256:{sha}') },
    ],
  },
]);

/** The community grafana chart (6.x and 7.x as gloo-ee bundles them). */
export const grafanaProfile = communityChart('grafana', [
  {
    kind: 'Deployment',
    name: '{fullname}',
    containers: [
      { name: 'grafana', image: 'image', versions: '>=7.0.0', format: shaOr('{global.imageRegistry|registry}/', '{tag|appVersion}', 'sha256:{sha}') },
      { name: 'grafana', image: 'image', versions: '<7.0.0', format: shaOr('', '{tag}', 'sha256:{sha}') },
    ],
  },
]);

/** alertmanager (a subchart of prometheus 25.x; off in gloo-ee's defaults). */
export const alertmanagerProfile = communityChart('alertmanager', [
  {
    kind: 'StatefulSet',
    name: '{fullname}',
    containers: [
      { name: 'alertmanager-{value:configmapReload.name}', image: 'configmapReload.image', when: 'configmapReload.enabled', format: [{ template: '{repository}:{tag}' }] },
      { name: 'alertmanager', image: 'image', format: [{ template: '{repository}:{tag|appVersion}' }] },
    ],
  },
]);

/** prometheus-node-exporter (a subchart of prometheus 25.x; off in gloo-ee's defaults). */
export const nodeExporterProfile = communityChart('prometheus-node-exporter', [{ kind: 'DaemonSet', name: '{fullname}', containers: [{ name: 'node-exporter', image: 'image', format: [{ if: 'digest', template: '{global.imageRegistry|registry}/{repository}:{tag|vAppVersion}@{digest}' }, { template: '{global.imageRegistry|registry}/{repository}:{tag|vAppVersion}' }] }] }]);

/** prometheus-pushgateway (a subchart of prometheus 25.x; off in gloo-ee's defaults). */
export const pushgatewayProfile = communityChart('prometheus-pushgateway', [
  { kind: 'Deployment', when: '!runAsStatefulSet' },
  { kind: 'StatefulSet', when: 'runAsStatefulSet' },
].map((w) => ({
  ...w,
  name: '{fullname}',
  containers: [{ passthrough: 'extraContainers' }, { name: 'pushgateway', image: 'image', format: [{ template: '{repository}:{tag|appVersion}' }] }],
})));

export const glooEeProfile: Profile = {
name: 'gloo-ee',
chart: 'gloo-ee',
description: 'Gloo Gateway Enterprise (gloo-ee), chart versions 1.16.0 and later; its Solo images follow the bundled gloo chart',
globalImage: 'global.image',
rulesFrom: 'gloo',
checks: [
  {
    when: 'create_license_secret && (kindIs("invalid", license_key) || eq(license_key, ""))',
    message: 'execution error at (gloo-ee/templates/30-license-secret.yaml:12:18): A license key is required!',
    license: true,
    path: 'license_key',
  },
],
subcharts: [
  {
    name: 'gloo',
    profile: glooProfile,
    // gloo-ee's gloo.updatevalues gives every gateway proxy the extauth sidecar (and its plugin init containers)
    extend: [{ each: 'gatewayProxies', containers: extauthContainers('global.extensions.extAuth.envoySidecar && !$.disableExtauthSidecar', true, true) }],
  },
  { name: 'gloo-fed', profile: glooFedProfile },
  { name: 'gateway-portal-web-server', profile: portalProfile },
  { name: 'prometheus', profile: prometheusProfile },
  { name: 'prometheus.kube-state-metrics', profile: kubeStateMetricsProfile },
  { name: 'prometheus.alertmanager', profile: alertmanagerProfile },
  { name: 'prometheus.prometheus-node-exporter', profile: nodeExporterProfile },
  { name: 'prometheus.prometheus-pushgateway', profile: pushgatewayProfile },
  { name: 'grafana', profile: grafanaProfile },
],
workloads: [
  {
    kind: 'Deployment',
    name: 'observability',
    when: 'observability.enabled && (grafana.defaultInstallationEnabled || observability.customGrafana.enabled)',
    containers: [{ name: 'observability', image: 'observability.deployment.image' }],
  },
  {
    kind: 'Job',
    name: 'prometheus-server-migration',
    when: 'prometheus.enabled && prometheus.prometheusServerMigrationJob.enabled',
    versions: '>=1.17.0',
    containers: [{ name: 'prometheus-server-migration', image: 'prometheus.prometheusServerMigrationJob.image' }],
  },
],
fanOuts: [
  {
    each: 'gloo.gatewayProxies',
    select: dataplane,
    name: '{value:global.extensions.extAuth.deployment.name}',
    when: 'global.extensions.extAuth.enabled && global.extensions.extAuth.standaloneDeployment',
    kind: [{ kind: 'Deployment' }],
    containers: [...extauthContainers('', false, false), ...mtlsSidecars()],
  },
  {
    each: 'gloo.gatewayProxies',
    select: dataplane,
    name: '{value:global.extensions.rateLimit.deployment.name}',
    when: 'global.extensions.rateLimit.enabled',
    kind: [{ kind: 'Deployment' }],
    containers: [{ name: 'rate-limit', image: 'global.extensions.rateLimit.deployment.image' }, ...mtlsSidecars(' || redis.clientSideShardingEnabled')],
  },
  {
    each: 'gloo.gatewayProxies',
    select: dataplane,
    name: '{value:redis.deployment.name}',
    when: 'global.extensions.rateLimit.enabled && !redis.disabled',
    kind: [{ kind: 'Deployment' }],
    containers: [
      { name: 'createconf', image: 'redis.deployment.initContainer.image', helper: 'plain', init: true, when: 'global.extensions.glooRedis.enableAcl', eager: true },
      { name: 'redis', image: 'redis.deployment.image', helper: 'plain', eager: true },
    ],
  },
  {
    each: 'gloo.gatewayProxies',
    select: dataplane,
    name: '{value:global.extensions.caching.deployment.name}',
    when: 'global.extensions.caching.enabled',
    kind: [{ kind: 'Deployment' }],
    containers: [{ name: 'caching-service', image: 'global.extensions.caching.deployment.image' }, { name: 'sds', image: 'global.glooMtls.sds.image', when: 'global.glooMtls.enabled' }],
  },
],
imageFields: [
  {
    kind: 'GatewayParameters',
    name: 'gloo-waypoint',
    when: 'gloo.kubeGateway.enabled && ambient.waypoint.enabled',
    versions: '>=1.17.0',
    entries: glooGatewayEntries('gloo.'),
  },
],
};
