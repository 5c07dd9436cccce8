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

function imageCells(i: ResolvedImage): string[] {
  return [i.component, i.variant, i.reference, i.workloads.length ? i.workloads.map(workloadText).join(', ') : '-'];
}

/** Aligned columns, the last one unpadded. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), h.length));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A table with one row per image: component, variant, reference and the workloads it renders into. */
export function formatImageTable(images: readonly ResolvedImage[]): string {
  return table(['COMPONENT', 'VARIANT', 'IMAGE', 'WORKLOADS'], images.map(imageCells));
}

/** One release per values file (`images FILES...`): its images, or why it has none. */
export interface ReleaseImagesReport {
  file: string;
  images?: readonly ResolvedImage[];
  error?: { code: string; message: string; location?: { file: string; line: number; column: number } };
}

/** The table of several releases: a FILE column first; a release that failed has one row saying so. */
export function formatReleasesTable(releases: readonly ReleaseImagesReport[]): string {
  const rows: string[][] = [];
  for (const r of releases) {
    if (r.error) rows.push([r.file, '-', '-', `(failed: ${r.error.code})`, '-']);
    else for (const i of r.images ?? []) rows.push([r.file, ...imageCells(i)]);
  }
  return table(['FILE', 'COMPONENT', 'VARIANT', 'IMAGE', 'WORKLOADS'], rows);
}

/** Several releases as JSON: `[{ file, images }]`, or `{ file, error }` for a release that failed. */
export function formatReleasesJson(releases: readonly ReleaseImagesReport[]): string {
  return `${JSON.stringify(releases, null, 2)}\n`;
}
