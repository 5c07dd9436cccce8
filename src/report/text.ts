// The human report: one line per diagnostic starting with FILE:LINE:COLUMN (1-based, the form terminals and
// editors turn into links), a code frame of the line, the suggestion, and a summary line.
import type { Diagnostic } from '../errors.js';
import { diagnosticFile, isFlagSource, shown, summarize, type FileReport } from './model.js';

/** Options of {@link formatText}. */
export interface TextOptions {
  /** ANSI colours (the CLI turns them off when stdout is not a TTY or NO_COLOR is set). */
  color?: boolean;
  /** Source texts by file name, for code frames; a file not here gets no frame. */
  sources?: ReadonlyMap<string, string>;
  /** Show diagnostics of severity `info` too. */
  verbose?: boolean;
  /** Arguments that were not checked at all (said on stderr as they were met): the summary counts them, so that
   * a run that could not read a file never ends with a bare "no problems". */
  notRead?: { files?: number; patterns?: number };
}

const ANSI = { red: '31', yellow: '33', cyan: '36', dim: '2', bold: '1', green: '32' } as const;
type Style = keyof typeof ANSI;

/** How many lines of context a code frame shows before and after the line. */
const FRAME_CONTEXT = 1;
/** Lines longer than this are cut in frames, so a minified file cannot flood the terminal. */
const FRAME_MAX_WIDTH = 160;

function painter(color: boolean): (style: Style, s: string) => string {
  return color ? (style, s) => `\u001b[${ANSI[style]}m${s}\u001b[0m` : (_style, s) => s;
}

/** Control characters would redraw the terminal: show them as escapes instead. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function codeFrame(text: string, line: number, column: number, paint: (style: Style, s: string) => string): string[] {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - FRAME_CONTEXT);
  const last = Math.min(lines.length, line + FRAME_CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    let src = printable(lines[n - 1]!.replace(/\t/g, ' '));
    if (src.length > FRAME_MAX_WIDTH) src = `${src.slice(0, FRAME_MAX_WIDTH)}…`;
    const gutter = `${String(n).padStart(width)} |`;
    if (n === line) {
      out.push(`${paint('red', '>')} ${paint('dim', gutter)} ${src}`);
      const caretAt = Math.min(Math.max(column, 1), FRAME_MAX_WIDTH + 1);
      out.push(`  ${paint('dim', `${' '.repeat(width)} |`)} ${' '.repeat(caretAt - 1)}${paint('red', '^')}`);
    } else out.push(`  ${paint('dim', gutter)} ${src}`);
  }
  return out;
}

function head(d: Diagnostic, checked: string): string {
  const file = diagnosticFile(d, checked);
  const loc = d.location;
  if (loc && !isFlagSource(loc.file)) return `${file}:${loc.line}:${loc.column}`;
  return file;
}

/** Formats the diagnostics for people: `FILE:LINE:COLUMN: severity message [code]`, code frames, a summary. */
export function formatText(files: readonly FileReport[], options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const verbose = options.verbose ?? false;
  const out: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (!shown(d.severity, verbose)) continue;
      const sev = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info');
      const flag = d.location && isFlagSource(d.location.file) ? ` (${d.location.file} column ${d.location.column})` : '';
      const checkedNote = diagnosticFile(d, f.file) !== f.file ? ` (checking ${f.file})` : '';
      out.push(`${paint('bold', head(d, f.file))}: ${sev}: ${printable(d.message)}${flag}${checkedNote} ${paint('dim', `[${d.code}]`)}`);
      const text = d.location && !isFlagSource(d.location.file) ? options.sources?.get(d.location.file) : undefined;
      if (text !== undefined && d.location) out.push(...codeFrame(text, d.location.line, d.location.column, paint));
      if (d.suggestion) out.push(`  ${paint('green', 'suggestion:')} ${printable(d.suggestion)}`);
    }
  }
  const s = summarize(files);
  const noun = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const unread = options.notRead?.files ?? 0;
  const unmatched = options.notRead?.patterns ?? 0;
  const notChecked = [
    ...(unread ? [`${unread === 1 ? '1 file' : `${unread} files`} could not be read`] : []),
    ...(unmatched ? [`${unmatched === 1 ? '1 pattern' : `${unmatched} patterns`} matched no file`] : []),
  ];
  const tail = notChecked.length ? `; ${notChecked.join(', ')}` : '';
  if (s.errors || s.warnings) {
    const summary = `${noun(s.errors, 'error')}, ${noun(s.warnings, 'warning')} in ${noun(s.files, 'file')}${tail}`;
    out.push(s.errors || tail ? paint('red', summary) : paint('yellow', summary));
  } else if (tail) {
    out.push(paint('red', s.files ? `${noun(s.files, 'file')} checked, no problems${tail}` : `no file checked${tail}`));
  } else out.push(paint('green', `${noun(s.files, 'file')} checked, no problems`));
  return `${out.join('\n')}\n`;
}
