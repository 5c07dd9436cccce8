// resolveImages: every image a release deploys, with the workloads it renders into, as `helm template` would
// render them for the chart version in use.
import type { Diagnostic } from '../errors.js';
import { tryParseImageReference } from '../reference/index.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooProfile } from '../profiles/gloo.js';
import { Coalescer } from '../values/coalesce.js';
import { internalValues, type LoadedValues, type Values } from '../values/load.js';
import { fromJson } from '../values/strvals.js';
import { deepCopy, isMap, newMap, Src, type GoMap } from '../values/model.js';
import { formatPointer, parsePath } from '../values/paths.js';
import { normalizeVersion } from '../chart/semver.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { CURRENT_GLOO_RUN, glooRules, UnsupportedVersionError } from './gloo-epochs.js';
import { glooImage } from './gloo-helpers.js';
import { hasString, sprigMerge, TemplateError, truthy } from './go-template.js';
import type { Profile } from './profile.js';
import { renderProfile, type ImageVariant, type RenderedImage } from './render.js';

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
  /** Assumptions made while resolving. */
  onDiagnostic?: (d: Diagnostic) => void;
}

/** Stable codes of {@link ResolveError}. */
export type ResolveErrorCode = 'chart-version-unsupported' | 'chart-version-invalid' | 'profile-unknown' | 'render-failed';

/** Where `helm template` would fail, or the request cannot be answered. */
export class ResolveError extends Error {
  override readonly name = 'ResolveError';
  constructor(
    readonly code: ResolveErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

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
  const tree = fromJson(values, new Src('values', ''), 0);
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
  const profile = options.profile ?? 'gloo';
  if (profile === 'generic') return resolveGeneric(values, options);
  if (profile !== 'gloo' && typeof profile === 'string') {
    throw new ResolveError('profile-unknown', `unknown profile ${JSON.stringify(profile)}; built in: gloo, generic`);
  }
  const p = typeof profile === 'string' ? glooProfile : profile;
  let rules;
  let version: string;
  try {
    rules = glooRules(options.chartVersion ?? CURRENT_GLOO_RUN.last);
    version = normalizeVersion((options.chartVersion ?? CURRENT_GLOO_RUN.last).trim())!;
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
    rows = renderProfile(p, release, version, rules);
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
