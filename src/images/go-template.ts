// The parts of Go's text/template and sprig that image templates use, over Helm's value model (float64
// numbers, int64 from --set, maps and lists): truth, `eq`, `has`, `printf "%s"` / `%v`, sprig `merge` and
// `mergeOverwrite`. Reference: ../shared/reference/helm-values-semantics.md sections 6 to 8.
import { formatFloatG, formatGoV, goTypeName } from '../values/gofmt.js';
import { deepCopy, GoInt, isMap, newMap, type GoMap, type Val } from '../values/model.js';

/** A template would stop here with this error (Helm prints it and fails the render). */
export class TemplateError extends Error {
  /** @param path the values path at fault, where one value causes the failure */
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Go template truth: false, 0, nil, "" and empty maps and lists are false. */
export function truthy(v: Val | undefined): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** mergo's notion of an empty value (what sprig `merge` fills in): the same as template falsiness. */
export const isEmptyValue = (v: Val | undefined): boolean => !truthy(v);

/**
 * Go template `eq arg "literal"` for a string literal: nil is simply unequal, a string compares, any other
 * kind is an error ("incompatible types for comparison").
 */
export function eqString(v: Val | undefined, literal: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v === literal;
  throw new TemplateError('error calling eq: incompatible types for comparison');
}

/** sprig `has needle list` for a list of strings: type-strict, so only a string can be found. */
export function hasString(list: readonly string[], needle: Val | undefined): boolean {
  return typeof needle === 'string' && list.includes(needle);
}

/** Go's fmt %v of a value in a template. */
export function printV(v: Val | undefined): string {
  if (v === undefined) return '<no value>';
  if (typeof v === 'number') return formatFloatG(v);
  return formatGoV(v);
}

/** Go's fmt %s of a value: strings as they are, anything else as `%!s(type=value)`. */
export function printS(v: Val | undefined): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '%!s(<nil>)';
  if (typeof v === 'boolean') return `%!s(bool=${v})`;
  if (Array.isArray(v)) return `[${v.map((x) => printS(x)).join(' ')}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${printS(v[k]!)}`)
      .join(' ')}]`;
  }
  return `%!s(${goTypeName(v)}=${printV(v)})`;
}

/**
 * sprig `merge dst src`: mergo without override. Every key of `src` whose value is not nil fills `dst`
 * where `dst` lacks it or holds an empty value; maps on both sides merge recursively. Mutates and
 * returns `dst`, as sprig does (the mutation is visible to templates rendered later).
 */
export function sprigMerge(dst: GoMap, src: GoMap): GoMap {
  for (const k of Object.keys(src)) {
    const sv = src[k]!;
    if (sv === null) continue;
    const dv = Object.prototype.hasOwnProperty.call(dst, k) ? dst[k] : undefined;
    if (isMap(dv) && isMap(sv) && truthy(dv)) sprigMerge(dv, sv);
    else if (isEmptyValue(dv)) dst[k] = isMap(sv) ? (deepCopy(sv) as GoMap) : sv;
  }
  return dst;
}

/** sprig `mergeOverwrite dst src`: `src` wins, even with empty values; maps merge recursively. */
export function mergeOverwrite(dst: GoMap, src: GoMap): GoMap {
  for (const k of Object.keys(src)) {
    const sv = src[k]!;
    const dv = Object.prototype.hasOwnProperty.call(dst, k) ? dst[k] : undefined;
    if (isMap(dv) && isMap(sv)) mergeOverwrite(dv, sv);
    else dst[k] = isMap(sv) ? (deepCopy(sv) as GoMap) : sv;
  }
  return dst;
}

/** A fresh copy of a map (templates often `merge (dict) …` to leave the original alone). */
export function copyMap(m: GoMap | undefined): GoMap {
  return m ? (deepCopy(m) as GoMap) : newMap();
}
