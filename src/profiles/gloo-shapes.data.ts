// Written by scripts/record-value-shapes.mjs from tests/validate/recorded/value-shapes.json: the gloo values that
// `helm template` dereferences (a scalar there fails with "can't evaluate field ..."), by chart version.
import type { ProfileShape } from '../images/profile.js';

export const GLOO_SHAPES: ProfileShape[] = [
  {
    "path": "discovery.deployment.discoveryContainerSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0"
  },
  {
    "path": "discovery.deployment.resources",
    "type": "map",
    "field": "limits",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0"
  },
  {
    "path": "discovery.deployment.stats",
    "type": "map",
    "field": "enabled"
  },
  {
    "path": "gateway.certGenJob.containerSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gateway.rolloutJob.containerSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gatewayProxies.*.gatewaySettings",
    "type": "map",
    "field": "disableHttpGateway"
  },
  {
    "path": "gatewayProxies.*.podTemplate.glooContainerSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gatewayProxies.*.podTemplate.podSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gatewayProxies.*.stats",
    "type": "map",
    "field": "enabled"
  },
  {
    "path": "global",
    "type": "map",
    "field": "glooStats"
  },
  {
    "path": "global.glooStats",
    "type": "map",
    "field": "enabled"
  },
  {
    "path": "global.podSecurityStandards",
    "type": "map",
    "field": "container",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gloo.deployment.glooContainerSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gloo.deployment.podSecurityContext",
    "type": "map",
    "field": "mergePolicy",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gloo.deployment.resources",
    "type": "map",
    "field": "limits",
    "versions": ">=1.18.0-0 <1.19.0-0 || >=1.19.0-0 <1.20.0-0 || >=1.20.0-0 <1.22.0-0 || >=1.22.0-0"
  },
  {
    "path": "gloo.deployment.stats",
    "type": "map",
    "field": "enabled"
  }
];
