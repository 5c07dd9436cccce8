// A chart's own values.schema.json, judged as the user's Helm judges it. Helm 3.17 uses gojsonschema (draft-07
// rules for every `$schema` but draft-04/06, `format` asserted on any type, dotted paths, its own messages);
// Helm 4.1 uses santhosh-tekuri/jsonschema v6 (draft chosen by `$schema`, 2020-12 by default, the schema first
// checked against its metaschema, `format` asserted only by draft-04/06/07, JSON-pointer paths, grouped
// messages). ../shared/reference/helm-values-semantics.md §4 and §10.10-10.16. ajv evaluates; this module
// prepares the schema for the chosen engine's rules and writes ajv's findings the way that engine does.
import type { HelmVersion } from '../values/helm-rules.js';
import type { Values } from '../values/load.js';
import { parsePath } from '../values/paths.js';
import { Ajv07, Ajv2019, Ajv2020, AjvDraft04, type AjvInstance } from '../ajv.js';
import { linearErrorAppend } from '../ajv-linear.js';
import { nestingDepth, type NewDiagnostic } from './context.js';
import { checkFormat, goJsonSyntaxError, re2Pattern, re2Problem, re2RegExpEngine } from './helm-schema-support.js';

type Draft = 4 | 6 | 7 | 2019 | 2020;
type Obj = { [k: string]: unknown };

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Obj;
  schema?: unknown;
  parentSchema?: Obj;
  data?: unknown;
}

/** What judging a schema yields: the lines Helm prints under the chart's name, one entry per top-level line. */
export interface HelmSchemaReport {
  /** Each failure: the pointer of the value (for positions) and the line(s) Helm prints for it. */
  failures: Array<{ pointer: string; text: string }>;
  /** Set when the schema itself fails to load: Helm prints this instead of failures. */
  schemaError?: string;
  /** Records Helm 4 logs on stderr while loading the schema (an unresolved `urn:` made permissive). */
  warnings?: string[];
}

const META: Record<Draft, string> = {
  4: 'http://json-schema.org/draft-04/schema#',
  6: 'http://json-schema.org/draft-06/schema#',
  7: 'http://json-schema.org/draft-07/schema#',
  2019: 'https://json-schema.org/draft/2019-09/schema',
  2020: 'https://json-schema.org/draft/2020-12/schema',
};

/** The draft Helm 4.1 picks from `$schema`, or the loading error it reports. */
function draftOf4(s: unknown): { draft: Draft } | { error: string } {
  if (s === undefined) return { draft: 2020 };
  if (typeof s !== 'string') return { draft: 2020 };
  const u = s.replace(/#$/, '').replace(/^http:/, 'https:');
  if (u === 'https://json-schema.org/draft-04/schema') return { draft: 4 };
  if (u === 'https://json-schema.org/draft-06/schema') return { draft: 6 };
  if (u === 'https://json-schema.org/draft-07/schema') return { draft: 7 };
  if (u === 'https://json-schema.org/draft/2019-09/schema') return { draft: 2019 };
  if (u === 'https://json-schema.org/draft/2020-12/schema' || u === 'https://json-schema.org/schema') return { draft: 2020 };
  if (s.startsWith('urn:')) return { draft: 2020 };
  if (/^https?:\/\//.test(s)) return { error: `failing loading "${s}": HTTP request failed for ${s} (Helm 4 fetches an unknown $schema as its metaschema; not reproduced offline)` };
  return { error: `failing loading "${s}": no URLLoader registered for "${s}"` };
}

/** Helm 3.17 (gojsonschema): draft-04 and draft-06 are recognised, everything else gets draft-07 rules. */
function draftOf3(s: unknown): Draft {
  if (typeof s === 'string' && /draft-04/.test(s)) return 4;
  if (typeof s === 'string' && /draft-06/.test(s)) return 6;
  return 7;
}

const URN_WARNING = 'level=WARN msg="unresolved URN reference ignored; using permissive schema" urn=';

const REF_SIBLINGS_KEPT = new Set(['$ref', 'definitions', '$defs', '$id', 'id']);
const NEWER_THAN_07 = ['prefixItems', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', 'minContains', 'maxContains'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_ONE = ['additionalProperties', 'items', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/**
 * Rewrites a schema (a copy) for ajv under the chosen engine's rules: keywords the draft does not know are
 * dropped, `$ref` siblings dropped where the draft ignores them, and `format`, `pattern`, `multipleOf`
 * replaced by keywords that follow Go (RE2 patterns, exact decimal multiples, the engine's format checks).
 * Returns a problem with the schema where the engine would refuse it.
 */
function prepare(node: unknown, draft: Draft, helm: HelmVersion, problems: string[], path: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const src = node as Obj;
  let out: Obj = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$schema') continue;
    if (draft <= 7 && NEWER_THAN_07.includes(k)) continue;
    if (draft === 6 && (k === 'if' || k === 'then' || k === 'else')) continue;
    if (draft === 2019 && k === 'prefixItems') continue;
    if (SCHEMA_MAPS.includes(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      // patternProperties keys are regular expressions too: Go's RE2 must accept them
      if (k === 'patternProperties') {
        for (const key of Object.keys(v as Obj)) {
          const p = re2Problem(key);
          if (p) problems.push(helm === 3 ? `Invalid regex pattern '${key}'` : `${path}\u0000- at '': invalid propertyName ${goQuote(key)}\u0000- at '': ${goQuote(key)} is not valid regex: error parsing regexp: ${p}`);
        }
      }
      out[k] = Object.fromEntries(Object.entries(v as Obj).map(([n, s]) => [n, prepare(s, draft, helm, problems, `${path}/${k}/${n}`)]));
    } else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) {
      out[k] = v.map((s, i) => prepare(s, draft, helm, problems, `${path}/${k}/${i}`));
    } else if (SCHEMA_ONE.includes(k)) {
      out[k] = prepare(v, draft, helm, problems, `${path}/${k}`);
    } else if (k === 'dependencies' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Obj).map(([n, s]) => [n, Array.isArray(s) ? s : prepare(s, draft, helm, problems, `${path}/${k}/${n}`)]));
    } else if (k === 'format') {
      if (typeof v === 'string' && (helm === 3 || draft <= 7)) out['x-helm-format'] = v;
    } else if (k === 'pattern' && typeof v === 'string') {
      const p = re2Problem(v);
      if (p) problems.push('pattern must be a valid regex');
      else out['x-helm-pattern'] = v;
      if (p && helm === 4) problems[problems.length - 1] = `${path}/pattern\u0000${goQuote(v)} is not valid regex: error parsing regexp: ${p}`;
    } else if (k === 'multipleOf' && typeof v === 'number') {
      out['x-helm-multiple-of'] = v;
    } else out[k] = v;
  }
  // Helm 4 replaces a `urn:` reference it cannot resolve with an always-valid schema (and logs a warning)
  if (helm === 4 && typeof out.$ref === 'string' && out.$ref.startsWith('urn:')) {
    problems.push(`${URN_WARNING}${out.$ref}`);
    delete out.$ref;
  }
  // a $ref alone: draft-04/06/07 ignore its siblings (2019-09 and 2020-12 apply them)
  if (typeof out.$ref === 'string' && draft <= 7) out = Object.fromEntries(Object.entries(out).filter(([k]) => REF_SIBLINGS_KEPT.has(k)));
  return out;
}

/** Deepest chart schema compiled: preparing and compiling recurse over it. */
const MAX_SCHEMA_DEPTH = 500;

const instances = new Map<string, AjvInstance>();

function ajvFor(draft: Draft, helm: HelmVersion): AjvInstance {
  const key = `${helm}:${draft}`;
  let a = instances.get(key);
  if (a) return a;
  const Class = draft === 4 ? AjvDraft04 : draft === 2019 ? Ajv2019 : draft === 2020 ? Ajv2020 : Ajv07;
  // patternProperties keys are matched with RE2 as Go matches them (linear time: a chart's `^(a+)+$` cannot stall)
  a = new Class({ allErrors: true, strict: false, verbose: true, validateFormats: false, validateSchema: false, inlineRefs: false, logger: false, code: { regExp: re2RegExpEngine, process: linearErrorAppend } });
  // Go's checks in place of ajv's: each reports under the standard keyword, with what the message needs
  const goKeyword = <S>(keyword: string, schemaType: 'string' | 'number', reports: string, check: (schema: S, data: unknown) => Obj | undefined) => {
    const validate = (schema: S, data: unknown): boolean => {
      const params = check(schema, data);
      (validate as unknown as { errors?: unknown[] }).errors = params ? [{ keyword: reports, params }] : [];
      return !params;
    };
    a!.addKeyword({ keyword, schemaType, errors: true, validate: validate as (schema: unknown, data: unknown) => boolean });
  };
  goKeyword<string>('x-helm-format', 'string', 'format', (format, data) => {
    const reason = checkFormat(format, data, helm);
    return reason === undefined ? undefined : { format, reason };
  });
  goKeyword<string>('x-helm-pattern', 'string', 'pattern', (pattern, data) => (typeof data !== 'string' || re2Pattern(pattern).test(data) ? undefined : { pattern }));
  goKeyword<number>('x-helm-multiple-of', 'number', 'multipleOf', (m, data) => (typeof data !== 'number' || isExactMultiple(data, m) ? undefined : { multipleOf: m }));
  instances.set(key, a);
  return a;
}

/** A decimal as an exact fraction (numerator, denominator) from its shortest round-trip text. */
function fraction(n: number): [bigint, bigint] {
  const [mant, expPart] = String(n).toLowerCase().split('e');
  const exp = Number(expPart ?? 0);
  const [int, frac = ''] = mant!.split('.');
  let num = BigInt(int! + frac);
  let den = 10n ** BigInt(frac.length);
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  return [num, den];
}

/** Go's big.Rat check both engines make: 0.3 is a multiple of 0.1 (JavaScript's % says no). */
export function isExactMultiple(value: number, m: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(m) || m <= 0) return true;
  const [a, b] = fraction(value);
  const [c, d] = fraction(m);
  return (a * d) % (b * c) === 0n;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading the schema as each engine does

/** The subschemas directly inside a schema object: only under keywords that hold schemas. */
function subschemas(o: Obj): unknown[] {
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (!v || typeof v !== 'object') continue;
    if (SCHEMA_MAPS.includes(k) || k === 'dependencies') {
      // a dependencies entry that is a list names properties; a map of schemas holds schemas by name
      if (!Array.isArray(v)) for (const s of Object.values(v as Obj)) if (!Array.isArray(s)) out.push(s);
    } else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out.push(...(v as unknown[]));
    else if (SCHEMA_ONE.includes(k) && !Array.isArray(v)) out.push(v);
  }
  return out;
}

/**
 * The first problem `check` finds in any schema object of a schema, walked without recursion (schemas come from
 * charts). Only schema positions are visited: what `default`, `const`, `enum`, `examples` or an unknown keyword
 * hold is data (cert-manager's `default: {seccompProfile: {type: RuntimeDefault}}`), which neither engine reads
 * as a schema.
 */
function firstProblem(root: unknown, check: (o: Obj) => string | undefined): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object' || Array.isArray(n)) continue;
    const found = check(n as Obj);
    if (found !== undefined) return found;
    for (const s of subschemas(n as Obj)) stack.push(s);
  }
  return undefined;
}

/** Checks `$ref`s; Helm fails the chart for one that resolves to nothing, and fetches remote ones (not done here). */
function refProblem(root: unknown, helm: HelmVersion): string | undefined {
  return firstProblem(root, (o) => {
    if (typeof o.$ref !== 'string') return undefined;
    const ref = o.$ref;
    const doc = ref.replace(/#.*$/, '');
    if (ref.startsWith('#/')) {
      let cur: unknown = root;
      for (const seg of ref.slice(2).split('/').map((x) => decodeURIComponent(x).replace(/~1/g, '/').replace(/~0/g, '~'))) {
        if (!cur || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) {
          return helm === 3 ? `Object has no key '${seg}'` : `json-pointer in "file:///values.schema.json${ref}" not found`;
        }
        cur = (cur as Obj)[seg];
      }
      return undefined;
    }
    if (ref.startsWith('urn:')) return helm === 3 ? `Reference ${ref} must be canonical` : undefined;
    if (/^https?:\/\//.test(ref)) return `failing loading "${doc}": HTTP request failed for ${doc} (remote references are fetched by Helm; not reproduced offline)`;
    if (!ref.startsWith('#')) return helm === 3 ? `Reference ${ref} must be canonical` : `failing loading "file:///${doc}": open /${doc}: no such file or directory`;
    return undefined;
  });
}

const VALID_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** gojsonschema's own checks of a schema that it refuses before validating anything. */
function helm3SchemaProblem(root: unknown, draft: Draft): string | undefined {
  if (root && typeof root === 'object' && '$schema' in root && typeof (root as Obj).$schema !== 'string') return '$schema must be of type string';
  return firstProblem(root, (o) => {
    const types = Array.isArray(o.type) ? o.type : o.type === undefined ? [] : [o.type];
    const bad = types.find((t) => typeof t === 'string' && !VALID_TYPES.includes(t));
    if (bad !== undefined) return `has a primitive type that is NOT VALID -- given: /${String(bad)}/ Expected valid values are:[array boolean integer number null object string]`;
    for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) {
      if (draft === 4 && o[k] !== undefined && typeof o[k] !== 'boolean') return `Invalid type. Expected: boolean, given: ${k}`;
    }
    return undefined;
  });
}

/** The subschemas a pointer into a schema passes through ('' first): `/properties/a/items` -> '', /properties/a, /properties/a/items. */
function schemaHops(pointer: string): string[] {
  const segs = pointer.split('/').slice(1);
  const out = [''];
  let cur = '';
  for (let i = 0; i < segs.length; ) {
    const k = segs[i]!;
    const take = SCHEMA_MAPS.includes(k) || k === 'dependencies' || (SCHEMA_LISTS.includes(k) && /^\d+$/.test(segs[i + 1] ?? '')) ? 2 : SCHEMA_ONE.includes(k) ? 1 : 0;
    if (take === 0 || i + take > segs.length) break;
    cur += '/' + segs.slice(i, i + take).join('/');
    out.push(cur);
    i += take;
  }
  return out;
}

/**
 * Helm 4.1 checks the schema against its draft's metaschema first; the lines it prints for a failure. The
 * 2019-09 and 2020-12 metaschemas are `allOf` their vocabularies, so each subschema on the way to a bad keyword
 * adds an "'allOf' failed" level; the older ones group several failures of one subschema as "validation failed".
 */
function helm4MetaschemaProblem(schema: unknown, draft: Draft, patternProblems: string[]): string | undefined {
  const meta = ajvFor(draft, 4);
  const metaId = draft === 4 ? 'http://json-schema.org/draft-04/schema' : draft === 6 || draft === 7 ? 'http://json-schema.org/draft-07/schema' : META[draft];
  const validateMeta = meta.getSchema(metaId) ?? meta.getSchema(`${metaId}#`);
  const leaves: Array<{ at: string; schemaAt: string; text: string; children?: string[] }> = [];
  const seen = new Set<string>();
  const add = (at: string, schemaAt: string, text: string, children?: string[]) => {
    const key = `${at}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    leaves.push({ at, schemaAt, text, ...(children ? { children } : {}) });
  };
  if (validateMeta && !validateMeta(schema)) {
    let tree = buildTree(((validateMeta.errors ?? []) as AjvError[]).filter((e) => e.keyword !== '$dynamicRef' && e.keyword !== 'allOf'));
    // a failure reached through a $ref inside an anyOf branch (`type`'s simpleTypes enum) belongs to that anyOf
    const anyOfs = tree.filter((n) => n.e.keyword === 'anyOf');
    tree = tree.filter((n) => {
      const owner = n.e.keyword !== 'anyOf' && anyOfs.find((a) => a.e.instancePath === n.e.instancePath);
      if (owner) owner.children.unshift(n);
      return !owner;
    });
    const parentOf = (ptr: string) => ptr.slice(0, ptr.lastIndexOf('/'));
    for (const n of tree) {
      const onObject = ['required', 'dependencies', 'dependentRequired', 'additionalProperties'].includes(n.e.keyword);
      const schemaAt = onObject ? n.e.instancePath : parentOf(n.e.instancePath);
      const kids = n.children.map((c) => `- ${at4(c.e.instancePath)}: ${message4(c.e)}`).filter((x, i, a) => a.indexOf(x) === i);
      add(n.e.instancePath, schemaAt, `- ${at4(n.e.instancePath)}: ${message4(n.e)}`, kids.length ? kids : undefined);
    }
  }
  for (const p of patternProblems) {
    const [at, text, child] = p.split('\u0000') as [string, string, string | undefined];
    // a patternProperties key: santhosh reports the key (propertyNames) at '' under the schema that holds it
    if (child !== undefined) add('', at, text, [child]);
    else add(at, at.slice(0, at.lastIndexOf('/')), `- ${at4(at)}: ${text}`);
  }
  if (leaves.length === 0) return undefined;
  const lines: string[] = [];
  const pad = (d: number) => '  '.repeat(d);
  const bySchema = new Map<string, typeof leaves>();
  for (const l of leaves) bySchema.set(l.schemaAt, [...(bySchema.get(l.schemaAt) ?? []), l]);
  const printed = new Set<string>();
  for (const [schemaAt, list] of bySchema) {
    let depth = 0;
    if (draft >= 2019) {
      for (const hop of schemaHops(schemaAt)) {
        if (!printed.has(hop)) lines.push(`${pad(depth)}- ${at4(hop)}: 'allOf' failed`);
        printed.add(hop);
        depth++;
      }
    } else if (list.length > 1) {
      lines.push(`- ${at4(schemaAt)}: validation failed`);
      depth = 1;
    }
    for (const l of list) {
      lines.push(pad(depth) + l.text);
      for (const c of l.children ?? []) lines.push(pad(depth + 1) + c);
    }
  }
  return [`"file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with '${META[draft]}${META[draft].endsWith('#') ? '' : '#'}'`, ...lines].join('\n');
}

interface Compiled {
  validate?: ((data: unknown) => boolean) & { errors?: unknown[] | null };
  schemaError?: string;
  warnings: string[];
}

const compiledCache = new WeakMap<object, Map<HelmVersion, Compiled>>();
/** Schemas given as text, by text (a chart's values.schema.json read again and again by a hook). */
const textCache = new Map<string, Compiled>();
const TEXT_CACHE_SIZE = 32;

function compile(schemaIn: object | string, helm: HelmVersion): Compiled {
  if (typeof schemaIn === 'string') {
    const key = `${helm}\u0000${schemaIn}`;
    let hit = textCache.get(key);
    if (!hit) {
      hit = compileUncached(schemaIn, helm);
      if (textCache.size >= TEXT_CACHE_SIZE) textCache.delete(textCache.keys().next().value!);
      textCache.set(key, hit);
    }
    return hit;
  }
  const hit = schemaIn !== null ? compiledCache.get(schemaIn)?.get(helm) : undefined;
  if (hit) return hit;
  const result = compileUncached(schemaIn, helm);
  if (schemaIn !== null && typeof schemaIn === 'object') {
    let m = compiledCache.get(schemaIn);
    if (!m) compiledCache.set(schemaIn, (m = new Map()));
    m.set(helm, result);
  }
  return result;
}

function compileUncached(schemaIn: object | string, helm: HelmVersion): Compiled {
  let schema: unknown = schemaIn;
  if (typeof schemaIn === 'string') {
    const syntax = goJsonSyntaxError(schemaIn);
    if (syntax) return { schemaError: syntax, warnings: [] };
    schema = JSON.parse(schemaIn);
  }
  if (nestingDepth(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH) {
    return { schemaError: `the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels (a limit of this library); it was not checked`, warnings: [] };
  }
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return { schemaError: helm === 3 ? 'Invalid type. Expected: object or boolean, given: schema' : 'jsonschema: schema must be an object or a boolean', warnings: [] };
  }
  const $schema = typeof schema === 'object' ? (schema as Obj).$schema : undefined;
  let draft: Draft;
  if (helm === 3) {
    draft = draftOf3($schema);
    const p = helm3SchemaProblem(schema, draft);
    if (p) return { schemaError: p, warnings: [] };
  } else {
    const d = draftOf4($schema);
    if ('error' in d) return { schemaError: d.error, warnings: [] };
    draft = d.draft;
  }
  const problems: string[] = [];
  const warnings = helm === 4 && typeof $schema === 'string' && $schema.startsWith('urn:') ? [`${URN_WARNING}${$schema}`] : [];
  const prepared = prepare(schema, draft, helm, problems, '');
  warnings.push(...problems.filter((p) => p.startsWith(URN_WARNING)));
  const patternProblems = problems.filter((p) => !p.startsWith(URN_WARNING));
  if (helm === 4) {
    const meta = helm4MetaschemaProblem(schema, draft, patternProblems);
    if (meta) return { schemaError: meta, warnings };
  } else if (patternProblems.length) return { schemaError: patternProblems[0]!, warnings };
  const ref = refProblem(schema, helm);
  if (ref) return { schemaError: ref, warnings };
  try {
    // ajv keeps schemas by $id: two charts (or two versions of one) may ship the same $id
    const a = ajvFor(draft, helm);
    const id = typeof prepared === 'object' && prepared !== null ? ((prepared as Obj).$id ?? (prepared as Obj).id) : undefined;
    if (typeof id === 'string' && a.getSchema(id)) a.removeSchema(id);
    return { validate: a.compile(prepared as object) as Compiled['validate'], warnings };
  } catch (e) {
    // ajv compiles some self-applying schemas into endless recursion already
    return { schemaError: e instanceof RangeError ? REFERENCE_CYCLE[helm] : (e as Error).message, warnings };
  }
}

/** ajv reports an unevaluated property at its object; both Helm engines name the property's own place. */
function normalise(errors: AjvError[]): AjvError[] {
  return errors.map((e) =>
    e.keyword === 'unevaluatedProperties'
      ? { ...e, keyword: 'false schema', instancePath: `${e.instancePath}/${String(e.params.unevaluatedProperty).replace(/~/g, '~0').replace(/\//g, '~1')}` }
      : e,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// ajv's flat error list as the tree the engines report: sub-schema failures under the combinator that failed

interface Node {
  e: AjvError;
  children: Node[];
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'not', 'if', 'contains', 'propertyNames', 'dependentSchemas', 'dependencies']);

/** Every prefix of a slash-separated path that ends before a `/` (and the whole path when `whole`). */
function slashPrefixes(p: string, whole: boolean): string[] {
  const out: string[] = [];
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) out.push(p.slice(0, i));
  if (whole) out.push(p);
  return out;
}

/**
 * Each error goes under the combinator whose subschemas produced it: the one with the longest schema path that
 * is a prefix of the error's (`if` owns what its `then` and `else` found) at an instance path that contains the
 * error's; the first such in ajv's order. Combinators are indexed by (schema path, instance path), so that each
 * error looks up its few prefixes instead of scanning every other error (20,000 failing list items were
 * quadratic).
 */
function buildTree(errors: AjvError[]): Node[] {
  const nodes = errors.map((e) => ({ e, children: [] as Node[] }));
  const index = new Map<string, Array<{ c: Node; i: number }>>();
  nodes.forEach((c, i) => {
    if (!COMBINATORS.has(c.e.keyword)) return;
    const bases = c.e.keyword === 'if' ? [c.e.schemaPath.replace(/\/if$/, '/then'), c.e.schemaPath.replace(/\/if$/, '/else')] : [c.e.schemaPath];
    for (const base of new Set(bases)) {
      const key = `${base}\u0000${c.e.instancePath}`;
      // combinators under one key share their schema path: the first wins, so two are kept (one may be the error itself)
      const list = index.get(key);
      if (!list) index.set(key, [{ c, i }]);
      else if (list.length < 2) list.push({ c, i });
    }
  });
  const roots: Node[] = [];
  for (const n of nodes) {
    let parent: { c: Node; i: number } | undefined;
    if (index.size) {
      const instancePrefixes = ['', ...slashPrefixes(n.e.instancePath, true).filter((x) => x !== '')];
      for (const base of slashPrefixes(n.e.schemaPath, false)) {
        for (const at of instancePrefixes) {
          for (const cand of index.get(`${base}\u0000${at}`) ?? []) {
            if (cand.c === n) continue;
            const better = !parent || cand.c.e.schemaPath.length > parent.c.e.schemaPath.length || (cand.c.e.schemaPath.length === parent.c.e.schemaPath.length && cand.i < parent.i);
            if (better) parent = cand;
          }
        }
      }
    }
    (parent ? parent.c.children : roots).push(n);
  }
  return roots;
}

// ---------------------------------------------------------------------------------------------------------------
// Helm 3.17 (gojsonschema) messages

function goType3(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function path3(pointer: string, extra?: string): string {
  const parts = parsePath(pointer).map(String);
  if (extra !== undefined) parts.push(extra);
  return parts.length ? parts.join('.') : '(root)';
}

const num = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

function message3(e: AjvError): string {
  const p = e.params;
  // gojsonschema names the field by its whole dotted path (recorded with Helm 3.17.1: `- a.b: a.b must be one of ...`)
  const field = path3(e.instancePath);
  switch (e.keyword) {
    case 'type': {
      const t = Array.isArray(e.schema) ? `[${(e.schema as string[]).join(',')}]` : String(e.schema);
      return `Invalid type. Expected: ${t}, given: ${goType3(e.data)}`;
    }
    case 'required':
      return `${String(p.missingProperty)} is required`;
    case 'additionalProperties':
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    case 'enum':
      return `${field} must be one of the following: ${(e.schema as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const':
      return `${field} does not match: ${JSON.stringify(e.schema)}`;
    case 'minimum':
      return p.comparison === '>' ? `Must be greater than ${num(p.limit)}` : `Must be greater than or equal to ${num(p.limit)}`;
    case 'exclusiveMinimum':
      return `Must be greater than ${num(p.limit)}`;
    case 'maximum':
      return p.comparison === '<' ? `Must be less than ${num(p.limit)}` : `Must be less than or equal to ${num(p.limit)}`;
    case 'exclusiveMaximum':
      return `Must be less than ${num(p.limit)}`;
    case 'minLength':
      return `String length must be greater than or equal to ${num(p.limit)}`;
    case 'maxLength':
      return `String length must be less than or equal to ${num(p.limit)}`;
    case 'minItems':
      return `Array must have at least ${num(p.limit)} items`;
    case 'maxItems':
      return `Array must have at most ${num(p.limit)} items`;
    case 'minProperties':
      return `Must have at least ${num(p.limit)} properties`;
    case 'maxProperties':
      return `Must have at most ${num(p.limit)} properties`;
    case 'pattern':
      return `Does not match pattern '${String(p.pattern)}'`;
    case 'format':
      return `Does not match format '${String(p.format)}'`;
    case 'multipleOf':
      return `Must be a multiple of ${num(p.multipleOf)}`;
    case 'false schema':
      return 'False always fails validation';
    case 'oneOf':
      return 'Must validate one and only one schema (oneOf)';
    case 'anyOf':
      return 'Must validate at least one schema (anyOf)';
    case 'not':
      return 'Must not validate the schema (not)';
    case 'if':
      return `Must validate "${String(p.failingKeyword)}" as "if" was ${p.failingKeyword === 'then' ? 'valid' : 'not valid'}`;
    case 'uniqueItems':
      return `array items[${num(p.j)},${num(p.i)}] must be unique`;
    case 'contains':
      return 'At least one of the items must match';
    case 'dependencies':
      return `Has a dependency on ${String(p.missingProperty)}`;
    case 'additionalItems':
      return 'No additional items allowed on array';
    case 'propertyNames':
      return `Property name of "${String(p.propertyName)}" does not match`;
    default:
      return String((e as { message?: string }).message ?? e.keyword);
  }
}

/** gojsonschema's lines: a combinator's line, then the failures of its best-matching branch. */
function render3(nodes: Node[], out: Array<{ pointer: string; text: string }>): void {
  for (const n of nodes) {
    const pointer = n.e.instancePath;
    out.push({ pointer, text: `- ${path3(pointer)}: ${message3(n.e)}` });
    if (n.children.length === 0) continue;
    if (n.e.keyword === 'oneOf' || n.e.keyword === 'anyOf') {
      // gojsonschema keeps the errors of the branch with the fewest failures (the first of equals)
      const byBranch = new Map<string, Node[]>();
      for (const c of n.children) {
        const branch = c.e.schemaPath.slice(n.e.schemaPath.length + 1).split('/')[0]!;
        byBranch.set(branch, [...(byBranch.get(branch) ?? []), c]);
      }
      let best: Node[] | undefined;
      for (const list of byBranch.values()) if (!best || list.length < best.length) best = list;
      render3(best ?? [], out);
    } else if (n.e.keyword === 'propertyNames') {
      for (const c of n.children) out.push({ pointer, text: `- ${path3(pointer)}: ${message3(c.e)}` });
    } else if (n.e.keyword !== 'not' && n.e.keyword !== 'contains') render3(n.children, out);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helm 4.1 (santhosh-tekuri/jsonschema v6) messages

/** Go's %q of a string, without the double quotes: what santhosh-tekuri/jsonschema prints between single quotes. */
function goQuoteBody(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    // Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
    else if (ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** A string as santhosh-tekuri/jsonschema quotes it in messages: Go's %q in single quotes (`'it\\'s\\t'`). */
function goQuote(s: string): string {
  return `'${goQuoteBody(s)}'`;
}

function quote4(v: unknown): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function type4(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function message4(e: AjvError): string {
  const p = e.params;
  const limit = (k: string) => `${k}: got ${(e.data as { length?: number })?.length ?? (typeof e.data === 'object' && e.data ? Object.keys(e.data).length : String(e.data))}, want ${num(p.limit)}`;
  switch (e.keyword) {
    case 'type': {
      // santhosh-tekuri/jsonschema keeps types as a bit set and names them in its bit order
      const order = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];
      const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
      const want = (Array.isArray(e.schema) ? [...(e.schema as string[])] : [String(e.schema)]).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).join(' or ');
      return `got ${type4(e.data)}, want ${want}`;
    }
    case 'required':
      return `missing property '${String(p.missingProperty)}'`;
    case 'x-missing':
      return `missing properties ${String(p.names)}`;
    case 'enum': {
      // santhosh lists only primitive members; an enum holding a map or a list just fails
      const want = e.schema as unknown[];
      if (want.some((x) => typeof x === 'object' && x !== null)) return `'enum' failed`;
      return want.length === 1 ? `value must be ${quote4(want[0])}` : `value must be one of ${want.map(quote4).join(', ')}`;
    }
    case 'const':
      return typeof e.schema === 'object' && e.schema !== null ? `'const' failed` : `value must be ${quote4(e.schema)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const k = e.keyword === 'minimum' && p.comparison === '>' ? 'exclusiveMinimum' : e.keyword === 'maximum' && p.comparison === '<' ? 'exclusiveMaximum' : e.keyword;
      return `${k}: got ${num(e.data)}, want ${num(p.limit)}`;
    }
    case 'minLength':
    case 'maxLength':
      return `${e.keyword}: got ${Array.from(String(e.data)).length}, want ${num(p.limit)}`;
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return limit(e.keyword);
    case 'pattern':
      return `${goQuote(String(e.data))} does not match pattern ${goQuote(String(p.pattern))}`;
    case 'format':
      return `${goQuote(String(e.data))} is not valid ${String(p.format)}: ${String(p.reason)}`;
    case 'multipleOf':
      return `multipleOf: got ${num(e.data)}, want ${num(p.multipleOf)}`;
    case 'false schema':
      return 'false schema';
    case 'oneOf':
      return Array.isArray(p.passingSchemas) ? `'oneOf' failed, subschemas ${(p.passingSchemas as number[]).join(', ')} matched` : `'oneOf' failed, none matched`;
    case 'anyOf':
      return `'anyOf' failed`;
    case 'allOf':
      return `'allOf' failed`;
    case 'not':
      return `'not' failed`;
    case 'uniqueItems':
      return `items at ${num(p.j)} and ${num(p.i)} are equal`;
    case 'contains':
      return 'no items match contains schema';
    case 'dependencies':
    case 'dependentRequired':
      return `properties '${String(p.missingProperty)}' required, if '${String(p.property)}' exists`;
    case 'additionalItems':
      return `last ${Array.isArray(e.data) ? e.data.length - Number(p.limit) : '?'} additionalItem(s) not allowed`;
    case 'propertyNames':
      return `invalid propertyName '${String(p.propertyName)}'`;
    default:
      return String((e as { message?: string }).message ?? e.keyword);
  }
}

function at4(pointer: string): string {
  return `at '${pointer.replace(/'/g, "\\'")}'`;
}

/** santhosh's lines: failures grouped per place, combinators with their branches' failures indented. */
function renderHelm4(nodes: Node[], indent: string): Array<{ pointer: string; text: string }> {
  const out: Array<{ pointer: string; text: string }> = [];
  // additional properties of one object share one line; `if` shows only what `then`/`else` found
  const flat: Node[] = [];
  for (const n of nodes) {
    if (n.e.keyword === 'if') flat.push(...n.children);
    else if (n.e.keyword === 'dependentSchemas' || (n.e.keyword === 'dependencies' && n.children.length)) flat.push(...n.children);
    else flat.push(n);
  }
  const groups = new Map<string, Node[]>();
  for (const n of flat) {
    const place = n.e.keyword === 'propertyNames' ? `${n.e.instancePath}` : n.e.instancePath;
    groups.set(place, [...(groups.get(place) ?? []), n]);
  }
  for (const [pointer, list] of groups) {
    const lines: string[] = [];
    const extra = list.filter((n) => n.e.keyword === 'additionalProperties').map((n) => `'${String(n.e.params.additionalProperty)}'`);
    const missing = list.filter((n) => n.e.keyword === 'required' && n.children.length === 0);
    const others = list.filter((n) => n.e.keyword !== 'additionalProperties' && !(n.e.keyword === 'required' && n.children.length === 0));
    if (missing.length > 1) {
      const names = missing.map((n) => `'${String(n.e.params.missingProperty)}'`).join(', ');
      others.unshift({ e: { ...missing[0]!.e, keyword: 'x-missing', params: { names } }, children: [] });
    } else others.unshift(...missing);
    const one = (n: Node, ind: string): string[] => {
      const place = n.e.keyword === 'propertyNames' ? '' : n.e.instancePath;
      const head = `${ind}- ${at4(place)}: ${message4(n.e)}`;
      const kids = n.e.keyword === 'propertyNames' ? n.children.map((c) => ({ ...c, e: { ...c.e, instancePath: '' } })) : n.children;
      return [head, ...renderHelm4(kids, ind + '  ').map((l) => l.text)];
    };
    const count = others.length + (extra.length ? 1 : 0);
    const ind = count > 1 ? indent + '  ' : indent;
    if (extra.length) lines.push(`${ind}- ${at4(pointer)}: additional properties ${extra.join(', ')} not allowed`);
    for (const n of others) lines.push(...one(n, ind));
    if (count > 1) lines.unshift(`${indent}- ${at4(pointer)}: validation failed`);
    out.push({ pointer, text: lines.join('\n') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** What is said of a schema whose validation never ends (Helm 4 names the cycle's locations; not reproduced). */
const REFERENCE_CYCLE: Record<HelmVersion, string> = {
  3: 'the schema applies itself to the same value without end (a $ref cycle): Helm 3 fails with a Go stack overflow (fatal error: stack overflow)',
  4: 'the schema applies itself to the same value without end: Helm 4 reports a $ref "causing reference cycle"',
};

/**
 * Judges values against a chart's values.schema.json as Helm `helmVersion` does: what it prints under the
 * chart's name in `values don't meet the specifications of the schema(s)`.
 */
export function judgeChartSchema(values: Values, schema: object | string, helm: HelmVersion): HelmSchemaReport {
  const c = compile(schema, helm);
  const warnings = c.warnings.length ? { warnings: c.warnings } : {};
  if (c.schemaError !== undefined) return { failures: [], schemaError: c.schemaError, ...warnings };
  const validate = c.validate!;
  let ok: boolean;
  try {
    ok = validate(values) as boolean;
  } catch (e) {
    // a schema that applies itself to the same value without end (`{"$ref": "#"}`, `allOf: [{$ref: "#"}]`):
    // Helm 4's validator stops at the second visit ("both /$ref and  resolve to … causing reference cycle"),
    // Helm 3's recurses until Go's stack overflows (a fatal error). Either way the chart cannot be installed.
    if (!(e instanceof RangeError)) throw e;
    return { failures: [], schemaError: REFERENCE_CYCLE[helm], ...warnings };
  }
  if (ok) return { failures: [], ...warnings };
  const tree = buildTree(normalise((validate.errors ?? []) as AjvError[]));
  if (helm === 4) return { failures: renderHelm4(tree, ''), ...warnings };
  const failures: Array<{ pointer: string; text: string }> = [];
  render3(tree, failures);
  return { failures, ...warnings };
}

/** The diagnostics of a chart schema: one per line Helm prints, at the value's place (below `prefix`, a subchart's path). */
export function chartSchemaDiagnostics(values: Values, schema: object | string, helm: HelmVersion, prefix: string): NewDiagnostic[] {
  const r = judgeChartSchema(values, schema, helm);
  const base = prefix ? parsePath(prefix) : [];
  const where = prefix ? `the ${prefix} subchart's` : "the chart's";
  if (r.schemaError !== undefined) {
    return [
      {
        code: 'chart-schema-invalid',
        severity: 'error',
        parts: base,
        message: `${where} values.schema.json cannot be used by Helm ${helm}, which fails every install and template of the chart: ${r.schemaError}`,
        helmOutput: r.schemaError,
      },
    ];
  }
  return r.failures.map((f) => ({
    code: 'chart-schema',
    severity: 'error' as const,
    parts: [...base, ...parsePath(f.pointer)],
    message: `${where} values.schema.json rejects this value; Helm ${helm} prints: ${f.text.trim()}`,
    helmOutput: f.text,
  }));
}
