// A YAML emitter that writes what go-yaml v2's emitter (a Go port of libyaml, used by sigs.k8s.io/yaml
// and so by Helm's toYaml) writes for a tree of scalars, sequences and mappings: block style, indent 2,
// lines folded past column 80, unicode output, every scalar's style chosen by the same analysis.
//
// The state machine of libyaml is written here as recursion over a node tree; the emitter's flags
// (column, whitespace, indention, the indent stack, flow level and node context) change exactly where
// libyaml changes them, since the output depends on them character by character.

/** A node as go-yaml's encoder hands it to the emitter. */
export type YamlNode =
  | { kind: 'scalar'; value: string; style: 'plain' | 'double' | 'literal' }
  | { kind: 'seq'; items: YamlNode[] }
  | { kind: 'map'; entries: Array<[YamlNode, YamlNode]> };

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

function isBreak(c: number): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}

// Characters each scalar style writes as they are, with no state change between them (see Emitter.writeRun):
// not a space (a place to fold), not a line break, and nothing the style escapes or doubles.
const RUN_CHUNK = 4096;
const plainRunChar = (c: number): boolean => c !== 0x20 && !isBreak(c);
const singleRunChar = (c: number): boolean => c !== 0x20 && c !== 0x27 && !isBreak(c);
const doubleRunChar = (c: number): boolean => c !== 0x20 && c !== 0x22 && c !== 0x5c && isPrintable(c) && !isBreak(c);
const literalRunChar = (c: number): boolean => !isBreak(c);

/** A scalar's characters as code points (a lone surrogate is its own code point), as Array.from(s) splits it. */
type Chars = number[] | Uint32Array;

// Long scalars (a toYaml of a large value) are held in a typed array, short ones (most keys and values) in a
// plain array, which is cheaper to make.
const LONG_SCALAR = 256;

function codePoints(s: string): Chars {
  const out: Chars = s.length > LONG_SCALAR ? new Uint32Array(s.length) : [];
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    out[n++] = c;
  }
  return out instanceof Uint32Array && n < out.length ? out.subarray(0, n) : out;
}

function isBlank(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

// libyaml tests printability on UTF-8 bytes; in code points that is LF, 0x20-0x7E, 0xA0-0xD7FF and
// 0xE000-0xFFFD without the BOM. Characters beyond the BMP are not "printable" to it and get escaped.
function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** UTF-8 length of a string (libyaml measures simple keys in bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** go-yaml v3 (toYamlPretty) where it differs from v2: tabs, sequence indentation, `indention`. */
export interface EmitterOptions {
  v3?: boolean;
}

function analyze(chars: Chars, v3 = false): Analysis {
  if (chars.length === 0) {
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const n = chars.length;
  if (n >= 3 && ((chars[0] === 0x2d && chars[1] === 0x2d && chars[2] === 0x2d) || (chars[0] === 0x2e && chars[1] === 0x2e && chars[2] === 0x2e))) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWhitespace = i + 1 >= n || isBlank(next) || isBreak(next!);
    if (i === 0) {
      switch (String.fromCodePoint(c)) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case "'": case '"': case '%': case '@': case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?': case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (String.fromCodePoint(c)) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (v3 && c === 0x09) tabs = true;
    else if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || tabs || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) a.block = false;
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, '0');
}

class Emitter {
  // go-yaml v3's encoder turns line folding off (an unlimited width)
  readonly width: number;
  constructor(readonly v3 = false) {
    this.width = v3 ? 2 ** 31 - 1 : BEST_WIDTH;
  }
  out: string[] = [];
  /** The scalar being written, when its characters are its code points (see writeRun). */
  text: string | undefined;
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;
  indent = -1;
  indents: number[] = [];
  flowLevel = 0;
  rootContext = false;
  sequenceContext = false;
  mappingContext = false;
  simpleKeyContext = false;

  put(s: string): void {
    this.out.push(s);
    this.column++;
  }

  putBreak(): void {
    this.out.push('\n');
    this.column = 0;
    // go-yaml v3 marks the start of a line here (and no longer in writeIndent)
    if (this.v3) this.indention = true;
  }

  writeAll(s: string): void {
    for (const ch of s) this.put(ch);
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    if (!this.v3) this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.writeAll(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  node(n: YamlNode, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (n.kind === 'scalar') this.scalar(n);
    else if (n.kind === 'seq') {
      if (this.flowLevel > 0 || n.items.length === 0) this.flowSequence(n.items);
      else this.blockSequence(n.items);
    } else if (this.flowLevel > 0 || n.entries.length === 0) this.flowMapping(n.entries);
    else this.blockMapping(n.entries);
  }

  flowSequence(items: YamlNode[]): void {
    this.writeIndicator('[', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.width) this.writeIndent();
      this.node(item, false, true, false, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(']', false, false, false);
  }

  flowMapping(entries: Array<[YamlNode, YamlNode]>): void {
    this.writeIndicator('{', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    entries.forEach(([k, v], i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.width) this.writeIndent();
      if (this.checkSimpleKey(k)) {
        this.node(k, false, false, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, false);
        this.node(k, false, false, true, false);
        if (this.column > this.width) this.writeIndent();
        this.writeIndicator(':', true, false, false);
      }
      this.node(v, false, false, true, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator('}', false, false, false);
  }

  blockSequence(items: YamlNode[]): void {
    // v2 writes a sequence inside a mapping at the mapping's indentation; v3 indents it
    this.increaseIndent(false, !this.v3 && this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false, true, false, false);
    }
    this.popIndent();
  }

  blockMapping(entries: Array<[YamlNode, YamlNode]>): void {
    this.increaseIndent(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (this.checkSimpleKey(k)) {
        this.node(k, false, false, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(k, false, false, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, false, false, true, false);
    }
    this.popIndent();
  }

  checkSimpleKey(k: YamlNode): boolean {
    if (k.kind === 'scalar') {
      const chars = codePoints(k.value);
      if (analyze(chars, this.v3).multiline) return false;
      return utf8Length(k.value) <= 128;
    }
    if (k.kind === 'seq') return k.items.length === 0;
    return k.entries.length === 0;
  }

  scalar(n: { value: string; style: 'plain' | 'double' | 'literal' }): void {
    const chars = codePoints(n.value);
    // a scalar without surrogate pairs: its code point indexes are its string indexes (writeRun slices the text)
    this.text = chars.length === n.value.length ? n.value : undefined;
    const a = analyze(chars, this.v3);
    let style: Style = n.style;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (chars.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.writePlain(chars, allowBreaks);
    else if (style === 'single') this.writeSingle(chars, allowBreaks);
    else if (style === 'double') this.writeDouble(chars, allowBreaks);
    else this.writeLiteral(chars);
    this.popIndent();
  }

  writeChar(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }

  /**
   * Writes chars[i] and the characters after it while `plain` holds for them, as one string (each would be a
   * writeChar with the same flags after it); returns the index of the first character not written. Long scalars
   * (a toYaml of a large value) are written in runs instead of one array entry per character.
   */
  writeRun(chars: Chars, i: number, plain: (c: number) => boolean): number {
    let j = i + 1;
    while (j < chars.length && plain(chars[j]!)) j++;
    if (this.text !== undefined) this.out.push(this.text.slice(i, j));
    else for (let k = i; k < j; k += RUN_CHUNK) this.out.push(String.fromCodePoint.apply(null, chars.slice(k, Math.min(j, k + RUN_CHUNK)) as number[]));
    this.column += j - i;
    return j;
  }

  writeBreakChar(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeChar(c);
      this.column = 0;
      if (this.v3) this.indention = true;
    }
  }

  writePlain(chars: Chars, allowBreaks: boolean): void {
    if (!this.whitespace && (!this.v3 || chars.length > 0)) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.width && chars[i + 1] !== 0x20) this.writeIndent();
        else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakChar(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.writeRun(chars, i, plainRunChar) - 1;
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (!this.v3 || chars.length > 0) this.whitespace = false;
    this.indention = false;
    if (this.rootContext) this.openEnded = true;
  }

  writeSingle(chars: Chars, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < chars.length - 1 && chars[i + 1] !== 0x20) this.writeIndent();
        else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakChar(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) {
          this.put("'");
          this.writeChar(c);
        } else i = this.writeRun(chars, i, singleRunChar) - 1;
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDouble(chars: Chars, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    // libyaml's BOM test looks at the start of the whole value, not at the current character
    const bom = chars[0] === 0xfeff;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const short: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const s = short[c];
        if (s !== undefined) this.put(s);
        else if (c <= 0xff) this.writeAll(`x${hex(c, 2)}`);
        else if (c <= 0xffff) this.writeAll(`u${hex(c, 4)}`);
        else this.writeAll(`U${hex(c, 8)}`);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === 0x20) this.put('\\');
        } else this.writeChar(c);
        spaces = true;
      } else {
        i = this.writeRun(chars, i, doubleRunChar) - 1;
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeBlockHints(chars: Chars): void {
    if (chars[0] === 0x20 || isBreak(chars[0]!)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    this.openEnded = false;
    let chomp = '';
    const n = chars.length;
    if (n === 0) chomp = '-';
    else if (!isBreak(chars[n - 1]!)) chomp = '-';
    else if (n === 1) {
      chomp = '+';
      this.openEnded = true;
    } else if (isBreak(chars[n - 2]!)) {
      chomp = '+';
      this.openEnded = true;
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  writeLiteral(chars: Chars): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockHints(chars);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isBreak(c)) {
        this.writeBreakChar(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.writeRun(chars, i, literalRunChar) - 1;
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** The text go-yaml v2's Marshal writes for one document holding `root`. */
export function emitYamlDocument(root: YamlNode, options: EmitterOptions = {}): string {
  const e = new Emitter(options.v3 === true);
  e.node(root, true, false, false, false);
  // document end (implicit): a line break unless the line is empty. go-yaml's encoder clears the
  // emitter's open-ended flag before the stream ends, so no `...` ever follows.
  e.writeIndent();
  return e.out.join('');
}
