// Scalar resolution exactly as go-yaml v2 (the YAML library behind sigs.k8s.io/yaml in Helm) does it,
// followed by the conversion Helm applies on the way to JSON: every number becomes a float64.
//
// go-yaml v2 picks a candidate by the first character, looks the whole text up in a table of YAML 1.1
// words, and otherwise tries, in order: timestamp (kept as its text), int (base prefixes, leading-0
// octal, underscores removed), uint, a YAML-style float, then 0b/-0b binary. Anything else is a string.

export const TAG_PREFIX = 'tag:yaml.org,2002:';
export const STR = `${TAG_PREFIX}str`;
export const INT = `${TAG_PREFIX}int`;
export const FLOAT = `${TAG_PREFIX}float`;
export const BOOL = `${TAG_PREFIX}bool`;
export const NULL = `${TAG_PREFIX}null`;
export const TIMESTAMP = `${TAG_PREFIX}timestamp`;
export const BINARY = `${TAG_PREFIX}binary`;
export const MERGE = `${TAG_PREFIX}merge`;

/** What a scalar resolved to, before JSON conversion. `number` carries Go's int/uint/float distinction. */
export type Resolved =
  | { tag: typeof NULL; value: null }
  | { tag: typeof BOOL; value: boolean }
  | { tag: typeof INT; value: number; text: string } // int64 or uint64, exact decimal in text
  | { tag: typeof FLOAT; value: number }
  | { tag: string; value: string }; // str, timestamp text, binary text, unknown tags

const WORDS = new Map<string, Resolved>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(w, { tag: BOOL, value: true });
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(w, { tag: BOOL, value: false });
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, { tag: NULL, value: null });
for (const w of ['.nan', '.NaN', '.NAN']) WORDS.set(w, { tag: FLOAT, value: NaN });
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(w, { tag: FLOAT, value: Infinity });
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, { tag: FLOAT, value: -Infinity });
WORDS.set('<<', { tag: MERGE, value: '<<' });

// The first-character hints of go-yaml v2's resolve table.
function hint(c: string): string {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const SIMPLE_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) syntax (underscores already removed). */
function parseGoInteger(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let base = 10;
  let digits = s.slice(i);
  if (digits.length >= 2 && digits[0] === '0') {
    const p = digits[1]!.toLowerCase();
    if (p === 'x') { base = 16; digits = digits.slice(2); }
    else if (p === 'o') { base = 8; digits = digits.slice(2); }
    else if (p === 'b') { base = 2; digits = digits.slice(2); }
    else { base = 8; digits = digits.slice(1); }
  }
  if (digits === '') return undefined;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  if (digits.length > 70) return undefined; // far past 64 bits in any base
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

/** Go's strconv.ParseFloat(s, 64) for the decimal forms that can reach it here; undefined when out of range. */
function parseGoFloat(s: string): number | undefined {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

function intResult(v: bigint): Resolved {
  return { tag: INT, value: Number(v), text: v.toString() };
}

/** Implicit resolution of plain text (go-yaml v2 `resolve` with an empty or resolvable tag). */
function resolvePlain(tag: string, text: string): Resolved {
  const h = text === '' ? 'N' : hint(text[0]!);
  if (h !== '' && tag !== STR && tag !== BINARY) {
    const word = WORDS.get(text);
    if (word) return word;
    if (h === '.') {
      const f = parseGoFloat(text);
      if (f !== undefined) return { tag: FLOAT, value: f };
    } else if (h === 'D' || h === 'S') {
      // go-yaml tries a timestamp first, but keeps a timestamp decoded into interface{} as its text, and no
      // timestamp (YYYY-...) can parse as a number: skipping that step changes nothing.
      // The common integer (no sign but '-', no base prefix, no leading zero, at most 15 digits) is exact
      // as a double and already in canonical form: no BigInt round trip (it showed in the profile).
      if (SIMPLE_INT.test(text)) return { tag: INT, value: Number(text), text };
      const plain = text.replace(/_/g, '');
      const iv = parseGoInteger(plain, true);
      if (iv !== undefined) return intResult(iv);
      const uv = parseGoInteger(plain, false);
      if (uv !== undefined) return intResult(uv);
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: FLOAT, value: f };
      }
      if (plain.startsWith('0b')) {
        const b = parseBinary(plain.slice(2), false);
        if (b !== undefined) return intResult(b);
      } else if (plain.startsWith('-0b')) {
        const b = parseBinary(plain.slice(3), true);
        if (b !== undefined) return intResult(b);
      }
    }
  }
  return { tag: STR, value: text };
}

function parseBinary(digits: string, neg: boolean): bigint | undefined {
  if (!/^[+-]?[01]+$/.test(digits) || digits.length > 70) return undefined;
  let v = BigInt('0b' + digits.replace(/^[+-]/, ''));
  if (digits[0] === '-' ) v = -v;
  if (neg) v = -v;
  if (v < INT64_MIN || v > UINT64_MAX) return undefined;
  return v;
}

const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

/** Raised for an explicit tag whose text does not fit it: go-yaml's "cannot decode !!str `x` as a !!int". */
export class TagMismatch extends Error {}

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

/**
 * True when {@link resolveScalar} would give the text itself as a string: a quoted or block scalar,
 * an explicit !!str, or plain text whose first character starts no YAML 1.1 number or word. Most
 * keys and values are such text; the composer answers them without building a result per scalar.
 */
export function resolvesToText(tag: string, text: string, plain: boolean): boolean {
  if (tag === STR) return true;
  if (tag !== '') return false;
  return !plain || (text !== '' && hint(text[0]!) === '');
}

/**
 * Resolves one scalar. `tag` is the full explicit tag ('' for none); `plain` tells an untagged plain
 * scalar (resolved) from a quoted or block one (always a string).
 */
export function resolveScalar(tag: string, text: string, plain: boolean): Resolved {
  if (tag === '' && !plain) return { tag: STR, value: text };
  if (!RESOLVABLE.has(tag)) return { tag, value: text };
  // An explicit !!timestamp keeps its text (go-yaml v2 hands timestamps to interface{} as strings).
  if (tag === TIMESTAMP && /^\d{4}-/.test(text)) return { tag: TIMESTAMP, value: text };
  const r = resolvePlain(tag, text);
  if (tag === '' || tag === r.tag || tag === STR) return r;
  if (tag === FLOAT && r.tag === INT) return { tag: FLOAT, value: r.value as number };
  throw new TagMismatch(`cannot decode ${shortTag(r.tag)} \`${text}\` as a ${shortTag(tag)}`);
}
