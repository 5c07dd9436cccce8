// The images of two releases compared, per component: what a chart upgrade or a values change will pull.
// Browser-safe.
import { normalizeImageReference, tryParseImageReference } from '../reference/index.js';
import type { ImageVariant, ResolvedImage } from './resolve.js';

/** The parts of an image reference that can change between two releases. */
export type ImageChangeField = 'registry' | 'repository' | 'tag' | 'digest' | 'variant' | 'workloads';

/** One image as it appears on one side of a diff. */
export interface ImageSide {
  reference: string;
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  variant: ImageVariant;
  /** `Kind/name:container`, sorted. */
  workloads: string[];
}

/** What changed for one component (one image block of the chart). */
export interface ImageChange {
  change: 'added' | 'removed' | 'changed';
  component: string;
  /** The values path of the image block (the second release's when both have one). */
  valuesPath: string;
  before?: ImageSide;
  after?: ImageSide;
  /** For `changed`: which parts differ, in a fixed order. */
  fields: ImageChangeField[];
}

const FIELDS: readonly Exclude<ImageChangeField, 'workloads'>[] = ['registry', 'repository', 'tag', 'digest', 'variant'];

function side(i: ResolvedImage): ImageSide {
  const s: ImageSide = { reference: i.reference, variant: i.variant, workloads: i.workloads.map((w) => `${w.kind}/${w.name}${w.container ? `:${w.container}` : ''}`).sort() };
  if (i.registry !== undefined) s.registry = i.registry;
  if (i.repository !== undefined) s.repository = i.repository;
  if (i.tag !== undefined) s.tag = i.tag;
  if (i.digest !== undefined) s.digest = i.digest;
  return s;
}

const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares the images of two releases (e.g. `resolveImages` before and after a chart upgrade or a values change).
 * Images are matched by image block (values path), one on each side; then one left over on each side with the
 * same component (an image block that moved in the values) by component alone. Registries are compared as the
 * runtime resolves them (`grafana/grafana` and `docker.io/grafana/grafana` are the same image). Unchanged images are left out, so an
 * empty result means both releases pull the same images into the same workloads. Sorted by component, then
 * values path.
 */
export function diffImages(a: readonly ResolvedImage[], b: readonly ResolvedImage[]): ImageChange[] {
  const key = (i: ResolvedImage) => `${i.component}\u0000${i.valuesPath}\u0000${i.reference}`;
  // the same block can render one reference into several workloads: one entry per (component, path, reference)
  const left = new Map<string, ResolvedImage>();
  const right = new Map<string, ResolvedImage>();
  for (const i of a) left.set(key(i), merged(left.get(key(i)), i));
  for (const i of b) right.set(key(i), merged(right.get(key(i)), i));
  const out: ImageChange[] = [];
  const pairs: Array<[ResolvedImage | undefined, ResolvedImage | undefined]> = [];
  // exact matches first, then by component and values path, then by component alone
  for (const [k, i] of [...left]) {
    const j = right.get(k);
    if (j) {
      pairs.push([i, j]);
      left.delete(k);
      right.delete(k);
    }
  }
  const matchBy = (id: (i: ResolvedImage) => string) => {
    const groups = (m: Map<string, ResolvedImage>) => {
      const g = new Map<string, string[]>();
      for (const [k, i] of m) g.set(id(i), [...(g.get(id(i)) ?? []), k]);
      return g;
    };
    const gl = groups(left);
    const gr = groups(right);
    for (const [id, ks] of gl) {
      const rs = gr.get(id);
      // only an unambiguous pair: one image on each side
      if (ks.length !== 1 || rs?.length !== 1) continue;
      pairs.push([left.get(ks[0]!), right.get(rs[0]!)]);
      left.delete(ks[0]!);
      right.delete(rs[0]!);
    }
  };
  // the same image block (values path), then the same component: an image block that moved in the values
  matchBy((i) => (i.valuesPath ? `path\u0000${i.valuesPath}` : `unmatched\u0000${i.component}\u0000${i.reference}`));
  matchBy((i) => i.component);
  for (const i of left.values()) pairs.push([i, undefined]);
  for (const j of right.values()) pairs.push([undefined, j]);
  for (const [i, j] of pairs) {
    if (i && j) {
      const before = side(i);
      const after = side(j);
      // the image's name as the runtime resolves it: when that is the same, the spelling of registry and repository is not a change
      const sameName = fullName(i) === fullName(j);
      const fields: ImageChangeField[] = FIELDS.filter((f) => (f === 'registry' || f === 'repository' ? !sameName && before[f] !== after[f] : before[f] !== after[f]));
      if (!sameName && !fields.includes('registry') && !fields.includes('repository')) fields.unshift('repository');
      if (before.workloads.join('\n') !== after.workloads.join('\n')) fields.push('workloads');
      if (fields.length) out.push({ change: 'changed', component: j.component, valuesPath: j.valuesPath, before, after, fields });
    } else if (i) out.push({ change: 'removed', component: i.component, valuesPath: i.valuesPath, before: side(i), fields: [] });
    else if (j) out.push({ change: 'added', component: j.component, valuesPath: j.valuesPath, after: side(j), fields: [] });
  }
  return out.sort((x, y) => byte(x.component, y.component) || byte(x.valuesPath, y.valuesPath) || byte(x.before?.reference ?? x.after!.reference, y.before?.reference ?? y.after!.reference));
}

/** `registry/repository` as the runtime resolves the reference (Docker Hub's default registry and `library/`). */
function fullName(i: ResolvedImage): string {
  const parsed = tryParseImageReference(i.reference);
  if (!parsed) return `${i.registry ?? ''}/${i.repository ?? i.reference}`;
  const n = normalizeImageReference(parsed);
  return `${n.registry}/${n.repository}`;
}

/** Two entries of one (component, path, reference): their workloads together. */
function merged(prev: ResolvedImage | undefined, i: ResolvedImage): ResolvedImage {
  if (!prev) return i;
  const seen = new Set(prev.workloads.map((w) => `${w.kind}/${w.name}/${w.container}`));
  return { ...prev, workloads: [...prev.workloads, ...i.workloads.filter((w) => !seen.has(`${w.kind}/${w.name}/${w.container}`))] };
}
