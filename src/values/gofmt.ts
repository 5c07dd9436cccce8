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

const plainAscii = (c: number): boolean => c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c;

/** Go's %q of a string (strconv.Quote), as in `key "a" has no value`. */
export function goQuote(s: string): string {
  if (hasRawBytes(s)) s = goString(goBytes(s));
  let out = '"';
  for (let i = 0; i < s.length; ) {
    // printable ASCII other than `"` and `\` is written as it is: copied in runs, not a character at a time
    if (plainAscii(s.charCodeAt(i))) {
      let j = i + 1;
      while (j < s.length && plainAscii(s.charCodeAt(j))) j++;
      out += s.slice(i, j);
      i = j;
      continue;
    }
    const c = s.codePointAt(i)!;
    const ch = String.fromCodePoint(c);
    i += ch.length;
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
    else if (c >= 0xdc80 && c <= 0xdcff) out += `\\x${(c - 0xdc00).toString(16)}`; // a raw byte (see goBytes)
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

// ---- Go strings are bytes ----
// A JavaScript string holds UTF-16; a Go string any bytes. Bytes that are not UTF-8 (b64dec of random bytes,
// decryptAES with a wrong key, a binary file read with .Files.Get, a substr cutting a character) are kept in
// the JavaScript string as lone low surrogates U+DC80-U+DCFF, one per byte (0x80-0xFF), which decoding valid
// UTF-8 never produces: len, b64enc, the digests, %x and %q see Go's bytes. Where Go's output leaves the
// program (the rendered text) they are Unicode's replacement character, as a UTF-8 reader shows them.

const RAW_BYTE_BASE = 0xdc00;
const HAS_SURROGATE = /[\ud800-\udfff]/;
let utf8Decoder: TextDecoder | undefined;
let utf8Encoder: TextEncoder | undefined;

/** Whether a string holds bytes that are not UTF-8 (kept as U+DC80-U+DCFF). */
export function hasRawBytes(s: string): boolean {
  return HAS_SURROGATE.test(s) && /(?<![\ud800-\udbff])[\udc80-\udcff]/.test(s);
}

/** A Go string's bytes: UTF-8, with each kept raw byte as itself (other lone surrogates as U+FFFD, as Go). */
export function goBytes(s: string): Uint8Array {
  // TextEncoder where the platform has it (module loading must not need it: see tests/browser-safe.test.ts)
  if (!HAS_SURROGATE.test(s) && typeof TextEncoder !== 'undefined') return (utf8Encoder ??= new TextEncoder()).encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      out.push(c - RAW_BYTE_BASE);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/** Go's string(bytes): UTF-8 decoded as Go's utf8.DecodeRune reads it, each byte it refuses kept raw. */
export function goString(b: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    // runs of ASCII at once
    let j = i;
    while (j < b.length && b[j]! < 0x80 && j - i < 4096) j++;
    if (j > i) {
      out += String.fromCharCode.apply(null, b.subarray(i, j) as unknown as number[]);
      i = j;
      continue;
    }
    const n = validRuneLength(b, i);
    const c = b[i]!;
    if (n === 0) out += String.fromCharCode(RAW_BYTE_BASE + c);
    else if (n === 2) out += String.fromCharCode(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f));
    else if (n === 3) out += String.fromCharCode(((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f));
    else out += String.fromCodePoint(((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f));
    i += n === 0 ? 1 : n;
  }
  return out;
}

/** The length of the valid UTF-8 sequence at b[i] (Go's utf8 rules: no overlong forms, surrogates or > U+10FFFF), or 0. */
function validRuneLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * A Go string as text leaving the program, read back by a UTF-8 decoder (WHATWG's, as Node's and browsers'):
 * raw bytes that form UTF-8 together (two halves of a character cut by substr and joined again) are that
 * character, the others U+FFFD (one for each maximal bad sequence).
 */
export function goText(s: string): string {
  if (!hasRawBytes(s)) return s;
  return (utf8Decoder ??= new TextDecoder()).decode(goBytes(s));
}

