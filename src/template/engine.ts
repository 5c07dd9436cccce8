// Helm's template engine (pkg/engine): every template of a chart parsed into one set in Helm's order,
// Helm's functions (include, tpl, required, fail, lookup, toYaml...) added to text/template's and sprig's,
// each non-partial template executed, `<no value>` removed, and errors reworded as each Helm version does.
import { Deferred, ExecError, LimitError, newBudget, tracedPath, type Budget, type Limits, type Templates, type ValueTrace } from './exec.js';
import { executeSync } from './_exec-sync.js';
import { ParseError, parseTemplate, type TreeSet } from './parse.js';
import { buildFuncs, type HelmFuncContext } from './table.js';
import { BUILTIN_NAMES } from './funcs.js';
import { GoError, markNamed, newMap, type GoFunc, type TVal } from './value.js';

export type HelmVersion = 3 | 4;

/** One template file: its full name (`chart/templates/x.yaml`), its text, and the dot it executes with. */
export interface TemplateFile {
  name: string;
  text: string;
  data: TVal;
}

/** A render that failed: `message` is what Helm prints after `Error: `. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly limit = false,
    /** With a ValueTrace: the values path the failing action read last (see exec.ts's ValueTrace). */
    readonly valuePath?: Array<string | number>,
  ) {
    super(message);
  }
}

const RECURSION_MAX = 1000;
const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';

/** Helm's template order: deeper paths first, then reverse lexical order (sort.Reverse(byPathLen)). */
export function sortTemplates(names: string[]): string[] {
  const depth = (s: string) => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function cleanupParseError(filename: string, err: Error): string {
  const tokens = err.message.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${err.message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

function parseExecErrorString(s: string): Traceable | undefined {
  const prefix = 'template: ';
  if (!s.startsWith(prefix)) return undefined;
  const rem = s.slice(prefix.length);
  if (rem.startsWith('no template ')) return { location: '', message: s, executedFunction: '' };
  const idx = rem.indexOf(': executing ');
  if (idx !== -1) {
    const templateName = rem.slice(0, idx);
    const after = rem.slice(idx + ': executing '.length);
    if (after[0] === '"') {
      const endQuote = after.indexOf('"', 1);
      if (endQuote !== -1) {
        const fn = after.slice(1, endQuote);
        const afterFunc = after.slice(endQuote + 1);
        if (afterFunc.startsWith(' at <')) {
          const afterAt = afterFunc.slice(5);
          const endLoc = afterAt.indexOf('>: ');
          if (endLoc !== -1) {
            let msg = afterAt.slice(endLoc + 3);
            const cut = msg.indexOf(' template:');
            if (cut !== -1) msg = msg.slice(0, cut);
            return { location: templateName, message: msg, executedFunction: `executing "${fn}" at <${afterAt.slice(0, endLoc)}>:` };
          }
        }
      }
    }
    return undefined;
  }
  const sep = rem.lastIndexOf(': ');
  if (sep !== -1) {
    let msg = rem.slice(sep + 2);
    const cut = msg.indexOf(' template:');
    if (cut !== -1) msg = msg.slice(0, cut);
    return { location: rem.slice(0, sep), message: msg, executedFunction: '' };
  }
  return undefined;
}

/** The chain errors.Unwrap walks: an ExecError, what it wraps, and so on; a non-template error ends it. */
function chain(e: Error): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  let cur: Error | undefined = e;
  while (cur) {
    if (cur instanceof ExecError) {
      out.push(cur.message);
      cur = cur.wrapped;
    } else {
      out.push(undefined);
      break;
    }
  }
  return out;
}

/** Helm's rewording of an execution error (cleanupExecError in 3.17, reformatExecErrorMsg in 4.1). */
export function formatExecError(filename: string, err: Error, helm: HelmVersion): string {
  if (!(err instanceof ExecError)) return err.message;
  const msg = err.message;
  const tokens = splitN(msg, ': ', 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${msg}`;
  const location = tokens[1]!;
  const ws = tokens[2]!.indexOf(WARN_START);
  const we = tokens[2]!.lastIndexOf(WARN_END);
  if (ws !== -1 && we > ws) return `execution error at (${location}): ${tokens[2]!.slice(ws + WARN_START.length, we)}`;
  if (helm === 3) return msg;
  const locs: Traceable[] = [];
  for (const s of chain(err)) {
    const tr = s === undefined ? undefined : parseExecErrorString(s);
    if (!tr) return msg;
    const last = locs[locs.length - 1];
    if (!last || last.location !== tr.location || last.message !== tr.message || last.executedFunction !== tr.executedFunction) locs.push(tr);
  }
  let out = '';
  for (const t of locs) {
    if (t.location) out += `${t.location}\n  `;
    if (t.executedFunction) out += `${t.executedFunction}\n    `;
    if (t.message) out += `${t.message}\n`;
  }
  return out.trim();
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/**
 * Parsed template sets kept between renders. A set is stored under a key made of the Helm version and every
 * template's name and text length: give one cache per chart object (whose texts never change), and every
 * release of that chart parses its templates once. Parsed trees are never written by execution (`tpl` parses
 * into a copy of the set), so one set serves any number of renders.
 */
export interface ParseCache {
  get(key: string): TreeSet | undefined;
  set(key: string, trees: TreeSet): void;
}

export interface EngineOptions {
  helmVersion: HelmVersion;
  /** Reuse parsed templates across renders of the same chart (see ParseCache). */
  parseCache?: ParseCache;
  /** Helm's --strict lint mode: missingkey=error. */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** Trace the values paths actions read, so that a failure names the value it is traced to (RenderError.valuePath). */
  trace?: ValueTrace;
  /** Filled with each executed template's execution time in milliseconds (profiling: bench/templates.mjs). */
  timings?: Map<string, number>;
}

/**
 * Renders a chart's template files as Helm's engine.render: returns each non-partial template's text by
 * name (with `<no value>` removed). Throws RenderError with Helm's message.
 */
export function renderTemplates(files: TemplateFile[], opts: EngineOptions): Map<string, string> {
  const helm = opts.helmVersion;
  const budget: Budget = newBudget(opts.limits);
  let trees: TreeSet = new Map();
  const included = new Map<string, number>();
  let includeDepth = 0;
  const goVersion = helm === 4 ? 25 : 23;
  const t: Templates = {
    trees,
    funcs: new Map(),
    options: { missingKey: opts.strict ? 'error' : 'zero', goVersion },
    budget,
    builtins: BUILTIN_NAMES,
    ...(opts.trace ? { trace: opts.trace } : {}),
  };
  const ctx: HelmFuncContext = {
    helmVersion: helm,
    budget,
    // include and tpl ask the executor for a nested execution (a Deferred), which it runs on its own terms (on
    // its driver's stack when deep): Helm allows 1,000 nested includes of each name
    include: (name, data) =>
      new Deferred({
        enter: () => {
          const n = included.get(name) ?? 0;
          if (n > RECURSION_MAX) throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
          included.set(name, n + 1);
          if (++includeDepth > budget.limits.maxDepth) {
            includeDepth = 0;
            throw new LimitError(`render-limit: includes nested deeper than ${budget.limits.maxDepth}`);
          }
          return { t, name, data };
        },
        leave: (out) => out,
        fail: (e) => e,
        exit: () => {
          included.set(name, (included.get(name) ?? 1) - 1);
          if (includeDepth > 0) includeDepth--;
        },
      }) as unknown as string,
    tpl: (text, data, parentName) =>
      new Deferred({
        enter: () => {
          // a clone of the set: definitions made by the text stay in the clone
          const clone: TreeSet = new Map(trees);
          try {
            parseTemplate(parentName, text, (n) => t.funcs.has(n), clone);
          } catch (e) {
            if (e instanceof ParseError) throw new GoError(`cannot parse template ${goQuoteText(text)}: ${e.message}`);
            throw e;
          }
          return { t: { ...t, trees: clone }, name: parentName, data };
        },
        leave: (out) => out.split('<no value>').join(''),
        fail: (e) => (e instanceof ExecError ? new GoError(`error during tpl function execution for ${goQuoteText(text)}: ${e.message}`) : e),
        exit: () => {},
      }) as unknown as string,
    currentName: () => current,
  };
  let current = 'gotpl';
  const table = boundTable(helm, goVersion, budget.limits.maxOutput);
  table.bind.ctx = ctx;
  table.busy = true;
  t.funcs = table.funcs;
  try {
    const byName = new Map(files.map((f) => [f.name, f]));
    const keys = sortTemplates([...byName.keys()]);
    const cacheKey = opts.parseCache ? `${helm}|${opts.strict ? 's' : ''}|${keys.map((k) => `${k}:${byName.get(k)!.text.length}`).join('|')}` : '';
    const cached = opts.parseCache?.get(cacheKey);
    if (cached) {
      trees = cached;
      t.trees = trees;
    } else {
      for (const name of keys) {
        try {
          parseTemplate(name, byName.get(name)!.text, (n) => t.funcs.has(n), trees);
        } catch (e) {
          if (e instanceof ParseError) throw new RenderError(cleanupParseError(name, e));
          throw e;
        }
      }
      opts.parseCache?.set(cacheKey, trees);
    }
    const out = new Map<string, string>();
    for (const name of keys) {
      const base = name.slice(name.lastIndexOf('/') + 1);
      if (base.startsWith('_')) continue;
      const f = byName.get(name)!;
      const data = f.data as Record<string, TVal>;
      const chartPath = name.slice(0, name.indexOf('/templates/') >= 0 ? name.lastIndexOf('/templates/') : name.lastIndexOf('/'));
      // Helm's .Template is a chartutil.Values (Helm 4: common.Values), as `typeOf .Template` prints
      const tpl = Object.assign(newMap(), { Name: name, BasePath: `${chartPath}/templates` });
      data.Template = markNamed(tpl, helm === 4 ? 'common.Values' : 'chartutil.Values') as TVal;
      current = name;
      if (opts.trace) opts.trace.frames.length = 0;
      const t0 = opts.timings ? performance.now() : 0;
      try {
        out.set(name, executeSync(t, name, data).split('<no value>').join(''));
        if (opts.timings) opts.timings.set(name, performance.now() - t0);
      } catch (e) {
        if (e instanceof LimitError) throw new RenderError(e.message, true);
        if (e instanceof RangeError) throw new RenderError(`render-limit: ${e.message}`, true);
        if (e instanceof ExecError) throw new RenderError(formatExecError(name, e, helm), false, opts.trace ? tracedPath(opts.trace) : undefined);
        throw e;
      }
    }
    return out;
  } finally {
    table.busy = false;
    table.bind.ctx = undefined;
  }
}

/**
 * Function tables kept between renders, one per Helm version and output budget: building the ~240 functions
 * (closures over sprig's and the libraries' code) cost as much as executing a small chart. A table's Helm
 * functions (include, tpl, the budget) reach the render through `bind`, set for the render that uses it; a
 * render started while the kept table is in use (none today) builds its own.
 */
interface BoundTable {
  funcs: Map<string, GoFunc>;
  bind: { ctx: HelmFuncContext | undefined };
  busy: boolean;
}
const TABLES = new Map<string, BoundTable>();

function boundTable(helm: HelmVersion, goVersion: number, maxOutput: number): BoundTable {
  const key = `${helm}|${goVersion}|${maxOutput}`;
  const kept = TABLES.get(key);
  if (kept && !kept.busy) return kept;
  const bind: BoundTable['bind'] = { ctx: undefined };
  const ctx = (): HelmFuncContext => {
    if (!bind.ctx) throw new Error('a template function ran outside its render');
    return bind.ctx;
  };
  const proxy: HelmFuncContext = {
    helmVersion: helm,
    get budget() {
      return ctx().budget;
    },
    include: (name, data) => ctx().include(name, data),
    tpl: (text, data, parentName) => ctx().tpl(text, data, parentName),
    currentName: () => ctx().currentName(),
  };
  const table: BoundTable = { funcs: buildFuncs(proxy, { goVersion, maxOutput }), bind, busy: false };
  if (!kept && TABLES.size < 16) TABLES.set(key, table);
  return table;
}


/** Go's %q of a template text in tpl's messages. */
function goQuoteText(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

export { WARN_START, WARN_END };
