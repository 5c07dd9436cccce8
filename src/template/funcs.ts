// text/template's builtin functions (funcs.go): and, or, not, len, index, slice, print family, html, js,
// urlquery, call, and the comparisons with Go's kind rules.
import { sprint, sprintf, sprintln, formatV } from './fmt.js';
import { goBytes, goString } from '../values/gofmt.js';
import { GoError, GoFuncVal, GoInt, GoNum, GoStruct, isGoMap, isUnsigned, kindName, truth, typeName, type GoFunc, type TVal } from './value.js';

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'other';

function basicKind(v: TVal): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return isUnsigned(v) ? 'uint' : 'int';
  return 'other';
}

const intOf = (v: TVal): bigint => (v as GoInt).value;

export interface BuiltinOptions {
  /** Go minor version: 25 adds the operand types to "incompatible types for comparison". */
  goVersion: number;
  /** Output limit for printf's widths. */
  maxOutput: number;
  onLimit: () => never;
}

function badComparison(o: BuiltinOptions, a: TVal, b: TVal): GoError {
  if (o.goVersion >= 25) return new GoError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  return new GoError('incompatible types for comparison');
}

function eq(o: BuiltinOptions, arg1: TVal, ...rest: TVal[]): boolean {
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = intOf(arg1) >= 0n && intOf(arg1) === intOf(arg);
      else if (k1 === 'uint' && k2 === 'int') t = intOf(arg) >= 0n && intOf(arg1) === intOf(arg);
      else if (arg1 !== undefined && arg !== undefined && arg1 !== null && arg !== null) throw badComparison(o, arg1, arg);
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          t = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          t = intOf(arg1) === intOf(arg);
          break;
        case 'invalid':
          t = true;
          break;
        default: {
          const n1 = isNilish(arg1);
          const n2 = isNilish(arg);
          // text/template's texts: fmt.Errorf("non-comparable types %s: %v, %s: %v", arg1, arg1.Type(), arg.Type(), arg)
          // and ("non-comparable type %s: %v", arg, arg.Type()); %s of a map holding numbers prints %!s(float64=2).
          // canCompare looks at kinds, not types: a map and a chartutil.Values are both maps, and get the second text
          if (kindName(arg1) !== kindName(arg)) throw new GoError(`non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${formatV(arg)}`);
          if (n1 || n2) t = n1 === n2;
          else if (Array.isArray(arg) || isGoMap(arg)) throw new GoError(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
          else t = arg1 === arg;
        }
      }
    }
    if (t) return true;
  }
  return false;
}

/** text/template's `eq a b` (Go 1.23's error text unless a newer Go version is given): throws GoError. */
export function goEq(a: TVal, b: TVal, goVersion = 23): boolean {
  return eq({ goVersion, maxOutput: 0, onLimit: () => { throw new GoError('no output'); } }, a, b);
}

function isNilish(v: TVal): boolean {
  return v === undefined || v === null;
}

function lt(o: BuiltinOptions, a: TVal, b: TVal): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid' || k1 === 'other') throw new GoError('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid' || k2 === 'other') throw new GoError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intOf(a) < 0n || intOf(a) < intOf(b);
    if (k1 === 'uint' && k2 === 'int') return intOf(b) >= 0n && intOf(a) < intOf(b);
    throw badComparison(o, a, b);
  }
  switch (k1) {
    case 'bool':
      throw new GoError('invalid type for comparison');
    case 'float':
      return (a as number) < (b as number);
    case 'int':
    case 'uint':
      return intOf(a) < intOf(b);
    default:
      return compareUtf8(a as string, b as string) < 0;
  }
}

function compareUtf8(a: string, b: string): number {
  const ea = goBytes(a);
  const eb = goBytes(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

function indexArg(i: TVal, cap: number): number {
  if (i === undefined || i === null) throw new GoError('cannot index slice/array with nil');
  if (!(i instanceof GoInt)) throw new GoError(`cannot index slice/array with type ${typeName(i)}`);
  const x = i.value;
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

/** Bytes of a Go string (strings index and slice by byte). */
const utf8 = goBytes;
const fromUtf8 = goString;

function index(item: TVal, ...indexes: TVal[]): TVal {
  if (item === undefined || item === null) throw new GoError('index of untyped nil');
  let cur: TVal = item;
  for (const ix of indexes) {
    if (cur === undefined || cur === null) throw new GoError('index of nil pointer');
    if (Array.isArray(cur)) {
      const x = indexArg(ix, cur.length);
      if (x === cur.length) throw new GoError(`reflect: slice index out of range`);
      cur = cur[x] === undefined ? null : cur[x];
    } else if (typeof cur === 'string') {
      const b = utf8(cur);
      const x = indexArg(ix, b.length);
      if (x === b.length) throw new GoError('reflect: string index out of range');
      cur = new GoNum(BigInt(b[x]!), 'uint8');
    } else if (cur instanceof Uint8Array) {
      const x = indexArg(ix, cur.length);
      if (x === cur.length) throw new GoError('reflect: slice index out of range');
      cur = new GoNum(BigInt(cur[x]!), 'uint8');
    } else if (isGoMap(cur) || (cur instanceof GoStruct && cur.mapLike)) {
      const m = cur instanceof GoStruct ? cur.mapLike! : cur;
      if (ix === undefined || ix === null) throw new GoError(`value is nil; should be of type string`);
      if (typeof ix !== 'string') throw new GoError(`value has type ${typeName(ix)}; should be string`);
      const elem = typeName(cur).startsWith('map[string]') ? typeName(cur).slice(11) : 'interface {}';
      if (Object.prototype.hasOwnProperty.call(m, ix)) cur = (m[ix] ?? null) as TVal;
      else cur = elem === 'string' ? '' : elem === '[]uint8' ? null : null;
    } else throw new GoError(`can't index item of type ${typeName(cur)}`);
  }
  return cur;
}

function slice(item: TVal, ...indexes: TVal[]): TVal {
  if (item === undefined || item === null) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    cap = len = utf8(item).length;
  } else if (Array.isArray(item)) cap = len = item.length;
  else throw new GoError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, cap)));
  if (idx[0]! > idx[1]!) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return fromUtf8(utf8(item).subarray(idx[0], idx[1]));
  const out = item.slice(idx[0], idx[1]);
  return copyTag(item, out);
}

function copyTag(from: TVal[], to: TVal[]): TVal[] {
  const t = typeName(from);
  if (t !== '[]interface {}') Object.defineProperty(to, Object.getOwnPropertySymbols(from)[0]!, { value: t.slice(2), enumerable: false, configurable: true, writable: true });
  return to;
}

function length(item: TVal): TVal {
  // Go's zero reflect.Value (no value: a piped nil, a nil dot) fails on its Type; a nil interface is a nil pointer
  if (item === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new GoError('len of nil pointer');
  if (typeof item === 'string') return new GoNum(BigInt(utf8(item).length), 'int');
  if (Array.isArray(item) || item instanceof Uint8Array) return new GoNum(BigInt(item.length), 'int');
  if (isGoMap(item)) return new GoNum(BigInt(Object.keys(item).length), 'int');
  if (item instanceof GoStruct && item.mapLike) return new GoNum(BigInt(Object.keys(item.mapLike).length), 'int');
  throw new GoError(`len of type ${typeName(item)}`);
}

/** Go's HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Go's JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** evalArgs: fmt.Sprint of the arguments, a lone string as it is. */
function evalArgs(args: TVal[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

/** The builtin functions, by name. */
export function builtinFuncs(o: BuiltinOptions): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  const def = (name: string, f: Omit<GoFunc, 'name'>) => m.set(name, { ...f, name });
  def('and', { params: ['value'], variadic: 'value', fn: () => undefined, reflect: true });
  def('or', { params: ['value'], variadic: 'value', fn: () => undefined, reflect: true });
  def('not', { params: ['value'], fn: (a) => !truth(a), reflect: true });
  def('call', {
    params: ['value'],
    variadic: 'value',
    reflect: true,
    fn: (f, ...args) => {
      if (f === undefined || f === null) throw new GoError('call of nil');
      if (!(f instanceof GoFuncVal)) throw new GoError(`non-function of type ${typeName(f)}`);
      return f.f.fn(...args);
    },
  });
  def('eq', { params: ['value'], variadic: 'value', reflect: true, fn: (a, ...r) => eq(o, a, ...r) });
  def('ne', { params: ['value', 'value'], reflect: true, fn: (a, b) => !eq(o, a, b) });
  def('lt', { params: ['value', 'value'], reflect: true, fn: (a, b) => lt(o, a, b) });
  def('le', { params: ['value', 'value'], reflect: true, fn: (a, b) => lt(o, a, b) || eq(o, a, b) });
  def('gt', { params: ['value', 'value'], reflect: true, fn: (a, b) => !lt(o, a, b) && !eq(o, a, b) });
  def('ge', { params: ['value', 'value'], reflect: true, fn: (a, b) => !lt(o, a, b) });
  def('index', { params: ['value'], variadic: 'value', reflect: true, fn: (a, ...ix) => index(a, ...ix) });
  def('slice', { params: ['value'], variadic: 'value', reflect: true, fn: (a, ...ix) => slice(a, ...ix) });
  def('len', { params: ['value'], reflect: true, fn: (a) => length(a) });
  def('print', { params: [], variadic: 'any', fn: (...a) => sprint(a) });
  def('println', { params: [], variadic: 'any', fn: (...a) => sprintln(a) });
  def('printf', { params: ['string'], variadic: 'any', fn: (f, ...a) => sprintf(f as string, a, o.maxOutput, o.onLimit) });
  def('html', { params: [], variadic: 'any', fn: (...a) => htmlEscape(evalArgs(a)) });
  def('js', { params: [], variadic: 'any', fn: (...a) => jsEscape(evalArgs(a)) });
  def('urlquery', { params: [], variadic: 'any', fn: (...a) => queryEscape(evalArgs(a)) });
  return m;
}

export const BUILTIN_NAMES = new Set(['and', 'or', 'not', 'call', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'index', 'slice', 'len', 'print', 'println', 'printf', 'html', 'js', 'urlquery']);
