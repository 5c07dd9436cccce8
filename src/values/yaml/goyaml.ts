// go-yaml v2's scanner and parser (scannerc.go, parserc.go, v2.4.0 as Helm 3.17 and 4.1 vendor it), for their
// verdict on a text: whether the first document parses, and if not, go-yaml's exact error and where. js-yaml
// builds the values (compose.ts); this decides what go-yaml refuses and how it words it, by running the same
// state machines: the scanner's simple keys, indentation stack and flow levels, the parser's states. Nothing
// is worded by example: a mis-indented block gets whatever message go-yaml's states give it.
//
// Mirrors the Go code function by function (names in comments) so the two can be read side by side. Scalar
// values are not built (only their extent and their errors), except anchor names, which the caller checks as
// decode.go does: an alias to an anchor not defined yet fails while parsing, in document order.

/** A position as go-yaml counts it: characters (code points), 0-based line and column; `pos` is our offset. */
interface Mark {
  index: number;
  line: number;
  column: number;
  pos: number;
}

const enum T {
  STREAM_START,
  STREAM_END,
  VERSION_DIRECTIVE,
  TAG_DIRECTIVE,
  DOCUMENT_START,
  DOCUMENT_END,
  BLOCK_SEQUENCE_START,
  BLOCK_MAPPING_START,
  BLOCK_END,
  FLOW_SEQUENCE_START,
  FLOW_SEQUENCE_END,
  FLOW_MAPPING_START,
  FLOW_MAPPING_END,
  BLOCK_ENTRY,
  FLOW_ENTRY,
  KEY,
  VALUE,
  ALIAS,
  ANCHOR,
  TAG,
  SCALAR,
}

interface Token {
  type: T;
  start: Mark;
  end: Mark;
  /** anchor or alias name; tag handle; %TAG handle */
  value?: string;
  /** %YAML version */
  major?: number;
  minor?: number;
  /** a plain scalar (for the parser's implicit flags, which we do not need, kept for reading) */
  plain?: boolean;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** go-yaml's error, as decode.go's fail() prints it, and the offset of its problem mark. */
export class GoYamlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly kind: 'syntax' | 'unknown-anchor' | 'depth' | 'control' = 'syntax',
  ) {
    super(message);
  }
}

const isBlankCode = (c: number) => c === 0x20 || c === 0x09;
const isBreakCode = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isAlphaCode = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/** The URI characters of scan_tag_uri (besides alphanumerics and `%`). */
const URI_CHARS = new Set(";/?:@&=+$,.!~*'()[]".split('').map((c) => c.charCodeAt(0)));

const INPUT_RAW_BUFFER_SIZE = 512;

const NOT_ASCII = /[^\x00-\x7f]/;
/** Outside go-yaml's printable set (readerc.go), or a lone surrogate; checked one read at a time. */
const SUSPECT = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd]/;

/**
 * The reader's UTF-8 error for a byte that is not UTF-8 at `at` (kept as U+DC80-U+DCFF: see goBytes in
 * src/values/gofmt.ts), as yaml_parser_update_buffer words it: a byte that cannot lead a sequence, a leading
 * byte followed by one that does not continue it, a sequence cut by the end, too long for its value, or
 * encoding a surrogate or a value past U+10FFFF. Undefined for any other character.
 */
function rawByteProblem(t: string, at: number): string | undefined {
  const raw = (k: number): number | undefined => {
    const c = t.charCodeAt(k);
    const prev = k > 0 ? t.charCodeAt(k - 1) : 0;
    return c >= 0xdc80 && c <= 0xdcff && !(prev >= 0xd800 && prev <= 0xdbff) ? c - 0xdc00 : undefined;
  };
  const octet = raw(at);
  if (octet === undefined) return undefined;
  const width = (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
  if (width === 0) return 'invalid leading UTF-8 octet';
  // the bytes after it: raw ones are themselves; a character that is UTF-8 begins with a byte that is not a
  // continuation byte (ASCII or a leading byte)
  let value = octet & (width === 2 ? 0x1f : width === 3 ? 0x0f : 0x07);
  for (let k = 1; k < width; k++) {
    if (at + k >= t.length) return 'incomplete UTF-8 octet sequence';
    const next = raw(at + k);
    if (next === undefined || (next & 0xc0) !== 0x80) return 'invalid trailing UTF-8 octet';
    value = (value << 6) | (next & 0x3f);
  }
  if ((width === 2 && value < 0x80) || (width === 3 && value < 0x800) || (width === 4 && value < 0x10000)) return 'invalid length of a UTF-8 sequence';
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return 'invalid Unicode character';
  return undefined;
}

/** The offset of the first character go-yaml's reader refuses in [from, to), or -1. */
function controlCharacterIn(text: string, from: number, to: number): number {
  const slice = text.slice(from, to);
  let i = slice.search(SUSPECT);
  if (i < 0) return -1;
  for (; i < slice.length; i++) {
    const c = slice.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85) continue;
    if ((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = slice.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return from + i;
  }
  return -1;
}

/** The scanner (scannerc.go). */
class Scanner {
  // the reading position
  pos = 0;
  index = 0;
  line = 0;
  column = 0;

  tokens: Token[] = [];
  tokensHead = 0;
  tokensParsed = 0;
  /** where the last token the parser consumed ends */
  consumedEnd = 0;
  tokenAvailable = false;
  streamStartProduced = false;
  streamEndProduced = false;

  indent = -1;
  indents: number[] = [];
  simpleKeyAllowed = false;
  simpleKeys: SimpleKey[] = [];
  simpleKeysByTok = new Map<number, number>();
  flowLevel = 0;

  // go-yaml reads its input 512 bytes at a time (readerc.go), decoding each read whole into its character
  // buffer when the scanner asks for more characters than the buffer holds. Two things depend on it. A control
  // character is refused when the read that holds it is decoded, so a syntax error in an earlier read comes
  // first, and one past the reads the first document needed is never seen. And go-yaml's is_bom looks at the
  // start of that buffer, not at the position it is given: while the buffer starts with a BOM (a text that
  // begins with two), every line the scanner starts between tokens loses its first character, until a refill
  // moves the buffer. `skipped`: offsets of the lost characters.
  bomInBuffer: boolean;
  bufferEnd = 0; // our offset where the decoded characters end
  unreadPad = 0; // NULs go-yaml appended at the end of input
  rawEof = false;
  skipped: number[] = [];
  /** offsets of the tabs skipped between tokens (separation space to go-yaml; js-yaml refuses some, see GoYamlVerdict) */
  separationTabs: number[] = [];
  /** what go-yaml reads though it is indented less than js-yaml asks, in text order (see GoYamlVerdict) */
  underIndented: Array<{ at: number; lack: number }> = [];

  constructor(readonly text: string) {
    this.bomInBuffer = text.charCodeAt(0) === 0xfeff;
    // (the first read also held the BOM the reader took off: known here only when a second one follows)
    this.decodeChunk(INPUT_RAW_BUFFER_SIZE - (this.bomInBuffer ? 3 : 0));
  }

  // ---- reading (readerc.go, as far as the BOM quirk needs it)

  /** Decodes whole characters of up to `budget` bytes past bufferEnd, refusing a control character as go-yaml's reader. */
  decodeChunk(budget: number): void {
    const t = this.text;
    const from = this.bufferEnd;
    let i = from;
    // a read of plain ASCII (the common case) is 512 characters
    if (!NOT_ASCII.test(t.slice(i, i + budget))) i = Math.min(t.length, i + budget);
    else {
      while (i < t.length) {
        const c = t.codePointAt(i)!;
        const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (w > budget) break;
        budget -= w;
        i += c >= 0x10000 ? 2 : 1;
      }
    }
    this.bufferEnd = i;
    const bad = controlCharacterIn(t, from, i);
    if (bad >= 0) throw new GoYamlError(rawByteProblem(t, bad) ?? 'control characters are not allowed', bad, 'control');
  }

  unread(): number {
    return this.bufferEnd - this.pos + this.unreadPad;
  }

  /** cache(): the buffer must hold `n` characters; a refill moves it, and its start with it. */
  cache(n: number): void {
    if (this.bufferEnd - this.pos + this.unreadPad >= n) return;
    // the unread characters move to the start of the buffer
    if (this.bomInBuffer) this.bomInBuffer = this.pos < this.text.length && this.text.charCodeAt(this.pos) === 0xfeff;
    while (this.unread() < n) {
      if (this.bufferEnd >= this.text.length) {
        this.rawEof = true;
        this.unreadPad++;
        break;
      }
      this.decodeChunk(INPUT_RAW_BUFFER_SIZE);
    }
  }

  code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : 0;
  }

  /** The code of the character `k` characters ahead (for the few two- and four-character checks). */
  ahead(k: number): number {
    let p = this.pos;
    for (let j = 0; j < k; j++) p += this.width(p);
    return this.code(p);
  }

  width(at: number): number {
    const c = this.text.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.text.charCodeAt(at + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return at < this.text.length ? 1 : 0;
  }

  isZ(at = this.pos): boolean {
    return at >= this.text.length;
  }
  isBlank(at = this.pos): boolean {
    return isBlankCode(this.code(at));
  }
  isBreak(at = this.pos): boolean {
    return at < this.text.length && isBreakCode(this.text.charCodeAt(at));
  }
  isBreakZ(at = this.pos): boolean {
    return this.isZ(at) || this.isBreak(at);
  }
  isBlankZ(at = this.pos): boolean {
    return this.isBlank(at) || this.isBreakZ(at);
  }

  mark(): Mark {
    return { index: this.index, line: this.line, column: this.column, pos: this.pos };
  }

  skip(): void {
    this.index++;
    this.column++;
    if (this.pos >= this.text.length) {
      if (this.unreadPad > 0) this.unreadPad--;
      return;
    }
    this.pos += this.width(this.pos);
  }

  skipLine(): void {
    if (this.code() === 0x0d && this.code(this.pos + 1) === 0x0a) {
      this.index += 2;
      this.column = 0;
      this.line++;
      this.pos += 2;
    } else if (this.isBreak()) {
      this.index++;
      this.column = 0;
      this.line++;
      this.pos++;
    } else return;
    if (this.flowLevel > 0) {
      // only the lines indented less than js-yaml asks (a JSON file is one flow collection of many lines)
      let spaces = 0;
      while (this.text.charCodeAt(this.pos + spaces) === 0x20) spaces++;
      // (a document marker is go-yaml's error, never read by js-yaml; kept as it is all the same)
      const marker = spaces === 0 && /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(this.text.slice(this.pos, this.pos + 4));
      if (spaces <= this.indent && !marker) this.underIndented.push({ at: this.pos, lack: this.indent + 1 - spaces });
    }
  }

  /** read_line: like skip_line, but a lone CR or LF, NEL, LS, PS all count one line. */
  readLine(): void {
    this.skipLine();
  }

  error(context: string, contextMark: Mark, problem: string): never {
    throw scannerError(context, contextMark, problem, this.mark());
  }

  // ---- the token queue

  insertToken(at: number, token: Token): void {
    // at: -1 appends; otherwise the place counted from the queue's head
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + at, 0, token);
  }

  /** yaml_parser_fetch_more_tokens */
  fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const i = this.simpleKeysByTok.get(this.tokensParsed);
        if (i === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[i]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead]!;
  }

  skipToken(): void {
    this.tokenAvailable = false;
    // an entry for a consumed token is never looked up again (go-yaml keeps stale entries; dropping them changes
    // nothing but the memory a long file's stale keys would hold)
    this.simpleKeysByTok.delete(this.tokensParsed);
    this.tokensParsed++;
    this.consumedEnd = this.tokens[this.tokensHead]!.end.pos;
    this.streamEndProduced = this.tokens[this.tokensHead]!.type === T.STREAM_END;
    this.tokensHead++;
    // drop what the parser has consumed, now and then, so a long file's queue stays short
    if (this.tokensHead > 1024 && this.tokensHead * 2 > this.tokens.length) {
      this.tokens.splice(0, this.tokensHead);
      this.tokensHead = 0;
    }
  }

  /** yaml_parser_fetch_next_token */
  fetchNextToken(): void {
    this.cache(1);
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.column);
    this.cache(4);
    if (this.isZ()) return this.fetchStreamEnd();
    const c = this.code();
    if (this.column === 0 && c === 0x25 /* % */) return this.fetchDirective();
    if (this.column === 0 && (c === 0x2d || c === 0x2e) && this.ahead(1) === c && this.ahead(2) === c && this.isBlankZAhead(3)) {
      return this.fetchDocumentIndicator(c === 0x2d ? T.DOCUMENT_START : T.DOCUMENT_END);
    }
    switch (c) {
      case 0x5b: return this.fetchFlowCollectionStart(T.FLOW_SEQUENCE_START);
      case 0x7b: return this.fetchFlowCollectionStart(T.FLOW_MAPPING_START);
      case 0x5d: return this.fetchFlowCollectionEnd(T.FLOW_SEQUENCE_END);
      case 0x7d: return this.fetchFlowCollectionEnd(T.FLOW_MAPPING_END);
      case 0x2c: return this.fetchFlowEntry();
    }
    const nextBlankZ = this.isBlankZAhead(1);
    if (c === 0x2d && nextBlankZ) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || nextBlankZ)) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || nextBlankZ)) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(T.ALIAS);
    if (c === 0x26) return this.fetchAnchor(T.ANCHOR);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    const indicator = '-?:,[]{}#&*!|>\'"%@`'.includes(this.text[this.pos]!);
    if (
      !(this.isBlankZ() || indicator) ||
      (c === 0x2d && !isBlankCode(this.ahead(1))) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !nextBlankZ)
    ) {
      return this.fetchPlainScalar();
    }
    this.error('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  isBlankZAhead(k: number): boolean {
    let p = this.pos;
    for (let j = 0; j < k; j++) p += Math.max(1, this.width(p));
    return this.isBlankZ(p);
  }

  /** yaml_simple_key_is_valid */
  simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) this.error('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark() };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i]!;
    if (key.possible) {
      if (key.required) this.error('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark() });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.error('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1]!.mark, 'exceeded max depth of 10000');
  }

  decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      // as go-yaml v2 (2.4.0 and go.yaml.in 2.4.3): the placeholder a flow collection pushed has the token number
      // of the collection's own start, which is also the number of the simple key that start saved one level
      // out. Deleting the placeholder's entry forgets that key, so the parser takes `{}` of `{}: x` as a whole
      // document before the `:` makes it a key (goYamlVerdict's strayEnd).
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > 10000) this.error('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1]!.mark, 'exceeded max depth of 10000');
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, { type, start: mark, end: mark });
    }
  }

  unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, { type: T.BLOCK_END, start: m, end: m });
      this.indent = this.indents.pop()!;
    }
  }

  fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insertToken(-1, { type: T.STREAM_START, start: m, end: m });
  }

  fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, { type: T.STREAM_END, start: m, end: m });
  }

  fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  fetchDocumentIndicator(type: T): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  fetchFlowCollectionStart(type: T): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  fetchFlowCollectionEnd(type: T): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: T.FLOW_ENTRY, start, end: this.mark() });
  }

  fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, T.BLOCK_SEQUENCE_START, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: T.BLOCK_ENTRY, start, end: this.mark() });
  }

  fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, T.BLOCK_MAPPING_START, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: T.KEY, start, end: this.mark() });
  }

  fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: T.KEY, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, T.BLOCK_MAPPING_START, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      // there cannot be two simple keys one after another
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.error('', this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, T.BLOCK_MAPPING_START, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: T.VALUE, start, end: this.mark() });
  }

  fetchAnchor(type: T): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  fetchBlockScalar(literal: boolean): void {
    if (this.flowLevel === 0 && this.column <= this.indent) this.underIndented.push({ at: this.pos, lack: this.indent - this.column + 1 });
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  /** yaml_parser_scan_to_next_token */
  scanToNextToken(): void {
    for (;;) {
      this.cache(1);
      if (this.column === 0 && this.bomInBuffer) {
        if (this.pos < this.text.length) this.skipped.push(this.pos);
        this.skip();
      }
      this.cache(1);
      while (this.code() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.code() === 0x09)) {
        if (this.code() === 0x09) this.separationTabs.push(this.pos);
        this.skip();
        this.cache(1);
      }
      if (this.code() === 0x23 && !this.isZ()) {
        while (!this.isBreakZ()) {
          this.skip();
          this.cache(1);
        }
      }
      if (this.isBreak()) {
        this.cache(2);
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: T.VERSION_DIRECTIVE, start, end: this.mark(), major, minor };
    } else if (name === 'TAG') {
      const handle = this.scanTagDirectiveValue(start);
      token = { type: T.TAG_DIRECTIVE, start, end: this.mark(), value: handle };
    } else {
      this.error('while scanning a directive', start, 'found unknown directive name');
    }
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    if (this.code() === 0x23 && !this.isZ()) {
      while (!this.isBreakZ()) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakZ()) this.error('while scanning a directive', start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      this.cache(2);
      this.skipLine();
    }
    return token;
  }

  scanDirectiveName(start: Mark): string {
    this.cache(1);
    const from = this.pos;
    while (isAlphaCode(this.code()) && !this.isZ()) {
      this.skip();
      this.cache(1);
    }
    if (this.pos === from) this.error('while scanning a directive', start, 'could not find expected directive name');
    if (!this.isBlankZ()) this.error('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return this.text.slice(from, this.pos);
  }

  scanVersionDirectiveValue(start: Mark): [number, number] {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (this.code() !== 0x2e) this.error('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  scanVersionDirectiveNumber(start: Mark): number {
    this.cache(1);
    let value = 0;
    let length = 0;
    while (isDigitCode(this.code()) && !this.isZ()) {
      length++;
      if (length > 2) this.error('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.code() - 0x30);
      this.skip();
      this.cache(1);
    }
    if (length === 0) this.error('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  scanTagDirectiveValue(start: Mark): string {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    const handle = this.scanTagHandle(true, start);
    this.cache(1);
    if (!this.isBlank()) this.error('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    this.scanTagUri(true, '', start);
    this.cache(1);
    if (!this.isBlankZ()) this.error('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return handle;
  }

  scanAnchor(type: T): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    const from = this.pos;
    while (isAlphaCode(this.code()) && !this.isZ()) {
      this.skip();
      this.cache(1);
    }
    const end = this.mark();
    const c = this.code();
    if (this.pos === from || !(this.isBlankZ() || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60)) {
      this.error(type === T.ANCHOR ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: this.text.slice(from, this.pos) };
  }

  scanTag(): Token {
    const start = this.mark();
    this.cache(2);
    let handle = '';
    if (this.ahead(1) === 0x3c /* < */) {
      this.skip();
      this.skip();
      this.scanTagUri(false, '', start);
      if (this.code() !== 0x3e || this.isZ()) this.error('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        this.scanTagUri(false, '', start);
      } else {
        const suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix.length === 0) handle = '';
      }
    }
    this.cache(1);
    if (!this.isBlankZ()) this.error('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: T.TAG, start, end: this.mark(), value: handle };
  }

  scanTagHandle(directive: boolean, start: Mark): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    this.cache(1);
    if (this.code() !== 0x21 || this.isZ()) this.error(context, start, "did not find expected '!'");
    const from = this.pos;
    this.skip();
    this.cache(1);
    while (isAlphaCode(this.code()) && !this.isZ()) {
      this.skip();
      this.cache(1);
    }
    if (this.code() === 0x21 && !this.isZ()) {
      this.skip();
    } else if (directive && this.text.slice(from, this.pos) !== '!') {
      this.error(context, start, "did not find expected '!'");
    }
    return this.text.slice(from, this.pos);
  }

  /** Returns the URI as far as its length matters (empty or not). */
  scanTagUri(directive: boolean, head: string, start: Mark): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    this.cache(1);
    for (;;) {
      const c = this.code();
      if (this.isZ() || !(isAlphaCode(c) || URI_CHARS.has(c) || c === 0x25)) break;
      if (c === 0x25) {
        // yaml_parser_scan_uri_escapes
        let w = 1024;
        while (w > 0) {
          this.cache(3);
          if (!(this.code() === 0x25 && isHexCode(this.ahead(1)) && isHexCode(this.ahead(2)))) this.error(context, start, 'did not find URI escaped octet');
          const octet = parseInt(String.fromCharCode(this.ahead(1), this.ahead(2)), 16);
          if (w === 1024) {
            w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
            if (w === 0) this.error(context, start, 'found an incorrect leading UTF-8 octet');
          } else if ((octet & 0xc0) !== 0x80) {
            this.error(context, start, 'found an incorrect trailing UTF-8 octet');
          }
          s += 'x';
          this.skip();
          this.skip();
          this.skip();
          w--;
        }
      } else {
        s += 'x';
        this.skip();
      }
      this.cache(1);
      hasTag = true;
    }
    if (!hasTag) this.error(context, start, 'did not find expected tag URI');
    return s;
  }

  scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    let increment = 0;
    const ctx = 'while scanning a block scalar';
    if (this.code() === 0x2b || this.code() === 0x2d) {
      this.skip();
      this.cache(1);
      if (isDigitCode(this.code())) {
        if (this.code() === 0x30) this.error(ctx, start, 'found an indentation indicator equal to 0');
        increment = this.code() - 0x30;
        this.skip();
      }
    } else if (isDigitCode(this.code())) {
      if (this.code() === 0x30) this.error(ctx, start, 'found an indentation indicator equal to 0');
      increment = this.code() - 0x30;
      this.skip();
      this.cache(1);
      if (this.code() === 0x2b || this.code() === 0x2d) this.skip();
    }
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    if (this.code() === 0x23 && !this.isZ()) {
      while (!this.isBreakZ()) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakZ()) this.error(ctx, start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      this.cache(2);
      this.skipLine();
    }
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    indent = this.scanBlockScalarBreaks(indent, start);
    this.cache(1);
    while (this.column === indent && !this.isZ()) {
      while (!this.isBreakZ()) {
        this.skip();
        this.cache(1);
      }
      this.cache(2);
      this.readLine();
      indent = this.scanBlockScalarBreaks(indent, start);
      this.cache(1);
    }
    return { type: T.SCALAR, start, end: this.mark() };
  }

  scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      this.cache(1);
      while ((indent === 0 || this.column < indent) && this.code() === 0x20 && !this.isZ()) {
        this.skip();
        this.cache(1);
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.code() === 0x09 && !this.isZ()) {
        this.error('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak()) break;
      this.cache(2);
      this.readLine();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return indent;
  }

  scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    for (;;) {
      this.cache(4);
      const c0 = this.code();
      if (this.column === 0 && (c0 === 0x2d || c0 === 0x2e) && this.ahead(1) === c0 && this.ahead(2) === c0 && this.isBlankZAhead(3)) {
        this.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.isZ()) this.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!this.isBlankZ()) {
        const c = this.code();
        if (single && c === 0x27 && this.ahead(1) === 0x27) {
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c && this.isBreak(this.pos + 1)) {
          this.cache(3);
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          let codeLength = 0;
          const e = this.ahead(1);
          switch (e) {
            case 0x30: case 0x61: case 0x62: case 0x74: case 0x09: case 0x6e: case 0x76: case 0x66: case 0x72: case 0x65:
            case 0x20: case 0x22: case 0x27: case 0x5c: case 0x4e: case 0x5f: case 0x4c: case 0x50:
              break;
            case 0x78: codeLength = 2; break;
            case 0x75: codeLength = 4; break;
            case 0x55: codeLength = 8; break;
            default:
              this.error('while parsing a quoted scalar', start, 'found unknown escape character');
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            this.cache(codeLength);
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              const h = this.ahead(k);
              if (!isHexCode(h)) this.error('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(String.fromCharCode(h), 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.error('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          this.skip();
        }
        this.cache(2);
      }
      this.cache(1);
      if (single ? this.code() === 0x27 : this.code() === 0x22) {
        if (!this.isZ()) break;
      }
      this.cache(1);
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          this.skip();
        } else {
          this.cache(2);
          if (!leadingBlanks) leadingBlanks = true;
          this.readLine();
        }
        this.cache(1);
      }
    }
    this.skip();
    return { type: T.SCALAR, start, end: this.mark() };
  }

  scanPlainScalar(): Token {
    const start = this.mark();
    let end = this.mark();
    let leadingBlanks = false;
    const indent = this.indent + 1;
    for (;;) {
      this.cache(4);
      const c0 = this.code();
      if (this.column === 0 && (c0 === 0x2d || c0 === 0x2e) && this.ahead(1) === c0 && this.ahead(2) === c0 && this.isBlankZAhead(3)) break;
      if (c0 === 0x23 && !this.isZ()) break;
      while (!this.isBlankZ()) {
        const c = this.code();
        if (
          (c === 0x3a && this.isBlankZAhead(1)) ||
          (this.flowLevel > 0 && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) {
          break;
        }
        if (leadingBlanks) leadingBlanks = false;
        this.skip();
        end = this.mark();
        this.cache(2);
      }
      if (!(this.isBlank() || this.isBreak())) break;
      this.cache(1);
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.code() === 0x09) {
            this.error('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          this.skip();
        } else {
          this.cache(2);
          leadingBlanks = true;
          this.readLine();
        }
        this.cache(1);
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: T.SCALAR, start, end, plain: true };
  }
}

/** decode.go's fail() for a scanner error: the problem's line 1-based, or the context's 0-based line. */
function scannerError(_context: string, contextMark: Mark, problem: string, problemMark: Mark): GoYamlError {
  const line = problemMark.line !== 0 ? problemMark.line + 1 : contextMark.line;
  return new GoYamlError(line !== 0 ? `line ${line}: ${problem}` : problem, problemMark.pos, problem.startsWith('exceeded max depth') ? 'depth' : 'syntax');
}

/** decode.go's fail() for a parser error: the problem's line, 0-based (go-yaml's own quirk), or the context's. */
function parserError(contextMark: Mark | undefined, problem: string, problemMark: Mark): GoYamlError {
  const line = problemMark.line !== 0 ? problemMark.line : contextMark?.line ?? 0;
  return new GoYamlError(line !== 0 ? `line ${line}: ${problem}` : problem, problemMark.pos);
}

const enum S {
  STREAM_START,
  IMPLICIT_DOCUMENT_START,
  DOCUMENT_START,
  DOCUMENT_CONTENT,
  DOCUMENT_END,
  BLOCK_NODE,
  BLOCK_NODE_OR_INDENTLESS_SEQUENCE,
  FLOW_NODE,
  BLOCK_SEQUENCE_FIRST_ENTRY,
  BLOCK_SEQUENCE_ENTRY,
  INDENTLESS_SEQUENCE_ENTRY,
  BLOCK_MAPPING_FIRST_KEY,
  BLOCK_MAPPING_KEY,
  BLOCK_MAPPING_VALUE,
  FLOW_SEQUENCE_FIRST_ENTRY,
  FLOW_SEQUENCE_ENTRY,
  FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
  FLOW_SEQUENCE_ENTRY_MAPPING_VALUE,
  FLOW_SEQUENCE_ENTRY_MAPPING_END,
  FLOW_MAPPING_FIRST_KEY,
  FLOW_MAPPING_KEY,
  FLOW_MAPPING_VALUE,
  FLOW_MAPPING_EMPTY_VALUE,
  END,
}

const enum E {
  STREAM_START,
  STREAM_END,
  DOCUMENT_START,
  DOCUMENT_END,
  ALIAS,
  SCALAR,
  SEQUENCE_START,
  SEQUENCE_END,
  MAPPING_START,
  MAPPING_END,
}

interface Event {
  type: E;
  anchor?: string;
  mark: Mark;
  /** DOCUMENT_END: ended by a token that is no document boundary */
  stray?: boolean;
  /** DOCUMENT_END: where the document's last token ends */
  contentEnd?: number;
}

/** The parser (parserc.go): one event per call, as decode.go pulls them. */
class Parser {
  state = S.STREAM_START;
  states: S[] = [];
  marks: Mark[] = [];
  tagHandles: string[] = [];

  constructor(readonly s: Scanner) {}

  pop(): S {
    return this.states.pop()!;
  }

  next(): Event {
    const s = this.s;
    switch (this.state) {
      case S.STREAM_START: {
        const t = s.peek();
        this.state = S.IMPLICIT_DOCUMENT_START;
        s.skipToken();
        return { type: E.STREAM_START, mark: t.start };
      }
      case S.IMPLICIT_DOCUMENT_START:
        return this.documentStart(true);
      case S.DOCUMENT_START:
        return this.documentStart(false);
      case S.DOCUMENT_CONTENT: {
        const t = s.peek();
        if (t.type === T.VERSION_DIRECTIVE || t.type === T.TAG_DIRECTIVE || t.type === T.DOCUMENT_START || t.type === T.DOCUMENT_END || t.type === T.STREAM_END) {
          this.state = this.pop();
          return { type: E.SCALAR, mark: t.start };
        }
        return this.node(true, false);
      }
      case S.DOCUMENT_END: {
        const t = s.peek();
        // a token that is no document boundary (what a stale simple key left, say) ends the document all the same
        const stray = !(t.type === T.DOCUMENT_END || t.type === T.DOCUMENT_START || t.type === T.STREAM_END || t.type === T.VERSION_DIRECTIVE || t.type === T.TAG_DIRECTIVE);
        const contentEnd = s.consumedEnd;
        if (t.type === T.DOCUMENT_END) s.skipToken();
        this.tagHandles = [];
        this.state = S.DOCUMENT_START;
        return { type: E.DOCUMENT_END, mark: t.start, stray, contentEnd };
      }
      case S.BLOCK_NODE:
        return this.node(true, false);
      case S.BLOCK_NODE_OR_INDENTLESS_SEQUENCE:
        return this.node(true, true);
      case S.FLOW_NODE:
        return this.node(false, false);
      case S.BLOCK_SEQUENCE_FIRST_ENTRY:
      case S.BLOCK_SEQUENCE_ENTRY: {
        if (this.state === S.BLOCK_SEQUENCE_FIRST_ENTRY) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type === T.BLOCK_ENTRY) {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (t.type !== T.BLOCK_ENTRY && t.type !== T.BLOCK_END) {
            this.states.push(S.BLOCK_SEQUENCE_ENTRY);
            return this.node(true, false);
          }
          this.state = S.BLOCK_SEQUENCE_ENTRY;
          return { type: E.SCALAR, mark };
        }
        if (t.type === T.BLOCK_END) {
          this.state = this.pop();
          this.marks.pop();
          s.skipToken();
          return { type: E.SEQUENCE_END, mark: t.start };
        }
        throw parserError(this.marks.pop(), "did not find expected '-' indicator", t.start);
      }
      case S.INDENTLESS_SEQUENCE_ENTRY: {
        let t = s.peek();
        if (t.type === T.BLOCK_ENTRY) {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (t.type !== T.BLOCK_ENTRY && t.type !== T.KEY && t.type !== T.VALUE && t.type !== T.BLOCK_END) {
            this.states.push(S.INDENTLESS_SEQUENCE_ENTRY);
            return this.node(true, false);
          }
          this.state = S.INDENTLESS_SEQUENCE_ENTRY;
          return { type: E.SCALAR, mark };
        }
        this.state = this.pop();
        return { type: E.SEQUENCE_END, mark: t.start };
      }
      case S.BLOCK_MAPPING_FIRST_KEY:
      case S.BLOCK_MAPPING_KEY: {
        if (this.state === S.BLOCK_MAPPING_FIRST_KEY) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type === T.KEY) {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (t.type !== T.KEY && t.type !== T.VALUE && t.type !== T.BLOCK_END) {
            this.states.push(S.BLOCK_MAPPING_VALUE);
            return this.node(true, true);
          }
          this.state = S.BLOCK_MAPPING_VALUE;
          return { type: E.SCALAR, mark };
        }
        if (t.type === T.BLOCK_END) {
          this.state = this.pop();
          this.marks.pop();
          s.skipToken();
          return { type: E.MAPPING_END, mark: t.start };
        }
        throw parserError(this.marks.pop(), 'did not find expected key', t.start);
      }
      case S.BLOCK_MAPPING_VALUE: {
        let t = s.peek();
        if (t.type === T.VALUE) {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (t.type !== T.KEY && t.type !== T.VALUE && t.type !== T.BLOCK_END) {
            this.states.push(S.BLOCK_MAPPING_KEY);
            return this.node(true, true);
          }
          this.state = S.BLOCK_MAPPING_KEY;
          return { type: E.SCALAR, mark };
        }
        this.state = S.BLOCK_MAPPING_KEY;
        return { type: E.SCALAR, mark: t.start };
      }
      case S.FLOW_SEQUENCE_FIRST_ENTRY:
      case S.FLOW_SEQUENCE_ENTRY: {
        const first = this.state === S.FLOW_SEQUENCE_FIRST_ENTRY;
        if (first) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type !== T.FLOW_SEQUENCE_END) {
          if (!first) {
            if (t.type === T.FLOW_ENTRY) {
              s.skipToken();
              t = s.peek();
            } else {
              throw parserError(this.marks.pop(), "did not find expected ',' or ']'", t.start);
            }
          }
          if (t.type === T.KEY) {
            this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
            s.skipToken();
            return { type: E.MAPPING_START, mark: t.start };
          } else if (t.type !== T.FLOW_SEQUENCE_END) {
            this.states.push(S.FLOW_SEQUENCE_ENTRY);
            return this.node(false, false);
          }
        }
        this.state = this.pop();
        this.marks.pop();
        s.skipToken();
        return { type: E.SEQUENCE_END, mark: t.start };
      }
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY: {
        const t = s.peek();
        if (t.type !== T.VALUE && t.type !== T.FLOW_ENTRY && t.type !== T.FLOW_SEQUENCE_END) {
          this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
          return this.node(false, false);
        }
        const mark = t.end;
        s.skipToken();
        this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
        return { type: E.SCALAR, mark };
      }
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: {
        let t = s.peek();
        if (t.type === T.VALUE) {
          s.skipToken();
          t = s.peek();
          if (t.type !== T.FLOW_ENTRY && t.type !== T.FLOW_SEQUENCE_END) {
            this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_END);
            return this.node(false, false);
          }
        }
        this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_END;
        return { type: E.SCALAR, mark: t.start };
      }
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_END: {
        const t = s.peek();
        this.state = S.FLOW_SEQUENCE_ENTRY;
        return { type: E.MAPPING_END, mark: t.start };
      }
      case S.FLOW_MAPPING_FIRST_KEY:
      case S.FLOW_MAPPING_KEY: {
        const first = this.state === S.FLOW_MAPPING_FIRST_KEY;
        if (first) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type !== T.FLOW_MAPPING_END) {
          if (!first) {
            if (t.type === T.FLOW_ENTRY) {
              s.skipToken();
              t = s.peek();
            } else {
              throw parserError(this.marks.pop(), "did not find expected ',' or '}'", t.start);
            }
          }
          if (t.type === T.KEY) {
            s.skipToken();
            t = s.peek();
            if (t.type !== T.VALUE && t.type !== T.FLOW_ENTRY && t.type !== T.FLOW_MAPPING_END) {
              this.states.push(S.FLOW_MAPPING_VALUE);
              return this.node(false, false);
            }
            this.state = S.FLOW_MAPPING_VALUE;
            return { type: E.SCALAR, mark: t.start };
          } else if (t.type !== T.FLOW_MAPPING_END) {
            this.states.push(S.FLOW_MAPPING_EMPTY_VALUE);
            return this.node(false, false);
          }
        }
        this.state = this.pop();
        this.marks.pop();
        s.skipToken();
        return { type: E.MAPPING_END, mark: t.start };
      }
      case S.FLOW_MAPPING_VALUE:
      case S.FLOW_MAPPING_EMPTY_VALUE: {
        let t = s.peek();
        if (this.state === S.FLOW_MAPPING_EMPTY_VALUE) {
          this.state = S.FLOW_MAPPING_KEY;
          return { type: E.SCALAR, mark: t.start };
        }
        if (t.type === T.VALUE) {
          s.skipToken();
          t = s.peek();
          if (t.type !== T.FLOW_ENTRY && t.type !== T.FLOW_MAPPING_END) {
            this.states.push(S.FLOW_MAPPING_KEY);
            return this.node(false, false);
          }
        }
        this.state = S.FLOW_MAPPING_KEY;
        return { type: E.SCALAR, mark: t.start };
      }
      case S.END:
        return { type: E.STREAM_END, mark: s.mark() };
    }
  }

  documentStart(implicit: boolean): Event {
    const s = this.s;
    let t = s.peek();
    if (!implicit) {
      while (t.type === T.DOCUMENT_END) {
        s.skipToken();
        t = s.peek();
      }
    }
    if (implicit && t.type !== T.VERSION_DIRECTIVE && t.type !== T.TAG_DIRECTIVE && t.type !== T.DOCUMENT_START && t.type !== T.STREAM_END) {
      this.processDirectives();
      this.states.push(S.DOCUMENT_END);
      this.state = S.BLOCK_NODE;
      return { type: E.DOCUMENT_START, mark: t.start };
    }
    if (t.type !== T.STREAM_END) {
      this.processDirectives();
      t = s.peek();
      if (t.type !== T.DOCUMENT_START) throw parserError(undefined, 'did not find expected <document start>', t.start);
      this.states.push(S.DOCUMENT_END);
      this.state = S.DOCUMENT_CONTENT;
      s.skipToken();
      return { type: E.DOCUMENT_START, mark: t.start };
    }
    this.state = S.END;
    s.skipToken();
    return { type: E.STREAM_END, mark: t.start };
  }

  processDirectives(): void {
    const s = this.s;
    let seenVersion = false;
    let t = s.peek();
    while (t.type === T.VERSION_DIRECTIVE || t.type === T.TAG_DIRECTIVE) {
      if (t.type === T.VERSION_DIRECTIVE) {
        if (seenVersion) throw parserError(undefined, 'found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) throw parserError(undefined, 'found incompatible YAML document', t.start);
        seenVersion = true;
      } else {
        if (this.tagHandles.includes(t.value!)) throw parserError(undefined, 'found duplicate %TAG directive', t.start);
        this.tagHandles.push(t.value!);
      }
      s.skipToken();
      t = s.peek();
    }
    for (const h of ['!', '!!']) if (!this.tagHandles.includes(h)) this.tagHandles.push(h);
  }

  /** yaml_parser_parse_node */
  node(block: boolean, indentlessSequence: boolean): Event {
    const s = this.s;
    let t = s.peek();
    if (t.type === T.ALIAS) {
      this.state = this.pop();
      s.skipToken();
      return { type: E.ALIAS, anchor: t.value, mark: t.start };
    }
    const startMark = t.start;
    let anchor: string | undefined;
    let tagHandle: string | undefined;
    let tagMark: Mark | undefined;
    if (t.type === T.ANCHOR) {
      anchor = t.value;
      s.skipToken();
      t = s.peek();
      if (t.type === T.TAG) {
        tagHandle = t.value;
        tagMark = t.start;
        s.skipToken();
        t = s.peek();
      }
    } else if (t.type === T.TAG) {
      tagHandle = t.value;
      tagMark = t.start;
      s.skipToken();
      t = s.peek();
      if (t.type === T.ANCHOR) {
        anchor = t.value;
        s.skipToken();
        t = s.peek();
      }
    }
    if (tagHandle !== undefined && tagHandle !== '' && !this.tagHandles.includes(tagHandle)) {
      throw parserError(startMark, 'found undefined tag handle', tagMark!);
    }
    const hasTag = tagHandle !== undefined;
    if (indentlessSequence && t.type === T.BLOCK_ENTRY) {
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return { type: E.SEQUENCE_START, anchor, mark: startMark };
    }
    if (t.type === T.SCALAR) {
      this.state = this.pop();
      s.skipToken();
      return { type: E.SCALAR, anchor, mark: startMark };
    }
    if (t.type === T.FLOW_SEQUENCE_START) {
      this.state = S.FLOW_SEQUENCE_FIRST_ENTRY;
      return { type: E.SEQUENCE_START, anchor, mark: startMark };
    }
    if (t.type === T.FLOW_MAPPING_START) {
      this.state = S.FLOW_MAPPING_FIRST_KEY;
      return { type: E.MAPPING_START, anchor, mark: startMark };
    }
    if (block && t.type === T.BLOCK_SEQUENCE_START) {
      this.state = S.BLOCK_SEQUENCE_FIRST_ENTRY;
      return { type: E.SEQUENCE_START, anchor, mark: startMark };
    }
    if (block && t.type === T.BLOCK_MAPPING_START) {
      this.state = S.BLOCK_MAPPING_FIRST_KEY;
      return { type: E.MAPPING_START, anchor, mark: startMark };
    }
    if (anchor !== undefined || hasTag) {
      this.state = this.pop();
      return { type: E.SCALAR, anchor, mark: startMark };
    }
    throw parserError(startMark, 'did not find expected node content', t.start);
  }
}

/** What go-yaml makes of a text, as far as the values reader needs it. */
export interface GoYamlVerdict {
  /** go-yaml's error while parsing the first document (syntax, or an alias to an unknown anchor) */
  error?: GoYamlError;
  /** characters go-yaml's BOM quirk dropped (see Scanner.bomInBuffer): read them as spaces */
  dropped: number[];
  /**
   * tabs go-yaml skipped as separation space between tokens (`g: \t[]`, `[1,\t2]`): js-yaml refuses a tab
   * before a flow collection after a block mapping's `:` ("deficient indentation"), so they are read as the
   * spaces they are to go-yaml (a tab is never part of a scalar there, nor indentation)
   */
  tabs: number[];
  /**
   * what go-yaml reads though it is indented less than js-yaml asks, each place (ascending) with the columns it
   * lacks: block scalar headers not indented past the block they are in (`a:\n|\n x` is {a: "x\n"}), and lines
   * inside flow collections not indented past the block around them (go-yaml asks nothing of them: `a: [1,\n2]` is
   * {a: [1, 2]}). The leading blanks there are never part of a value, so the reader reads them indented.
   */
  underIndented: Array<{ at: number; lack: number }>;
  /** where the first document ends (the token after it), when something follows it: the rest is never read */
  end?: number;
  /**
   * where the first document's last token ends, when go-yaml's parser ended that document on a token that is
   * no document boundary (`{}: x`: go-yaml v2 forgets the simple key a flow collection starts, see
   * Scanner.decreaseFlowLevel, so the document is `{}` and the `: x` after it is never read)
   */
  strayEnd?: number;
}

/**
 * Parses the first document of `text` (one YAML stream, its first BOM already taken off) as go-yaml v2's
 * Unmarshal does, collecting anchors as decode.go does: the first error it meets, in its order.
 */
export function goYamlVerdict(text: string): GoYamlVerdict {
  let scanner: Scanner | undefined;
  const anchors = new Set<string>();
  try {
    scanner = new Scanner(text);
    const parser = new Parser(scanner);
    for (;;) {
      const e = parser.next();
      switch (e.type) {
        case E.STREAM_START:
          continue;
        case E.STREAM_END:
          return { dropped: scanner.skipped, tabs: scanner.separationTabs, underIndented: scanner.underIndented };
        case E.DOCUMENT_START:
          continue;
        case E.DOCUMENT_END:
          return { dropped: scanner.skipped, tabs: scanner.separationTabs, underIndented: scanner.underIndented, end: e.mark.pos, ...(e.stray ? { strayEnd: e.contentEnd } : {}) };
        case E.ALIAS:
          if (!anchors.has(e.anchor!)) throw new GoYamlError(`unknown anchor '${e.anchor}' referenced`, e.mark.pos, 'unknown-anchor');
          break;
        case E.SCALAR:
          if (e.anchor !== undefined) anchors.add(e.anchor);
          break;
        case E.SEQUENCE_START:
        case E.MAPPING_START:
          if (e.anchor !== undefined) anchors.add(e.anchor);
          continue;
        case E.SEQUENCE_END:
        case E.MAPPING_END:
          break;
      }
    }
  } catch (e) {
    if (e instanceof GoYamlError) return { error: e, dropped: scanner?.skipped ?? [], tabs: [], underIndented: [] };
    throw e;
  }
}
