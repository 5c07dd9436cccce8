// Version checks as Helm does them with Masterminds/semver, built on the npm `semver` package:
// Helm accepts `1.2` and `v1.2.3` as versions, and `,` as AND in constraints.
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';

// Masterminds' loose version: optional v, one to three numbers, prerelease and build metadata.
const NUM = '(0|[1-9][0-9]*|[0-9]+)';
const IDENT = '[0-9A-Za-z-]+';
const VERSION = new RegExp(`^v?${NUM}(?:\\.${NUM})?(?:\\.${NUM})?(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);
const MAX_VERSION_LENGTH = 256;

/** Whether Helm accepts `v` as a chart version (Masterminds semver.NewVersion). */
export function isValidChartVersion(v: string): boolean {
  if (v.length > MAX_VERSION_LENGTH) return false;
  const m = VERSION.exec(v);
  if (!m) return false;
  // each number is a uint64 (Masterminds parses with ParseUint); numeric prerelease identifiers have no leading zeros
  if ([m[1], m[2], m[3]].some((n) => n !== undefined && BigInt(n) > UINT64_MAX)) return false;
  return !(m[4] ?? '').split('.').some((id) => /^0[0-9]+$/.test(id));
}

const UINT64_MAX = 18446744073709551615n;

/** The full x.y.z form of a version Helm accepts, for comparisons. */
export function normalizeVersion(v: string): string | undefined {
  if (!isValidChartVersion(v)) return undefined;
  const m = VERSION.exec(v)!;
  let out = `${BigInt(m[1]!)}.${BigInt(m[2] ?? 0)}.${BigInt(m[3] ?? 0)}`;
  if (m[4]) out += `-${m[4]}`;
  return out;
}

/**
 * Helm's IsCompatibleRange: whether `version` satisfies the `constraint` of a dependency entry. An empty or
 * unparsable constraint, or an invalid version, is not compatible.
 */
export function isCompatibleRange(constraint: string | undefined, version: string): boolean {
  if (!constraint || constraint.trim() === '' || constraint.length > MAX_VERSION_LENGTH) return false;
  const v = normalizeVersion(version);
  if (!v) return false;
  const range = constraint
    .split('||')
    .map((part) => part.replace(/,/g, ' ').replace(/=</g, '<=').replace(/~>/g, '~').trim())
    .join(' || ');
  if (validRange(range) === null) return false;
  return satisfies(v, range);
}
