// Image references: parse, format, normalize. Browser-safe, no dependencies.
import { DIGEST_ALGORITHM, DIGEST_ALGORITHMS, DIGEST_HEX, DOMAIN, NAME_MAX, PATH_COMPONENT, REFERENCE_MAX, TAG } from './grammar.js';

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

function looksLikeDomain(first: string): boolean {
  // Docker's rule: a first component with a dot, a colon, `localhost`, or an upper-case letter is a registry
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase() || first.startsWith('[');
}

/** Parses an image reference (`[registry/]path[:tag][@digest]`); throws {@link ImageReferenceError}. */
export function parseImageReference(ref: string): ImageReference {
  const fail = (code: ImageReferenceErrorCode, msg: string): never => {
    throw new ImageReferenceError(code, msg, ref);
  };
  if (typeof ref !== 'string' || ref.length === 0) fail('REFERENCE_EMPTY', 'an image reference cannot be empty');
  if (ref.length > REFERENCE_MAX) fail('REFERENCE_TOO_LONG', `image reference is ${ref.length} characters long; at most ${REFERENCE_MAX} are possible`);
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    checkDigest(digest, ref);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      fail('REFERENCE_INVALID_TAG', `invalid tag ${show(tag)} in ${show(ref)}: a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
    }
  }
  if (rest.length === 0) fail('REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: the repository name is missing`);
  if (rest.length > NAME_MAX) fail('REFERENCE_NAME_TOO_LONG', `repository name in ${show(ref)} is ${rest.length} characters long; at most ${NAME_MAX} are allowed`);
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && looksLikeDomain(parts[0]!)) {
    registry = parts.shift()!;
    if (!DOMAIN.test(registry)) fail('REFERENCE_INVALID_DOMAIN', `invalid registry ${show(registry)} in ${show(ref)}: expected a host name, IPv4 address or [IPv6] address, with an optional :port`);
  }
  for (const p of parts) {
    if (p === '') fail('REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: empty path component (a '//' or a trailing '/')`);
    if (!PATH_COMPONENT.test(p)) {
      if (PATH_COMPONENT.test(p.toLowerCase())) fail('REFERENCE_NAME_NOT_LOWERCASE', `repository name must be lowercase: ${show(ref)}`);
      fail('REFERENCE_INVALID_FORMAT', `invalid reference format ${show(ref)}: path component ${show(p)} must be lowercase letters and digits, joined by '.', '_', '__' or dashes`);
    }
  }
  const out: ImageReference = { repository: parts.join('/') };
  if (registry !== undefined) out.registry = registry;
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

function checkDigest(d: string, ref: string): void {
  const i = d.indexOf(':');
  const alg = i >= 0 ? d.slice(0, i) : '';
  const hex = i >= 0 ? d.slice(i + 1) : '';
  if (i < 0 || !DIGEST_ALGORITHM.test(alg) || !DIGEST_HEX.test(hex)) {
    throw new ImageReferenceError('REFERENCE_INVALID_DIGEST', `invalid digest ${show(d)} in ${show(ref)}: expected algorithm:hex, e.g. sha256: and 64 hex digits`, ref);
  }
  const len = DIGEST_ALGORITHMS[alg];
  if (len === undefined) {
    throw new ImageReferenceError('REFERENCE_UNSUPPORTED_DIGEST', `unsupported digest algorithm ${show(alg)} in ${show(ref)}: expected ${Object.keys(DIGEST_ALGORITHMS).join(', ')}`, ref);
  }
  if (hex.length !== len || !/^[0-9a-f]+$/.test(hex)) {
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
