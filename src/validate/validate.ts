// validateValues: the project's schema (compiled at build time), the semantic rules, and a chart's own
// values.schema.json judged the way the chosen Helm judges it. Never throws on bad values; never mutates them.
import type { Diagnostic } from '../errors.js';
import type { Profile } from '../images/profile.js';
import { nestedCharts, optionProblem, resolveCollecting, ResolveError, selectProfile, typedError, type ResolvedImage } from '../images/resolve.js';
import { ValuesError } from '../errors.js';
import { makeLoaded } from '../values/load.js';
import { loadValues } from '../load/load-values.js';
import type { Chart } from '../chart/chart.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { internalValues, plainValuesCopy, type LoadedValues, type Values } from '../values/load.js';
import { loadedChart } from '../load/load-values.js';
import { deepCopy, isMap, newMap, type Val } from '../values/model.js';
import { formatPath, formatPointer, parsePath } from '../values/paths.js';
import { MAX_JSON_DEPTH } from '../values/strvals.js';
import * as precompiled from './_precompiled.js';
import { blockMatcher, buildRelease, finish, isLoaded, nestingDepth, valueAt, type NewDiagnostic, type Parts, type RuleContext } from './context.js';
import { chartSchemaDiagnostics } from './helm-schema.js';
import { digestRules } from './rules/digests.js';
import { referenceRules } from './rules/references.js';
import { shapeRules } from './rules/shapes.js';
import { variantRules } from './rules/variants.js';
import { allImageBlockPaths, builtInProfile, valuesSchema, VARIANTS } from './schema.js';
import { schemaDiagnostics, type SchemaError } from './schema-errors.js';
import { compileOwnSchema } from './own-schema.js';
import { checkProfile, ProfileError } from '../images/profile-check.js';
import { subchartProfile } from '../profiles/built-in.js';

/** Options of {@link validateValues}. */
export interface ValidateOptions {
  /**
   * `gloo`, `gloo-ee`, `generic` or a profile object. Default, as for resolveImages: values loaded from a chart take
   * that chart's built-in profile (gloo, gloo-ee, or the one an umbrella chart bundles) and any other chart
   * `generic`; with a `schema` and no chart, `generic`; plain values, `gloo`.
   */
  profile?: string | Profile;
  /** A missing gloo-ee licence key is an error, as the chart fails (default: an info, the key is passed at install). */
  requireLicense?: boolean;
  /** Versions of subcharts, e.g. gloo-ee's bundled `{ gloo: '1.17.0' }` (known already when the values came from a chart). */
  dependencyVersions?: Record<string, string>;
  /** The chart version whose rules apply; default: the current rules (an info diagnostic says so). */
  chartVersion?: string;
  /** A chart's own values.schema.json (parsed JSON, or its text), judged as `helmVersion` judges it. */
  schema?: object | string;
  /** Whose verdict on a chart schema to reproduce, and whose reading rules apply. Default: the values' own, else 4. */
  helmVersion?: HelmVersion;
  /**
   * The chart the values were loaded from. Values from `loadValues({ chart })` remember their chart, so this is only
   * needed for values loaded otherwise: each enabled chart's own schema is checked against its view of the values.
   */
  chart?: Chart;
  /** The release name the chart is rendered and resolved with, as `helm template NAME` (default `gloo`, as resolveImages). */
  releaseName?: string;
  /** The release namespace the chart is rendered with, as `helm template -n NAMESPACE` (default `default`). */
  namespace?: string;
}

/** The result of {@link validateValues}. */
export interface ValidationResult {
  /** No diagnostic of severity error. */
  valid: boolean;
  /** A copy of the values with the project's defaults applied (global.image.variant: standard). */
  values: Values;
  diagnostics: Diagnostic[];
}

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** The validators compiled at build time, by profile name. */
const PRECOMPILED: Record<string, Validator> = precompiled as unknown as Record<string, Validator>;

/** Custom profiles' validators, compiled once per profile object. */
const CUSTOM = new WeakMap<Profile, Validator>();

function ownValidator(profile: Profile, name: string | undefined): Validator {
  if (name && PRECOMPILED[name.replace(/[^A-Za-z0-9]/g, '_')]) return PRECOMPILED[name.replace(/[^A-Za-z0-9]/g, '_')]!;
  let v = CUSTOM.get(profile);
  if (!v) {
    v = compileOwnSchema(valuesSchema(profile)) as Validator;
    CUSTOM.set(profile, v);
  }
  return v;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Validates values for a chart: the image fields against the profile's schema (`global.image.variant` one of
 * standard | fips | distroless | fips-distroless), the semantic rules the chart itself never checks (variants
 * that do not exist for the chart version or an image's tag, dropped or stale digests, numeric tags, invalid
 * references, distroless on non-amd64 nodes), and a chart's own values.schema.json as Helm would judge it.
 * Each diagnostic has a stable code, the Helm dotted path, a JSON pointer and, for values read from text,
 * file:line:col. Never throws on bad values; the input is never mutated.
 */
export function validateValues(values: Values | LoadedValues, options: ValidateOptions = {}): ValidationResult {
  return validateValuesWith(values, options, undefined);
}

/**
 * What renders a chart for the validator (the render layer gives it: the package's validateValues renders every
 * chart with templates). It reports the render's failures and says whether a render was done; a render done
 * replaces the profile's emulated `render-failed` findings.
 */
export type ChartRenderer = (args: {
  /** Values loaded with the chart (its templates reachable from them). */
  loaded: LoadedValues;
  options: ValidateOptions;
  helmVersion: HelmVersion;
  report: (d: NewDiagnostic) => void;
}) => boolean;

/** validateValues with a chart renderer (see ChartRenderer). */
export function validateValuesWith(values: Values | LoadedValues, options: ValidateOptions, renderer: ChartRenderer | undefined): ValidationResult {
  const problem = optionProblem(options, VALIDATE_OPTIONS);
  if (problem) return refused('invalid-option', problem);
  try {
    return validateChecked(values, options, renderer);
  } catch (err) {
    // bad values are diagnostics, never exceptions: what Helm would refuse while resolving is said as Helm says it
    const e = typedError(err);
    if (e instanceof ValuesError) {
      const loaded = isLoaded(values) ? values : undefined;
      const location = e.location ?? (e.path !== undefined ? loaded?.locate(e.path) : undefined);
      return refused(e.code, e.message, location, e.path);
    }
    if (e instanceof ResolveError) return refused(e.code, e.message, undefined, e.path);
    if (e instanceof RangeError) return refused('values-too-deep', `values nest too deeply to be checked (${e.message})`);
    throw e;
  }
}

/** The options validateValues takes besides resolveImages's, with their types. */
const VALIDATE_OPTIONS: Record<string, [(v: unknown) => boolean, string]> = {
  chart: [(v) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Chart).name === 'string', 'a Chart from loadChart'],
  namespace: [(v) => typeof v === 'string', 'a string'],
};

function refused(code: string, message: string, location?: Diagnostic['location'], path = ''): ValidationResult {
  const d: Diagnostic = { code, severity: 'error', message, path, pointer: formatPointer(parsePath(path)) };
  if (location) d.location = location;
  return { valid: false, values: {}, diagnostics: [d] };
}

/** The profile `generic` validates with: `global.image` and the charts' own schemas (no image blocks known). */
const GENERIC = new Map<string, Profile>();
function genericProfile(chart: string): Profile {
  let p = GENERIC.get(chart);
  if (!p) GENERIC.set(chart, (p = { name: 'generic', chart, globalImage: 'global.image', workloads: [], fanOuts: [], imageFields: [] }));
  return p;
}

function validateChecked(values: Values | LoadedValues, options: ValidateOptions, renderer?: ChartRenderer): ValidationResult {
  const loaded = isLoaded(values) ? values : undefined;
  const helmVersion: HelmVersion = options.helmVersion ?? loaded?.helmVersion ?? 4;
  const isMapLike = values !== null && typeof values === 'object' && !Array.isArray(values);
  // loaded values are copied from their internal tree (depth checked on the way); their plain `values` are
  // made only if a finding needs to read them
  let copy: Values | undefined = loaded ? plainValuesCopy(loaded, MAX_JSON_DEPTH) : undefined;
  const plainOf = (): Values => (loaded ? loaded.values : isMapLike ? (values as Values) : {});
  // values that Helm could never hold are refused before anything walks them
  const refusal = !isMapLike
    ? { code: 'values-not-a-map', message: `values must be a map (Helm's .Values), got ${values === null ? 'null' : Array.isArray(values) ? 'a list' : typeof values}` }
    : copy === undefined && nestingDepth(plainOf(), MAX_JSON_DEPTH) > MAX_JSON_DEPTH
      ? { code: 'values-too-deep', message: `values nest deeper than ${MAX_JSON_DEPTH} levels (a limit of this library, as for --set-json); nothing was validated` }
      : undefined;
  if (refusal) return { valid: false, values: {}, diagnostics: [{ ...refusal, severity: 'error', path: '', pointer: '' }] };
  const out: NewDiagnostic[] = [];
  const report = (d: NewDiagnostic) => out.push(d);
  copy ??= structuredCloneValues(plainOf());

  const selected = selectProfile(values, options);
  const charts = loaded?.withChartDefaults ? loaded.charts : undefined;
  const generic = selected === 'generic';
  const profileOption = generic ? genericProfile(charts?.['']?.name ?? 'chart') : selected;
  // a profile object is checked once, completely (a verdict kept per object), before anything walks it
  const checked = typeof profileOption === 'string' || generic ? undefined : profileVerdict(profileOption);
  const profile = typeof profileOption === 'string' ? builtInProfile(profileOption) : checked === undefined ? profileOption : 'profile' in checked ? checked.profile : undefined;
  if (checked && 'error' in checked) {
    report({ code: 'profile-invalid', severity: 'error', parts: [], message: checked.error.message });
  } else if (!profile) {
    report({ code: 'profile-unknown', severity: 'error', parts: [], message: `unknown profile ${JSON.stringify(profileOption)}; built in: gloo, gloo-ee, generic. Pass a profile object for other charts.` });
  } else if (loaded && charts?.[''] && typeof profileOption === 'string' && charts['']!.name !== profile.chart) {
    // an umbrella chart bundling this chart: each outermost copy is checked on its own values, paths from the top
    for (const { at, own } of nestedCharts(charts, profile.chart)) {
      for (const d of ownChecks(subLoaded(loaded, at, own), profile, profileOption, { ...options, chartVersion: own['']!.version }, helmVersion)) {
        report({ ...d, parts: [...at.split('.'), ...d.parts], ...(d.locateAt ? { locateAt: [...at.split('.'), ...d.locateAt] } : {}) });
      }
    }
  } else {
    const own = generic ? { ...options, chartVersion: undefined } : options;
    out.push(...ownChecks(values, profile, typeof profileOption === 'string' ? profileOption : profile, own, helmVersion, copy, plainOf, loaded));
  }
  if (options.schema !== undefined) out.push(...chartSchemaDiagnostics(plainOf(), options.schema, helmVersion, ''));
  const chart = options.chart ?? (loaded ? loadedChart(loaded) : undefined);
  if (chart) out.push(...chartTreeDiagnostics(chart, loaded, helmVersion));
  if (chart && renderer) {
    const withChart = loaded && loadedChart(loaded) === chart ? loaded : loadWithChart(chart, plainOf(), helmVersion);
    const found: NewDiagnostic[] = [];
    const rendered = 'error' in withChart ? (found.push(withChart.error), true) : renderer({ loaded: withChart, options, helmVersion, report: (d) => found.push(d) });
    if (rendered) {
      // the real templates' verdict replaces the profile's emulation of them
      for (let i = out.length - 1; i >= 0; i--) if (out[i]!.code === 'render-failed') out.splice(i, 1);
      out.push(...found);
    }
  }

  const locate = loaded ? (p: string) => loaded.locate(p) : undefined;
  const diagnostics = mergeRenderFailures(onePerPlace(dedupe(out).map((d) => finish(d, locate))));
  diagnostics.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.path.localeCompare(b.path) || a.code.localeCompare(b.code));
  return { valid: !diagnostics.some((d) => d.severity === 'error'), values: copy, diagnostics };
}

/** The profile's schema and semantic rules over one chart's values. */
function ownChecks(
  values: Values | LoadedValues,
  profile: Profile,
  profileOption: string | Profile,
  options: ValidateOptions,
  helmVersion: HelmVersion,
  copy?: Values,
  plainOf?: () => Values,
  loadedValues?: LoadedValues,
): NewDiagnostic[] {
  const out: NewDiagnostic[] = [];
  const loaded = loadedValues ?? (isLoaded(values) ? values : undefined);
  const plain = plainOf ?? (() => (isLoaded(values) ? values.values : (values as Values)));
  const data = copy ?? (loaded ? plainValuesCopy(loaded, MAX_JSON_DEPTH) ?? {} : structuredCloneValues(plain()));
  const validate = ownValidator(profile, typeof profileOption === 'string' ? profileOption : undefined);
  if (!validate(data)) {
    const goValue = (parts: Parts) => loaded?.goValue(formatPath(parts));
    const p = plain();
    out.push(...schemaDiagnostics(validate.errors ?? [], (parts) => valueAt(p as Val, parts), goValue));
  }
  semantic(values, profile, profileOption, options, helmVersion, (d) => out.push(d));
  return out;
}

/** One subchart's values of a loaded chart tree as values loaded with that chart (locations kept). */
function subLoaded(loaded: LoadedValues, at: string, own: NonNullable<LoadedValues['charts']>): LoadedValues {
  const sub = valueAt(internalValues(loaded), parsePath(at));
  return makeLoaded(isMap(sub) ? sub : newMap(), [], [], loaded.helmVersion, true, own);
}

/** checkProfile as a result (validateValues never throws): the profile, or the ProfileError. */
function profileVerdict(p: unknown): { profile: Profile } | { error: ProfileError } {
  try {
    return { profile: checkProfile(p, subchartProfile) };
  } catch (e) {
    if (e instanceof ProfileError) return { error: e };
    throw e;
  }
}

/** A deep copy of plain values (JSON-like data; anything else is dropped as JSON would drop it). */
function structuredCloneValues(v: Values): Values {
  return deepCopy(v as Val) as Values;
}

/** Runs the resolver and the rules that need it. */
function semantic(
  values: Values | LoadedValues,
  profile: Profile,
  profileOption: string | Profile,
  options: ValidateOptions,
  helmVersion: HelmVersion,
  report: (d: NewDiagnostic) => void,
): void {
  let images: ResolvedImage[] = [];
  try {
    // a built-in profile goes by name: the resolver knows its sub-profiles by name too
    const r = resolveCollecting(values, {
      profile: profileOption,
      helmVersion,
      ...(options.chartVersion !== undefined ? { chartVersion: options.chartVersion } : {}),
      ...(options.dependencyVersions !== undefined ? { dependencyVersions: options.dependencyVersions } : {}),
      ...(options.releaseName !== undefined ? { releaseName: options.releaseName } : {}),
      // the resolver's own note on unquoted fields is said by the rule, at the value the user wrote
      onDiagnostic: (d) =>
        d.code !== 'field-not-string' &&
        report({ code: d.code, severity: d.code === 'license-key-missing' && options.requireLicense ? 'error' : d.severity, parts: parsePath(d.path), message: d.message }),
    });
    images = r.images;
    // every failure is one finding; the rules below still run on what did resolve
    for (const e of r.failures) report({ code: e.code, severity: 'error', parts: e.path ? parsePath(e.path) : [], message: e.message });
  } catch (err) {
    const e = typedError(err);
    if (!(e instanceof ResolveError)) throw e;
    report({ code: e.code, severity: 'error', parts: e.path ? parsePath(e.path) : [], message: e.message });
    if (e.code !== 'render-failed') return;
  }
  const r = buildRelease(values, profile, options.chartVersion, options.dependencyVersions, helmVersion);
  if ('error' in r) {
    report({ code: 'chart-version-unsupported', severity: 'error', parts: [], message: r.error });
    return;
  }
  const ctx: RuleContext = {
    profile,
    version: r.version,
    versionGiven: options.chartVersion !== undefined,
    rules: r.rules,
    label: r.label,
    helmVersion,
    release: r.release,
    defaults: r.defaults,
    images,
    ...matchersOf(profile),
    goValue: (parts) => (isLoaded(values) ? values.goValue(formatPath(parts)) : undefined),
    helmWarned: new Set(isLoaded(values) ? values.warnings.filter((w) => w.code === 'values-table-overwritten').map((w) => w.path) : []),
    report,
  };
  variantRules(ctx);
  digestRules(ctx);
  referenceRules(ctx);
  shapeRules(ctx);
}

/** A profile's block matchers, built once per profile (regular expressions compiled per call were a hot spot). */
const MATCHERS = new WeakMap<Profile, Pick<RuleContext, 'isVariantBlock' | 'isGlooHelperBlock'>>();
function matchersOf(profile: Profile): Pick<RuleContext, 'isVariantBlock' | 'isGlooHelperBlock'> {
  let m = MATCHERS.get(profile);
  if (!m) {
    m = {
      isVariantBlock: blockMatcher(allImageBlockPaths(profile)),
      isGlooHelperBlock: blockMatcher(allImageBlockPaths(profile, (c) => c.helper !== 'plain')),
    };
    MATCHERS.set(profile, m);
  }
  return m;
}

/**
 * Values given with a chart they were not loaded from (`chart` option): loaded again with that chart, the values
 * as the user's values over its defaults, so that it can be rendered.
 */
function loadWithChart(chart: Chart, plain: Values, helmVersion: HelmVersion): LoadedValues | { error: NewDiagnostic } {
  try {
    return loadValues({ chart, helmVersion, valuesFiles: [{ name: 'values', text: JSON.stringify(plain) }] });
  } catch (err) {
    const e = typedError(err);
    if (e instanceof ValuesError || e instanceof ResolveError) return { error: { code: e.code, severity: 'error', parts: e.path ? parsePath(e.path) : [], message: e.message } };
    throw e;
  }
}

/**
 * A render failure traced to a value that another error already names (a `value-type`, an image field of the
 * wrong type, a missing licence key the caller requires...) at that value or one that holds it is one mistake:
 * one diagnostic, the other's, saying that helm template fails on it too.
 */
function mergeRenderFailures(list: Diagnostic[]): Diagnostic[] {
  const failures = list.filter((d) => d.code === 'render-failed' && d.path !== '' && d.helmOutput !== undefined);
  if (!failures.length) return list;
  const drop = new Set<Diagnostic>();
  const said = new Map<Diagnostic, Diagnostic>();
  for (const f of failures) {
    const fp = parsePath(f.path);
    const other = list.find((d) => {
      if (d === f || d.severity !== 'error' || d.code === 'render-failed' || d.code === 'chart-schema') return false;
      const dp = parsePath(d.path);
      return dp.length > 0 && dp.length <= fp.length && dp.every((p, i) => p === fp[i]);
    });
    if (!other) continue;
    drop.add(f);
    if (!said.has(other)) said.set(other, f);
  }
  return list
    .filter((d) => !drop.has(d))
    .map((d) => {
      const f = said.get(d);
      return f ? { ...d, message: `${d.message} helm template fails on it: ${f.message.replace(/^helm template would fail: /, '')}` } : d;
    });
}

/** Codes said once per place, whichever image found them first. */
const ONCE_PER_PLACE = new Set(['disableDigest-unsupported']);

/**
 * One finding per place and code; a render failure caused by a variant that is not a string is that
 * variant's diagnostic already.
 */
function dedupe(list: NewDiagnostic[]): NewDiagnostic[] {
  const seen = new Set<string>();
  const variantType = list.some((d) => d.code === 'variant-not-string');
  return list.filter((d) => {
    if (variantType && d.code === 'render-failed' && /incompatible types for comparison/.test(d.message)) return false;
    const key = ONCE_PER_PLACE.has(d.code) ? `${d.code}\u0000${formatPath(d.parts)}` : `${d.code}\u0000${formatPath(d.parts)}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One mistake in one place is one diagnostic: findings of one code at one file:line:col (or, unlocated, at one
 * path) are one, naming the other values it affects (a variant written once, seen by every subchart's copy of
 * `global` and every image it applies to).
 */
function onePerPlace(list: Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, { d: Diagnostic; others: string[] }>();
  for (const d of list) {
    // a chart schema's verdicts are Helm's report, line for line (each chart judges its own view of a value)
    if (d.helmOutput !== undefined) {
      byKey.set(`\u0001${byKey.size}`, { d, others: [] });
      continue;
    }
    const l = d.location;
    const key = l ? `${d.code}\u0000${l.file}\u0000${l.line}\u0000${l.column}` : `${d.code}\u0000\u0000${d.path}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { d, others: [] });
    // a subchart's copy of a global is the same value, not another one
    else if (globalOf(d.path) !== globalOf(seen.d.path) && !seen.others.includes(d.path)) seen.others.push(d.path);
  }
  return [...byKey.values()].map(({ d, others }) => {
    if (!others.length) return d;
    const shown = others.slice(0, 8).join(', ') + (others.length > 8 ? `, and ${others.length - 8} more` : '');
    return { ...d, message: `${d.message} The same holds for ${others.length === 1 ? 'one other value' : `${others.length} other values`}: ${shown}.` };
  });
}

/** A path with any subchart prefix before its `global.` removed (the value every chart's copy of a global is). */
function globalOf(path: string): string {
  const i = path.startsWith('global.') ? 0 : path.lastIndexOf('.global.') + 1;
  return i > 0 || path.startsWith('global.') ? path.slice(i) : path;
}

/** Checks every enabled chart of a loaded chart tree against its own schema (each sees its own values and globals). */
function chartTreeDiagnostics(chart: Chart, loaded: LoadedValues | undefined, helmVersion: HelmVersion): NewDiagnostic[] {
  if (!loaded) return [];
  const out: NewDiagnostic[] = [];
  // each chart's view is read only when that chart has a schema (the top's plain values are made on first use)
  const visit = (c: Chart, path: string, view: () => Values) => {
    const schema = c.schema ?? c.schemaText;
    if (schema !== undefined) out.push(...chartSchemaDiagnostics(view(), schema, helmVersion, path));
    for (const [key, sub] of Object.entries(c.subcharts)) {
      const name = key.includes('@') ? key.slice(0, key.indexOf('@')) : key;
      const deps = c.dependencies.filter((d) => d.name === name);
      for (const at of deps.length ? deps.map((d) => d.alias ?? d.name) : [name]) {
        const subPath = path ? `${path}.${at}` : at;
        const subView = loaded.subcharts[subPath];
        if (subView) visit(sub, subPath, () => subView);
      }
    }
  };
  visit(chart, '', () => loaded.values);
  return out;
}

/** The variants `global.image.variant` accepts. */
export { VARIANTS };
