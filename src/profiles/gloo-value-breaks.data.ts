// Written by scripts/record-value-types.mjs from tests/validate/recorded/value-types-table.json: the generated cases
// (a value of the wrong type) that made the real `helm template` fail, by values path (`*`: any gateway proxy) and the
// kind of value given, with the chart versions where it fails.
export const GLOO_VALUE_BREAKS: Array<{ path: string; given: string; versions?: string; message: string }> = [
 {
  "path": "accessLogger.deployment",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "accessLogger.service",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "discovery",
  "given": "string",
  "message": "can't evaluate field deployment in type interface {}"
 },
 {
  "path": "discovery.deployment",
  "given": "boolean",
  "message": "can't evaluate field stats in type interface {}"
 },
 {
  "path": "discovery.fdsMode",
  "given": "list",
  "message": "incompatible types for comparison: []interface {} and string"
 },
 {
  "path": "discovery.fdsMode",
  "given": "map",
  "message": "incompatible types for comparison: map[string]interface {} and string"
 },
 {
  "path": "discovery.serviceAccount",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "discovery.serviceAccount",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gateway.certGenJob.cron",
  "given": "boolean",
  "message": "can't evaluate field validationWebhookKubeResourceOverride in type interface {}"
 },
 {
  "path": "gateway.cleanupJob",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gateway.cleanupJob",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gateway.updateValues",
  "given": "string",
  "message": "template: no template \"gloo.updatevalues\" associated with template \"gotpl\""
 },
 {
  "path": "gateway.validation",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gateway.validation",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gateway.validation.webhook",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gatewayProxies",
  "given": "string",
  "message": "range can't iterate over on"
 },
 {
  "path": "gatewayProxies.*",
  "given": "boolean",
  "message": "can't evaluate field configMap in type interface {}"
 },
 {
  "path": "gatewayProxies.*.configMap",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.envoyOverloadManager",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gatewayProxies.*.extraContainersHelper",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.extraEnvoyArgs",
  "given": "boolean",
  "message": "range can't iterate over true"
 },
 {
  "path": "gatewayProxies.*.extraInitContainersHelper",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.extraInitContainersHelper",
  "given": "map",
  "message": "wrong type for value; expected string; got map[string]interface {}"
 },
 {
  "path": "gatewayProxies.*.extraListenersHelper",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.extraListenersHelper",
  "given": "map",
  "message": "wrong type for value; expected string; got map[string]interface {}"
 },
 {
  "path": "gatewayProxies.*.extraProxyVolumeMountHelper",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.extraProxyVolumeMountHelper",
  "given": "map",
  "message": "wrong type for value; expected string; got map[string]interface {}"
 },
 {
  "path": "gatewayProxies.*.extraVolumeHelper",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.extraVolumeHelper",
  "given": "map",
  "message": "wrong type for value; expected string; got map[string]interface {}"
 },
 {
  "path": "gatewayProxies.*.failover",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gatewayProxies.*.failover",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "gatewayProxies.*.gatewaySettings",
  "given": "boolean",
  "message": "can't evaluate field disableHttpGateway in type bool"
 },
 {
  "path": "gatewayProxies.*.gatewaySettings",
  "given": "string",
  "message": "can't evaluate field disableHttpGateway in type string"
 },
 {
  "path": "gatewayProxies.*.horizontalPodAutoscaler",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.horizontalPodAutoscaler.apiVersion",
  "given": "list",
  "message": "error calling e…"
 },
 {
  "path": "gatewayProxies.*.horizontalPodAutoscaler.apiVersion",
  "given": "map",
  "message": "error calling e…"
 },
 {
  "path": "gatewayProxies.*.kind",
  "given": "boolean",
  "message": "can't evaluate field deployment in type interface {}"
 },
 {
  "path": "gatewayProxies.*.kind",
  "given": "string",
  "message": "can't evaluate field deployment in type interface {}"
 },
 {
  "path": "gatewayProxies.*.kind.daemonSet",
  "given": "boolean",
  "message": "can't evaluate field hostPort in type interface {}"
 },
 {
  "path": "gatewayProxies.*.kind.daemonSet",
  "given": "string",
  "message": "can't evaluate field hostPort in type interface {}"
 },
 {
  "path": "gatewayProxies.*.kind.deployment",
  "given": "boolean",
  "message": "can't evaluate field replicas in type interface {}"
 },
 {
  "path": "gatewayProxies.*.podDisruptionBudget",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.podDisruptionBudget",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.podTemplate",
  "given": "boolean",
  "message": "can't evaluate field httpPort in type interface {}"
 },
 {
  "path": "gatewayProxies.*.podTemplate",
  "given": "string",
  "message": "can't evaluate field httpPort in type interface {}"
 },
 {
  "path": "gatewayProxies.*.podTemplate.extraPorts",
  "given": "boolean",
  "message": "YAML parse error on gloo/templates/7-gateway-proxy-deployment.yaml: error converting YAML to JSON: yaml: line 73: could not find expected ':'"
 },
 {
  "path": "gatewayProxies.*.service",
  "given": "string",
  "message": "wrong type for value; expected map[string]interface {}; got string"
 },
 {
  "path": "gatewayProxies.*.service.configDumpService",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.service.configDumpService",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gatewayProxies.*.service.externalIPs",
  "given": "boolean",
  "message": "range can't iterate over true"
 },
 {
  "path": "gatewayProxies.*.service.loadBalancerSourceRanges",
  "given": "boolean",
  "message": "range can't iterate over true"
 },
 {
  "path": "gatewayProxies.*.service.name",
  "given": "list",
  "message": "wrong type for value; expected string; got []interface {}"
 },
 {
  "path": "gatewayProxies.*.service.name",
  "given": "map",
  "message": "wrong type for value; expected string; got map[string]interface {}"
 },
 {
  "path": "gatewayProxies.*.service.type",
  "given": "list",
  "message": "incompatible types for comparison: []interface {} and string"
 },
 {
  "path": "gatewayProxies.*.service.type",
  "given": "map",
  "message": "incompatible types for comparison: map[string]interface {} and string Use --debug fla…"
 },
 {
  "path": "global",
  "given": "boolean",
  "message": "can't evaluate field glooStats in type bool"
 },
 {
  "path": "global",
  "given": "string",
  "message": "can't evaluate field glooStats in type string"
 },
 {
  "path": "global.configMaps",
  "given": "boolean",
  "message": "range can't iterate over true"
 },
 {
  "path": "global.extraSpecs",
  "given": "map",
  "message": "template: no template \"gloo.extraSpecs\" associated with template \"gotpl\""
 },
 {
  "path": "global.extraSpecs",
  "given": "string",
  "message": "template: no template \"gloo.extraSpecs\" associated with template \"gotpl\""
 },
 {
  "path": "global.glooMtls",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "global.glooRbac",
  "given": "boolean",
  "message": "can't evaluate field create in type interface {}"
 },
 {
  "path": "global.glooStats",
  "given": "string",
  "message": "can't evaluate field enabled in type string"
 },
 {
  "path": "global.istioIntegration",
  "given": "boolean",
  "message": "can't evaluate field disableAutoinjection in type interface {}"
 },
 {
  "path": "global.istioIntegration",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "global.istioSDS",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "global.istioSDS",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "global.podSecurityStandards.container",
  "given": "boolean",
  "message": "gloo/templates/7-gateway-proxy-deployment.yaml:220:12 executing \"gatewayProxy.deploymentSpec\" at <include \"gloo.containerSecurityContext\" (dict \"values\" $spec.podTemplate.glooContainerSecurityContext \"defaults\" $securityDefaults \"podSecurit…"
 },
 {
  "path": "global.podSecurityStandards.container",
  "given": "string",
  "message": "gloo/templates/7-gateway-proxy-deployment.yaml:225:12 executing \"gatewayProxy.deploymentSpec\" at <include \"gloo.containerSecurityContext\" (dict \"values\" $spec.podTemplate.glooContainerSecurityContext \"defaults\" $securityDefaults \"podSecurit…"
 },
 {
  "path": "global.podSecurityStandards.container.defaultSeccompProfileType",
  "given": "list",
  "message": "template: gloo/templates/7-gateway-proxy-deployment.yaml:225:12: executing \"gatewayProxy.deploymentSpec\" at <include \"gloo.containerSecurityContext\" (dict \"values\" $spec.podTemplate.glooContainerSecurityContext \"defaults\" $securit…"
 },
 {
  "path": "global.podSecurityStandards.container.defaultSeccompProfileType",
  "given": "map",
  "message": "template: gloo/templates/7-gateway-proxy-deployment.yaml:225:12: executing \"gatewayProxy.deploymentSpec\" at <include \"gloo.containerSecurityContext\" (dict \"values\" $spec.podTemplate.glooContainerSecurityContext \"defaults\" $securit…"
 },
 {
  "path": "global.securitySettings",
  "given": "boolean",
  "message": "can't evaluate field floatingUserId in type interface {}"
 },
 {
  "path": "gloo",
  "given": "string",
  "message": "can't evaluate field deployment in type interface {}"
 },
 {
  "path": "gloo.deployment",
  "given": "string",
  "message": "can't evaluate field xdsPort in type interface {}"
 },
 {
  "path": "gloo.podDisruptionBudget",
  "given": "string",
  "message": "can't evaluate field minAvailable in type interface {}"
 },
 {
  "path": "gloo.service",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "gloo.serviceAccount",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "ingress",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "ingress",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "ingressProxy",
  "given": "string",
  "message": "can't evaluate field service in type interface {}"
 },
 {
  "path": "ingressProxy.configMap",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "ingressProxy.deployment",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "ingressProxy.deployment",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "ingressProxy.service",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "ingressProxy.service",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "kubeGateway",
  "given": "boolean",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "kubeGateway",
  "given": "string",
  "message": "can't evaluate field enabled in type interface {}"
 },
 {
  "path": "namespace",
  "given": "boolean",
  "message": "can't evaluate field create in type interface {}"
 },
 {
  "path": "namespace",
  "given": "string",
  "message": "can't evaluate field create in type interface {}"
 },
 {
  "path": "settings",
  "given": "boolean",
  "message": "can't evaluate field writeNamespace in type interface {}"
 },
 {
  "path": "settings.aws",
  "given": "boolean",
  "message": "can't evaluate field enableServiceAccountCredentials in type interface {}"
 },
 {
  "path": "settings.integrations.knative",
  "given": "string",
  "message": "can't evaluate field proxy in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy",
  "given": "string",
  "message": "can't evaluate field internal in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.configMap",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.deployment",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.deployment",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.internal",
  "given": "boolean",
  "message": "can't evaluate field service in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.internal.configMap",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.internal.deployment",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.internal.service",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.internal.service",
  "given": "string",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.integrations.knative.proxy.service",
  "given": "boolean",
  "message": "can't evaluate field kubeResourceOverride in type interface {}"
 },
 {
  "path": "settings.secretOptions",
  "given": "boolean",
  "message": "can't evaluate field sources in type interface {}"
 },
 {
  "path": "settings.watchNamespaces",
  "given": "boolean",
  "message": "range can't iterate over true"
 }
];
