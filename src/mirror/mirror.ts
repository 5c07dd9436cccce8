// Air-gapped installs: where each image goes in a mirror registry, a values overlay that makes the unchanged chart
// pull every image from there, and copy lists for the tools that move the images. Browser-safe.
//
// The overlay is found and proved the same way: candidate values fields are set (the chart's global registry, an
// image block's `registry` and `repository`, an `image:` string), the release is resolved again with the overlay
// as its last -f file, and only the fields that move their image to exactly the mirror reference (same tag, same
// digest) and change nothing else are kept. What no field moves is reported as unmovable, with the reason.
// "Resolved again" means what `resolveImages` does for the same options: the profile's rules, or, for a chart with
// templates and neither profile nor chartVersion, a render of the chart (rendered mode), where every container of
// every workload must show its image at the mirror reference.
import { ResolveError } from '../errors.js';
import { type ResolvedImage, type ResolveOptions } from '../images/resolve.js';
import { loadValues, type LoadValuesInput } from '../load/load-values.js';
import { resolveImages } from '../render/resolve-rendered.js';
import { internalValues } from '../values/load.js';
import { isMap } from '../values/model.js';
import { valueAt } from '../images/expr.js';
import { DOMAIN, PATH_COMPONENT } from '../reference/grammar.js';
import { normalizeImageReference, tryParseImageReference } from '../reference/index.js';
import { formatPath, parsePath } from '../values/paths.js';

/** How source paths are laid out under the mirror: kept whole (`solo-io/gloo`), or their last component (`gloo`). */
export type MirrorLayout = 'keep' | 'flatten';

/** Options of {@link mirrorOverlay} and {@link mirrorTargets}. */
export interface MirrorOptions extends ResolveOptions {
  /** `REGISTRY[/PREFIX]`, e.g. `registry.example.com:5000/mirror`. */
  mirror: string;
  /** Default `keep`. */
  layout?: MirrorLayout;
}

/** Where one image goes. */
export interface MirrorTarget {
  valuesPath: string;
  component: string;
  /** The reference the chart renders today. */
  source: string;
  /** The same image in the mirror: same tag, same digest. Absent when it has none (see `reason`). */
  target?: string;
  reason?: string;
}

/** An image the overlay cannot move, and why. */
export interface UnmovableImage {
  valuesPath: string;
  reference: string;
  reason: string;
}

/** The result of {@link mirrorOverlay}. */
export interface MirrorOverlay {
  /** The overlay as a values file, to pass as the last `-f`. */
  yaml: string;
  /** The same overlay as data. */
  values: Record<string, unknown>;
  /** Every image with its place in the mirror. */
  images: MirrorTarget[];
  /** Images the overlay leaves where they are. */
  unmovable: UnmovableImage[];
  /**
   * How the overlay was proved: `profile` (the profile's rules resolved the release again with it) or `rendered`
   * (the chart's templates rendered again with it, as resolveImages renders a chart with templates when neither
   * profile nor chartVersion is given).
   */
  mode: 'profile' | 'rendered';
  /** What the overlay sets besides image fields, and why (e.g. a chart's switch that lets relocated images render). */
  notes: string[];
}

/** A parsed `--mirror` value. */
interface Mirror {
  host: string;
  prefix: string;
}

function parseMirror(mirror: unknown): Mirror {
  if (typeof mirror !== 'string' || mirror === '') throw new ResolveError('invalid-option', 'option mirror: expected REGISTRY[/PREFIX], e.g. registry.example.com/mirror');
  const trimmed = mirror.replace(/\/+$/, '');
  const [host, ...path] = trimmed.split('/');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(mirror)) throw new ResolveError('invalid-option', `option mirror: ${JSON.stringify(mirror)} names a scheme; give the registry as an image reference does (no https://)`);
  if (!DOMAIN.test(host!) || !(host!.includes('.') || host!.includes(':') || host === 'localhost')) {
    throw new ResolveError('invalid-option', `option mirror: ${JSON.stringify(host)} is not a registry host (a domain with a dot or a port, or localhost)`);
  }
  for (const c of path) {
    if (!PATH_COMPONENT.test(c)) throw new ResolveError('invalid-option', `option mirror: ${JSON.stringify(c)} is not a valid path component (lower-case letters, digits and . _ - separators)`);
  }
  return { host: host!, prefix: path.join('/') };
}

/** `registry/repository` of a reference as the runtime resolves it, and its tag/digest suffix. */
function nameOf(reference: string): { name: string; path: string; suffix: string } | undefined {
  const parsed = tryParseImageReference(reference);
  if (!parsed) return undefined;
  const n = normalizeImageReference(parsed);
  return { name: `${n.registry}/${n.repository}`, path: n.repository, suffix: `${n.tag ? `:${n.tag}` : ''}${n.digest ? `@${n.digest}` : ''}` };
}

/**
 * Where each image of a release goes in the mirror (no overlay: the copy lists need this alone). Two source
 * images that would land on one mirror name (flatten layout: `quay.io/a/x` and `docker.io/b/x`) get no target.
 */
export function mirrorTargets(images: readonly ResolvedImage[], options: { mirror: string; layout?: MirrorLayout }): MirrorTarget[] {
  const mirror = parseMirror(options.mirror);
  const layout = options.layout ?? 'keep';
  if (layout !== 'keep' && layout !== 'flatten') throw new ResolveError('invalid-option', `option layout: expected keep or flatten, got ${JSON.stringify(layout)}`);
  const out: MirrorTarget[] = [];
  const sourcesOf = new Map<string, Set<string>>();
  const names = new Map<MirrorTarget, string>();
  for (const i of images) {
    const t: MirrorTarget = { valuesPath: i.valuesPath, component: i.component, source: i.reference };
    const n = nameOf(i.reference);
    if (!n) t.reason = 'not a valid image reference, so it has no place in a mirror';
    else {
      const path = layout === 'keep' ? n.path : n.path.slice(n.path.lastIndexOf('/') + 1);
      const name = `${mirror.host}/${mirror.prefix ? `${mirror.prefix}/` : ''}${path}`;
      t.target = `${name}${n.suffix}`;
      names.set(t, name);
      if (!sourcesOf.has(name)) sourcesOf.set(name, new Set());
      sourcesOf.get(name)!.add(n.name);
    }
    out.push(t);
  }
  for (const [t, name] of names) {
    const sources = sourcesOf.get(name)!;
    if (sources.size > 1) {
      t.reason = `${[...sources].sort().join(' and ')} would both be ${name} in the ${layout} layout; use the keep layout`;
      delete t.target;
    }
  }
  return out;
}

/** The name of a reference without its tag and digest. */
function nameOnly(ref: string): string {
  const at = ref.indexOf('@');
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

type Edit = { parts: Array<string | number>; value: string | boolean };

/**
 * The candidate field sets that could move one image block's image to `target`, one list per round, whatever
 * the block's shape (the verification decides): its `registry` alone (the repository kept: a chart that adds
 * `-fips` to it keeps doing so), `registry` and `repository` split after each path component, the whole name in
 * `repository` (charts without a registry field), and the block itself as an `image: "repo:tag"` string.
 */
function candidateRounds(parts: Array<string | number>, target: string, nameOnlyString = false): Edit[][] {
  const name = nameOnly(target);
  const comps = name.split('/');
  const rounds: Edit[][] = [[{ parts: [...parts, 'registry'], value: comps.slice(0, -1).join('/') }]];
  for (let j = 1; j < comps.length; j++) {
    rounds.push([
      { parts: [...parts, 'registry'], value: comps.slice(0, comps.length - j).join('/') },
      { parts: [...parts, 'repository'], value: comps.slice(comps.length - j).join('/') },
    ]);
  }
  rounds.push([{ parts: [...parts, 'repository'], value: name }]);
  rounds.push([{ parts, value: target }]);
  // rendered charts: an `image:` string holding the name alone, the tag kept elsewhere (Elastic's imageTag)
  if (nameOnlyString) rounds.push([{ parts, value: name }]);
  return rounds;
}

/** An image under an overlay: at its target, untouched, moved elsewhere, or (rendered) moved in some containers only. */
type State = 'moved' | 'same' | 'wrong' | 'partial';

/** Values paths that name a registry for every image of a chart, by convention (Gloo, Bitnami and many others, Dapr). */
const GLOBAL_REGISTRY_KEYS = ['global.image.registry', 'global.imageRegistry', 'global.registry'] as const;

/** A workload container, as rendered images name it. */
const unitKey = (w: ResolvedImage['workloads'][number]) => `${w.kind}/${w.name}/${w.container}`;

/**
 * A values overlay that, passed as the last `-f` file of the same release, makes it pull every image from the
 * mirror, tags and digests unchanged (a copy by digest keeps them). Takes the release's loader input (not a
 * LoadedValues) because the overlay's place among the layers matters: a `--set` flag beats any `-f` file, so a
 * value the flags set cannot be moved by a file, and the overlay is proved against exactly that order.
 */
export function mirrorOverlay(input: LoadValuesInput, options: MirrorOptions): MirrorOverlay {
  const { mirror, layout, ...resolve } = options;
  const loadedBefore = loadValues(input);
  // the same images `images` lists: rendered from the chart's templates when it has some and neither profile nor
  // chartVersion is given, else by the profile's rules; the overlay is proved the same way
  const before = resolveImages(loadedBefore, resolve);
  const rendered = before.some((i) => i.source === 'rendered');
  const images = mirrorTargets(before, { mirror, ...(layout ? { layout } : {}) });
  // profile mode: an image is known by its block and workloads (a component may be named after the repository,
  // which moves); rendered mode: by its position, its state read from its containers
  const profileKey = (i: ResolvedImage) => `${i.valuesPath}\u0000${i.valuesPath === '' ? i.component : ''}\u0000${i.workloads.map((w) => `${w.kind}/${w.name}/${w.container}`).sort().join(',')}`;
  const keys = before.map((i, n) => (rendered ? `#${n}` : profileKey(i)));
  const targetOf = new Map<string, string | undefined>();
  before.forEach((_i, n) => targetOf.set(keys[n]!, images[n]!.target));
  const sourceOf = new Map(before.map((i, n) => [keys[n]!, i.reference]));
  const unitOf = new Map<string, number>();
  if (rendered) before.forEach((i, n) => i.workloads.forEach((w) => unitOf.set(unitKey(w), n)));

  const edits = new Map<string, Edit>();
  const editKey = (e: Edit) => formatPath(e.parts);
  const overlayValues = (): Record<string, unknown> => {
    const root: Record<string, unknown> = {};
    for (const e of edits.values()) {
      let node = root;
      e.parts.forEach((p, n) => {
        const k = String(p);
        if (n === e.parts.length - 1) node[k] = e.value;
        else {
          if (node[k] === null || typeof node[k] !== 'object') node[k] = {};
          node = node[k] as Record<string, unknown>;
        }
      });
    }
    return root;
  };
  /** Each image's state under the current overlay: moved to its target, untouched, or moved somewhere else. */
  const judge = (): Map<string, State> => {
    const layered: LoadValuesInput = { ...input, valuesFiles: [...(input.valuesFiles ?? []), { name: 'mirror-overlay.yaml', text: overlayYaml(overlayValues()) }] };
    const state = new Map<string, State>();
    let after: ResolvedImage[];
    try {
      after = resolveImages(loadValues(layered), resolve);
    } catch {
      for (const k of sourceOf.keys()) state.set(k, 'wrong');
      return state;
    }
    if (rendered) {
      // every container of the release, by workload: at the image's target, at its source, or elsewhere
      const seen = new Map<number, Set<State>>();
      const stateOf = (reference: string, n: number): State => (reference === images[n]!.target ? 'moved' : reference === before[n]!.reference ? 'same' : 'wrong');
      const matched = new Set<string>();
      const unmatched: string[] = [];
      for (const i of after) {
        for (const w of i.workloads) {
          const n = unitOf.get(unitKey(w));
          if (n === undefined) {
            unmatched.push(i.reference);
            continue;
          }
          matched.add(unitKey(w));
          seen.set(n, (seen.get(n) ?? new Set()).add(stateOf(i.reference, n)));
        }
      }
      // containers named anew by each render (a test pod with a random name): paired by reference with the
      // containers of the first render that found no pair, each once
      const left = [...unitOf].filter(([u]) => !matched.has(u));
      for (const reference of unmatched) {
        const at = left.findIndex(([, n]) => stateOf(reference, n) !== 'wrong');
        if (at < 0) {
          state.set(`new:${state.size}`, 'wrong');
          continue;
        }
        const n = left[at]![1];
        left.splice(at, 1);
        seen.set(n, (seen.get(n) ?? new Set()).add(stateOf(reference, n)));
      }
      before.forEach((_i, n) => {
        const s = seen.get(n);
        state.set(keys[n]!, !s ? 'wrong' : s.has('wrong') ? 'wrong' : s.size > 1 ? 'partial' : [...s][0]!);
      });
      return state;
    }
    const seen = new Set<string>();
    for (const i of after) {
      const k = profileKey(i);
      seen.add(k);
      state.set(k, !sourceOf.has(k) ? 'wrong' : i.reference === targetOf.get(k) ? 'moved' : i.reference === sourceOf.get(k) ? 'same' : 'wrong');
    }
    for (const k of sourceOf.keys()) if (!seen.has(k)) state.set(k, 'wrong');
    return state;
  };
  const noneWrong = (state: Map<string, State>) => [...state.values()].every((s) => s !== 'wrong');
  // image blocks (values paths) with a target; a block's fields stay only if every image it renders lands
  const byPath = new Map<string, string[]>();
  const addPath = (path: string, k: string) => byPath.set(path, [...(byPath.get(path) ?? []), k]);
  const candidatesOf = rendered ? renderedCandidates(loadedBefore, before, images) : undefined;
  before.forEach((i, n) => {
    if (!images[n]!.target) return;
    if (i.valuesPath !== '') addPath(i.valuesPath, keys[n]!);
    else for (const p of candidatesOf?.get(n) ?? []) addPath(p, keys[n]!);
  });
  const settled = new Set<string>();
  const landed = (state: Map<string, State>, path: string) => byPath.get(path)!.every((k) => state.get(k) === 'moved');
  const notes: string[] = [];
  // Bitnami's charts refuse to render images they did not ship unless global.security.allowInsecureImages is true
  // (their NOTES.txt fails): a chart that declares that switch gets it set, and is told so
  const tree = internalValues(loadedBefore);
  const SWITCH = 'global.security.allowInsecureImages';
  const switchValue = rendered && tree ? valueAt(tree, SWITCH.split('.')) : undefined;
  if (switchValue === false) edits.set(SWITCH, { parts: parsePath(SWITCH), value: true });
  let state = judge();

  // 1. a global registry the chart's helper reads for every block without its own: the value most blocks need
  const counts = new Map<string, number>();
  // profile mode: one vote per image block; rendered: per image (some are printed from values no block holds)
  const voters = rendered ? before.flatMap((_i, n) => (images[n]!.target ? [[keys[n]!]] : [])) : [...byPath.values()];
  for (const keysOfPath of voters) {
    const v = nameOnly(targetOf.get(keysOfPath[0]!)!).split('/').slice(0, -1).join('/');
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const host = common?.split('/')[0];
  const globals: Array<[string, string | undefined]> = [['global.image.registry', common], ['global.imageRegistry', host]];
  if (rendered) {
    // rendered charts: also the registry that, before each block's own repository, names the target (Bitnami's
    // global.imageRegistry with a mirror prefix), and Dapr's global.registry
    const prefixes = new Map<string, number>();
    before.forEach((i, n) => {
      const t = images[n]!.target;
      const repo = tree ? blockRepository(tree, i.valuesPath || candidatesOf?.get(n)?.[0]) : undefined;
      if (!t || !repo) return;
      const name = nameOnly(t);
      if (name.endsWith(`/${repo}`)) prefixes.set(name.slice(0, -repo.length - 1), (prefixes.get(name.slice(0, -repo.length - 1)) ?? 0) + 1);
    });
    const best = [...prefixes].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const g of GLOBAL_REGISTRY_KEYS) for (const v of [best, common]) if (v !== undefined && !globals.some(([k, x]) => k === g && x === v)) globals.push([g, v]);
  }
  for (const [g, value] of globals) {
    if (value === undefined || edits.has(g)) continue;
    // rendered: each try is a render; a chart reads the global registry its values declare (gloo's
    // global.image.registry, Bitnami's global.imageRegistry, Dapr's global.registry)
    if (rendered && tree && valueAt(tree, g.split('.')) === undefined) continue;
    const e: Edit = { parts: parsePath(g), value };
    edits.set(g, e);
    const next = judge();
    const gained = [...byPath.keys()].filter((p) => !settled.has(p) && landed(next, p));
    // rendered: images no block names (Dapr's) count too
    if (!noneWrong(next) || (gained.length === 0 && !(rendered && movedMore(state, next)))) {
      edits.delete(g);
      continue;
    }
    state = next;
    for (const p of gained) settled.add(p);
  }

  // 2. each block's own fields, round by round; a round that breaks the release is retried block by block
  const rounds = new Map([...byPath].map(([path, ks]) => [path, candidateRounds(parsePath(path), targetOf.get(ks[0]!)!, rendered)]));
  const tryBlocks = (paths: string[], round: number): void => {
    const tried = paths.filter((p) => rounds.get(p)![round]);
    if (tried.length === 0) return;
    for (const p of tried) for (const e of rounds.get(p)![round]!) edits.set(editKey(e), e);
    let next = judge();
    let open = tried;
    for (let pass = 0; pass < 4; pass++) {
      const failed = open.filter((p) => !landed(next, p));
      if (failed.length === 0) break;
      for (const p of failed) for (const e of rounds.get(p)![round]!) edits.delete(editKey(e));
      open = open.filter((p) => !failed.includes(p));
      next = judge();
    }
    if (noneWrong(next)) {
      state = next;
      for (const p of open) settled.add(p);
      return;
    }
    // something else moved wrongly: take the whole round back, then try its blocks one at a time
    for (const p of open) for (const e of rounds.get(p)![round]!) edits.delete(editKey(e));
    if (tried.length > 1) for (const p of tried) tryBlocks([p], round);
  };
  const maxRounds = Math.max(0, ...[...rounds.values()].map((r) => r.length));
  for (let round = 0; round < maxRounds; round++) tryBlocks([...byPath.keys()].filter((p) => !settled.has(p)), round);

  // rendered mode: several blocks may have been taken for one image (values that look alike); keep only those
  // whose fields are needed, and the chart's switch only when the overlay does not render without it
  if (rendered) {
    const same = (a: Map<string, State>, b: Map<string, State>) => [...a].every(([k, v]) => b.get(k) === v) && [...b.keys()].every((k) => a.has(k));
    const shared = [...settled].filter((p) => byPath.get(p)!.some((k) => [...settled].some((o) => o !== p && byPath.get(o)!.includes(k))));
    for (const p of shared.reverse()) {
      const own = [...edits.values()].filter((e) => editKey(e).startsWith(`${p}.`) || editKey(e) === p);
      for (const e of own) edits.delete(editKey(e));
      const next = judge();
      if (same(state, next)) settled.delete(p);
      else for (const e of own) edits.set(editKey(e), e);
    }
    if (edits.has(SWITCH)) {
      edits.delete(SWITCH);
      const next = judge();
      if (!same(state, next) || ![...next.values()].some((v) => v === 'moved')) edits.set(SWITCH, { parts: parsePath(SWITCH), value: true });
    }
    if (edits.has(SWITCH)) notes.push(`${SWITCH} is set to true: the chart refuses to render images it did not ship (relocated to a mirror) otherwise`);
  }

  state = judge();
  const unmovable: UnmovableImage[] = [];
  before.forEach((i, n) => {
    const t = images[n]!;
    const s = state.get(keys[n]!);
    if (!t.target) unmovable.push({ valuesPath: i.valuesPath, reference: i.reference, reason: t.reason! });
    else if (s !== 'moved') {
      const blocks = i.valuesPath !== '' ? [i.valuesPath] : (candidatesOf?.get(n) ?? []);
      unmovable.push({
        valuesPath: i.valuesPath !== '' ? i.valuesPath : (blocks[0] ?? ''),
        reference: i.reference,
        reason: s === 'partial'
          ? `only some of the containers that run it (${i.workloads.map((w) => `${w.kind}/${w.name}:${w.container}`).join(', ')}) move: the others print it from elsewhere`
          : blocks.length === 0
            ? rendered
              ? 'the chart prints this reference from its templates (hard-coded, or composed from values no image block holds); no value found moves it'
              : 'the chart prints this reference from its templates; no value sets it'
            : `no field of ${blocks.join(' or ')} moves it when set in a values file (the chart composes this reference from elsewhere, or a --set flag, which beats every -f file, sets it)`,
      });
    }
  });
  const values = overlayValues();
  return { yaml: overlayYaml(values), values, images, unmovable, mode: rendered ? 'rendered' : 'profile', notes };
}

/** Whether more images sit at their target in `next` than in `prev`. */
function movedMore(prev: Map<string, State>, next: Map<string, State>): boolean {
  const n = (m: Map<string, State>) => [...m.values()].filter((s) => s === 'moved').length;
  return n(next) > n(prev);
}

/** The `repository` string of the image block at `path` (an `image:` string has none). */
function blockRepository(tree: import('../values/model.js').GoMap, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const v = valueAt(tree, parsePath(path).map(String));
  if (!isMap(v)) return undefined;
  const r = typeof v.repository === 'string' && v.repository !== '' ? v.repository : typeof v.image === 'string' ? v.image : undefined;
  return r?.replace(/^\/+|\/+$/g, '');
}

/**
 * Rendered mode: the image blocks of the values that may print each rendered image no profile names (the generic
 * search: maps with a `repository`, `image:` strings), matched by the image's name as the runtime resolves it,
 * else by its repository path ending with the block's. Only the render decides which of them really moves it.
 */
function renderedCandidates(loaded: ReturnType<typeof loadValues>, before: ResolvedImage[], targets: MirrorTarget[]): Map<number, string[]> {
  let blocks: ResolvedImage[];
  try {
    blocks = resolveImages(loaded, { profile: 'generic' });
  } catch {
    return new Map();
  }
  const tree = internalValues(loaded);
  const out = new Map<number, string[]>();
  before.forEach((i, n) => {
    if (i.valuesPath !== '' || !targets[n]!.target) return;
    const name = nameOf(i.reference);
    if (!name) return;
    const exact = blocks.filter((b) => nameOf(b.reference)?.name === name.name).map((b) => b.valuesPath);
    const suffix = blocks
      .filter((b) => {
        const repo = tree ? blockRepository(tree, b.valuesPath) : undefined;
        return repo !== undefined && (name.path === repo || name.path.endsWith(`/${repo}`));
      })
      .map((b) => b.valuesPath);
    const paths = [...new Set([...exact, ...suffix])];
    if (paths.length) out.set(n, paths);
  });
  return out;
}

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<)$/;

/** A key as YAML 1.1 (Helm) reads it back as the same string: plain when safe, else double-quoted. */
function yamlKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(k) && !YAML11_SPECIAL.test(k) ? k : JSON.stringify(k);
}

/** The overlay as YAML: block maps, every value a double-quoted string (never read as a number or a boolean), but a chart's boolean switch. */
export function overlayYaml(values: Record<string, unknown>): string {
  const lines: string[] = ['# Values overlay: pass it as the last -f file to pull every image from the mirror.'];
  const walk = (node: Record<string, unknown>, indent: string) => {
    for (const k of Object.keys(node).sort()) {
      const v = node[k];
      if (v !== null && typeof v === 'object') {
        lines.push(`${indent}${yamlKey(k)}:`);
        walk(v as Record<string, unknown>, `${indent}  `);
      } else lines.push(`${indent}${yamlKey(k)}: ${typeof v === 'boolean' ? String(v) : JSON.stringify(String(v))}`);
    }
  };
  walk(values, '');
  if (lines.length === 1) lines.push('{}');
  return `${lines.join('\n')}\n`;
}
