// What go-yaml v2's scanner refuses or reads differently and js-yaml does not: its extra line breaks, its
// %YAML version check, its anchor alphabet, its handling of tabs at the start of a line, and the text
// after a root collection that ends before the input does. Each rule was established with the real Helm
// binaries (tests/differential, category `yaml-scanner`); the js-yaml event stream gives the positions.
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';

/** A scanner error: go-yaml's text, the 0-based line it prints (scanner errors print it 1-based), the offset. */
export interface ScanProblem {
  message: string;
  offset: number;
}

/**
 * go-yaml's is_break also takes NEL (U+0085), LS (U+2028) and PS (U+2029). NEL is read as `\n` wherever
 * it appears; LS and PS end lines exactly as `\n` does (inside a multi-line scalar go-yaml keeps them as
 * the break character, which this replacement reads as `\n`). Same length, so every offset still holds.
 */
export function goLineBreaks(text: string): string {
  return /[\u0085\u2028\u2029]/.test(text) ? text.replace(/[\u0085\u2028\u2029]/g, '\n') : text;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** go-yaml prints a scanner error with its 1-based line, except on the first line, where it prints none. */
function scanner(text: string, offset: number, msg: string): ScanProblem {
  const line0 = lineOf(text, offset);
  return { message: line0 > 0 ? `line ${line0 + 1}: ${msg}` : msg, offset };
}

/**
 * The directives before the first document: go-yaml v2 refuses a %YAML version other than 1.1 (and a
 * second %YAML) before it reads anything else of the document.
 */
export function checkDirectives(text: string): ScanProblem | undefined {
  let seenYaml = false;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end).replace(/\r$/, '');
    if (/^%YAML(?=[ \t]|$)/.test(line)) {
      const m = /^%YAML[ \t]+([0-9]+)\.([0-9]+)/.exec(line);
      if (m) {
        // a parser error: go-yaml prints the 0-based line of the directive
        const line0 = lineOf(text, pos);
        const at = (msg: string) => ({ message: line0 > 0 ? `line ${line0}: ${msg}` : msg, offset: pos });
        if (seenYaml) return at('found duplicate %YAML directive');
        if (Number(m[1]) !== 1 || Number(m[2]) !== 1) return at('found incompatible YAML document');
        seenYaml = true;
      }
    } else if (!/^(%|[ \t]*(#|$))/.test(line)) {
      return undefined;
    }
    pos = end + 1;
  }
  return undefined;
}

/** A token of the first document as the tab rules see it. */
interface Tok {
  kind: 'plain' | 'quoted' | 'block' | 'flow';
  start: number;
  end: number;
  /** plain: go-yaml's `indent` (the enclosing block collection's column + 1); block: the content indentation */
  indent: number;
  /** block: where its first line with content starts (until there, its indentation is not known) */
  firstContent?: number;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The tokens of the events up to the end of the first document, in text order. */
function tokensOf(text: string, events: Event[], limit: number): Tok[] {
  const toks: Tok[] = [];
  const blockCols: number[] = [];
  const stack: Array<'block' | 'flow'> = [];
  let flowDepth = 0;
  let flowStart = -1;
  let closeFlow = false;
  let docs = 0;
  const offsetOf = (e: Event): number => {
    if (e.type === EVENT_ID.SCALAR) return e.valueStart >= 0 ? e.valueStart : e.tagStart >= 0 ? e.tagStart : e.anchorStart;
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) return e.start;
    if (e.type === EVENT_ID.ALIAS) return e.anchorStart - 1;
    return -1;
  };
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT && ++docs > 1) break;
    const off = offsetOf(e);
    if (closeFlow && off >= 0) {
      toks.push({ kind: 'flow', start: flowStart, end: off, indent: 0 });
      closeFlow = false;
    }
    if (off > limit) break;
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      if (e.style === COLLECTION_STYLE.FLOW) {
        if (flowDepth++ === 0) flowStart = e.start;
        stack.push('flow');
      } else {
        blockCols.push(columnOf(text, e.start));
        stack.push('block');
      }
    } else if (e.type === EVENT_ID.POP) {
      const k = stack.pop();
      if (k === 'flow' && --flowDepth === 0) closeFlow = true;
      else if (k === 'block') blockCols.pop();
    } else if (e.type === EVENT_ID.SCALAR && flowDepth === 0 && e.valueStart >= 0) {
      const s = e as ScalarEvent;
      const parentIndent = blockCols.length ? blockCols[blockCols.length - 1]! : -1;
      if (s.style === SCALAR_STYLE.PLAIN) toks.push({ kind: 'plain', start: s.valueStart, end: s.valueEnd, indent: parentIndent + 1 });
      else if (s.style === SCALAR_STYLE.SINGLE_QUOTED || s.style === SCALAR_STYLE.DOUBLE_QUOTED) {
        toks.push({ kind: 'quoted', start: s.valueStart - 1, end: s.valueEnd + 1, indent: 0 });
      } else {
        // an indentation indicator (`|2`) fixes the indentation; otherwise the first line with content does
        const header = text.slice(text.lastIndexOf('\n', s.valueStart - 2) + 1, s.valueStart);
        const explicit = /[|>][+-]?[1-9]|[|>][1-9][+-]?/.test(header);
        const content = /^[ ]*[^ \r\n]/m.exec(text.slice(s.valueStart, s.valueEnd));
        const firstContent = explicit ? s.valueStart : content ? s.valueStart + content.index : s.valueEnd;
        toks.push({ kind: 'block', start: s.valueStart, end: s.valueEnd, indent: s.valueEnd > s.valueStart ? s.indent : 0, firstContent });
      }
    }
  }
  if (closeFlow) toks.push({ kind: 'flow', start: flowStart, end: text.length, indent: 0 });
  return toks;
}

/** The end of the first document: the first `---` or `...` line after some content. */
function firstDocumentEnd(text: string): number {
  const re = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let contentSeen = false;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!contentSeen) contentSeen = /^(?![ \t]*(#|$)|%)[^\n]*$/m.test(text.slice(pos, m.index));
    if (contentSeen) return m.index;
    pos = m.index + 3;
  }
  return text.length;
}

/**
 * Lines whose indentation holds a tab, judged as go-yaml's scanner judges them (it refuses many that
 * js-yaml reads as blank): a tab after a line break is never skipped between tokens in block context
 * (`found character that cannot start any token`), a plain scalar refuses a tab left of its indentation
 * on the lines that follow it (`found a tab character that violates indentation`), and a block scalar one
 * left of its content indentation (`found a tab character where an indentation space is expected`).
 * `events`: js-yaml's events of `text` (or of a prefix of it, for a line js-yaml refused).
 */
export function checkTabs(text: string, events: Event[], onlyLineAt?: number): ScanProblem | undefined {
  // most files have no tab at the start of a line: one native scan, and no tokens
  if (onlyLineAt === undefined && !/^[ ]*\t/m.test(text)) return undefined;
  const limit = firstDocumentEnd(text);
  const toks = tokensOf(text, events, limit);
  const re = /^[ ]*\t/gm;
  re.lastIndex = onlyLineAt ?? 0;
  let t = 0;
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    const lineStart = m.index;
    if (onlyLineAt !== undefined && lineStart !== onlyLineAt) break;
    const tabAt = lineStart + m[0].length - 1;
    const tabCol = m[0].length - 1;
    while (t < toks.length && toks[t]!.end <= lineStart) t++;
    const covering = t < toks.length && toks[t]!.start <= lineStart ? toks[t]! : undefined;
    const before = t > 0 ? toks[t - 1] : undefined;
    let kind: Tok['kind'] | 'gap' = 'gap';
    let tok: Tok | undefined;
    if (covering) {
      kind = covering.kind;
      tok = covering;
    } else if (before && (before.kind === 'plain' || before.kind === 'block') && /^[ \t\r\n]*$/.test(text.slice(before.end, lineStart))) {
      // the lines right after a plain or block scalar are scanned by that scalar
      kind = before.kind;
      tok = before;
    }
    if (kind === 'quoted' || kind === 'flow') continue;
    if (kind === 'plain') {
      if (tabCol < tok!.indent) return scanner(text, tabAt, 'found a tab character that violates indentation');
      continue;
    }
    if (kind === 'block') {
      if (tok!.indent === 0 || lineStart <= (tok!.firstContent ?? 0) || tabCol < tok!.indent) return scanner(text, tabAt, 'found a tab character where an indentation space is expected');
      continue;
    }
    return scanner(text, tabAt, 'found character that cannot start any token');
  }
  return undefined;
}

/** go-yaml's anchor and alias names: ASCII letters, digits, `_` and `-` only, and at least one. */
export function checkAnchors(text: string, events: Event[]): ScanProblem | undefined {
  const limit = firstDocumentEnd(text);
  let docs = 0;
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT && ++docs > 1) break;
    if (e.type !== EVENT_ID.SCALAR && e.type !== EVENT_ID.MAPPING && e.type !== EVENT_ID.SEQUENCE && e.type !== EVENT_ID.ALIAS) continue;
    if (e.anchorStart < 0 || e.anchorStart > limit) continue;
    const name = text.slice(e.anchorStart, e.anchorEnd);
    if (!/^[0-9A-Za-z_-]+$/.test(name)) {
      const bad = /^[0-9A-Za-z_-]*/.exec(name)![0].length;
      return scanner(text, e.anchorStart + bad, 'did not find expected alphabetic or numeric character');
    }
  }
  return undefined;
}

/**
 * A root block collection indented past column 0 ends at the first line indented less; go-yaml then
 * expects another document there, and Helm never reads it (Unmarshal decodes the first document only).
 * The offset where that happens, if it is before `failAt` (where js-yaml refused the text).
 */
export function dedentedRootEnd(text: string, failAt: number): number | undefined {
  const lines = /^([ ]*)([^ \r\n][^\r\n]*)?$/gm;
  let rootIndent = -1;
  for (let m = lines.exec(text); m; m = lines.exec(text)) {
    if (m.index > failAt) return undefined;
    const body = m[2];
    if (body === undefined || body.startsWith('#')) {
      if (m[0].length === 0) lines.lastIndex++;
      continue;
    }
    if (rootIndent < 0) {
      if (body.startsWith('%') || body.startsWith('---')) continue;
      rootIndent = m[1]!.length;
      if (rootIndent === 0) return undefined;
      continue;
    }
    if (m[1]!.length < rootIndent) return m.index;
  }
  return undefined;
}
