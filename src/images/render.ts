// Renders a profile over a release's values: every workload container (and structured image fields) that the
// chart would render, with the image string its helper builds, exactly as `helm template` prints it.
import { deepCopy, GoInt, isMap, newMap, Src, type GoMap, type Val } from '../values/model.js';
import { composeFirstDocument } from '../values/yaml/compose.js';
import { compareRelease } from './gloo-epochs.js';
import type { GlooRun } from './gloo-epochs.js';
import { glooImage, splitDigest, splitRepository, splitTag } from './gloo-helpers.js';
import { evalExpr, holds, parseExpr, valueAt } from './expr.js';
import { mergeOverwrite, printS, printV, sprigMerge, TemplateError, truthy } from './go-template.js';
import type { Profile, ProfileContainer } from './profile.js';

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
}

/** Whether `version` is inside a range of `>=X`, `<X`, `>X`, `<=X` comparators in release order. */
export function inVersions(range: string | undefined, version: string): boolean {
  if (!range) return true;
  return range
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
    });
}

/** sprig kebabcase (xstrings.ToKebabCase): word boundaries at case changes, lower-cased, joined by `-`. */
export function kebabcase(s: string): string {
  const words: string[] = [];
  let cur = '';
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (/[\s_.-]/.test(c)) {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    const isUpper = c !== c.toLowerCase() && c === c.toUpperCase();
    const prevLower = prev !== undefined && /[a-z0-9]/.test(prev);
    const prevUpper = prev !== undefined && prev !== prev.toLowerCase() && prev === prev.toUpperCase();
    const nextLower = next !== undefined && /[a-z]/.test(next);
    if (cur && isUpper && (prevLower || (prevUpper && nextLower))) {
      words.push(cur);
      cur = '';
    }
    cur += c.toLowerCase();
  }
  if (cur) words.push(cur);
  return words.join('-');
}

/** The value a rendered `key: <text>` line holds once the manifest is parsed (Helm fails where YAML does). */
function yamlScalar(text: string, where: string): Val {
  try {
    const doc = composeFirstDocument(`v: ${text}\n`, new Src(where, `v: ${text}\n`)).value;
    return isMap(doc) ? (doc.v ?? null) : null;
  } catch {
    throw new TemplateError(`YAML parse error on ${where}: the rendered line "${text}" is not valid YAML`);
  }
}

/** JSON round trip of Go values (toJson | fromJson): int64 become float64. */
function jsonRoundTrip(v: Val): Val {
  if (v instanceof GoInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = jsonRoundTrip(v[k]!);
    return out;
  }
  return v;
}

function mergeWithGlobal(block: Val | undefined, global: Val | undefined, path: string): GoMap {
  if (!isMap(block)) throw new TemplateError(`error calling merge: ${path} is not a map (${block === undefined || block === null ? 'nil' : typeof block})`);
  if (!isMap(global)) throw new TemplateError('error calling merge: global.image is not a map');
  return sprigMerge(deepCopy(block) as GoMap, global);
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

/**
 * Every image the chart renders for these values at this chart version, sorted by kind, name, container.
 * Throws TemplateError where `helm template` would fail.
 */
export function renderProfile(profile: Profile, values: GoMap, version: string, rules: GlooRun): RenderedImage[] {
  const global = valueAt(values, profile.globalImage.split('.'));
  const rows: RenderedImage[] = [];
  /** A profile path's value and its values path: `$.x` is inside the current fan-out entry. */
  const resolvePath = (p: string, entry: Val | undefined, entryPath: string) =>
    p.startsWith('$.') ? { v: valueAt(entry, p.slice(2).split('.')), path: `${entryPath}.${p.slice(2)}` } : { v: valueAt(values, p.split('.')), path: p };
  const containerRows = (c: ProfileContainer, kind: string, name: string, entry: Val | undefined, entryPath: string, entryName: string) => {
    if (!inVersions(c.versions, version) || !holds(c.when, values, entry)) return;
    if (c.passthrough) {
      const { v, path } = resolvePath(c.passthrough, entry, entryPath);
      rows.push(...passthroughRows(v, kind, name, c.init ?? false, path));
      return;
    }
    if (!c.image) return;
    const { v, path } = resolvePath(c.image, entry, entryPath);
    const merged = mergeWithGlobal(v, global, path);
    const text = glooImage(merged, rules);
    const parsed = yamlScalar(text, `${profile.chart}/${kind}/${name}`);
    rows.push({
      kind,
      name,
      container: (c.name ?? '').replace('{name}', entryName),
      image: typeof parsed === 'string' ? parsed : printV(parsed),
      init: c.init ?? false,
      valuesPath: path,
      source: 'chart',
      block: merged,
    });
  };
  const eagerMerge = (c: ProfileContainer, entry: Val | undefined, entryPath: string) => {
    if (!c.eager || !c.image || !inVersions(c.versions, version)) return;
    const { v, path } = resolvePath(c.image, entry, entryPath);
    mergeWithGlobal(v, global, path);
  };
  for (const w of profile.workloads) {
    if (!inVersions(w.versions, version)) continue;
    if (!holds(w.when, values)) {
      for (const c of w.containers) eagerMerge(c, undefined, '');
      continue;
    }
    for (const c of w.containers) containerRows(c, w.kind, w.name, undefined, '', '');
  }
  for (const f of profile.fanOuts) {
    if (!holds(f.when, values)) continue;
    const map = valueAt(values, f.each.split('.'));
    if (!isMap(map)) continue;
    const base = map[f.base];
    for (const key of Object.keys(map).sort()) {
      const spec = jsonRoundTrip(mergeOverwrite(deepCopy(isMap(base) ? base : newMap()) as GoMap, deepCopy(map[key]!) as GoMap));
      const check = (afterSkip: boolean) => {
        for (const ck of f.checks ?? []) {
          if ((ck.afterSkip ?? false) !== afterSkip || !inVersions(ck.versions, version)) continue;
          if (holds(ck.when, values, spec)) throw new TemplateError(ck.message.replace('{name}', key));
        }
      };
      for (const c of f.containers) eagerMerge(c, spec, `${f.each}.${key}`);
      check(false);
      if (holds(f.skip, values, spec)) continue;
      check(true);
      let kind = 'Deployment';
      for (const rule of f.kind) {
        if (!inVersions(rule.versions, version) || !holds(rule.when, values, spec)) continue;
        kind = rule.kind.startsWith('$') ? printV(evalExpr(parseExpr(rule.kind), values, spec) ?? null) : rule.kind;
        break;
      }
      const name = kebabcase(key);
      for (const c of f.containers) containerRows(c, kind, name, spec, `${f.each}.${key}`, name);
    }
  }
  for (const r of profile.imageFields) {
    if (!inVersions(r.versions, version) || !holds(r.when, values) || rules.gatewayParameters === 'none') continue;
    for (const ck of r.checks ?? []) {
      if (inVersions(ck.versions, version) && holds(ck.when, values)) throw new TemplateError(ck.message);
    }
    for (const e of r.entries) {
      if (!inVersions(e.versions, version) || !holds(e.when, values)) continue;
      const block = valueAt(values, e.image.split('.'));
      const merged = mergeWithGlobal(e.optional && (block === undefined || block === null || (isMap(block) === false && !truthy(block))) ? newMap() : block, global, e.image);
      const fields: Record<string, unknown> = {};
      const emit = (k: string, text: string) => {
        fields[k] = yamlScalar(text, `${profile.chart}/${r.kind}/${r.name}`);
      };
      if (truthy(merged.registry)) emit('registry', printV(merged.registry!));
      if (truthy(merged.repository)) emit('repository', rules.gatewayParameters === 'variant' ? splitRepository(merged, rules) : printV(merged.repository!));
      if (truthy(merged.tag)) emit('tag', rules.gatewayParameters === 'variant' ? splitTag(merged, rules) : printV(merged.tag!));
      if (truthy(merged.digest)) emit('digest', rules.gatewayParameters === 'variant' ? splitDigest(merged, rules) : printV(merged.digest!));
      if (truthy(merged.pullPolicy)) emit('pullPolicy', printV(merged.pullPolicy!));
      const asS = (v: unknown) => printS((v ?? null) as Val);
      let image = `${asS(fields.registry)}/${asS(fields.repository)}:${asS(fields.tag)}`;
      if (fields.digest !== undefined && fields.digest !== null && fields.digest !== '') image += `@${asS(fields.digest)}`;
      rows.push({ kind: r.kind, name: r.name, container: e.container, image, valuesPath: e.image, source: 'chart', fields, block: merged });
    }
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

