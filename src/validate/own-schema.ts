// Compiles the values schema of a custom profile at run time (the built-in ones are compiled at build time,
// src/validate/_precompiled.ts), with the same options as the build step.
import { Ajv07, type AjvInstance } from '../ajv.js';
import { linearErrorAppend } from '../ajv-linear.js';
import type { JsonSchema } from './schema.js';

let ajv: AjvInstance | undefined;

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string }> | null };

const own = (o: unknown, k: string): boolean => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k);
const isObj = (o: unknown): o is JsonSchema => typeof o === 'object' && o !== null && !Array.isArray(o);

/** A `__proto__` property of the schema: where it sits (`*` for any key) and its subschema. */
interface ProtoSite {
  parts: string[];
  schema: JsonSchema;
}

/**
 * ajv never looks at a property named `__proto__` (its code generator drops the name on purpose), but a profile may
 * name a values path through such a key: in Helm it is a key like any other. Those places are found here and
 * validated separately, so a block at `__proto__.x` is checked like one anywhere else.
 */
function protoSites(node: unknown, parts: string[], out: ProtoSite[]): ProtoSite[] {
  if (!isObj(node)) return out;
  const props = node.properties;
  if (isObj(props)) {
    for (const k of Object.keys(props)) {
      if (k === '__proto__') out.push({ parts, schema: props[k] as JsonSchema });
      else protoSites(props[k], [...parts, k], out);
    }
  }
  if (isObj(node.additionalProperties)) protoSites(node.additionalProperties, [...parts, '*'], out);
  return out;
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** A validator for a values schema made by valuesSchema(profile): all errors, defaults applied to the data. */
export function compileOwnSchema(schema: JsonSchema): (data: unknown) => boolean {
  ajv ??= new Ajv07({ allErrors: true, useDefaults: true, strict: true, strictTypes: false, inlineRefs: false, code: { process: linearErrorAppend } });
  // two profile objects of one name share the schema's $id, which ajv keeps: the newer one wins
  if (typeof schema.$id === 'string' && ajv.getSchema(schema.$id)) ajv.removeSchema(schema.$id);
  const main = ajv.compile(schema) as Validator;
  const sites = protoSites(schema, [], []);
  if (sites.length === 0) return main;
  // each subschema is a schema of its own (with the root's definitions, which its $refs name)
  const subs = sites.map((s) => {
    // a root `default` means nothing to ajv (it is applied below, as ajv applies a property's default)
    const { default: _d, ...body } = s.schema;
    return { parts: s.parts, schema: s.schema, validate: compileOwnSchema({ ...body, definitions: schema.definitions }) as Validator };
  });
  const validate: Validator = (data: unknown): boolean => {
    let ok = main(data);
    const errors = [...(main.errors ?? [])];
    for (const s of subs) {
      // every object the site's path reaches (own keys only: `*` is each key)
      let level: Array<{ value: unknown; pointer: string }> = [{ value: data, pointer: '' }];
      for (const p of s.parts) {
        const next: typeof level = [];
        for (const { value, pointer } of level) {
          if (!isObj(value)) continue;
          if (p === '*') for (const k of Object.keys(value)) next.push({ value: value[k], pointer: `${pointer}/${escape(k)}` });
          else if (own(value, p)) next.push({ value: value[p], pointer: `${pointer}/${escape(p)}` });
        }
        level = next;
      }
      for (const { value, pointer } of level) {
        if (!isObj(value)) continue;
        if (!own(value, '__proto__')) {
          if (s.schema.default === undefined) continue;
          Object.defineProperty(value, '__proto__', { value: JSON.parse(JSON.stringify(s.schema.default)), enumerable: true, writable: true, configurable: true });
        }
        if (!s.validate(value.__proto__ as unknown)) {
          ok = false;
          for (const e of s.validate.errors ?? []) errors.push({ ...e, instancePath: `${pointer}/__proto__${e.instancePath}` });
        }
      }
    }
    validate.errors = errors.length ? errors : null;
    return ok;
  };
  return validate;
}
