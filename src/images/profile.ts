// The profile format: a chart described as data. Which image blocks it has, which workloads and containers
// they render into and when, which containers it copies from values verbatim, and whose image rules apply.
// Conditions are expressions of src/images/expr.ts; `$` in a path is the current entry of a fan-out.

/** One container of a workload: from an image block, or copied verbatim from a list in the values. */
export interface ProfileContainer {
  /** The container name; `{name}` is the fan-out entry's kebab-cased key. */
  name?: string;
  /** Values path of the image block (`$.x` inside a fan-out). */
  image?: string;
  /** Values path of a list of containers copied verbatim (`initContainers`, `extraContainers`, custom sidecars). */
  passthrough?: string;
  /** An init container. */
  init?: boolean;
  /** Renders only when this holds. */
  when?: string;
  /** Renders only for chart versions in this semver range. */
  versions?: string;
  /**
   * The chart merges this image block with the global one before it tests the condition, so a broken block
   * (not a map) fails the render even when the container does not render.
   */
  eager?: boolean;
}

/** A check the chart makes with `fail`: the render fails when `when` holds. */
export interface ProfileCheck {
  when: string;
  message: string;
  versions?: string;
  /** Made only for entries that render (after the fan-out's `skip`). */
  afterSkip?: boolean;
}

/** One workload (Deployment, Job, ...) with its containers. */
export interface ProfileWorkload {
  kind: string;
  name: string;
  when?: string;
  versions?: string;
  containers: ProfileContainer[];
}

/** Workloads rendered once per entry of a map in the values (gateway proxies). */
export interface ProfileFanOut {
  /** Values path of the map; each entry is laid over `base` (sprig mergeOverwrite, then a JSON round trip). */
  each: string;
  base: string;
  when?: string;
  /** An entry for which this holds renders nothing. */
  skip?: string;
  /** The workload kind: the first rule whose `when` holds (`kind` may be a `$` path). */
  kind: Array<{ when?: string; versions?: string; kind: string }>;
  /** Checks the chart makes on each entry (`{name}` in the message is the entry's key). */
  checks?: ProfileCheck[];
  containers: ProfileContainer[];
}

/** A resource that carries structured image fields (registry, repository, tag, digest, pullPolicy). */
export interface ProfileImageFields {
  kind: string;
  name: string;
  when?: string;
  versions?: string;
  /** Checks the chart makes (with `fail`, or by reading a field of something that is not a map). */
  checks?: ProfileCheck[];
  /** `optional`: a missing image block stands for an empty one; otherwise it must be a map. */
  entries: Array<{ container: string; image: string; when?: string; versions?: string; optional?: boolean }>;
}

export interface Profile {
  name: string;
  /** The chart's name (as in Chart.yaml). */
  chart: string;
  description?: string;
  /** Values path of the block every image is merged with (sprig merge). */
  globalImage: string;
  workloads: ProfileWorkload[];
  fanOuts: ProfileFanOut[];
  imageFields: ProfileImageFields[];
}
