// sprig's regular-expression functions with Go's regexp semantics (RE2 syntax, leftmost-first matching,
// Go's rules for successive empty matches, `$1`/`${name}` expansion), over re2js. The plain forms use
// regexp.MustCompile, whose panic text becomes the template error; the must forms return Compile's error.
import { RE2JS } from 're2js';
import { markGoNil } from './nil.js';
import { goQuote } from '../../values/gofmt.js';

const CACHE = new Map<string, RE2JS | Error>();
const MAX_CACHE = 256;

// re2js accepts a few constructs Go's regexp/syntax refuses; refused here with Go's text
function unsupported(expr: string): string | undefined {
  const m = /\(\?<[=!]|\(\?[=!]/.exec(expr);
  if (!m) return undefined;
  // only outside a character class and not escaped
  let inClass = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (expr[i + 1] === ']') i++;
      else if (expr[i + 1] === '^' && expr[i + 2] === ']') i += 2;
      continue;
    }
    if (c === '(' && expr[i + 1] === '?') {
      if (expr[i + 2] === '=' || expr[i + 2] === '!') return `error parsing regexp: invalid or unsupported Perl syntax: \`${expr.slice(i, i + 3)}\``;
      if (expr[i + 2] === '<' && (expr[i + 3] === '=' || expr[i + 3] === '!')) {
        // Go reads `(?<` as a named group: the name is up to the next `>`, or the rest of the text
        const t = expr.slice(i);
        const end = t.indexOf('>');
        return `error parsing regexp: invalid named capture: \`${end < 0 ? t : t.slice(0, end + 1)}\``;
      }
    }
  }
  return undefined;
}

// Renames the second and later groups of a name to names no pattern uses, so that the first keeps it.
function renameDuplicateGroups(expr: string): string {
  const seen = new Set<string>();
  let n = 0;
  return expr.replace(/(\\.)|\(\?P?<([A-Za-z0-9_]+)>/g, (m, esc: string | undefined, name: string | undefined) => {
    if (esc || name === undefined) return m;
    if (!seen.has(name)) {
      seen.add(name);
      return m;
    }
    n++;
    return `(?P<zzHivDuplicate${n}zz>`;
  });
}

/** regexp.Compile: the compiled pattern, or an Error with Go's text ("error parsing regexp: ..."). */
export function compileRegexp(expr: string): RE2JS {
  let r = CACHE.get(expr);
  if (r === undefined) {
    const bad = unsupported(expr);
    if (bad) r = new Error(bad);
    else {
      try {
        r = RE2JS.compile(expr);
      } catch (e) {
        r = new Error((e as Error).message);
        // Go accepts a capture name used twice (a `${name}` finds the first); re2js does not
        if (r.message.startsWith('error parsing regexp: duplicate capture group name')) {
          try {
            r = RE2JS.compile(renameDuplicateGroups(expr));
          } catch (e2) {
            r = new Error((e2 as Error).message);
          }
        }
      }
    }
    if (CACHE.size >= MAX_CACHE) CACHE.delete(CACHE.keys().next().value!);
    CACHE.set(expr, r);
  }
  if (r instanceof Error) throw new Error(r.message);
  return r;
}

// strconv.CanBackquote: no backquote, no control character but tab, no U+FEFF
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '`' || c === 0xfeff || (c < 0x20 && c !== 0x09) || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}


/** regexp.MustCompile: a bad pattern is an Error with the panic's text. */
function mustCompile(expr: string): RE2JS {
  try {
    return compileRegexp(expr);
  } catch (e) {
    const q = canBackquote(expr) ? `\`${expr}\`` : goQuote(expr);
    throw new Error(`regexp: Compile(${q}): ${(e as Error).message}`);
  }
}

function runeWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Go's allMatches: every match's group offsets, skipping an empty match right after a match. */
function allMatches(re: RE2JS, s: string, n: number): number[][] {
  const limit = n < 0 ? s.length + 1 : n;
  const out: number[][] = [];
  const m = re.matcher(s);
  const groups = re.groupCount();
  let pos = 0;
  let prevEnd = -1;
  while (out.length < limit && pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) {
      const a = [start, end];
      for (let g = 1; g <= groups; g++) a.push(m.start(g), m.end(g));
      out.push(a);
    }
  }
  return out;
}

/** sprig's `regexMatch`: false for a bad pattern. */
export function regexMatch(regex: string, s: string): boolean {
  try {
    return mustRegexMatch(regex, s);
  } catch {
    return false;
  }
}

/** sprig's `mustRegexMatch` (regexp.MatchString). */
export function mustRegexMatch(regex: string, s: string): boolean {
  return compileRegexp(regex).matcher(s).find();
}

function findAll(re: RE2JS, s: string, n: number): string[] {
  const ms = allMatches(re, s, n);
  // no match: Go's nil slice
  if (ms.length === 0) return markGoNil([]);
  return ms.map((a) => s.slice(a[0], a[1]));
}

/** sprig's `regexFindAll` (n < 0: all). */
export function regexFindAll(regex: string, s: string, n: number): string[] {
  return findAll(mustCompile(regex), s, n);
}

/** sprig's `mustRegexFindAll`. */
export function mustRegexFindAll(regex: string, s: string, n: number): string[] {
  return findAll(compileRegexp(regex), s, n);
}

function findFirst(re: RE2JS, s: string): string {
  const m = re.matcher(s);
  return m.find() ? s.slice(m.start(), m.end()) : '';
}

/** sprig's `regexFind`: the first match, or "". */
export function regexFind(regex: string, s: string): string {
  return findFirst(mustCompile(regex), s);
}

/** sprig's `mustRegexFind`. */
export function mustRegexFind(regex: string, s: string): string {
  return findFirst(compileRegexp(regex), s);
}

function isNameChar(ch: string): boolean {
  return ch === '_' || /[\p{L}\p{Nd}]/u.test(ch);
}

/** Go's Regexp.expand: `$$`, `$1`, `$name`, `${name}`; unknown names expand to nothing. */
function expand(template: string, s: string, match: number[], names: Record<string, number>): string {
  let out = '';
  let t = template;
  for (;;) {
    const at = t.indexOf('$');
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let str = t;
    let brace = false;
    if (str.startsWith('{')) {
      brace = true;
      str = str.slice(1);
    }
    let i = 0;
    while (i < str.length) {
      const ch = String.fromCodePoint(str.codePointAt(i)!);
      if (!isNameChar(ch)) break;
      i += ch.length;
    }
    if (i === 0 || (brace && str[i] !== '}')) {
      out += '$';
      continue;
    }
    const name = str.slice(0, i);
    if (brace) i++;
    t = str.slice(i);
    let num = 0;
    for (let k = 0; k < name.length; k++) {
      const c = name.charCodeAt(k);
      if (c < 0x30 || c > 0x39 || num >= 1e8) {
        num = -1;
        break;
      }
      num = num * 10 + (c - 0x30);
    }
    if (name[0] === '0' && name.length > 1) num = -1;
    const g = num >= 0 ? num : names[name];
    if (g !== undefined && 2 * g + 1 < match.length && match[2 * g]! >= 0) out += s.slice(match[2 * g], match[2 * g + 1]);
  }
  return out + t;
}

/** Go's Regexp.replaceAll loop: no replacement for an empty match right after a match. */
function replaceAll(re: RE2JS, s: string, repl: (match: number[]) => string): string {
  const m = re.matcher(s);
  const groups = re.groupCount();
  let out = '';
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    if (!m.find(pos)) break;
    const a = [m.start(), m.end()];
    for (let g = 1; g <= groups; g++) a.push(m.start(g), m.end(g));
    out += s.slice(lastEnd, a[0]);
    if (a[1]! > lastEnd || a[0] === 0) out += repl(a);
    lastEnd = a[1]!;
    const width = pos < s.length ? runeWidth(s, pos) : 1;
    if (pos + width > a[1]!) pos += width;
    else if (pos + 1 > a[1]!) pos++;
    else pos = a[1]!;
  }
  return out + s.slice(lastEnd);
}

function replaceExpand(re: RE2JS, s: string, repl: string): string {
  const names = re.namedGroups();
  return replaceAll(re, s, (a) => expand(repl, s, a, names));
}

/** sprig's `regexReplaceAll`: Go's ReplaceAllString, `$1` / `${name}` expanded. */
export function regexReplaceAll(regex: string, s: string, repl: string): string {
  return replaceExpand(mustCompile(regex), s, repl);
}

/** sprig's `mustRegexReplaceAll`. */
export function mustRegexReplaceAll(regex: string, s: string, repl: string): string {
  return replaceExpand(compileRegexp(regex), s, repl);
}

/** sprig's `regexReplaceAllLiteral`: the replacement taken as is. */
export function regexReplaceAllLiteral(regex: string, s: string, repl: string): string {
  return replaceAll(mustCompile(regex), s, () => repl);
}

/** sprig's `mustRegexReplaceAllLiteral`. */
export function mustRegexReplaceAllLiteral(regex: string, s: string, repl: string): string {
  return replaceAll(compileRegexp(regex), s, () => repl);
}

function split(re: RE2JS, expr: string, s: string, n: number): string[] {
  if (n === 0) return markGoNil([]);
  if (expr.length > 0 && s.length === 0) return [''];
  const matches = allMatches(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const a of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = a[0]!;
    if (a[1] !== 0) out.push(s.slice(beg, end));
    beg = a[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** sprig's `regexSplit` (n < 0: all pieces; n == 0: Go's nil slice). */
export function regexSplit(regex: string, s: string, n: number): string[] {
  return split(mustCompile(regex), regex, s, n);
}

/** sprig's `mustRegexSplit`. */
export function mustRegexSplit(regex: string, s: string, n: number): string[] {
  return split(compileRegexp(regex), regex, s, n);
}

/** sprig's `regexQuoteMeta` (regexp.QuoteMeta): a backslash before each of \.+*?()|[]{}^$ */
export function regexQuoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
