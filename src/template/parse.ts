// The parser of Go's text/template (parse/parse.go): items to typed nodes. Errors carry Go's text,
// `template: NAME:LINE: message`.
import { fmtU, itemString, lex, T, type Item } from './lex.js';
import type { BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, Tree, VariableNode } from './node.js';
import { nodeString } from './node.js';

/** A template that does not parse; `message` is Go's error text. */
export class ParseError extends Error {}

/** Go's strconv.Unquote for "..." and `...` and '...'. */
export function unquote(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"':
      case "'":
        if (e !== q) return undefined;
        out += e;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
        const v = parseInt(hex, 16);
        if (e === 'x') out += String.fromCharCode(v); // a byte: kept as a code unit below 256
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
          out += String.fromCodePoint(v);
        }
        i += n;
        break;
      }
      default:
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(oct)) return undefined;
          const v = parseInt(oct, 8);
          if (v > 255) return undefined;
          out += String.fromCharCode(v);
          i += 2;
          break;
        }
        return undefined;
    }
  }
  if (q === "'" && Array.from(out).length !== 1) return undefined;
  return out;
}

function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let digits = s;
  if (/^0[xX]/.test(s)) { base = 16; digits = s.slice(2); }
  else if (/^0[oO]/.test(s)) { base = 8; digits = s.slice(2); }
  else if (/^0[bB]/.test(s)) { base = 2; digits = s.slice(2); }
  else if (/^0[0-9_]/.test(s)) { base = 8; digits = s.slice(1); }
  if (digits.includes('_')) {
    if (base === 10 && !/^[1-9](_?[0-9])*$/.test(digits) && digits !== '0') return undefined;
    if (/__|_$/.test(digits) || (base === 10 && digits.startsWith('_'))) return undefined;
    digits = digits.replace(/_/g, '');
  }
  const re = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!re.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function newNumber(p: Parser, pos: number, text: string, typ: T): NumberNode {
  const n: NumberNode = { kind: 'number', pos, tree: p.tree, isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, float64: 0, text };
  if (typ === T.CharConstant) {
    const r = unquote(text);
    if (r === undefined) p.errorf(`invalid syntax`);
    const cp = BigInt(r!.codePointAt(0)!);
    n.int64 = cp;
    n.isInt = n.isUint = n.isFloat = true;
    n.float64 = Number(cp);
    return n;
  }
  if (typ === T.Complex || text.endsWith('i')) {
    p.errorf(`complex numbers are not supported by this engine: ${text}`);
  }
  const iv = parseGoInt(text);
  if (iv !== undefined && iv >= 0n && iv <= U64_MAX) n.isUint = true;
  if (iv !== undefined && iv >= -I64_MAX - 1n && iv <= I64_MAX) {
    n.isInt = true;
    n.int64 = iv;
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(iv);
    n.int64 = iv!;
  } else {
    const clean = text.replace(/_/g, '');
    const f = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean) ? Number(clean) : /^[+-]?0[xX]/.test(clean) ? hexFloat(clean) : NaN;
    if (!Number.isNaN(f)) {
      if (!/[.eEpP]/.test(text)) p.errorf(`integer overflow: ${JSON.stringify(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isFinite(f) && Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isFinite(f) && Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) p.errorf(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

function hexFloat(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (!m) return NaN;
  const mant = parseInt((m[2] || '0') + (m[3] || ''), 16);
  const v = mant * 2 ** (Number(m[4]) - 4 * (m[3] ?? '').length);
  return m[1] === '-' ? -v : v;
}

/** The set of templates one Parse call defines: the main one and every {{define}} / {{block}}. */
export type TreeSet = Map<string, Tree>;

class Parser {
  tree: Tree;
  private items: Item[];
  private i = 0;
  private maxRead = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  // a define's or block's parser reads its parent's items: the text is lexed once (lexing it again for each
  // definition made a file of n definitions cost n times its length)
  constructor(name: string, readonly parseName: string, readonly text: string, readonly hasFunc: (n: string) => boolean, readonly set: TreeSet, items?: Item[]) {
    this.items = items ?? lex(text);
    this.tree = { name, parseName, text, root: undefined as unknown as ListNode };
  }

  errorf(msg: string): never {
    const tok = this.items[Math.min(this.maxRead, this.items.length - 1)]!;
    throw new ParseError(`template: ${this.parseName}:${tok.line}: ${msg}`);
  }

  private next(): Item {
    const it = this.items[this.i] ?? this.items[this.items.length - 1]!;
    if (this.i > this.maxRead) this.maxRead = this.i;
    if (this.i < this.items.length - 1 || it.typ !== T.EOF) this.i++;
    return it;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    const it = this.next();
    this.backup();
    return it;
  }
  private nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.typ === T.Space);
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }
  private expect(typ: T, context: string): Item {
    const it = this.nextNonSpace();
    if (it.typ !== typ) this.unexpected(it, context);
    return it;
  }
  private unexpected(tok: Item, context: string): never {
    if (tok.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== tok.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (tok.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${tok.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(tok)} in ${context}`);
  }

  private list(pos: number): ListNode {
    return { kind: 'list', pos, tree: this.tree, nodes: [] };
  }

  parse(): void {
    this.tree.root = this.list(this.peek().pos);
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().typ === T.Define) {
          const sub = new Parser('definition', this.parseName, this.text, this.hasFunc, this.set, this.items);
          sub.i = this.i;
          sub.maxRead = this.maxRead;
          sub.parseDefinition();
          this.i = sub.i;
          this.maxRead = sub.maxRead;
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.tree.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const tok = this.nextNonSpace();
    if (tok.typ !== T.String && tok.typ !== T.RawString) this.unexpected(tok, context);
    const name = unquote(tok.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.tree.name = name!;
    this.expect(T.RightDelim, context);
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.tree.root = list;
    this.add();
  }

  add(): void {
    const old = this.set.get(this.tree.name);
    if (!old || isEmptyTree(old.root)) {
      this.set.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root)) this.errorf(`template: multiple definition of template ${JSON.stringify(this.tree.name)}`);
  }

  private itemList(): [ListNode, Node] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case T.Text:
        return { kind: 'text', pos: tok.pos, tree: this.tree, text: tok.val };
      case T.LeftDelim: {
        this.actionLine = tok.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case T.Comment:
        return { kind: 'comment', pos: tok.pos, tree: this.tree, text: tok.val };
    }
    this.unexpected(tok, 'input');
  }

  private action(): Node {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue: {
        const word = tok.typ === T.Break ? 'break' : 'continue';
        const t2 = this.nextNonSpace();
        if (t2.typ !== T.RightDelim) this.unexpected(t2, `{{${word}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
        return { kind: word, pos: tok.pos, tree: this.tree, line: tok.line };
      }
      case T.Else: {
        const p = this.peekNonSpace();
        if (p.typ === T.If) return { kind: 'else', pos: p.pos, tree: this.tree, line: p.line };
        const t2 = this.expect(T.RightDelim, 'else');
        return { kind: 'else', pos: t2.pos, tree: this.tree, line: t2.line };
      }
      case T.End:
        return { kind: 'end', pos: this.expect(T.RightDelim, 'end').pos, tree: this.tree };
      case T.If:
        return this.control('if', true);
      case T.Range:
        return this.control('range', false);
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.control('with', false);
    }
    this.backup();
    const t = this.peek();
    return { kind: 'action', pos: t.pos, tree: this.tree, line: t.line, pipe: this.pipeline('command', T.RightDelim) };
  }

  private control(kind: 'if' | 'range' | 'with', allowElseIf: boolean): BranchNode {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(kind, T.RightDelim);
      if (kind === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        if (allowElseIf && this.peek().typ === T.If) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.control('if', true));
        } else {
          const [el, n2] = this.itemList();
          elseList = el;
          if (n2.kind !== 'end') this.errorf(`expected end; found ${nodeString(n2)}`);
        }
      }
      const b: BranchNode = { kind, pos: pipe.pos, tree: this.tree, line: pipe.line, pipe, list };
      if (elseList) b.elseList = elseList;
      return b;
    } finally {
      this.vars.length = nvars;
    }
  }

  private templateName(tok: Item, context: string): string {
    if (tok.typ === T.String || tok.typ === T.RawString) {
      const s = unquote(tok.val);
      if (s === undefined) this.errorf('invalid syntax');
      return s!;
    }
    this.unexpected(tok, context);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const sub = new Parser(name, this.parseName, this.text, this.hasFunc, this.set, this.items);
    sub.i = this.i;
    sub.maxRead = this.maxRead;
    const [list, end] = sub.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    sub.tree.root = list;
    sub.add();
    this.i = sub.i;
    this.maxRead = sub.maxRead;
    return { kind: 'template', pos: tok.pos, tree: this.tree, line: tok.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    const n: Node = { kind: 'template', pos: tok.pos, tree: this.tree, line: tok.line, name };
    if (pipe) n.pipe = pipe;
    return n;
  }

  private pipeline(context: string, end: T): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: tok.pos, tree: this.tree, line: tok.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === T.Variable) {
        this.nextNonSpace();
        const after = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === T.Assign || next.typ === T.Declare) {
          pipe.isAssign = next.typ === T.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === T.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (after.typ === T.Space) {
          // back before the variable and its space
          this.i = this.indexOf(v);
        } else {
          this.i = this.indexOf(v);
        }
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0]!.kind;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') this.errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      switch (t.typ) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private indexOf(it: Item): number {
    return this.items.indexOf(it);
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { kind: 'variable', pos, tree: this.tree, ident: name.split('.') };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, tree: this.tree, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) cmd.args.push(op);
      const t = this.next();
      if (t.typ === T.Space) continue;
      if (t.typ === T.RightDelim || t.typ === T.RightParen) this.backup();
      else if (t.typ !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === T.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
      switch (node.kind) {
        case 'field':
          node = { kind: 'field', pos, tree: this.tree, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { kind: 'variable', pos, tree: this.tree, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
          break;
        default:
          node = { kind: 'chain', pos, tree: this.tree, node, field: fields };
      }
    }
    return node;
  }

  private term(): Node | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Identifier:
        if (!this.hasFunc(t.val)) this.errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { kind: 'identifier', pos: t.pos, tree: this.tree, ident: t.val };
      case T.Dot:
        return { kind: 'dot', pos: t.pos, tree: this.tree };
      case T.Nil:
        return { kind: 'nil', pos: t.pos, tree: this.tree };
      case T.Variable: {
        const v = this.newVariable(t.pos, t.val);
        if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
        return v;
      }
      case T.Field:
        return { kind: 'field', pos: t.pos, tree: this.tree, ident: t.val.slice(1).split('.') };
      case T.Bool:
        return { kind: 'bool', pos: t.pos, tree: this.tree, value: t.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        return newNumber(this, t.pos, t.val, t.typ);
      case T.LeftParen:
        return this.pipeline('parenthesized pipeline', T.RightParen);
      case T.String:
      case T.RawString: {
        const s = unquote(t.val);
        if (s === undefined) this.errorf('invalid syntax');
        return { kind: 'string', pos: t.pos, tree: this.tree, quoted: t.val, text: s! };
      }
    }
    this.backup();
    return undefined;
  }
}

/** Go's IsEmptyTree: only whitespace text, comments and empty lists. */
export function isEmptyTree(n: Node): boolean {
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '' && !/[^\t\n\v\f\r \u0085\u00a0]/.test(n.text);
    case 'comment':
      return true;
    default:
      return false;
  }
}

/**
 * Parses one template text named `name` (errors report `parseName`, the file it came from) into `set`:
 * the main tree under `name` and every template it defines. As Go's Template.Parse: a definition replaces an
 * earlier one of the same name unless it is empty.
 */
export function parseTemplate(name: string, text: string, hasFunc: (n: string) => boolean, set: TreeSet, parseName = name): void {
  const local: TreeSet = new Map();
  const p = new Parser(name, parseName, text, hasFunc, local);
  p.parse();
  // the main tree is added last, as Go's parse adds it after its definitions
  p.add();
  for (const [k, t] of local) {
    const old = set.get(k);
    if (old && isEmptyTree(t.root) && !(k === name)) continue;
    if (old && k === name && isEmptyTree(t.root) && !isEmptyTree(old.root)) continue;
    set.set(k, t);
  }
  void fmtU;
}
