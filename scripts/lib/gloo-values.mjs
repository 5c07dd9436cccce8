// Values of the open-source gloo chart that the render corpora vary: its image blocks and the random field values
// drawn for them. The gloo-ee chart embeds the same chart as its `gloo` subchart, so record-gloo-ee-renders.mjs uses
// these blocks under the prefix `gloo.` (keys under `global.` stay where they are: the parent's global reaches the
// subchart).

/** Path of the GatewayParameters image groups inside the gloo chart's values. */
export const GATEWAY_PARAMETERS = 'kubeGateway.gatewayParameters.glooGateway';

/**
 * The gloo chart's image blocks: values path, and the switches that make them render; `gp`: only where the chart has
 * GatewayParameters, `ai`: only where it has the aiExtension entry. `prefix` is put before every path and switch
 * outside `global.`.
 */
export function glooImageBlocks(prefix = '') {
  const p = (s) => (s.startsWith('global.') ? s : prefix + s);
  const GG = GATEWAY_PARAMETERS;
  const table = {
    gloo: ['gloo.deployment.image'],
    discovery: ['discovery.deployment.image', 'discovery.enabled'],
    gatewayProxy: ['gatewayProxies.gatewayProxy.podTemplate.image'],
    mtlsEnvoy: ['global.glooMtls.envoy.image', 'global.glooMtls.enabled'],
    mtlsSds: ['global.glooMtls.sds.image', 'global.glooMtls.enabled'],
    istioProxy: ['global.glooMtls.istioProxy.image', 'global.istioSDS.enabled'],
    certgen: ['gateway.certGenJob.image', 'gateway.certGenJob.cron.enabled'],
    rollout: ['gateway.rolloutJob.image'],
    cleanup: ['gateway.cleanupJob.image'],
    accessLogger: ['accessLogger.image', 'accessLogger.enabled'],
    ingress: ['ingress.deployment.image', 'ingress.enabled'],
    ingressProxy: ['ingressProxy.deployment.image', 'ingress.enabled'],
    knative: ['settings.integrations.knative.proxy.image', 'settings.integrations.knative.enabled'],
    gpEnvoy: [`${GG}.envoyContainer.image`, 'kubeGateway.enabled', 'gp'],
    gpSds: [`${GG}.sdsContainer.image`, 'kubeGateway.enabled', 'gp'],
    gpIstio: [`${GG}.istio.istioProxyContainer.image`, 'kubeGateway.enabled', 'gp'],
    gpAi: [`${GG}.aiExtension.image`, 'kubeGateway.enabled', 'ai'],
  };
  return Object.fromEntries(Object.entries(table).map(([name, [path, on, flag]]) => {
    const b = { path: p(path), on: on ? [[p(on), true]] : [] };
    if (flag) b[flag] = true;
    return [name, b];
  }));
}

/** Weighted pools of random image field values shared by the generators: [weight, value][] for Rng.weighted. */
export const FIELD_POOLS = {
  variant: [[5, 'standard'], [5, 'fips'], [7, 'distroless'], [7, 'fips-distroless'], [1, 'Distroless'], [1, 'slim'], [2, ''], [1, null], [0.5, 3], [0.5, true]],
  fips: [[4, true], [2, false], [1, 'false'], [1, 'true']],
  registry: [[2, ''], [2, 'my.reg/'], [3, 'registry.example.com/mirror'], [2, 'localhost:5000'], [1, null]],
};
