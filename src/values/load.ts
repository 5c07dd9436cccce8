// Loaded values: what Helm's .Values is after it read a chart's values.yaml, the -f files and the --set flags,
// with the Go types and the source of every value. loadValues itself (src/load/) composes this with chart/.
import { ValuesError, type Diagnostic, type SourceLocation } from '../errors.js';
import { compareGoStrings, formatFloatG, formatGoV } from './gofmt.js';
import { getLoc, GoInt, isMap, newMap, unsafeInts, type GoMap, type Val } from './model.js';
import { formatPath, formatPointer, parsePath } from './paths.js';
import { applySet } from './strvals.js';
import { mergeMapsInto, readValuesText, type HelmVersion } from './yaml/read.js';

/** A named values text. Bytes are checked as UTF-8 the way Helm checks them. */
export interface ValuesSource {
  name: string;
  text: string | Uint8Array;
}

/** JSON-like data: what Helm's `.Values` holds. */
export type Values = { [key: string]: unknown };

/** The user's part of a release's values: -f files and the --set family, as loadValues takes them. */
export interface UserValuesInput {
  /** -f files, in command-line order. */
  valuesFiles?: Array<string | ValuesSource>;
  /** --set arguments, in command-line order. */
  set?: string[];
  /** --set-string arguments. */
  setString?: string[];
  /** --set-json arguments. */
  setJson?: string[];
  /** --set-literal arguments. */
  setLiteral?: string[];
  /** --set-file: the key and the content of the file (already read). */
  setFile?: Array<{ key: string; text: string }>;
}

/** The Go type Helm holds for a value and how Go's %v prints it. */
export interface GoValue {
  type: 'int64' | 'float64' | 'string' | 'bool' | 'nil' | 'map' | 'slice';
  text: string;
}

/** Chart identity kept with loaded values (set when a whole chart was loaded). */
export interface ChartIdentity {
  name: string;
  version: string;
  appVersion?: string;
}

/** The result of {@link loadValues}. */
export interface LoadedValues {
  /** What Helm's .Values would be: plain JSON-like data (int64 from --set become numbers, see goValue). */
  values: Values;
  /** Each subchart's .Values, keyed by its dotted values path from the top chart. */
  subcharts: Record<string, Values>;
  /** Helm's coalesce warnings, and notes on values JavaScript cannot hold exactly. */
  warnings: Diagnostic[];
  /** Where the value at a dotted path (or JSON pointer) came from: file, line, column. */
  locate(path: string): SourceLocation | undefined;
  /** The Go type and %v text of the value at a path; exact for int64 beyond 2^53. */
  goValue(path: string): GoValue | undefined;
  /** Chart identities by dotted values path ('' = the top chart), when a chart was loaded. */
  charts?: Record<string, ChartIdentity>;
  /** The exact text Helm's `toJson` prints for the value at a path ('' = all of .Values): sorted keys,
   * int64 digits kept exactly, `-0` kept. undefined when nothing is there. */
  toJson(path?: string): string | undefined;
  /** Whose rules were applied. */
  helmVersion: HelmVersion;
  /** True when the values include the chart's defaults (loaded with chartValues or a chart). */
  withChartDefaults: boolean;
}

/** A values text as a named source; anything else is refused as INVALID_INPUT. */
export function asSource(s: string | ValuesSource, defaultName: string): ValuesSource {
  if (typeof s === 'string' || s instanceof Uint8Array) return { name: defaultName, text: s };
  if (!s || typeof s !== 'object' || typeof s.name !== 'string' || (typeof s.text !== 'string' && !(s.text instanceof Uint8Array))) {
    throw new ValuesError('INVALID_INPUT', `${defaultName}: expected a string or { name, text }`);
  }
  return s;
}

function checkStrings(list: unknown, field: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
    throw new ValuesError('INVALID_INPUT', `${field} must be an array of strings`);
  }
  return list as string[];
}

/**
 * Converts the internal model into plain data: ordinary objects, numbers for int64. `notes` hears of
 * each int64 a number cannot hold, with its path.
 */
export function toPlain(v: Val, notes?: (path: Array<string | number>, v: GoInt) => void): unknown {
  const state = { unsafe: false };
  const out = plainCopy(v, state);
  // Paths are only needed for the rare int64 past 2^53 (from --set): a second walk finds them, so the
  // common case does not keep a running path (that bookkeeping showed in the profile).
  if (state.unsafe && notes) findUnsafe(v, notes, []);
  return out;
}

function plainCopy(v: Val, state: { unsafe: boolean }): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof GoInt) {
    const n = Number(v.value);
    if (!Number.isSafeInteger(n)) state.unsafe = true;
    return n;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = plainCopy(v[i]!, state);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = plainCopy(v[k]!, state);
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out;
}

/**
 * A fresh copy of a result's values as plain data (int64 as numbers) in maps without a prototype, as a
 * validation copies them before applying defaults; undefined when they nest deeper than `limit` (nothing is
 * copied past it). Made from the internal tree, so the result's own `values` need never be made.
 */
export function plainValuesCopy(loaded: LoadedValues, limit: number): Values | undefined {
  const root = INTERNAL.get(loaded);
  if (!root) return undefined;
  const deep = { over: false };
  const out = copyWithin(root, 0, limit, deep);
  return deep.over ? undefined : (out as Values);
}

function copyWithin(v: Val, depth: number, limit: number, deep: { over: boolean }): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof GoInt) return Number(v.value);
  if (depth > limit) {
    deep.over = true;
    return null;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length && !deep.over; i++) out[i] = copyWithin(v[i]!, depth + 1, limit, deep);
    return out;
  }
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    out[k] = copyWithin(v[k]!, depth + 1, limit, deep);
    if (deep.over) break;
  }
  return out;
}

/** Reports every int64 a number cannot hold; `path` is the running path (a stack, not copied per value). */
function findUnsafe(v: Val, notes: (path: Array<string | number>, v: GoInt) => void, path: Array<string | number>): void {
  if (v instanceof GoInt) {
    if (!Number.isSafeInteger(Number(v.value))) notes([...path], v);
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      findUnsafe(v[i]!, notes, path);
      path.pop();
    }
  } else if (isMap(v)) {
    for (const k of Object.keys(v)) {
      path.push(k);
      findUnsafe(v[k]!, notes, path);
      path.pop();
    }
  }
}

/** Walks the internal tree; returns the container and key of the last step, and the value. */
function walk(root: GoMap, parts: Array<string | number>): { container: object; key: string | number; value: Val } | undefined {
  let cur: Val = root;
  let container: object = root;
  let key: string | number = '';
  for (const p of parts) {
    if (Array.isArray(cur)) {
      const idx = typeof p === 'number' ? p : /^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : -1;
      if (idx < 0 || idx >= cur.length) return undefined;
      container = cur;
      key = idx;
      cur = cur[idx]!;
    } else if (isMap(cur)) {
      const k = String(p);
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
      container = cur;
      key = k;
      cur = cur[k]!;
    } else return undefined;
  }
  return { container, key, value: cur };
}

/** Go's type and %v text of an internal value. */
export function goValueOf(v: Val): GoValue {
  if (v === null) return { type: 'nil', text: '<nil>' };
  if (v instanceof GoInt) return { type: 'int64', text: v.toString() };
  if (typeof v === 'number') return { type: 'float64', text: formatFloatG(v) };
  if (typeof v === 'string') return { type: 'string', text: v };
  if (typeof v === 'boolean') return { type: 'bool', text: String(v) };
  if (Array.isArray(v)) return { type: 'slice', text: formatGoV(v) };
  return { type: 'map', text: formatGoV(v) };
}

/** Go's encoding/json text of a value (what `toJson` prints in a template). */
export function goJson(v: Val): string {
  if (v === null) return 'null';
  if (v instanceof GoInt) return v.toString();
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goJsonString(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const keys = Object.keys(v).sort(compareGoStrings);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k]!)}`).join(',')}}`;
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The internal tree behind each result (Go types kept: int64 from --set, float64 from files), for the
// resolver inside this package; not part of the public API.
const INTERNAL = new WeakMap<LoadedValues, GoMap>();

/** The Go-typed values tree behind a LoadedValues (package-internal). */
export function internalValues(loaded: LoadedValues): GoMap | undefined {
  return INTERNAL.get(loaded);
}

/** Builds the public result around the internal tree. */
export function makeLoaded(
  root: GoMap,
  subchartPaths: Array<{ path: string; parts: string[] }>,
  warnings: Diagnostic[],
  helmVersion: HelmVersion,
  withChartDefaults: boolean,
  charts?: Record<string, ChartIdentity>,
): LoadedValues {
  const notes: Diagnostic[] = [];
  // the plain values are made when first asked for (a validation copies the tree itself and may never need
  // them); the notes on int64 a number cannot hold are found now, so that `warnings` is complete from the start
  let values: Values | undefined;
  // (only searched for once this process has made one: they come from --set, and are rare)
  if (unsafeInts.made) findUnsafe(root, (path, v) => {
    notes.push({
      code: 'int64-precision',
      severity: 'warning',
      message: `${formatPath(path)} is the int64 ${v.toString()} in Helm; a JavaScript number cannot hold it exactly, so values holds ${Number(v.value)}. goValue('${formatPath(path)}') gives the exact text.`,
      path: formatPath(path),
      pointer: formatPointer(path),
    });
  }, []);
  const subcharts: Record<string, Values> = {};
  for (const { path, parts } of subchartPaths) {
    const w = walk(root, parts);
    if (w && isMap(w.value)) subcharts[path] = toPlain(w.value) as Values;
  }
  const result: LoadedValues = {
    get values(): Values {
      return (values ??= toPlain(root) as Values);
    },
    subcharts,
    warnings: [...warnings, ...notes],
    helmVersion,
    withChartDefaults,
    locate(path: string): SourceLocation | undefined {
      const w = walk(root, parsePath(path));
      if (!w || w.container === root && path === '') return undefined;
      const loc = getLoc(w.container, w.key);
      if (!loc) return undefined;
      return { file: loc.src.name, ...loc.src.position(loc.offset) };
    },
    toJson(path = ''): string | undefined {
      const w = path === '' ? { value: root as Val } : walk(root, parsePath(path));
      return w ? goJson(w.value) : undefined;
    },
    goValue(path: string): GoValue | undefined {
      const w = path === '' ? { value: root as Val } : walk(root, parsePath(path));
      return w ? goValueOf(w.value) : undefined;
    },
  };
  if (charts) result.charts = charts;
  INTERNAL.set(result, root);
  return result;
}

/**
 * The user values before coalescing: -f files merged in order, then every --set-json, --set,
 * --set-string, --set-file and --set-literal, each group in order, written into that map in place.
 */
export function userValues(input: UserValuesInput, helmVersion: HelmVersion): GoMap {
  let files: GoMap | undefined;
  const budget = { paddedSlots: 0 };
  (input.valuesFiles ?? []).forEach((f, i) => {
    const src = asSource(f, `values-${i + 1}.yaml`);
    const file = readValuesText(src.text, { name: src.name, role: 'user' }, helmVersion);
    // each file is a fresh tree nobody else holds: the first is the base, later ones merge into it in place
    // (a copy of the base per file was n^2 over n files)
    files = files ? mergeMapsInto(files, file) : file;
  });
  let base = files ?? newMap();
  for (const s of checkStrings(input.setJson, 'setJson')) base = applySet(base, s, 'set-json', helmVersion, undefined, budget);
  for (const s of checkStrings(input.set, 'set')) applySet(base, s, 'set', helmVersion, undefined, budget);
  for (const s of checkStrings(input.setString, 'setString')) applySet(base, s, 'set-string', helmVersion, undefined, budget);
  for (const f of input.setFile ?? []) {
    if (!f || typeof f.key !== 'string' || typeof f.text !== 'string') {
      throw new ValuesError('INVALID_INPUT', 'setFile entries must be { key: string, text: string }');
    }
    applySet(base, `${f.key}=file`, 'set-file', helmVersion, f.text, budget);
  }
  for (const s of checkStrings(input.setLiteral, 'setLiteral')) applySet(base, s, 'set-literal', helmVersion, undefined, budget);
  return base;
}
