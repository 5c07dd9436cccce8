// The profile format: a chart described as data. Which image blocks it has, which workloads and containers
// they render into and when, which containers it copies from values verbatim, and whose image rules apply.
// Conditions are expressions of src/images/expr.ts; `$` in a path is the current entry of a fan-out.

/**
 * How a container's image text is printed from its block:
 * - `gloo`: the Gloo chart's `gloo.image` helper with the rules of the chart version (or of `rulesFrom`);
 * - `plain`: `{{ .registry }}/{{ .repository }}:{{ .tag }}` after the global merge (gloo-ee `glooe.imagenonextended`);
 * - `raw`: the same without any global merge (the portal chart);
 * - `gloo-fed`: gloo-fed's `gloofed.image` (per-variant digests, `-distroless` on the fed images, never `-fips`);
 * - `gloo-fed-first-variant`: its first variant form (`:tag` always, the standard digest whatever the variant);
 * - `format`: the container's `format` templates over the block (community charts), no global merge.
 */
export type ImageHelper = 'gloo' | 'plain' | 'raw' | 'gloo-fed' | 'gloo-fed-first-variant' | 'format';

/**
 * One image template of the `format` helper: the first whose `if` field of the block is truthy applies.
 * `{a|b}` prints the first truthy of the alternatives with Go's %v: a field of the image block, `global.x` (a path in the
 * chart's values), `appVersion` or `vAppVersion` (the chart's appVersion, `v`-prefixed unless it has one).
 */
export interface ProfileImageFormat {
  if?: string;
  template: string;
}

/** One container of a workload: from an image block, or copied verbatim from a list in the values. */
export interface ProfileContainer {
  /**
   * The container name; `{name}` is the fan-out entry's kebab-cased key, `{key}` the key of an `each` entry,
   * `{value:a.b}` a value of the chart's values printed with %v.
   */
  name?: string;
  /** How the image is printed (default: the profile's helper for the chart version). */
  helper?: ImageHelper;
  /** Templates of the `format` helper. */
  format?: ProfileImageFormat[];
  /** One container per key of this map in the values (sorted); `@.x` paths are relative to the entry. */
  each?: string;
  /** Evaluate `when` on the fan-out entry as written in the values, before it is laid over the base entry. */
  whenRaw?: boolean;
  /** The chart fails (with `message`) when the container renders and this holds. */
  fails?: { when: string; message: string; versions?: string };
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
  /**
   * The chart's licence check: a key nobody commits, passed at install. By default not a failure (an info
   * `license-key-missing`, and images listed as a release with the key would); with `requireLicense` it fails.
   */
  license?: boolean;
  /** The value the check is about (where its diagnostic points), e.g. `license_key`. */
  path?: string;
}

/** One workload (Deployment, Job, ...) with its containers. */
export interface ProfileWorkload {
  kind: string;
  /** The workload name; `{release}` is the release name, `{value:a.b}` a value of the chart's values. */
  name: string;
  when?: string;
  versions?: string;
  containers: ProfileContainer[];
}

/** Workloads rendered once per entry of a map in the values (gateway proxies). */
export interface ProfileFanOut {
  /** Values path of the map; each entry is laid over `base` (sprig mergeOverwrite, then a JSON round trip). */
  each: string;
  /** The entry every other is laid over; without it entries are taken as written. */
  base?: string;
  /** Renders only for chart versions in this semver range. */
  versions?: string;
  /**
   * `gloo-dataplane`: the entries gloo-ee's `gloo.dataplaneperproxyhelper` picks: every entry when `perEntry` holds,
   * else the alphabetically first entry that is not disabled; plus a `placeholder` entry when its condition holds.
   * Workloads are named `name`, with `-<kebab(key)>` appended when `perEntry` holds (not for the placeholder).
   */
  select?: {
    strategy: 'gloo-dataplane';
    perEntry: string;
    placeholder?: { when: string; key: string; versions?: string };
    /** The chart fails when no entry is picked (older charts), with this message. */
    emptyFails?: { versions?: string; message: string };
  };
  /** The workload name for `select`: `{value:a.b}` as for workloads. */
  name?: string;
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

/** A subchart rendered with its own profile, its own values and its own chart version. */
export interface ProfileSubchart {
  /** The subchart's key in the parent's values (its name or alias). */
  name: string;
  /** The subchart's profile: a built-in name or a profile. */
  profile: string | Profile;
  /** Containers the parent adds to a fan-out of the subchart (gloo-ee's extauth sidecar in every gateway proxy). */
  extend?: Array<{ each: string; containers: ProfileContainer[] }>;
}

export interface Profile {
  name: string;
  /** The chart's name (as in Chart.yaml). */
  chart: string;
  description?: string;
  /** The image helper by chart version: the first entry whose range holds (default `gloo`). */
  helpers?: Array<{ versions?: string; helper: ImageHelper }>;
  /** The `gloo` helper's rules come from this subchart's version (gloo-ee: its bundled gloo chart). */
  rulesFrom?: string;
  /** Checks the chart makes with `fail` or `required` (the release fails when `when` holds). */
  checks?: ProfileCheck[];
  /** Subcharts rendered with their own profiles (before the parent, as Helm renders them). */
  subcharts?: ProfileSubchart[];
  /** Values path of the block every image is merged with (sprig merge). */
  globalImage: string;
  workloads: ProfileWorkload[];
  fanOuts: ProfileFanOut[];
  imageFields: ProfileImageFields[];
  /** Values whose shape the chart's templates rely on: another type there makes `helm template` fail. */
  shapes?: ProfileShape[];
}

/** A value the chart dereferences (reads a field of), so that it must have this shape. */
export interface ProfileShape {
  /** Values path; `*` stands for any key (a fan-out entry, e.g. `gatewayProxies.*.stats`). */
  path: string;
  type: 'map';
  /** The field a template reads of it (for the message: `can't evaluate field <field> in type bool`). */
  field?: string;
  /** Chart versions where this holds. */
  versions?: string;
}
