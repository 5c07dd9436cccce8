// The --set family as Helm's strvals parser reads it: `a.b=1,c[0]={x,y}`, backslash escapes, typed
// values for --set, strings for --set-string, JSON for --set-json, raw text for --set-file and
// --set-literal. Every assignment is written into the user values in place, as Helm does, so an index
// patches a list that an -f file made. Helm 3.17 and 4.1 differ in one place: Helm 4 treats an index cut
// off by the end of the argument (`a[`) as the end of the input (see docs/values.md).
import { ValuesError } from '../errors.js';
import { goQuote, goQuoteRunes, goTypeName } from './gofmt.js';
import { helmRules, type HelmRules, type HelmVersion } from './helm-rules.js';
import { mergeMapsInto } from './yaml/read.js';
import { copyLoc, GoInt, isMap, newMap, setLoc, Src, type GoMap, type Loc, type Val } from './model.js';

/** Largest list index Helm accepts. */
export const MAX_INDEX = 65536;
/** Deepest `a.b.c` key nesting Helm accepts. */
export const MAX_NESTED_NAME_LEVEL = 30;
/** Longest single --set argument accepted (characters). */
export const MAX_SET_LENGTH = 1024 * 1024;
/**
 * Bounds this library adds where Helm has none, so that a hostile flag cannot exhaust memory or the
 * stack (see docs/values.md): list slots created by index padding per load, nested `[i][j]` indexes,
 * and nesting of a --set-json value.
 */
export const MAX_PADDED_SLOTS = 1_000_000;
export const MAX_NESTED_INDEX = 500;
export const MAX_JSON_DEPTH = 1000;

/** A failure inside the parser; `eof` marks Go's io.EOF, `wrapsEof` an error wrapping it. */
class SErr {
  constructor(
    readonly msg: string,
    readonly pos: number,
    readonly eof = false,
    readonly wrapsEof = false,
    readonly code: 'SET_SYNTAX' | 'SET_TYPE_CONFLICT' | 'SET_INDEX' = 'SET_SYNTAX',
  ) {}
}

const EOF_MSG = 'EOF';

/** Go's panic text for a failed type assertion `v.(T)`. */
function conversionPanic(v: Val, want: 'map' | 'list', pos: number): SErr {
  const wantName = want === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return new SErr(
    `unable to parse key: interface conversion: interface {} is ${goTypeName(v)}, not ${wantName}`,
    pos,
    false,
    false,
    'SET_TYPE_CONFLICT',
  );
}

class Runes {
  readonly r: string[];
  pos = 0;
  constructor(text: string) {
    this.r = Array.from(text);
  }
  read(): string | undefined {
    return this.pos < this.r.length ? this.r[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.r.slice(this.pos).join('');
  }
}

/** Go's unicode.IsSpace. */
function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

/** Reads up to a stop rune; a backslash makes the next rune literal (unless `literal`). */
function runesUntil(sc: Runes, stop: string, literal = false): { v: string; last: string | undefined; eof: boolean } {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { v, last: undefined, eof: true };
    if (stop.includes(r)) return { v, last: r, eof: false };
    if (r === '\\' && !literal) {
      const next = sc.read();
      if (next === undefined) return { v, last: undefined, eof: true };
      v += next;
    } else v += r;
  }
}

/** How values are made: --set types them, --set-string keeps text, --set-file reads content. */
export type SetKind = 'set' | 'set-string' | 'set-json' | 'set-file' | 'set-literal';

function typedVal(s: string, asString: boolean): Val {
  if (asString) return s;
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (s === '0') return new GoInt(0n);
  if (s.length !== 0 && s[0] !== '0' && /^[+-]?[0-9]+$/.test(s) && s.length <= 21) {
    const v = BigInt(s.replace(/^\+/, ''));
    if (v >= -(2n ** 63n) && v <= 2n ** 63n - 1n) return new GoInt(v);
  }
  return s;
}

/** Finds the end of the first JSON value in `text` from `start`, as Go's json.Decoder reads one value. */
function jsonValueEnd(text: string, start: number): number | undefined {
  let i = start;
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  if (i >= text.length) return undefined;
  const c = text[i]!;
  if (c === '"') {
    for (i++; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return undefined;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text[i]!;
      if (d === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        if (i >= text.length) return undefined;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return undefined;
  }
  const m = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null)/.exec(text.slice(i));
  if (!m) return i + 1; // an invalid first character: JSON.parse of it fails below
  return i + m[0].length;
}

// A surrogate half without its partner: Go's encoding/json decodes `"\\ud800"` to U+FFFD, JSON.parse keeps it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A JSON string as Go's encoding/json decodes it: every lone surrogate becomes U+FFFD. */
function goJsonString(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

/** Converts parsed JSON into the value model (null-prototype maps); undefined for a number Go refuses. */
export function fromJson(v: unknown, src: Src, offset: number, depth = 0): Val | undefined {
  if (depth > MAX_JSON_DEPTH) throw new JsonTooDeep();
  if (typeof v === 'string') return goJsonString(v);
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) {
    const out: Val[] = [];
    for (const x of v) {
      const c = fromJson(x, src, offset, depth + 1);
      if (c === undefined) return undefined;
      setLoc(out, out.length, { src, offset });
      out.push(c);
    }
    return out;
  }
  const out = newMap();
  for (const k of Object.keys(v as object)) {
    const c = fromJson((v as Record<string, unknown>)[k], src, offset, depth + 1);
    if (c === undefined) return undefined;
    const key = goJsonString(k);
    out[key] = c;
    setLoc(out, key, { src, offset });
  }
  return out;
}

/**
 * Plain values given to the API (JavaScript data, not text) as Helm's Go tree: read as JSON reads them (undefined
 * members dropped as JSON.stringify drops them, numbers float64). Values nested too deeply, or cyclic, are refused.
 */
export function fromPlain(values: unknown): GoMap {
  let tree: Val | undefined;
  try {
    tree = fromJson(JSON.parse(JSON.stringify(values ?? {})) as unknown, new Src('values', ''), 0);
  } catch (e) {
    throw new ValuesError('INVALID_INPUT', `values are nested too deeply (or contain a cycle): ${e instanceof Error ? e.message || e.name : String(e)}`);
  }
  return isMap(tree) ? tree : newMap();
}

/** A --set-json value nested deeper than {@link MAX_JSON_DEPTH}. */
class JsonTooDeep extends Error {}

/** Shared by the parsers of one load: list slots created so far by index padding. */
export interface SetBudget {
  paddedSlots: number;
  /**
   * Maps known to hold a key (the parser never deletes one). Asking a map whether it is empty costs its
   * size in V8 (Object.keys, even for-in, lists every key of a large map), and `a.kN=x` asks `a` once per
   * pair: n^2 over n pairs. Each map is measured at most once per load.
   */
  nonEmpty?: WeakSet<object>;
}

class Parser {
  indexDepth = 0;
  readonly sc: Runes;
  readonly nonEmpty: WeakSet<object>;
  constructor(
    text: string,
    readonly data: GoMap,
    readonly kind: SetKind,
    readonly rules: HelmRules,
    readonly src: Src,
    readonly fileContent: string | undefined,
    readonly budget: SetBudget,
  ) {
    this.sc = new Runes(text);
    this.nonEmpty = budget.nonEmpty ??= new WeakSet();
  }

  loc(pos: number): Loc {
    return { src: this.src, offset: pos };
  }

  set(data: GoMap, key: string, val: Val, pos: number): void {
    if (key.length === 0) return;
    data[key] = val;
    this.nonEmpty.add(data);
    setLoc(data, key, this.loc(pos));
  }

  /** Whether a map has no key, measuring each map at most once (see SetBudget.nonEmpty). */
  isEmpty(m: GoMap): boolean {
    if (this.nonEmpty.has(m)) return false;
    for (const _ in m) {
      this.nonEmpty.add(m);
      return false;
    }
    return true;
  }

  parse(): SErr | null {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      if (err.eof || (this.rules.indexAtEndOfInputIsEnd && err.wrapsEof)) return null;
      return err;
    }
  }

  reader(rs: string): Val {
    if (this.kind === 'set-file') return this.fileContent ?? '';
    return typedVal(rs, this.kind === 'set-string');
  }

  wrapIndex(e: SErr): SErr {
    return new SErr(`error parsing index: ${e.msg}`, e.pos, false, e.eof || e.wrapsEof, 'SET_INDEX');
  }

  keyIndex(): number | SErr {
    const start = this.sc.pos;
    const { v, eof } = runesUntil(this.sc, ']', this.kind === 'set-literal');
    if (eof) return new SErr(EOF_MSG, this.sc.pos, true);
    // strconv.Atoi: optional sign and decimal digits
    if (!/^[+-]?[0-9]+$/.test(v)) {
      return new SErr(`strconv.Atoi: parsing ${goQuote(v)}: invalid syntax`, start, false, false, 'SET_INDEX');
    }
    const n = Number(v);
    if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63) {
      return new SErr(`strconv.Atoi: parsing ${goQuote(v)}: value out of range`, start, false, false, 'SET_INDEX');
    }
    return n;
  }

  key(data: GoMap, nestedNameLevel: number): SErr | null {
    const literal = this.kind === 'set-literal';
    const stop = literal ? '=[.' : '=[,.';
    const keyStart = this.sc.pos;
    const { v: k, last, eof } = runesUntil(this.sc, stop, literal);
    if (eof) {
      if (k.length === 0) return new SErr(EOF_MSG, this.sc.pos, true);
      return new SErr(`key ${goQuote(k)} has no value`, keyStart);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        if (i instanceof SErr) return this.wrapIndex(i);
        let list: Val[] = [];
        if (Object.prototype.hasOwnProperty.call(data, k)) {
          const existing = data[k]!;
          if (!Array.isArray(existing)) return conversionPanic(existing, 'list', keyStart);
          list = existing;
        }
        const r = this.listItem(list, i, nestedNameLevel);
        this.set(data, k, r.list, keyStart);
        return r.err;
      }
      case '=': {
        if (literal) {
          const valStart = this.sc.pos;
          const { v } = runesUntil(this.sc, '', true);
          this.set(data, k, v, valStart);
          return null;
        }
        if (this.kind === 'set-json') return this.jsonValue((val, pos) => this.set(data, k, val, pos));
        const valStart = this.sc.pos;
        const vl = this.valList();
        if (vl.err === null) {
          this.set(data, k, vl.list, valStart);
          return null;
        }
        if (vl.err.eof) {
          this.set(data, k, '', valStart);
          return vl.err;
        }
        if (vl.err === NOT_LIST) {
          const { v: rs } = runesUntil(this.sc, ',');
          this.set(data, k, this.reader(rs), valStart);
          return null;
        }
        return vl.err;
      }
      case ',':
        this.set(data, k, '', keyStart);
        return new SErr(`key ${goQuote(k)} has no value (cannot end with ,)`, keyStart);
      case '.': {
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return new SErr(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
            keyStart,
          );
        }
        let inner = newMap();
        if (Object.prototype.hasOwnProperty.call(data, k)) {
          const existing = data[k]!;
          if (!isMap(existing)) return conversionPanic(existing, 'map', keyStart);
          inner = existing;
        }
        const e = this.key(inner, nestedNameLevel);
        const empty = this.isEmpty(inner);
        if (e === null && empty) return new SErr(`key map ${goQuote(k)} has no value`, keyStart);
        if (!empty) this.set(data, k, inner, keyStart);
        return e;
      }
    }
    return null;
  }

  /** Bounds the recursion through `[i]` and `[i].k` (Helm has no such bound; Go's stack is larger). */
  listItem(list: Val[], i: number, nestedNameLevel: number): { list: Val[]; err: SErr | null } {
    if (this.indexDepth >= MAX_NESTED_INDEX) {
      const msg = `list indexes nested deeper than ${MAX_NESTED_INDEX} levels (a limit of this library)`;
      return { list, err: new SErr(msg, this.sc.pos, false, false, 'SET_INDEX') };
    }
    this.indexDepth++;
    try {
      return this.listItemInner(list, i, nestedNameLevel);
    } finally {
      this.indexDepth--;
    }
  }

  private listItemInner(list: Val[], i: number, nestedNameLevel: number): { list: Val[]; err: SErr | null } {
    const at = this.sc.pos;
    if (i < 0) return { list, err: new SErr(`negative ${i} index not allowed`, at, false, false, 'SET_INDEX') };
    const literal = this.kind === 'set-literal';
    const { v: k, last, eof } = runesUntil(this.sc, '[.=', literal);
    if (k.length > 0) {
      return { list, err: new SErr(`unexpected data at end of array index: ${goQuoteRunes(k)}`, at, false, false, 'SET_INDEX') };
    }
    if (eof) return { list, err: new SErr(EOF_MSG, this.sc.pos, true) };
    switch (last) {
      case '=': {
        const valStart = this.sc.pos;
        if (literal) {
          const { v } = runesUntil(this.sc, '', true);
          return this.setIndex(list, i, v, valStart);
        }
        if (this.kind === 'set-json') {
          let out = { list, err: null as SErr | null };
          const err = this.jsonValue((val, pos) => {
            out = this.setIndex(list, i, val, pos);
          });
          return out.err ? out : { list: out.list, err };
        }
        const vl = this.valList();
        if (vl.err === null) return this.setIndex(list, i, vl.list, valStart);
        if (vl.err.eof) return this.setIndex(list, i, '', valStart);
        if (vl.err === NOT_LIST) {
          const { v: rs } = runesUntil(this.sc, ',');
          return this.setIndex(list, i, this.reader(rs), valStart);
        }
        return { list, err: vl.err };
      }
      case '[': {
        const nextI = this.keyIndex();
        if (nextI instanceof SErr) return { list, err: this.wrapIndex(nextI) };
        let crt: Val[] = [];
        if (list.length > i) {
          const existed = list[i]!;
          if (existed !== null) {
            if (!Array.isArray(existed)) return { list, err: conversionPanic(existed, 'list', at) };
            crt = existed;
          }
        }
        const r = this.listItem(crt, nextI, nestedNameLevel);
        if (r.err) return { list, err: r.err };
        return this.setIndex(list, i, r.list, at);
      }
      case '.': {
        let inner = newMap();
        if (list.length > i) {
          const existing = list[i]!;
          if (isMap(existing)) inner = existing;
          else {
            list[i] = inner;
          }
        }
        const e = this.key(inner, nestedNameLevel);
        if (e) return { list, err: e };
        return this.setIndex(list, i, inner, at);
      }
    }
    return { list, err: new SErr(`parse error: unexpected token ${last}`, at) };
  }

  setIndex(list: Val[], index: number, val: Val, pos: number): { list: Val[]; err: SErr | null } {
    if (index < 0) return { list, err: new SErr(`negative ${index} index not allowed`, pos, false, false, 'SET_INDEX') };
    if (index > MAX_INDEX) {
      return {
        list,
        err: new SErr(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`, pos, false, false, 'SET_INDEX'),
      };
    }
    let out = list;
    if (out.length <= index) {
      this.budget.paddedSlots += index + 1 - out.length;
      if (this.budget.paddedSlots > MAX_PADDED_SLOTS) {
        return {
          list,
          err: new SErr(`list indexes create more than ${MAX_PADDED_SLOTS} list slots in all (a limit of this library)`, pos, false, false, 'SET_INDEX'),
        };
      }
      // Go grows into a new slice; the old one is left as it was.
      out = list.slice();
      while (out.length <= index) out.push(null);
      for (let j = 0; j < list.length; j++) copyLoc(list, j, out, j);
    }
    out[index] = val;
    setLoc(out, index, this.loc(pos));
    return { list: out, err: null };
  }

  valList(): { list: Val[]; err: SErr | null } {
    const r = this.sc.read();
    if (r === undefined) return { list: [], err: new SErr(EOF_MSG, this.sc.pos, true) };
    if (r !== '{') {
      this.sc.unread();
      return { list: [], err: NOT_LIST };
    }
    const list: Val[] = [];
    for (;;) {
      const itemStart = this.sc.pos;
      const { v: rs, last, eof } = runesUntil(this.sc, ',}');
      if (eof) return { list, err: new SErr("list must terminate with '}'", this.sc.pos) };
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        setLoc(list, list.length, this.loc(itemStart));
        list.push(this.reader(rs));
        return { list, err: null };
      }
      setLoc(list, list.length, this.loc(itemStart));
      list.push(this.reader(rs));
    }
  }

  emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined) return true;
      if (r === ',') return true;
      if (!isSpace(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  /** --set-json: an empty value is null; otherwise one JSON value, then optional spaces and a comma. */
  jsonValue(assign: (v: Val, pos: number) => void): SErr | null {
    const start = this.sc.pos;
    if (this.emptyVal()) {
      assign(null, start);
      return null;
    }
    const rest = this.sc.rest();
    const end = jsonValueEnd(rest, 0);
    const invalid = new SErr('invalid JSON', this.sc.pos, false, false, 'SET_SYNTAX');
    if (end === undefined) return invalid;
    let parsed: unknown;
    let val: Val | undefined;
    try {
      parsed = JSON.parse(rest.slice(0, end));
      val = fromJson(parsed, this.src, this.sc.pos);
    } catch {
      return invalid;
    }
    if (val === undefined) return invalid;
    const valPos = this.sc.pos + (rest.length - rest.trimStart().length);
    assign(val, valPos);
    this.sc.pos += Array.from(rest.slice(0, end)).length;
    this.emptyVal();
    return null;
  }
}

const NOT_LIST = new SErr('not a list', 0);

/** The flag name Helm prints in its error for each kind. */
function flagName(kind: SetKind): string {
  return `--${kind}`;
}

/**
 * Applies one --set-family argument to `data` in place, as Helm does. Throws ValuesError with Helm's
 * text (`failed parsing --set data: …`) and the column in the flag.
 */
export function applySet(
  data: GoMap,
  arg: string,
  kind: SetKind,
  helmVersion: HelmVersion,
  fileContent?: string,
  budget: SetBudget = { paddedSlots: 0 },
): GoMap {
  const flag = flagName(kind);
  if (arg.length > MAX_SET_LENGTH) {
    throw new ValuesError('SET_TOO_LARGE', `${flag} argument is ${arg.length} characters long, over the limit of ${MAX_SET_LENGTH}`, {
      file: flag,
      line: 1,
      column: 1,
    }, flag);
  }
  const src = new Src(flag, arg, 0, true);
  const rules = helmRules(helmVersion);
  if (kind === 'set-json') {
    const trimmed = arg.trim();
    if (rules.setJsonWholeObject && trimmed.startsWith('{')) {
      let val: Val | undefined;
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) val = fromJson(parsed, src, arg.indexOf('{'));
      } catch {
        val = undefined;
      }
      if (val === undefined || !isMap(val)) {
        throw new ValuesError('SET_JSON', `failed parsing --set-json data JSON: ${arg}`, { file: flag, line: 1, column: 1 }, flag);
      }
      // the map written into is the caller's own (applySet writes into it in place anyway)
      return mergeMapsInto(data, val);
    }
  }
  const p = new Parser(arg, data, kind, rules, src, fileContent, budget);
  const err = p.parse();
  if (err) {
    const location = { file: flag, line: 1, column: err.pos + 1 };
    if (kind === 'set-json') throw new ValuesError('SET_JSON', `failed parsing --set-json data ${arg}`, location, flag);
    throw new ValuesError(err.code, `failed parsing ${flag} data: ${err.msg}`, location, flag);
  }
  return data;
}
