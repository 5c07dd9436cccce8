// Reports of resolved images: a table for people, a sorted unique list for mirroring scripts, JSON for programs.
import type { ResolvedImage } from '../images/resolve.js';

/** The references, one per line, deduplicated and sorted (byte order, so every platform agrees). */
export function formatImageList(images: readonly ResolvedImage[]): string {
  const refs = [...new Set(images.map((i) => i.reference).filter((r) => r !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return refs.length ? `${refs.join('\n')}\n` : '';
}

/** The images as JSON: every field of each image, workloads and variant included. */
export function formatImageJson(images: readonly ResolvedImage[]): string {
  return `${JSON.stringify(images, null, 2)}\n`;
}

function workloadText(w: ResolvedImage['workloads'][number]): string {
  return `${w.kind}/${w.name}${w.container ? `:${w.container}` : ''}`;
}

/** A table with one row per image: component, variant, reference and the workloads it renders into. */
export function formatImageTable(images: readonly ResolvedImage[]): string {
  const rows = images.map((i) => [i.component, i.variant, i.reference, i.workloads.length ? i.workloads.map(workloadText).join(', ') : '-']);
  const header = ['COMPONENT', 'VARIANT', 'IMAGE', 'WORKLOADS'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
