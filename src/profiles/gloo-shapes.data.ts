// Written by scripts/record-value-shapes.mjs from tests/validate/recorded/value-shapes.json: the gloo values that
// `helm template` dereferences (a scalar there fails with "can't evaluate field ..."), by chart version.
import type { ProfileShape } from '../images/profile.js';

export const GLOO_SHAPES: ProfileShape[] = [
  {
    "path": "discovery.deployment.stats",
    "type": "map",
    "field": "enabled"
  },
  {
    "path": "gatewayProxies.*.gatewaySettings",
    "type": "map",
    "field": "disableHttpGateway"
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
  }
];
