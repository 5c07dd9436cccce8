// Reports of an image diff: text for a terminal, JSON for programs, Markdown for a pull-request comment.
import type { ImageChange, ImageSide } from '../images/diff.js';

function what(c: ImageChange): string {
  if (c.change !== 'changed') return c.change;
  return c.fields
    .map((f) => {
      if (f === 'workloads') return 'workloads';
      const b = c.before![f];
      const a = c.after![f];
      return `${f} ${b ?? '(none)'} -> ${a ?? '(none)'}`;
    })
    .join(', ');
}

function workloadChange(c: ImageChange): string[] {
  if (c.change !== 'changed' || !c.fields.includes('workloads')) return [];
  const before = new Set(c.before!.workloads);
  const after = new Set(c.after!.workloads);
  return [...c.after!.workloads.filter((w) => !before.has(w)).map((w) => `+${w}`), ...c.before!.workloads.filter((w) => !after.has(w)).map((w) => `-${w}`)];
}

/** The summary line: how many images were added, removed and changed. */
export function diffSummary(changes: readonly ImageChange[]): string {
  if (changes.length === 0) return 'no image changes';
  const n = (k: ImageChange['change']) => changes.filter((c) => c.change === k).length;
  const part = (count: number, word: string) => `${count} ${count === 1 ? 'image' : 'images'} ${word}`;
  return [part(n('added'), 'added'), part(n('removed'), 'removed'), part(n('changed'), 'changed')].filter((s) => !s.startsWith('0 ')).join(', ');
}

/** One block per change: `+`, `-` or `~`, the component and its values path, then the references. */
export function formatDiffText(changes: readonly ImageChange[]): string {
  const lines: string[] = [];
  for (const c of changes) {
    const mark = c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~';
    lines.push(`${mark} ${c.component} (${c.valuesPath || 'no values path'}): ${what(c)}`);
    if (c.before) lines.push(`    before: ${c.before.reference} [${c.before.variant}]`);
    if (c.after) lines.push(`    after:  ${c.after.reference} [${c.after.variant}]`);
    const w = workloadChange(c);
    if (w.length) lines.push(`    workloads: ${w.join(', ')}`);
  }
  lines.push(diffSummary(changes));
  return `${lines.join('\n')}\n`;
}

/** The changes as JSON: `{ changes, summary }`. */
export function formatDiffJson(changes: readonly ImageChange[]): string {
  return `${JSON.stringify({ changes, summary: diffSummary(changes) }, null, 2)}\n`;
}

/** Markdown cell text: pipes and line breaks escaped, references in code spans. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function ref(s: ImageSide | undefined): string {
  // a code span cannot hold a backtick: references never do, but values may
  return s ? (s.reference.includes('`') ? cell(s.reference) : `\`${cell(s.reference)}\``) : '';
}

/** A Markdown table for a pull-request comment, with the summary as its heading. */
export function formatDiffMarkdown(changes: readonly ImageChange[]): string {
  const out = [`### Images: ${diffSummary(changes)}`, ''];
  if (changes.length) {
    out.push('| | Component | Values path | Before | After | Change |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of changes) {
      const mark = c.change === 'added' ? '➕' : c.change === 'removed' ? '➖' : '✏️';
      const w = workloadChange(c);
      out.push(`| ${mark} | ${cell(c.component)} | ${cell(c.valuesPath)} | ${ref(c.before)} | ${ref(c.after)} | ${cell(what(c))}${w.length ? ` (${cell(w.join(', '))})` : ''} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
