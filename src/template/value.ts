// The template runtime's Go values. Helm's values are the loader's model (src/values/model.ts: null-prototype
// maps, arrays, strings, booleans, null, numbers = float64, GoInt = int64); templates add what Go adds:
// integers of other kinds (`len` and literals are `int`, `index` of a string a `uint8`), slices and maps of
// other element types ([]string from splitList, map[string]string from split), structs with fields and
// methods (.Capabilities, .Chart in Helm 3, .Files), functions, and Go's invalid value (no value at all).
import { compareGoStrings, formatFloatG } from '../values/gofmt.js';
import { GoInt, isMap, type GoMap, type Val } from '../values/model.js';

export { GoInt, isMap, type GoMap, type Val };

/** Integer kinds other than int64 (which is the loader's GoInt itself). */
export type IntKind = 'int' | 'int32' | 'uint8' | 'uint64' | 'uint' | 'int8' | 'int16' | 'uint16' | 'uint32';

/** A Go integer of a kind other than int64: `int` (len, literals, range indexes), `uint8` (a byte of a string). */
export class GoNum extends GoInt {
  constructor(value: bigint, readonly kind: IntKind) {
    super(value);
  }
}

/** A Go struct (or pointer to one) with exported fields and methods, as Helm passes .Capabilities or .Files. */
/** What a Go struct value has besides its type name, fields and methods (see GoStruct). */
export interface GoStructTraits {
  /** fmt's Stringer: how %v and %s print it (KubeVersion prints `v1.32.0`). */
  str?: () => string;
  /** Whether the struct is a map-like named type (Files is `map[string][]byte`): `index` and `len` work. */
  mapLike?: GoMap;
  /**
   * A struct field whose String() has a pointer receiver (Helm's KubeVersion): the template prints it by String()
   * (the field is addressable), but fmt and sprig get a copy and print its fields, `printed` (unexported ones
   * included) when given.
   */
  pointerString?: { printed?: Record<string, TVal> };
  /**
   * How encoding/json writes the struct (toJson, and toYaml through JSON): its exported fields in declaration
   * order, each `[field, json name, omitempty]`. A struct without one does not encode (toJson gives "").
   */
  json?: ReadonlyArray<readonly [string, string, boolean]>;
}

export class GoStruct {
  readonly str?: () => string;
  readonly mapLike?: GoMap;
  readonly pointerString?: { printed?: Record<string, TVal> };
  readonly json?: ReadonlyArray<readonly [string, string, boolean]>;
  constructor(
    /** The Go type as `%T` prints it, e.g. `*chartutil.Capabilities`. */
    readonly typeName: string,
    readonly fields: Record<string, TVal>,
    readonly methods: Record<string, GoFunc> = {},
    traits: GoStructTraits = {},
  ) {
    if (traits.str) this.str = traits.str;
    if (traits.mapLike) this.mapLike = traits.mapLike;
    if (traits.pointerString) this.pointerString = traits.pointerString;
    if (traits.json) this.json = traits.json;
  }
}

/** The element type of a slice or map that is not `interface {}` (set by the functions that make them). */
const ELEM: unique symbol = Symbol('goElem');
type Tagged = { [ELEM]?: string };

export function tagElem<T extends object>(v: T, elem: string): T {
  Object.defineProperty(v, ELEM, { value: elem, enumerable: false, configurable: true, writable: true });
  return v;
}
export function elemOf(v: object): string | undefined {
  return (v as Tagged)[ELEM];
}

// Named map types (Helm's chartutil.Values / common.Values): printed and compared by name, assignable to
// map[string]interface {} parameters, but not the same type for a type assertion (sprig's dig).
const NAMED = new WeakMap<object, string>();

/** Gives a map a named Go type (e.g. `chartutil.Values`). */
export function markNamed<T extends object>(v: T, name: string): T {
  NAMED.set(v, name);
  return v;
}

// Methods of named slice types (chartutil.VersionSet's Has): the value stays a list for `has` and `range`.
const METHODS = new WeakMap<object, Record<string, GoFunc>>();

/** Gives a value (a list of a named slice type) methods that templates can call. */
export function attachMethods<T extends object>(v: T, methods: Record<string, GoFunc>): T {
  METHODS.set(v, methods);
  return v;
}

export function methodsOf(v: TVal): Record<string, GoFunc> | undefined {
  return v && typeof v === 'object' ? METHODS.get(v) : undefined;
}

/**
 * Gives `to` (a copy of `from`) the Go type of `from`: its element type, its name if it has a named type
 * (chartutil.Values, chartutil.VersionSet) and that type's methods, as a reflect-based deep copy keeps them.
 */
export function copyGoType<T extends object>(from: object, to: T): T {
  const elem = elemOf(from);
  if (elem !== undefined) tagElem(to, elem);
  const named = NAMED.get(from);
  if (named !== undefined) NAMED.set(to, named);
  const methods = METHODS.get(from);
  if (methods !== undefined) METHODS.set(to, methods);
  return to;
}

/** The element type of a map value (its declared one, `interface {}` for a named map type or none declared). */
export function mapElemType(v: object): string {
  return NAMED.has(v) ? 'interface {}' : (elemOf(v) ?? 'interface {}');
}

/** The underlying type of a named map type, or the type itself. */
export function underlyingType(v: TVal): string {
  if (Array.isArray(v) && NAMED.has(v)) return `[]${elemOf(v) ?? 'interface {}'}`;
  if (v && typeof v === 'object' && NAMED.has(v)) return 'map[string]interface {}';
  return typeName(v);
}

/** A Go function value: a parameter signature and the JavaScript that computes it. */
export interface GoFunc {
  /** Parameter types (see `ParamType`); a trailing `...T` is variadic. */
  params: ParamType[];
  variadic?: ParamType;
  /** The declared result type: 'any' (interface{}), or a concrete Go type name. */
  result?: string;
  /** The function; throws GoError for Go's returned error. Arguments arrive converted to the parameter types. */
  fn: (...args: TVal[]) => TVal;
  /** True for text/template's builtins that take reflect.Value (and, or, eq...): args pass unconverted. */
  reflect?: boolean;
  /** The name it is registered under. */
  name?: string;
  /** Registered so that templates parse as in Helm, but not implemented yet: calling it fails. */
  stub?: boolean;
}

/**
 * Go parameter types a function table uses: 'any' = interface{}, 'value' = reflect.Value, or a concrete type
 * ('string', 'int', 'int64', 'float64', 'bool', '[]interface {}', 'map[string]interface {}', '[]string').
 */
export type ParamType = string;

/** Any value a template handles; `undefined` is Go's invalid reflect.Value ("no value"). */
export type TVal = null | boolean | string | number | GoInt | TVal[] | { [key: string]: TVal } | GoStruct | GoFuncVal | Uint8Array | undefined;

/** A function passed as a value (for `call`). */
export class GoFuncVal {
  constructor(readonly f: GoFunc, readonly typeName: string) {}
}

/** An error a Go function returned: text/template wraps it as `error calling NAME: <message>`. */
export class GoError extends Error {}

export function newMap(): GoMap {
  return Object.create(null) as GoMap;
}

export function isGoMap(v: TVal): v is { [key: string]: TVal } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoStruct) && !(v instanceof GoFuncVal) && !(v instanceof Uint8Array);
}

/** Go's type name of a value, as `%T` and error messages print it. */
export function typeName(v: TVal): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoNum) return v.kind;
  if (v instanceof GoInt) return 'int64';
  if (Array.isArray(v)) return NAMED.get(v) ?? `[]${elemOf(v) ?? 'interface {}'}`;
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof GoFuncVal) return v.typeName;
  if (v instanceof Uint8Array) return '[]uint8';
  const named = NAMED.get(v);
  if (named) return named;
  return `map[string]${elemOf(v) ?? 'interface {}'}`;
}

/** Go's reflect.Kind name (sprig `kindOf`). */
export function kindName(v: TVal): string {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoNum) return v.kind;
  if (v instanceof GoInt) return 'int64';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.typeName.startsWith('*') ? 'ptr' : v.mapLike ? 'map' : 'struct';
  if (v instanceof GoFuncVal) return 'func';
  return 'map';
}

export function isInt(v: TVal): v is GoInt {
  return v instanceof GoInt;
}

export function isUnsigned(v: GoInt): boolean {
  return v instanceof GoNum && v.kind.startsWith('uint');
}

/** text/template's truth: the zero value of its type is false. */
export function truth(v: TVal): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoStruct) return v.mapLike ? Object.keys(v.mapLike).length > 0 : true;
  if (v instanceof GoFuncVal) return true;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export const int = (n: number | bigint): GoNum => new GoNum(BigInt(n), 'int');
export const int64 = (n: number | bigint): GoInt => new GoInt(BigInt(n));

/** Sorted keys of a map as Go's fmt and range sort them. */
export function sortedKeys(m: object): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** Go's %v of a float64. */
export const fmtFloat = (v: number): string => formatFloatG(v);
