// Helm's YAML functions: toYaml / mustToYaml (sigs.k8s.io/yaml: the value goes through encoding/json,
// the JSON is read back by go-yaml v2, whose own encoder writes it), fromYaml / fromYamlArray
// (go-yaml v2 to JSON to Go values, errors kept in the result as Helm does).
//
// Both Helm versions use go-yaml v2 here: Helm 3.17.1 through sigs.k8s.io/yaml v1.4.0 (its fork of
// gopkg.in/yaml.v2 v2.4.0), Helm 4.1.4 through v1.6.0 (go.yaml.in/yaml/v2 v2.4.3, the same encoder).
import { composeFirstDocument, YamlFailure } from '../../values/yaml/compose.js';
import { INT, resolveScalar, STR } from '../../values/yaml/resolve.js';
import { formatFloatG } from '../../values/gofmt.js';
import { deepCopy, isMap, newMap, Src, type GoMap, type Val } from '../../values/model.js';
import { emitYamlDocument, type YamlNode } from './_emitter.js';
import { isGoNil } from './nil.js';
import { compareJsonKeys, jsonMarshal, jsonNumber } from './json.js';

// go-yaml v2 sorts mapping keys with its own order: letters before other characters, runs of digits
// compared as numbers ("a2" < "a10"), then shorter first.
function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return /\p{Nd}/u.test(ch);
}

function digitValue(ch: string): number {
  // unicode.IsDigit accepts every decimal digit; Go then subtracts '0' from its code point
  return ch.codePointAt(0)! - 0x30;
}

/** go-yaml v2's keyList.Less for two string keys (v3: after a digit, a letter sorts first). */
export function yamlKeyLess(a: string, b: string, v3 = false): boolean {
  return runesLess(Array.from(a), Array.from(b), v3);
}

/** yamlKeyLess over the keys' code points (split once per key when sorting). */
function runesLess(ar: string[], br: string[], v3: boolean): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return v3 && digits ? al : bl;
    let ascii = true; // every digit of both runs is 0-9
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) ascii &&= ar[ai]!.length === 1 && ar[ai]! <= '9';
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) ascii &&= br[bi]!.length === 1 && br[bi]! <= '9';
    // a zero after a non-zero digit of the same run counts as a digit (go-yaml starts both numbers at 1)
    let one = false;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          one = true;
          break;
        }
      }
    }
    if (ascii && ai - i <= 15 && bi - i <= 15) {
      // exact in a double, and Go's int64 arithmetic cannot wrap in 16 decimal digits
      let an = one ? 1 : 0;
      let bn = an;
      for (let k = i; k < ai; k++) an = an * 10 + digitValue(ar[k]!);
      for (let k = i; k < bi; k++) bn = bn * 10 + digitValue(br[k]!);
      if (an !== bn) return an < bn;
    } else {
      let an = one ? 1n : 0n;
      let bn = an;
      for (let k = i; k < ai; k++) an = BigInt.asIntN(64, an * 10n + BigInt(digitValue(ar[k]!)));
      for (let k = i; k < bi; k++) bn = BigInt.asIntN(64, bn * 10n + BigInt(digitValue(br[k]!)));
      if (an !== bn) return an < bn;
    }
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Keys in go-yaml v2's order (a stable merge sort, as Go's sort.Sort gives for distinct keys). */
function sortYamlKeys(keys: string[], v3 = false): string[] {
  const runes = new Map<string, string[]>();
  for (const k of keys) runes.set(k, Array.from(k));
  return keys.sort((x, y) => {
    const xr = runes.get(x)!;
    const yr = runes.get(y)!;
    return runesLess(xr, yr, v3) ? -1 : runesLess(yr, xr, v3) ? 1 : 0;
  });
}

// The value as go-yaml v2 reads the JSON text back: numbers become int, uint or float64 by their
// text; strings, being quoted in JSON, stay strings.
function numberNode(jsonText: string): YamlNode {
  const r = resolveScalar('', jsonText, true);
  if (r.tag === INT) return { kind: 'scalar', value: (r as { text: string }).text, style: 'plain' };
  return { kind: 'scalar', value: formatFloatYaml(r.value as number), style: 'plain' };
}

function formatFloatYaml(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  return formatFloatG(v);
}

function stringNode(s: string): YamlNode {
  // go-yaml v2 quotes text that would read back as something else (YAML 1.1 words, numbers,
  // timestamps, base-60 floats), writes text with line breaks as a literal block, and leaves the
  // rest to the emitter's analysis.
  const canUsePlain = resolveScalar('', s, true).tag === STR && !isTimestamp(s) && !isBase60Float(s);
  const style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  return { kind: 'scalar', value: s, style };
}

// go-yaml v2 tries these time.Parse layouts on plain text starting with four digits and a dash:
// "2006-1-2T15:4:5.999999999Z07:00" (also with a lower-case t), "2006-1-2 15:4:5.999999999", "2006-1-2".
// Go's parser takes one or two digits for the one-digit fields, any number of fraction digits (after a
// dot or a comma), and checks each field's range, including the day against its month.
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, se, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  if (sep === undefined) return true;
  // the T layouts need a zone, the space layout has none
  if ((sep === ' ') !== (zone === undefined)) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return false;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4, 6)) > 60)) return false;
  return true;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// encoding/json leaves U+0085 (NEL) unescaped, and go-yaml reads it inside the JSON's double-quoted
// string as a line break: folded to a space (spaces around it dropped), or n-1 newlines for n breaks.
// Characters its reader refuses (C1 controls, U+FFFE, U+FFFF) fail the whole conversion.
function readBack(s: string): string {
  const t = toValidUtf16(s);
  if (/[\x7f-\x84\x86-\x9f\ufffe\uffff]/.test(t)) throw new ControlCharacters();
  if (!t.includes('\u0085')) return t;
  return t.replace(/[ \t]*(\u0085(?:[ \t]*\u0085)*)[ \t]*/g, (_m, breaks: string) => {
    const n = breaks.split('\u0085').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

class ControlCharacters extends Error {
  constructor() {
    super('yaml: control characters are not allowed');
  }
}

/** The go-yaml v2 node tree of a Go value after a trip through encoding/json. */
function jsonTree(v: Val): YamlNode {
  if (v === null || isGoNil(v)) return { kind: 'scalar', value: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { kind: 'scalar', value: v ? 'true' : 'false', style: 'plain' };
  if (typeof v === 'string') return stringNode(readBack(v));
  if (typeof v === 'number') return numberNode(jsonNumber(v));
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(jsonTree) };
  if (isMap(v)) {
    const keys = sortYamlKeys(Object.keys(v).map(readBack).sort(compareJsonKeys));
    const raw = new Map(Object.keys(v).map((k) => [readBack(k), k]));
    return { kind: 'map', entries: keys.map((k) => [stringNode(k), jsonTree(v[raw.get(k)!]!)]) };
  }
  return numberNode(String(v)); // GoInt
}

// encoding/json writes invalid UTF-8 (here: lone surrogates) as U+FFFD
function toValidUtf16(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * sigs.k8s.io/yaml's Marshal: the YAML text (ending in a newline) or an Error with Go's text
 * (`error marshaling into JSON: json: unsupported value: NaN`).
 */
export function yamlMarshal(v: Val): string {
  try {
    jsonMarshal(v); // refuses what encoding/json refuses (NaN, infinities)
  } catch (e) {
    throw new Error(`error marshaling into JSON: ${(e as Error).message}`);
  }
  return emitYamlDocument(jsonTree(v));
}

// The go-yaml v3 node tree of a Go value as toYamlPretty hands it to the encoder directly (no JSON):
// float64 in Go's 'g' form (1e+06), int64 as digits, nil maps and slices as empty ones.
function goTree(v: Val): YamlNode {
  if (v === null) return { kind: 'scalar', value: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { kind: 'scalar', value: v ? 'true' : 'false', style: 'plain' };
  if (typeof v === 'string') return stringNode(v);
  if (typeof v === 'number') return { kind: 'scalar', value: formatFloatYaml(v), style: 'plain' };
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(goTree) };
  if (isMap(v)) return { kind: 'map', entries: sortYamlKeys(Object.keys(v), true).map((k) => [stringNode(k), goTree(v[k]!)]) };
  return { kind: 'scalar', value: String(v), style: 'plain' }; // GoInt
}

/** Helm's `toYamlPretty`: go-yaml v3's encoder with indent 2 on the value itself, final newline trimmed. */
export function toYamlPretty(v: Val): string {
  return emitYamlDocument(goTree(v), { v3: true }).replace(/\n$/, '');
}

/** Helm's `toYaml`: the YAML without its final newline, or "" where marshaling fails. */
export function toYaml(v: Val): string {
  try {
    return yamlMarshal(v).replace(/\n$/, '');
  } catch {
    return '';
  }
}

/** Helm 4's `mustToYaml`: as toYaml, but a marshaling failure is an error. */
export function mustToYaml(v: Val): string {
  return yamlMarshal(v).replace(/\n$/, '');
}

// What unmarshal made of a text: charts call fromYaml on the same included text in every release and often
// several times in one (gloo's `gloo.util.merge` for each deployment), and reading a text costs two parsers
// (the composer and go-yaml's verdict). Each caller gets its own copy (mergeOverwrite writes into it).
const UNMARSHALED = new Map<string, { value: Val | undefined } | { error: Error }>();
const MAX_UNMARSHALED = 256;
const MAX_UNMARSHALED_TEXT = 64 * 1024;

// Text as sigs.k8s.io/yaml Unmarshal reads it: go-yaml v2's first document, converted to JSON and
// decoded by encoding/json into the target type.
function unmarshal(text: string): Val | undefined {
  if (text.length > MAX_UNMARSHALED_TEXT) return unmarshalUncached(text);
  let r = UNMARSHALED.get(text);
  if (!r) {
    try {
      r = { value: unmarshalUncached(text) };
    } catch (e) {
      if (!(e instanceof Error) || e.constructor !== Error) throw e;
      r = { error: e };
    }
    if (UNMARSHALED.size >= MAX_UNMARSHALED) UNMARSHALED.delete(UNMARSHALED.keys().next().value as string);
    UNMARSHALED.set(text, r);
  }
  if ('error' in r) throw new Error(r.error.message);
  return r.value === undefined ? undefined : deepCopy(r.value);
}

function unmarshalUncached(text: string): Val | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    // go-yaml gets the text as it is (no line reader adds a final line break), and refuses control characters
    // as its reader meets them
    return composeFirstDocument(text, new Src('fromYaml', text), false, false).value;
  } catch (e) {
    if (e instanceof YamlFailure) throw new Error(yamlToJsonError(e));
    throw e;
  }
}

/** sigs.k8s.io/yaml's words for a text go-yaml or the conversion to JSON refuses (Unmarshal's first step). */
export function yamlToJsonError(e: YamlFailure): string {
  const converted = e.kind === 'key' && !e.message.startsWith('invalid map key') ? e.message : e.kind === 'number' ? e.message : `yaml: ${e.message}`;
  return `error converting YAML to JSON: ${converted}`;
}

function jsonKind(v: Val): string {
  if (Array.isArray(v)) return 'array';
  if (isMap(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

function cannotUnmarshal(v: Val, goType: string): string {
  return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type ${goType}`;
}

/**
 * Helm's `fromYaml`: the first YAML document as a map; on failure a map holding only the error text
 * under `Error`. Numbers become float64, as through JSON.
 */
export function fromYaml(text: string): GoMap {
  try {
    const v = unmarshal(text);
    if (v === undefined || v === null) return newMap();
    if (!isMap(v)) throw new Error(cannotUnmarshal(v, 'map[string]interface {}'));
    return v;
  } catch (e) {
    const m = newMap();
    m.Error = (e as Error).message;
    return m;
  }
}

/** Helm's `fromYamlArray`: the first YAML document as a list; on failure a list of the error text. */
export function fromYamlArray(text: string): Val[] {
  try {
    const v = unmarshal(text);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new Error(cannotUnmarshal(v, '[]interface {}'));
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}
