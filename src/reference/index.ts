// Image references: parse, format, normalize. Browser-safe, no dependencies.
import { DIGEST, DIGEST_ALGORITHMS, DIGEST_HEX, DOMAIN, NAME_MAX, PATH_COMPONENT, REFERENCE_MAX, TAG } from './grammar.js';

/** The parts of an image reference. `registry` is absent when the reference names none (Docker Hub). */
export interface ImageReference {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Stable codes of {@link ImageReferenceError}. */
export type ImageReferenceErrorCode =
  | 'REFERENCE_EMPTY'
  | 'REFERENCE_TOO_LONG'
  | 'REFERENCE_INVALID_FORMAT'
  | 'REFERENCE_NAME_NOT_LOWERCASE'
  | 'REFERENCE_NAME_TOO_LONG'
  | 'REFERENCE_INVALID_DOMAIN'
  | 'REFERENCE_INVALID_TAG'
  | 'REFERENCE_INVALID_DIGEST'
  | 'REFERENCE_UNSUPPORTED_DIGEST';

/** Why a string is not an image reference; `message` says what was found and what is allowed. */
export class ImageReferenceError extends Error {
  override readonly name = 'ImageReferenceError';
  constructor(readonly code: ImageReferenceErrorCode, message: string, readonly reference: string) {
    super(message);
  }
}

function show(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

/**
 * Docker's rule for the registry (splitDockerDomain): a first component with a dot or a colon, `localhost`, or an
 * upper-case letter names a registry; any other first component is a Docker Hub namespace. A bracketed IPv6
 * host (`[a]`, which Docker's rule misses) can only be a registry: no path component holds a bracket.
 */
function dockerDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase() || first.startsWith('[');
}

/** Go's strings.ToLower, which maps rune by rune: U+0130 becomes `i` (JavaScript gives `i` and U+0307). */
function goLower(s: string): string {
  return s.replace(/\u0130/g, 'i').toLowerCase();
}

interface Grammar {
  name: string;
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

type Failure = [ImageReferenceErrorCode, string];

function isRemoteName(s: string): boolean {
  return s.split('/').every((c) => PATH_COMPONENT.test(c));
}

/** The reference grammar alone, as Go's ReferenceRegexp and anchoredNameRegexp match it. */
function matchGrammar(ref: string): Grammar | Failure {
  const at = ref.indexOf('@');
  const nameTag = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST.test(digest)) {
    return ['REFERENCE_INVALID_DIGEST', `invalid digest ${show(digest)} in ${show(ref)}: expected algorithm:hex, e.g. sha256: and 64 hex digits`];
  }
  // a name holds a ':' only in its domain, before the first '/': a ':' after the last '/' starts the tag
  const colon = nameTag.indexOf(':', nameTag.lastIndexOf('/') + 1);
  const name = colon >= 0 ? nameTag.slice(0, colon) : nameTag;
  const tag = colon >= 0 ? nameTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) {
    return ['REFERENCE_INVALID_TAG', `invalid tag ${show(tag)} in ${show(ref)}: a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`];
  }
  if (name === '') return ['REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: the repository name is missing`];
  const out: Grammar = { name, path: name };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    // the optional domain is tried first, as Go's leftmost-first regexp does
    const first = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (DOMAIN.test(first) && isRemoteName(rest)) return { ...out, domain: first, path: rest };
  }
  if (isRemoteName(name)) return out;
  const parts = name.split('/');
  const bad = parts.findIndex((c) => !PATH_COMPONENT.test(c));
  const component = parts[bad]!;
  if (component === '') return ['REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: empty path component (a '//', or a '/' at the start or the end)`];
  if (bad === 0 && parts.length > 1 && dockerDomain(component)) {
    return ['REFERENCE_INVALID_DOMAIN', `invalid registry ${show(component)} in ${show(ref)}: expected a host name, IPv4 address or [IPv6] address, with an optional :port (or a path component: lowercase letters and digits joined by '.', '_', '__' or dashes)`];
  }
  return ['REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: path component ${show(component)} must be lowercase letters and digits, joined by '.', '_', '__' or dashes`];
}

/**
 * Parses an image reference (`[registry/]path[:tag][@digest]`) as Go's distribution/reference v0.6.0 `Parse`
 * does; throws {@link ImageReferenceError}. `registry` is the domain Go's grammar finds when Docker's rule also
 * reads the first component as a registry (`quay.io/x`, `localhost:5000/x`); otherwise (`team/app`, or
 * `a_b.c/d`, whose first component is not a valid domain and so is a path component) the whole name is the
 * repository.
 */
export function parseImageReference(ref: string): ImageReference {
  const fail = (code: ImageReferenceErrorCode, msg: string): never => {
    throw new ImageReferenceError(code, msg, ref);
  };
  if (typeof ref !== 'string' || ref.length === 0) fail('REFERENCE_EMPTY', 'an image reference cannot be empty');
  if (ref.length > REFERENCE_MAX) fail('REFERENCE_TOO_LONG', `image reference is ${ref.length} characters long; at most ${REFERENCE_MAX} are possible`);
  const g = matchGrammar(ref);
  if (Array.isArray(g)) {
    // Go's order: a reference that only its upper-case letters keep from matching is "must be lowercase"
    const lower = goLower(ref);
    if (lower !== ref && lower.length <= REFERENCE_MAX && !Array.isArray(matchGrammar(lower))) {
      fail('REFERENCE_NAME_NOT_LOWERCASE', `repository name must be lowercase: ${show(ref)}`);
    }
    return fail(g[0], g[1]);
  }
  if (g.path.length > NAME_MAX) fail('REFERENCE_NAME_TOO_LONG', `repository name in ${show(ref)} is ${g.path.length} characters long (after the registry); at most ${NAME_MAX} are allowed`);
  if (g.digest !== undefined) checkDigest(g.digest, ref);
  const registry = g.domain !== undefined && dockerDomain(g.domain) ? g.domain : undefined;
  const out: ImageReference = { repository: registry !== undefined ? g.path : g.name };
  if (registry !== undefined) out.registry = registry;
  if (g.tag !== undefined) out.tag = g.tag;
  if (g.digest !== undefined) out.digest = g.digest;
  return out;
}

/** What go-digest's Parse adds to the grammar: a known algorithm, its exact length, lower-case hex. */
function checkDigest(d: string, ref: string): void {
  const i = d.indexOf(':');
  const alg = d.slice(0, i);
  const hex = d.slice(i + 1);
  const len = DIGEST_ALGORITHMS[alg];
  if (len === undefined || !Object.prototype.hasOwnProperty.call(DIGEST_ALGORITHMS, alg)) {
    // go-digest calls an unknown algorithm malformed, not unsupported, when it is not in lower case
    if (/[A-Z]/.test(alg)) {
      throw new ImageReferenceError('REFERENCE_INVALID_DIGEST', `invalid digest algorithm ${show(alg)} in ${show(ref)}: algorithms are lower case, e.g. sha256`, ref);
    }
    throw new ImageReferenceError('REFERENCE_UNSUPPORTED_DIGEST', `unsupported digest algorithm ${show(alg)} in ${show(ref)}: expected ${Object.keys(DIGEST_ALGORITHMS).join(', ')}`, ref);
  }
  if (hex.length !== len || !DIGEST_HEX.test(hex)) {
    throw new ImageReferenceError('REFERENCE_INVALID_DIGEST', `invalid ${alg} digest in ${show(ref)}: expected ${len} lowercase hex digits, found ${hex.length}${/[A-F]/.test(hex) ? ' (with upper-case letters)' : ''}`, ref);
  }
}

/** Parses like {@link parseImageReference} but returns undefined instead of throwing. */
export function tryParseImageReference(ref: string): ImageReference | undefined {
  try {
    return parseImageReference(ref);
  } catch (e) {
    if (e instanceof ImageReferenceError) return undefined;
    throw e;
  }
}

/** `registry/repository:tag@digest`, leaving out the parts that are absent. */
export function formatImageReference(parts: ImageReference): string {
  let s = parts.registry ? `${parts.registry}/${parts.repository}` : parts.repository;
  if (parts.tag) s += `:${parts.tag}`;
  if (parts.digest) s += `@${parts.digest}`;
  return s;
}

/**
 * Docker's normalization: no registry means `docker.io`, a one-part Docker Hub path gets `library/`, and
 * `index.docker.io` is `docker.io`. A reference with neither tag nor digest is not given `latest`.
 */
export function normalizeImageReference(ref: ImageReference | string): ImageReference {
  const r = typeof ref === 'string' ? parseImageReference(ref) : { ...ref };
  let registry = r.registry ?? 'docker.io';
  if (registry === 'index.docker.io') registry = 'docker.io';
  const repository = registry === 'docker.io' && !r.repository.includes('/') ? `library/${r.repository}` : r.repository;
  return { ...r, registry, repository };
}
