// The gloo chart's default values at any supported version: the generated defaults of the nearest release
// per epoch, with the generated image tags stamped with the requested version (as the chart's own generate
// step does, gloo-chart-images.md §1) and the defaults that changed inside a line (discovery) set by version.
import { compareRelease, glooRules } from '../images/gloo-epochs.js';
import { isMap, type GoMap } from '../values/model.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { readValuesText } from '../values/yaml/read.js';
import { GLOO_DEFAULTS } from './gloo-defaults.data.js';
import { normalizeVersion } from '../chart/semver.js';

/** The fields generate.go stamps with the chart version (`*` = every entry of the map). */
const STAMPED: ReadonlyArray<readonly string[]> = [
  ['gloo', 'deployment', 'image', 'tag'],
  ['gloo', 'deployment', 'ossImageTag'],
  ['discovery', 'deployment', 'image', 'tag'],
  ['gateway', 'certGenJob', 'image', 'tag'],
  ['gateway', 'rolloutJob', 'image', 'tag'],
  ['gateway', 'cleanupJob', 'image', 'tag'],
  ['accessLogger', 'image', 'tag'],
  ['ingress', 'deployment', 'image', 'tag'],
  ['ingressProxy', 'deployment', 'image', 'tag'],
  ['settings', 'integrations', 'knative', 'proxy', 'image', 'tag'],
  ['global', 'glooMtls', 'sds', 'image', 'tag'],
  ['global', 'glooMtls', 'envoy', 'image', 'tag'],
  ['kubeGateway', 'gatewayParameters', 'glooGateway', 'envoyContainer', 'image', 'tag'],
  ['kubeGateway', 'gatewayParameters', 'glooGateway', 'sdsContainer', 'image', 'tag'],
  ['kubeGateway', 'gatewayParameters', 'glooGateway', 'aiExtension', 'image', 'tag'],
  ['gatewayProxies', '*', 'podTemplate', 'image', 'tag'],
];

function stamp(m: GoMap, path: readonly string[], version: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const keys = head === '*' ? Object.keys(m) : [head];
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(m, k)) continue;
    if (rest.length === 0) m[k] = version;
    else if (isMap(m[k])) stamp(m[k] as GoMap, rest, version);
  }
}

/** Which generated defaults stand for a version: the latest at or before it on its own line, else the nearest. */
function representative(version: string): string {
  const reps = Object.keys(GLOO_DEFAULTS).sort(compareRelease);
  const line = (v: string) => v.split('.').slice(0, 2).join('.');
  const sameLine = reps.filter((r) => line(r) === line(version));
  const pool = sameLine.length ? sameLine : reps;
  const before = pool.filter((r) => compareRelease(r, version) <= 0);
  return before.length ? before[before.length - 1]! : pool[0]!;
}

/** The gloo chart's default values at `version` (throws for unsupported versions, as glooRules does). */
export function glooDefaults(version: string, helmVersion: HelmVersion): GoMap {
  const rules = glooRules(version);
  const v = normalizeVersion(version.trim())!;
  const values = readValuesText(GLOO_DEFAULTS[representative(v)]!, { name: `gloo ${v} defaults`, role: 'chart' }, helmVersion);
  for (const p of STAMPED) stamp(values, p, version.replace(/^v/, ''));
  if (isMap(values.discovery)) values.discovery.enabled = rules.discoveryEnabledByDefault;
  return values;
}
