// The CPU architectures a pod may be scheduled on, as its spec pins them: `nodeSelector` on `kubernetes.io/arch`
// (or the legacy `beta.kubernetes.io/arch`) and the required node affinity's `nodeSelectorTerms` on those keys.
// What the registry check needs to know which platforms each image must have. Browser-safe.
//
// The scheduler's rules, on the architecture label alone (every node has one):
// - nodeSelector: the node's label must equal the value (both keys given: both must hold);
// - requiredDuringSchedulingIgnoredDuringExecution: the terms are ORed, a term's matchExpressions ANDed; `In`
//   allows its values, `NotIn` excludes its values, `Exists` allows every architecture, `DoesNotExist` none; a
//   term with neither matchExpressions nor matchFields matches no node; a term that says nothing of the
//   architecture (matchFields, other keys) allows every one;
// - nodeSelector and node affinity must both hold.
// preferredDuringScheduling terms are preferences, not pins: ignored.
import { isMap, type GoMap, type Val } from '../values/model.js';

/** The architecture labels the scheduler matches. */
export const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'] as const;

/** How a pod spec pins the architecture of its nodes. */
export interface ArchPin {
  /** The architectures the pod may run on (a finite set), when it is pinned to some. */
  allowed?: string[];
  /** The architectures it may not run on, when it only excludes some (`NotIn`). */
  excluded?: string[];
  /** What pins it, as the manifest says it, e.g. `nodeSelector kubernetes.io/arch=arm64`. */
  by: string[];
}

/** A set of architectures: finite (`in`), or every architecture but some (`out`). */
type ArchSet = { in: Set<string> } | { out: Set<string> };

const ANY = (): ArchSet => ({ out: new Set() });
const NONE = (): ArchSet => ({ in: new Set() });

function intersect(a: ArchSet, b: ArchSet): ArchSet {
  if ('in' in a && 'in' in b) return { in: new Set([...a.in].filter((x) => b.in.has(x))) };
  if ('in' in a) return { in: new Set([...a.in].filter((x) => !(b as { out: Set<string> }).out.has(x))) };
  if ('in' in b) return intersect(b, a);
  return { out: new Set([...a.out, ...(b as { out: Set<string> }).out]) };
}

function union(a: ArchSet, b: ArchSet): ArchSet {
  if ('in' in a && 'in' in b) return { in: new Set([...a.in, ...b.in]) };
  if ('in' in a) return { out: new Set([...(b as { out: Set<string> }).out].filter((x) => !a.in.has(x))) };
  if ('in' in b) return union(b, a);
  return { out: new Set([...a.out].filter((x) => (b as { out: Set<string> }).out.has(x))) };
}

const isArchKey = (k: unknown): k is string => typeof k === 'string' && (ARCH_LABELS as readonly string[]).includes(k);
const strings = (v: Val | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One nodeSelectorTerm: the architectures it allows, and what of it speaks of the architecture. */
function term(t: Val, by: string[]): ArchSet {
  if (!isMap(t)) return NONE();
  const exprs = Array.isArray(t.matchExpressions) ? t.matchExpressions : [];
  const fields = Array.isArray(t.matchFields) ? t.matchFields : [];
  if (exprs.length === 0 && fields.length === 0) return NONE();
  let set = ANY();
  for (const e of exprs) {
    if (!isMap(e) || !isArchKey(e.key)) continue;
    const values = strings(e.values);
    const op = e.operator;
    if (op === 'In') set = intersect(set, { in: new Set(values) });
    else if (op === 'NotIn') set = intersect(set, { out: new Set(values) });
    else if (op === 'DoesNotExist') set = NONE();
    else if (op !== 'Exists') continue;
    by.push(`nodeAffinity ${e.key} ${String(op)}${op === 'In' || op === 'NotIn' ? ` [${values.join(', ')}]` : ''}`);
  }
  return set;
}

/** How a pod spec pins the architecture, or undefined when it does not. */
export function archPinOf(spec: GoMap): ArchPin | undefined {
  const by: string[] = [];
  let set = ANY();
  const ns = spec.nodeSelector;
  if (isMap(ns)) {
    for (const k of ARCH_LABELS) {
      const v = ns[k];
      if (typeof v !== 'string') continue;
      set = intersect(set, { in: new Set([v]) });
      by.push(`nodeSelector ${k}=${v}`);
    }
  }
  const affinity = spec.affinity;
  const node = isMap(affinity) ? affinity.nodeAffinity : undefined;
  const required = isMap(node) ? node.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  const terms = isMap(required) && Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : undefined;
  if (terms) {
    const termBy: string[] = [];
    let any: ArchSet = NONE();
    for (const t of terms) any = union(any, term(t, termBy));
    // a list of terms none of which speaks of the architecture pins nothing
    if (termBy.length > 0) {
      set = intersect(set, any);
      by.push(...termBy);
    }
  }
  if (by.length === 0) return undefined;
  if ('in' in set) return { allowed: [...set.in].sort(), by };
  if (set.out.size === 0) return undefined;
  return { excluded: [...set.out].sort(), by };
}
