// resolveImages: every image a release deploys, with the workloads it renders into, as `helm template` would
// render them for the chart version in use.
import { ValuesError, type Diagnostic } from '../errors.js';
import { tryParseImageReference } from '../reference/index.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooProfile } from '../profiles/gloo.js';
import { Coalescer } from '../values/coalesce.js';
import { internalValues, type LoadedValues, type Values } from '../values/load.js';
import { fromJson } from '../values/strvals.js';
import { deepCopy, GoInt, isMap, newMap, Src, type GoMap, type Val } from '../values/model.js';
import { formatPointer, parsePath } from '../values/paths.js';
import { normalizeVersion } from '../chart/semver.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { CURRENT_GLOO_RUN, glooRules, UnsupportedVersionError } from './gloo-epochs.js';
import { glooImage } from './gloo-helpers.js';
import { hasString, sprigMerge, TemplateError, truthy } from './go-template.js';
import type { Profile } from './profile.js';
import { renderProfile, type ImageVariant, type RenderedImage, type RenderOptions } from './render.js';
import {
  alertmanagerProfile,
  glooEeProfile,
  glooFedProfile,
  grafanaProfile,
  kubeStateMetricsProfile,
  nodeExporterProfile,
  portalProfile,
  prometheusProfile,
  pushgatewayProfile,
} from '../profiles/gloo-ee.js';
import { checkProfile, ProfileError } from './profile-check.js';
import { glooEeChart, GlooEeVersionError } from '../profiles/gloo-ee-defaults.js';
import { coalesceChart } from '../chart/load-chart-values.js';
import { valueAt } from './expr.js';
import type { GlooRun } from './gloo-epochs.js';

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
  source: 'chart' | 'passthrough' | 'generic';
  workloads: Array<{ kind: string; name: string; container: string }>;
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
  /** Assumptions made while resolving. */
  onDiagnostic?: (d: Diagnostic) => void;
}

import { ResolveError } from '../errors.js';
export { ResolveError, type ResolveErrorCode } from '../errors.js';

function appliedVariant(block: GoMap | undefined): ImageVariant {
  if (!block) return 'standard';
  const fips = truthy(block.fips) || hasString(['fips', 'fips-distroless'], block.variant);
  const distroless = hasString(['distroless', 'fips-distroless'], block.variant);
  return fips && distroless ? 'fips-distroless' : fips ? 'fips' : distroless ? 'distroless' : 'standard';
}

/** The values as a Go-typed tree: LoadedValues keep their types; plain data is read as Helm reads JSON. */
function valuesTree(values: Values | LoadedValues): { tree: GoMap; final: boolean } {
  const maybeLoaded = values as LoadedValues;
  const internal = typeof maybeLoaded.locate === 'function' ? internalValues(maybeLoaded) : undefined;
  if (internal) return { tree: internal, final: maybeLoaded.withChartDefaults };
  let tree: Val | undefined;
  try {
    tree = fromJson(values, new Src('values', ''), 0);
  } catch (e) {
    // nested deeper than Helm's JSON reader goes (or cyclic): refused as bad input, like any other
    throw new ValuesError('INVALID_INPUT', `values are nested too deeply (or contain a cycle): ${e instanceof Error ? e.message || e.name : String(e)}`);
  }
  return { tree: isMap(tree) ? tree : newMap(), final: false };
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
  const helmVersion = options.helmVersion ?? (values as LoadedValues).helmVersion ?? 4;
  const charts = (values as LoadedValues).withChartDefaults ? (values as LoadedValues).charts : undefined;
  const top = charts?.[''];
  // values loaded from a whole chart say which chart they are: its built-in profile is the default
  const profile = options.profile ?? defaultProfile(charts);
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
    p = typeof profile === 'string' ? BUILT_IN[profile]! : checkProfile(profile, (n) => SUBPROFILES[n]);
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
  let rows: RenderedImage[];
  try {
    rows = renderProfile(p, release, version, rules, { releaseName: options.releaseName ?? 'gloo' });
  } catch (e) {
    if (e instanceof TemplateError) throw new ResolveError('render-failed', `helm template would fail: ${e.message}`);
    throw e;
  }
  return group(rows);
}

/** Without a profile: the outermost chart of the loaded chart tree that has a built-in profile, else gloo. */
function defaultProfile(charts: LoadedValues['charts']): string {
  const found = Object.keys(charts ?? {})
    .filter((k) => BUILT_IN[charts![k]!.name])
    .sort((a, b) => (a === '' ? 0 : a.split('.').length) - (b === '' ? 0 : b.split('.').length) || (charts![a]!.name === 'gloo-ee' ? -1 : 1));
  return found.length ? charts![found[0]!]!.name : 'gloo';
}

/**
 * A chart that bundles a chart with a built-in profile (an umbrella chart with gloo or gloo-ee as a dependency): each
 * outermost such subchart is resolved with that profile on its own values and at its own version, its values paths
 * reported from the top. Undefined when the chart bundles none.
 */
function resolveNested(p: Profile, loaded: LoadedValues, charts: NonNullable<LoadedValues['charts']>, options: ResolveOptions): ResolvedImage[] | undefined {
  const paths = Object.keys(charts)
    .filter((k) => k !== '' && charts[k]!.name === p.chart)
    .sort((a, b) => a.split('.').length - b.split('.').length || (a < b ? -1 : 1));
  const outermost = paths.filter((k) => !paths.some((o) => o !== k && k.startsWith(`${o}.`)));
  if (!outermost.length) return undefined;
  const root = copyShared(internalValues(loaded)!) as GoMap;
  const out: ResolvedImage[] = [];
  for (const at of outermost) {
    const sub = valueAt(root, at.split('.'));
    if (!isMap(sub)) continue;
    const own: NonNullable<LoadedValues['charts']> = {};
    for (const [k, v] of Object.entries(charts)) {
      if (k === at) own[''] = v;
      else if (k.startsWith(`${at}.`)) own[k.slice(at.length + 1)] = v;
    }
    const subOptions: ResolveOptions = { ...options, chartVersion: options.dependencyVersions?.[at] ?? own['']!.version };
    let images: ResolvedImage[];
    if (p.subcharts?.length) images = renderComposite(p, sub, own, subOptions);
    else {
      let rows: RenderedImage[];
      try {
        rows = renderProfile(p, sub, normalizeVersion(subOptions.chartVersion!) ?? subOptions.chartVersion!, rulesOf(subOptions.chartVersion!), { releaseName: options.releaseName ?? 'gloo' });
      } catch (e) {
        if (e instanceof TemplateError) throw new ResolveError('render-failed', `helm template would fail: ${e.message}`);
        throw e;
      }
      images = group(rows);
    }
    for (const i of images) out.push({ ...i, valuesPath: i.valuesPath.startsWith('global.') ? i.valuesPath : `${at}.${i.valuesPath}` });
  }
  return out;
}

/** Built-in profiles by name. */
const BUILT_IN: Record<string, Profile> = { gloo: glooProfile, 'gloo-ee': glooEeProfile };
/** Built-in profiles a profile's `subcharts` may name. */
const SUBPROFILES: Record<string, Profile> = {
  gloo: glooProfile,
  'gloo-fed': glooFedProfile,
  'gateway-portal-web-server': portalProfile,
  prometheus: prometheusProfile,
  'kube-state-metrics': kubeStateMetricsProfile,
  alertmanager: alertmanagerProfile,
  'prometheus-node-exporter': nodeExporterProfile,
  'prometheus-pushgateway': pushgatewayProfile,
  grafana: grafanaProfile,
};

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
function resolveComposite(p: Profile, values: Values | LoadedValues, options: ResolveOptions, helmVersion: HelmVersion): ResolvedImage[] {
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
function renderComposite(p: Profile, root: GoMap, charts: Record<string, { name: string; version: string; appVersion?: string }>, options: ResolveOptions): ResolvedImage[] {
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
      const sp = typeof s.profile === 'string' ? SUBPROFILES[s.profile] : s.profile;
      if (!sp) throw new ResolveError('profile-unknown', `the ${p.name} profile names an unknown subchart profile ${JSON.stringify(s.profile)}`);
      const subValues = valueAt(root, s.name.split('.'));
      if (!isMap(subValues)) continue;
      const sv = versionOf(s.name)!;
      const subRules = sp === glooProfile ? rulesOf(sv) : sp.helpers?.length ? rules : rulesOrCurrent(sv);
      const opts: RenderOptions = { releaseName, inPlace: true };
      if (charts[s.name]!.appVersion !== undefined) opts.appVersion = charts[s.name]!.appVersion!;
      if (s.extend) opts.extend = s.extend;
      for (const r of renderProfile(sp, subValues, normalizeVersion(sv) ?? sv, subRules, opts)) {
        rows.push({ ...r, valuesPath: r.source === 'chart' && r.valuesPath.startsWith('global.') ? r.valuesPath : `${s.name}.${r.valuesPath}` });
      }
    }
    rows.push(...renderProfile(p, root, parentVersion, rules, { releaseName, inPlace: true }));
  } catch (e) {
    if (e instanceof TemplateError) throw new ResolveError('render-failed', `helm template would fail: ${e.message}`);
    throw e;
  }
  return group(rows);
}


/** How deep the generic search looks into the values. */
const GENERIC_MAX_DEPTH = 64;

/**
 * Generic mode, for charts without a profile: every map with a non-empty `repository` is an image block,
 * merged with `global.image` and printed by the Gloo chart's current helper; every string under a key named
 * `image` is a reference as written. Workloads are unknown (empty).
 */
function resolveGeneric(values: Values | LoadedValues, options: ResolveOptions): ResolvedImage[] {
  const { tree } = valuesTree(values);
  const global = isMap(tree.global) && isMap(tree.global.image) ? tree.global.image : newMap();
  const rules = CURRENT_GLOO_RUN;
  const out: ResolvedImage[] = [];
  const note = (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }) => options.onDiagnostic?.({ severity: 'info', ...d });
  note({ code: 'workloads-unknown', message: 'generic mode: image blocks were found in the values; which workloads render them is unknown', path: '', pointer: '' });
  const add = (reference: string, valuesPath: string, block?: GoMap) => {
    const e: ResolvedImage = { component: block && typeof block.repository === 'string' ? block.repository : valuesPath, valuesPath, reference, variant: appliedVariant(block), source: 'generic', workloads: [] };
    setReferenceParts(e);
    out.push(e);
  };
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > GENERIC_MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (path === 'global.image') return;
    if (truthy(v.repository) && (typeof v.repository === 'string')) {
      try {
        const merged = sprigMerge(deepCopy(v) as GoMap, global);
        add(glooImage(merged, rules), path, merged);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        note({ code: 'image-not-rendered', severity: 'warning', message: `${path}: ${e.message}`, path, pointer: formatPointer(parsePath(path)) });
      }
      return;
    }
    for (const k of Object.keys(v)) {
      const child = v[k];
      const p = path ? `${path}.${k}` : k;
      if (k === 'image' && typeof child === 'string') add(child, p);
      else walk(child, p, depth + 1);
    }
  };
  walk(tree, '', 0);
  return out;
}
