// Copy lists for the tools that move images into a mirror: `SOURCE DESTINATION` lines (crane copy, skopeo copy,
// oras, a shell loop) and a `skopeo sync --src yaml` file. A source pinned by digest is copied by digest, which
// keeps the digest the chart pins; the destination carries the tag the chart names.
import type { ResolvedImage } from '../images/resolve.js';
import type { MirrorTarget } from '../mirror/mirror.js';
import { normalizeImageReference, tryParseImageReference } from '../reference/index.js';

const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What to copy from: by digest when there is one (a reference with a tag and a digest is refused by most tools). */
function copySource(reference: string): string | undefined {
  const p = tryParseImageReference(reference);
  if (!p) return undefined;
  const n = normalizeImageReference(p);
  const name = `${n.registry}/${n.repository}`;
  return n.digest ? `${name}@${n.digest}` : n.tag ? `${name}:${n.tag}` : name;
}

/** Where to copy to: the tag the chart names (the digest comes with the copy), or the digest alone. */
function copyDestination(target: string): string {
  const at = target.indexOf('@');
  if (at < 0) return target;
  const named = target.slice(0, at);
  return named.lastIndexOf(':') > named.lastIndexOf('/') ? named : target;
}

/** `SOURCE DESTINATION` lines, unique and sorted; images without a place in the mirror are left out. */
export function formatCopyList(targets: readonly MirrorTarget[]): string {
  const lines = new Set<string>();
  for (const t of targets) {
    const src = copySource(t.source);
    if (src && t.target) lines.add(`${src} ${copyDestination(t.target)}`);
  }
  const out = [...lines].sort(byte);
  return out.length ? `${out.join('\n')}\n` : '';
}

/** A YAML string that YAML 1.1 and 1.2 both read back as the same string. */
const q = (s: string) => JSON.stringify(s);

/**
 * A `skopeo sync --src yaml` file: per registry, each repository with the tags (or, for pinned images, the
 * digests) the release pulls. `skopeo sync --src yaml --dest docker FILE REGISTRY/PREFIX` copies them with their
 * paths kept (the `keep` mirror layout).
 */
export function formatSkopeoSync(images: readonly ResolvedImage[]): string {
  const registries = new Map<string, Map<string, Set<string>>>();
  for (const i of images) {
    const p = tryParseImageReference(i.reference);
    if (!p) continue;
    const n = normalizeImageReference(p);
    const ref = n.digest ?? n.tag ?? 'latest';
    if (!registries.has(n.registry!)) registries.set(n.registry!, new Map());
    const repos = registries.get(n.registry!)!;
    if (!repos.has(n.repository)) repos.set(n.repository, new Set());
    repos.get(n.repository)!.add(ref);
  }
  const lines = ['# skopeo sync --src yaml --dest docker THIS-FILE REGISTRY[/PREFIX]  (images pinned by digest are listed by digest)'];
  for (const reg of [...registries.keys()].sort(byte)) {
    lines.push(`${q(reg)}:`, '  images:');
    const repos = registries.get(reg)!;
    for (const repo of [...repos.keys()].sort(byte)) {
      lines.push(`    ${q(repo)}:`);
      for (const r of [...repos.get(repo)!].sort(byte)) lines.push(`      - ${q(r)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
