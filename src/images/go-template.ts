// The parts of Go's text/template and sprig that image templates use, over Helm's value model (float64
// numbers, int64 from --set, maps and lists): truth, `eq`, `has`, `printf "%s"` / `%v`, sprig `merge` and
// `mergeOverwrite`. Each delegates to the template engine in src/template, the one definition of Go's
// behaviour; this module only adapts the engine's errors to the profiles' TemplateError.
// Reference: ../shared/reference/helm-values-semantics.md sections 6 to 8.
import { formatV, sprintf } from '../template/fmt.js';
import { goEq } from '../template/funcs.js';
import { mergo, sprigHas } from '../template/sprig.js';
import { GoError, truth } from '../template/value.js';
import { deepCopy, newMap, type GoMap, type Val } from '../values/model.js';

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
  try {
    return goEq(v ?? null, literal);
  } catch (e) {
    if (e instanceof GoError) throw new TemplateError(`error calling eq: ${e.message}`);
    throw e;
  }
}

/** sprig `has needle list` for a list of strings: type-strict, so only a string can be found. */
export function hasString(list: readonly string[], needle: Val | undefined): boolean {
  return sprigHas(needle ?? null, list as string[]);
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
 * sprig `merge dst src`: mergo without override (the engine's mergo). Mutates and returns `dst`, as sprig
 * does (the mutation is visible to templates rendered later).
 */
export function sprigMerge(dst: GoMap, src: GoMap): GoMap {
  mergo(dst, src, false);
  return dst;
}

/** sprig `mergeOverwrite dst src`: `src` wins; maps merge recursively (the engine's mergo with override). */
export function mergeOverwrite(dst: GoMap, src: GoMap): GoMap {
  mergo(dst, src, true);
  return dst;
}

/** A fresh copy of a map (templates often `merge (dict) …` to leave the original alone). */
export function copyMap(m: GoMap | undefined): GoMap {
  return m ? (deepCopy(m) as GoMap) : newMap();
}
