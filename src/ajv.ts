// ajv's constructors, whatever module system loaded this file: ajv is CommonJS with a `default` property,
// which ES module interop exposes differently under tsc, ts-jest and bundlers. Shared by validate/ (chart schemas)
// and images/ (user profiles), so it sits below both.
import * as ajvModule from 'ajv';
import * as ajv2019Module from 'ajv/dist/2019.js';
import * as ajv2020Module from 'ajv/dist/2020.js';
import * as ajvDraft04Module from 'ajv-draft-04';
import type { Options, default as AjvType } from 'ajv';

/** An ajv instance (any draft). */
export type AjvInstance = AjvType;
type AjvClass = new (options?: Options) => AjvType;

function ctor(m: unknown): AjvClass {
  let c = m as { default?: unknown };
  while (typeof c !== 'function' && c && c.default) c = c.default as { default?: unknown };
  return c as unknown as AjvClass;
}

/** ajv for draft-07 (and draft-06 schemas, whose differences the callers remove). */
export const Ajv07: AjvClass = ctor(ajvModule);
/** ajv for draft 2019-09. */
export const Ajv2019: AjvClass = ctor(ajv2019Module);
/** ajv for draft 2020-12. */
export const Ajv2020: AjvClass = ctor(ajv2020Module);
/** ajv for draft-04 (boolean exclusiveMinimum/Maximum, `id`). */
export const AjvDraft04: AjvClass = ctor(ajvDraft04Module);
