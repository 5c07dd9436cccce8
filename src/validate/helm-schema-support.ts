// Go behaviour the schema engines inherit: encoding/json's syntax errors, RE2 regular expressions, and the
// format checks of gojsonschema (Helm 3.17) and santhosh-tekuri/jsonschema (Helm 4.1).
import { RE2JS, RE2JSException } from 're2js';
import type { HelmVersion } from '../values/helm-rules.js';

/** Deepest schema text read (the syntax check below recurses per level). */
const MAX_TEXT_DEPTH = 500;

/** How deeply brackets nest in JSON text, outside strings (one pass, no recursion). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

/** The error Go's encoding/json reports for invalid JSON text (the subset that real schema files produce), or undefined. */
export function goJsonSyntaxError(text: string): string | undefined {
  const nesting = bracketDepth(text);
  if (nesting > 10000) return 'exceeded max depth';
  if (nesting > MAX_TEXT_DEPTH) return `the schema nests deeper than ${MAX_TEXT_DEPTH} levels (a limit of this library); it was not checked`;
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const ch = () => (i < text.length ? text[i]! : undefined);
  const bad = (c: string, ctx: string) => `invalid character ${c === "'" ? "'\\''" : `'${c}'`} ${ctx}`;
  const value = (): string | undefined => {
    ws();
    const c = ch();
    if (c === undefined) return 'unexpected EOF';
    if (c === '{') {
      i++;
      ws();
      if (ch() === '}') return void i++;
      for (;;) {
        ws();
        if (ch() === undefined) return 'unexpected EOF';
        if (ch() !== '"') return bad(ch()!, 'looking for beginning of object key string');
        const s = string();
        if (s) return s;
        ws();
        if (ch() === undefined) return 'unexpected EOF';
        if (ch() !== ':') return bad(ch()!, 'after object key');
        i++;
        const v = value();
        if (v) return v;
        ws();
        if (ch() === undefined) return 'unexpected EOF';
        if (ch() === '}') return void i++;
        if (ch() !== ',') return bad(ch()!, 'after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (ch() === ']') return void i++;
      for (;;) {
        const v = value();
        if (v) return v;
        ws();
        if (ch() === undefined) return 'unexpected EOF';
        if (ch() === ']') return void i++;
        if (ch() !== ',') return bad(ch()!, 'after array element');
        i++;
      }
    }
    if (c === '"') return string();
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          const x = text[i + k];
          if (x === undefined) return 'unexpected EOF';
          if (x !== lit[k]) return bad(x, `in literal ${lit} (expecting '${lit[k]}')`);
        }
        i += lit.length;
        return undefined;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return undefined;
    }
    return bad(c, 'looking for beginning of value');
  };
  const string = (): string | undefined => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === '\\') i++;
      else if (c < ' ') return bad(c, 'in string literal');
      i++;
    }
    return 'unexpected EOF';
  };
  const err = value();
  if (err) return err;
  ws();
  if (i < text.length) return bad(text[i]!, 'after top-level value');
  return undefined;
}

/** A pattern compiled with RE2 semantics (Go's regexp, which both Helm engines use): linear-time matching. */
export interface Re2Pattern {
  /** Whether the pattern matches anywhere in `s` (Go's MatchString). */
  test(s: string): boolean;
}

const compiled = new Map<string, RE2JS | string>();
/** Patterns kept compiled (a chart schema's handful, read again and again by a hook); the oldest are dropped first. */
const CACHE_SIZE = 1000;
const ERROR_PREFIX = 'error parsing regexp: ';

/** The compiled pattern, or Go's reason for refusing it (without the `error parsing regexp: ` prefix). */
function compileRe2(pattern: string): RE2JS | string {
  let r = compiled.get(pattern);
  if (r !== undefined) return r;
  try {
    r = RE2JS.compile(pattern);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    r = e.message.startsWith(ERROR_PREFIX) ? e.message.slice(ERROR_PREFIX.length) : e.message;
  }
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, r);
  return r;
}

/** Why RE2 (Go's regexp) refuses a pattern, in Go's words (`missing closing ): \`(\``); undefined if it compiles. */
export function re2Problem(pattern: string): string | undefined {
  const r = compileRe2(pattern);
  return typeof r === 'string' ? r : undefined;
}

/**
 * The pattern compiled as Go compiles it: RE2 syntax (`\pL`, `(?P<n>)`, `[[:alpha:]]`, `\z`, flags such as `(?i)`)
 * and RE2 semantics (`\s` is ASCII white space, `.` matches `\r`), matched in time linear in the input, so a chart's
 * `^(a+)+$` cannot stall validation. Throws a SyntaxError with Go's message for a pattern RE2 refuses.
 */
export function re2Pattern(pattern: string): Re2Pattern {
  const r = compileRe2(pattern);
  if (typeof r === 'string') throw new SyntaxError(`${ERROR_PREFIX}${r}`);
  return r;
}

/**
 * ajv's regular expression engine (its `code.regExp` option) for chart schemas: `patternProperties` keys matched
 * with RE2, as Helm matches them. ajv keys compiled patterns by `toString()`.
 */
export function re2RegExpEngine(pattern: string): { test(s: string): boolean; toString(): string } {
  const r = re2Pattern(pattern);
  return { test: (s: string) => r.test(s), toString: () => `re2:${pattern}` };
}
re2RegExpEngine.code = 're2RegExpEngine';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const HOSTNAME_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dateProblem(s: string): string | undefined {
  const m = DATE.exec(s);
  if (!m) return `parsing time "${s}" as "2006-01-02": cannot parse "${s}" as "2006"`;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `parsing time "${s}": month out of range`;
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (day < 1 || day > days) return `parsing time "${s}": day out of range`;
  return undefined;
}

function ipv4Problem(s: string): string | undefined {
  const groups = s.split('.');
  if (groups.length !== 4) return 'expected four decimals';
  for (const g of groups) {
    if (!/^\d+$/.test(g)) return 'invalid decimal';
    if (Number(g) > 255) return 'decimal must be between 0 and 255';
    if (g.length > 1 && g.startsWith('0')) return 'leading zeros not allowed';
  }
  return undefined;
}

function ipv6Problem(s: string): string | undefined {
  if (!s.includes(':')) return `ParseAddr(${JSON.stringify(s)}): unable to parse IP`;
  const parts = s.split('::');
  if (parts.length > 2) return `ParseAddr(${JSON.stringify(s)}): multiple :: in address`;
  const count = parts.reduce((n, p) => n + (p === '' ? 0 : p.split(':').length), 0);
  if (parts.length === 1 && count < 8) return `ParseAddr(${JSON.stringify(s)}): address string too short`;
  if (count > 8) return `ParseAddr(${JSON.stringify(s)}): address string too long`;
  return undefined;
}

function hostnameProblem(s: string): string | undefined {
  const h = s.endsWith('.') ? s.slice(0, -1) : s;
  if (h.length === 0 || h.length > 253) return 'invalid length';
  for (const label of h.split('.')) {
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    if (!HOSTNAME_LABEL.test(label)) return 'invalid character';
  }
  return undefined;
}

/**
 * Checks a `format` as the engine of Helm `helm` does; returns the reason for a failure (Helm 4's wording;
 * Helm 3 prints no reason) or undefined when the value passes. Unknown formats pass. Helm 3 fails a value
 * that is not a string against a known format; Helm 4 lets it pass.
 */
export function checkFormat(format: string, v: unknown, helm: HelmVersion): string | undefined {
  const known = ['date-time', 'date', 'time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uri-reference', 'regex', 'uuid'];
  if (!known.includes(format)) return undefined;
  if (typeof v !== 'string') return helm === 3 ? 'not a string' : undefined;
  switch (format) {
    case 'date-time': {
      if (helm === 3 && (DATE.test(v) || TIME.test(v))) return undefined;
      if (v.length < 20) return 'less than 20 characters long';
      const m = DATE_TIME.exec(v);
      if (!m) return `parsing time "${v}" as "2006-01-02T15:04:05Z07:00": cannot parse`;
      return dateProblem(`${m[1]}-${m[2]}-${m[3]}`);
    }
    case 'date':
      return dateProblem(v);
    case 'time':
      return TIME.test(v) ? undefined : `parsing time "${v}": invalid time`;
    case 'email': {
      const at = v.lastIndexOf('@');
      if (at < 0) return 'missing @';
      if (at === 0) return 'missing local part';
      return hostnameProblem(v.slice(at + 1));
    }
    case 'hostname':
      return hostnameProblem(v);
    case 'ipv4':
      return ipv4Problem(v);
    case 'ipv6':
      return ipv6Problem(v);
    case 'uri':
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return 'relative url';
      return /\s/.test(v) ? 'invalid character in url' : undefined;
    case 'uri-reference':
      if (/^[^/?#:]*:/.test(v) && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return `parse ${JSON.stringify(v)}: missing protocol scheme`;
      return /\s/.test(v) ? 'invalid character in url' : undefined;
    case 'regex': {
      const p = re2Problem(v);
      return p ? `error parsing regexp: ${p}` : undefined;
    }
    case 'uuid':
      if (v.split('-').length !== 5) return 'must have 5 elements';
      return UUID.test(v) ? undefined : 'invalid hex';
    default:
      return undefined;
  }
}
