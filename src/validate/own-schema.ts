// Compiles the values schema of a custom profile at run time (the built-in ones are compiled at build time,
// src/validate/_precompiled.ts), with the same options as the build step.
import { Ajv07, type AjvInstance } from '../ajv.js';
import type { JsonSchema } from './schema.js';

let ajv: AjvInstance | undefined;

/** A validator for a values schema made by valuesSchema(profile): all errors, defaults applied to the data. */
export function compileOwnSchema(schema: JsonSchema): (data: unknown) => boolean {
  ajv ??= new Ajv07({ allErrors: true, useDefaults: true, strict: true, strictTypes: false, inlineRefs: false });
  // two profile objects of one name share the schema's $id, which ajv keeps: the newer one wins
  if (typeof schema.$id === 'string' && ajv.getSchema(schema.$id)) ajv.removeSchema(schema.$id);
  return ajv.compile(schema);
}
