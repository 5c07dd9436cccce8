// The shapes of the generated value-type data (src/profiles/gloo-value-types.data.ts and
// gloo-ee-value-types.data.ts), beside the data: read by src/validate/value-types.ts.

/** The generated data of the gloo values reference (src/profiles/gloo-value-types.data.ts). */
export interface GlooValueTypesData {
  /** Names of values the chart passes through unread (printed whole by its templates). */
  passThrough: string[];
  /** Values the templates of the real chart trees read (`*`: any gateway proxy), by tree; trees by first version. */
  read: { trees: Array<{ id: string; from: string }>; paths: Record<string, number[]> };
  source: { repository: string; file: string; generator: string };
  /** Every release tag read: its commit and the blob of the reference file. */
  inputs: Array<{ tag: string; commit: string; blob: string }>;
  /** Epochs in release order: the first version, the number of releases, the last release. */
  epochs: Array<{ from: string; tags: number; last: string }>;
  descriptions: string[];
  /** path (values.txt notation) -> [firstEpoch, lastEpoch, Go type(s) joined by `|`, default, description index]. */
  keys: Record<string, Array<[number, number, string, string, number]>>;
}

/** The generated data of the three gloo-ee trees (src/profiles/gloo-ee-value-types.data.ts). */
export interface GlooEeValueTypesData {
  trees: string[];
  top: string[];
  typed: Record<string, 'bool' | 'map'>;
}
