// Go's encoding/json as Helm's and sprig's JSON functions use it: Marshal (sorted keys, HTML-safe
// escapes), the Encoder without HTML escaping (toRawJson), MarshalIndent (toPrettyJson), and
// Unmarshal into interface{} with Go's syntax-error texts.
import { compareGoStrings, formatFloatG, goBytes, goQuoteRune, goString, hasRawBytes } from '../../values/gofmt.js';
import { GoInt, isMap, newMap, type GoMap, type Val } from '../../values/model.js';
import { isGoNil, markGoNil } from './nil.js';

/** Map keys in encoding/json's order: by their UTF-8 bytes. */
export function compareJsonKeys(a: string, b: string): number {
  return compareGoStrings(a, b);
}

/** A float64 as encoding/json writes it: plain digits from 1e-6 up to 1e21, else Go's exponent form. */
export function jsonNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${formatFloatG(v)}`);
  if (Object.is(v, -0)) return '-0';
  // JavaScript's shortest round-trip text switches to exponents at the same bounds as encoding/json,
  // and writes the exponent as Go does after its cleanup (1e-7, 1e+21)
  return String(v);
}

const HEX = '0123456789abcdef';

const jsonPlain = (c: number, escapeHTML: boolean): boolean =>
  c >= 0x20 && c !== 0x22 && c !== 0x5c && c < 0x7f && !(escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26));

function jsonString(s: string, escapeHTML: boolean): string {
  if (hasRawBytes(s)) s = goString(goBytes(s));
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (jsonPlain(c, escapeHTML)) {
      // characters written as they are are copied in runs, not one at a time
      let j = i + 1;
      while (j < s.length && jsonPlain(s.charCodeAt(j), escapeHTML)) j++;
      out += s.slice(i, j);
      i = j - 1;
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case 0x22: out += '\\"'; break;
        case 0x5c: out += '\\\\'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        default:
          if (c === 0x7f) out += '\x7f';
          else out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += `\\u202${HEX[c & 0xf]}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    // a byte that is not UTF-8 (kept as a lone surrogate, see goBytes): encoding/json writes `\ufffd`
    out += c >= 0xd800 && c <= 0xdfff ? '\\ufffd' : s[i];
  }
  return out + '"';
}

// A Go struct as encoding/json writes it: its fields in declaration order, not sorted as a map's keys are.
const STRUCT = new WeakSet<object>();

/** Marks a map as a Go struct's JSON fields, in the order encoding/json writes them. */
export function markJsonStruct<T extends object>(v: T): T {
  STRUCT.add(v);
  return v;
}

function encode(v: Val, escapeHTML: boolean, indent: string | undefined, depth: number): string {
  if (v === null || isGoNil(v)) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return jsonString(v, escapeHTML);
  if (typeof v === 'number') return jsonNumber(v);
  if (v instanceof GoInt) return v.toString();
  const nl = indent === undefined ? '' : `\n${indent.repeat(depth + 1)}`;
  const close = indent === undefined ? '' : `\n${indent.repeat(depth)}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl + encode(x, escapeHTML, indent, depth + 1)).join(',')}${close}]`;
  }
  const keys = STRUCT.has(v) ? Object.keys(v) : Object.keys(v).sort(compareJsonKeys);
  if (keys.length === 0) return '{}';
  const sep = indent === undefined ? ':' : ': ';
  return `{${keys.map((k) => `${nl}${jsonString(k, escapeHTML)}${sep}${encode(v[k]!, escapeHTML, indent, depth + 1)}`).join(',')}${close}}`;
}

/** json.Marshal: compact, keys sorted, `<`, `>`, `&` escaped. Throws Go's error for NaN and infinities. */
export function jsonMarshal(v: Val): string {
  return encode(v, true, undefined, 0);
}

/** Helm's `toJson`: json.Marshal, or "" when it fails. */
export function toJson(v: Val): string {
  try {
    return jsonMarshal(v);
  } catch {
    return '';
  }
}

/** `mustToJson`: json.Marshal; a failure is an error. */
export function mustToJson(v: Val): string {
  return jsonMarshal(v);
}

/** sprig's `toPrettyJson`: json.MarshalIndent with two spaces, or "" when it fails. */
export function toPrettyJson(v: Val): string {
  try {
    return mustToPrettyJson(v);
  } catch {
    return '';
  }
}

/** sprig's `mustToPrettyJson`. */
export function mustToPrettyJson(v: Val): string {
  return encode(v, true, '  ', 0);
}

/** sprig's `mustToRawJson`: an Encoder without HTML escaping, final newline trimmed. */
export function mustToRawJson(v: Val): string {
  return encode(v, false, undefined, 0);
}

/** sprig's `toRawJson`: as mustToRawJson, but sprig panics on failure (so it is an error too). */
export function toRawJson(v: Val): string {
  return mustToRawJson(v);
}

// ---- decoding ----

class JsonSyntaxError extends Error {}

function quoteChar(c: string): string {
  return goQuoteRune(c);
}

/** Parses JSON as encoding/json's scanner does, with its error texts; numbers become float64. */
class Parser {
  i = 0;
  typeError: string | undefined;
  constructor(readonly s: string) {}

  err(context: string): never {
    if (this.i >= this.s.length) {
      // Go's scanner ends the input by feeding it a space: inside a literal, a number or an escape that
      // space is the error; anywhere else the input is just cut short
      if (/^(in literal|in numeric|after decimal|in exponent|in string escape|in \\u)/.test(context)) {
        throw new JsonSyntaxError(`invalid character ' ' ${context}`);
      }
      throw new JsonSyntaxError('unexpected end of JSON input');
    }
    const ch = String.fromCodePoint(this.s.codePointAt(this.i)!);
    throw new JsonSyntaxError(`invalid character ${quoteChar(ch)} ${context}`);
  }

  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else break;
    }
  }

  value(depth: number): Val {
    if (depth > 10000) throw new JsonSyntaxError('exceeded max depth');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.err('looking for beginning of value');
  }

  literal<T extends Val>(word: string, v: T): T {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.s[this.i] !== word[k]) this.err(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    return v;
  }

  object(depth: number): GoMap {
    this.i++;
    const m = newMap();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return m;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.err('looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.err('after object key');
      this.i++;
      m[k] = this.value(depth + 1);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return m;
      }
      this.err('after object key:value pair');
    }
  }

  array(depth: number): Val[] {
    this.i++;
    const a: Val[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return a;
    }
    for (;;) {
      a.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return a;
      }
      this.err('after array element');
    }
  }

  string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.err('in string literal');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return out;
      }
      if (c < 0x20) this.err('in string literal');
      if (c === 0x5c) {
        this.i++;
        const e = this.s[this.i];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.i++;
          continue;
        }
        if (e === 'u') {
          this.i++;
          const cp = this.hex4();
          if (cp >= 0xd800 && cp <= 0xdbff) {
            // a high surrogate pairs only with an escaped low surrogate that follows
            if (this.s[this.i] === '\\' && this.s[this.i + 1] === 'u') {
              const save = this.i;
              this.i += 2;
              const lo = this.hex4();
              if (lo >= 0xdc00 && lo <= 0xdfff) {
                out += String.fromCharCode(cp, lo);
                continue;
              }
              this.i = save;
            }
            out += '\ufffd';
            continue;
          }
          out += cp >= 0xdc00 && cp <= 0xdfff ? '\ufffd' : String.fromCharCode(cp);
          continue;
        }
        this.err('in string escape code');
      }
      out += this.s[this.i];
      this.i++;
    }
  }

  hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = this.s[this.i];
      if (c === undefined || !/[0-9a-fA-F]/.test(c)) this.err('in \\u hexadecimal character escape');
      v = v * 16 + parseInt(c, 16);
      this.i++;
    }
    return v;
  }

  number(): number | null {
    const start = this.i;
    if (this.s[this.i] === '-') {
      this.i++;
      const c = this.s[this.i];
      if (c === undefined || c < '0' || c > '9') this.err('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else while (this.isDigit()) this.i++;
    if (this.s[this.i] === '.') {
      this.i++;
      if (!this.isDigit()) this.err('after decimal point in numeric literal');
      while (this.isDigit()) this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!this.isDigit()) this.err('in exponent of numeric literal');
      while (this.isDigit()) this.i++;
    }
    const text = this.s.slice(start, this.i);
    const v = Number(text);
    if (!Number.isFinite(v)) {
      this.typeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return v;
  }

  isDigit(): boolean {
    const c = this.s[this.i];
    return c !== undefined && c >= '0' && c <= '9';
  }
}

/**
 * json.Unmarshal into interface{}: the value and the first type error (encoding/json keeps decoding after
 * one, leaving null where a number did not fit a float64). Syntax errors are thrown: Go checks the whole
 * input before decoding anything.
 */
function decode(text: string): { value: Val; typeError?: string } {
  const p = new Parser(text);
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.err('after top-level value');
  return p.typeError === undefined ? { value: v } : { value: v, typeError: p.typeError };
}

/** json.Unmarshal into interface{}: the value, or an Error with encoding/json's text. */
export function jsonUnmarshal(text: string): Val {
  const { value, typeError } = decode(text);
  if (typeError !== undefined) throw new Error(typeError);
  return value;
}

/** sprig's `mustFromJson`: any JSON value; errors as encoding/json words them. */
export function mustFromJson(text: string): Val {
  return jsonUnmarshal(text);
}

/**
 * sprig's `fromJson` as Helm overrides it: a map, or the map decoded so far with the error under `Error`.
 * JSON null gives Go's nil map (an empty map marked by markGoNil: printed `map[]`, encoded `null`).
 */
export function fromJson(text: string): GoMap {
  let m: GoMap = newMap();
  let error: string | undefined;
  try {
    const { value, typeError } = decode(text);
    if (value === null && typeError === undefined) m = markGoNil(newMap());
    else if (!isMap(value)) error = `json: cannot unmarshal ${kindOf(value)} into Go value of type map[string]interface {}`;
    else {
      m = value;
      error = typeError;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  if (error === undefined) return m;
  m.Error = error;
  return m;
}

/** Helm's `fromJsonArray`: a list (Go's nil slice for JSON null), or a list holding only the error text. */
export function fromJsonArray(text: string): Val[] {
  try {
    const { value, typeError } = decode(text);
    if (value === null && typeError === undefined) return markGoNil([]);
    if (!Array.isArray(value)) return [`json: cannot unmarshal ${kindOf(value)} into Go value of type []interface {}`];
    if (typeError !== undefined) return [typeError];
    return value;
  } catch (e) {
    return [(e as Error).message];
  }
}

function kindOf(v: Val): string {
  if (Array.isArray(v)) return 'array';
  if (isMap(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}
