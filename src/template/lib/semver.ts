// sprig's `semver` and `semverCompare` over Masterminds/semver v3, as each Helm vendors it: v3.3.0 in
// Helm 3.17.1, v3.4.0 in Helm 4.1.4. Written to Masterminds' rules (which are not node-semver's): loose
// versions ("1", "v1.2"), constraints with wildcards, `~`/`^`, hyphen ranges, `,` or space for AND and
// `||` for OR. The differences between the two releases:
//  - error texts: capitalised in v3.3.0 ("Invalid Semantic Version"), lower case in v3.4.0;
//  - prereleases: v3.3.0 refuses a prerelease version in each comparison whose own version has no
//    prerelease (except a plain `!=`, which then just compares); v3.4.0 decides once per AND group
//    (any constraint of the group with a prerelease lets prereleases through), for every operator:
//    `semverCompare "!=1.2.3" "1.2.3-alpha"` is true in Helm 3 and false in Helm 4.
// Patterns run on re2js, with Go's regexp semantics (leftmost-first alternation, Go's \s).
import { RE2JS } from 're2js';
import { GoInt } from '../../values/model.js';

/** Which Masterminds/semver release: the one Helm 3.17.1 (3) or Helm 4.1.4 (4) vendors. */
export type SemverRelease = 3 | 4;

const MESSAGES = {
  3: {
    invalid: 'Invalid Semantic Version',
    chars: 'Invalid characters in version',
    zero: 'Version segment starts with 0',
    metadata: 'Invalid Metadata string',
    prerelease: 'Invalid Prerelease string',
    segment: 'Error parsing version segment: ',
    parser: 'constraint Parser Error',
  },
  4: {
    invalid: 'invalid semantic version',
    chars: 'invalid characters in version',
    zero: 'version segment starts with 0',
    metadata: 'invalid metadata string',
    prerelease: 'invalid prerelease string',
    segment: 'error parsing version segment: ',
    parser: 'constraint parser error',
  },
} as const;

const LOOSE_VERSION = RE2JS.compile(
  '^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?' + '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' + '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$',
);

const CV = '(?:v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
// Masterminds writes the version pattern as one group, `(cv)`, around the nine groups inside it
const CVG = `(${CV.slice(3, -1)})`;
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT = RE2JS.compile(`^\\s*(${OPS})\\s*${CVG}\\s*$`);
const RANGE = RE2JS.compile(`\\s*${CVG}\\s+-\\s+${CVG}\\s*`);
const FIND_CONSTRAINT = RE2JS.compile(`(${OPS})\\s*${CVG}`);
const VALID_CONSTRAINT = RE2JS.compile(`^(\\s*(${OPS})\\s*${CVG}\\s*)((?:\\s+|,\\s*)(${OPS})\\s*${CVG}\\s*)*$`);

const UINT64_MAX = 2n ** 64n - 1n;

function parseUint(s: string, release: SemverRelease): bigint {
  const v = BigInt(s);
  if (v > UINT64_MAX) throw new Error(`${MESSAGES[release].segment}strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

const NUM = /^[0-9]*$/;
const ALLOWED = /^[0-9A-Za-z-]*$/;

function validatePrerelease(p: string, release: SemverRelease): void {
  for (const part of p.split('.')) {
    if (part === '' && release === 4) throw new Error(MESSAGES[release].prerelease);
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new Error(MESSAGES[release].zero);
    } else if (!ALLOWED.test(part)) throw new Error(MESSAGES[release].prerelease);
  }
}

function validateMetadata(m: string, release: SemverRelease): void {
  for (const part of m.split('.')) {
    if ((part === '' && release === 4) || !ALLOWED.test(part)) throw new Error(MESSAGES[release].metadata);
  }
}

/**
 * A parsed version, as Masterminds' *semver.Version: templates call its methods (`.Major`, `.Minor`,
 * `.Patch`, `.Prerelease`, `.Metadata`, `.Original`, `.String`, and the comparisons), and it prints as
 * its String().
 */
export class SemverVersion {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {}

  /** uint64 in Go; held as a GoInt (exact below 2^63, which any real version is). */
  Major(): GoInt {
    return new GoInt(this.major);
  }
  Minor(): GoInt {
    return new GoInt(this.minor);
  }
  Patch(): GoInt {
    return new GoInt(this.patch);
  }
  Prerelease(): string {
    return this.pre;
  }
  Metadata(): string {
    return this.metadata;
  }
  Original(): string {
    return this.original;
  }
  String(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre) s += `-${this.pre}`;
    if (this.metadata) s += `+${this.metadata}`;
    return s;
  }
  toString(): string {
    return this.String();
  }
  Compare(o: SemverVersion): number {
    return compareVersions(this, o);
  }
  LessThan(o: SemverVersion): boolean {
    return compareVersions(this, o) < 0;
  }
  LessThanEqual(o: SemverVersion): boolean {
    return compareVersions(this, o) <= 0;
  }
  GreaterThan(o: SemverVersion): boolean {
    return compareVersions(this, o) > 0;
  }
  GreaterThanEqual(o: SemverVersion): boolean {
    return compareVersions(this, o) >= 0;
  }
  Equal(o: SemverVersion): boolean {
    return compareVersions(this, o) === 0;
  }
  private vPrefix(): string {
    return this.original.startsWith('v') ? 'v' : '';
  }
  private next(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string): SemverVersion {
    const v = new SemverVersion(major, minor, patch, pre, metadata, '');
    return new SemverVersion(major, minor, patch, pre, metadata, this.vPrefix() + v.String());
  }
  IncPatch(): SemverVersion {
    if (this.pre) return this.next(this.major, this.minor, this.patch, '', '');
    return this.next(this.major, this.minor, this.patch + 1n, '', '');
  }
  IncMinor(): SemverVersion {
    return this.next(this.major, this.minor + 1n, 0n, '', '');
  }
  IncMajor(): SemverVersion {
    return this.next(this.major + 1n, 0n, 0n, '', '');
  }
  /** Throws the release's error text for a prerelease it refuses. */
  SetPrerelease(pre: string, release: SemverRelease): SemverVersion {
    if (pre) validatePrerelease(pre, release);
    return this.next(this.major, this.minor, this.patch, pre, this.metadata);
  }
  SetMetadata(metadata: string, release: SemverRelease): SemverVersion {
    if (metadata) validateMetadata(metadata, release);
    return this.next(this.major, this.minor, this.patch, this.pre, metadata);
  }
}

/** Masterminds' NewVersion (the loose form both releases use by default). */
export function parseVersion(v: string, release: SemverRelease): SemverVersion {
  const m = LOOSE_VERSION.matcher(v);
  if (!m.find()) throw new Error(MESSAGES[release].invalid);
  const g = (i: number) => m.group(i) ?? '';
  const major = parseUint(g(1), release);
  const minor = g(2) ? parseUint(g(2).slice(1), release) : 0n;
  const patch = g(3) ? parseUint(g(3).slice(1), release) : 0n;
  const pre = g(5);
  const metadata = g(8);
  if (pre) validatePrerelease(pre, release);
  if (metadata) validateMetadata(metadata, release);
  return new SemverVersion(major, minor, patch, pre, metadata, v);
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function goStringCompare(a: string, b: string): number {
  // prerelease parts are ASCII here, so UTF-16 order is byte order
  return a < b ? -1 : a > b ? 1 : 0;
}

function prePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNum && !oNum) return goStringCompare(s, o) > 0 ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const n = Math.max(sp.length, op.length);
  for (let i = 0; i < n; i++) {
    const d = prePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function compareVersions(v: SemverVersion, o: SemverVersion): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

interface Constraint {
  con: SemverVersion;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const isX = (s: string) => s === 'x' || s === '*' || s === 'X';

function parseConstraint(c: string, release: SemverRelease): Constraint {
  const m = CONSTRAINT.matcher(c);
  if (!m.find()) throw new Error(`improper constraint: ${c}`);
  const g = (i: number) => m.group(i) ?? '';
  let ver = g(2);
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(g(3)) || g(3) === '') {
    ver = `0.0.0${g(6)}`;
    dirty = true;
  } else if (isX(g(4).replace(/^\./, '')) || g(4) === '') {
    minorDirty = true;
    dirty = true;
    ver = `${g(3)}.0.0${g(6)}`;
  } else if (isX(g(5).replace(/^\./, '')) || g(5) === '') {
    dirty = true;
    patchDirty = true;
    ver = `${g(3)}${g(4)}.0${g(6)}`;
  }
  let con: SemverVersion;
  try {
    con = parseVersion(ver, release);
  } catch {
    throw new Error(MESSAGES[release].parser);
  }
  return { con, orig: g(2), op: g(1), minorDirty, patchDirty, dirty };
}

/** Replaces each hyphen range `a - b` by `>= a, <= b `, as Masterminds' rewriteRange. */
function rewriteRange(s: string): string {
  const m = RANGE.matcher(s);
  const found: Array<[string, string, string]> = [];
  let pos = 0;
  while (pos <= s.length && m.find(pos)) {
    found.push([m.group(0)!, m.group(1)!, m.group(11)!]);
    pos = m.end() > m.start() ? m.end() : m.end() + 1;
  }
  let out = s;
  for (const [whole, a, b] of found) out = out.replace(whole, () => `>= ${a}, <= ${b} `);
  return out;
}

function findAll(re: RE2JS, s: string): string[] {
  const m = re.matcher(s);
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && m.find(pos)) {
    const start = m.start();
    const end = m.end();
    if (end === start) {
      if (start !== prevEnd) out.push('');
      pos = end + 1;
    } else {
      out.push(m.group(0)!);
      pos = end;
    }
    prevEnd = end;
  }
  return out;
}

/** Parsed constraints: OR groups of AND-ed constraints. */
export interface SemverConstraints {
  groups: Constraint[][];
  containsPre: boolean[];
}

/** Masterminds' NewConstraint, with its error texts. */
export function parseConstraints(text: string, release: SemverRelease): SemverConstraints {
  const c = rewriteRange(text);
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const part of c.split('||')) {
    if (!VALID_CONSTRAINT.matcher(part).find()) throw new Error(`improper constraint: ${part}`);
    let cs = findAll(FIND_CONSTRAINT, part);
    if (cs.length === 0) cs = [part];
    const group = cs.map((s) => parseConstraint(s, release));
    groups.push(group);
    containsPre.push(group.some((x) => x.con.pre !== ''));
  }
  return { groups, containsPre };
}

function tilde(v: SemverVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: SemverVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

function notEqual(v: SemverVersion, c: Constraint): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: SemverVersion, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(v: SemverVersion, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

function checkOne(v: SemverVersion, c: Constraint, includePre: boolean, release: SemverRelease): boolean {
  if (release === 4) {
    if (v.pre !== '' && !includePre) return false;
  } else if (v.pre !== '' && c.con.pre === '' && (c.op !== '!=' || c.dirty)) return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
    case '!=':
      return notEqual(v, c);
    case '>':
      return greaterThan(v, c);
    case '<':
      return compareVersions(v, c.con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      return lessThanEqual(v, c);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  return false;
}

/** Constraints.Check. */
export function checkConstraints(cs: SemverConstraints, v: SemverVersion, release: SemverRelease): boolean {
  return cs.groups.some((group, i) => group.every((c) => checkOne(v, c, cs.containsPre[i]!, release)));
}

/** sprig's `semver`: the parsed version, or an Error with Masterminds' text. */
export function semver(version: string, release: SemverRelease = 4): SemverVersion {
  return parseVersion(version, release);
}

/** sprig's `semverCompare`: whether `version` satisfies `constraint`; bad input is an Error. */
export function semverCompare(constraint: string, version: string, release: SemverRelease = 4): boolean {
  const cs = parseConstraints(constraint, release);
  const v = parseVersion(version, release);
  return checkConstraints(cs, v, release);
}
