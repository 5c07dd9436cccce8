// Profiles written by users (YAML or JSON files, or objects) are checked before use: first against the profile JSON
// Schema (schemas/profile.schema.json), then every condition is parsed and every built-in profile name resolved, so a
// mistake is reported once, with its place in the profile, instead of as a wrong image list.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv07 } from '../ajv.js';
import { linearErrorAppend } from '../ajv-linear.js';
import { ExprError, parseExpr } from './expr.js';
import type { Profile, ProfileCheck, ProfileContainer } from './profile.js';
import { PROFILE_SCHEMA } from './profile-schema.data.js';
import { toPlain } from '../values/load.js';
import { readValuesText } from '../values/yaml/read.js';

/** A profile that is not valid: `problems` lists each with its JSON pointer in the profile. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  readonly code = 'profile-invalid';
  constructor(
    message: string,
    readonly problems: Array<{ pointer: string; message: string }>,
  ) {
    super(message);
  }
}

let compiled: ValidateFunction | undefined;
/** Compiled on first use: most runs never see a user profile. */
function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv07({ allErrors: true, strict: false, code: { process: linearErrorAppend } }).compile(PROFILE_SCHEMA as object);
  return compiled;
}

/**
 * Profile objects already checked, valid: a profile is checked once, completely, wherever it enters
 * (valuesSchema, validateValues, resolveImages, parseProfile), and then costs nothing on hot paths. A profile
 * is data: mutating one after it was checked is not supported.
 */
const checked = new WeakSet<object>();

/** Deepest chain of subchart profiles (a limit of this library; Helm's umbrella charts nest a few levels). */
export const MAX_PROFILE_DEPTH = 32;

/**
 * The shape of the subchart graph, walked without recursion before anything recurses over it: a profile that
 * is its own subchart (at any distance) or nests deeper than {@link MAX_PROFILE_DEPTH} would overflow the stack
 * of every walker (ajv's, the checks below, the resolver's).
 */
function subchartGraphProblem(root: unknown): { pointer: string; message: string } | undefined {
  const stack: Array<{ p: unknown; pointer: string; path: object[] }> = [{ p: root, pointer: '', path: [] }];
  while (stack.length) {
    const { p, pointer, path } = stack.pop()!;
    if (typeof p !== 'object' || p === null || checked.has(p)) continue;
    if (path.includes(p)) return { pointer: pointer || '/', message: 'this profile is one of its own subcharts (a cycle of subchart profiles)' };
    if (path.length >= MAX_PROFILE_DEPTH) return { pointer: pointer || '/', message: `subchart profiles nest deeper than ${MAX_PROFILE_DEPTH} levels` };
    const subs = (p as { subcharts?: unknown }).subcharts;
    if (!Array.isArray(subs)) continue;
    subs.forEach((s, i) => {
      if (typeof s === 'object' && s !== null) stack.push({ p: (s as { profile?: unknown }).profile, pointer: `${pointer}/subcharts/${i}/profile`, path: [...path, p] });
    });
  }
  return undefined;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
    case 'required':
      return `missing property ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`;
    case 'enum':
      return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
      return 'a container has exactly one of "image" and "passthrough"';
    default:
      return e.message ?? e.keyword;
  }
}

/**
 * Checks a profile object: the JSON Schema, then each condition's syntax and each subchart's profile.
 * Throws {@link ProfileError} listing every problem. Returns the profile (typed) when it is valid.
 */
export function checkProfile(profile: unknown, builtIn: (name: string) => Profile | undefined = () => undefined): Profile {
  if (typeof profile === 'object' && profile !== null && checked.has(profile)) return profile as Profile;
  const validate = schemaValidator();
  const problems: Array<{ pointer: string; message: string }> = [];
  const graph = subchartGraphProblem(profile);
  if (graph) problems.push(graph);
  else if (!validate(profile)) {
    // the oneOf/anyOf branches repeat what their own members say; keep the most specific messages
    const errs = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    for (const e of errs) problems.push({ pointer: e.instancePath || '/', message: describe(e) });
  } else {
    const p = profile as Profile;
    const cond = (src: string | undefined, pointer: string) => {
      if (src === undefined || src.trim() === '') return;
      try {
        parseExpr(src);
      } catch (e) {
        if (e instanceof ExprError) problems.push({ pointer, message: e.message });
        else if (e instanceof RangeError) problems.push({ pointer, message: 'the condition nests too deeply' });
        else throw e;
      }
    };
    const containers = (cs: ProfileContainer[], at: string) =>
      cs.forEach((c, i) => {
        cond(c.when, `${at}/${i}/when`);
        if (c.fails) cond(c.fails.when, `${at}/${i}/fails/when`);
      });
    const checks = (cs: ProfileCheck[] | undefined, at: string) => (cs ?? []).forEach((c, i) => cond(c.when, `${at}/${i}/when`));
    p.workloads.forEach((w, i) => {
      cond(w.when, `/workloads/${i}/when`);
      containers(w.containers, `/workloads/${i}/containers`);
    });
    p.fanOuts.forEach((f, i) => {
      cond(f.when, `/fanOuts/${i}/when`);
      cond(f.skip, `/fanOuts/${i}/skip`);
      f.kind.forEach((k, j) => {
        cond(k.when, `/fanOuts/${i}/kind/${j}/when`);
        // a kind that starts with `$` is read from the entry: an expression like the conditions
        if (k.kind.startsWith('$')) cond(k.kind, `/fanOuts/${i}/kind/${j}/kind`);
      });
      checks(f.checks, `/fanOuts/${i}/checks`);
      if (f.select) {
        cond(f.select.perEntry, `/fanOuts/${i}/select/perEntry`);
        if (f.select.placeholder) cond(f.select.placeholder.when, `/fanOuts/${i}/select/placeholder/when`);
      }
      containers(f.containers, `/fanOuts/${i}/containers`);
    });
    p.imageFields.forEach((r, i) => {
      cond(r.when, `/imageFields/${i}/when`);
      checks(r.checks, `/imageFields/${i}/checks`);
      r.entries.forEach((e, j) => cond(e.when, `/imageFields/${i}/entries/${j}/when`));
    });
    checks(p.checks, '/checks');
    (p.subcharts ?? []).forEach((s, i) => {
      if (typeof s.profile === 'string') {
        if (!builtIn(s.profile)) problems.push({ pointer: `/subcharts/${i}/profile`, message: `unknown built-in profile ${JSON.stringify(s.profile)}` });
      } else {
        try {
          checkProfile(s.profile, builtIn);
        } catch (e) {
          if (!(e instanceof ProfileError)) throw e;
          for (const q of e.problems) problems.push({ pointer: `/subcharts/${i}/profile${q.pointer === '/' ? '' : q.pointer}`, message: q.message });
        }
      }
      (s.extend ?? []).forEach((x, j) => containers(x.containers, `/subcharts/${i}/extend/${j}/containers`));
    });
  }
  if (problems.length) {
    const shown = problems.slice(0, 20).map((q) => `  ${q.pointer}: ${q.message}`);
    if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
    throw new ProfileError(`the profile is not valid:\n${shown.join('\n')}`, problems);
  }
  checked.add(profile as object);
  return profile as Profile;
}

/** Reads a profile from YAML or JSON text (JSON is YAML) and checks it; `name` names the file in errors. */
export function parseProfile(text: string | Uint8Array, name = 'profile'): Profile {
  const tree = readValuesText(text, { name, role: 'user' }, 4);
  return checkProfile(toPlain(tree));
}
