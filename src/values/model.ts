// The internal value model: Go's view of Helm values, kept exact until the public result is made.
//  - maps are null-prototype objects (so `__proto__`, `constructor`, `prototype` are plain keys),
//  - lists are arrays, strings, booleans and null as in JSON,
//  - JavaScript numbers are Go float64 (every number from YAML or JSON),
//  - GoInt is a Go int64 (integers from --set), held exactly as a bigint.
// Containers share and copy exactly where Helm's Go code shares and copies, because some results
// (nested globals flowing up, --set patching lists from files) depend on it.

/** Whether this process ever made an int64 a JavaScript number cannot hold (then results are searched for them). */
export const unsafeInts = { made: false };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A Go int64, as `--set` produces for integer text. */
export class GoInt {
  constructor(readonly value: bigint) {
    if (value > MAX_SAFE || value < -MAX_SAFE) unsafeInts.made = true;
  }
  toString(): string {
    return this.value.toString();
  }
}

export type GoMap = { [key: string]: Val };
export type Val = null | boolean | string | number | GoInt | Val[] | GoMap;

export function newMap(): GoMap {
  return Object.create(null) as GoMap;
}

export function isMap(v: unknown): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt);
}

export function hasKey(m: GoMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}

/** A position in a source: `offset` into the text that `src` describes. */
export interface Loc {
  src: Src;
  offset: number;
}

/** A source text (a values file, one document of it, or a --set flag) able to turn offsets into line:column. */
export class Src {
  private lineStarts: number[] | undefined;
  /**
   * @param name file name or flag (`--set`)
   * @param text the text the offsets index
   * @param lineBase lines before this text in its file (a later YAML document of a file)
   * @param flag a command-line flag: line 1, column counted in the flag's characters
   */
  constructor(readonly name: string, readonly text: string, readonly lineBase = 0, readonly flag = false) {}

  position(offset: number): { line: number; column: number } {
    if (this.flag) return { line: 1, column: offset + 1 };
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Columns count characters (code points), as editors do, not UTF-16 units.
    let column = 1;
    for (let i = starts[lo]!; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) column++;
    }
    return { line: this.lineBase + lo + 1, column };
  }
}

// Locations of values, kept with the container that holds them and keyed by the key or index inside it,
// so that Helm's algorithm moving and sharing containers carries them along. The table hangs on the
// container itself under a private symbol, not in a WeakMap: a WeakMap insert per container was the
// loader's largest cost of its own in the profile (ephemeron table growth and its GC work). It is
// non-enumerable, so Object.keys, JSON, spreads and test equality never see it.
const LOCS: unique symbol = Symbol('locations');

type Located = { [LOCS]?: Map<string | number, Loc> };

// Copies share their tables until one side writes (copy on write): a deep copy of a tree (Helm's
// copystructure, or chart defaults kept parsed) copies no table, and the few tables later written to
// are cloned then. A shared table carries this mark; tables are only written through locsOf.
const SHARED: unique symbol = Symbol('shared');

type Table = Map<string | number, Loc> & { [SHARED]?: true };

function tableOf(container: object): Table | undefined {
  return (container as Located)[LOCS];
}

// One descriptor for every new table property (defineProperty reads it and keeps nothing of it).
const TABLE_PROPERTY: PropertyDescriptor = { value: undefined, writable: true, configurable: true, enumerable: false };

function attachTable(container: object, m: Table): void {
  if (Object.prototype.hasOwnProperty.call(container, LOCS)) (container as Located)[LOCS] = m;
  else attachNewTable(container, m);
}

/** attachTable for a container known to have no table yet (a copy being made). */
function attachNewTable(container: object, m: Table): void {
  TABLE_PROPERTY.value = m;
  Object.defineProperty(container, LOCS, TABLE_PROPERTY);
  TABLE_PROPERTY.value = undefined;
}

export function setLoc(container: object, key: string | number, loc: Loc | undefined): void {
  if (!loc) return;
  locsOf(container).set(key, loc);
}

/**
 * The location table of a container, to write to (created on first use, cloned first if it is shared
 * with a copy); callers setting many entries keep it.
 */
export function locsOf(container: object): Map<string | number, Loc> {
  let m = tableOf(container);
  if (!m || m[SHARED]) attachTable(container, (m = m ? new Map(m) : new Map()));
  return m;
}

export function getLoc(container: object, key: string | number): Loc | undefined {
  return tableOf(container)?.get(key);
}

export function copyLoc(from: object, fromKey: string | number, to: object, toKey: string | number): void {
  const l = tableOf(from)?.get(fromKey);
  if (l) locsOf(to).set(toKey, l);
}

/** Deep copy of a value (Go's copystructure.Copy), locations included. */
export function deepCopy(v: Val): Val {
  if (Array.isArray(v)) {
    const out: Val[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i]!);
    copyAllLocs(v, out);
    return out;
  }
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]!);
    copyAllLocs(v, out);
    return out;
  }
  return v;
}

/**
 * Freezes every container of a tree (not the location tables, which are copied before any write anyway): a
 * tree kept to be shared by many readers, where a write would be a bug and now throws instead of changing
 * what the next reader sees.
 */
export function deepFreeze(v: Val): Val {
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
    Object.freeze(v);
  } else if (isMap(v)) {
    for (const k of Object.keys(v)) deepFreeze(v[k]!);
    Object.freeze(v);
  }
  return v;
}

/** Gives `to` (a new copy, without a table) the same location table as `from`: the same table, shared until written. */
function copyAllLocs(from: object, to: object): void {
  const m = tableOf(from);
  if (!m) return;
  m[SHARED] = true;
  attachNewTable(to, m);
}

/** Shallow copy of a map (Go's copyMap / maps.Copy), locations of its direct entries included. */
export function shallowCopy(m: GoMap): GoMap {
  const out = newMap();
  for (const k of Object.keys(m)) out[k] = m[k]!;
  copyAllLocs(m, out);
  return out;
}

// Numbers written as integer literals, for the few readers (Chart.yaml) that print them as Go does
// for a string field: an int keeps its digits, a float is printed at float32 precision.
const INTEGERS = new WeakMap<object, Set<string>>();

export function markInteger(container: object, key: string): void {
  let s = INTEGERS.get(container);
  if (!s) INTEGERS.set(container, (s = new Set()));
  s.add(key);
}

export function isMarkedInteger(container: object, key: string): boolean {
  return INTEGERS.get(container)?.has(key) ?? false;
}

/** The location table of a container, if it has one, to read (for loops that copy many entries). */
export function locTable(container: object): ReadonlyMap<string | number, Loc> | undefined {
  return tableOf(container);
}
