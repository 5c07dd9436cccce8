// The parts of Go's text/template and sprig that image templates use (truth and printing delegate to the
// template engine in src/template, the one definition of Go's behaviour), over Helm's value model (float64
// numbers, int64 from --set, maps and lists): truth, `eq`, `has`, `printf "%s"` / `%v`, sprig `merge` and
// `mergeOverwrite`. Reference: ../shared/reference/helm-values-semantics.md sections 6 to 8.
import { formatV, sprintf } from '../template/fmt.js';
import { truth } from '../template/value.js';
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

/** Go template truth: false, 0, nil, "" and empty maps and lists are false (the engine's `truth`). */
export function truthy(v: Val | undefined): boolean {
  return truth(v);
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

/** Go's fmt %v of a value in a template (the engine's printing; no value prints `<no value>`). */
export function printV(v: Val | undefined): string {
  return v === undefined ? '<no value>' : formatV(v);
}

/** Go's fmt %s of a value: strings as they are, anything else as `%!s(type=value)` (the engine's sprintf). */
export function printS(v: Val | undefined): string {
  return sprintf('%s', [v === undefined ? null : v]);
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
