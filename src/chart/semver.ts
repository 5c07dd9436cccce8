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

/** Masterminds' Version.String() of a version it accepts: x.y.z with its prerelease and build metadata. */
export function mastermindsString(v: string): string | undefined {
  const n = normalizeVersion(v);
  if (n === undefined) return undefined;
  const m = VERSION.exec(v)!;
  return m[5] ? `${n}+${m[5]}` : n;
}

/**
 * Helm's IsCompatibleRange: whether `version` satisfies the `constraint` of a dependency entry. An empty or
 * unparsable constraint, or an invalid version, is not compatible.
 */
export function isCompatibleRange(constraint: string | undefined, version: string): boolean {
  if (!constraint || constraint.trim() === '' || constraint.length > MAX_VERSION_LENGTH) return false;
  const v = normalizeVersion(version);
  if (!v) return false;
  const parts = constraint.split('||').map((part) => completePartials(part.replace(/,/g, ' ').replace(/=</g, '<=').replace(/~>/g, '~').trim()));
  const range = parts.join(' || ');
  if (validRange(range) === null) return false;
  if (!v.includes('-')) return satisfies(v, range);
  // Masterminds lets a prerelease version through a comparator only when the comparator's own version has a
  // prerelease, and then compares it as any other version: each alternative is checked so
  return parts.some((part) => {
    const versions = part.match(CONSTRAINT_VERSION_G) ?? [];
    return versions.length > 0 && versions.every((x) => /-/.test(x.replace(/^[^0-9xX*]*/, ''))) && satisfies(v, part, { includePrerelease: true });
  });
}

// A version in a constraint: Masterminds accepts a partial one with a prerelease (`>= 1.21-0`), which it reads
// with the missing numbers as 0 (1.21.0-0); npm's semver takes a prerelease only after three numbers.
const PART = '(?:0|[1-9][0-9]*|[0-9]+|[xX*])';
const CONSTRAINT_VERSION_G = new RegExp(`v?${PART}(?:\\.${PART}){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?`, 'g');
const PARTIAL_PRERELEASE = new RegExp(`(?<=^|\\s)(>=|<=|!=|=|>|<|~|\\^)?(\\s*)(v?)(${PART})(?:\\.(${PART}))?(-[0-9A-Za-z.-]+)(?=$|[\\s+])`, 'g');

function completePartials(part: string): string {
  return part.replace(PARTIAL_PRERELEASE, (m: string, op: string | undefined, space: string, v: string, major: string, minor: string | undefined, pre: string, at: number) => {
    const full = `${v}${major}.${minor ?? '0'}.0${pre}`;
    // a bare or `=` partial is a wildcard in Masterminds (1.21-0 is 1.21.x), as `~` is; not the ends of a
    // hyphen range (`1.21-0 - 1.40`)
    const inHyphenRange = /^\s+-\s/.test(part.slice(at + m.length)) || /\s-\s+$/.test(part.slice(0, at));
    const wildcard = (op === undefined || op === '=') && !inHyphenRange;
    return `${wildcard ? '~' : (op ?? '')}${space}${full}`;
  });
}
