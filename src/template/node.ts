// The parse tree of Go's text/template (parse/node.go): typed nodes with their positions, and String()
// exactly as Go prints nodes in error messages (`at <.Values.a.b>`).
import { goQuote } from '../values/gofmt.js';

export interface Tree {
  name: string;
  parseName: string;
  text: string;
  root: ListNode;
}

interface Base {
  pos: number;
  tree: Tree;
}

export interface ListNode extends Base { kind: 'list'; nodes: Node[] }
export interface TextNode extends Base { kind: 'text'; text: string }
export interface CommentNode extends Base { kind: 'comment'; text: string }
export interface PipeNode extends Base { kind: 'pipe'; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface ActionNode extends Base { kind: 'action'; line: number; pipe: PipeNode }
export interface CommandNode extends Base { kind: 'command'; args: Node[] }
export interface IdentifierNode extends Base { kind: 'identifier'; ident: string }
export interface VariableNode extends Base { kind: 'variable'; ident: string[] }
export interface DotNode extends Base { kind: 'dot' }
export interface NilNode extends Base { kind: 'nil' }
export interface FieldNode extends Base { kind: 'field'; ident: string[] }
export interface ChainNode extends Base { kind: 'chain'; node: Node; field: string[] }
export interface BoolNode extends Base { kind: 'bool'; value: boolean }
export interface NumberNode extends Base {
  kind: 'number';
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  float64: number;
  text: string;
}
export interface StringNode extends Base { kind: 'string'; quoted: string; text: string }
export interface EndNode extends Base { kind: 'end' }
export interface ElseNode extends Base { kind: 'else'; line: number }
export interface BranchNode extends Base {
  kind: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface BreakNode extends Base { kind: 'break'; line: number }
export interface ContinueNode extends Base { kind: 'continue'; line: number }
export interface TemplateNode extends Base { kind: 'template'; line: number; name: string; pipe?: PipeNode }

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

/** Go's Node.String(): the source form of a node as error messages quote it. */
export function nodeString(n: Node): string {
  switch (n.kind) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return goQuote(n.text);
    case 'comment':
      return `{{${n.text}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length) {
        s = n.decl.map(nodeString).join(', ') + ' := ';
      }
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((f) => '.' + f).join('');
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => '.' + f).join('');
    }
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
    case 'if':
    case 'range':
    case 'with': {
      let s = `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'template':
      return n.pipe ? `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
  }
}

/** Go's Tree.ErrorContext: `name:line:byteColumn` of a node and its (shortened) source form. */
export function errorContext(n: Node): { location: string; context: string } {
  const text = n.tree.text.slice(0, n.pos);
  const nl = text.lastIndexOf('\n');
  const lineText = nl === -1 ? text : text.slice(nl + 1);
  const byteNum = new TextEncoder().encode(lineText).length;
  let lineNum = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineNum++;
  const context = nodeString(n);
  return { location: `${n.tree.parseName}:${lineNum}:${byteNum}`, context };
}
