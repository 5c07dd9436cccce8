// The gloo chart's documented values as a typed key tree, per epoch of its values reference (see
// scripts/gen-gloo-value-types.mjs): what `unknown-key`, the generalised `value-type` and the full values schema
// read. A node is closed (its documented keys are all it has) unless the chart takes it as it is: Go type
// `interface`, a map of any keys (`NAME`), or a value the templates print whole (toYaml, tpl) or hand to Kubernetes.
import { compareRelease } from '../images/gloo-epochs.js';
import { GLOO_VALUE_TYPES } from '../profiles/gloo-value-types.data.js';
import { GLOO_EE_VALUE_TYPES } from '../profiles/gloo-ee-value-types.data.js';

export type { GlooEeValueTypesData, GlooValueTypesData } from '../profiles/value-types-data.js';

/** One node of a typed key tree. */
export interface TypeNode {
  /** Go types of a leaf (`bool`, `string`, `int32`, ...; several for a union such as IntOrString). */
  types?: string[];
  /** Documented keys (own properties of a null-prototype object). */
  props?: Record<string, TypeNode>;
  /** Every key of a map (`NAME` in the reference). */
  any?: TypeNode;
  /** A list's items. */
  items?: TypeNode;
  /** Taken as it is: any keys, any types below. */
  open?: boolean;
  /** Keys that are not documented are allowed, the documented ones still checked (gloo-ee's Enterprise maps). */
  loose?: boolean;
  /** A map, whatever its keys (a non-empty map in every gloo-ee tree's defaults). */
  map?: boolean;
  description?: string;
  default?: string;
}

/** Keys Kubernetes or the chart takes as they are, whatever the templates do with them. */
const PASS_THROUGH_RE = /(?:annotations|labels|Annotations|Labels|nodeSelector|kubeResourceOverride|[Ss]ecurityContext|[Rr]esources|affinity|tolerations|[Ee]nv|Probe|[Vv]olumes?|VolumeMounts|[Cc]ontainers|[Ss]idecars?|hostAliases|podSpec|Spec|Override|Overrides)$/;
const PASS_THROUGH = new Set(GLOO_VALUE_TYPES.passThrough);

/** Whether the values under a key are the user's (never unknown, never typed). */
export function isPassThroughKey(key: string): boolean {
  return PASS_THROUGH.has(key) || PASS_THROUGH_RE.test(key);
}

const newNode = (): TypeNode => ({});
const newProps = (): Record<string, TypeNode> => Object.create(null) as Record<string, TypeNode>;

/** Splits a reference path into steps: a key, `*` (NAME) or `[]` (list items). */
function steps(path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split('.')) {
    let s = seg;
    let lists = 0;
    while (s.endsWith('[]')) {
      s = s.slice(0, -2);
      lists++;
    }
    out.push(s === 'NAME' ? '*' : s);
    for (let i = 0; i < lists; i++) out.push('[]');
  }
  return out;
}

function child(node: TypeNode, step: string): TypeNode {
  if (step === '*') return (node.any ??= newNode());
  if (step === '[]') return (node.items ??= newNode());
  node.props ??= newProps();
  if (!Object.prototype.hasOwnProperty.call(node.props, step)) node.props[step] = newNode();
  return node.props[step]!;
}

/** The index of the epoch a gloo chart version falls in (undefined before 1.16). */
export function glooTypeEpoch(version: string): number | undefined {
  const e = GLOO_VALUE_TYPES.epochs;
  if (compareRelease(version, e[0]!.from) < 0) return undefined;
  let i = 0;
  while (i + 1 < e.length && compareRelease(e[i + 1]!.from, version) <= 0) i++;
  return i;
}

/** The releases an epoch covers, for messages and schema titles. */
export function glooTypeEpochRange(i: number): { from: string; last: string } {
  const e = GLOO_VALUE_TYPES.epochs[i]!;
  return { from: e.from, last: e.last };
}

const TREES = new Map<number, TypeNode>();

/** The typed key tree of the gloo chart at a version (undefined before 1.16); built once per epoch. */
export function glooTypeTree(version: string): TypeNode | undefined {
  const i = glooTypeEpoch(version);
  if (i === undefined) return undefined;
  let root = TREES.get(i);
  if (root) return root;
  root = newNode();
  for (const [path, ranges] of Object.entries(GLOO_VALUE_TYPES.keys)) {
    const r = ranges.find(([a, b]) => a <= i && i <= b);
    if (!r) continue;
    let node = root;
    for (const s of steps(path)) node = child(node, s);
    const [, , type, def, desc] = r;
    if (type === 'interface') node.open = true;
    else node.types = type.split('|');
    if (desc >= 0) node.description = GLOO_VALUE_TYPES.descriptions[desc];
    if (def !== '') node.default = def;
  }
  addRead(root, GLOO_VALUE_TYPES.epochs[i]!.from);
  markOpen(root);
  TREES.set(i, root);
  return root;
}

/**
 * The values the chart tree of this version's line reads that the reference leaves out: known, taken as they are
 * (open), under parents that are then loose (their other keys are not known either).
 */
function addRead(root: TypeNode, version: string): void {
  const trees = GLOO_VALUE_TYPES.read.trees;
  let ti = 0;
  while (ti + 1 < trees.length && compareRelease(trees[ti + 1]!.from, version) <= 0) ti++;
  for (const [path, tis] of Object.entries(GLOO_VALUE_TYPES.read.paths)) {
    if (!tis.includes(ti)) continue;
    let node = root;
    for (const step of path.split('.')) {
      if (node.open || node.types) break;
      const has = step === '*' ? node.any !== undefined : node.props !== undefined && Object.prototype.hasOwnProperty.call(node.props, step);
      if (!has) {
        const created = child(node, step);
        created.open = true;
        break;
      }
      node = child(node, step);
    }
  }
}

/** A node under a pass-through key is open; so is a node the reference gives no children or type (a struct of nothing). */
function markOpen(node: TypeNode): void {
  for (const [k, c] of Object.entries(node.props ?? {})) {
    if (isPassThroughKey(k)) c.open = true;
    markOpen(c);
  }
  if (node.any) markOpen(node.any);
  if (node.items) markOpen(node.items);
}

/** The epochs in which a gloo values path (keys; list indexes as numbers) is documented. */
export function glooPathEpochs(parts: ReadonlyArray<string | number>): number[] {
  const out = new Set<number>();
  const n = GLOO_VALUE_TYPES.epochs.length;
  for (let i = 0; i < n; i++) {
    const tree = treeAt(i);
    if (lookup(tree, parts) !== undefined) out.add(i);
  }
  return [...out];
}

function treeAt(i: number): TypeNode {
  return glooTypeTree(GLOO_VALUE_TYPES.epochs[i]!.from)!;
}

/** The node of a path, or undefined when the tree does not document it (an open node answers for all below). */
export function lookup(root: TypeNode, parts: ReadonlyArray<string | number>): TypeNode | undefined {
  let node: TypeNode | undefined = root;
  for (const p of parts) {
    if (!node) return undefined;
    if (node.open) return node;
    if (typeof p === 'number') node = node.items;
    else if (node.props && Object.prototype.hasOwnProperty.call(node.props, p)) node = node.props[p];
    else node = node.any ?? (node.loose ? OPEN : undefined);
  }
  return node;
}

/** "removed in 1.18.0" / "added in 1.19.0-beta3": where a path is documented in other versions than this one. */
export function glooKeyHistory(parts: ReadonlyArray<string | number>, version: string): string | undefined {
  const here = glooTypeEpoch(version);
  if (here === undefined) return undefined;
  const epochs = glooPathEpochs(parts);
  if (!epochs.length) return undefined;
  const E = GLOO_VALUE_TYPES.epochs;
  const before = epochs.filter((e) => e < here);
  const after = epochs.filter((e) => e > here);
  if (before.length) {
    const last = Math.max(...before);
    return `it was a value of the chart up to ${E[last]!.last} (removed in ${E[last + 1]!.from})`;
  }
  if (after.length) return `it is a value of the chart from ${E[Math.min(...after)]!.from} on`;
  return undefined;
}

const OPEN: TypeNode = { open: true };
const EE_TREES = new Map<number, TypeNode>();

/**
 * The typed key tree of the gloo-ee chart: the bundled gloo chart's under `gloo.` (at its version), gloo's
 * documented `global` keys, and the Enterprise keys of the three real gloo-ee trees: top-level keys known,
 * booleans and non-empty maps typed, every Enterprise map open (its keys are not all known without the templates).
 */
export function glooEeTypeTree(glooVersion: string): TypeNode | undefined {
  const epoch = glooTypeEpoch(glooVersion);
  const gloo = glooTypeTree(glooVersion);
  if (epoch === undefined || !gloo) return undefined;
  const cached = EE_TREES.get(epoch);
  if (cached) return cached;
  // global is shared with the Enterprise chart: gloo's documented keys checked, the Enterprise ones allowed (Helm
  // copies the parent's globals into the subchart, so the bundled chart's `global` holds them too)
  const global: TypeNode = { ...(gloo.props?.global ?? {}), loose: true };
  const glooProps = newProps();
  Object.assign(glooProps, gloo.props ?? {});
  glooProps.global = global;
  const root: TypeNode = { props: newProps() };
  for (const k of [...GLOO_EE_VALUE_TYPES.top, ...EE_EXTRA_TOP]) root.props![k] = { loose: true };
  root.props!.gloo = { ...gloo, props: glooProps };
  root.props!.global = { ...global, props: Object.assign(newProps(), global.props ?? {}) };
  for (const [path, type] of Object.entries(GLOO_EE_VALUE_TYPES.typed)) {
    const parts = path.split('.');
    if (parts[0] === 'gloo') continue;
    let node = root;
    let documented = false;
    for (const p of parts) {
      node.props ??= newProps();
      if (!Object.prototype.hasOwnProperty.call(node.props, p)) node.props[p] = { loose: true };
      else if (node.props[p]!.types || node.props[p]!.open) {
        documented = true; // gloo's documented type wins
        break;
      } else {
        const c = node.props[p]!;
        node.props[p] = c.props ? { ...c, props: Object.assign(newProps(), c.props) } : { ...c };
      }
      node = node.props[p]!;
    }
    if (documented || node.types || node.open || (node.props !== undefined && type === 'bool')) continue;
    if (type === 'bool') {
      node.types = ['bool'];
      delete node.loose;
    } else node.map = true;
  }
  // an Enterprise subchart's keys are its own (prometheus, grafana, redis, ...): open below the map
  EE_TREES.set(epoch, root);
  return root;
}

/** Top-level gloo-ee keys the templates read that the trees' defaults leave out (passed at install). */
const EE_EXTRA_TOP = ['license_key', 'license_secret_name'];
