// The image reference grammar of Go's distribution/reference v0.6.0 (the parser containerd, Docker and Helm's
// OCI code share), built from named pieces with bounded quantifiers. Each pattern matches one part that the
// parser has already cut out (a domain, a path component, a tag, a digest), the whole reference is length-checked
// before any pattern runs, and every quantifier is bounded by that length, so no pattern sees an unbounded string.
//
//   reference        := name [ ":" tag ] [ "@" digest ]
//   name             := [ domain-and-port "/" ] remote-name
//                       (the optional domain is tried first; a first component that is not a domain, or after
//                       which the rest is not a remote-name, is read as the first path component instead)
//   domain-and-port  := host [ ":" [0-9]+ ]
//   host             := domain-name | "[" [a-fA-F0-9:]+ "]"          (IPv6 literal, no zone)
//   domain-name      := domain-component [ "." domain-component ]*
//   domain-component := [a-zA-Z0-9] | [a-zA-Z0-9] [a-zA-Z0-9-]* [a-zA-Z0-9]
//   remote-name      := path-component [ "/" path-component ]*          (at most 255 characters)
//   path-component   := alpha-numeric [ separator alpha-numeric ]*
//   alpha-numeric    := [a-z0-9]+
//   separator        := [._] | "__" | "-"+
//   tag              := [\w][\w.-]{0,127}
//   digest           := algorithm ":" [0-9a-fA-F]{32,}  (then go-digest: a known algorithm, its exact length,
//   algorithm        := [A-Za-z][A-Za-z0-9]* [ [-_+.] [A-Za-z][A-Za-z0-9]* ]*      lower-case hex)

/** The longest remote name (the path after the domain) Go's parser accepts. */
export const NAME_MAX = 255;
/** The longest tag. */
export const TAG_MAX = 128;
/** The longest digest go-digest accepts: `sha512:` and 128 hex digits. */
export const DIGEST_MAX = 'sha512:'.length + 128;
/**
 * The longest reference this parser looks at at all. Go bounds neither the domain nor a port; this room for a
 * 1,024-character domain (four times DNS's limit of 253) is the only place where the two can disagree: a
 * longer reference is refused with `REFERENCE_TOO_LONG`.
 */
export const REFERENCE_MAX = 1024 + 1 + NAME_MAX + 1 + TAG_MAX + 1 + DIGEST_MAX;

const N = REFERENCE_MAX;
const alphaNumeric = `[a-z0-9]{1,${N}}`;
const separator = `(?:[._]|__|-{1,${N}})`;
const pathComponentSrc = `${alphaNumeric}(?:${separator}${alphaNumeric}){0,${N}}`;
const domainComponent = `[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,${N}}[a-zA-Z0-9])?`;
const domainName = `${domainComponent}(?:\\.${domainComponent}){0,${N}}`;
const ipv6 = `\\[[a-fA-F0-9:]{1,${N}}\\]`;
const port = `[0-9]{1,${N}}`;
const digestAlgorithm = `[A-Za-z][A-Za-z0-9]{0,${N}}(?:[-_+.][A-Za-z][A-Za-z0-9]{0,${N}}){0,${N}}`;

/** One path component of a remote name. */
export const PATH_COMPONENT = new RegExp(`^${pathComponentSrc}$`);
/** A domain with an optional port: a host name, an IPv4 address in decimal, or a bracketed IPv6 address. */
export const DOMAIN = new RegExp(`^(?:${domainName}|${ipv6})(?::${port})?$`);
export const TAG = /^[\w][\w.-]{0,127}$/;
/** A digest as the reference grammar reads it, before go-digest checks the algorithm and the length. */
export const DIGEST = new RegExp(`^${digestAlgorithm}:[0-9a-fA-F]{32,${N}}$`);
/** A digest's encoded part as go-digest accepts it for a known algorithm. */
export const DIGEST_HEX = /^[0-9a-f]{1,256}$/;

/** Digest algorithms Go's go-digest knows, with the exact length of their lowercase hex encoding. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
