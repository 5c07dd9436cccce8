// Air-gapped installs: where each image goes in a mirror registry, a values overlay that makes the unchanged chart
// pull every image from there, and copy lists for the tools that move the images. Browser-safe.
//
// The overlay is found and proved the same way: candidate values fields are set (the chart's global registry, an
// image block's `registry` and `repository`, an `image:` string), the release is resolved again with the overlay
// as its last -f file, and only the fields that move their image to exactly the mirror reference (same tag, same
// digest) and change nothing else are kept. What no field moves is reported as unmovable, with the reason.
import { ResolveError } from '../errors.js';
import { resolveImages, type ResolvedImage, type ResolveOptions } from '../images/resolve.js';
import { loadValues, type LoadValuesInput } from '../load/load-values.js';
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

type Edit = { parts: Array<string | number>; value: string };

/**
 * The candidate field sets that could move one image block's image to `target`, one list per round, whatever
 * the block's shape (the verification decides): its `registry` alone (the repository kept: a chart that adds
 * `-fips` to it keeps doing so), `registry` and `repository` split after each path component, the whole name in
 * `repository` (charts without a registry field), and the block itself as an `image: "repo:tag"` string.
 */
function candidateRounds(parts: Array<string | number>, target: string): Edit[][] {
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
  return rounds;
}

type State = 'moved' | 'same' | 'wrong';

/**
 * A values overlay that, passed as the last `-f` file of the same release, makes it pull every image from the
 * mirror, tags and digests unchanged (a copy by digest keeps them). Takes the release's loader input (not a
 * LoadedValues) because the overlay's place among the layers matters: a `--set` flag beats any `-f` file, so a
 * value the flags set cannot be moved by a file, and the overlay is proved against exactly that order.
 */
export function mirrorOverlay(input: LoadValuesInput, options: MirrorOptions): MirrorOverlay {
  const { mirror, layout, ...resolve } = options;
  const before = resolveImages(loadValues(input), resolve);
  const images = mirrorTargets(before, { mirror, ...(layout ? { layout } : {}) });
  // an image is known by its block and workloads (a component may be named after the repository, which moves)
  const key = (i: ResolvedImage) => `${i.valuesPath}\u0000${i.valuesPath === '' ? i.component : ''}\u0000${i.workloads.map((w) => `${w.kind}/${w.name}/${w.container}`).sort().join(',')}`;
  const targetOf = new Map<string, string | undefined>();
  before.forEach((i, n) => targetOf.set(key(i), images[n]!.target));
  const sourceOf = new Map(before.map((i) => [key(i), i.reference]));

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
    const seen = new Set<string>();
    for (const i of after) {
      const k = key(i);
      seen.add(k);
      state.set(k, !sourceOf.has(k) ? 'wrong' : i.reference === targetOf.get(k) ? 'moved' : i.reference === sourceOf.get(k) ? 'same' : 'wrong');
    }
    for (const k of sourceOf.keys()) if (!seen.has(k)) state.set(k, 'wrong');
    return state;
  };
  const noneWrong = (state: Map<string, State>) => [...state.values()].every((s) => s !== 'wrong');
  // image blocks (values paths) with a target; a block's fields stay only if every image it renders lands
  const byPath = new Map<string, string[]>();
  for (const i of before) if (targetOf.get(key(i)) && i.valuesPath !== '') byPath.set(i.valuesPath, [...(byPath.get(i.valuesPath) ?? []), key(i)]);
  const settled = new Set<string>();
  const landed = (state: Map<string, State>, path: string) => byPath.get(path)!.every((k) => state.get(k) === 'moved');
  let state = judge();

  // 1. a global registry the chart's helper reads for every block without its own: the value most blocks need
  const counts = new Map<string, number>();
  for (const keys of byPath.values()) {
    const v = nameOnly(targetOf.get(keys[0]!)!).split('/').slice(0, -1).join('/');
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const host = common?.split('/')[0];
  for (const [g, value] of [['global.image.registry', common], ['global.imageRegistry', host]] as const) {
    if (value === undefined) continue;
    const e: Edit = { parts: parsePath(g), value };
    edits.set(g, e);
    const next = judge();
    const gained = [...byPath.keys()].filter((p) => !settled.has(p) && landed(next, p));
    if (!noneWrong(next) || gained.length === 0) {
      edits.delete(g);
      continue;
    }
    state = next;
    for (const p of gained) settled.add(p);
  }

  // 2. each block's own fields, round by round; a round that breaks the release is retried block by block
  const rounds = new Map([...byPath].map(([path, keys]) => [path, candidateRounds(parsePath(path), targetOf.get(keys[0]!)!)]));
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

  state = judge();
  const unmovable: UnmovableImage[] = [];
  before.forEach((i, n) => {
    const t = images[n]!;
    if (!t.target) unmovable.push({ valuesPath: i.valuesPath, reference: i.reference, reason: t.reason! });
    else if (state.get(key(i)) !== 'moved') {
      unmovable.push({
        valuesPath: i.valuesPath,
        reference: i.reference,
        reason: i.valuesPath === ''
          ? 'the chart prints this reference from its templates; no value sets it'
          : `no field of ${i.valuesPath} moves it when set in a values file (the chart composes this reference from elsewhere, or a --set flag, which beats every -f file, sets it)`,
      });
    }
  });
  const values = overlayValues();
  return { yaml: overlayYaml(values), values, images, unmovable };
}

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<)$/;

/** A key as YAML 1.1 (Helm) reads it back as the same string: plain when safe, else double-quoted. */
function yamlKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(k) && !YAML11_SPECIAL.test(k) ? k : JSON.stringify(k);
}

/** The overlay as YAML: block maps, every value a double-quoted string (never read as a number or a boolean). */
export function overlayYaml(values: Record<string, unknown>): string {
  const lines: string[] = ['# Values overlay: pass it as the last -f file to pull every image from the mirror.'];
  const walk = (node: Record<string, unknown>, indent: string) => {
    for (const k of Object.keys(node).sort()) {
      const v = node[k];
      if (v !== null && typeof v === 'object') {
        lines.push(`${indent}${yamlKey(k)}:`);
        walk(v as Record<string, unknown>, `${indent}  `);
      } else lines.push(`${indent}${yamlKey(k)}: ${JSON.stringify(String(v))}`);
    }
  };
  walk(values, '');
  if (lines.length === 1) lines.push('{}');
  return `${lines.join('\n')}\n`;
}
