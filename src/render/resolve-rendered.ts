// resolveImages as the package exports it: with no explicit profile, values loaded from a chart that has templates
// are rendered (renderChart) and every image is read from the manifests (`source: 'rendered'`); otherwise the
// profile's rules apply (images/resolve.ts). Browser-safe.
import { checkResolveOptions, invalidReferenceDiagnostics, licenceChecks, licenseDiagnostic, resolveImages as resolveByProfile, type ImageVariant, type ResolvedImage, type ResolveOptions } from '../images/resolve.js';
import { ResolveError, type Diagnostic } from '../errors.js';
import { parsePath } from '../values/paths.js';
import { loadedChart } from '../load/load-values.js';
import { tryParseImageReference } from '../reference/index.js';
import type { LoadedValues, Values } from '../values/load.js';
import type { Chart } from '../chart/chart.js';
import { manifestImages, type ManifestImage } from './manifest-images.js';
import type { ArchPin } from '../images/arch-pins.js';
import { renderRelease, type RenderChartOptions, type RenderInternals, type RenderResult } from './render-chart.js';

/** Whether a chart or one of its subcharts has templates (what rendering needs). */
export function hasTemplates(c: Chart, depth = 0): boolean {
  if ((c.templates ?? []).length > 0) return true;
  return depth < 32 && Object.values(c.subcharts).some((s) => hasTemplates(s, depth + 1));
}

function isLoaded(v: Values | LoadedValues): v is LoadedValues {
  return typeof v === 'object' && v !== null && typeof (v as LoadedValues).locate === 'function';
}

/** The variant a reference shows (its tag's or repository's suffix), for images no profile rule names. */
function variantOf(repository: string, tag: string | undefined): ImageVariant {
  const t = tag ?? '';
  if (t.endsWith('-fips-distroless')) return 'fips-distroless';
  if (t.endsWith('-distroless')) return repository.endsWith('-fips') ? 'fips-distroless' : 'distroless';
  if (t.endsWith('-fips') || repository.endsWith('-fips')) return 'fips';
  return 'standard';
}

/**
 * The images of a rendered release, grouped by reference and values path: each with every workload (kind, name,
 * container) it renders into. Where the chart has a built-in profile, the profile names the values path, the
 * component and the variant of each workload's image; other images take their last repository segment as component.
 */
export function renderedImages(values: LoadedValues, options: ResolveOptions = {}): ResolvedImage[] {
  const helmVersion = options.helmVersion ?? values.helmVersion;
  const result = renderWithLicence(values, { releaseName: options.releaseName ?? 'gloo', helmVersion }, {
    ...(options.requireLicense ? { requireLicense: true } : {}),
    ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
  });
  const found = manifestImages(result.documents);
  const hints = new Map<string, ResolvedImage>();
  try {
    const { onDiagnostic: _ignored, ...quiet } = options;
    void _ignored;
    for (const p of resolveByProfile(values, quiet)) for (const w of p.workloads) hints.set(`${w.kind}\u0000${w.name}\u0000${w.container}`, p);
  } catch {
    // no profile for this chart or version: the manifests alone describe the images
  }
  const groups = new Map<string, ResolvedImage>();
  for (const m of found) {
    // a container without an image is listed as the profile lists it (reference ''): the workload exists
    const hint = hints.get(`${m.kind}\u0000${m.name ?? ''}\u0000${m.container ?? ''}`);
    const valuesPath = hint?.valuesPath ?? '';
    const key = `${m.image ?? ''}\u0000${valuesPath}\u0000${m.field === 'gatewayParameters' ? 'gp' : 'pod'}`;
    let g = groups.get(key);
    if (!g) g = newImage(m, hint, valuesPath);
    groups.set(key, g);
    g.workloads.push({ kind: m.kind, name: m.name ?? '', container: m.container ?? '', ...(m.arch ? { arch: m.arch } : {}) });
  }
  const images = [...groups.values()];
  if (options.onDiagnostic) invalidReferenceDiagnostics(images).forEach(options.onDiagnostic);
  return images;
}

/** A licence key taken as given when a chart's licence check is the failure (what a release with the key renders). */
const LICENCE_PLACEHOLDER = 'placeholder-license-key';

/**
 * Renders a release as the resolver and the validator see it: when a chart's licence check (gloo-ee's
 * `required "A license key is required!" .Values.license_key`) is what fails, the key is taken as passed at
 * install (a `license-key-missing` info) and the release is rendered as with a key, unless `requireLicense`.
 * A failure is known to be the licence check by its words and by the value it is traced to (a second, traced
 * render, so that renders that do not fail cost nothing more). Throws ResolveError as renderChart does, the
 * failure traced to its value where `trace` is asked.
 */
export function renderWithLicence(
  values: LoadedValues,
  options: RenderChartOptions,
  opts: { requireLicense?: boolean; onDiagnostic?: (d: Diagnostic) => void; trace?: boolean },
): RenderResult {
  const checks = opts.requireLicense ? [] : licenceChecks(values.charts);
  const internals: RenderInternals = opts.trace ? { trace: true } : {};
  for (;;) {
    try {
      return renderRelease(values, options, internals);
    } catch (e) {
      if (!(e instanceof ResolveError) || e.code !== 'render-failed' || checks.length === 0) throw e;
      const said = checks.filter((c) => e.message.endsWith(`: ${c.said}`) && !internals.set?.some((s) => s.path.join('.') === c.path));
      if (said.length === 0) throw e;
      // which value failed: the traced render says (a render already traced is not repeated)
      let at = e.path;
      if (!internals.trace) {
        try {
          renderRelease(values, options, { ...internals, trace: true });
        } catch (t) {
          if (t instanceof ResolveError) at = t.path;
        }
      }
      const check = said.find((c) => c.path === at);
      if (!check) throw e;
      opts.onDiagnostic?.(licenseDiagnostic(e.message, check.path));
      internals.set = [...(internals.set ?? []), { path: parsePath(check.path).map(String), value: LICENCE_PLACEHOLDER }];
    }
  }
}

function newImage(m: ManifestImage, hint: ResolvedImage | undefined, valuesPath: string): ResolvedImage {
  const ref = m.image ? tryParseImageReference(m.image) : undefined;
  const repository = ref?.repository ?? '';
  const last = repository.slice(repository.lastIndexOf('/') + 1).replace(/-fips$/, '');
  const img: ResolvedImage = {
    component: hint?.component ?? (last || m.container || m.image || ''),
    valuesPath,
    reference: m.image ?? '',
    variant: hint?.variant ?? variantOf(repository, ref?.tag),
    source: 'rendered',
    workloads: [],
  };
  if (ref?.registry !== undefined) img.registry = ref.registry;
  if (ref) img.repository = ref.repository;
  if (ref?.tag !== undefined) img.tag = ref.tag;
  if (ref?.digest !== undefined) img.digest = ref.digest;
  if (m.fields) img.fields = m.fields;
  return img;
}

/**
 * Every image a release deploys, with the workloads it renders into. With no explicit `profile`, values loaded
 * from a chart that has templates are rendered as `helm template <releaseName>` renders them (default `gloo`)
 * and the images are read from the manifests (`source: 'rendered'`); an explicit `profile` or `chartVersion`
 * (the rules of a version), plain values, or a chart without templates take the profile's rules. Throws ResolveError (`render-failed` with Helm's text).
 */
export function resolveImages(values: Values | LoadedValues, options: ResolveOptions = {}): ResolvedImage[] {
  if (options.profile === undefined && options.chartVersion === undefined && isLoaded(values)) {
    const chart = loadedChart(values);
    if (chart && hasTemplates(chart)) {
      checkResolveOptions(options);
      return renderedImages(values, options);
    }
  }
  return resolveByProfile(values, options);
}

/** Whether values were loaded from a chart that has templates (what {@link resolveImages} renders, and what {@link workloadArchPins} needs). */
export function hasChartTemplates(values: Values | LoadedValues): boolean {
  if (!isLoaded(values)) return false;
  const chart = loadedChart(values);
  return chart !== undefined && hasTemplates(chart);
}

/**
 * How each workload container of a release pins the CPU architecture of its nodes (nodeSelector or required node
 * affinity on `kubernetes.io/arch`), keyed `Kind/name/container`: the chart rendered as `helm template
 * <releaseName>` renders it. Profiles do not model scheduling, so this is how images resolved by a profile learn
 * their pins ({@link withArchPins}). Undefined when the values hold no chart with templates: the pins cannot be
 * derived then. Throws ResolveError `render-failed` as resolveImages does.
 */
export function workloadArchPins(values: Values | LoadedValues, options: Pick<ResolveOptions, 'releaseName' | 'helmVersion' | 'requireLicense'> = {}): Map<string, ArchPin> | undefined {
  if (!isLoaded(values) || !hasChartTemplates(values)) return undefined;
  // rendered as resolveImages renders it: a licence check alone does not stop it (unless requireLicense)
  const result = renderWithLicence(values, { releaseName: options.releaseName ?? 'gloo', helmVersion: options.helmVersion ?? values.helmVersion }, options.requireLicense ? { requireLicense: true } : {});
  const pins = new Map<string, ArchPin>();
  for (const m of manifestImages(result.documents)) if (m.arch) pins.set(`${m.kind}/${m.name ?? ''}/${m.container ?? ''}`, m.arch);
  return pins;
}

/** The images with each workload's architecture pin from `pins` ({@link workloadArchPins}); workloads not in it stay unpinned. */
export function withArchPins(images: readonly ResolvedImage[], pins: ReadonlyMap<string, ArchPin>): ResolvedImage[] {
  return images.map((i) => ({
    ...i,
    workloads: i.workloads.map((w) => {
      const pin = pins.get(`${w.kind}/${w.name}/${w.container}`);
      return pin ? { ...w, arch: pin } : w;
    }),
  }));
}
