// Reads one values file (a chart's values.yaml or a -f file) as Helm 3.17 or Helm 4.1 does, with Helm's
// error texts, and the location of every value.
import { ValuesError, type ValuesErrorCode } from '../../errors.js';
import { copyLoc, deepCopy, deepFreeze, hasKey, isMap, newMap, Src, type GoMap, type Val } from '../model.js';
import { helmRules, type HelmVersion } from '../helm-rules.js';
import { composeFirstDocument, YamlFailure } from './compose.js';

/** Largest values text accepted (bytes of UTF-8, or characters of a string). */
export const MAX_VALUES_BYTES = 32 * 1024 * 1024;

export type { HelmVersion } from '../helm-rules.js';

/** What a values text is, for Helm's error prefix. */
export interface ValuesTextOrigin {
  /** Name shown in messages and locations (a path, or `values.yaml`). */
  name: string;
  /** `chart`: Helm says `cannot load values.yaml: …`; `user`: `failed to parse <name>: …`. */
  role: 'chart' | 'user';
  /** Another file Helm reads with the same YAML stack (Chart.yaml): its message prefix. */
  prefix?: string;
  /** The Go type Helm decodes into, named in "cannot unmarshal array into Go value of type …". */
  goType?: string;
  /** Remember which numbers were written as integers (typed decoding of Chart.yaml needs it). */
  markIntegers?: boolean;
}

function prefixOf(origin: ValuesTextOrigin): string {
  if (origin.prefix) return origin.prefix;
  return origin.role === 'chart' ? 'cannot load values.yaml' : `failed to parse ${origin.name}`;
}

const FAILURE_CODES: Record<YamlFailure['kind'], ValuesErrorCode> = {
  control: 'YAML_CONTROL_CHARACTER',
  syntax: 'YAML_SYNTAX',
  'alias-bomb': 'YAML_ALIAS_BOMB',
  'unknown-anchor': 'YAML_UNKNOWN_ANCHOR',
  'recursive-alias': 'YAML_RECURSIVE_ALIAS',
  merge: 'YAML_MERGE_NOT_MAP',
  tag: 'YAML_BAD_TAG_VALUE',
  depth: 'YAML_TOO_DEEP',
  key: 'YAML_INVALID_KEY',
  number: 'YAML_UNSUPPORTED_NUMBER',
};

/** Validates UTF-8 as go-yaml's reader does and names the first problem as it does. */
function decodeUtf8(bytes: Uint8Array, origin: ValuesTextOrigin, version: HelmVersion): string {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const width = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    let problem = '';
    if (width === 0) problem = 'invalid leading UTF-8 octet';
    else if (i + width > n) problem = 'incomplete UTF-8 octet sequence';
    else {
      let cp = width === 2 ? b & 0x1f : width === 3 ? b & 0x0f : b & 0x07;
      for (let k = 1; k < width && !problem; k++) {
        const t = bytes[i + k]!;
        if ((t & 0xc0) !== 0x80) problem = 'invalid trailing UTF-8 octet';
        cp = (cp << 6) | (t & 0x3f);
      }
      if (!problem) {
        const min = width === 2 ? 0x80 : width === 3 ? 0x800 : 0x10000;
        if (cp < min) problem = 'invalid length of a UTF-8 sequence';
        else if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) problem = 'invalid Unicode character';
      }
    }
    if (problem) {
      const before = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, i));
      const src = new Src(origin.name, before);
      const pos = src.position(before.length);
      throw new ValuesError(
        'YAML_INVALID_UTF8',
        `${prefixOf(origin)}: ${helmRules(version).documentErrorPrefix}error converting YAML to JSON: yaml: ${problem}`,
        { file: origin.name, ...pos },
        origin.name,
      );
    }
    i += width;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A piece of the file to parse on its own, with its place in the file. */
interface Piece {
  text: string;
  lineBase: number;
}

/**
 * Helm 4 cuts a values file into documents before parsing (k8s.io YAMLReader): at every line that
 * starts with `---`; the rest of that line must be blank or a comment.
 */
function splitDocuments(text: string, origin: ValuesTextOrigin): Piece[] {
  // Most files have no separator: one piece, without copying the text line by line.
  if (!/^---/m.test(text)) return text.length === 0 ? [] : [{ text, lineBase: 0 }];
  const pieces: Piece[] = [];
  let buf = '';
  let bufLine = 0;
  let line = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl + 1;
    const l = text.slice(pos, end);
    if (l.startsWith('---')) {
      const rest = l.slice(3).trim();
      if (rest.length > 0 && rest[0] !== '#') {
        throw new ValuesError(
          'YAML_DOCUMENT_SEPARATOR',
          `${prefixOf(origin)}: error reading yaml document: invalid Yaml document separator: ${rest}`,
          { file: origin.name, line: line + 1, column: 4 },
          origin.name,
        );
      }
      if (buf.length !== 0) {
        pieces.push({ text: buf, lineBase: bufLine });
        buf = '';
        pos = end;
        line++;
        continue;
      }
    }
    if (buf.length === 0) bufLine = line;
    buf += l;
    pos = end;
    line++;
  }
  if (buf.length !== 0) pieces.push({ text: buf, lineBase: bufLine });
  return pieces;
}

function jsonTypeName(v: Val): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

/** Reads one YAML stream's first document as a values map (undefined for an empty or null document). */
function readPiece(piece: Piece, origin: ValuesTextOrigin, version: HelmVersion): GoMap | undefined {
  let text = piece.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const src = new Src(origin.name, text, piece.lineBase);
  const docPrefix = helmRules(version).documentErrorPrefix;
  const where = (offset: number) => ({ file: origin.name, ...src.position(Math.max(0, Math.min(offset, text.length))) });
  // control characters are refused by go-yaml's reader as it reads (goyaml.ts): a syntax error in an earlier
  // 512-byte read comes first, and one past what the first document needed is never seen
  let value: Val | undefined;
  try {
    // Helm 4's document reader ends every document with a line break; Helm 3 reads the file as it is
    value = composeFirstDocument(text, src, origin.markIntegers === true, helmRules(version).allDocuments).value;
  } catch (e) {
    if (e instanceof YamlFailure) {
      const converted = e.kind === 'key' && !e.message.startsWith('invalid map key') ? e.message : e.kind === 'number' ? e.message : `yaml: ${e.message}`;
      const full = (m: string) => `${prefixOf(origin)}: ${docPrefix}error converting YAML to JSON: ${m}`;
      throw new ValuesError(FAILURE_CODES[e.kind], full(converted), where(e.offset), origin.name, undefined, e.alternatives?.map(full));
    }
    throw e;
  }
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) {
    throw new ValuesError(
      'VALUES_NOT_A_MAP',
      `${prefixOf(origin)}: ${docPrefix}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeName(value)} into Go value of type ${origin.goType ?? 'map[string]interface {}'}`,
      where(0),
      origin.name,
    );
  }
  return value;
}

/**
 * Helm's loader.MergeMaps: a new map where maps merge key by key and anything else from `b` replaces.
 * Exported because Helm uses the same function for -f files and --set-json objects.
 */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out = newMap();
  for (const k of Object.keys(a)) {
    out[k] = a[k]!;
    copyLoc(a, k, out, k);
  }
  for (const k of Object.keys(b)) {
    const v = b[k]!;
    const bv = out[k];
    if (isMap(v) && bv !== undefined && isMap(bv)) {
      out[k] = mergeMaps(bv, v);
      copyLoc(b, k, out, k);
      continue;
    }
    out[k] = v;
    copyLoc(b, k, out, k);
  }
  return out;
}

/**
 * mergeMaps for a caller that owns `a` (a tree it parsed, that nobody else holds): the same result, built in
 * `a` itself instead of a copy. Merging n one-key documents (or -f files) one after another copied the whole
 * accumulated map each time, n^2 in all; in place each merge costs only the size of `b`.
 */
export function mergeMapsInto(a: GoMap, b: GoMap): GoMap {
  for (const k of Object.keys(b)) {
    const v = b[k]!;
    const av = hasKey(a, k) ? a[k]! : undefined;
    if (isMap(v) && av !== undefined && isMap(av)) mergeMapsInto(av, v);
    else a[k] = v;
    copyLoc(b, k, a, k);
  }
  return a;
}

/** Turns file content into text, refusing what Helm refuses (size, invalid UTF-8). */
export function valuesText(input: string | Uint8Array, origin: ValuesTextOrigin, version: HelmVersion): string {
  if (input.length > MAX_VALUES_BYTES) {
    throw new ValuesError(
      'VALUES_TOO_LARGE',
      `${prefixOf(origin)}: the file is ${input.length} ${typeof input === 'string' ? 'characters' : 'bytes'} long, over the limit of ${MAX_VALUES_BYTES}`,
      { file: origin.name, line: 1, column: 1 },
      origin.name,
    );
  }
  return typeof input === 'string' ? input : decodeUtf8(input, origin, version);
}

/**
 * Parses a values file into a map, as Helm `version` does: Helm 3 reads the first YAML document only,
 * Helm 4 reads every document and merges them in order.
 */
export function readValuesText(input: string | Uint8Array, origin: ValuesTextOrigin, version: HelmVersion): GoMap {
  // a kept tree is shared: the caller gets its own copy
  const { values, shared } = readValuesTextShared(input, origin, version);
  return shared ? (deepCopy(values) as GoMap) : values;
}

/**
 * readValuesText for a reader that only reads the tree (and coalescing, which shares its subtrees into the
 * result without writing them): a text kept parsed is handed out as the kept tree itself, frozen, without a
 * copy (`shared`); any other read gives a fresh tree as readValuesText does. For chart defaults coalesced once
 * per release: a batch over many values files no longer copies the chart's defaults for every file.
 */
export function readValuesTextShared(input: string | Uint8Array, origin: ValuesTextOrigin, version: HelmVersion, keepFirst = false): { values: GoMap; shared: boolean } {
  if (origin.role !== 'chart' || origin.markIntegers) return { values: parseValuesText(input, origin, version), shared: false };
  // bytes (a chart read from disk or an archive) are checked and decoded on every read, as Helm does; what
  // they decode to is kept like any other text
  const text = valuesText(input, origin, version);
  const k = keptEntry(text, origin, version);
  if (k?.tree) {
    touch(text);
    return { values: k.tree, shared: true };
  }
  const values = parseValuesText(text, origin, version);
  // `keepFirst`: kept from the first read (a loaded Chart is read again for every release, and a copy costs a
  // tenth of a parse); otherwise from the second, so that a one-off read costs nothing more
  remember(text, origin, version, values, keepFirst);
  return { values, shared: false };
}

// Chart defaults are read again and again with the same text: once per release in a batch over many
// values files, once per call where a profile's built-in defaults are layered under user values. A
// text seen a second time is kept parsed (a few, least recently used first out), and each later read
// gets a deep copy, locations included: the same tree a parse would give, since a parsed tree shares
// nothing within itself (aliases decode as copies). Through readValuesText only a text seen twice is kept, so
// a one-off read costs a lookup and nothing more; readValuesTextShared for a loaded Chart keeps a text from its
// first read. Failures are never kept: a bad text is parsed, and refused, each time.
const MAX_KEPT = 8;
const MAX_KEPT_CHARS = 512 * 1024;
interface Kept {
  name: string;
  prefix: string | undefined;
  goType: string | undefined;
  version: HelmVersion;
  /** undefined: seen once, not kept yet */
  tree: GoMap | undefined;
}
const KEPT = new Map<string, Kept[]>();

function keptEntry(text: string, origin: ValuesTextOrigin, version: HelmVersion): Kept | undefined {
  // messages and locations name the file, so the same text under another name is another entry
  return KEPT.get(text)?.find((k) => k.name === origin.name && k.prefix === origin.prefix && k.goType === origin.goType && k.version === version);
}

/** Marks a kept text most recently used (last in the map). */
function touch(text: string): void {
  const list = KEPT.get(text)!;
  KEPT.delete(text);
  KEPT.set(text, list);
}

/** Notes a text as read; keeps its tree when it was read before, or at once with `now`. */
function remember(text: string, origin: ValuesTextOrigin, version: HelmVersion, tree: GoMap, now = false): void {
  if (text.length > MAX_KEPT_CHARS) return;
  const k = keptEntry(text, origin, version);
  if (k) {
    k.tree = deepFreeze(deepCopy(tree)) as GoMap;
    return;
  }
  const list = KEPT.get(text) ?? [];
  list.push({ name: origin.name, prefix: origin.prefix, goType: origin.goType, version, tree: now ? (deepFreeze(deepCopy(tree)) as GoMap) : undefined });
  KEPT.delete(text);
  KEPT.set(text, list);
  if (KEPT.size > MAX_KEPT) KEPT.delete(KEPT.keys().next().value!);
}

function parseValuesText(input: string | Uint8Array, origin: ValuesTextOrigin, version: HelmVersion): GoMap {
  const text = valuesText(input, origin, version);
  if (!helmRules(version).allDocuments) return readPiece({ text, lineBase: 0 }, origin, version) ?? newMap();
  let values: GoMap | undefined;
  for (const piece of splitDocuments(text, origin)) {
    const doc = readPiece(piece, origin, version);
    // every document is a fresh tree nobody else holds: the first is the result, later ones merge into it
    if (doc) values = values ? mergeMapsInto(values, doc) : doc;
  }
  return values ?? newMap();
}
