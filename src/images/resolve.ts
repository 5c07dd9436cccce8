// resolveImages: every image a release deploys, with the workloads it renders into, as `helm template` would
// render them for the chart version in use.
import { ValuesError, type Diagnostic } from '../errors.js';
import { ImageReferenceError, parseImageReference, tryParseImageReference } from '../reference/index.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooProfile } from '../profiles/gloo.js';
import { Coalescer } from '../values/coalesce.js';
import { internalValues, type LoadedValues, type Values } from '../values/load.js';
import { fromPlain } from '../values/strvals.js';
import { GoInt, isMap, newMap, type GoMap, type Val } from '../values/model.js';
import { formatPointer, parsePath } from '../values/paths.js';
import { normalizeVersion } from '../chart/semver.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { CURRENT_GLOO_RUN, glooRules, UnsupportedVersionError } from './gloo-epochs.js';
import { printV, TemplateError } from './go-template.js';
import type { Profile } from './profile.js';
import { renderProfile, type ImageVariant, type RenderedImage, type RenderOptions } from './render.js';
import { glooEeProfile } from '../profiles/gloo-ee.js';
import { subchartProfile } from '../profiles/built-in.js';
import { checkProfile, ProfileError } from './profile-check.js';
import { glooEeChart, GlooEeVersionError } from '../profiles/gloo-ee-defaults.js';
import { coalesceChart } from '../chart/load-chart-values.js';
import { valueAt } from './expr.js';
import type { GlooRun } from './gloo-epochs.js';
import type { ArchPin } from './arch-pins.js';

export type { ImageVariant } from './render.js';

/** One image that renders, with every place it renders into. */
export interface ResolvedImage {
  /** What the image is: its repository (before `-fips`), or for a verbatim container its container name. */
  component: string;
  /** Values path of the image block (or of the verbatim container). */
  valuesPath: string;
  /** The reference exactly as the chart prints it. */
  reference: string;
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  /** The variant actually applied to this image. */
  variant: ImageVariant;
  source: 'chart' | 'passthrough' | 'generic' | 'rendered';
  /**
   * Each workload and container the image renders into; `arch` when the rendered pod spec pins the CPU architecture
   * of its nodes (rendered mode only: profiles do not model scheduling).
   */
  workloads: Array<{ kind: string; name: string; container: string; arch?: ArchPin }>;
  /** GatewayParameters entries: the structured fields the resource holds. */
  fields?: Record<string, unknown>;
}

/** Options of {@link resolveImages}. */
export interface ResolveOptions {
  /** `gloo` (built in), `generic` (any chart: image blocks found in the values, workloads unknown) or a profile object. Default `gloo`. */
  profile?: string | Profile;
  /** The chart version whose rules apply; default: the current rules. */
  chartVersion?: string;
  /** Whose error texts a ResolveError quotes, and whose rules read the profile's defaults. Default 4. */
  helmVersion?: HelmVersion;
  /** Versions of subcharts, e.g. gloo-ee's bundled `{ gloo: '1.18.0-beta14' }` (known already when the values came from a chart). */
  dependencyVersions?: Record<string, string>;
  /** The release name: workload names that derive from it. Default `gloo`. */
  releaseName?: string;
  /**
   * Fail as the chart does when its licence key is missing (gloo-ee's `license_key`). Default false: nobody
   * commits a licence key, it is passed at install, so the images are those of a release with the key, and an
   * info diagnostic `license-key-missing` says so.
   */
  requireLicense?: boolean;
  /** Assumptions made while resolving. */
  onDiagnostic?: (d: Diagnostic) => void;
}

/** Options as the resolver passes them inward: with a collector, render failures are gathered instead of thrown. */
interface InternalOptions extends ResolveOptions {
  collect?: (e: ResolveError) => void;
}

import { ResolveError } from '../errors.js';
export { ResolveError, type ResolveErrorCode } from '../errors.js';

/** The values as a Go-typed tree: LoadedValues keep their types; plain data is read as Helm reads JSON. */
function valuesTree(values: Values | LoadedValues): { tree: GoMap; final: boolean } {
  const maybeLoaded = values as LoadedValues;
  const internal = typeof maybeLoaded.locate === 'function' ? internalValues(maybeLoaded) : undefined;
  if (internal) return { tree: internal, final: maybeLoaded.withChartDefaults };
  return { tree: fromPlain(values), final: false };
}

/** Fills registry, repository, tag and digest from the reference when it is a valid image reference. */
function setReferenceParts(e: ResolvedImage): void {
  const parts = tryParseImageReference(e.reference);
  if (!parts) return;
  if (parts.registry !== undefined) e.registry = parts.registry;
  e.repository = parts.repository;
  if (parts.tag !== undefined) e.tag = parts.tag;
  if (parts.digest !== undefined) e.digest = parts.digest;
}

/** Groups rendered containers into one entry per image (block and reference), with all its workloads. */
function group(rows: RenderedImage[]): ResolvedImage[] {
  const out = new Map<string, ResolvedImage>();
  rows.forEach((r, i) => {
    const key = r.source === 'passthrough' ? `p:${i}` : `${r.valuesPath}\u0000${r.image}`;
    let e = out.get(key);
    if (!e) {
      const reference = r.image ?? '';
      const repoField = r.block?.repository;
      e = {
        component: r.source === 'passthrough' ? (r.container ?? '') : typeof repoField === 'string' && repoField ? repoField : r.valuesPath,
        valuesPath: r.valuesPath,
        reference,
        variant: r.variant ?? 'standard',
        source: r.source,
        workloads: [],
      };
      setReferenceParts(e);
      if (r.fields) e.fields = r.fields;
      out.set(key, e);
    }
    e.workloads.push({ kind: r.kind, name: r.name, container: r.container ?? '' });
  });
  return [...out.values()];
}

/**
 * Resolves every image a release of the chart deploys, with the workloads it renders into, as `helm template`
 * would render them. Values loaded with the chart's defaults are taken as final; otherwise (plain values, or
 * user files only) the profile's defaults for `chartVersion` are layered underneath first, as Helm would.
 * Throws {@link ResolveError} where `helm template` would fail.
 */
export function resolveImages(values: Values | LoadedValues, options: ResolveOptions = {}): ResolvedImage[] {
  checkResolveOptions(options);
  try {
    const images = resolveWith(values, options);
    noteUnquotedFields(images, options);
    if (options.onDiagnostic) invalidReferenceDiagnostics(images).forEach(options.onDiagnostic);
    return images;
  } catch (e) {
    throw typedError(e);
  }
}

/**
 * A resource field the chart prints unquoted that reads back as a number or boolean (a GatewayParameters tag 1.10 is
 * 1.1): the reference says what the resource holds, and a warning says that Kubernetes refuses it.
 */
function noteUnquotedFields(images: ResolvedImage[], options: ResolveOptions): void {
  for (const img of images) {
    for (const [k, v] of Object.entries(img.fields ?? {})) {
      if (typeof v !== 'number' && typeof v !== 'boolean') continue;
      const w = img.workloads[0];
      const path = `${img.valuesPath}.${k}`;
      options.onDiagnostic?.({
        code: 'field-not-string',
        severity: 'warning',
        message: `${w ? `${w.kind} ${w.name} (${w.container})` : 'the resource'} holds ${k}: ${String(v)}, a ${typeof v}: the chart prints ${path} unquoted and YAML reads it back so (a tag 1.10 becomes 1.1); Kubernetes refuses it for a string field, and ${img.reference} is what it would name. Use a value that stays a string unquoted (e.g. 1.10.0).`,
        path,
        pointer: formatPointer(parsePath(path)),
      });
    }
  }
}

/**
 * A `reference-invalid` error for each image whose reference no container runtime could pull (what the chart prints
 * for a value of the wrong type, `%!s(float64=0)`, an empty registry, upper case): Helm renders it as given, and
 * Kubernetes refuses the pod (InvalidImageName). The reference stays in the result, exactly as rendered; a list of
 * images to pull leaves it out (the CLI does). A container without an image (reference '') is not one: workload
 * controllers may fill it in.
 */
export function invalidReferenceDiagnostics(images: readonly ResolvedImage[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const img of images) {
    const reason = invalidReference(img.reference);
    if (reason === undefined || seen.has(`${img.valuesPath}\u0000${img.reference}`)) continue;
    seen.add(`${img.valuesPath}\u0000${img.reference}`);
    const where = [...new Set(img.workloads.map((w) => `${w.kind}/${w.name}${w.container ? ` (${w.container})` : ''}`))].slice(0, 3).join(', ');
    out.push({
      code: 'reference-invalid',
      severity: 'error',
      message: `${img.valuesPath || where || img.component} renders ${JSON.stringify(img.reference)}${img.valuesPath && where ? ` into ${where}` : ''}, which no container runtime can pull (${reason}); Kubernetes refuses the pod (InvalidImageName). Check the registry, repository and tag values (strings, not empty, no trailing slash).`,
      path: img.valuesPath,
      pointer: formatPointer(parsePath(img.valuesPath)),
    });
  }
  return out;
}

/** Why a rendered reference cannot be pulled, or undefined when it can (or is empty: no image). */
export function invalidReference(reference: string): string | undefined {
  if (reference === '') return undefined;
  try {
    parseImageReference(reference);
    return undefined;
  } catch (e) {
    if (e instanceof ImageReferenceError) return e.message;
    throw e;
  }
}

/**
 * resolveImages for a validator: every render failure collected (the parts that do not fail still resolve), so that
 * the rules still run and each failure is one diagnostic. Options must have been checked.
 */
export function resolveCollecting(values: Values | LoadedValues, options: ResolveOptions): { images: ResolvedImage[]; failures: ResolveError[] } {
  const failures: ResolveError[] = [];
  const images = resolveWith(values, { ...options, collect: (e) => failures.push(e) });
  return { images, failures };
}

/** Internal errors that reach the boundary as the typed errors the API promises. */
export function typedError(e: unknown): unknown {
  if (e instanceof UnsupportedVersionError || e instanceof GlooEeVersionError) return new ResolveError(e.code, e.message);
  if (e instanceof ProfileError) return new ResolveError('profile-invalid', e.message);
  if (e instanceof TemplateError) return new ResolveError('render-failed', `helm template would fail: ${e.message}`, e.path);
  return e;
}

const OPTION_TYPES: Record<string, (v: unknown) => boolean> = {
  profile: (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)),
  chartVersion: (v) => typeof v === 'string',
  helmVersion: (v) => v === 3 || v === 4,
  dependencyVersions: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
  releaseName: (v) => typeof v === 'string',
  requireLicense: (v) => typeof v === 'boolean',
  onDiagnostic: (v) => typeof v === 'function',
};
const OPTION_EXPECTED: Record<string, string> = {
  profile: 'a profile name or a profile object',
  chartVersion: 'a version string such as "1.17.0"',
  helmVersion: '3 or 4',
  dependencyVersions: 'an object of version strings, e.g. { gloo: "1.17.0" }',
  releaseName: 'a string',
  requireLicense: 'a boolean',
  onDiagnostic: 'a function',
};

/** The message for an option of the wrong type, or undefined when every known option is well typed. */
export function optionProblem(options: unknown, extra: Record<string, [(v: unknown) => boolean, string]> = {}): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return `options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'a list' : typeof options}`;
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    const ok = extra[k]?.[0] ?? OPTION_TYPES[k];
    if (ok && !ok(v)) return `option ${k}: expected ${extra[k]?.[1] ?? OPTION_EXPECTED[k]}, got ${describe(v)}`;
  }
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** Throws ResolveError `invalid-option` for an option of the wrong type. */
export function checkResolveOptions(options: ResolveOptions): void {
  const problem = optionProblem(options);
  if (problem) throw new ResolveError('invalid-option', problem);
}

/**
 * Which profile applies, one rule for the library and the CLI: an explicit `profile` wins; values loaded from a
 * chart take the built-in profile of that chart (gloo, gloo-ee, or the outermost one an umbrella chart bundles),
 * any other chart `generic`; a chart `schema` given without a profile selects `generic` (the caller is judging
 * their own chart); plain values with no chart get `gloo`.
 */
export function selectProfile(values: Values | LoadedValues, options: { profile?: string | Profile; schema?: unknown }): string | Profile {
  if (options.profile !== undefined) return options.profile;
  const loaded = values as LoadedValues;
  const charts = loaded && typeof loaded === 'object' && loaded.withChartDefaults ? loaded.charts : undefined;
  if (charts?.['']) return defaultProfile(charts);
  return options.schema !== undefined ? 'generic' : 'gloo';
}

function resolveWith(values: Values | LoadedValues, options: InternalOptions): ResolvedImage[] {
  const helmVersion = options.helmVersion ?? (values as LoadedValues).helmVersion ?? 4;
  const charts = (values as LoadedValues).withChartDefaults ? (values as LoadedValues).charts : undefined;
  const top = charts?.[''];
  // values loaded from a whole chart say which chart they are: its built-in profile is the default
  const profile = selectProfile(values, options);
  if (typeof profile === 'string' && BUILT_IN[profile] && charts && top && top.name !== BUILT_IN[profile]!.chart) {
    const nested = resolveNested(BUILT_IN[profile]!, values as LoadedValues, charts, options);
    if (nested) return nested;
  }
  if (top && top.name === (typeof profile === 'string' ? BUILT_IN[profile]?.chart : undefined) && options.chartVersion === undefined) {
    // the chart's own version decides its rules
    options = { ...options, chartVersion: top.version };
  }
  if (profile === 'generic') return resolveGeneric(values, options);
  if (typeof profile === 'string' && !BUILT_IN[profile]) {
    throw new ResolveError('profile-unknown', `unknown profile ${JSON.stringify(profile)}; built in: ${[...Object.keys(BUILT_IN), 'generic'].join(', ')}`);
  }
  let p: Profile;
  try {
    p = typeof profile === 'string' ? BUILT_IN[profile]! : checkProfile(profile, subchartProfile);
  } catch (e) {
    if (e instanceof ProfileError) throw new ResolveError('profile-invalid', e.message);
    throw e;
  }
  if (p.subcharts?.length) return resolveComposite(p, values, options, helmVersion);
  let rules;
  let version: string;
  try {
    version = normalizeVersion((options.chartVersion ?? CURRENT_GLOO_RUN.last).trim()) ?? '';
    // a chart of the user's own takes the Gloo helper's rules of its version where there are some, else the current ones
    rules = BUILT_IN[p.name] === p ? glooRules(options.chartVersion ?? CURRENT_GLOO_RUN.last) : rulesOrCurrent(options.chartVersion);
  } catch (e) {
    if (e instanceof UnsupportedVersionError) throw new ResolveError(e.code, e.message);
    throw e;
  }
  if (!options.chartVersion) {
    options.onDiagnostic?.({
      code: 'chart-version-assumed',
      severity: 'info',
      message: `no chart version given: the current rules of the ${p.chart} chart (${rules.first} – ${rules.last}) apply`,
      path: '',
      pointer: '',
    });
  }
  const { tree, final } = valuesTree(values);
  let release: GoMap = tree;
  if (!final && p === glooProfile) {
    const defaults = glooDefaults(version, helmVersion);
    release = new Coalescer(helmVersion, p.chart).coalesceValues({ name: p.chart, values: defaults, subcharts: [], owned: true }, tree);
  }
  return group(renderProfile(p, release, version, rules, renderOptions(options, { releaseName: options.releaseName ?? 'gloo' })));
}

/** Without a profile: the outermost chart of the loaded chart tree that has a built-in profile, else generic. */
function defaultProfile(charts: NonNullable<LoadedValues['charts']>): string {
  const found = Object.keys(charts)
    .filter((k) => BUILT_IN[charts[k]!.name])
    .sort((a, b) => (a === '' ? 0 : a.split('.').length) - (b === '' ? 0 : b.split('.').length) || (charts[a]!.name === 'gloo-ee' ? -1 : 1));
  return found.length ? charts[found[0]!]!.name : 'generic';
}

/** How one render is done for these options: failures collected or thrown, the licence check as asked. */
function renderOptions(options: InternalOptions, base: RenderOptions): RenderOptions {
  const r: RenderOptions = { ...base };
  if (options.requireLicense) r.requireLicense = true;
  r.onLicenseMissing = (message) => licenseNote(options, message);
  if (options.collect) r.onFailure = (e) => options.collect!(new ResolveError('render-failed', `helm template would fail: ${e.message}`, e.path));
  return r;
}

/** The info said when a licence check holds and the key is taken as passed at install. */
function licenseNote(options: ResolveOptions, message: string): void {
  options.onDiagnostic?.(licenseDiagnostic(message, 'license_key'));
}

/** The `license-key-missing` info for a licence check's failure text, at the key's values path. */
export function licenseDiagnostic(message: string, path: string): Diagnostic {
  const said = message.replace(/^execution error at \([^)]*\): /, '');
  return {
    code: 'license-key-missing',
    severity: 'info',
    message: `no license_key in these values: the chart refuses to render without one ("${said}"). It is normally passed at install (helm install ... --set license_key=$LICENSE_KEY); the images are those a release with the key deploys. Use requireLicense (--require-license) to make this an error.`,
    path,
    pointer: formatPointer(parsePath(path)),
  };
}

/**
 * The licence checks of the charts a loaded chart tree holds that have a built-in profile (gloo-ee's
 * `license_key`): each with the values path of its key from the top and the words its failure ends with.
 */
export function licenceChecks(charts: LoadedValues['charts']): Array<{ path: string; said: string }> {
  const out: Array<{ path: string; said: string }> = [];
  for (const [at, id] of Object.entries(charts ?? {})) {
    const p = Object.prototype.hasOwnProperty.call(BUILT_IN, id.name) ? BUILT_IN[id.name] : undefined;
    for (const ck of p?.checks ?? []) {
      if (!ck.license || !ck.path) continue;
      out.push({ path: at ? `${at}.${ck.path}` : ck.path, said: ck.message.replace(/^execution error at \([^)]*\): /, '') });
    }
  }
  return out;
}

/**
 * The outermost places a chart tree bundles `chart` (shallowest first), each with the identities of the charts below
 * it keyed from there ('' = that chart).
 */
export function nestedCharts(charts: NonNullable<LoadedValues['charts']>, chart: string): Array<{ at: string; own: NonNullable<LoadedValues['charts']> }> {
  const paths = Object.keys(charts)
    .filter((k) => k !== '' && charts[k]!.name === chart)
    .sort((a, b) => a.split('.').length - b.split('.').length || (a < b ? -1 : 1));
  return paths
    .filter((k) => !paths.some((o) => o !== k && k.startsWith(`${o}.`)))
    .map((at) => {
      const own: NonNullable<LoadedValues['charts']> = {};
      for (const [k, v] of Object.entries(charts)) {
        if (k === at) own[''] = v;
        else if (k.startsWith(`${at}.`)) own[k.slice(at.length + 1)] = v;
      }
      return { at, own };
    });
}

/**
 * A chart that bundles a chart with a built-in profile (an umbrella chart with gloo or gloo-ee as a dependency): each
 * outermost such subchart is resolved with that profile on its own values and at its own version, its values paths
 * reported from the top. Undefined when the chart bundles none.
 */
function resolveNested(p: Profile, loaded: LoadedValues, charts: NonNullable<LoadedValues['charts']>, options: InternalOptions): ResolvedImage[] | undefined {
  const nested = nestedCharts(charts, p.chart);
  if (!nested.length) return undefined;
  const root = copyShared(internalValues(loaded)!) as GoMap;
  const out: ResolvedImage[] = [];
  for (const { at, own } of nested) {
    const sub = valueAt(root, at.split('.'));
    if (!isMap(sub)) continue;
    const subOptions: InternalOptions = { ...options, chartVersion: options.dependencyVersions?.[at] ?? own['']!.version };
    let images: ResolvedImage[];
    if (p.subcharts?.length) images = renderComposite(p, sub, own, subOptions);
    else {
      images = group(renderProfile(p, sub, normalizeVersion(subOptions.chartVersion!) ?? subOptions.chartVersion!, rulesOf(subOptions.chartVersion!), renderOptions(options, { releaseName: options.releaseName ?? 'gloo' })));
    }
    for (const i of images) out.push({ ...i, valuesPath: i.valuesPath.startsWith('global.') ? i.valuesPath : `${at}.${i.valuesPath}` });
  }
  return out;
}

/** Built-in profiles by name. */
const BUILT_IN: Record<string, Profile> = { gloo: glooProfile, 'gloo-ee': glooEeProfile };

/** The Gloo helper's rules for a user chart's version: its epoch when it has one, else the current rules. */
function rulesOrCurrent(version: string | undefined): GlooRun {
  if (version === undefined) return CURRENT_GLOO_RUN;
  try {
    return glooRules(version);
  } catch (e) {
    if (e instanceof UnsupportedVersionError && e.code === 'chart-version-unsupported') return CURRENT_GLOO_RUN;
    throw e;
  }
}

/** A copy of a values tree that keeps Go's sharing: a map reachable twice is copied once (globals shared by charts). */
function copyShared(v: Val, memo = new Map<object, Val>()): Val {
  if (v === null || typeof v !== 'object' || v instanceof GoInt) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (Array.isArray(v)) {
    const out: Val[] = [];
    memo.set(v, out);
    for (const x of v) out.push(copyShared(x, memo));
    return out;
  }
  const out = newMap();
  memo.set(v, out);
  for (const k of Object.keys(v)) out[k] = copyShared((v as GoMap)[k]!, memo);
  return out;
}

function rulesOf(version: string): GlooRun {
  try {
    return glooRules(version);
  } catch (e) {
    if (e instanceof UnsupportedVersionError) throw new ResolveError(e.code, e.message);
    throw e;
  }
}

/**
 * A chart with subcharts (gloo-ee): each enabled subchart rendered with its own profile, values and version, before
 * the parent, as Helm renders them. Merges write into the (privately copied) values as the chart's templates do, so
 * blocks a subchart template filled from its own global.image are seen filled by the parent (reference §6.4).
 */
function resolveComposite(p: Profile, values: Values | LoadedValues, options: InternalOptions, helmVersion: HelmVersion): ResolvedImage[] {
  const note = (d: Diagnostic) => options.onDiagnostic?.(d);
  const { tree, final } = valuesTree(values);
  const loadedCharts = (values as LoadedValues).charts;
  let root: GoMap;
  let charts: Record<string, { name: string; version: string; appVersion?: string }>;
  if (final && loadedCharts && loadedCharts['']?.name === p.chart) {
    root = copyShared(tree) as GoMap;
    charts = loadedCharts;
  } else if (p !== glooEeProfile) {
    // a composite profile of the user's own without its chart: the values are taken as they are, each subchart's
    // values under its key, versions from dependencyVersions (else the chart version)
    root = copyShared(tree) as GoMap;
    const v = options.chartVersion ?? '0.0.0';
    charts = { '': { name: p.chart, version: v } };
    for (const s of p.subcharts ?? []) if (isMap(valueAt(root, s.name.split('.')))) charts[s.name] = { name: s.name, version: options.dependencyVersions?.[s.name] ?? v };
  } else {
    let chart;
    try {
      chart = glooEeChart(options.chartVersion, options.dependencyVersions?.gloo, helmVersion, note);
    } catch (e) {
      if (e instanceof GlooEeVersionError) throw new ResolveError(e.code, e.message);
      throw e;
    }
    const r = coalesceChart(chart, copyShared(tree) as GoMap, helmVersion);
    root = r.root;
    charts = r.charts;
  }
  return renderComposite(p, root, charts, options);
}

/** Renders a chart with subcharts over its final values (a private copy: merges write into it). */
function renderComposite(p: Profile, root: GoMap, charts: Record<string, { name: string; version: string; appVersion?: string }>, options: InternalOptions): ResolvedImage[] {
  const note = (d: Diagnostic) => options.onDiagnostic?.(d);
  const releaseName = options.releaseName ?? 'gloo';
  const versionOf = (name: string) => options.dependencyVersions?.[name] ?? charts[name]?.version;
  const parentVersion = normalizeVersion(charts['']?.version ?? '') ?? charts['']?.version ?? '';
  const rulesVersion = p.rulesFrom !== undefined && versionOf(p.rulesFrom) !== undefined ? versionOf(p.rulesFrom)! : parentVersion;
  const rules = p === glooEeProfile ? rulesOf(rulesVersion) : rulesOrCurrent(rulesVersion);
  const rows: RenderedImage[] = [];
  const known = new Set((p.subcharts ?? []).map((s) => s.name));
  for (const name of Object.keys(charts)) {
    if (name !== '' && !known.has(name)) {
      note({ code: 'images-not-modelled', severity: 'info', message: `subchart ${name} (${charts[name]!.name} ${charts[name]!.version}) is enabled; the ${p.name} profile does not describe its images`, path: name, pointer: formatPointer(parsePath(name)) });
    }
  }
  // Helm renders the deepest charts first, then in reverse order of their template paths
  const subs = (p.subcharts ?? []).filter((s) => charts[s.name] !== undefined).sort((a, b) => b.name.split('.').length - a.name.split('.').length || (a.name < b.name ? 1 : -1));
  try {
    for (const s of subs) {
      const sp = typeof s.profile === 'string' ? subchartProfile(s.profile) : s.profile;
      if (!sp) throw new ResolveError('profile-unknown', `the ${p.name} profile names an unknown subchart profile ${JSON.stringify(s.profile)}`);
      const subValues = valueAt(root, s.name.split('.'));
      if (!isMap(subValues)) continue;
      const sv = versionOf(s.name)!;
      const subRules = sp === glooProfile ? rulesOf(sv) : sp.helpers?.length ? rules : rulesOrCurrent(sv);
      const opts = renderOptions(options, { releaseName, inPlace: true });
      if (charts[s.name]!.appVersion !== undefined) opts.appVersion = charts[s.name]!.appVersion!;
      if (s.extend) opts.extend = s.extend;
      for (const r of renderProfile(sp, subValues, normalizeVersion(sv) ?? sv, subRules, opts)) {
        rows.push({ ...r, valuesPath: r.source === 'chart' && r.valuesPath.startsWith('global.') ? r.valuesPath : `${s.name}.${r.valuesPath}` });
      }
    }
    rows.push(...renderProfile(p, root, parentVersion, rules, renderOptions(options, { releaseName, inPlace: true })));
  } catch (e) {
    throw typedError(e);
  }
  return group(rows);
}


/** How deep the generic search looks into the values. */
const GENERIC_MAX_DEPTH = 64;

/** A value a template prints as text: a non-empty string, or a number or bool printed as Go's %v prints it. */
function textOf(v: Val | undefined): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof GoInt) return printV(v);
  return undefined;
}

/** Whether a value is set to something other than text (a map, a list): no template composes that faithfully. */
function notText(v: Val | undefined): boolean {
  return v !== undefined && v !== null && v !== '' && textOf(v) === undefined;
}

/**
 * Generic mode, for charts without a profile: image blocks found in the values and composed the way charts
 * conventionally compose them (`registry/repository:tag@digest`, each part optional; `global.imageRegistry` over the
 * block's `registry` over `global.image.registry`; a missing tag is the chart's appVersion; `sha`/`digest` pins),
 * and every string under a key named `image` as written. A block that cannot be composed into a reference a runtime
 * could pull is reported (warning `image-not-composed`), never printed. Workloads are unknown (empty): exact images of
 * any chart come from rendering its templates.
 */
function resolveGeneric(values: Values | LoadedValues, options: ResolveOptions): ResolvedImage[] {
  const { tree } = valuesTree(values);
  const charts = (values as LoadedValues).withChartDefaults ? ((values as LoadedValues).charts ?? {}) : {};
  const out: ResolvedImage[] = [];
  const note = (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }) => options.onDiagnostic?.({ severity: 'info', ...d });
  note({ code: 'workloads-unknown', message: 'generic mode: image blocks were found in the values and composed as charts usually compose them; which workloads render them is unknown', path: '', pointer: '' });
  /** The chart a values path belongs to (the longest subchart path that prefixes it), as its path. */
  const chartOf = (path: string) => {
    let best = '';
    for (const k of Object.keys(charts)) if (k !== '' && k.length > best.length && (path === k || path.startsWith(`${k}.`))) best = k;
    return best;
  };
  const warn = (path: string, why: string) =>
    note({ code: 'image-not-composed', severity: 'warning', message: `${path}: ${why}; no image is listed for it (render the chart's templates for its exact image)`, path, pointer: formatPointer(parsePath(path)) });
  const add = (reference: string, valuesPath: string, block?: GoMap) => {
    const parsed = tryParseImageReference(reference);
    if (!parsed) return warn(valuesPath, `composes to ${JSON.stringify(reference)}, which is not an image reference`);
    const e: ResolvedImage = { component: block && typeof block.repository === 'string' ? block.repository : valuesPath, valuesPath, reference, variant: 'standard', source: 'generic', workloads: [] };
    setReferenceParts(e);
    out.push(e);
  };
  const compose = (block: GoMap, path: string, repository: string) => {
    const at = chartOf(path);
    const own = at ? valueAt(tree, at.split('.')) : tree;
    const global = isMap(own) && isMap(own.global) ? own.global : isMap(tree.global) ? tree.global : newMap();
    const globalImage = isMap(global.image) ? global.image : newMap();
    for (const f of ['registry', 'tag', 'digest', 'sha']) {
      if (notText(block[f])) return warn(path, `its ${f} is ${block[f] === null ? 'null' : Array.isArray(block[f]) ? 'a list' : 'a map'}, not text`);
    }
    const registry = textOf(global.imageRegistry) ?? textOf(block.registry) ?? textOf(globalImage.registry);
    const tag = textOf(block.tag) ?? charts[at]?.appVersion;
    const sha = textOf(block.digest) ?? textOf(block.sha);
    const digest = sha === undefined ? undefined : sha.includes(':') ? sha : `sha256:${sha}`;
    let reference = registry !== undefined ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
    if (tag !== undefined) reference += `:${tag}`;
    if (digest !== undefined) reference += `@${digest}`;
    add(reference, path, block);
  };
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > GENERIC_MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (path === 'global.image' || path.endsWith('.global.image')) return;
    if (typeof v.repository === 'string' && v.repository !== '') return compose(v, path, v.repository);
    // ingress-nginx's shape: the repository under `image`, beside registry and tag
    if (typeof v.image === 'string' && v.image !== '' && ('registry' in v || 'tag' in v)) return compose(v, path, v.image);
    for (const k of Object.keys(v)) {
      const child = v[k];
      const p = path ? `${path}.${k}` : k;
      if (k === 'image' && typeof child === 'string') {
        if (child !== '') add(child, p);
      } else walk(child, p, depth + 1);
    }
  };
  walk(tree, '', 0);
  return out;
}
