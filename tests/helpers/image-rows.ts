// The rows the differential corpora record for a release (lib/manifest-images.mjs): one per workload container,
// sorted by kind, name, container and image, so that a resolved list compares with Helm's rendered one.
import type { ResolvedImage } from '../../src/index';

export interface ImageRow {
  kind: string;
  name: string;
  container: string | null;
  image: string | null;
  fields?: Record<string, unknown>;
}

/** The rows of a resolved list; `noImage` says which images are a container without one (image null). */
export function imageRows(images: ResolvedImage[], noImage: (i: ResolvedImage) => boolean = (i) => i.reference === ''): ImageRow[] {
  const rows: ImageRow[] = images.flatMap((i) =>
    i.workloads.map((w) => {
      const r: ImageRow = { kind: w.kind, name: w.name, container: w.container, image: noImage(i) ? null : i.reference };
      if (i.fields) r.fields = i.fields;
      return r;
    }),
  );
  const key = (x: ImageRow) => [x.kind, x.name, String(x.container), x.image === null ? 'null' : x.image];
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}
