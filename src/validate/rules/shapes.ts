// value-type and unknown-key: every value checked against the chart's typed key tree of its version (the gloo
// values reference, value-types.ts), and the recorded shape table of values the templates dereference. Helm accepts
// any value, so a `stats: true` where the chart reads `.stats.enabled` only fails at `helm template`, far from the
// user's file; a misspelt key is silently ignored and the default deploys. Errors where the real Helm fails (the
// shape table, and the breaks recorded from generated cases), warnings where the chart coerces or ignores.
import { inVersions } from '../../images/render.js';
import type { Profile, ProfileShape } from '../../images/profile.js';
import { goTypeName } from '../../values/gofmt.js';
import { isMap, type Val } from '../../values/model.js';
import { formatPath } from '../../values/paths.js';
import type { Parts, RuleContext } from '../context.js';
import { glooProfile } from '../../profiles/gloo.js';
import { glooEeProfile } from '../../profiles/gloo-ee.js';
import { GLOO_VALUE_BREAKS } from '../../profiles/gloo-value-breaks.data.js';
import { glooEeTypeTree, glooKeyHistory, glooTypeTree, type TypeNode } from '../value-types.js';
import { GoInt } from '../../values/model.js';

/** The shape tables that apply: the profile's own, and each subchart profile's under its key. */
function tables(profile: Profile): Array<{ prefix: string[]; shapes: ProfileShape[] }> {
  const out: Array<{ prefix: string[]; shapes: ProfileShape[] }> = [];
  if (profile.shapes?.length) out.push({ prefix: [], shapes: profile.shapes });
  for (const s of profile.subcharts ?? []) {
    if (typeof s.profile === 'object' && s.profile.shapes?.length) out.push({ prefix: s.name.split('.'), shapes: s.profile.shapes });
  }
  return out;
}

/** Every value at a path with `*` wildcards, with its concrete path. */
function matches(root: Val | undefined, keys: string[], at: Parts, out: Array<{ parts: Parts; v: Val }>): void {
  if (keys.length === 0) {
    if (root !== undefined) out.push({ parts: at, v: root as Val });
    return;
  }
  if (!isMap(root)) return;
  const [k, ...rest] = keys;
  if (k === '*') for (const key of Object.keys(root)) matches(root[key], rest, [...at, key], out);
  else if (Object.prototype.hasOwnProperty.call(root, k!)) matches(root[k!], rest, [...at, k!], out);
}

/** value-type for every value the profile knows as a map that holds a scalar or a list. */
export function shapeRules(ctx: RuleContext): void {
  const fired = new Set<string>();
  for (const { prefix, shapes } of tables(ctx.profile)) {
    for (const shape of shapes) {
      if (!inVersions(shape.versions, ctx.version)) continue;
      const found: Array<{ parts: Parts; v: Val }> = [];
      matches(ctx.release, [...prefix, ...shape.path.split('.')], [], found);
      for (const { parts, v } of found) {
        if (v === null || isMap(v)) continue;
        const type = goTypeName(v);
        const field = shape.field ?? 'a field';
        const last = String(parts[parts.length - 1]);
        fired.add(formatPath(parts));
        ctx.report({
          code: 'value-type',
          severity: 'error',
          parts,
          message: `${formatPath(parts)} is ${describe(v)}, but the chart reads fields of it (${last}.${field}), so helm template fails: "can't evaluate field ${field} in type ${type}". Write it as a map, e.g. ${last}: {${field}: ...}, or remove it for the chart's default.`,
        });
      }
    }
  }
  typedRules(ctx, fired);
}

/** The typed key tree of the release's chart, for the built-in profiles (custom profiles have none). */
function treeOf(ctx: RuleContext): { tree: TypeNode; glooAt: number } | undefined {
  if (ctx.profile === glooProfile) {
    const tree = glooTypeTree(ctx.version);
    return tree && { tree, glooAt: 0 };
  }
  if (ctx.profile === glooEeProfile) {
    const tree = glooEeTypeTree(ctx.version);
    return tree && { tree, glooAt: 1 };
  }
  return undefined;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint: [0n, 2n ** 64n - 1n],
};

/** Whether a Go value has one of the documented Go types (numbers from files are float64: whole ones are integers). */
export function fitsGoType(v: Val, type: string): boolean {
  switch (type) {
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'float32':
    case 'float64':
      return typeof v === 'number' || v instanceof GoInt;
    default: {
      const range = INT_RANGES[type];
      if (!range) return true;
      let n: bigint;
      if (v instanceof GoInt) n = v.value;
      else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
      else return false;
      return n >= range[0] && n <= range[1];
    }
  }
}

/** How the documented type reads in a message. */
function typeText(types: string[]): string {
  const say = (t: string) => {
    const r = INT_RANGES[t];
    if (t === 'bool') return 'a boolean (true or false)';
    if (t === 'string') return 'a string';
    if (t.startsWith('float')) return `a number (${t})`;
    if (r) return `an integer (${t}: ${r[0]} to ${r[1]})`;
    return t;
  };
  return types.map(say).join(' or ');
}

/** Recorded breaks (real Helm failed), by path with `*` for any key and the Go kind given. */
const BREAKS = new Map<string, Array<{ versions?: string; message: string }>>();
for (const b of GLOO_VALUE_BREAKS) {
  const k = `${b.path}\u0000${b.given}`;
  BREAKS.set(k, [...(BREAKS.get(k) ?? []), { ...(b.versions !== undefined ? { versions: b.versions } : {}), message: b.message }]);
}

/** Kind of a value as the breaks table names it. */
function kindOf(v: Val): string {
  if (Array.isArray(v)) return 'list';
  if (isMap(v)) return 'map';
  if (v instanceof GoInt || typeof v === 'number') return 'number';
  return typeof v;
}

/** The recorded Helm failure for a value of this kind at this path (fan-out keys generalised), if any. */
function recordedBreak(ctx: RuleContext, parts: Parts, glooAt: number, v: Val): string | undefined {
  const inGloo = parts.slice(glooAt === 1 ? (parts[0] === 'gloo' ? 1 : 0) : 0);
  const generic = inGloo.map((p, i) => (typeof p === 'number' ? '[]' : inGloo[i - 1] === 'gatewayProxies' && i === 1 ? '*' : p)).join('.');
  for (const b of BREAKS.get(`${generic}\u0000${kindOf(v)}`) ?? []) if (inVersions(b.versions, ctx.version)) return b.message;
  return undefined;
}

function typedRules(ctx: RuleContext, fired: Set<string>): void {
  const t = treeOf(ctx);
  if (!t) return;
  const chart = t.glooAt === 1 ? `the ${ctx.label}` : `the gloo chart ${ctx.version}`;
  walkTypes(t.tree, ctx.release, ctx.defaults, {
    // image blocks and global.image: the image rules and the values schema judge them, with their own codes
    skip: (path, key) => fired.has(path) || (/image$/i.test(key) && (path === ctx.profile.globalImage || path.endsWith('.global.image') || ctx.isVariantBlock(path))),
    unknown: (parent, parts) => unknownKey(ctx, parent, parts, chart, t.glooAt),
    wrong: (parts, v, expected, printed) => wrongType(ctx, parts, v, expected, t.glooAt, printed),
  });
}

/** What a walk of values over a typed key tree reports. */
export interface TypeWalk {
  skip?(path: string, key: string): boolean;
  unknown(parent: TypeNode, parts: Parts): void;
  /** `printed`: a number where a string is documented (the chart prints it; a finding only where Helm fails). */
  wrong(parts: Parts, v: Val, expected: string, printed?: boolean): void;
}

/**
 * Walks values over a typed key tree: keys the tree does not document (unless the node is open, loose, a map of any
 * keys, the value null, or the key one of `defaults`), and values of another type than documented. A value equal to
 * the `defaults` at its path is the chart's (the built-in defaults of a line stand for all its releases) and is not
 * judged.
 */
export function walkTypes(tree: TypeNode, values: Val, defaults: Val | undefined, on: TypeWalk): void {
  const visit = (node: TypeNode, v: Val, parts: Parts, def: Val | undefined): void => {
    if (node.open || v === null || v === undefined) return;
    if (def !== undefined && !isMap(v) && sameValue(v, def)) return;
    const key = parts[parts.length - 1];
    if (on.skip && typeof key === 'string' && on.skip(formatPath(parts), key)) return;
    if (node.types) {
      // a number where the reference says string is printed as Go prints it, which is what Kubernetes' IntOrString
      // fields (minAvailable: 2) want: only said where the real Helm fails with it (a recorded break)
      if (!node.types.some((ty) => fitsGoType(v, ty))) on.wrong(parts, v, typeText(node.types), node.types.includes('string') && (typeof v === 'number' || v instanceof GoInt));
      return;
    }
    if (node.props || node.any || node.map || node.loose) {
      if (!isMap(v)) {
        if (node.items && Array.isArray(v)) return visitList(node.items, v, parts, def);
        // an Enterprise key whose type the defaults do not make certain
        if (node.loose && !node.map) return;
        on.wrong(parts, v, 'a map');
        return;
      }
      const defMap = isMap(def) ? def : undefined;
      for (const k of Object.keys(v)) {
        const dk = defMap && Object.prototype.hasOwnProperty.call(defMap, k) ? defMap[k] : undefined;
        const c = node.props && Object.prototype.hasOwnProperty.call(node.props, k) ? node.props[k] : node.any;
        if (c) {
          visit(c, v[k]!, [...parts, k], dk);
          continue;
        }
        // a null sets nothing; a key of the chart's own defaults is the chart's, documented or not
        if (node.loose || node.map || v[k] === null || dk !== undefined) continue;
        on.unknown(node, [...parts, k]);
      }
      return;
    }
    if (node.items) {
      if (!Array.isArray(v)) on.wrong(parts, v, 'a list');
      else visitList(node.items, v, parts, def);
    }
  };
  const visitList = (items: TypeNode, v: Val[], parts: Parts, def: Val | undefined) => {
    if (def !== undefined && sameValue(v, def)) return;
    v.forEach((x, i) => visit(items, x, [...parts, i], undefined));
  };
  visit(tree, values, [], defaults);
}

/** Whether two Go values are the same data (numbers by value: an int64 from --set equals a file's float64). */
function sameValue(a: Val, b: Val): boolean {
  // kinds first: a null-prototype map has no string form
  if (a === null || b === null || kindOf(a) !== kindOf(b)) return a === b;
  if (kindOf(a) === 'number') return String(a) === String(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k]!, b[k]!));
  }
  return a === b;
}

/**
 * The documented key a misspelt one stands for: the same key in another case, else the nearest by edit distance
 * with a swap of two neighbours counting as one edit (`httsPport` is httpsPort, not httpPort), at most 2 edits
 * and fewer than a third of the key.
 */
export function nearestKey(found: string, known: readonly string[]): string | undefined {
  if (found.length > 64) return undefined;
  const lower = found.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  // in half edits: a letter added, dropped or changed is 2, two neighbours swapped 1; at most 2 edits, and no more
  // than a third of the key (at least one); ties go to the longer key (a dropped letter is the commonest typo)
  const limit = 2 * Math.min(2, Math.max(1, Math.floor(found.length / 3)));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    if (Math.abs(k.length - found.length) > 2) continue;
    const d = osa(lower, k.toLowerCase());
    if (d > limit) continue;
    const score = 2 * d + (k.length > found.length ? 0 : 1);
    if (score < bestScore) [best, bestScore] = [k, score];
  }
  return best;
}

/** Optimal string alignment distance in half edits (insert, delete, substitute 2; a swap of neighbours 1). */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? 2 * j : j === 0 ? 2 * i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 2;
      let v = Math.min(d[i - 1]![j]! + 2, d[i]![j - 1]! + 2, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function unknownKey(ctx: RuleContext, parent: TypeNode, parts: Parts, chart: string, glooAt: number): void {
  const key = String(parts[parts.length - 1]);
  const known = Object.keys(parent.props ?? {});
  const suggestion = nearestKey(key, known);
  const inGloo = glooAt === 1 ? (parts[0] === 'gloo' ? parts.slice(1) : parts[0] === 'global' ? parts : undefined) : parts;
  const history = inGloo ? glooKeyHistory(inGloo, ctx.version) : undefined;
  const parentPath = formatPath(parts.slice(0, -1)) || '(the top level)';
  ctx.report({
    code: 'unknown-key',
    severity: 'warning',
    parts,
    message:
      `${formatPath(parts)} is not a value of ${chart}${history ? `; ${history}` : ''}. Helm ignores it and the chart's default applies.` +
      (suggestion ? ` Did you mean ${suggestion}?` : ` ${parentPath} has ${known.length ? known.slice(0, 12).join(', ') + (known.length > 12 ? ', ...' : '') : 'no documented keys'}.`),
    ...(suggestion !== undefined ? { suggestion: formatPath([...parts.slice(0, -1), suggestion]) } : {}),
  });
}

function wrongType(ctx: RuleContext, parts: Parts, v: Val, expected: string, glooAt: number, printed = false): void {
  const broke = recordedBreak(ctx, parts, glooAt, v);
  if (printed && !broke) return;
  // one mistake, one diagnostic: Helm's coalesce warning already says that this value replaces the chart's map
  if (!broke && ctx.helmWarned?.has(formatPath(parts))) return;
  ctx.report({
    code: 'value-type',
    severity: broke ? 'error' : 'warning',
    parts,
    message: broke
      ? `${formatPath(parts)} is ${describe(v)}, but the chart expects ${expected}: helm template fails: "${broke}". Write ${expected}, or remove it for the chart's default.`
      : `${formatPath(parts)} is ${describe(v)}, but the chart's values reference types it as ${expected}. Helm passes it on as it is (the chart coerces or prints it), which is rarely what was meant. Write ${expected}.`,
  });
}

function describe(v: Val): string {
  if (isMap(v)) return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'boolean') return `${v} (a boolean)`;
  if (v instanceof GoInt) return `the integer ${v.toString()}`;
  return `the number ${String(v)}`;
}
