// The condition language of profiles: when does a workload render? A small, safe expression language over
// values with Go template truth, so that profiles stay data. Grammar:
//   expr    := or
//   or      := and ( "||" and )*
//   and     := unary ( "&&" unary )*
//   unary   := "!" unary | primary
//   primary := "(" expr ")" | call | path | string | "true" | "false"
//   call    := name "(" [ expr ( "," expr )* ] ")"      name: empty, eq, ne, kindIs, semverCompare, default
//   path    := ("$" | ident) ( "." ident | "[" number "]" )*   ident: letters, digits, _ and -; "$" is the current entry
// Paths read the release's values (or, after "$", the entry a fan-out is at).
import satisfies from 'semver/functions/satisfies.js';
import coerce from 'semver/functions/coerce.js';
import { eqString, truthy } from './go-template.js';
import { isMap, type GoMap, type Val } from '../values/model.js';

type Node =
  | { t: 'or' | 'and'; a: Node; b: Node }
  | { t: 'not'; a: Node }
  | { t: 'path'; root: 'values' | 'entry'; parts: Array<string | number> }
  | { t: 'lit'; v: Val }
  | { t: 'call'; name: string; args: Node[] };

/** A condition that could not be parsed; `column` (1-based) is where in the condition, when known. */
export class ExprError extends Error {
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(column === undefined ? message : `${message} (column ${column})`);
  }
}

/** The functions a condition may call, with their number of arguments. */
const FUNCTIONS: Readonly<Record<string, number>> = { empty: 1, eq: 2, ne: 2, kindIs: 2, semverCompare: 2, default: 2 };
const IDENT = /^[A-Za-z0-9_-]+$/;
/** Where a string literal holds an escape JSON does not define (`\\q`, `\\u12`), or -1: refused, not guessed. */
function badEscape(t: string): number {
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== '\\') continue;
    const next = t[i + 1] ?? '';
    if (next === 'u' ? !/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(next) || next === '') return i;
    i += next === 'u' ? 5 : 1;
  }
  return -1;
}

const MAX_EXPR = 2000;

function tokenize(src: string): { toks: string[]; cols: number[] } {
  if (src.length > MAX_EXPR) throw new ExprError(`condition is longer than ${MAX_EXPR} characters`);
  const out: string[] = [];
  const cols: number[] = [];
  const re = /\s*(\|\||&&|[!(),.[\]]|"(?:[^"\\]|\\.)*"|\$|[A-Za-z0-9_-]+)/y;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(i))) break;
      const at = i + (/^\s*/.exec(src.slice(i))?.[0].length ?? 0);
      throw new ExprError(`unexpected ${JSON.stringify(src.slice(at, at + 10))} in condition ${JSON.stringify(src)}`, at + 1);
    }
    out.push(m[1]!);
    cols.push(re.lastIndex - m[1]!.length + 1);
    i = re.lastIndex;
  }
  return { toks: out, cols };
}

/** Parses a condition once; the result is evaluated many times. */
export function parseExpr(src: string): Node {
  const { toks, cols } = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const col = (i: number) => cols[i] ?? src.length + 1;
  const take = (want?: string) => {
    const t = toks[p++];
    if (t === undefined || (want !== undefined && t !== want)) throw new ExprError(`expected ${want ?? 'more'} in condition ${JSON.stringify(src)}`, col(p - 1));
    return t;
  };
  const or = (): Node => {
    let a = and();
    while (peek() === '||') {
      p++;
      a = { t: 'or', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = unary();
    while (peek() === '&&') {
      p++;
      a = { t: 'and', a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => {
    if (peek() === '!') {
      p++;
      return { t: 'not', a: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = take();
    if (t === '(') {
      const e = or();
      take(')');
      return e;
    }
    if (t.startsWith('"')) {
      const bad = badEscape(t);
      if (bad >= 0) throw new ExprError(`invalid escape ${JSON.stringify(t.slice(bad, bad + 2))} in a string of condition ${JSON.stringify(src)} (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`, col(p - 1) + bad);
      return { t: 'lit', v: JSON.parse(t) as string };
    }
    if (t === 'true' || t === 'false') return { t: 'lit', v: t === 'true' };
    if (peek() === '(' && t !== '$') {
      const at = p - 1;
      const arity = Object.prototype.hasOwnProperty.call(FUNCTIONS, t) ? FUNCTIONS[t] : undefined;
      if (arity === undefined) throw new ExprError(`unknown function ${t} in condition ${JSON.stringify(src)}; known: ${Object.keys(FUNCTIONS).join(', ')}`, col(at));
      p++;
      const args: Node[] = [];
      if (peek() !== ')') {
        args.push(or());
        while (peek() === ',') {
          p++;
          args.push(or());
        }
      }
      take(')');
      if (args.length !== arity) throw new ExprError(`${t} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}, in condition ${JSON.stringify(src)}`, col(at));
      return { t: 'call', name: t, args };
    }
    if (t !== '$' && !IDENT.test(t)) throw new ExprError(`unexpected ${JSON.stringify(t)} in condition ${JSON.stringify(src)}`, col(p - 1));
    const parts: Array<string | number> = [];
    const root = t === '$' ? 'entry' : 'values';
    if (root === 'values') parts.push(t);
    for (;;) {
      if (peek() === '.') {
        p++;
        const k = take();
        if (!IDENT.test(k)) throw new ExprError(`expected a key after "." in condition ${JSON.stringify(src)}`, col(p - 1));
        parts.push(k);
      } else if (peek() === '[') {
        p++;
        const n = take();
        if (!/^\d{1,9}$/.test(n)) throw new ExprError(`expected an index in [] in condition ${JSON.stringify(src)}`, col(p - 1));
        parts.push(Number(n));
        take(']');
      } else break;
    }
    return { t: 'path', root, parts };
  };
  const e = or();
  if (p !== toks.length) throw new ExprError(`unexpected ${JSON.stringify(toks[p])} in condition ${JSON.stringify(src)}`, col(p));
  return e;
}

/** The value at a path, or undefined. */
export function valueAt(root: Val | undefined, parts: ReadonlyArray<string | number>): Val | undefined {
  let cur: Val | undefined = root;
  for (const k of parts) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isMap(cur) && Object.prototype.hasOwnProperty.call(cur, String(k))) cur = cur[String(k)];
    else return undefined;
  }
  return cur;
}

/** Evaluates a parsed condition (to a value; use `truthy` for a decision). */
export function evalExpr(n: Node, values: GoMap, entry?: Val): Val | undefined {
  switch (n.t) {
    case 'or': {
      const a = evalExpr(n.a, values, entry);
      return truthy(a) ? a : evalExpr(n.b, values, entry);
    }
    case 'and': {
      const a = evalExpr(n.a, values, entry);
      return truthy(a) ? evalExpr(n.b, values, entry) : a;
    }
    case 'not':
      return !truthy(evalExpr(n.a, values, entry));
    case 'lit':
      return n.v;
    case 'path':
      return valueAt(n.root === 'values' ? values : entry, n.parts);
    case 'call': {
      const args = n.args.map((a) => evalExpr(a, values, entry));
      switch (n.name) {
        case 'empty':
          return !truthy(args[0]);
        case 'eq':
          return eqString(args[0], String(args[1]));
        case 'ne':
          return !eqString(args[0], String(args[1]));
        case 'kindIs': {
          const v = args[1];
          const kind = v === undefined || v === null ? 'invalid' : isMap(v) ? 'map' : Array.isArray(v) ? 'slice' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'float64';
          return kind === args[0];
        }
        case 'semverCompare': {
          const v = coerce(String(args[1] ?? ''));
          return v !== null && satisfies(v, String(args[0]).replace(/,/g, ' '));
        }
        case 'default':
          return truthy(args[1]) ? args[1] : args[0];
      }
      throw new ExprError(`unknown function ${n.name}`);
    }
  }
}

// A profile's conditions are a fixed set read again for every release: each is parsed once (failures are not
// kept, so a bad one is refused every time). Bounded, for profiles written on the fly.
const PARSED = new Map<string, Node>();
const MAX_PARSED = 4096;

export function parsedExpr(src: string): Node {
  let n = PARSED.get(src);
  if (n === undefined) {
    n = parseExpr(src);
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(src, n);
  }
  return n;
}

/** Parses and evaluates to a decision. */
export function holds(src: string | undefined, values: GoMap, entry?: Val): boolean {
  if (src === undefined || src.trim() === '') return true;
  return truthy(evalExpr(parsedExpr(src), values, entry));
}
