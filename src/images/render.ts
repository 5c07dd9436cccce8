// Renders a profile over a release's values: every workload container (and structured image fields) that the
// chart would render, with the image string its helper builds, exactly as `helm template` prints it.
import { deepCopy, GoInt, isMap, newMap, Src, type GoMap, type Val } from '../values/model.js';
import { composeFirstDocument } from '../values/yaml/compose.js';
import { goTypeName } from '../values/gofmt.js';
import { compareRelease } from './gloo-epochs.js';
import type { GlooRun } from './gloo-epochs.js';
import { DISTROLESS_VARIANTS, field, fipsApplies, glooImage, splitDigest, splitRepository, splitTag, type HelperRules } from './gloo-helpers.js';
import { evalExpr, holds, parsedExpr, valueAt } from './expr.js';
import { toKebabCase } from '../template/xstrings.js';
import { hasString, mergeOverwrite, printS, printV, sprigMerge, TemplateError, truthy } from './go-template.js';
import type { Profile, ProfileContainer, ProfileFanOut, ProfileImageFormat } from './profile.js';

/** The image variants a chart publishes. */
export type ImageVariant = 'standard' | 'fips' | 'distroless' | 'fips-distroless';

/** One rendered container image (or structured image of a resource). */
export interface RenderedImage {
  kind: string;
  name: string;
  container: string | null;
  image: string | null;
  init?: boolean;
  /** Values path of the image block, or of the list a verbatim container came from. */
  valuesPath: string;
  source: 'chart' | 'passthrough';
  /** Structured image fields (GatewayParameters), as the resource holds them. */
  fields?: Record<string, unknown>;
  /** The merged block the image was built from (chart images). */
  block?: GoMap;
  /** The variant the image got (chart images). */
  variant?: ImageVariant;
}

/**
 * Whether `version` is inside a range of `>=X`, `<X`, `>X`, `<=X`, `=X` comparators in release order; comparators
 * separated by spaces must all hold, alternatives separated by `||` any.
 */
export function inVersions(range: string | undefined, version: string): boolean {
  if (!range) return true;
  return range.split('||').some((alt) =>
    alt
      .trim()
      .split(/\s+/)
      .every((c) => {
        const m = /^(>=|<=|>|<|=)?(.+)$/.exec(c)!;
        const cmp = compareRelease(version, m[2]!.replace(/^v/, ''));
        switch (m[1]) {
          case '>=':
            return cmp >= 0;
          case '<=':
            return cmp <= 0;
          case '>':
            return cmp > 0;
          case '<':
            return cmp < 0;
          default:
            return cmp === 0;
        }
      }),
  );
}

/** sprig kebabcase (xstrings.ToKebabCase), as the charts' helpers name containers. */
export function kebabcase(s: string): string {
  return toKebabCase(s);
}

/**
 * True when a rendered `key: <text>` line can only hold `text` itself, as a string: letters, digits and
 * `._:/@-`, starting with a letter or digit, not ending in `:`, and with a `/` (no YAML 1.1 number, bool, null,
 * timestamp, merge or value form has one). What an image reference almost always is; anything else is parsed.
 */
export function isPlainImageText(text: string): boolean {
  return PLAIN_IMAGE.test(text) && text.includes('/') && !text.endsWith(':');
}
const PLAIN_IMAGE = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

/** The value a rendered `key: <text>` line holds once the manifest is parsed (Helm fails where YAML does). */
export function yamlScalar(text: string, where: string): Val {
  if (isPlainImageText(text)) return text;
  try {
    const doc = composeFirstDocument(`v: ${text}\n`, new Src(where, `v: ${text}\n`)).value;
    return isMap(doc) ? (doc.v ?? null) : null;
  } catch {
    throw new TemplateError(`YAML parse error on ${where}: the rendered line "${text}" is not valid YAML`);
  }
}

/** JSON round trip of Go values (toJson | fromJson): int64 become float64. */
export function jsonRoundTrip(v: Val): Val {
  if (v instanceof GoInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = jsonRoundTrip(v[k]!);
    return out;
  }
  return v;
}

/**
 * A fan-out entry over its base as the chart computes it: `mergeOverwrite (deepCopy base) (deepCopy entry)`, then
 * a JSON round trip, built in one pass without the intermediate copies (the entries are the largest blocks of a
 * release, copied three times for every one of them).
 */
export function mergedEntry(base: GoMap, raw: Val): Val {
  if (!isMap(raw)) return jsonRoundTrip(mergeOverwrite(deepCopy(base) as GoMap, deepCopy(raw) as GoMap));
  return mergedJson(base, raw);
}

/** jsonRoundTrip(mergeOverwrite(copy of dst, copy of src)) for two maps. */
function mergedJson(dst: GoMap, src: GoMap): GoMap {
  const out = newMap();
  for (const k of Object.keys(dst)) {
    if (Object.prototype.hasOwnProperty.call(src, k)) {
      const dv = dst[k]!;
      const sv = src[k]!;
      out[k] = isMap(dv) && isMap(sv) ? mergedJson(dv, sv) : jsonRoundTrip(sv);
    } else out[k] = jsonRoundTrip(dst[k]!);
  }
  for (const k of Object.keys(src)) if (!Object.prototype.hasOwnProperty.call(dst, k)) out[k] = jsonRoundTrip(src[k]!);
  return out;
}

function mergeWithGlobal(block: Val | undefined, global: Val | undefined, path: string, inPlace = false): GoMap {
  if (!isMap(block)) throw new TemplateError(`error calling merge: ${path} is not a map (${block === undefined || block === null ? 'nil' : typeof block})`);
  if (!isMap(global)) throw new TemplateError('error calling merge: global.image is not a map');
  // Helm's templates merge into the values themselves (sprig merge writes into its first argument); callers that
  // reproduce what later templates see (gloo-ee reading blocks a subchart filled) merge in place on a private copy.
  return sprigMerge(inPlace ? block : (deepCopy(block) as GoMap), global);
}

function passthroughRows(list: Val | undefined, kind: string, name: string, init: boolean, valuesPath: string): RenderedImage[] {
  if (!Array.isArray(list)) return [];
  return list.map((ctr) => {
    const c = isMap(ctr) ? ctr : undefined;
    const n = c?.name;
    const img = c?.image;
    return {
      kind,
      name,
      container: typeof n === 'string' ? n : n === undefined || n === null ? null : printV(n),
      image: typeof img === 'string' ? img : img === undefined || img === null ? null : printV(img),
      init,
      valuesPath,
      source: 'passthrough' as const,
    };
  });
}

/** The fed images gloo-fed publishes distroless (it has no FIPS build). */
const FED_DISTROLESS = ['gloo-fed', 'gloo-fed-apiserver', 'gloo-fed-rbac-validating-webhook', 'gloo-federation-console', 'gloo-fed-apiserver-envoy'];
const FED_RULES: HelperRules = { helper: 'per-variant-digest', fipsRepositories: [], distrolessRepositories: FED_DISTROLESS, disableDigest: false };

/** The variant an image got: fips only where the repository has a fips build, distroless only where it has one. */
function variantApplied(img: GoMap, rules: HelperRules): ImageVariant {
  const fips = fipsApplies(img) && hasString(rules.fipsRepositories, img.repository);
  const distroless = rules.helper !== 'fips-bool' && hasString(DISTROLESS_VARIANTS, img.variant) && hasString(rules.distrolessRepositories, img.repository) && (rules.helper === 'first-variant' || truthy(img.tag));
  return fips && distroless ? 'fips-distroless' : fips ? 'fips' : distroless ? 'distroless' : 'standard';
}

/** The `format` helper: the first template whose `if` field is truthy, placeholders printed with %v. */
function formatImage(block: GoMap, formats: ProfileImageFormat[], values: GoMap, appVersion: string | undefined): string {
  const f = formats.find((x) => x.if === undefined || truthy(block[x.if]));
  if (!f) return '';
  return f.template.replace(/\{([^{}]+)\}/g, (_, alts: string) => {
    for (const a of alts.split('|')) {
      let v: Val | undefined;
      if (a === 'appVersion') v = appVersion ?? null;
      else if (a === 'vAppVersion') v = appVersion === undefined ? null : appVersion.startsWith('v') ? appVersion : `v${appVersion}`;
      else if (a.startsWith('global.')) v = valueAt(values, a.split('.'));
      else v = Object.prototype.hasOwnProperty.call(block, a) ? block[a] : undefined;
      if (truthy(v)) return printV(v!);
    }
    return '';
  });
}

/** How a render is done beyond the profile: the chart version's rules and names. */
export interface RenderOptions {
  /** The release name (`{release}` in workload names). Default `gloo`. */
  releaseName?: string;
  /** The chart's appVersion (`format` templates). */
  appVersion?: string;
  /** Merge image blocks into the values themselves, as Helm does (the caller passes a private copy). */
  inPlace?: boolean;
  /** Containers a parent chart adds to this chart's fan-outs. */
  extend?: Array<{ each: string; containers: ProfileContainer[] }>;
  /**
   * Where `helm template` would fail: called instead of throwing, and rendering goes on without the failing part
   * (a validator reports every failure and still checks the rest). Unset: the first failure is thrown.
   */
  onFailure?: (e: TemplateError) => void;
  /** A licence check (`license: true`) that holds: called instead of failing, unless `requireLicense`. */
  onLicenseMissing?: (message: string) => void;
  /** Licence checks fail the render as the chart does (default: the key is taken as passed at install). */
  requireLicense?: boolean;
}

/** Helm's usual `trunc 63 | trimSuffix "-"`. */
const dnsName = (n: string) => Array.from(n).slice(0, 63).join('').replace(/-$/, '');

/**
 * A workload or container name with its placeholders filled: `{release}`, `{name}` and `{key}` (fan-out entries),
 * `{value:a.b}` (a value, %v), and the community charts' name helpers: `{chartName}` (nameOverride or the chart's name),
 * `{fullname}` (fullnameOverride, else the release name joined with the chart name unless it already contains it) and
 * `{fullname:server}` (a component's: `server.fullnameOverride`, else the same joined with `server.name`).
 */
function fillName(template: string, values: GoMap, subst: Record<string, string>): string {
  const chartName = () => dnsName(field(values.nameOverride) || subst.chart || '');
  const joined = (n: string) => (subst.release!.includes(n) ? subst.release! : `${subst.release}-${n}`);
  return template.replace(/\{(value:[^{}]+|release|name|key|chartName|fullname(?::[^{}]+)?)\}/g, (m, k: string) => {
    if (k.startsWith('value:')) return field(valueAt(values, k.slice(6).split('.')));
    if (k === 'chartName') return chartName();
    if (k === 'fullname') return dnsName(field(values.fullnameOverride) || joined(chartName()));
    if (k.startsWith('fullname:')) {
      const comp = valueAt(values, [k.slice(9)]);
      const override = field(valueAt(comp, ['fullnameOverride']));
      return dnsName(override || `${joined(chartName())}-${field(valueAt(comp, ['name']))}`);
    }
    return subst[k] ?? m;
  });
}

/**
 * Every image the chart renders for these values at this chart version, sorted by kind, name, container.
 * Throws TemplateError where `helm template` would fail.
 */
export function renderProfile(profile: Profile, values: GoMap, version: string, rules: GlooRun, opts: RenderOptions = {}): RenderedImage[] {
  const global = valueAt(values, profile.globalImage.split('.'));
  const rows: RenderedImage[] = [];
  const subst: Record<string, string> = { release: opts.releaseName ?? 'gloo', chart: profile.chart };
  const inPlace = opts.inPlace ?? false;
  const profileHelper = profile.helpers?.find((h) => inVersions(h.versions, version))?.helper ?? 'gloo';
  /** A failure `helm template` would stop at: thrown, or collected when the caller collects them. */
  const fail = (message: string) => {
    const e = new TemplateError(message);
    if (!opts.onFailure) throw e;
    opts.onFailure(e);
  };
  /** Runs one part of the render; a failure of that part is collected (when collecting) and the rest goes on. */
  const part = (f: () => void) => {
    if (!opts.onFailure) return f();
    try {
      f();
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      opts.onFailure(e);
    }
  };
  for (const ck of profile.checks ?? []) {
    if (!inVersions(ck.versions, version) || !holds(ck.when, values)) continue;
    if (ck.license && !opts.requireLicense) opts.onLicenseMissing?.(ck.message);
    else fail(ck.message);
  }
  /** A profile path's value and its values path: `$.x` is inside the current fan-out entry, `@.x` inside an `each` entry. */
  const resolvePath = (p: string, entry: Val | undefined, entryPath: string, item?: { v: Val | undefined; path: string }) => {
    if (p.startsWith('@.') && item) return { v: valueAt(item.v, p.slice(2).split('.')), path: `${item.path}.${p.slice(2)}` };
    return p.startsWith('$.') ? { v: valueAt(entry, p.slice(2).split('.')), path: `${entryPath}.${p.slice(2)}` } : { v: valueAt(values, p.split('.')), path: p };
  };
  /** The image text of one container and the block it came from. */
  const imageOf = (c: ProfileContainer, v: Val | undefined, path: string, where: string): { image: string; block?: GoMap; variant: ImageVariant } => {
    const helper = c.helper ?? profileHelper;
    switch (helper) {
      case 'format': {
        if (!isMap(v)) return { image: '', variant: 'standard' };
        return { image: formatImage(v, c.format ?? [], values, opts.appVersion), block: v, variant: 'standard' };
      }
      case 'raw':
      case 'plain': {
        const b = helper === 'raw' ? v : mergeWithGlobal(v, global, path, inPlace);
        if (!isMap(b)) throw new TemplateError(`nil pointer evaluating interface {}.registry (${path} is not a map)`);
        const parsed = yamlScalar(`${field(b.registry)}/${field(b.repository)}:${field(b.tag)}`, where);
        return { image: typeof parsed === 'string' ? parsed : printV(parsed), block: b, variant: 'standard' };
      }
      case 'gloo-fed-first-variant': {
        const b = mergeWithGlobal(v, global, path, inPlace);
        let image = `${printS(b.registry ?? null)}/${printS(b.repository ?? null)}:${printS(b.tag ?? null)}`;
        const distroless = hasString(DISTROLESS_VARIANTS, b.variant) && hasString(FED_DISTROLESS, b.repository);
        if (distroless) image += '-distroless';
        if (truthy(b.digest)) image += `@${printS(b.digest!)}`;
        const parsed = yamlScalar(image, where);
        return { image: typeof parsed === 'string' ? parsed : printV(parsed), block: b, variant: distroless ? 'distroless' : 'standard' };
      }
      case 'gloo':
      case 'gloo-fed': {
        const r = helper === 'gloo' ? rules : FED_RULES;
        const b = mergeWithGlobal(v, global, path, inPlace);
        const parsed = yamlScalar(glooImage(b, r), where);
        return { image: typeof parsed === 'string' ? parsed : printV(parsed), block: b, variant: variantApplied(b, r) };
      }
    }
  };
  const containerRows = (c: ProfileContainer, kind: string, name: string, entry: Val | undefined, entryPath: string, entryName: string, rawEntry?: Val) => {
    if (!inVersions(c.versions, version) || !holds(c.when, values, c.whenRaw ? rawEntry : entry)) return;
    if (c.passthrough) {
      const { v, path } = resolvePath(c.passthrough, entry, entryPath);
      rows.push(...passthroughRows(v, kind, name, c.init ?? false, path));
      return;
    }
    if (c.fails && inVersions(c.fails.versions, version) && holds(c.fails.when, values, c.whenRaw ? rawEntry : entry)) return fail(c.fails.message);
    if (!c.image) return;
    const items: Array<{ key: string; item?: { v: Val | undefined; path: string } }> = [];
    if (c.each) {
      const { v: map, path: mapPath } = resolvePath(c.each, entry, entryPath);
      if (!isMap(map)) return;
      for (const k of Object.keys(map).sort()) items.push({ key: k, item: { v: map[k], path: `${mapPath}.${k}` } });
    } else items.push({ key: '' });
    for (const { key, item } of items) {
      const { v, path } = resolvePath(c.image!, entry, entryPath, item);
      let img: ReturnType<typeof imageOf> | undefined;
      part(() => (img = imageOf(c, v, path, `${profile.chart}/${kind}/${name}`)));
      if (!img) continue;
      const row: RenderedImage = {
        kind,
        name,
        container: fillName((c.name ?? '').replace('{name}', entryName), values, { ...subst, key }),
        image: img.image,
        init: c.init ?? false,
        valuesPath: path,
        source: 'chart',
        variant: img.variant,
      };
      if (img.block) row.block = img.block;
      rows.push(row);
    }
  };
  const eagerMerge = (c: ProfileContainer, entry: Val | undefined, entryPath: string) => {
    if (!c.eager || !c.image || c.each || !inVersions(c.versions, version)) return;
    const { v, path } = resolvePath(c.image, entry, entryPath);
    if (c.helper !== 'raw' && c.helper !== 'format') mergeWithGlobal(v, global, path, inPlace);
  };
  for (const w of profile.workloads) {
    if (!inVersions(w.versions, version)) continue;
    let renders = false;
    part(() => (renders = holds(w.when, values)));
    if (!renders) {
      for (const c of w.containers) part(() => eagerMerge(c, undefined, ''));
      continue;
    }
    const name = fillName(w.name, values, subst);
    for (const c of w.containers) part(() => containerRows(c, w.kind, name, undefined, '', ''));
  }
  for (const f of profile.fanOuts) {
    if (!inVersions(f.versions, version) || !holds(f.when, values)) continue;
    const map = valueAt(values, f.each.split('.'));
    const extra = (opts.extend ?? []).filter((e) => e.each === f.each).flatMap((e) => e.containers);
    const containers = [...f.containers, ...extra];
    if (f.select) {
      renderDataplane(f, map);
      continue;
    }
    if (!isMap(map)) continue;
    const base = f.base === undefined ? undefined : map[f.base];
    for (const key of Object.keys(map).sort()) part(() => {
      const raw = map[key]!;
      if (!isMap(raw)) {
        // the chart reads fields of every entry it ranges over: a null entry (`y:` with nothing under it) fails
        const what = raw === null ? 'null' : Array.isArray(raw) ? 'a list' : `${typeof raw === 'string' ? 'the string' : 'the value'} ${printV(raw)}`;
        const go = raw === null ? 'nil pointer evaluating interface {}' : `can't evaluate a field in type ${goTypeName(raw)}`;
        throw new TemplateError(`${f.each}.${key} is ${what}, but the chart reads the fields of every entry of ${f.each} (${go}); give the entry a map, or remove it`, `${f.each}.${key}`);
      }
      const spec = f.base === undefined ? raw : mergedEntry(isMap(base) ? base : newMap(), raw);
      const check = (afterSkip: boolean) => {
        for (const ck of f.checks ?? []) {
          if ((ck.afterSkip ?? false) !== afterSkip || !inVersions(ck.versions, version)) continue;
          if (holds(ck.when, values, spec)) fail(ck.message.replace('{name}', key));
        }
      };
      for (const c of containers) part(() => eagerMerge(c, spec, `${f.each}.${key}`));
      check(false);
      if (f.skip !== undefined && holds(f.skip, values, spec)) return; // `when` holds when absent; `skip` does not
      check(true);
      let kind = 'Deployment';
      for (const rule of f.kind) {
        if (!inVersions(rule.versions, version) || !holds(rule.when, values, spec)) continue;
        kind = rule.kind.startsWith('$') ? printV(evalExpr(parsedExpr(rule.kind), values, spec) ?? null) : rule.kind;
        break;
      }
      const name = kebabcase(key);
      for (const c of containers) part(() => containerRows(c, kind, name, spec, `${f.each}.${key}`, name, raw));
    });
  }
  /** gloo-ee's data plane: the entries `gloo.dataplaneperproxyhelper` picks, each rendering one set of workloads. */
  function renderDataplane(f: ProfileFanOut, map: Val | undefined): void {
    const sel = f.select!;
    const picked: Array<[string, Val]> = [];
    const placeholder = sel.placeholder && inVersions(sel.placeholder.versions, version) && holds(sel.placeholder.when, values) ? sel.placeholder.key : undefined;
    if (placeholder !== undefined) picked.push([placeholder, newMap()]);
    const perEntry = holds(sel.perEntry, values);
    if (perEntry && isMap(map)) for (const k of Object.keys(map)) if (k !== placeholder) picked.push([k, map[k]!]);
    if (picked.length === 0) {
      const first = isMap(map) ? Object.keys(map).filter((k) => !truthy(valueAt(map[k], ['disabled']))).sort()[0] : undefined;
      if (first !== undefined) picked.push([first, map && isMap(map) ? map[first]! : newMap()]);
      else if (sel.emptyFails && inVersions(sel.emptyFails.versions, version)) fail(sel.emptyFails.message);
    }
    picked.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [key, entry] of picked) {
      if (truthy(valueAt(entry, ['disabled']))) continue;
      const base = fillName(f.name ?? '', values, subst);
      const name = perEntry && key !== placeholder ? `${base}-${kebabcase(key)}` : base;
      for (const c of f.containers) part(() => eagerMerge(c, entry, `${f.each}.${key}`));
      for (const c of f.containers) part(() => containerRows(c, f.kind[0]?.kind ?? 'Deployment', name, entry, `${f.each}.${key}`, name, entry));
    }
  }
  for (const r of profile.imageFields) {
    if (!inVersions(r.versions, version) || !holds(r.when, values) || rules.gatewayParameters === 'none') continue;
    let failed = false;
    for (const ck of r.checks ?? []) {
      if (inVersions(ck.versions, version) && holds(ck.when, values)) {
        fail(ck.message);
        failed = true;
      }
    }
    if (failed) continue;
    for (const e of r.entries) part(() => {
      if (!inVersions(e.versions, version) || !holds(e.when, values)) return;
      const block = valueAt(values, e.image.split('.'));
      const merged = mergeWithGlobal(e.optional && (block === undefined || block === null || (isMap(block) === false && !truthy(block))) ? newMap() : block, global, e.image, inPlace);
      const fields: Record<string, unknown> = {};
      const emit = (k: string, text: string) => {
        fields[k] = yamlScalar(text, `${profile.chart}/${r.kind}/${r.name}`);
      };
      if (truthy(merged.registry)) emit('registry', printV(merged.registry!));
      if (truthy(merged.repository)) emit('repository', rules.gatewayParameters === 'variant' ? splitRepository(merged, rules) : printV(merged.repository!));
      if (truthy(merged.tag)) emit('tag', rules.gatewayParameters === 'variant' ? splitTag(merged, rules) : printV(merged.tag!));
      if (truthy(merged.digest)) emit('digest', rules.gatewayParameters === 'variant' ? splitDigest(merged, rules) : printV(merged.digest!));
      if (truthy(merged.pullPolicy)) emit('pullPolicy', printV(merged.pullPolicy!));
      // what the resource holds, as text: a field the chart prints unquoted may read back as a number (tag 1.10 is
      // 1.1), which is what Kubernetes gets (the validator says so: field-not-string); a missing one is Go's %!s(<nil>)
      const asS = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' || v instanceof GoInt ? printV(v) : printS((v ?? null) as Val));
      let image = `${asS(fields.registry)}/${asS(fields.repository)}:${asS(fields.tag)}`;
      if (fields.digest !== undefined && fields.digest !== null && fields.digest !== '') image += `@${asS(fields.digest)}`;
      const variant = rules.gatewayParameters === 'variant' ? variantApplied(merged, rules) : 'standard';
      rows.push({ kind: r.kind, name: fillName(r.name, values, subst), container: e.container, image, valuesPath: e.image, source: 'chart', fields, block: merged, variant });
    });
  }
  const key = (x: RenderedImage) => [x.kind, x.name, String(x.container), x.image === null ? 'null' : x.image];
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
  return rows;
}

