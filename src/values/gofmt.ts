// How Go prints values: strconv.FormatFloat 'g' with shortest digits, fmt's %v for maps and lists,
// and the Go type names that appear in Helm's messages.
import { GoInt, isMap, type Val } from './model.js';

/** Shortest digits and decimal exponent of a finite non-zero number: 1234.5 -> ['12345', 3]. */
function shortestDigits(abs: number, bits: 32 | 64): [string, number] {
  let s: string;
  if (bits === 64) {
    s = abs.toExponential();
  } else {
    const f = Math.fround(abs);
    s = f.toExponential();
    for (let p = 1; p <= 9; p++) {
      const t = f.toExponential(p - 1);
      if (Math.fround(Number(t)) === f) {
        s = t;
        break;
      }
    }
  }
  const e = s.indexOf('e');
  const digits = s.slice(0, e).replace('.', '').replace(/0+$/, '') || '0';
  return [digits, Number(s.slice(e + 1))];
}

/** strconv.FormatFloat(v, 'g', -1, bits). */
export function formatFloatG(v: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  if (v === 0) return neg ? '-0' : '0';
  const [digits, exp] = shortestDigits(Math.abs(v), bits);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    out = `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

/** The Go type Helm holds for a value. */
export function goTypeName(v: Val): string {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return 'int64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/**
 * fmt's %v: maps print as map[k:v ...] with sorted keys, lists as [a b], nil as <nil>. The one definition of
 * %v for Helm's values: the template engine's printing (src/template/fmt.ts formatV) calls it, passing `other`
 * for what is not plain data (its structs, byte slices, Go's invalid value), printed at its nesting depth.
 */
export function formatGoV(v: Val, other?: (x: unknown, depth: number) => string, depth = 0): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return formatFloatG(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ' ' : '') + formatGoV(v[i]!, other, depth + 1);
    return out + ']';
  }
  if (other && (typeof v !== 'object' || Object.getPrototypeOf(v) !== null)) return other(v, depth);
  const keys = Object.keys(v).sort(compareGoStrings);
  let out = 'map[';
  for (let i = 0; i < keys.length; i++) out += `${i ? ' ' : ''}${keys[i]}:${formatGoV(v[keys[i]!]!, other, depth + 1)}`;
  return out + ']';
}

/** fmt's %t applied to any value (how Helm's "type mismatch on <sub>: %t" prints a non-map). */
export function formatGoT(v: Val): string {
  if (typeof v === 'boolean') return String(v);
  if (v === null) return '%!t(<nil>)';
  if (Array.isArray(v)) return `[${v.map(formatGoT).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareGoStrings);
    return `map[${keys.map((k) => `%!t(string=${k}):${formatGoT(v[k]!)}`).join(' ')}]`;
  }
  return `%!t(${goTypeName(v)}=${formatGoV(v)})`;
}

/** Go compares strings bytewise (UTF-8), which orders like code points, not like UTF-16 units. */
export function compareGoStrings(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return 0;
}

/** Go's %q of a string (strconv.Quote), as in `key "a" has no value`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || (c >= 0x2028 && c <= 0x2029) || c === 0xfeff) {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** Go's %q of a []rune: each rune as a quoted character, `['a' 'b']`. */
export function goQuoteRunes(s: string): string {
  return `[${Array.from(s).map(goQuoteRune).join(' ')}]`;
}

/** Go's %q of one rune (strconv.QuoteRune). */
export function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const q = goQuote(ch);
  return `'${q.slice(1, -1)}'`;
}
