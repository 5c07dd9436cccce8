// The project's own values schema, applied with the validator compiled at build time, and its errors turned
// into diagnostics with stable codes: the schema says what is wrong, the code says what it means for the chart.
import type { GoValue } from '../values/load.js';
import { parsePath } from '../values/paths.js';
import type { NewDiagnostic, Parts } from './context.js';
import { VARIANTS } from './schema.js';
import { nearestVariant } from './suggest.js';

/** The fields of an ajv error that are read here. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const ALLOWED = VARIANTS.join(', ');

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${String(v)}`;
}

/** Diagnostics for the errors of the project's schema; `valueOf` reads the offending value. */
export function schemaDiagnostics(errors: SchemaError[], valueOf: (parts: Parts) => unknown, goValue: (parts: Parts) => GoValue | undefined): NewDiagnostic[] {
  const out: NewDiagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const parts = parsePath(e.instancePath);
    const key = `${e.instancePath}\u0000${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const field = parts[parts.length - 1];
    const v = valueOf(parts);
    const at = parts.join('.');
    if (field === 'variant') out.push(variantDiagnostic(parts, v, at));
    else if (field === 'tag' && e.keyword === 'type') {
      out.push({ code: 'tag-not-string', severity: 'error', parts, message: tagMessage(at, v, goValue(parts), valueOf([...parts.slice(0, -1), 'repository'])) });
    } else if (field === 'fips' && e.keyword === 'type') {
      out.push({
        code: 'fips-not-boolean',
        severity: 'error',
        parts,
        message: `${at} is ${show(v)}, not a boolean. The chart tests it for truth, so any non-empty string${v === 'false' ? ', "false" included,' : ''} turns fips ON. Use variant: fips (or fips: true / false, unquoted).`,
      });
    } else if (field === 'pullPolicy') {
      out.push({ code: 'pull-policy-invalid', severity: 'error', parts, message: `${at} is ${show(v)}; allowed: Always, IfNotPresent, Never. Kubernetes refuses any other imagePullPolicy.` });
    } else if (parts.length > 0 && (field === 'image' || e.keyword === 'type' && typeof e.params.type !== 'undefined' && String(e.params.type).includes('object'))) {
      out.push({ code: 'image-block-not-map', severity: 'error', parts, message: `${at} is ${show(v)}, but the chart merges it with global.image as a map (registry, repository, tag, ...); helm template fails. Write it as a map, e.g. repository: and tag:.` });
    } else {
      out.push({ code: 'image-field-type', severity: 'error', parts, message: `${at} is ${show(v)}; expected ${String(e.params.type ?? e.params.allowedValues ?? e.message)}. Image fields are strings (quote them) and switches are booleans.` });
    }
  }
  return out;
}

/**
 * What the chart makes of a tag that is not a string. A number is printed as Go prints it where the chart
 * prints the tag as it is (`gloo:1.1`), and as `%!s(float64=1.1)` where it formats the tag as text: Gloo
 * charts do that to add `-distroless` (and some versions for every variant), so the message says both
 * without claiming which variant is in use. A map, list or boolean makes no image reference at all.
 */
function tagMessage(at: string, v: unknown, g: GoValue | undefined, repository: unknown): string {
  const fix = 'Quote the tag as you mean it, e.g. tag: "1.10".';
  if (typeof v === 'number') {
    const type = g?.type === 'int64' ? 'int64' : 'float64';
    const text = g?.text ?? String(v);
    const image = typeof repository === 'string' && repository !== '' ? `${repository}:${text}` : `<repository>:${text}`;
    return `${at} is not a string: Helm reads the number ${text} (${type}), so an unquoted 1.10 becomes 1.1. Where the chart prints the tag as it is, the image is ${image}; where it formats the tag as text (Gloo charts do with a distroless variant, some versions with every variant), it renders %!s(${type}=${text}) (with distroless: %!s(${type}=${text})-distroless). ${fix}`;
  }
  const what = typeof v === 'boolean' ? `the boolean ${String(v)}` : show(v);
  return `${at} is ${what}, not text: an image tag must be a string, and the chart cannot make an image reference from ${typeof v === 'boolean' ? 'a boolean' : 'it'}. Write the tag as a string, e.g. tag: "1.18.2".`;
}

function variantDiagnostic(parts: Parts, v: unknown, at: string): NewDiagnostic {
  if (typeof v !== 'string') {
    return {
      code: 'variant-not-string',
      severity: 'error',
      parts,
      message: `${at} is ${show(v)}, not a string; allowed: ${ALLOWED}. The chart compares it with eq, so helm template fails with "error calling eq: incompatible types for comparison" (where disableDigest is true it is never compared, and the images are standard). Write one of the allowed strings.`,
    };
  }
  const suggestion = nearestVariant(v);
  const global = parts.length >= 2 && parts[parts.length - 2] === 'image' && parts[parts.length - 3] === 'global';
  const what = global ? 'every image is deployed as standard' : 'this image is deployed as standard';
  const empty = v === '' ? ' (an empty variant at global.image is not "unset": write standard, or remove the key)' : '';
  if (suggestion && suggestion.toLowerCase() === v.trim().toLowerCase()) {
    return {
      code: 'variant-case-mismatch',
      severity: 'error',
      parts,
      message: `${at} is ${JSON.stringify(v)}; the chart compares variants exactly (lower case), so ${what}. Use ${JSON.stringify(suggestion)}.`,
      suggestion,
    };
  }
  const d: NewDiagnostic = {
    code: 'variant-unknown',
    severity: 'error',
    parts,
    message: `${at} is ${JSON.stringify(v)}; allowed: ${ALLOWED}. The chart accepts any string silently, so ${what}${empty}.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''}`,
  };
  if (suggestion) d.suggestion = suggestion;
  return d;
}
