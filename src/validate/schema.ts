// The project's JSON Schemas, built from one description: the image block, `global.image`, and a values
// schema per profile that places those blocks at the profile's paths and leaves everything else open. They
// are draft-07 and use only keywords that Helm 3.17 (gojsonschema) and Helm 4.1 (santhosh-tekuri/jsonschema,
// draft chosen by `$schema`) judge alike: type, enum, properties, additionalProperties, default, description
// (no `format`, no tuple `items`, and `$ref` only alone: keywords beside it are ignored by draft-07 engines and
// applied by newer ones).
import type { Profile, ProfileContainer } from '../images/profile.js';
import { checkProfile } from '../images/profile-check.js';
import { subchartProfile } from '../profiles/built-in.js';
import { glooProfile } from '../profiles/gloo.js';
import { coalesceChart } from '../chart/load-chart-values.js';
import { normalizeVersion } from '../chart/semver.js';
import { CURRENT_GLOO_RUN } from '../images/gloo-epochs.js';
import { glooDefaults } from '../profiles/gloo-defaults.js';
import { glooEeChart } from '../profiles/gloo-ee-defaults.js';
import { newMap, type Val } from '../values/model.js';
import { nodeSchema } from './typed-schema.js';
import { inVersions } from '../images/render.js';
import { glooEeTypeTree, glooTypeEpoch, glooTypeEpochRange, glooTypeTree, type TypeNode } from './value-types.js';
import { glooEeProfile, glooFedProfile, grafanaProfile, kubeStateMetricsProfile, portalProfile, prometheusProfile } from '../profiles/gloo-ee.js';

/** The variants `global.image.variant` accepts. */
export const VARIANTS = ['standard', 'fips', 'distroless', 'fips-distroless'] as const;

/** Digest fields of an image block, and the variant that reads each. */
export const DIGEST_FIELDS = ['digest', 'fipsDigest', 'distrolessDigest', 'fipsDistrolessDigest'] as const;

/** Base of every `$id`; the files are shipped in the package's `schemas/` folder under the same names. */
export const SCHEMA_ID_BASE = 'https://helm-image-variant.dev/schemas/';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** A JSON Schema object as plain data. */
export type JsonSchema = { [key: string]: unknown };

// null is allowed wherever a value may be unset: a user `null` deletes a default in Helm, and a values file
// that is validated before coalescing still holds it.
const str = (description: string): JsonSchema => ({ type: ['string', 'null'], description });

function imageProperties(variantEnum: readonly (string | null)[], variantDescription: string): JsonSchema {
  return {
    registry: str('Registry host (and path), e.g. quay.io/solo-io. Falls back to global.image.registry when empty.'),
    repository: str('Repository name; the chart adds -fips for fips variants where the image has one.'),
    tag: str('Image tag. Quote it: an unquoted 1.10 is the number 1.1 to Helm.'),
    digest: str('Digest of the standard image (sha256:...), used by the standard variant only.'),
    fipsDigest: str('Digest used by the fips variant (and by the deprecated fips: true).'),
    distrolessDigest: str('Digest used by the distroless variant.'),
    fipsDistrolessDigest: str('Digest used by the fips-distroless variant.'),
    disableDigest: { type: ['boolean', 'null'], description: 'When true no digest is rendered (chart 1.19.0-beta15 and later).' },
    pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never', '', null], description: 'Kubernetes imagePullPolicy.' },
    pullSecret: str('Name of an image pull secret.'),
    variant: { enum: [...variantEnum], description: variantDescription },
    fips: { type: ['boolean', 'null'], description: 'Deprecated: use variant fips. Any non-empty string, even "false", turns fips on.' },
    extended: { type: ['boolean', 'null'], description: 'Charts before 1.17: the -extended image.' },
  };
}

/** The schema of one image block (a component's `image`). */
export function imageBlockSchema(): JsonSchema {
  return {
    $schema: DRAFT_07,
    $id: `${SCHEMA_ID_BASE}image.schema.json`,
    title: 'Image block',
    description: 'An image block of a chart that publishes image variants; merged with global.image, empty fields taking the global value.',
    type: ['object', 'null'],
    properties: imageProperties([...VARIANTS, '', null], 'Variant of this image; empty falls back to global.image.variant.'),
  };
}

/** The schema of `global.image`, with `variant` as the enum and `standard` its default. */
export function globalImageSchema(): JsonSchema {
  const properties = imageProperties(VARIANTS, 'Which published variant every image uses. Exact, lower case.');
  (properties.variant as JsonSchema).default = 'standard';
  return {
    $schema: DRAFT_07,
    $id: `${SCHEMA_ID_BASE}global-image.schema.json`,
    title: 'global.image',
    description: 'Fields merged into every image block of the chart.',
    type: ['object', 'null'],
    properties: { ...properties, variant: { ...(properties.variant as JsonSchema), enum: [...VARIANTS, null] } },
  };
}

/** A schema nested without its document keywords, so that it can be placed inside another. */
function embedded(s: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, title: _t, ...rest } = s;
  return rest;
}

/**
 * Whether a container's block is a Gloo-style image block (merged with global.image, variants and digests);
 * community charts' blocks (`format`) and blocks printed as written (`raw`) have shapes of their own.
 */
const isVariantBlock = (c: ProfileContainer) => c.helper !== 'format' && c.helper !== 'raw' && c.format === undefined;

/** The values paths of a profile's image blocks; `*` stands for every entry of a map (fan-outs, `each`). */
export function imageBlockPaths(profile: Profile, keep: (c: ProfileContainer) => boolean = () => true): string[] {
  const out = new Set<string>();
  const add = (c: ProfileContainer, each?: string) => {
    if (!c.image || !isVariantBlock(c) || !keep(c)) return;
    let p = c.image;
    if (c.each && p.startsWith('@.')) p = `${c.each}.*.${p.slice(2)}`;
    if (each && p.startsWith('$.')) p = `${each}.*.${p.slice(2)}`;
    if (!p.includes('$.') && !p.includes('@.')) out.add(p);
  };
  for (const w of profile.workloads) for (const c of w.containers) add(c);
  for (const f of profile.fanOuts) for (const c of f.containers) add(c, f.each);
  for (const r of profile.imageFields) for (const e of r.entries) out.add(e.image);
  out.delete(profile.globalImage);
  return [...out].sort();
}

/** Every variant image block path of a profile and its subcharts (prefixed by the subchart's key), `*` for any key. */
export function allImageBlockPaths(profile: Profile, keep?: (c: ProfileContainer) => boolean): string[] {
  const out = imageBlockPaths(profile, keep);
  for (const s of profile.subcharts ?? []) {
    const sp = typeof s.profile === 'string' ? BUILT_IN[s.profile] : s.profile;
    if (sp) out.push(...allImageBlockPaths(sp, keep).map((p) => `${s.name}.${p}`));
  }
  return out;
}

/**
 * The own property `key` of `o`, created as `{}` when absent. Profile paths are data: a segment such as
 * `__proto__` or `constructor` names a key of the values like any other, so it is read and written as an own
 * property (defineProperty), never through the prototype chain.
 */
function ownChild(o: JsonSchema, key: string): JsonSchema {
  if (!Object.prototype.hasOwnProperty.call(o, key)) Object.defineProperty(o, key, { value: {}, enumerable: true, writable: true, configurable: true });
  return o[key] as JsonSchema;
}

/** Walks (creating) the schema node of a path; intermediate maps get no type, so other shapes stay open. */
function nodeAt(root: JsonSchema, parts: string[]): JsonSchema {
  let node = root;
  for (const p of parts) {
    // a closed object (strictKeys) has `additionalProperties: false`: a fan-out's entries are never under one
    if (p === '*' && typeof node.additionalProperties !== 'object') node.additionalProperties = {};
    node = p === '*' ? ownChild(node, 'additionalProperties') : ownChild(ownChild(node, 'properties'), p);
  }
  return node;
}

/** The schema nodes of a path where `*` is every key: additionalProperties and each documented property. */
function nodesAt(root: JsonSchema, parts: string[]): JsonSchema[] {
  let nodes = [root];
  for (const p of parts) {
    const next: JsonSchema[] = [];
    for (const n of nodes) {
      if (p !== '*') next.push(ownChild(ownChild(n, 'properties'), p));
      else {
        if (typeof n.additionalProperties !== 'object') n.additionalProperties = {};
        next.push(n.additionalProperties as JsonSchema);
        for (const c of Object.values((n.properties ?? {}) as Record<string, JsonSchema>)) next.push(c);
      }
    }
    nodes = next;
  }
  return nodes;
}

/** Puts a schema at a path, in place of whatever the typed tree had there. */
function replaceAt(root: JsonSchema, parts: string[], schema: JsonSchema): void {
  replaceNode(nodeAt(root, parts), schema);
}

function replaceNode(node: JsonSchema, schema: JsonSchema): void {
  for (const k of Object.keys(node)) delete node[k];
  Object.assign(node, schema);
}

/** Names of the built-in profiles that have a values schema. */
export const SCHEMA_PROFILES: readonly string[] = ['gloo', 'gloo-ee'];

/** Built-in profiles by name, and the profiles their subcharts name. */
const BUILT_IN: Readonly<Record<string, Profile>> = {
  gloo: glooProfile,
  'gloo-ee': glooEeProfile,
  'gloo-fed': glooFedProfile,
  'gateway-portal-web-server': portalProfile,
  prometheus: prometheusProfile,
  'kube-state-metrics': kubeStateMetricsProfile,
  grafana: grafanaProfile,
};

/** Resolves a built-in profile name (top-level ones: gloo, gloo-ee). */
export function builtInProfile(name: string): Profile | undefined {
  return SCHEMA_PROFILES.includes(name) ? BUILT_IN[name] : undefined;
}

/**
 * The draft-07 values schema of a profile: its image blocks at their paths, `global.image` with the variant
 * enum (default `standard`), everything else open, so that a chart can ship it as its `values.schema.json`
 * and both Helm 3.17 and Helm 4.1 enforce it the same way. A profile object is checked first (checkProfile):
 * throws ProfileError when it is not valid.
 */
/** Options of valuesSchema. */
export interface ValuesSchemaOptions {
  /**
   * The chart version whose documented values are typed (gloo 1.16 and later; for gloo-ee, the gloo-ee chart
   * version, its bundled gloo chart's values under `gloo.`). Without it (and without strictKeys) the schema types the
   * image blocks only, as the shipped schemas/ files do.
   */
  chartVersion?: string;
  /** `additionalProperties: false` on every documented object the chart closes (for a chart's values.schema.json). */
  strictKeys?: boolean;
}

export function valuesSchema(profile: string | Profile, options: ValuesSchemaOptions = {}): JsonSchema {
  // a profile object is data from anywhere (a file in a pull request): checked once, completely, before use
  const p = typeof profile === 'string' ? builtInProfile(profile) : checkProfile(profile, subchartProfile);
  if (!p) throw new TypeError(`unknown profile ${JSON.stringify(profile)}; built in: ${SCHEMA_PROFILES.join(', ')}`);
  if (options !== null && typeof options === 'object' && (options.chartVersion !== undefined || options.strictKeys === true)) return typedValuesSchema(p, options);
  const root: JsonSchema = {
    $schema: DRAFT_07,
    $id: `${SCHEMA_ID_BASE}${p.name}.values.schema.json`,
    title: `Values of the ${p.chart} chart (image fields)`,
    description: `Image blocks of the ${p.chart} chart and global.image; every other value is left open. Generated by helm-image-variant from the ${p.name} profile.`,
    type: 'object',
    definitions: { imageBlock: embedded(imageBlockSchema()) },
  };
  addProfile(root, p, []);
  return root;
}

/** The full schema of a built-in profile at a chart version: the typed key tree, then the image blocks as always. */
function typedValuesSchema(p: Profile, options: ValuesSchemaOptions): JsonSchema {
  if (options.chartVersion !== undefined && typeof options.chartVersion !== 'string') throw new TypeError(`chartVersion must be a string such as "1.19.10", not ${typeof options.chartVersion}`);
  if (p !== glooProfile && p !== glooEeProfile) throw new TypeError(`the typed values schema (chartVersion, strictKeys) is known for the built-in gloo and gloo-ee profiles only, not ${JSON.stringify(p.name)}`);
  const requested = options.chartVersion ?? (p === glooProfile ? CURRENT_GLOO_RUN.last : undefined);
  let tree: TypeNode | undefined;
  let defaults: Val;
  let glooVersion: string;
  let label: string;
  if (p === glooProfile) {
    const v = normalizeVersion(String(requested).trim());
    if (!v) throw new TypeError(`chart version ${JSON.stringify(requested)} is not a semantic version (expected e.g. 1.19.10)`);
    glooVersion = v;
    tree = glooTypeTree(v);
    if (!tree) throw new TypeError(`gloo chart ${v} is older than 1.16.0-beta1, the oldest values reference read`);
    defaults = glooDefaults(v, 4);
    label = `gloo chart ${v}`;
  } else {
    const chart = glooEeChart(requested, undefined, 4, () => undefined);
    const r = coalesceChart(chart, newMap(), 4);
    glooVersion = normalizeVersion(r.charts.gloo?.version ?? chart.version) ?? chart.version;
    tree = glooEeTypeTree(glooVersion);
    if (!tree) throw new TypeError(`gloo-ee chart ${chart.version} bundles gloo ${glooVersion}, older than the oldest values reference read`);
    defaults = r.root;
    label = `gloo-ee chart ${chart.version} (bundled gloo ${glooVersion})`;
  }
  const epoch = glooTypeEpochRange(glooTypeEpoch(glooVersion)!);
  const root: JsonSchema = {
    $schema: DRAFT_07,
    $id: `${SCHEMA_ID_BASE}${p.name}-${glooVersion}${options.strictKeys ? '-strict' : ''}.values.schema.json`,
    title: `Values of the ${label}`,
    description: `Every value of the ${label} as the gloo values reference (docs/content/reference/values.txt of github:solo-io/gloo) documents it for releases ${epoch.from} to ${epoch.last}, typed; free-form values left open.${options.strictKeys ? ' Documented objects are closed (additionalProperties: false).' : ''} Generated by helm-image-variant.`,
    ...nodeSchema(tree, options.strictKeys === true, defaults),
    type: 'object',
    definitions: { imageBlock: embedded(imageBlockSchema()) },
  };
  // values the templates dereference are maps even where the tree leaves them open (stats is printed whole with
  // toYaml and also read as stats.enabled): a scalar there fails helm template
  const shapeTables: Array<{ prefix: string[]; profile: Profile }> = [{ prefix: [], profile: p }];
  for (const s of p.subcharts ?? []) if (typeof s.profile === 'object') shapeTables.push({ prefix: s.name.split('.'), profile: s.profile });
  for (const { prefix, profile: sp } of shapeTables) {
    for (const shape of sp.shapes ?? []) {
      if (!inVersions(shape.versions, glooVersion)) continue;
      for (const node of nodesAt(root, [...prefix, ...shape.path.split('.')])) if (node.type === undefined && node.$ref === undefined) node.type = ['object', 'null'];
    }
  }
  addProfile(root, p, [], true);
  return root;
}

function addProfile(root: JsonSchema, p: Profile, prefix: string[], replace = false): void {
  const split = (path: string) => [...prefix, ...path.split('.')];
  // the global block defaults to {} so that a validator applying defaults creates it and then its variant
  const globalParts = split(p.globalImage);
  if (replace) replaceAt(root, globalParts, embedded(globalImageSchema()));
  else Object.assign(nodeAt(root, globalParts), embedded(globalImageSchema()));
  if (prefix.length === 0) for (let i = 1; i <= globalParts.length; i++) nodeAt(root, globalParts.slice(0, i)).default = {};
  // every block refers to one definition (alone: see the header), which keeps the schema and its compiled
  // validator small
  for (const path of imageBlockPaths(p)) {
    if (replace) for (const node of nodesAt(root, split(path))) replaceNode(node, { $ref: '#/definitions/imageBlock' });
    else Object.assign(nodeAt(root, split(path)), { $ref: '#/definitions/imageBlock' });
  }
  // a subchart's blocks sit under its key; its own `global.image` is the parent's global as the subchart sees it
  for (const s of p.subcharts ?? []) {
    const sp = typeof s.profile === 'string' ? BUILT_IN[s.profile] : s.profile;
    if (sp) addProfile(root, sp, [...prefix, ...s.name.split('.')], replace);
  }
}
