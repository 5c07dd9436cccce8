// The full values schema of a gloo (or gloo-ee) chart version: every documented value typed from the typed key tree
// of its epoch (value-types.ts), descriptions and defaults carried over, with the keys of the chart's own defaults
// added (a key the chart ships is the chart's, documented or not). With `strictKeys`, each closed documented object
// gets `additionalProperties: false`. Only keywords Helm 3.17 and Helm 4.1 judge alike (see schema.ts).
import { isMap, type Val } from '../values/model.js';
import type { JsonSchema } from './schema.js';
import type { TypeNode } from './value-types.js';

const INT_BOUNDS: Record<string, [number, number] | [number]> = {
  int8: [-128, 127],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  uint: [0],
  // int and int64 span more than a double holds exactly: no bound is written (Helm reads every file number as float64)
  int: [Number.NaN],
  int64: [Number.NaN],
};

/** The JSON Schema of a leaf's Go types (null allowed: a user's null deletes a default). */
function leafSchema(types: string[]): JsonSchema {
  const jsonTypes = new Set<string>(['null']);
  let bounds: [number, number] | [number] | undefined;
  for (const t of types) {
    if (t === 'bool') jsonTypes.add('boolean');
    else if (t === 'string') jsonTypes.add('string');
    else if (t === 'float32' || t === 'float64') jsonTypes.add('number');
    else if (INT_BOUNDS[t]) {
      jsonTypes.add('integer');
      bounds = INT_BOUNDS[t];
    }
  }
  // integer inside number: a union of IntOrString and friends keeps the wider type
  if (jsonTypes.has('number')) jsonTypes.delete('integer');
  const out: JsonSchema = { type: [...jsonTypes].sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : a < b ? -1 : 1)) };
  // bounds only for a lone integer type (a string alternative makes minimum meaningless but harmless; kept simple)
  if (bounds && types.length === 1 && !Number.isNaN(bounds[0])) {
    out.minimum = bounds[0];
    if (bounds[1] !== undefined) out.maximum = bounds[1];
  }
  return out;
}

/** The reference's default text as a value of the leaf's type, when it is one. */
function typedDefault(text: string | undefined, types: string[] | undefined): unknown {
  if (text === undefined || !types) return undefined;
  if (types.includes('bool') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.some((t) => t.startsWith('int') || t.startsWith('uint') || t.startsWith('float')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('string') && !text.startsWith('<')) return text;
  return undefined;
}

/** The schema of one node of a typed key tree. */
export function nodeSchema(node: TypeNode, strict: boolean, defaults: Val | undefined): JsonSchema {
  const out: JsonSchema = {};
  if (node.description) out.description = node.description;
  if (node.open) return out;
  if (node.types) {
    Object.assign(out, leafSchema(node.types));
    const d = typedDefault(node.default, node.types);
    if (d !== undefined) out.default = d;
    return out;
  }
  const isObject = node.props !== undefined || node.any !== undefined || node.map === true || node.loose === true;
  if (isObject && node.items) return out; // both a map and a list in the reference: left open
  if (node.items) {
    out.type = ['array', 'null'];
    const items = nodeSchema(node.items, strict, undefined);
    if (Object.keys(items).some((k) => k !== 'description')) out.items = items;
    return out;
  }
  if (!isObject) return out;
  // a loose Enterprise map without `map` is not known to be a map
  out.type = node.loose && !node.map ? undefined : ['object', 'null'];
  if (out.type === undefined) delete out.type;
  const defMap = isMap(defaults) ? defaults : undefined;
  const properties: JsonSchema = {};
  for (const [k, c] of Object.entries(node.props ?? {})) define(properties, k, nodeSchema(c, strict, defMap?.[k]));
  // the chart's own keys, documented or not: open
  for (const k of Object.keys(defMap ?? {})) if (!Object.prototype.hasOwnProperty.call(properties, k) && !node.any) define(properties, k, {});
  if (Object.keys(properties).length) out.properties = properties;
  if (node.any) out.additionalProperties = nodeSchema(node.any, strict, undefined);
  else if (strict && !node.loose && !node.map) out.additionalProperties = false;
  return out;
}

/** Keys are data (`__proto__` is a key like any other). */
function define(o: JsonSchema, k: string, v: JsonSchema): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
