// Near misses of an allowed word: case, separators, word order, a typo or two.
import { VARIANTS } from './schema.js';

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The allowed word the user most likely meant, if any is close enough to be worth suggesting. */
export function nearest(found: string, allowed: readonly string[]): string | undefined {
  if (found.length > 64) return undefined;
  const norm = (s: string) => s.trim().toLowerCase().replace(/[_\s]+/g, '-');
  const n = norm(found);
  const exact = allowed.find((a) => norm(a) === n);
  if (exact) return exact;
  // `distroless-fips` for `fips-distroless`: the same words in another order
  const words = n.split('-').sort().join('-');
  const reordered = allowed.find((a) => norm(a).split('-').sort().join('-') === words);
  if (reordered) return reordered;
  let best: string | undefined;
  let bestDistance = 3;
  for (const a of allowed) {
    const d = levenshtein(n, norm(a));
    if (d < bestDistance) [best, bestDistance] = [a, d];
  }
  return best;
}

/** The variant a near miss stands for (`Distroless` -> `distroless`). */
export const nearestVariant = (found: string): string | undefined => nearest(found, VARIANTS);
