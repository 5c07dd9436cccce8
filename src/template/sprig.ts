// sprig v3.3.0's functions as Helm registers them (strings, lists, dicts, defaults, math, paths, type
// reflection), over the template runtime's values. The leaf libraries (YAML, JSON, TOML, semver, dates,
// regular expressions, encodings, crypto) live in ./lib and are wired in ./table.ts.
import { formatV, sprintf } from './fmt.js';
import { GoError, GoInt, GoNum, GoStruct, int, int64, isGoMap, kindName, copyGoType, newMap, sortedKeys, tagElem, typeName, type GoFunc, type TVal } from './value.js';
import { goBytes, goQuote, goString } from '../values/gofmt.js';
import { toKebabCase, toPascalCase, toSnakeCase } from './xstrings.js';
import { markGoNil } from './lib/nil.js';
import { abbreviateFull, deleteWhiteSpace, goStringsLower, goStringsUpper, initials, swapCase, title, uncapitalize, wrapCustom } from './goutils.js';

type Def = (name: string, params: string[], fn: (...a: TVal[]) => TVal, variadic?: string) => void;

// Go strings are bytes: see goBytes in src/values/gofmt.ts
const bytesOf = goBytes;
const strOf = goString;

/** sprig's strval: strings as they are, Stringers by String(), anything else as %v. */
export function strval(v: TVal): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return strOf(v);
  if (v instanceof GoStruct && v.str && !v.pointerString) return v.str();
  return formatV(v === undefined ? null : v);
}

/** cast.ToInt64 (no error): numbers, numeric strings (base prefixes allowed), booleans; anything else 0. */
export function toInt64(v: TVal): bigint {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : v !== v ? -(1n << 63n) : v > 0 ? -(1n << 63n) : -(1n << 63n);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    let s = v;
    const m = /^(.*?)\.0*$/.exec(s);
    if (m && m[1] !== '' && /\d$/.test(m[1]!)) s = m[1]!;
    const r = parseIntBase0(s);
    return r ?? 0n;
  }
  return 0n;
}

function parseIntBase0(s: string): bigint | undefined {
  let t = s;
  let neg = false;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let v: bigint;
  if (/^0[xX][0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(t)) v = BigInt('0x' + t.slice(2).replace(/_/g, ''));
  else if (/^0[bB][01]+(_[01]+)*$/.test(t)) v = BigInt('0b' + t.slice(2).replace(/_/g, ''));
  else if (/^0[oO][0-7]+(_[0-7]+)*$/.test(t)) v = BigInt('0o' + t.slice(2).replace(/_/g, ''));
  else if (/^0[0-7]+$/.test(t)) v = BigInt('0o' + t.slice(1));
  else if (/^(0|[1-9][0-9]*(_[0-9]+)*)$/.test(t)) v = BigInt(t.replace(/_/g, ''));
  else return undefined;
  if (neg) v = -v;
  if (v > (1n << 63n) - 1n || v < -(1n << 63n)) return undefined;
  return v;
}

/** cast.ToFloat64 (no error). */
export function toFloat64(v: TVal): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const f = goParseFloat(v);
    return f ?? 0;
  }
  return 0;
}

/** strconv.ParseFloat(s, 64) where it succeeds; undefined for its errors (syntax, and overflow: ErrRange). */
export function goParseFloat(s: string): number | undefined {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  // hexadecimal mantissa and binary exponent (0x1.8p1)
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
  if (hex && (hex[2] || hex[3])) {
    const digits = hex[2]! + hex[3]!;
    const n = Number(BigInt('0x' + digits)) * 2 ** (Number(hex[4]) - 4 * hex[3]!.length);
    return Number.isFinite(n) ? (hex[1] === '-' ? -n : n) : undefined;
  }
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  return undefined;
}

const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** sprig's toInt (cast.ToInt), a Go int. */
const toInt = (v: TVal) => int(toInt64(v));

/** sprig's empty(): Go's zero value check by kind. */
export function empty(v: TVal): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof GoStruct) return v.mapLike ? Object.keys(v.mapLike).length === 0 : false;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

function listOf(v: TVal, fname: string): TVal[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoNum(BigInt(b), 'uint8'));
  throw new GoError(`Cannot ${fname} on type ${kindName(v)}`);
}

/** reflect.DeepEqual over template values. */
export function deepEqual(a: TVal, b: TVal): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (typeof a === 'number') return a === b;
  if (Array.isArray(a)) {
    const bb = b as TVal[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isGoMap(a)) {
    const bm = b as Record<string, TVal>;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bm).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && deepEqual(a[k], bm[k]));
  }
  return false;
}

// copystructure's deep copy keeps each value's Go type: a named one (chartutil.Values of `deepCopy .`) stays named
function copyValue(v: TVal): TVal {
  if (Array.isArray(v)) return copyGoType(v, v.map(copyValue));
  if (isGoMap(v)) {
    const out = newMap() as Record<string, TVal>;
    for (const k of Object.keys(v)) out[k] = copyValue(v[k]);
    return copyGoType(v, out);
  }
  return v;
}

/** sprig's `has needle list`: reflect.DeepEqual against each element (so type-strict); nil list: false. */
export function sprigHas(needle: TVal, hay: TVal): boolean {
  if (hay === null || hay === undefined) return false;
  if (!Array.isArray(hay)) throw new GoError(`Cannot find has on type ${kindName(hay)}`);
  return hay.some((x) => deepEqual(needle ?? null, x));
}

/**
 * mergo.Merge (override false) / MergeWithOverwrite of two map[string]interface{} values, as sprig's merge
 * and mergeOverwrite call them: mutates `dst` (and shares src's values, as Go does). The profiles' renderer
 * (src/images/go-template.ts) uses this definition too.
 */
export function mergo(dst: Record<string, TVal>, src: Record<string, TVal>, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    const has = Object.prototype.hasOwnProperty.call(dst, k);
    const dv = has ? dst[k] : undefined;
    if (isGoMap(dv) && isGoMap(sv) && typeName(dv) === 'map[string]interface {}' && typeName(sv) === 'map[string]interface {}') {
      mergo(dv, sv, overwrite);
    } else if (overwrite) {
      // mergo's deepMerge: a nil source element overwrites too (dst.SetMapIndex(key, srcElement))
      dst[k] = sv ?? null;
    } else if (!has || empty(dv)) {
      if (sv !== null && sv !== undefined) dst[k] = sv;
    }
  }
}

function pathBase(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** path.Clean */
export function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(p.slice(0, i + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

/** Exact decimal arithmetic as shopspring/decimal does it for addf/subf/mulf/divf. */
function decOf(x: number): [bigint, number] {
  // decimal.NewFromFloat: the shortest decimal that round-trips
  if (!Number.isFinite(x)) throw new GoError(`Cannot create a Decimal from ${x}`);
  const s = x.toExponential();
  const [m, e] = s.split('e');
  const digits = m!.replace('.', '').replace('-', '');
  const neg = x < 0;
  const frac = (m!.split('.')[1] ?? '').length;
  const exp = Number(e) - frac;
  const v = BigInt(digits);
  return [neg ? -v : v, exp];
}
function decToFloat([v, e]: [bigint, number]): number {
  return Number(`${v}e${e}`);
}
function decAlign(a: [bigint, number], b: [bigint, number]): [bigint, bigint, number] {
  const e = Math.min(a[1], b[1]);
  return [a[0] * 10n ** BigInt(a[1] - e), b[0] * 10n ** BigInt(b[1] - e), e];
}
function decOp(op: string, a: [bigint, number], b: [bigint, number]): [bigint, number] {
  if (op === '*') return [a[0] * b[0], a[1] + b[1]];
  if (op === '/') {
    if (b[0] === 0n) throw new GoError('decimal division by 0');
    // DivisionPrecision 16: quotient rounded half-up at 16 fractional digits
    const [x, y] = decAlign(a, b);
    const scale = 10n ** 17n;
    let q = (x * scale) / y;
    const neg = q < 0n;
    if (neg) q = -q;
    q = (q + 5n) / 10n;
    return [neg ? -q : q, -16];
  }
  const [x, y, e] = decAlign(a, b);
  return [op === '+' ? x + y : x - y, e];
}

function decimalFn(op: string) {
  return (first: TVal, ...rest: TVal[]): TVal => {
    let acc = decOf(toFloat64(first));
    for (const r of rest) acc = decOp(op, acc, decOf(toFloat64(r)));
    return decToFloat(acc);
  };
}

function untilStep(start: bigint, stop: bigint, step: bigint, limit: number): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) {
      v.push(i);
      if (v.length > limit) throw new RangeError('until: the list passed the renderer\'s size budget');
    }
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) {
    v.push(i);
    if (v.length > limit) throw new RangeError('until: the list passed the renderer\'s size budget');
  }
  return v;
}

const intList = (xs: bigint[]) => tagElem(xs.map((x) => int(x)), 'int');

/** Registers sprig's functions through `def`. */
export function registerSprig(def: Def, maxList: number): void {
  const S = 'string';
  const A = 'any';
  const I = 'int';
  const M = 'map[string]interface {}';
  def('hello', [], () => 'Hello!');
  // strings
  def('abbrev', [I, S], (w, s) => {
    const width = Number((w as GoInt).value);
    return width < 4 ? s : abbreviateFull(s as string, 0, width);
  });
  def('abbrevboth', [I, I, S], (l, r, s) => {
    const left = Number((l as GoInt).value);
    const right = Number((r as GoInt).value);
    if (right < 4 || (left > 0 && right < 7)) return s;
    return abbreviateFull(s as string, left, right);
  });
  def('trunc', [I, S], (c, s) => {
    const n = Number((c as GoInt).value);
    const b = bytesOf(s as string);
    if (n < 0 && b.length + n > 0) return strOf(b.subarray(b.length + n));
    if (n >= 0 && b.length > n) return strOf(b.subarray(0, n));
    return s;
  });
  def('trim', [S], (s) => (s as string).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, ''));
  def('upper', [S], (s) => goStringsUpper(s as string));
  def('lower', [S], (s) => goStringsLower(s as string));
  def('title', [S], (s) => title(s as string));
  def('untitle', [S], (s) => uncapitalize(s as string));
  def('substr', [I, I, S], (a, b, s) => {
    const bytes = bytesOf(s as string);
    const start = Number((a as GoInt).value);
    const end = Number((b as GoInt).value);
    const bad = (lo: number, hi: number) => {
      throw new GoError(`runtime error: slice bounds out of range [${lo < 0 ? `:${hi}` : `${lo}:${hi}`}]`);
    };
    if (start < 0) {
      if (end < 0 || end > bytes.length) bad(-1, end);
      return strOf(bytes.subarray(0, end));
    }
    if (end < 0 || end > bytes.length) {
      if (start > bytes.length) throw new GoError(`runtime error: slice bounds out of range [${start}:${bytes.length}]`);
      return strOf(bytes.subarray(start));
    }
    if (start > end) throw new GoError(`runtime error: slice bounds out of range [${start}:${end}]`);
    return strOf(bytes.subarray(start, end));
  });
  def('repeat', [I, S], (c, s) => {
    const n = Number((c as GoInt).value);
    if (n < 0) throw new GoError('strings: negative Repeat count');
    if ((s as string).length * n > maxList * 64) throw new RangeError('repeat: the result passed the renderer\'s output budget');
    return (s as string).repeat(n);
  });
  def('trimall', [S, S], (a, b) => trimSet(b as string, a as string));
  def('trimAll', [S, S], (a, b) => trimSet(b as string, a as string));
  def('trimSuffix', [S, S], (a, b) => ((b as string).endsWith(a as string) && a !== '' ? (b as string).slice(0, -(a as string).length) : b));
  def('trimPrefix', [S, S], (a, b) => ((b as string).startsWith(a as string) ? (b as string).slice((a as string).length) : b));
  def('nospace', [S], (s) => deleteWhiteSpace(s as string));
  def('initials', [S], (s) => initials(s as string));
  def('swapcase', [S], (s) => swapCase(s as string));
  def('snakecase', [S], (s) => toSnakeCase(s as string));
  def('camelcase', [S], (s) => toPascalCase(s as string));
  def('kebabcase', [S], (s) => toKebabCase(s as string));
  def('wrap', [I, S], (l, s) => wrapCustom(s as string, Number((l as GoInt).value), '\n', false));
  def('wrapWith', [I, S, S], (l, sep, s) => wrapCustom(s as string, Number((l as GoInt).value), sep as string, true));
  def('contains', [S, S], (a, b) => (b as string).includes(a as string));
  def('hasPrefix', [S, S], (a, b) => (b as string).startsWith(a as string));
  def('hasSuffix', [S, S], (a, b) => (b as string).endsWith(a as string));
  def('quote', [], (...xs) => xs.filter((x) => x !== null && x !== undefined).map((x) => goQuote(strval(x))).join(' '), A);
  def('squote', [], (...xs) => xs.filter((x) => x !== null && x !== undefined).map((x) => `'${formatV(x)}'`).join(' '), A);
  def('cat', [], (...xs) => {
    const v = xs.filter((x) => x !== null && x !== undefined);
    return sprintf(Array(v.length).fill('%v').join(' '), v);
  }, A);
  const spaces = (n: TVal) => {
    const k = Number((n as GoInt).value);
    if (k < 0) throw new GoError('strings: negative Repeat count');
    if (k > maxList * 64) throw new RangeError('indent: the result passed the renderer\'s output budget');
    return ' '.repeat(k);
  };
  def('indent', [I, S], (n, s) => {
    const pad = spaces(n);
    return pad + (s as string).split('\n').join('\n' + pad);
  });
  def('nindent', [I, S], (n, s) => {
    const pad = spaces(n);
    return '\n' + pad + (s as string).split('\n').join('\n' + pad);
  });
  def('replace', [S, S, S], (o, n, s) => goReplaceAll(s as string, o as string, n as string));
  def('plural', [S, S, I], (one, many, c) => ((c as GoInt).value === 1n ? one : many));
  def('toString', [A], (v) => strval(v));
  def('atoi', [S], (s) => {
    const r = /^[+-]?[0-9]+$/.test(s as string) ? BigInt(s as string) : 0n;
    return int(r > (1n << 63n) - 1n ? (1n << 63n) - 1n : r < -(1n << 63n) ? -(1n << 63n) : r);
  });
  def('int64', [A], (v) => int64(toInt64(v)));
  def('int', [A], (v) => toInt(v));
  def('float64', [A], (v) => toFloat64(v));
  def('seq', [], (...ps) => {
    const p = ps.map((x) => (x as GoInt).value);
    let inc = 1n;
    let xs: bigint[] = [];
    if (p.length === 1) {
      const start = 1n;
      const end = p[0]!;
      if (end < start) inc = -1n;
      xs = untilStep(start, end + inc, inc, maxList);
    } else if (p.length === 2) {
      const step = p[1]! < p[0]! ? -1n : 1n;
      xs = untilStep(p[0]!, p[1]! + step, step, maxList);
    } else if (p.length === 3) {
      const [start, step, end] = [p[0]!, p[1]!, p[2]!];
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      xs = untilStep(start, end + inc, step, maxList);
    } else return '';
    return xs.join(' ');
  }, I);
  def('toDecimal', [A], (v) => {
    const s = formatV(v ?? null);
    if (!/^[+-]?[0-7]+$/.test(s)) return int64(0);
    const mag = BigInt('0o' + s.replace(/^[+-]/, ''));
    const r = s.startsWith('-') ? -mag : mag;
    return int64(r > (1n << 63n) - 1n ? 0n : r);
  });
  def('split', [S, S], (sep, s) => {
    const m = newMap() as Record<string, TVal>;
    goSplit(s as string, sep as string, -1).forEach((p, i) => (m[`_${i}`] = p));
    return tagElem(m, 'string');
  });
  def('splitList', [S, S], (sep, s) => tagElem(goSplit(s as string, sep as string, -1), 'string'));
  def('splitn', [S, I, S], (sep, n, s) => {
    const m = newMap() as Record<string, TVal>;
    goSplit(s as string, sep as string, Number((n as GoInt).value)).forEach((p, i) => (m[`_${i}`] = p));
    return tagElem(m, 'string');
  });
  def('toStrings', [A], (v) => tagElem(strslice(v), 'string'));
  def('until', [I], (c) => {
    const n = (c as GoInt).value;
    return intList(untilStep(0n, n, n < 0n ? -1n : 1n, maxList));
  });
  def('untilStep', [I, I, I], (a, b, c) => intList(untilStep((a as GoInt).value, (b as GoInt).value, (c as GoInt).value, maxList)));
  // math (int64 wraps as Go's does)
  def('add1', [A], (v) => int64(wrap64(toInt64(v) + 1n)));
  def('add', [], (...xs) => int64(xs.reduce<bigint>((a, x) => wrap64(a + toInt64(x)), 0n)), A);
  def('sub', [A, A], (a, b) => int64(wrap64(toInt64(a) - toInt64(b))));
  def('div', [A, A], (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new GoError('runtime error: integer divide by zero');
    return int64(wrap64(toInt64(a) / d));
  });
  def('mod', [A, A], (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new GoError('runtime error: integer divide by zero');
    return int64(toInt64(a) % d);
  });
  def('mul', [A], (a, ...xs) => int64(xs.reduce<bigint>((acc, x) => wrap64(acc * toInt64(x)), toInt64(a))), A);
  def('randInt', [I, I], (a, b) => {
    const lo = Number((a as GoInt).value);
    const hi = Number((b as GoInt).value);
    if (hi - lo <= 0) throw new GoError('invalid argument to Intn');
    return int(lo + Math.floor(Math.random() * (hi - lo)));
  });
  def('add1f', [A], (v) => decimalFn('+')(v, int(1)));
  def('addf', [], (...xs) => decimalFn('+')(0, ...xs), A);
  def('subf', [A], (a, ...xs) => decimalFn('-')(a, ...xs), A);
  def('mulf', [A], (a, ...xs) => decimalFn('*')(a, ...xs), A);
  def('divf', [A], (a, ...xs) => decimalFn('/')(a, ...xs), A);
  const maxmin = (big: boolean) => (a: TVal, ...xs: TVal[]) => {
    let acc = toInt64(a);
    for (const x of xs) {
      const v = toInt64(x);
      if (big ? v > acc : v < acc) acc = v;
    }
    return int64(acc);
  };
  def('biggest', [A], maxmin(true), A);
  def('max', [A], maxmin(true), A);
  def('min', [A], maxmin(false), A);
  def('maxf', [A], (a, ...xs) => xs.reduce<number>((acc, x) => Math.max(acc, toFloat64(x)), toFloat64(a)), A);
  def('minf', [A], (a, ...xs) => xs.reduce<number>((acc, x) => Math.min(acc, toFloat64(x)), toFloat64(a)), A);
  def('ceil', [A], (v) => Math.ceil(toFloat64(v)));
  def('floor', [A], (v) => Math.floor(toFloat64(v)));
  def('round', [A, I], (a, p, ...r) => {
    const roundOn = r.length ? toFloat64(r[0]) : 0.5;
    const val = toFloat64(a);
    const pow = Math.pow(10, Number((p as GoInt).value));
    const digit = pow * val;
    const frac = digit - Math.trunc(digit);
    return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
  }, 'float64');
  // lists
  def('join', [S, A], (sep, v) => strslice(v).join(sep as string));
  def('sortAlpha', [A], (v) => {
    const k = kindName(v);
    if (k === 'slice') return tagElem(strslice(v).sort(compareBytes), 'string');
    return tagElem([strval(v)], 'string');
  });
  def('default', [A], (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]), A);
  def('empty', [A], (v) => empty(v));
  def('coalesce', [], (...xs) => {
    for (const x of xs) if (!empty(x)) return x;
    return null;
  }, A);
  def('all', [], (...xs) => xs.every((x) => !empty(x)), A);
  def('any', [], (...xs) => xs.some((x) => !empty(x)), A);
  const compact = (v: TVal, _must: boolean) => {
    if (v === null || v === undefined) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
    if (!Array.isArray(v)) throw new GoError(`Cannot compact on type ${kindName(v)}`);
    return v.filter((x) => !empty(x));
  };
  def('compact', [A], (v) => compact(v, false));
  def('mustCompact', [A], (v) => compact(v, true));
  def('ternary', [A, A, 'bool'], (t, f, c) => (c ? t : f));
  def('deepCopy', [A], (v) => {
    if (v === null || v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
    return copyValue(v);
  });
  def('mustDeepCopy', [A], (v) => {
    if (v === null || v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
    return copyValue(v);
  });
  def('typeOf', [A], (v) => (v === null || v === undefined ? '<nil>' : typeName(v)));
  def('typeIs', [S, A], (t, v) => (v === null || v === undefined ? '<nil>' : typeName(v)) === t);
  def('typeIsLike', [S, A], (t, v) => {
    const n = v === null || v === undefined ? '<nil>' : typeName(v);
    return n === t || '*' + n === t;
  });
  def('kindOf', [A], (v) => kindName(v));
  def('kindIs', [S, A], (t, v) => kindName(v) === t);
  def('deepEqual', [A, A], (a, b) => deepEqual(a, b));
  def('getHostByName', [S], () => '');
  def('base', [S], (p) => pathBase(p as string));
  def('dir', [S], (p) => pathDir(p as string));
  def('clean', [S], (p) => pathClean(p as string));
  def('ext', [S], (p) => pathExt(p as string));
  def('isAbs', [S], (p) => (p as string).startsWith('/'));
  def('osBase', [S], (p) => pathBase(p as string));
  def('osClean', [S], (p) => pathClean(p as string));
  def('osDir', [S], (p) => pathDir(p as string));
  def('osExt', [S], (p) => pathExt(p as string));
  def('osIsAbs', [S], (p) => (p as string).startsWith('/'));
  def('tuple', [], (...xs) => xs.map((x) => (x === undefined ? null : x)), A);
  def('list', [], (...xs) => xs.map((x) => (x === undefined ? null : x)), A);
  def('dict', [], (...xs) => {
    const d = newMap() as Record<string, TVal>;
    for (let i = 0; i < xs.length; i += 2) {
      const k = strval(xs[i] ?? null);
      d[k] = i + 1 >= xs.length ? '' : (xs[i + 1] ?? null);
    }
    return d;
  }, A);
  def('get', [M, S], (d, k) => {
    const m = d as Record<string, TVal> | null;
    return m && Object.prototype.hasOwnProperty.call(m, k as string) ? m[k as string]! : '';
  });
  def('set', [M, S, A], (d, k, v) => {
    if (d === null) throw new GoError('assignment to entry in nil map');
    (d as Record<string, TVal>)[k as string] = v ?? null;
    return d;
  });
  def('unset', [M, S], (d, k) => {
    if (d) delete (d as Record<string, TVal>)[k as string];
    return d;
  });
  def('hasKey', [M, S], (d, k) => !!d && Object.prototype.hasOwnProperty.call(d, k as string));
  def('pluck', [S], (k, ...ds) => ds.filter((d) => d && Object.prototype.hasOwnProperty.call(d, k as string)).map((d) => (d as Record<string, TVal>)[k as string]!), M);
  def('keys', [], (...ds) => tagElem(ds.flatMap((d) => (d ? sortedKeys(d as object) : [])), 'string'), M);
  def('pick', [M], (d, ...ks) => {
    const out = newMap() as Record<string, TVal>;
    const m = (d ?? {}) as Record<string, TVal>;
    for (const k of ks) if (Object.prototype.hasOwnProperty.call(m, k as string)) out[k as string] = m[k as string]!;
    return out;
  }, S);
  def('omit', [M], (d, ...ks) => {
    const out = newMap() as Record<string, TVal>;
    const m = (d ?? {}) as Record<string, TVal>;
    for (const k of Object.keys(m)) if (!ks.includes(k)) out[k] = m[k]!;
    return out;
  }, S);
  const mergeFn = (overwrite: boolean) => (dst: TVal, ...srcs: TVal[]) => {
    const d = (dst ?? newMap()) as Record<string, TVal>;
    for (const s of srcs) if (s) mergo(d, s as Record<string, TVal>, overwrite);
    return d;
  };
  def('merge', [M], mergeFn(false), M);
  def('mustMerge', [M], mergeFn(false), M);
  def('mergeOverwrite', [M], mergeFn(true), M);
  def('mustMergeOverwrite', [M], mergeFn(true), M);
  def('values', [M], (d) => (d ? sortedKeys(d as object).map((k) => (d as Record<string, TVal>)[k]!) : []));
  const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';
  const listFn = (name: string, verb: string, f: (l: TVal[], ...rest: TVal[]) => TVal, params: string[] = [A]) => {
    const must = 'must' + name[0]!.toUpperCase() + name.slice(1);
    const run = (l: TVal, ...rest: TVal[]) => {
      if (l === null || l === undefined) throw new GoError(NIL_DEREF);
      if (!Array.isArray(l) && !(l instanceof Uint8Array)) throw new GoError(`Cannot ${verb} on type ${kindName(l)}`);
      return f(listOf(l, name), ...rest);
    };
    def(name, params, run);
    def(must, params, run);
  };
  listFn('push', 'push', (l, v) => [...l, v ?? null], [A, A]);
  listFn('append', 'push', (l, v) => [...l, v ?? null], [A, A]);
  listFn('prepend', 'prepend', (l, v) => [v ?? null, ...l], [A, A]);
  listFn('first', 'find first', (l) => (l.length ? l[0]! : null));
  // an empty list's rest and initial are Go's nil []interface {} (print [], encode null)
  listFn('rest', 'find rest', (l) => (l.length ? l.slice(1) : markGoNil([])));
  listFn('last', 'find last', (l) => (l.length ? l[l.length - 1]! : null));
  listFn('initial', 'find initial', (l) => (l.length ? l.slice(0, -1) : markGoNil([])));
  listFn('reverse', 'find reverse', (l) => [...l].reverse());
  listFn('uniq', 'find uniq', (l) => {
    const out: TVal[] = [];
    for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  });
  def('without', [A], (l, ...omit) => {
    if (!Array.isArray(l)) throw new GoError(`Cannot find without on type ${kindName(l)}`);
    return l.filter((x) => !omit.some((o) => deepEqual(x, o)));
  }, A);
  def('mustWithout', [A], (l, ...omit) => {
    if (!Array.isArray(l)) throw new GoError(`Cannot find without on type ${kindName(l)}`);
    return l.filter((x) => !omit.some((o) => deepEqual(x, o)));
  }, A);
  def('has', [A, A], sprigHas);
  def('mustHas', [A, A], sprigHas);
  const sliceFn = (l: TVal, ...ix: TVal[]) => {
    if (l === null || l === undefined) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
    if (!Array.isArray(l)) throw new GoError(`list should be type of slice or array but ${kindName(l)}`);
    if (l.length === 0) return null;
    const start = ix.length > 0 ? Number(toInt64(ix[0])) : 0;
    const end = ix.length < 2 ? l.length : Number(toInt64(ix[1]));
    if (start < 0 || end > l.length || start > end) throw new GoError('reflect.Value.Slice: slice index out of bounds');
    const out = l.slice(start, end);
    const t = typeName(l);
    return t !== '[]interface {}' ? tagElem(out, t.slice(2)) : out;
  };
  def('slice', [A], sliceFn, A);
  def('mustSlice', [A], sliceFn, A);
  def('concat', [], (...ls) => {
    const out: TVal[] = [];
    for (const l of ls) {
      if (!Array.isArray(l)) throw new GoError(`Cannot concat type ${kindName(l)} as list`);
      out.push(...l);
    }
    // nothing appended: Go's nil []interface {} (prints [], encodes null)
    return out.length ? out : markGoNil(out);
  }, A);
  def('dig', [], (...ps) => {
    if (ps.length < 3) throw new GoError('dig needs at least three arguments');
    let d = ps[ps.length - 1];
    const dflt = ps[ps.length - 2] ?? null;
    const ks = ps.slice(0, -2);
    // sprig converts the dict first, then the keys
    const notMap = (x: TVal) => !isGoMap(x) || typeName(x) !== 'map[string]interface {}';
    if (notMap(d)) throw new GoError(`interface conversion: interface {} is ${d === null || d === undefined ? 'nil' : typeName(d)}, not map[string]interface {}`);
    for (let i = 0; i < ks.length; i++) {
      if (typeof ks[i] !== 'string') throw new GoError(`interface conversion: interface {} is ${typeName(ks[i])}, not string`);
    }
    for (let i = 0; i < ks.length; i++) {
      if (!isGoMap(d) || typeName(d) !== 'map[string]interface {}') throw new GoError(`interface conversion: interface {} is ${d === null || d === undefined ? 'nil' : typeName(d)}, not map[string]interface {}`);
      const k = ks[i] as string;
      if (!Object.prototype.hasOwnProperty.call(d, k)) return dflt;
      d = d[k];
      if (i === ks.length - 1) return d ?? null;
    }
    return dflt;
  }, A);
  const chunk = (size: TVal, l: TVal) => {
    if (!Array.isArray(l)) throw new GoError(`Cannot chunk type ${kindName(l)}`);
    const n = Number((size as GoInt).value);
    const out: TVal[] = [];
    if (n <= 0) throw new GoError('runtime error: makeslice: len out of range');
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    return out;
  };
  def('chunk', [I, A], chunk);
  def('mustChunk', [I, A], chunk);
}

function trimSet(s: string, cut: string): string {
  const set = new Set(Array.from(cut));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** strings.Replace(s, old, new, -1): an empty `old` inserts between every rune. */
function goReplaceAll(s: string, old: string, nw: string): string {
  if (old === '') {
    const cs = Array.from(s);
    return nw + cs.map((c) => c + nw).join('');
  }
  return s.split(old).join(nw);
}

/** strings.Split / SplitN: an empty separator splits into runes. */
export function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const cs = Array.from(s);
    if (n > 0 && cs.length > n) return [...cs.slice(0, n - 1), cs.slice(n - 1).join('')];
    return cs;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

/** sprig's strslice. */
export function strslice(v: TVal): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v instanceof Uint8Array) return Array.from(v, (b) => String(b));
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { GoFunc };
