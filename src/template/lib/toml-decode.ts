// Helm's `fromToml`: BurntSushi/toml's decoder (lex.go, parse.go) into map[string]interface{}, with its
// error texts. Helm 3.17.1 bundles v1.4.0 (TOML 1.0), Helm 4.1.4 v1.6.0 (TOML 1.1 by default: newlines and
// trailing commas in inline tables, `\e` and `\xHH` escapes, times without seconds) and a few reworded
// errors and error lines. The lexer is the same state machine as Go's (states return the next state, items
// queue up), so that errors surface in the same order and on the same line.
import { goQuote, goQuoteRune } from '../../values/gofmt.js';
import { GoInt, type GoMap, type Val } from '../../values/model.js';
import { GoTime, parseTime } from './time.js';

type Release = 3 | 4;

/** Arrays made by `[[table]]` headers: Go's []map[string]interface {} (not []interface {}). */
const TABLE_ARRAYS = new WeakSet<object>();

/** Whether `v` is an array of tables (Go's []map[string]interface {}), as fromToml made it. */
export function isTableArray(v: unknown): boolean {
  return typeof v === 'object' && v !== null && TABLE_ARRAYS.has(v);
}

/** A decoded TOML value: the loader's values plus Go's time.Time. */
export type TomlValue = Val | GoTime;

const enum It {
  Error, EOF, Text, String, StringEsc, RawString, MultilineString, RawMultilineString, Bool, Integer, Float, Datetime,
  Array, ArrayEnd, TableStart, TableEnd, ArrayTableStart, ArrayTableEnd, KeyStart, KeyEnd, CommentStart,
  InlineTableStart, InlineTableEnd,
}

interface Item {
  typ: It;
  val: string;
  err?: string;
  line: number;
}

const EOF = -1;
type State = ((lx: Lexer) => State) | null;

class ParseError extends Error {}
class Bug extends Error {}

const isWhitespace = (r: number) => r === 0x09 || r === 0x20;
const isNL = (r: number) => r === 0x0a || r === 0x0d;
const isControl = (r: number) => r !== 0x09 && r !== 0x0a && r !== 0x0d && ((r >= 0 && r <= 0x1f) || r === 0x7f);
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;
const isBinary = (r: number) => r === 0x30 || r === 0x31;
const isOctal = (r: number) => r >= 0x30 && r <= 0x37;
const isHex = (r: number) => isDigit(r) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x66);
const isBareKeyChar = (r: number) => (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || isDigit(r) || r === 0x5f || r === 0x2d;
const isLetter = (r: number) => r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));
const ch = (c: string) => c.codePointAt(0)!;

/** Go's %q of a rune (eof is Go's rune 0). */
function q(r: number): string {
  return goQuoteRune(String.fromCodePoint(r === EOF ? 0 : r));
}

function runeOrEOF(r: number): string {
  return r === EOF ? 'end of file' : `'${String.fromCodePoint(r)}'`;
}

class Lexer {
  start = 0;
  pos = 0;
  line = 1;
  state: State = lexTop;
  items: Item[] = [];
  esc = false;
  prevWidths = [0, 0, 0, 0];
  nprev = 0;
  atEOF = false;
  stack: Array<(lx: Lexer) => State> = [];

  constructor(
    readonly input: string,
    readonly release: Release,
  ) {}

  nextItem(): Item {
    for (;;) {
      const it = this.items.shift();
      if (it) return it;
      if (!this.state) throw new Bug('BUG: lexer stopped without an item');
      this.state = this.state(this);
    }
  }

  push(s: (lx: Lexer) => State): void {
    this.stack.push(s);
  }

  pop(): State {
    const s = this.stack.pop();
    if (!s) throw new Bug('BUG in lexer: no states to pop');
    return s;
  }

  current(): string {
    return this.input.slice(this.start, this.pos);
  }

  emit(typ: It): void {
    this.items.push({ typ, val: this.current(), line: this.line });
    this.start = this.pos;
  }

  emitTrim(typ: It): void {
    this.items.push({ typ, val: this.current().trim(), line: this.line });
    this.start = this.pos;
  }

  next(): number {
    if (this.atEOF) throw new Bug('BUG in lexer: next called after EOF');
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    if (this.input.charCodeAt(this.pos) === 0x0a) this.line++;
    this.prevWidths[3] = this.prevWidths[2]!;
    this.prevWidths[2] = this.prevWidths[1]!;
    this.prevWidths[1] = this.prevWidths[0]!;
    if (this.nprev < 4) this.nprev++;
    const r = this.input.codePointAt(this.pos)!;
    const w = r > 0xffff ? 2 : 1;
    if (isControl(r) || (r === 0x0d && (this.input.length - 1 === this.pos || this.input.charCodeAt(this.pos + 1) !== 0x0a))) {
      this.errorPos(`TOML files cannot contain control characters: '0x${r.toString(16).padStart(2, '0')}'`);
      return 0xfffd;
    }
    this.prevWidths[0] = w;
    this.pos += w;
    return r;
  }

  ignore(): void {
    this.start = this.pos;
  }

  backup(): void {
    if (this.atEOF) {
      this.atEOF = false;
      return;
    }
    if (this.nprev < 1) throw new Bug('BUG in lexer: backed up too far');
    const w = this.prevWidths[0]!;
    this.prevWidths[0] = this.prevWidths[1]!;
    this.prevWidths[1] = this.prevWidths[2]!;
    this.prevWidths[2] = this.prevWidths[3]!;
    this.nprev--;
    this.pos -= w;
    if (this.pos < this.input.length && this.input.charCodeAt(this.pos) === 0x0a) this.line--;
  }

  accept(valid: number): boolean {
    if (this.next() === valid) return true;
    this.backup();
    return false;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  skip(pred: (r: number) => boolean): void {
    for (;;) {
      const r = this.next();
      if (pred(r)) continue;
      this.backup();
      this.ignore();
      return;
    }
  }

  error(msg: string): State {
    if (this.atEOF) return this.errorPrevLine(msg);
    this.items.push({ typ: It.Error, val: '', err: msg, line: this.line });
    return null;
  }

  errorPrevLine(msg: string): State {
    this.items.push({ typ: It.Error, val: '', err: msg, line: this.line - 1 });
    return null;
  }

  errorPos(msg: string): State {
    this.items.push({ typ: It.Error, val: '', err: msg, line: this.line });
    return null;
  }

  errorf(msg: string): State {
    if (this.atEOF) {
      // v1.4.0 always moves an error at the end of input to the previous line (line 0 on a one-line text)
      const back = this.release === 3 || (this.pos >= 1 && this.input.charCodeAt(this.pos - 1) === 0x0a);
      this.items.push({ typ: It.Error, val: '', err: msg, line: back ? this.line - 1 : this.line });
      return null;
    }
    this.items.push({ typ: It.Error, val: '', err: msg, line: this.line });
    return null;
  }
}

function lexSkip(lx: Lexer, next: (lx: Lexer) => State): State {
  lx.ignore();
  return next;
}

function lexTop(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexTop);
  switch (r) {
    case ch('#'):
      lx.push(lexTop);
      return lexCommentStart;
    case ch('['):
      return lexTableStart;
    case EOF:
      if (lx.pos > lx.start) return lx.errorf('unexpected EOF');
      lx.emit(It.EOF);
      return null;
  }
  lx.backup();
  lx.push(lexTopEnd);
  return lexKeyStart;
}

function lexTopEnd(lx: Lexer): State {
  const r = lx.next();
  if (r === ch('#')) {
    lx.push(lexTop);
    return lexCommentStart;
  }
  if (isWhitespace(r)) return lexTopEnd;
  if (isNL(r)) {
    lx.ignore();
    return lexTop;
  }
  if (r === EOF) {
    lx.emit(It.EOF);
    return null;
  }
  return lx.errorf(`expected a top-level item to end with a newline, comment, or EOF, but got ${q(r)} instead`);
}

function lexTableStart(lx: Lexer): State {
  if (lx.peek() === ch('[')) {
    lx.next();
    lx.emit(It.ArrayTableStart);
    lx.push(lexArrayTableEnd);
  } else {
    lx.emit(It.TableStart);
    lx.push(lexTableEnd);
  }
  return lexTableNameStart;
}

function lexTableEnd(lx: Lexer): State {
  lx.emit(It.TableEnd);
  return lexTopEnd;
}

function lexArrayTableEnd(lx: Lexer): State {
  const r = lx.next();
  if (r !== ch(']')) return lx.errorf(`expected end of table array name delimiter ']', but got ${q(r)} instead`);
  lx.emit(It.ArrayTableEnd);
  return lexTopEnd;
}

function lexTableNameStart(lx: Lexer): State {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === ch(']') || r === EOF) return lx.errorf('unexpected end of table name (table names cannot be empty)');
  if (r === ch('.')) return lx.errorf('unexpected table separator (table names cannot be empty)');
  if (r === ch('"') || r === ch("'")) {
    lx.ignore();
    lx.push(lexTableNameEnd);
    return lexQuotedName;
  }
  lx.push(lexTableNameEnd);
  return lexBareName;
}

function lexTableNameEnd(lx: Lexer): State {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (isWhitespace(r)) return lexTableNameEnd;
  if (r === ch('.')) {
    lx.ignore();
    return lexTableNameStart;
  }
  if (r === ch(']')) return lx.pop();
  return lx.errorf(`expected '.' or ']' to end table name, but got ${q(r)} instead`);
}

function lexBareName(lx: Lexer): State {
  const r = lx.next();
  if (isBareKeyChar(r)) return lexBareName;
  lx.backup();
  lx.emit(It.Text);
  return lx.pop();
}

function lexQuotedName(lx: Lexer): State {
  const r = lx.next();
  if (r === ch('"')) {
    lx.ignore();
    return lexString;
  }
  if (r === ch("'")) {
    lx.ignore();
    return lexRawString;
  }
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (r === EOF) return lx.errorf('unexpected EOF; expected value');
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexKeyStart(lx: Lexer): State {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === ch('=') || r === EOF) return lx.errorf("unexpected '=': key name appears blank");
  if (r === ch('.')) return lx.errorf("unexpected '.': keys cannot start with a '.'");
  if (r === ch('"') || r === ch("'")) lx.ignore();
  lx.emit(It.KeyStart);
  return lexKeyNameStart;
}

function lexKeyNameStart(lx: Lexer): State {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === ch('"') || r === ch("'")) {
    lx.ignore();
    lx.push(lexKeyEnd);
    return lexQuotedName;
  }
  if (r === ch('=') || r === EOF) return lx.errorf("unexpected '='");
  if (r === ch('.')) return lx.errorf("unexpected '.'");
  lx.push(lexKeyEnd);
  return lexBareName;
}

function lexKeyEnd(lx: Lexer): State {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexKeyEnd);
  if (r === EOF) return lx.errorf("unexpected EOF; expected key separator '='");
  if (r === ch('.')) {
    lx.ignore();
    return lexKeyNameStart;
  }
  if (r === ch('=')) {
    lx.emit(It.KeyEnd);
    return lexSkip(lx, lexValue);
  }
  if (r === 0x0a && lx.release === 4) return lx.errorPrevLine(`expected '.' or '=', but got ${q(r)} instead`);
  return lx.errorf(`expected '.' or '=', but got ${q(r)} instead`);
}

function lexValue(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (isDigit(r)) {
    lx.backup();
    return lexNumberOrDateStart;
  }
  switch (r) {
    case ch('['):
      lx.ignore();
      lx.emit(It.Array);
      return lexArrayValue;
    case ch('{'):
      lx.ignore();
      lx.emit(It.InlineTableStart);
      return lexInlineTableValue;
    case ch('"'):
      if (lx.accept(ch('"'))) {
        if (lx.accept(ch('"'))) {
          lx.ignore();
          return lexMultilineString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexString;
    case ch("'"):
      if (lx.accept(ch("'"))) {
        if (lx.accept(ch("'"))) {
          lx.ignore();
          return lexMultilineRawString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexRawString;
    case ch('.'):
      return lx.errorf("floats must start with a digit, not '.'");
    case ch('i'):
    case ch('n'):
      if ((lx.accept(ch('n')) && lx.accept(ch('f'))) || (lx.accept(ch('a')) && lx.accept(ch('n')))) {
        lx.emit(It.Float);
        return lx.pop();
      }
      break;
    case ch('-'):
    case ch('+'):
      return lexDecimalNumberStart;
  }
  if (isLetter(r)) {
    lx.backup();
    return lexBool;
  }
  if (r === EOF) return lx.errorf('unexpected EOF; expected value');
  if (r === 0x0a && lx.release === 4) return lx.errorPrevLine(`expected value but found ${q(r)} instead`);
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexArrayValue(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValue);
  if (r === ch('#')) {
    lx.push(lexArrayValue);
    return lexCommentStart;
  }
  if (r === ch(',')) return lx.errorf('unexpected comma');
  if (r === ch(']')) return lexArrayEnd;
  lx.backup();
  lx.push(lexArrayValueEnd);
  return lexValue;
}

function lexArrayValueEnd(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValueEnd);
  if (r === ch('#')) {
    lx.push(lexArrayValueEnd);
    return lexCommentStart;
  }
  if (r === ch(',')) {
    lx.ignore();
    return lexArrayValue;
  }
  if (r === ch(']')) return lexArrayEnd;
  return lx.errorf(`expected a comma (',') or array terminator (']'), but got ${runeOrEOF(r)}`);
}

function lexArrayEnd(lx: Lexer): State {
  lx.ignore();
  lx.emit(It.ArrayEnd);
  return lx.pop();
}

const INLINE_NL = 'newlines not allowed within inline tables';

function lexInlineTableValue(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexInlineTableValue);
  if (isNL(r)) {
    if (lx.release === 4) return lexSkip(lx, lexInlineTableValue);
    return lx.errorPrevLine(INLINE_NL);
  }
  if (r === ch('#')) {
    lx.push(lexInlineTableValue);
    return lexCommentStart;
  }
  if (r === ch(',')) return lx.errorf('unexpected comma');
  if (r === ch('}')) return lexInlineTableEnd;
  lx.backup();
  lx.push(lexInlineTableValueEnd);
  return lexKeyStart;
}

function lexInlineTableValueEnd(lx: Lexer): State {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexInlineTableValueEnd);
  if (isNL(r)) {
    if (lx.release === 4) return lexSkip(lx, lexInlineTableValueEnd);
    return lx.errorPrevLine(INLINE_NL);
  }
  if (r === ch('#')) {
    lx.push(lexInlineTableValueEnd);
    return lexCommentStart;
  }
  if (r === ch(',')) {
    lx.ignore();
    lx.skip(isWhitespace);
    if (lx.peek() === ch('}')) {
      if (lx.release === 4) return lexInlineTableValueEnd;
      return lx.errorf('trailing comma not allowed in inline tables');
    }
    return lexInlineTableValue;
  }
  if (r === ch('}')) return lexInlineTableEnd;
  return lx.errorf(`expected a comma or an inline table terminator '}', but got ${runeOrEOF(r)} instead`);
}

function lexInlineTableEnd(lx: Lexer): State {
  lx.ignore();
  lx.emit(It.InlineTableEnd);
  return lx.pop();
}

function lexString(lx: Lexer): State {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"'`);
  if (isNL(r)) return lx.errorPrevLine('strings cannot contain newlines');
  if (r === ch('\\')) {
    lx.push(lexString);
    return lexStringEscape;
  }
  if (r === ch('"')) {
    lx.backup();
    if (lx.esc) {
      lx.esc = false;
      lx.emit(It.StringEsc);
    } else lx.emit(It.String);
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexString;
}

function lexMultilineString(lx: Lexer): State {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"""'`);
  if (r === ch('\\')) return lexMultilineStringEscape;
  if (r === ch('"')) {
    if (lx.accept(ch('"'))) {
      if (lx.accept(ch('"'))) {
        if (lx.peek() === ch('"')) {
          const cur = lx.current();
          if (cur.endsWith('"""""') && !cur.endsWith('\\"""""')) return lx.errorf(`unexpected '""""""'`);
          lx.backup();
          lx.backup();
          return lexMultilineString;
        }
        lx.backup();
        lx.backup();
        lx.backup();
        lx.esc = false;
        lx.emit(It.MultilineString);
        lx.next();
        lx.next();
        lx.next();
        lx.ignore();
        return lx.pop();
      }
      lx.backup();
    }
  }
  return lexMultilineString;
}

function lexRawString(lx: Lexer): State {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'"`);
  if (isNL(r)) return lx.errorPrevLine('strings cannot contain newlines');
  if (r === ch("'")) {
    lx.backup();
    lx.emit(It.RawString);
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexRawString;
}

function lexMultilineRawString(lx: Lexer): State {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'''"`);
  if (r === ch("'")) {
    if (lx.accept(ch("'"))) {
      if (lx.accept(ch("'"))) {
        if (lx.peek() === ch("'")) {
          if (lx.current().endsWith("'''''")) return lx.errorf(`unexpected "''''''"`);
          lx.backup();
          lx.backup();
          return lexMultilineRawString;
        }
        lx.backup();
        lx.backup();
        lx.backup();
        lx.emit(It.RawMultilineString);
        lx.next();
        lx.next();
        lx.next();
        lx.ignore();
        return lx.pop();
      }
      lx.backup();
    }
  }
  return lexMultilineRawString;
}

function lexMultilineStringEscape(lx: Lexer): State {
  if (isNL(lx.next())) return lexMultilineString;
  lx.backup();
  lx.push(lexMultilineString);
  return lexStringEscape(lx);
}

function lexStringEscape(lx: Lexer): State {
  lx.esc = true;
  const r = lx.next();
  switch (r) {
    case ch('e'):
      if (lx.release === 3) return lx.error(`invalid escape in string '\\${String.fromCodePoint(r)}'`);
      return lx.pop();
    case ch('b'): case ch('t'): case ch('n'): case ch('f'): case ch('r'): case ch('"'): case ch(' '): case ch('\t'): case ch('\\'):
      return lx.pop();
    case ch('x'):
      if (lx.release === 3) return lx.error(`invalid escape in string '\\x'`);
      return hexEscape(2, 'two', 'x');
    case ch('u'):
      return hexEscape(4, 'four', 'u');
    case ch('U'):
      return hexEscape(8, 'eight', 'U');
  }
  return lx.error(`invalid escape in string '\\${r === EOF ? '\u0000' : String.fromCodePoint(r)}'`);
}

function hexEscape(n: number, word: string, letter: string): (lx: Lexer) => State {
  return (lx) => {
    for (let i = 0; i < n; i++) {
      const r = lx.next();
      if (!isHex(r)) return lx.errorf(`expected ${word} hexadecimal digits after '\\${letter}', but got ${goQuote(lx.current())} instead`);
    }
    return lx.pop();
  };
}

function lexNumberOrDateStart(lx: Lexer): State {
  if (lx.next() === ch('0')) return lexBaseNumberOrDate;
  return lexNumberOrDate;
}

function lexNumberOrDate(lx: Lexer): State {
  const r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  if (r === ch('-') || r === ch(':')) return lexDatetime;
  if (r === ch('_')) return lexDecimalNumber;
  if (r === ch('.') || r === ch('e') || r === ch('E')) return lexFloat;
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexDatetime(lx: Lexer): State {
  const r = lx.next();
  if (isDigit(r)) return lexDatetime;
  if ('-:Tt .Zz+'.includes(String.fromCodePoint(Math.max(r, 0))) && r !== EOF) return lexDatetime;
  lx.backup();
  lx.emitTrim(It.Datetime);
  return lx.pop();
}

function based(pred: (r: number) => boolean): (lx: Lexer) => State {
  const self = (lx: Lexer): State => {
    const r = lx.next();
    if (pred(r) || r === ch('_')) return self;
    lx.backup();
    lx.emit(It.Integer);
    return lx.pop();
  };
  return self;
}
const lexHexInteger = based(isHex);
const lexOctalInteger = based(isOctal);
const lexBinaryInteger = based(isBinary);

function lexDecimalNumber(lx: Lexer): State {
  const r = lx.next();
  if (isDigit(r)) return lexDecimalNumber;
  if (r === ch('.') || r === ch('e') || r === ch('E')) return lexFloat;
  if (r === ch('_')) return lexDecimalNumber;
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexDecimalNumberStart(lx: Lexer): State {
  const r = lx.next();
  switch (r) {
    case ch('i'):
      if (!lx.accept(ch('n')) || !lx.accept(ch('f'))) return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(It.Float);
      return lx.pop();
    case ch('n'):
      if (!lx.accept(ch('a')) || !lx.accept(ch('n'))) return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(It.Float);
      return lx.pop();
    case ch('0'): {
      const p = lx.peek();
      if (p === ch('b') || p === ch('o') || p === ch('x')) return lx.errorf(`cannot use sign with non-decimal numbers: '${lx.current()}${String.fromCodePoint(p)}'`);
      break;
    }
    case ch('.'):
      return lx.errorf("floats must start with a digit, not '.'");
  }
  if (isDigit(r)) return lexDecimalNumber;
  return lx.errorf(`expected a digit but got ${q(r)}`);
}

function lexBaseNumberOrDate(lx: Lexer): State {
  let r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  const c = (x: number) => (x === EOF ? '\u0000' : String.fromCodePoint(x));
  switch (r) {
    case ch('_'):
      return lexDecimalNumber;
    case ch('.'): case ch('e'): case ch('E'):
      return lexFloat;
    case ch('b'):
      r = lx.peek();
      if (!isBinary(r)) lx.errorf(`not a binary number: '${lx.current()}${c(r)}'`);
      return lexBinaryInteger;
    case ch('o'):
      r = lx.peek();
      if (!isOctal(r)) lx.errorf(`not an octal number: '${lx.current()}${c(r)}'`);
      return lexOctalInteger;
    case ch('x'):
      r = lx.peek();
      if (!isHex(r)) lx.errorf(`not a ${lx.release === 3 ? 'hexidecimal' : 'hexadecimal'} number: '${lx.current()}${c(r)}'`);
      return lexHexInteger;
  }
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexFloat(lx: Lexer): State {
  const r = lx.next();
  if (isDigit(r)) return lexFloat;
  if (r === ch('_') || r === ch('.') || r === ch('-') || r === ch('+') || r === ch('e') || r === ch('E')) return lexFloat;
  lx.backup();
  lx.emit(It.Float);
  return lx.pop();
}

function lexBool(lx: Lexer): State {
  let s = '';
  for (;;) {
    const r = lx.next();
    if (!isLetter(r)) {
      lx.backup();
      break;
    }
    s += String.fromCodePoint(r);
  }
  if (s === 'true' || s === 'false') {
    lx.emit(It.Bool);
    return lx.pop();
  }
  return lx.errorf(`expected value but found ${goQuote(s)} instead`);
}

function lexCommentStart(lx: Lexer): State {
  lx.ignore();
  lx.emit(It.CommentStart);
  return lexComment;
}

function lexComment(lx: Lexer): State {
  const r = lx.next();
  if (isNL(r) || r === EOF) {
    lx.backup();
    lx.emit(It.Text);
    return lx.pop();
  }
  return lexComment;
}

// ---- the parser ----

type Key = string[];
type Table = GoMap;
type TomlType = 'hash' | 'arrayHash' | 'array' | 'primitive';

function keyString(k: Key): string {
  return k
    .map((kk) => {
      if (kk === '') return '""';
      for (const c of kk) if (!isBareKeyChar(c.codePointAt(0)!)) return `"${kk.replace(/["\\]/g, (m) => `\\${m}`)}"`;
      return kk;
    })
    .join('.');
}

function newTable(): Table {
  return Object.create(null) as Table;
}

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoTime);
}

const has = (t: Table, k: string) => Object.prototype.hasOwnProperty.call(t, k);

class Parser {
  context: Key = [];
  currentKey = '';
  posLine = 0;
  keyInfo = new Map<string, TomlType>();
  mapping: Table = newTable();
  implicits = new Set<string>();
  lx: Lexer;

  constructor(
    input: string,
    readonly release: Release,
  ) {
    this.lx = new Lexer(input, release);
  }

  fail(line: number, msg: string): never {
    const last = this.current();
    throw new ParseError(last === '' ? `toml: line ${line}: ${msg}` : `toml: line ${line} (last key ${goQuote(last)}): ${msg}`);
  }

  panicf(msg: string): never {
    this.fail(this.posLine, msg);
  }

  next(): Item {
    const it = this.lx.nextItem();
    if (it.typ === It.Error) this.fail(it.line, it.err!);
    return it;
  }

  nextPos(): Item {
    const it = this.next();
    this.posLine = it.line;
    return it;
  }

  expect(typ: It): Item {
    const it = this.next();
    if (it.typ !== typ) throw new Bug(`BUG: Expected '${typ}' but got '${it.typ}'.`);
    return it;
  }

  readKey(first: Item, end: It): Key {
    const key: Key = [];
    let k = first;
    for (; k.typ !== end && k.typ !== It.EOF; k = this.next()) key.push(this.keyString(k));
    if (k.typ !== end) throw new Bug('BUG: unexpected end of key');
    return key;
  }

  topLevel(item: Item): void {
    switch (item.typ) {
      case It.CommentStart:
        this.expect(It.Text);
        return;
      case It.TableStart:
      case It.ArrayTableStart: {
        const array = item.typ === It.ArrayTableStart;
        const key = this.readKey(this.nextPos(), array ? It.ArrayTableEnd : It.TableEnd);
        this.addContext(key, array);
        this.setType('', array ? 'arrayHash' : 'hash');
        return;
      }
      case It.KeyStart: {
        const outer = this.context;
        const key = this.readKey(this.nextPos(), It.KeyEnd);
        this.currentKey = key[key.length - 1]!;
        const context = key.slice(0, -1);
        for (let i = 0; i < context.length; i++) this.addImplicitContext([...this.context, context[i]!]);
        const vItem = this.next();
        const [val, typ] = this.value(vItem, false);
        this.setValue(this.currentKey, val);
        this.setType(this.currentKey, typ);
        this.context = outer;
        this.currentKey = '';
        return;
      }
    }
    throw new Bug(`BUG: Unexpected type at top level: ${item.typ}`);
  }

  keyString(it: Item): string {
    if (it.typ === It.Text) return it.val;
    if (it.typ === It.String || it.typ === It.StringEsc || it.typ === It.MultilineString || it.typ === It.RawString || it.typ === It.RawMultilineString) {
      return this.value(it, false)[0] as string;
    }
    throw new Bug(`BUG: Unexpected key type: ${it.typ}`);
  }

  value(it: Item, parentIsArray: boolean): [TomlValue, TomlType] {
    switch (it.typ) {
      case It.String:
      case It.RawString:
        return [it.val, 'primitive'];
      case It.StringEsc:
        return [this.replaceEscapes(it, it.val), 'primitive'];
      case It.MultilineString:
        return [this.replaceEscapes(it, stripEscapedNewlines(stripFirstNewline(it.val))), 'primitive'];
      case It.RawMultilineString:
        return [stripFirstNewline(it.val), 'primitive'];
      case It.Integer:
        return [this.valueInteger(it), 'primitive'];
      case It.Float:
        return [this.valueFloat(it), 'primitive'];
      case It.Bool:
        return [it.val === 'true', 'primitive'];
      case It.Datetime:
        return [this.valueDatetime(it), 'primitive'];
      case It.Array:
        return this.valueArray();
      case It.InlineTableStart:
        return this.valueInlineTable(parentIsArray);
    }
    throw new Bug(`BUG: Unexpected value type: ${it.typ}`);
  }

  valueInteger(it: Item): GoInt {
    if (!numUnderscoresOK(it.val)) this.fail(it.line, `Invalid integer ${goQuote(it.val)}: underscores must be surrounded by digits`);
    if (numHasLeadingZero(it.val)) this.fail(it.line, `Invalid integer ${goQuote(it.val)}: cannot have leading zeroes`);
    const m = /^([+-]?)(0[xob])?([0-9a-fA-F_]+)$/.exec(it.val);
    if (!m) throw new Bug(`BUG: Expected integer value, but got '${it.val}'.`);
    const digits = m[3]!.replace(/_/g, '');
    const base = m[2] ? m[2].toLowerCase() : '';
    let n: bigint;
    try {
      n = BigInt(base ? `${base}${digits}` : digits);
    } catch {
      throw new Bug(`BUG: Expected integer value, but got '${it.val}'.`);
    }
    if (m[1] === '-') n = -n;
    if (n > 9223372036854775807n || n < -9223372036854775808n) this.fail(it.line, `${it.val} is out of range for int64`);
    return new GoInt(n);
  }

  valueFloat(it: Item): number {
    const parts = it.val.split(/[.eE]/).filter((p) => p !== '');
    for (const part of parts) if (!numUnderscoresOK(part)) this.fail(it.line, `Invalid float ${goQuote(it.val)}: underscores must be surrounded by digits`);
    if (parts.length > 0 && numHasLeadingZero(parts[0]!)) this.fail(it.line, `Invalid float ${goQuote(it.val)}: cannot have leading zeroes`);
    if (!numPeriodsOK(it.val)) this.fail(it.line, `Invalid float ${goQuote(it.val)}: '.' must be followed by one or more digits`);
    let val = it.val.replace(/_/g, '');
    let negNaN = false;
    if (val === '+nan' || val === '-nan') {
      negNaN = val === '-nan';
      val = 'nan';
    }
    let num: number;
    if (/^[+-]?inf$/.test(val)) num = val.startsWith('-') ? -Infinity : Infinity;
    else if (val === 'nan') num = NaN;
    else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(val)) {
      num = Number(val);
      if (!Number.isFinite(num)) this.fail(it.line, `${it.val} is out of range for float64`);
    } else this.fail(it.line, `Invalid float value: ${goQuote(it.val)}`);
    void negNaN;
    return num;
  }

  valueDatetime(it: Item): GoTime {
    const v = it.val.replace(/[zt ]/g, (c) => (c === 'z' ? 'Z' : 'T'));
    const types: Array<[string, string | undefined, boolean]> = [
      ['2006-01-02T15:04:05.999999999Z07:00', undefined, false],
      ['2006-01-02T15:04:05.999999999', 'datetime-local', false],
      ['2006-01-02', 'date-local', false],
      ['15:04:05.999999999', 'time-local', false],
      ['2006-01-02T15:04Z07:00', undefined, true],
      ['2006-01-02T15:04', 'datetime-local', true],
      ['15:04', 'time-local', true],
    ];
    for (const [layout, local, next] of types) {
      if (next && this.release === 3) continue;
      let t: GoTime;
      try {
        t = parseTime(layout, v, local ? 'UTC' : 'Local');
      } catch {
        continue;
      }
      if (missingLeadingZero(v, layout)) break;
      if (local) return new GoTime(t.unixSec, t.nsec, 'UTC', 0, local);
      // an offset equal to the local zone's is the local zone (Go's Parse); Helm runs with Local = UTC
      return t.fixedOffset === 0 ? new GoTime(t.unixSec, t.nsec, 'Local') : t;
    }
    return this.fail(it.line, `invalid datetime: ${goQuote(v)}`);
  }

  valueArray(): [TomlValue, TomlType] {
    this.setType(this.currentKey, 'array');
    const array: TomlValue[] = [];
    for (let it = this.next(); it.typ !== It.ArrayEnd; it = this.next()) {
      if (it.typ === It.CommentStart) {
        this.expect(It.Text);
        continue;
      }
      array.push(this.value(it, true)[0]);
    }
    return [array as Val, 'array'];
  }

  valueInlineTable(parentIsArray: boolean): [TomlValue, TomlType] {
    const topHash = newTable();
    const outerContext = this.context;
    const outerKey = this.currentKey;
    this.context = [...this.context, this.currentKey];
    const prevContext = this.context;
    this.currentKey = '';
    this.addImplicit(this.context);
    this.addContext(this.context, parentIsArray);
    for (let it = this.next(); it.typ !== It.InlineTableEnd; it = this.next()) {
      if (it.typ === It.CommentStart) {
        this.expect(It.Text);
        continue;
      }
      const key = this.readKey(this.nextPos(), It.KeyEnd);
      this.currentKey = key[key.length - 1]!;
      const context = key.slice(0, -1);
      for (let i = 0; i < context.length; i++) this.addImplicitContext([...this.context, context[i]!]);
      const [val, typ] = this.value(this.next(), false);
      this.setValue(this.currentKey, val);
      this.setType(this.currentKey, typ);
      let hash = topHash;
      for (const c of context) {
        let h = hash[c];
        if (h === undefined) {
          h = newTable();
          hash[c] = h;
        }
        if (!isTable(h) || isTableArray(h)) this.panicf(`${goQuote(keyString(this.context))} is not a table`);
        hash = h as Table;
      }
      hash[this.currentKey] = val as Val;
      this.context = prevContext;
    }
    this.context = outerContext;
    this.currentKey = outerKey;
    return [topHash, 'hash'];
  }

  addContext(key: Key, array: boolean): void {
    let hashContext = this.mapping;
    const keyContext: Key = [];
    for (const k of key.slice(0, -1)) {
      keyContext.push(k);
      if (!has(hashContext, k)) {
        this.addImplicit(keyContext);
        hashContext[k] = newTable();
      }
      const t = hashContext[k];
      if (isTableArray(t)) hashContext = (t as Table[])[(t as Table[]).length - 1]!;
      else if (isTable(t)) hashContext = t;
      else this.panicf(`Key '${keyString(keyContext)}' was already created as a hash.`);
    }
    this.context = keyContext;
    if (array) {
      const k = key[key.length - 1]!;
      if (!has(hashContext, k)) {
        const arr: Table[] = [];
        TABLE_ARRAYS.add(arr);
        hashContext[k] = arr as Val;
      }
      const hash = hashContext[k];
      if (isTableArray(hash)) (hash as Table[]).push(newTable());
      else this.panicf(`Key '${keyString(key)}' was already created and cannot be used as an array.`);
    } else this.setValue(key[key.length - 1]!, newTable());
    this.context = [...this.context, key[key.length - 1]!];
  }

  setValue(key: string, value: TomlValue): void {
    let hash = this.mapping;
    const keyContext: Key = [];
    for (const k of this.context) {
      keyContext.push(k);
      if (!has(hash, k)) throw new Bug(`BUG: Context for key '${keyString(keyContext)}' has not been established.`);
      const t = hash[k];
      if (isTableArray(t)) hash = (t as Table[])[(t as Table[]).length - 1]!;
      else if (isTable(t)) hash = t;
      else this.panicf(`Key '${keyString(keyContext)}' has already been defined.`);
    }
    keyContext.push(key);
    if (has(hash, key)) {
      if (this.isArray(keyContext)) {
        if (this.release === 4 && !this.isImplicit(keyContext)) this.panicf(`Key '${keyString(keyContext)}' has already been defined.`);
        this.removeImplicit(keyContext);
        hash[key] = value as Val;
        return;
      }
      if (this.isImplicit(keyContext)) {
        this.removeImplicit(keyContext);
        return;
      }
      this.panicf(`Key '${keyString(keyContext)}' has already been defined.`);
    }
    hash[key] = value as Val;
  }

  setType(key: string, typ: TomlType): void {
    let keyContext = [...this.context];
    if (key.length > 0) keyContext.push(key);
    if (keyContext.length === 0) keyContext = [''];
    this.keyInfo.set(keyString(keyContext), typ);
  }

  addImplicit(key: Key): void {
    this.implicits.add(keyString(key));
  }
  removeImplicit(key: Key): void {
    this.implicits.delete(keyString(key));
  }
  isImplicit(key: Key): boolean {
    return this.implicits.has(keyString(key));
  }
  isArray(key: Key): boolean {
    return this.keyInfo.get(keyString(key)) === 'array';
  }
  addImplicitContext(key: Key): void {
    this.addImplicit(key);
    this.addContext(key, false);
  }

  current(): string {
    if (this.currentKey.length === 0) return keyString(this.context);
    if (this.context.length === 0) return this.currentKey;
    return `${keyString(this.context)}.${this.currentKey}`;
  }

  replaceEscapes(it: Item, str: string): string {
    let b = '';
    for (let i = 0; i < str.length; i++) {
      const c = str[i]!;
      if (c !== '\\') {
        b += c;
        continue;
      }
      const e = str[i + 1];
      switch (e) {
        case ' ':
        case '\t':
          this.fail(it.line, `invalid escape: '\\${e}'`);
          break;
        case 'b': b += '\b'; i++; break;
        case 't': b += '\t'; i++; break;
        case 'n': b += '\n'; i++; break;
        case 'f': b += '\f'; i++; break;
        case 'r': b += '\r'; i++; break;
        case 'e': b += '\u001b'; i++; break;
        case '"': b += '"'; i++; break;
        case '\\': b += '\\'; i++; break;
        case 'x': b += this.asciiEscapeToUnicode(it, str.slice(i + 2, i + 4)); i += 3; break;
        case 'u': b += this.asciiEscapeToUnicode(it, str.slice(i + 2, i + 6)); i += 5; break;
        case 'U': b += this.asciiEscapeToUnicode(it, str.slice(i + 2, i + 10)); i += 9; break;
        default:
          throw new Bug(`BUG: Expected valid escape code after \\, but got ${e === undefined ? 'nothing' : goQuoteRune(e)}.`);
      }
    }
    return b;
  }

  asciiEscapeToUnicode(it: Item, s: string): string {
    const n = parseInt(s, 16);
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) this.fail(it.line, `Escaped character '\\u${s}' is not valid UTF-8.`);
    return String.fromCodePoint(n);
  }
}

function numHasLeadingZero(s: string): boolean {
  if (s.length > 1 && s[0] === '0' && !(s[1] === 'b' || s[1] === 'o' || s[1] === 'x')) return true;
  if (s.length > 2 && (s[0] === '-' || s[0] === '+') && s[1] === '0') return true;
  return false;
}

function numUnderscoresOK(s: string): boolean {
  if (['nan', '+nan', '-nan', 'inf', '-inf', '+inf'].includes(s)) return true;
  let accept = false;
  for (const c of s) {
    if (c === '_' && !accept) return false;
    accept = isHex(c.codePointAt(0)!);
  }
  return accept;
}

function numPeriodsOK(s: string): boolean {
  let period = false;
  for (const c of s) {
    if (period && !isDigit(c.codePointAt(0)!)) return false;
    period = c === '.';
  }
  return !period;
}

function missingLeadingZero(d: string, l: string): boolean {
  for (let i = 0; i < l.length; i++) {
    const c = l[i]!;
    if (c === '.' || c === 'Z') return false;
    if ((c < '0' || c > '9') && d[i] !== c) return true;
  }
  return false;
}

function stripFirstNewline(s: string): string {
  if (s.startsWith('\n')) return s.slice(1);
  if (s.startsWith('\r\n')) return s.slice(2);
  return s;
}

function stripEscapedNewlines(s: string): string {
  let b = '';
  let i = 0;
  for (;;) {
    const ix = s.indexOf('\\', i);
    if (ix < 0) return b + s;
    i = ix;
    if (s.length > i + 1 && s[i + 1] === '\\') {
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < s.length && ' \t\r\n'.includes(s[j]!)) j++;
    if (j === i + 1 || !s.slice(i, j).includes('\n')) {
      i++;
      continue;
    }
    b += s.slice(0, i);
    s = s.slice(j);
    i = 0;
  }
}

/**
 * toml.Unmarshal into map[string]interface{}: the decoded table, or an Error with BurntSushi/toml's text.
 * Integers are GoInt (int64), floats numbers, datetimes GoTime, `[[x]]` arrays are marked (isTableArray).
 */
export function tomlUnmarshal(text: string, release: Release): GoMap {
  let data = text;
  if (data.startsWith('\ufeff')) data = data.slice(1);
  const head = new TextEncoder().encode(data.slice(0, 6)).subarray(0, 6);
  if (head.includes(0)) throw new Error('toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8');
  const p = new Parser(data, release);
  try {
    for (;;) {
      const item = p.next();
      if (item.typ === It.EOF) break;
      p.topLevel(item);
    }
  } catch (e) {
    if (e instanceof ParseError) throw new Error(e.message);
    if (e instanceof Bug) throw new TomlPanic(e.message);
    throw e;
  }
  return p.mapping;
}

/** A panic inside the decoder (Go's "BUG: ..." panics): text/template reports it as the call's error. */
export class TomlPanic extends Error {}

/** Helm's `fromToml`: the decoded map, or a map whose `Error` key holds the decoder's error text. */
export function fromToml(text: string, release: Release): GoMap {
  try {
    return tomlUnmarshal(text, release);
  } catch (e) {
    if (e instanceof TomlPanic) throw e;
    const m = newTable();
    m.Error = (e as Error).message;
    return m;
  }
}
