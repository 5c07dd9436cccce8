// The lexer of Go's text/template (parse/lex.go): a state machine over the template text that emits items.
// Positions are offsets into the JavaScript string; errors report lines, as Go does.

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

/** How Go prints an item in "unexpected X in Y" messages. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  const chars = Array.from(i.val);
  if (chars.length > 10) return `${goQuoteShort(chars.slice(0, 10).join(''))}...`;
  return goQuoteShort(i.val);
}

function goQuoteShort(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));

/** %#U of a rune: U+0023 '#'. */
export function fmtU(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c);
  return printable ? `U+${hex} '${c}'` : `U+${hex}`;
}

const LEFT = '{{';
const RIGHT = '}}';

/** Lexes the whole text into items (Go runs it concurrently; the result is the same). */
export function lex(input: string, breakOK = true): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  const emit = (typ: T) => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    line += count(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos++;
      return undefined;
    }
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const backup = (c: string | undefined) => {
    pos -= c === undefined ? 1 : c.length;
    if (c === '\n') line--;
  };
  const peek = () => {
    const c = next();
    backup(c);
    return c;
  };
  const errorf = (msg: string): false => {
    items.push({ typ: T.Error, pos: start, val: msg, line: startLine });
    return false;
  };
  const hasLeftTrim = (s: number) => input[s] === '-' && isSpace(input[s + 1]);
  const hasRightTrim = (s: number) => isSpace(input[s]) && input[s + 1] === '-';
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(pos) && input.startsWith(RIGHT, pos + 2)) return [true, true];
    if (input.startsWith(RIGHT, pos)) return [true, false];
    return [false, false];
  };
  const atTerminator = () => {
    const r = peek();
    if (isSpace(r)) return true;
    if (r === undefined || '.,|:()'.includes(r)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const trimLeftLen = (from: number) => {
    let j = from;
    while (isSpace(input[j])) j++;
    return j - from;
  };

  // states return: 'text' | 'action' | false (stop)
  let state: 'text' | 'action' | false = 'text';
  const lexText = (): 'text' | 'action' | false => {
    const x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      pos = x;
      let trim = 0;
      if (hasLeftTrim(pos + 2)) {
        let j = pos;
        while (j > start && isSpace(input[j - 1])) j--;
        trim = pos - j;
      }
      pos -= trim;
      if (pos > start) {
        line += count(input.slice(start, pos));
        emit(T.Text);
      }
      pos += trim;
      ignore();
      // left delim
      pos += 2;
      const trimSpace = hasLeftTrim(pos);
      const after = trimSpace ? 2 : 0;
      if (input.startsWith('/*', pos + after)) {
        pos += after;
        ignore();
        // comment
        pos += 2;
        const i = input.indexOf('*/', pos);
        if (i < 0) return errorf('unclosed comment');
        pos = i + 2;
        const [delim, trimR] = atRightDelim();
        if (!delim) return errorf('comment ends before closing delimiter');
        if (trimR) pos += 2;
        pos += 2;
        if (trimR) pos += trimLeftLen(pos);
        ignore();
        return 'text';
      }
      emit(T.LeftDelim);
      pos += after;
      ignore();
      parenDepth = 0;
      return 'action';
    }
    pos = input.length;
    if (pos > start) {
      line += count(input.slice(start, pos));
      emit(T.Text);
    }
    emit(T.EOF);
    return false;
  };
  const lexRightDelim = (): 'text' => {
    const trimSpace = hasRightTrim(pos);
    if (trimSpace) {
      pos += 2;
      ignore();
    }
    pos += 2;
    emit(T.RightDelim);
    if (trimSpace) {
      pos += trimLeftLen(pos);
      ignore();
    }
    return 'text';
  };
  const lexFieldOrVariable = (typ: T): 'action' | false => {
    if (atTerminator()) {
      emit(typ === T.Variable ? T.Variable : T.Dot);
      return 'action';
    }
    let r: string | undefined;
    for (;;) {
      r = next();
      if (!isAlnum(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) return errorf(`bad character ${fmtU(r ?? '\ufffd')}`);
    emit(typ);
    return 'action';
  };
  const accept = (valid: string) => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string) => {
    for (;;) {
      const c = next();
      if (c === undefined || !valid.includes(c)) {
        backup(c);
        return;
      }
    }
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlnum(peek())) {
      next();
      return false;
    }
    return true;
  };
  const lexQuoted = (close: string, msg: string, escapes: boolean): boolean => {
    for (;;) {
      const c = next();
      if (escapes && c === '\\') {
        const r = next();
        if (r !== undefined && r !== '\n') continue;
        return errorf(msg);
      }
      if (c === undefined || (escapes && c === '\n')) return errorf(msg);
      if (c === close) return true;
    }
  };
  const lexInsideAction = (): 'text' | 'action' | false => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim();
      return errorf('unclosed left paren');
    }
    const r = next();
    if (r === undefined) return errorf('unclosed action');
    if (isSpace(r)) {
      backup(r);
      let n = 0;
      while (isSpace(peek())) {
        next();
        n++;
      }
      if (hasRightTrim(pos - 1) && input.startsWith(RIGHT, pos - 1 + 2)) {
        backup(input[pos - 1]);
        if (n === 1) return lexRightDelim();
      }
      emit(T.Space);
      return 'action';
    }
    switch (r) {
      case '=':
        emit(T.Assign);
        return 'action';
      case ':':
        if (next() !== '=') return errorf('expected :=');
        emit(T.Declare);
        return 'action';
      case '|':
        emit(T.Pipe);
        return 'action';
      case '"':
        if (!lexQuoted('"', 'unterminated quoted string', true)) return false;
        emit(T.String);
        return 'action';
      case '`':
        if (!lexQuoted('`', 'unterminated raw quoted string', false)) return false;
        emit(T.RawString);
        return 'action';
      case "'":
        if (!lexQuoted("'", 'unterminated character constant', true)) return false;
        emit(T.CharConstant);
        return 'action';
      case '$':
        if (atTerminator()) {
          emit(T.Variable);
          return 'action';
        }
        return lexFieldOrVariable(T.Variable);
      case '(':
        emit(T.LeftParen);
        parenDepth++;
        return 'action';
      case ')':
        parenDepth--;
        if (parenDepth < 0) return errorf('unexpected right paren');
        emit(T.RightParen);
        return 'action';
    }
    if (r === '.') {
      const c = input[pos];
      if (pos < input.length && !(c! >= '0' && c! <= '9')) return lexFieldOrVariable(T.Field);
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup(r);
      if (!scanNumber()) return errorf(`bad number syntax: ${goQuoteShort(input.slice(start, pos))}`);
      const sign = peek();
      if (sign === '+' || sign === '-') {
        if (!scanNumber() || input[pos - 1] !== 'i') return errorf(`bad number syntax: ${goQuoteShort(input.slice(start, pos))}`);
        emit(T.Complex);
      } else emit(T.Number);
      return 'action';
    }
    if (isAlnum(r)) {
      for (;;) {
        const c = next();
        if (!isAlnum(c)) {
          backup(c);
          const word = input.slice(start, pos);
          if (!atTerminator()) return errorf(`bad character ${fmtU(c ?? '\ufffd')}`);
          const kw = KEYWORDS[word];
          if (kw !== undefined && kw > T.Keyword) {
            if ((kw === T.Break || kw === T.Continue) && !breakOK) emit(T.Identifier);
            else emit(kw);
          } else if (word === 'true' || word === 'false') emit(T.Bool);
          else emit(T.Identifier);
          return 'action';
        }
      }
    }
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      emit(T.Char);
      return 'action';
    }
    return errorf(`unrecognized character in action: ${fmtU(r)}`);
  };
  while (state) state = state === 'text' ? lexText() : lexInsideAction();
  return items;
}

function count(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
