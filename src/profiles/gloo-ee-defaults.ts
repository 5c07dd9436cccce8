// The gloo-ee chart's defaults at any supported version, for resolving without the chart. Three real charts are
// built in (gloo-ee-charts.data.ts). A version that is one of them is that chart exactly, with its bundled gloo. Any
// other version takes the nearest chart of its line (1.16.x: 1.16.2; later: 1.17.0), restamped: the EE image tags become
// the requested version, the bundled gloo chart becomes the gloo chart's own defaults at the gloo version (given, or
// assumed equal to the gloo-ee version), the OSS tags the parent sets follow it, and digests are dropped, since the
// digests of images the built-in chart does not ship are not known.
import type { Chart } from '../chart/chart.js';
import type { Diagnostic } from '../errors.js';
import { compareRelease } from '../images/gloo-epochs.js';
import { normalizeVersion } from '../chart/semver.js';
import { goJson } from '../values/load.js';
import { isMap, type GoMap, type Val } from '../values/model.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { readValuesText } from '../values/yaml/read.js';
import { GLOO_EE_CHARTS } from './gloo-ee-charts.data.js';
import { glooDefaults } from './gloo-defaults.js';

/** The newest built-in gloo-ee chart: the defaults used when no chart version is given. */
export const NEWEST_GLOO_EE = '1.17.0';

/** Why the built-in defaults cannot stand for a version. */
export class GlooEeVersionError extends Error {
  constructor(
    readonly code: 'chart-version-unsupported' | 'chart-version-invalid',
    message: string,
  ) {
    super(message);
  }
}

const DIGEST_KEYS = ['digest', 'fipsDigest', 'distrolessDigest', 'fipsDistrolessDigest'];

/** Restamps image tags (and `ossImageTag`) equal to a key of `tags` in place; drops the digests of restamped blocks. */
function restamp(v: Val, tags: Record<string, string>): void {
  if (Array.isArray(v)) {
    v.forEach((x) => restamp(x, tags));
    return;
  }
  if (!isMap(v)) return;
  if (typeof v.tag === 'string' && typeof v.repository === 'string' && Object.prototype.hasOwnProperty.call(tags, v.tag)) {
    v.tag = tags[v.tag]!;
    for (const k of DIGEST_KEYS) if (k in v) delete v[k];
  }
  if (typeof v.ossImageTag === 'string' && Object.prototype.hasOwnProperty.call(tags, v.ossImageTag)) v.ossImageTag = tags[v.ossImageTag]!;
  for (const k of Object.keys(v)) restamp(v[k]!, tags);
}

function withValues(chart: Chart, values: GoMap, version: string, what: string): Chart {
  return { ...chart, version, values: { name: `${what} (built-in defaults)`, text: goJson(values) } };
}

/**
 * The gloo-ee chart (without templates) that stands for `version`, with notes on what was assumed.
 * `glooVersion`: the bundled gloo chart's version when the caller knows it (dependencyVersions).
 */
export function glooEeChart(version: string | undefined, glooVersion: string | undefined, helmVersion: HelmVersion, note: (d: Diagnostic) => void): Chart {
  const info = (code: string, message: string) => note({ code, severity: 'info', message, path: '', pointer: '' });
  const requested = version === undefined ? NEWEST_GLOO_EE : normalizeVersion(version.trim());
  if (!requested) throw new GlooEeVersionError('chart-version-invalid', `chart version ${JSON.stringify(version)} is not a semantic version (expected e.g. 1.17.0)`);
  if (version === undefined) info('chart-version-assumed', `no chart version given: the defaults of the newest built-in gloo-ee chart (${NEWEST_GLOO_EE}) apply`);
  const exact = GLOO_EE_CHARTS[requested];
  let base: Chart;
  if (exact) base = exact;
  else if (compareRelease(requested, '1.16.0') < 0) {
    throw new GlooEeVersionError(
      'chart-version-unsupported',
      `gloo-ee chart ${version} is older than the oldest supported one (1.16.0): its image templates are not described; use 1.16.0 or later`,
    );
  } else base = GLOO_EE_CHARTS[compareRelease(requested, '1.17.0-beta1') < 0 ? '1.16.2' : '1.17.0']!;
  const bundled = base.subcharts.gloo!;
  const gloo = glooVersion === undefined ? (exact ? bundled.version : requested) : normalizeVersion(glooVersion.trim());
  if (!gloo) throw new GlooEeVersionError('chart-version-invalid', `gloo version ${JSON.stringify(glooVersion)} is not a semantic version`);
  if (exact && gloo === bundled.version) {
    info('gloo-ee-defaults', `built-in defaults: the gloo-ee ${requested} chart, which bundles gloo ${bundled.version}; its image rules apply to every Solo image`);
    return exact;
  }
  if (!exact) {
    info(
      'gloo-ee-defaults',
      `built-in defaults: the gloo-ee ${base.version} chart with its image tags restamped to ${requested} and their digests removed (the digests of published ${requested} images are not known to this library; load the chart itself for them)`,
    );
  }
  if (glooVersion === undefined) {
    info(
      'subchart-version-assumed',
      `the bundled gloo chart's version is not known: assumed ${gloo}, the gloo-ee version (releases keep major.minor but not the patch); pass dependencyVersions: { gloo: '…' } or load the chart to be exact`,
    );
  }
  const tags: Record<string, string> = {};
  if (base.version !== requested) tags[base.version] = requested;
  if (bundled.version !== gloo) tags[bundled.version] = gloo;
  const parent = readValuesText(base.values.text, { name: base.values.name, role: 'chart' }, helmVersion);
  restamp(parent, tags);
  const subcharts: Record<string, Chart> = {};
  for (const [k, sub] of Object.entries(base.subcharts)) {
    if (k === 'gloo') {
      subcharts[k] = withValues(sub, glooDefaults(gloo, helmVersion), gloo, `gloo ${gloo}`);
    } else if (sub.version === base.version && base.version !== requested) {
      // gloo-fed and the portal are released with gloo-ee, at its version
      const vals = readValuesText(sub.values.text, { name: sub.values.name, role: 'chart' }, helmVersion);
      restamp(vals, tags);
      subcharts[k] = withValues(sub, vals, requested, `${sub.name} ${requested}`);
    } else subcharts[k] = sub;
  }
  return { ...withValues(base, parent, requested, `gloo-ee ${requested}`), subcharts };
}
