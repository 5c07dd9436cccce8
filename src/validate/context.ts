// What the semantic rules read: the release's values as a Go-typed tree (the user's values over the profile's
// defaults, unless they came with the chart's own), the images the resolver found, the rules of the chart
// version, and where each value came from.
import type { Diagnostic, Severity, SourceLocation } from '../errors.js';
import { CURRENT_GLOO_RUN, glooRules, UnsupportedVersionError, type GlooRun } from '../images/gloo-epochs.js';
import { mergeOverwrite, sprigMerge, truthy } from '../images/go-template.js';
import type { Profile } from '../images/profile.js';
import type { ResolvedImage } from '../images/resolve.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooProfile } from '../profiles/gloo.js';
import { glooEeProfile } from '../profiles/gloo-ee.js';
import { glooEeChart, GlooEeVersionError } from '../profiles/gloo-ee-defaults.js';
import { coalesceChart } from '../chart/load-chart-values.js';
import type { Chart } from '../chart/chart.js';
import { normalizeVersion } from '../chart/semver.js';
import { Coalescer } from '../values/coalesce.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { internalValues, type GoValue, type LoadedValues, type Values } from '../values/load.js';
import { deepCopy, isMap, newMap, type GoMap, type Val } from '../values/model.js';
import { fromPlain } from '../values/strvals.js';
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
  /** How messages name the chart and version. */
  label: string;
  helmVersion: HelmVersion;
  /** The release's values (Go-typed: float64 from files, int64 from --set). */
  release: GoMap;
  /** The profile's own defaults at this version (empty for a custom profile). */
  defaults: GoMap;
  images: ResolvedImage[];
  /** Whether an image's block is a variant image block (merged with global.image; not a community chart's). */
  isVariantBlock(valuesPath: string): boolean;
  /** Whether an image is printed by a variant-aware helper (not gloo-ee's `plain` one for third-party images). */
  isGlooHelperBlock(valuesPath: string): boolean;
  /** Paths (dotted) where Helm's coalesce already warns that a value replaces a map (values-table-overwritten). */
  helmWarned?: ReadonlySet<string>;
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
  // `values` of a LoadedValues is made on first use: its presence is checked, not its value
  return values !== null && typeof values === 'object' && typeof (values as LoadedValues).locate === 'function' && typeof (values as LoadedValues).goValue === 'function' && 'values' in values;
}

/** How deeply plain data nests, up to `limit + 1` (it looks no deeper, so hostile input cannot overflow the stack). */
export function nestingDepth(v: unknown, limit: number): number {
  return depthBelow(v, 0, limit);
}

// Recursive, without a work list: the recursion stops one level past `limit` (a few thousand frames at most),
// and a walk that allocates nothing is a sizable part of validating a small file otherwise.
function depthBelow(x: unknown, d: number, limit: number): number {
  if (d > limit) return d;
  let max = d;
  if (Array.isArray(x)) {
    for (const c of x) {
      if (c === null || typeof c !== 'object') continue;
      const m = depthBelow(c, d + 1, limit);
      if (m > max && (max = m) > limit) return max;
    }
  } else if (x !== null && typeof x === 'object') {
    for (const k of Object.keys(x)) {
      const c = (x as Record<string, unknown>)[k];
      if (c === null || typeof c !== 'object') continue;
      const m = depthBelow(c, d + 1, limit);
      if (m > max && (max = m) > limit) return max;
    }
  }
  return max;
}

/** The release the rules look at: its values, the defaults underneath, and the image rules that apply. */
export interface Release {
  release: GoMap;
  defaults: GoMap;
  rules: GlooRun;
  /** The version whose image rules apply (gloo-ee: its bundled gloo chart's). */
  version: string;
  /** How messages name the chart and version, e.g. `gloo chart 1.19.10`, `gloo-ee chart 1.17.0 (bundled gloo 1.17.0)`. */
  label: string;
}

// The profile's defaults are the same for every call with one version: parsed once, copied per use (a hook
// validating many files pays the YAML parse once). Bounded, as versions come from users.
const DEFAULTS_CACHE = new Map<string, { defaults: GoMap; chart?: Chart; glooVersion?: string }>();
const DEFAULTS_CACHE_SIZE = 16;

function cached<T extends { defaults: GoMap }>(key: string, make: () => T): T {
  let hit = DEFAULTS_CACHE.get(key) as T | undefined;
  if (!hit) {
    hit = make();
    if (DEFAULTS_CACHE.size >= DEFAULTS_CACHE_SIZE) DEFAULTS_CACHE.delete(DEFAULTS_CACHE.keys().next().value!);
    DEFAULTS_CACHE.set(key, hit);
  }
  return hit;
}

/** The user's values as a Go tree (LoadedValues keep their Go types). */
function userTree(values: Values | LoadedValues): GoMap {
  if (isLoaded(values)) {
    const internal = internalValues(values);
    if (internal) return internal;
  }
  return fromPlain(isLoaded(values) ? values.values : values);
}

/**
 * The release's values as the resolver sees them: final when loaded with the chart's defaults, else the
 * profile's defaults for the chart version underneath (gloo: its generated defaults; gloo-ee: the built-in
 * chart with its subcharts, coalesced as Helm does). Undefined with a reason when the version is not usable.
 */
export function buildRelease(values: Values | LoadedValues, profile: Profile, chartVersion: string | undefined, dependencyVersions: Record<string, string> | undefined, helmVersion: HelmVersion): Release | { error: string } {
  const final = isLoaded(values) && values.withChartDefaults && internalValues(values) !== undefined;
  try {
    if (profile === glooEeProfile) {
      const charts = isLoaded(values) && values.charts?.['']?.name === 'gloo-ee' ? values.charts : undefined;
      const version = chartVersion ?? charts?.['']?.version;
      const glooGiven = dependencyVersions?.gloo ?? charts?.gloo?.version;
      const d = cached(`ee\u0000${version}\u0000${glooGiven}\u0000${helmVersion}`, () => {
        const chart = glooEeChart(version, glooGiven, helmVersion, () => undefined);
        const r = coalesceChart(chart, newMap(), helmVersion);
        return { chart, defaults: r.root, glooVersion: r.charts.gloo?.version ?? chart.version };
      });
      const release = final ? userTree(values) : coalesceChart(d.chart!, deepCopy(userTree(values)) as GoMap, helmVersion).root;
      const glooVersion = charts?.gloo?.version ?? d.glooVersion!;
      const v = normalizeVersion(glooVersion) ?? glooVersion;
      return { release, defaults: d.defaults, rules: glooRules(v), version: v, label: `gloo-ee chart ${d.chart!.version} (bundled gloo ${v})` };
    }
    const v = normalizeVersion((chartVersion ?? CURRENT_GLOO_RUN.last).trim());
    if (!v) return { error: `chart version ${JSON.stringify(chartVersion)} is not a semantic version (expected e.g. 1.19.3)` };
    const builtIn = profile === glooProfile;
    const rules = builtIn ? glooRules(v) : (() => {
      try {
        return glooRules(v);
      } catch {
        return CURRENT_GLOO_RUN;
      }
    })();
    const defaults = builtIn ? cached(`gloo\u0000${v}\u0000${helmVersion}`, () => ({ defaults: glooDefaults(v, helmVersion) })).defaults : newMap();
    const release = final
      ? userTree(values)
      : new Coalescer(helmVersion, profile.chart).coalesceValues({ name: profile.chart, values: deepCopy(defaults) as GoMap, subcharts: [], owned: true }, userTree(values));
    return { release, defaults, rules, version: v, label: `${profile.chart} chart ${v}` };
  } catch (e) {
    // a version the rules cannot take is said as such; anything else (bad values) reaches the caller typed
    if (e instanceof UnsupportedVersionError || e instanceof GlooEeVersionError) return { error: e.message };
    throw e;
  }
}

/**
 * The global image block an image is merged with: a subchart's image (path under the subchart's key) merges
 * the subchart's view of `global.image`, which Helm filled from the parent's globals.
 */
export function globalImagePath(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string): Parts {
  const parts = parsePath(valuesPath);
  for (const s of ctx.profile.subcharts ?? []) {
    const key = s.name.split('.');
    if (parts.length > key.length && key.every((k, i) => parts[i] === k)) {
      const sub = [...key, ...parsePath(ctx.profile.globalImage)];
      if (isMap(valueAt(ctx.release, sub))) return sub;
    }
  }
  return parsePath(ctx.profile.globalImage);
}

/** A fan-out's base entry for an entry path, when the path is inside a fan-out with a base. */
function fanOutBase(ctx: Pick<RuleContext, 'profile' | 'release'>, parts: Parts): { entry: Parts; base: Parts } | undefined {
  const fanOuts = [...ctx.profile.fanOuts.map((f) => ({ f, prefix: [] as string[] }))];
  for (const s of ctx.profile.subcharts ?? []) {
    const sp = typeof s.profile === 'object' ? s.profile : undefined;
    for (const f of sp?.fanOuts ?? []) fanOuts.push({ f, prefix: s.name.split('.') });
  }
  for (const { f, prefix } of fanOuts) {
    if (!f.base) continue;
    const each = [...prefix, ...parsePath(f.each)];
    if (parts.length <= each.length + 1 || each.some((p, i) => parts[i] !== p)) continue;
    return { entry: parts.slice(0, each.length + 1), base: [...each, ...parsePath(f.base)] };
  }
  return undefined;
}

/**
 * The image block a resolved image was built from, after the chart's merges: a fanned-out entry laid over
 * its base (sprig mergeOverwrite), then sprig `merge` with the global block. The resolver computes the same
 * internally but does not return it.
 */
const MERGED = new WeakMap<GoMap, Map<string, GoMap>>();

/** The merged block of an image (see mergeBlock), computed once per release and path. */
export function mergedBlock(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string): GoMap {
  // the rules ask for the same blocks; the release is not changed while they run
  let memo = MERGED.get(ctx.release);
  if (!memo) MERGED.set(ctx.release, (memo = new Map()));
  let m = memo.get(valuesPath);
  if (!m) memo.set(valuesPath, (m = mergeBlock(ctx, valuesPath)));
  return m;
}

function mergeBlock(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string): GoMap {
  const parts = parsePath(valuesPath);
  let block = valueAt(ctx.release, parts);
  const fo = fanOutBase(ctx, parts);
  if (fo) {
    const entry = valueAt(ctx.release, fo.entry);
    const baseEntry = valueAt(ctx.release, fo.base);
    if (isMap(entry) && isMap(baseEntry) && entry !== baseEntry) block = mergedAt(baseEntry, entry, parts.slice(fo.entry.length));
  }
  const global = valueAt(ctx.release, globalImagePath(ctx, valuesPath));
  const copy = isMap(block) ? (deepCopy(block) as GoMap) : newMap();
  return isMap(global) ? sprigMerge(copy, global) : copy;
}

/**
 * The value at `rest` of `mergeOverwrite (deepCopy base) (deepCopy entry)`, without merging whole entries: only
 * the maps along the path are walked, and only the maps both sides hold at its end are merged. Not a copy where
 * one side alone decides (the caller copies the block).
 */
export function mergedAt(base: GoMap, entry: GoMap, rest: Parts): Val | undefined {
  let b: GoMap = base;
  let e: GoMap = entry;
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    // a list index can only be reached through one side's list: merging goes no deeper
    if (typeof k !== 'string') return valueAt(mergeOverwrite(deepCopy(b) as GoMap, deepCopy(e) as GoMap), rest.slice(i));
    const inE = Object.prototype.hasOwnProperty.call(e, k);
    const bv = Object.prototype.hasOwnProperty.call(b, k) ? b[k] : undefined;
    const ev = inE ? e[k] : undefined;
    if (isMap(bv) && isMap(ev)) {
      b = bv;
      e = ev;
      continue;
    }
    // below here one side decides: the entry's value where it has the key, else the base's
    return valueAt(inE ? ev : bv, rest.slice(i + 1));
  }
  return mergeOverwrite(deepCopy(b) as GoMap, deepCopy(e) as GoMap);
}

/** Where a merged field's value came from: the block itself when it holds a non-empty value, else global. */
export function fieldSource(ctx: Pick<RuleContext, 'profile' | 'release'>, valuesPath: string, field: string): Parts {
  const own = valueAt(ctx.release, [...parsePath(valuesPath), field]);
  if (truthy(own)) return [...parsePath(valuesPath), field];
  const global = globalImagePath(ctx, valuesPath);
  // the subchart's view of a global is the parent's global: point at the one the user writes
  const top = parsePath(ctx.profile.globalImage);
  if (global.length > top.length && truthy(valueAt(ctx.release, [...top, field]))) return [...top, field];
  return [...global, field];
}

/** A matcher for a profile's variant image block paths (`*` matches one key). */
export function blockMatcher(patterns: string[]): (valuesPath: string) => boolean {
  if (patterns.length === 0) return () => false;
  // one alternation instead of one expression per pattern; answers cached per path (the same paths come again)
  const re = new RegExp(`^(?:${patterns.map((p) => p.split('.').map((k) => (k === '*' ? '[^.]+' : k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))).join('\\.')).join('|')})$`);
  const seen = new Map<string, boolean>();
  return (valuesPath) => {
    let hit = seen.get(valuesPath);
    if (hit === undefined) {
      hit = re.test(valuesPath);
      if (seen.size < 10_000) seen.set(valuesPath, hit);
    }
    return hit;
  };
}
