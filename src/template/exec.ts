// The executor of Go's text/template (exec.go): walks the parse tree with Go's rules for fields, maps,
// functions, pipelines, variables and control structures. Values carry Go's distinction between "no value"
// (undefined: an invalid reflect.Value) and a nil interface (null: a map entry or list element that is nil).
import { errorContext, nodeString, type BranchNode, type ChainNode, type CommandNode, type FieldNode, type ListNode, type Node, type PipeNode, type TemplateNode, type Tree, type VariableNode } from './node.js';
import { formatV } from './fmt.js';
import { GoError, GoFuncVal, GoInt, GoNum, GoStruct, isGoMap, mapElemType, methodsOf, typeName, truth, underlyingType, type GoFunc, type TVal } from './value.js';
import type { TreeSet } from './parse.js';

/** An execution error: `message` is Go's full text (`template: NAME:L:C: executing "NAME" at <X>: msg`). */
export class ExecError extends Error {
  constructor(
    message: string,
    /** The error this one wraps (an include's error), as Go's %w chain. */
    readonly wrapped?: Error,
  ) {
    super(message);
  }
}

/** A counted budget ran out (steps, output bytes, depth): the render stops with `render-limit`. */
export class LimitError extends Error {}

export interface Limits {
  /** Nodes and commands evaluated, across the whole render. */
  maxSteps: number;
  /** Bytes written to outputs plus string results of functions, across the whole render. */
  maxOutput: number;
  /** Nested `template` calls (Go's limit, 100,000, by default: a lower budget refuses deeper nesting with
   * render-limit instead of Go's error) and nested `include`/`tpl` calls in total (Helm limits each name to 1,000). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 2_000_000, maxOutput: 8 * 1024 * 1024, maxDepth: 100_000 };

export interface Budget {
  steps: number;
  output: number;
  limits: Limits;
}

export function newBudget(limits: Partial<Limits> = {}): Budget {
  return { steps: 0, output: 0, limits: { ...DEFAULT_LIMITS, ...limits } };
}

export function chargeOutput(b: Budget, n: number): void {
  b.output += n;
  if (b.output > b.limits.maxOutput) throw new LimitError(`render-limit: the templates wrote more than ${b.limits.maxOutput} bytes`);
}

/** Options Helm sets on its templates. */
export interface ExecOptions {
  /** missingkey: 'zero' (Helm's default), 'error' (strict) or 'default'. */
  missingKey: 'zero' | 'error' | 'default';
  /** Go's version decides `range` over an integer (Go 1.22+: Helm 4) and the comparison error text. */
  goVersion: number;
}

interface Var {
  name: string;
  v: TVal;
  iface: boolean;
}

export const MISSING = Symbol('missing');
export type Final = TVal | typeof MISSING;
class Break {}
class Continue {}
export const BREAK = new Break();
export const CONTINUE = new Continue();

/** The set of templates one execution sees, and its function table. */
export interface Templates {
  trees: TreeSet;
  funcs: Map<string, GoFunc>;
  options: ExecOptions;
  budget: Budget;
  /** Builtins get the executor's own handling (and/or short-circuit, reflect.Value arguments). */
  builtins: Set<string>;
  /** Which values paths the actions read (off unless a caller asks: validateValues locating a failure). */
  trace?: ValueTrace;
}

/**
 * Values paths read while rendering: maps and lists of .Values are known by their path (the roots registered by
 * the caller, the rest learnt as field chains, `index`, `get`, `dig`, `with` and `range` reach them); each read
 * is numbered, and each action (`{{ }}` pipeline) being evaluated keeps the number it started at. When a render
 * fails, the value read last is the failing action's when it was read after that action started: it is the
 * value the failure is traced to.
 */
export interface ValueTrace {
  paths: WeakMap<object, Array<string | number>>;
  /** Read numbers at which the actions now being evaluated started, innermost last. */
  frames: number[];
  seq: number;
  last?: { path: Array<string | number>; seq: number };
}

export function newValueTrace(): ValueTrace {
  return { paths: new WeakMap(), frames: [], seq: 0 };
}

/** The values path a failure is traced to: the last read, when the innermost open action made it. */
export function tracedPath(tr: ValueTrace): Array<string | number> | undefined {
  const start = tr.frames[tr.frames.length - 1];
  if (start === undefined || !tr.last || tr.last.seq <= start) return undefined;
  return tr.last.path;
}

export function traceRead(tr: ValueTrace, path: Array<string | number>): void {
  tr.last = { path, seq: ++tr.seq };
}

/** Learns the path of a map or list reached at `path` (the first path an object is reached by is kept). */
export function traceLearn(tr: ValueTrace, v: TVal, path: Array<string | number>): void {
  if (v !== null && typeof v === 'object' && (Array.isArray(v) || isGoMap(v)) && !tr.paths.has(v)) tr.paths.set(v, path);
}

/** The values path `index`, `get` and `dig` look up, when their collection's path is known. */
export function lookupPath(tr: ValueTrace, name: string, argv: TVal[]): Array<string | number> | undefined {
  let base: Array<string | number> | undefined;
  let keys: TVal[];
  if (name === 'index' || name === 'get') {
    base = tracePathOf(tr, argv[0]);
    keys = argv.slice(1);
  } else if (name === 'dig' && argv.length >= 2) {
    base = tracePathOf(tr, argv[argv.length - 1]);
    keys = argv.slice(0, -2);
  } else return undefined;
  if (!base) return undefined;
  const parts = keys.map(pathKey);
  return parts.every((k) => k !== undefined) ? [...base, ...(parts as Array<string | number>)] : undefined;
}

export function tracePathOf(tr: ValueTrace, v: TVal): Array<string | number> | undefined {
  return v !== null && typeof v === 'object' ? tr.paths.get(v) : undefined;
}

/** A key of index/get/dig as a path part (strings and integers; anything else ends the trace). */
function pathKey(k: TVal): string | number | undefined {
  if (typeof k === 'string') return k;
  if (k instanceof GoInt) return Number(k.value);
  if (typeof k === 'number' && Number.isInteger(k)) return k;
  return undefined;
}

export function canBeNil(t: string): boolean {
  return t === 'any' || t === 'value' || t.startsWith('[]') || t.startsWith('map[') || t.startsWith('*') || t.startsWith('func');
}

export function goTypeString(t: string): string {
  return t === 'any' ? 'interface {}' : t === 'value' ? 'reflect.Value' : t;
}

/** An execution's state and the executor's steps that never wait for a nested execution. */
export class StateBase {
  vars: Var[] = [];
  node: Node | undefined = undefined;
  depth = 0;
  out = '';
  /** The interface-ness of the last mapField result (whether its map's elements are interface {}). */
  fieldIface = false;
  constructor(
    readonly t: Templates,
    public tmplName: string,
  ) {}

  /** Starts the execution of the template `tmplName` with `data` as dot: its root node. */
  begin(data: TVal, depth: number): ListNode {
    const tree: Tree | undefined = this.t.trees.get(this.tmplName);
    if (!tree) throw new ExecError(`template: no template ${JSON.stringify(this.tmplName)} associated with template "gotpl"`);
    this.depth = depth;
    this.push('$', data);
    return tree.root as ListNode;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const { location, context } = errorContext(this.node);
    throw new ExecError(`template: ${location}: executing ${JSON.stringify(name)} at <${context}>: ${msg}`);
  }

  at(n: Node): void {
    this.node = n;
  }

  step(): void {
    const b = this.t.budget;
    if (++b.steps > b.limits.maxSteps) throw new LimitError(`render-limit: the templates ran more than ${b.limits.maxSteps} steps`);
  }

  write(s: string): void {
    if (!s) return;
    chargeOutput(this.t.budget, s.length);
    this.out += s;
  }

  mark(): number {
    return this.vars.length;
  }

  pop(m: number): void {
    this.vars.length = m;
  }

  push(name: string, v: TVal, iface = false): void {
    this.vars.push({ name, v, iface });
  }

  setTopVar(n: number, v: TVal, iface: boolean): void {
    const x = this.vars[this.vars.length - n]!;
    x.v = v;
    x.iface = iface;
  }

  setVar(name: string, v: TVal): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.v = v;
        this.vars[i]!.iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  varValue(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  idealConstant(n: Node & { kind: 'number' }): TVal {
    this.at(n);
    if (n.isComplex) this.errorf('complex numbers are not supported');
    if (n.isFloat && !/^[+-]?0[xX]/.test(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return new GoNum(n.int64, 'int');
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return n.float64;
  }

  /**
   * A field chain evaluated without a generator while every receiver is a plain map (the common case): the
   * value, or NOT_PLAIN when a receiver is something else (a struct, a method, no value), to be evaluated by
   * evalFieldChain. Nothing is evaluated twice: map lookups have no effects.
   */
  plainFieldChain(receiver: TVal, ident: string[], args: Node[], final: Final): TVal | typeof NOT_PLAIN {
    // a traced render notes each step's values path (evalFieldChainTraced)
    if (this.t.trace) return NOT_PLAIN;
    const n = ident.length;
    let r = receiver;
    for (let i = 0; i < n; i++) {
      if (!isPlainMap(r)) return NOT_PLAIN;
      r = this.mapField(r, ident[i]!, i === n - 1 ? args.length > 1 || final !== MISSING : false);
    }
    return r;
  }

  /** A field of a map: Go's map index with the missingkey option (evalField's map case). */
  mapField(receiver: { [key: string]: TVal }, fieldName: string, hasArgs: boolean): TVal {
    if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
    const elem = mapElemType(receiver);
    this.fieldIface = elem === 'interface {}';
    if (!Object.prototype.hasOwnProperty.call(receiver, fieldName)) {
      if (this.t.options.missingKey === 'error') this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
      if (this.t.options.missingKey === 'default') {
        this.fieldIface = false;
        return undefined;
      }
      return zeroOf(elem);
    }
    const v = receiver[fieldName];
    return v === undefined ? null : v;
  }

  errText(msg: string): string {
    try {
      this.errorf(msg);
    } catch (e) {
      return (e as Error).message;
    }
  }

  evalEmptyInterface(dot: TVal, n: Node): TVal {
    this.at(n);
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  validateType(v: TVal, typ: string | undefined, iface = false): TVal {
    if (v === undefined) {
      if (typ === undefined) return undefined;
      if (typ === 'value') return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${goTypeString(typ)}`);
    }
    if (typ === undefined || typ === 'any' || typ === 'value') return v;
    if (v === null) this.errorf(`wrong type for value; expected ${goTypeString(typ)}; got interface {}`);
    const vt = typeName(v);
    if (vt === typ || underlyingType(v) === typ) return v;
    void iface;
    this.errorf(`wrong type for value; expected ${goTypeString(typ)}; got ${vt}`);
  }

  printValue(n: Node, v: TVal): void {
    this.at(n);
    if (v === undefined || v === null) {
      this.write('<no value>');
      return;
    }
    if (v instanceof GoFuncVal) this.errorf(`can't print ${nodeString(n)} of type ${v.typeName}`);
    // text/template prints an addressable value by its pointer's String()
    if (v instanceof GoStruct && v.pointerString && v.str) this.write(v.str());
    else this.write(formatV(v));
  }
}

/**
 * The executor as generators: a nested execution (a `template` action, include, tpl) is yielded to the driver,
 * which runs it on its own stack, so that nesting costs heap, not JavaScript stack (Go allows 100,000 levels).
 * src/template/_exec-sync.ts is the same code made synchronous (scripts/gen-exec-sync.mjs writes it from this
 * class): renders run there, and move here only below SYNC_NESTING nested executions.
 */
export class State extends StateBase {
  *walk(dot: TVal, dotIface: boolean, node: Node): Gen<void> {
    this.at(node);
    this.step();
    switch (node.kind) {
      case 'action': {
        const val = yield* this.evalPipeline(dot, dotIface, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        yield* this.walkIfOrWith(node, dot, dotIface);
        return;
      case 'list':
        for (const n of node.nodes) {
          if (n.kind === 'text') {
            // most of a template is text: written here rather than through a nested walk
            this.at(n);
            this.step();
            this.write(n.text);
          } else yield* this.walk(dot, dotIface, n);
        }
        return;
      case 'range':
        yield* this.walkRange(dot, dotIface, node);
        return;
      case 'template':
        yield* this.walkTemplate(dot, dotIface, node);
        return;
      case 'text':
        this.write(node.text);
        return;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  *walkIfOrWith(node: BranchNode, dot: TVal, dotIface: boolean): Gen<void> {
    const m = this.mark();
    try {
      const val = yield* this.evalPipeline(dot, dotIface, node.pipe);
      if (val instanceof GoFuncVal) this.errorf(`if/with can't use ${formatV(val)}`);
      if (truth(val)) {
        if (node.kind === 'with') yield* this.walk(val, false, node.list);
        else yield* this.walk(dot, dotIface, node.list);
      } else if (node.elseList) yield* this.walk(dot, dotIface, node.elseList);
    } finally {
      this.pop(m);
    }
  }

  *walkRange(dot: TVal, dotIface: boolean, r: BranchNode): Gen<void> {
    this.at(r);
    const m0 = this.mark();
    // the range's own frame stays open until its value is known to iterate: `range can't iterate over` is
    // traced to the value ranged over
    const tr = this.t.trace;
    if (tr) tr.frames.push(tr.seq);
    const closeFrame = () => {
      if (tr) tr.frames.pop();
    };
    try {
      const val = yield* this.evalPipeline(dot, dotIface, r.pipe);
      const mark = this.mark();
      const self = this;
      const base = tr ? tracePathOf(tr, val) : undefined;
      const one = function* (index: TVal, elem: TVal, elemIface: boolean): Gen<boolean> {
        if (base) traceLearn(tr!, elem, [...base, typeof index === 'string' ? index : Number((index as GoInt).value)]);
        if (r.pipe.decl.length > 0) self.setTopVar(1, elem, elemIface);
        if (r.pipe.decl.length > 1) self.setTopVar(2, index, false);
        try {
          yield* self.walk(elem, elemIface, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          self.pop(mark);
        }
        return true;
      };
      if (Array.isArray(val) || val instanceof Uint8Array) {
        closeFrame();
        if (val.length > 0) {
          const tagged = Array.isArray(val) && typeName(val) !== '[]interface {}';
          for (let i = 0; i < val.length; i++) {
            const e = val instanceof Uint8Array ? new GoNum(BigInt(val[i]!), 'uint8') : val[i];
            if (!(yield* one(new GoNum(BigInt(i), 'int'), e, !tagged && !(val instanceof Uint8Array)))) break;
          }
          return;
        }
      } else if (isGoMap(val) || (val instanceof GoStruct && val.mapLike)) {
        closeFrame();
        const mp = val instanceof GoStruct ? val.mapLike! : val;
        const keys = Object.keys(mp).sort(compareBytes);
        if (keys.length > 0) {
          const iface = typeName(val) === 'map[string]interface {}' || val instanceof GoStruct;
          for (const k of keys) if (!(yield* one(k, mp[k], iface))) break;
          return;
        }
      } else if (val instanceof GoInt && this.t.options.goVersion >= 24) {
        if (r.pipe.decl.length > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
        closeFrame();
        const kind = val instanceof GoNum ? val.kind : 'int64';
        for (let i = 0n; i < val.value; i++) {
          const x = kind === 'int64' ? new GoInt(i) : new GoNum(i, kind);
          if (!(yield* one(x, x, false))) break;
        }
        return;
      } else if (val === undefined || val === null) {
        // an invalid value ranges like an empty map
        closeFrame();
      } else if (val instanceof GoStruct && val.typeName.startsWith('*') === false) {
        this.errorf(`range can't iterate over ${formatV(val)}`);
      } else {
        this.errorf(`range can't iterate over ${formatV(val)}`);
      }
      if (r.elseList) yield* this.walk(dot, dotIface, r.elseList);
    } finally {
      this.pop(m0);
    }
  }

  *walkTemplate(dot: TVal, dotIface: boolean, t: TemplateNode): Gen<void> {
    this.at(t);
    const tree = this.t.trees.get(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= this.t.budget.limits.maxDepth) {
      if (this.t.budget.limits.maxDepth < 100_000) throw new LimitError(`render-limit: templates nested deeper than ${this.t.budget.limits.maxDepth}`);
      this.errorf(`exceeded maximum template depth (100000)`);
    }
    const v = yield* this.evalPipeline(dot, dotIface, t.pipe);
    this.out += yield this.nested(this.t, t.name, v, this.depth + 1);
  }

  *evalPipeline(dot: TVal, dotIface: boolean, pipe: PipeNode | undefined): Gen<TVal> {
    if (!pipe) return undefined;
    this.at(pipe);
    // an action's frame is left open when it fails: the failure is traced to what the innermost one read
    const tr = this.t.trace;
    if (tr) tr.frames.push(tr.seq);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = yield* this.evalCommand(dot, dotIface, cmd, value);
      if (value === null) value = undefined; // a nil interface unwraps to no value
    }
    const v = value === MISSING ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, v);
      else this.push(d.ident[0]!, v);
    }
    if (tr) tr.frames.pop();
    return v;
  }

  *evalCommand(dot: TVal, dotIface: boolean, cmd: CommandNode, final: Final): Gen<TVal> {
    this.step();
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field': {
        this.at(first);
        const v = this.plainFieldChain(dot, first.ident, cmd.args, final);
        if (v !== NOT_PLAIN) return v;
        return yield* this.evalFieldNode(dot, dotIface, first, cmd.args, final);
      }
      case 'chain':
        return yield* this.evalChainNode(dot, dotIface, first, cmd.args, final);
      case 'identifier': {
        this.at(first);
        const fn = this.t.funcs.get(first.ident);
        if (!fn) this.errorf(`${JSON.stringify(first.ident)} is not a defined function`);
        return yield* this.evalCall(dot, dotIface, fn, this.t.builtins.has(first.ident), cmd, first.ident, cmd.args, final);
      }
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return yield* this.evalPipeline(dot, dotIface, first);
      case 'variable':
        return yield* this.evalVariableNode(dot, dotIface, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  *evalFieldNode(dot: TVal, dotIface: boolean, field: FieldNode, args: Node[], final: Final): Gen<TVal> {
    this.at(field);
    return yield* this.evalFieldChain(dot, dotIface, dot, dotIface, field, field.ident, args, final);
  }

  *evalChainNode(dot: TVal, dotIface: boolean, chain: ChainNode, args: Node[], final: Final): Gen<TVal> {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = yield* this.evalArg(dot, dotIface, undefined, chain.node);
    return yield* this.evalFieldChain(dot, dotIface, pipe, false, chain, chain.field, args, final);
  }

  *evalVariableNode(dot: TVal, dotIface: boolean, v: VariableNode, args: Node[], final: Final): Gen<TVal> {
    this.at(v);
    const x = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return x.v;
    }
    return yield* this.evalFieldChain(dot, dotIface, x.v, x.iface, v, v.ident.slice(1), args, final);
  }

  *evalFieldChain(dot: TVal, dotIface: boolean, receiver: TVal, recvIface: boolean, node: Node, ident: string[], args: Node[], final: Final): Gen<TVal> {
    const n = ident.length;
    let r = receiver;
    let ri = recvIface;
    const tr = this.t.trace;
    if (tr) return yield* this.evalFieldChainTraced(tr, dot, dotIface, receiver, recvIface, node, ident, args, final);
    for (let i = 0; i < n; i++) {
      const last = i === n - 1;
      if (isPlainMap(r)) {
        // a map without methods (values, dicts): looked up here, no call can be nested in it
        r = this.mapField(r, ident[i]!, last ? args.length > 1 || final !== MISSING : false);
        ri = this.fieldIface;
      } else {
        [r, ri] = yield* this.evalField(dot, dotIface, ident[i]!, node, last ? args : NO_ARGS, last ? final : MISSING, r, ri);
      }
    }
    return r;
  }

  /** evalFieldChain noting each step's values path: `.Values.a.b` reads `a` then `a.b`, missing values included. */
  *evalFieldChainTraced(tr: ValueTrace, dot: TVal, dotIface: boolean, receiver: TVal, recvIface: boolean, node: Node, ident: string[], args: Node[], final: Final): Gen<TVal> {
    let r = receiver;
    let ri = recvIface;
    let path = tracePathOf(tr, r);
    for (let i = 0; i < ident.length; i++) {
      const last = i === ident.length - 1;
      const step = path ? [...path, ident[i]!] : undefined;
      if (step) traceRead(tr, step);
      [r, ri] = yield* this.evalField(dot, dotIface, ident[i]!, node, last ? args : [], last ? final : MISSING, r, ri);
      const known = tracePathOf(tr, r);
      if (known) path = known;
      else {
        path = step;
        if (step) traceLearn(tr, r, step);
      }
    }
    return r;
  }

  *evalField(dot: TVal, dotIface: boolean, fieldName: string, node: Node, args: Node[], final: Final, receiver: TVal, recvIface: boolean): Gen<[TVal, boolean]> {
    if (receiver === undefined) {
      if (this.t.options.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return [undefined, false];
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const typ = () => (recvIface ? 'interface {}' : typeName(receiver));
    const named = methodsOf(receiver)?.[fieldName];
    if (named) return [yield* this.evalCall(dot, dotIface, named, false, node, fieldName, args, final), false];
    if (receiver instanceof GoStruct) {
      const method = receiver.methods[fieldName];
      if (method) return [yield* this.evalCall(dot, dotIface, method, false, node, fieldName, args, final), false];
      const hasArgs = args.length > 1 || final !== MISSING;
      if (Object.prototype.hasOwnProperty.call(receiver.fields, fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return [receiver.fields[fieldName], false];
      }
      if (receiver.pointerString?.printed && Object.prototype.hasOwnProperty.call(receiver.pointerString.printed, fieldName)) {
        this.errorf(`${fieldName} is an unexported field of struct type ${typ()}`);
      }
      if (receiver.mapLike) {
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        const v = receiver.mapLike[fieldName];
        return [v === undefined ? null : (v as TVal), false];
      }
      this.errorf(`can't evaluate field ${fieldName} in type ${typ()}`);
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isGoMap(receiver)) {
      const v = this.mapField(receiver, fieldName, hasArgs);
      return [v, this.fieldIface];
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ()}`);
  }

  *evalFunction(dot: TVal, dotIface: boolean, name: string, node: Node, cmd: Node, args: Node[], final: Final): Gen<TVal> {
    this.at(node);
    const fn = this.t.funcs.get(name);
    if (!fn) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return yield* this.evalCall(dot, dotIface, fn, this.t.builtins.has(name), cmd, name, args, final);
  }

  *evalCall(dot: TVal, dotIface: boolean, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, allArgs: Node[], final: Final): Gen<TVal> {
    // the arguments are allArgs[1..] (allArgs[0] names the function)
    const nargs = Math.max(0, allArgs.length - 1);
    const numIn = nargs + (final !== MISSING ? 1 : 0);
    const nparams = fn.params.length + (fn.variadic !== undefined ? 1 : 0);
    let numFixed = nargs;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${nargs}`);
    } else if (numIn !== nparams) this.errorf(`wrong number of args for ${name}: want ${nparams} got ${numIn}`);

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: TVal = undefined;
      for (let i = 1; i < allArgs.length; i++) {
        v = yield* this.evalArg(dot, dotIface, 'value', allArgs[i]!);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }
    if (isBuiltin && name === 'call' && nargs > 0) {
      // Go names the callee by its source text in call's errors, and a nil literal is a nil callee
      const callee = allArgs[1]!;
      const f = callee.kind === 'nil' ? undefined : yield* this.evalArg(dot, dotIface, 'value', callee);
      const rest: TVal[] = [];
      for (let i = 2; i < allArgs.length; i++) rest.push(yield* this.evalArg(dot, dotIface, 'value', allArgs[i]!));
      if (final !== MISSING) rest.push(this.validateType(final, 'value'));
      this.at(node);
      const fail = (m: string) => new ExecError(this.errText(`error calling call: ${m}`), new GoError(m));
      if (f === undefined || f === null) throw fail('call of nil');
      if (!(f instanceof GoFuncVal)) throw fail(`non-function ${nodeString(callee)} of type ${typeName(f)}`);
      try {
        return f.f.fn(...rest);
      } catch (e) {
        if (e instanceof GoError) throw new ExecError(this.errText(`error calling call: ${e.message}`), e);
        throw e;
      }
    }
    const argv: TVal[] = [];
    let i = 0;
    for (; i < numFixed && i < nargs; i++) argv.push(yield* this.evalArg(dot, dotIface, fn.params[i]!, allArgs[i + 1]!));
    if (fn.variadic !== undefined) for (; i < nargs; i++) argv.push(yield* this.evalArg(dot, dotIface, fn.variadic, allArgs[i + 1]!));
    if (final !== MISSING) {
      let t: string;
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic;
      else t = fn.params[fn.params.length - 1]!;
      argv.push(this.validateType(final, t));
    }
    let v: TVal;
    const read = this.t.trace ? lookupPath(this.t.trace, name, argv) : undefined;
    if (read) traceRead(this.t.trace!, read);
    try {
      v = fn.fn(...argv);
      if (v instanceof Deferred) v = yield* this.runDeferred(v.call);
    } catch (e) {
      if (e instanceof LimitError || e instanceof ExecError) {
        if (e instanceof ExecError && e.message.startsWith('\u0000')) throw e;
        if (e instanceof LimitError) throw e;
      }
      if (e instanceof GoError || e instanceof ExecError) {
        this.at(node);
        const err = new ExecError(this.errText(`error calling ${name}: ${e.message}`), e);
        throw err;
      }
      if (e instanceof RangeError) throw new LimitError(/call stack/i.test(e.message) ? 'render-limit: templates and includes nested deeper than the renderer allows' : `render-limit: ${e.message}`);
      throw e;
    }
    if (typeof v === 'string' && v.length > 1024) chargeOutput(this.t.budget, v.length);
    if (read) traceLearn(this.t.trace!, v, read);
    return v;
  }

  *evalArg(dot: TVal, dotIface: boolean, typ: string | undefined, n: Node): Gen<TVal> {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ, dotIface);
      case 'nil':
        // a builtin's reflect.Value parameter gets reflect.Zero of reflect.Value: Go's zero Value (no value)
        if (typ === 'value') return undefined;
        if (typ !== undefined && canBeNil(typ)) return null;
        this.errorf(`cannot assign nil to ${goTypeString(typ ?? 'any')}`);
        break;
      case 'field': {
        const plain = this.plainFieldChain(dot, n.ident, NO_ARGS, MISSING);
        const fin = plain !== NOT_PLAIN ? plain : yield* this.evalFieldNode(dot, dotIface, n, [n], MISSING);
        return this.validateType(fin, typ, false);
      }
      case 'variable': {
        const x = n.ident.length === 1 ? this.varValue(n.ident[0]!) : undefined;
        const v = yield* this.evalVariableNode(dot, dotIface, n, [], MISSING);
        return this.validateType(v, typ, x ? x.iface : false);
      }
      case 'pipe':
        return this.validateType(yield* this.evalPipeline(dot, dotIface, n), typ);
      case 'identifier':
        return this.validateType(yield* this.evalFunction(dot, dotIface, n.ident, n, n, [n], MISSING), typ);
      case 'chain':
        return this.validateType(yield* this.evalChainNode(dot, dotIface, n, [], MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case 'int':
      case 'int64':
      case 'int32':
      case 'uint32':
      case 'uint8':
        if (n.kind === 'number' && n.isInt) return typ === 'int64' ? new GoInt(n.int64) : new GoNum(n.int64, typ);
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case 'string':
        if (n.kind === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      case 'any':
      case 'value':
      case undefined:
        return this.evalEmptyInterface(dot, n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${goTypeString(typ!)}`);
  }

  /** include or tpl: the nested execution their Deferred asks for, and its result. */
  *runDeferred(call: NestedCall): Gen<TVal> {
    const x = call.enter();
    try {
      return call.leave(yield this.nested(x.t, x.name, x.data, 0));
    } catch (e) {
      throw call.fail(e);
    } finally {
      call.exit();
    }
  }

  /** A nested execution, for the driver to run. */
  nested(t: Templates, name: string, data: TVal, depth: number): ExecRequest {
    return new ExecRequest(t, name, data, depth);
  }
}

export const NO_ARGS: Node[] = [];
export const NOT_PLAIN = Symbol('not a plain map');

/** A map value without methods: what most field chains walk through (.Values.a.b). */
export function isPlainMap(v: TVal): v is { [key: string]: TVal } {
  return typeof v === 'object' && v !== null && isGoMap(v) && methodsOf(v) === undefined;
}

function zeroOf(elem: string): TVal {
  switch (elem) {
    case 'string':
      return '';
    case 'interface {}':
      return null;
    case 'bool':
      return false;
    case 'float64':
      return 0;
    case 'int64':
      return new GoInt(0n);
    case 'int':
      return new GoNum(0n, 'int');
  }
  return null;
}

export function compareBytes(a: string, b: string): number {
  // Go sorts map keys bytewise (UTF-8 order = code point order)
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

/** Go's Template.ExecuteTemplate as a generator that yields its nested executions to the driver. */
export function* executeGen(t: Templates, name: string, data: TVal, depth = 0): Gen<string> {
  const s = new State(t, name);
  yield* s.walk(data, false, s.begin(data, depth));
  return s.out;
}

/**
 * How many executions (`template` actions, include, tpl) nest on JavaScript's stack in the synchronous executor
 * before deeper ones go to the generator driver: real charts nest a few levels; recursive templates go deeper
 * than JavaScript's stack could (Go's limit is 100,000 `template` levels, Helm's 1,000 includes of a name).
 */
export const SYNC_NESTING = 64;

/**
 * A nested execution (a `template` action, or include/tpl through a Deferred): the executor yields it and
 * the driver runs it on its own stack of generators, so that nesting costs heap, not JavaScript stack.
 */
export class ExecRequest {
  constructor(
    readonly t: Templates,
    readonly name: string,
    readonly data: TVal,
    readonly depth: number,
  ) {}
  start(): Gen<string> {
    return executeGen(this.t, this.name, this.data, this.depth);
  }
}

/** What include and tpl do around the nested execution their result is made of. */
export interface NestedCall {
  /** Checks and counts before the execution (may throw); the execution to run. */
  enter(): { t: Templates; name: string; data: TVal };
  /** The function's result, from the execution's text. */
  leave(out: string): TVal;
  /** The error the function throws for one the execution threw. */
  fail(e: unknown): unknown;
  /** After the execution, whether it succeeded or failed (not when enter threw). */
  exit(): void;
}

/** What a function returns when its result needs a nested execution (include, tpl): run by evalCall. */
export class Deferred {
  constructor(readonly call: NestedCall) {}
}

type Gen<T> = Generator<ExecRequest, T, string>;
export type { Gen };

/** Runs an execution and every execution nested in it, keeping the nesting on an explicit stack. */
export function drive<T>(g: Generator<ExecRequest, T, string>): T {
  const stack: Array<Generator<ExecRequest, unknown, string>> = [g];
  let input: string = '';
  let err: unknown;
  let failed = false;
  for (;;) {
    const top = stack[stack.length - 1]!;
    let r: IteratorResult<ExecRequest, unknown>;
    try {
      if (failed) {
        failed = false;
        r = top.throw(err);
      } else r = top.next(input);
    } catch (e) {
      stack.pop();
      if (stack.length === 0) throw e;
      err = e;
      failed = true;
      continue;
    }
    if (r.done) {
      stack.pop();
      if (stack.length === 0) return r.value as T;
      input = r.value as string;
      continue;
    }
    stack.push(r.value.start());
    input = '';
  }
}

export { GoError };
