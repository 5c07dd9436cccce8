// What the semantic rules read: the release's values as a Go-typed tree (the user's values over the profile's
// defaults, unless they came with the chart's own), the images the resolver found, the rules of the chart
// version, and where each value came from.
import type { Diagnostic, Severity, SourceLocation } from '../errors.js';
import { CURRENT_GLOO_RUN, glooRules, type GlooRun } from '../images/gloo-epochs.js';
import { mergeOverwrite, sprigMerge, truthy } from '../images/go-template.js';
import type { Profile } from '../images/profile.js';
import type { ResolvedImage } from '../images/resolve.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooProfile } from '../profiles/gloo.js';
import { normalizeVersion } from '../chart/semver.js';
import { Coalescer } from '../values/coalesce.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { internalValues, type GoValue, type LoadedValues, type Values } from '../values/load.js';
import { deepCopy, isMap, newMap, Src, type GoMap, type Val } from '../values/model.js';
import { fromJson } from '../values/strvals.js';
import { formatPath, formatPointer, parsePath } from '../values/paths.js';

/** A path as keys and list indexes. */
export type Parts = Array<string | number>;

/** Everything a rule needs; rules only read it and call `report`. */
export interface RuleContext {
  profile: Profile;
  /** The chart version whose rules apply (normalised), and whether the caller gave it. */
  version: string;
  versionGiven: boolean;
  rules: GlooRun;
  helmVersion: HelmVersion;
  /** The release's values (Go-typed: float64 from files, int64 from --set). */
  release: GoMap;
  /** The profile's own defaults at this version (empty for a custom profile). */
  defaults: GoMap;
  images: ResolvedImage[];
  /** The Go type and text of a value, when the values came from text. */
  goValue(parts: Parts): GoValue | undefined;
  report(d: NewDiagnostic): void;
}

/** A diagnostic before its path, pointer and location are filled in. */
export interface NewDiagnostic {
  code: string;
  severity: Severity;
  parts: Parts;
  message: string;
  suggestion?: string;
  helmOutput?: string;
  /** Where to point an editor when that is not `parts` (the cause of a finding about an image, e.g. its variant). */
  locateAt?: Parts;
}

/** Reads a value at a path of a Go tree (undefined when absent or crossing a non-map). */
export function valueAt(root: Val | undefined, parts: Parts): Val | undefined {
  let cur: Val | undefined = root;
  for (const p of parts) {
    if (Array.isArray(cur) && typeof p === 'number') cur = cur[p];
    else if (isMap(cur) && typeof p === 'string' && Object.prototype.hasOwnProperty.call(cur, p)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

/** Turns a NewDiagnostic into a Diagnostic with its dotted path, JSON pointer and source location. */
export function finish(d: NewDiagnostic, locate: ((path: string) => SourceLocation | undefined) | undefined): Diagnostic {
  const path = formatPath(d.parts);
  const out: Diagnostic = { code: d.code, severity: d.severity, message: d.message, path, pointer: formatPointer(d.parts) };
  // a value that is not where it is reported (a default, or a key the user never wrote) has no location; its
  // nearest written ancestor is the next best place to point an editor at
  const at = d.locateAt ?? d.parts;
  for (let n = at.length; locate && n > 0; n--) {
    const loc = locate(formatPath(at.slice(0, n)));
    if (loc) {
      out.location = loc;
      break;
    }
  }
  if (d.suggestion !== undefined) out.suggestion = d.suggestion;
  if (d.helmOutput !== undefined) out.helmOutput = d.helmOutput;
  return out;
}

/** Whether the argument is a LoadedValues (it has `locate`). */
export function isLoaded(values: Values | LoadedValues): values is LoadedValues {
  return typeof (values as LoadedValues).locate === 'function' && typeof (values as LoadedValues).values === 'object';
}

/** The profile's defaults at a version: the gloo chart's own for the built-in profile, none otherwise. */
export function profileDefaults(profile: Profile, version: string, helmVersion: HelmVersion): GoMap {
  return profile === glooProfile ? glooDefaults(version, helmVersion) : newMap();
}

/** The release's values: final when loaded with the chart's defaults, else the profile's defaults underneath. */
export function releaseTree(values: Values | LoadedValues, defaults: GoMap, profile: Profile, helmVersion: HelmVersion): GoMap {
  if (isLoaded(values)) {
    const internal = internalValues(values);
    if (internal && values.withChartDefaults) return internal;
    if (internal) return new Coalescer(helmVersion, profile.chart).coalesceValues({ name: profile.chart, values: deepCopy(defaults) as GoMap, subcharts: [], owned: true }, internal);
  }
  const plain = isLoaded(values) ? values.values : values;
  const tree = fromJson(plain, new Src('values', ''), 0);
  const user = isMap(tree) ? tree : newMap();
  return new Coalescer(helmVersion, profile.chart).coalesceValues({ name: profile.chart, values: deepCopy(defaults) as GoMap, subcharts: [], owned: true }, user);
}

/** The chart version's rules, or the current ones; undefined with a reason when the version is not usable. */
export function versionRules(chartVersion: string | undefined): { version: string; rules: GlooRun } | { error: string } {
  const v = chartVersion ?? CURRENT_GLOO_RUN.last;
  try {
    return { rules: glooRules(v), version: normalizeVersion(v.trim())! };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The image block a resolved image was built from, after the chart's merges: a fanned-out entry laid over
 * its base (sprig mergeOverwrite), then sprig `merge` with the global block. The resolver computes the same
 * internally but does not return it.
 */
export function mergedBlock(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string): GoMap {
  const parts = parsePath(valuesPath);
  let block = valueAt(ctx.release, parts);
  for (const f of ctx.profile.fanOuts) {
    const each = parsePath(f.each);
    if (parts.length <= each.length + 1 || each.some((p, i) => parts[i] !== p)) continue;
    const entry = valueAt(ctx.release, parts.slice(0, each.length + 1));
    // a fan-out without a base (main's profile format since gloo-ee) takes its entries as written
    const baseEntry = f.base === undefined ? undefined : valueAt(ctx.release, [...each, ...parsePath(f.base)]);
    if (isMap(entry) && isMap(baseEntry) && entry !== baseEntry) {
      block = valueAt(mergeOverwrite(deepCopy(baseEntry) as GoMap, deepCopy(entry) as GoMap), parts.slice(each.length + 1));
    }
  }
  const global = valueAt(ctx.release, parsePath(ctx.profile.globalImage));
  const copy = isMap(block) ? (deepCopy(block) as GoMap) : newMap();
  return isMap(global) ? sprigMerge(copy, global) : copy;
}

/** Where a merged field's value came from: the block itself when it holds a non-empty value, else global. */
export function fieldSource(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string, field: string): Parts {
  const own = valueAt(ctx.release, [...parsePath(valuesPath), field]);
  return truthy(own) ? [...parsePath(valuesPath), field] : [...parsePath(ctx.profile.globalImage), field];
}
