// The OCI / distribution image reference grammar, built from named pieces with bounded quantifiers.
// Each piece matches one part that the parser has already cut out, so no pattern ever sees a whole
// hostile string, and lengths are checked before any pattern runs.
//
//   reference        := name [ ":" tag ] [ "@" digest ]
//   name             := [ domain "/" ] path-component [ "/" path-component ]*
//   domain           := host [ ":" port ]
//   host             := domain-name | IPv4 | "[" IPv6 "]"
//   path-component   := alpha-numeric [ separator alpha-numeric ]*
//   separator        := "." | "_" | "__" | "-"+
//   tag              := [\w][\w.-]{0,127}
//   digest           := algorithm ":" hex

/** The longest name (domain and path) a registry accepts. */
export const NAME_MAX = 255;
/** The longest tag. */
export const TAG_MAX = 128;
/** The longest reference this parser looks at at all (name, tag, digest and separators). */
export const REFERENCE_MAX = NAME_MAX + 1 + TAG_MAX + 1 + 200;

const alphaNumeric = '[a-z0-9]{1,255}';
const separator = '(?:[._]|__|-{1,255})';
const pathComponentSrc = `${alphaNumeric}(?:${separator}${alphaNumeric}){0,127}`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent}){0,127}`;
const ipv6 = '\\[[a-fA-F0-9:]{2,45}\\]';
const port = '[0-9]{1,5}';

export const PATH_COMPONENT = new RegExp(`^${pathComponentSrc}$`);
export const DOMAIN = new RegExp(`^(?:${domainName}|${ipv6})(?::${port})?$`);
export const TAG = /^[\w][\w.-]{0,127}$/;
export const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]{0,31}(?:[-_+.][A-Za-z][A-Za-z0-9]{0,31}){0,7}$/;
export const DIGEST_HEX = /^[0-9a-fA-F]{32,256}$/;

/** Digest algorithms Go's go-digest knows, with the exact length of their lowercase hex encoding. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
