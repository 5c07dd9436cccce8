// The image reference grammar: kinds of valid and invalid references (in the spirit of the distribution
// project's test vectors, written here in our own words), formatting, normalization, and hostile input.
import { formatImageReference, ImageReferenceError, normalizeImageReference, parseImageReference, tryParseImageReference, type ImageReference } from '../../src/index';

const D64 = 'a'.repeat(64);
const D128 = 'b'.repeat(128);

const valid: Array<[string, ImageReference]> = [
  ['gloo', { repository: 'gloo' }],
  ['gloo:1.17.0', { repository: 'gloo', tag: '1.17.0' }],
  ['solo-io/gloo', { repository: 'solo-io/gloo' }],
  ['quay.io/solo-io/gloo-ee:1.17.0-distroless', { registry: 'quay.io', repository: 'solo-io/gloo-ee', tag: '1.17.0-distroless' }],
  ['quay.io/solo-io/gloo-ee-fips:1.17.0', { registry: 'quay.io', repository: 'solo-io/gloo-ee-fips', tag: '1.17.0' }],
  [`quay.io/solo-io/gloo@sha256:${D64}`, { registry: 'quay.io', repository: 'solo-io/gloo', digest: `sha256:${D64}` }],
  [`quay.io/solo-io/gloo:1.17.0@sha512:${D128}`, { registry: 'quay.io', repository: 'solo-io/gloo', tag: '1.17.0', digest: `sha512:${D128}` }],
  ['localhost/gloo', { registry: 'localhost', repository: 'gloo' }],
  ['localhost:5000/a/b/c:v1', { registry: 'localhost:5000', repository: 'a/b/c', tag: 'v1' }],
  ['localhost:5000', { repository: 'localhost', tag: '5000' }],
  ['192.168.1.10:5000/gloo', { registry: '192.168.1.10:5000', repository: 'gloo' }],
  ['[::1]:5000/gloo:x', { registry: '[::1]:5000', repository: 'gloo', tag: 'x' }],
  ['[2001:db8::1]/gloo', { registry: '[2001:db8::1]', repository: 'gloo' }],
  ['Registry.Example.com/gloo', { registry: 'Registry.Example.com', repository: 'gloo' }],
  ['my-registry.example.com:443/team/sub/app', { registry: 'my-registry.example.com:443', repository: 'team/sub/app' }],
  ['a/b__c/d.e/f-g/h---i', { repository: 'a/b__c/d.e/f-g/h---i' }],
  ['docker.io/library/redis:7.2.4-alpine', { registry: 'docker.io', repository: 'library/redis', tag: '7.2.4-alpine' }],
  ['gloo:_tag', { repository: 'gloo', tag: '_tag' }],
  // Go's optional domain: a first component that is not a domain is a path component
  ['a.b-c_d/e__f/g---h:v1.0_X-y.z', { repository: 'a.b-c_d/e__f/g---h', tag: 'v1.0_X-y.z' }],
  ['bad_host.example.com/gloo', { repository: 'bad_host.example.com/gloo' }],
  // the 255-character limit counts the path after the domain, not the domain
  [`quay.io/${'a'.repeat(255)}`, { registry: 'quay.io', repository: 'a'.repeat(255) }],
  // Go bounds neither domain components nor ports, and takes any hex and colons between brackets
  [`${'h'.repeat(100)}.io:9999999/x`, { registry: `${'h'.repeat(100)}.io:9999999`, repository: 'x' }],
  ['[a]/x', { registry: '[a]', repository: 'x' }],
  ['[::ffff]:1/x', { registry: '[::ffff]:1', repository: 'x' }],
  [`gloo:${'t'.repeat(128)}`, { repository: 'gloo', tag: 't'.repeat(128) }],
];

test.each(valid)('%s parses', (ref, want) => {
  expect(parseImageReference(ref)).toEqual(want);
  expect(formatImageReference(parseImageReference(ref))).toBe(ref);
});

const invalid: Array<[string, string]> = [
  ['', 'REFERENCE_EMPTY'],
  [':1.0', 'REFERENCE_INVALID_FORMAT'],
  ['quay.io/solo-io/Gloo', 'REFERENCE_NAME_NOT_LOWERCASE'],
  ['quay.io//gloo:1.17.0', 'REFERENCE_INVALID_FORMAT'],
  ['/gloo:1.17.0', 'REFERENCE_INVALID_FORMAT'],
  ['quay.io/solo-io/:1.17.0', 'REFERENCE_INVALID_FORMAT'],
  ['%!s(<nil>)/gloo:1.17.0', 'REFERENCE_INVALID_FORMAT'],
  ['quay.io/solo-io/gloo:%!s(float64=1.1)-distroless', 'REFERENCE_INVALID_TAG'],
  ['gloo:', 'REFERENCE_INVALID_TAG'],
  ['gloo:-x', 'REFERENCE_INVALID_TAG'],
  ['gloo:.x', 'REFERENCE_INVALID_TAG'],
  [`gloo:${'t'.repeat(129)}`, 'REFERENCE_INVALID_TAG'],
  ['gloo-ee:slandow/gloo-ee:authz-perf', 'REFERENCE_INVALID_DOMAIN'],
  ['gloo@sha256:abc', 'REFERENCE_INVALID_DIGEST'],
  [`gloo@sha256:${'A'.repeat(64)}`, 'REFERENCE_INVALID_DIGEST'],
  [`gloo@sha256:${D128}`, 'REFERENCE_INVALID_DIGEST'],
  [`gloo@md5:${'a'.repeat(32)}`, 'REFERENCE_UNSUPPORTED_DIGEST'],
  ['gloo@', 'REFERENCE_INVALID_DIGEST'],
  ['-gloo', 'REFERENCE_INVALID_FORMAT'],
  ['gloo-', 'REFERENCE_INVALID_FORMAT'],
  ['gl..oo', 'REFERENCE_INVALID_FORMAT'],
  ['bad_host.example.com:5000/gloo', 'REFERENCE_INVALID_DOMAIN'],
  ['[::1/gloo', 'REFERENCE_INVALID_DOMAIN'],
  ['[::1]', 'REFERENCE_INVALID_TAG'],
  ['[fe80::1%eth0]/gloo', 'REFERENCE_INVALID_DOMAIN'],
  ['Gloo:V1', 'REFERENCE_NAME_NOT_LOWERCASE'],
  ['\u212aube/x', 'REFERENCE_NAME_NOT_LOWERCASE'],
  [`x_y/${'a'.repeat(252)}`, 'REFERENCE_NAME_TOO_LONG'],
  [`gloo@SHA256:${D64}`, 'REFERENCE_INVALID_DIGEST'],
  [`gloo@constructor:${D64}`, 'REFERENCE_UNSUPPORTED_DIGEST'],
  ['-bad.example.com/gloo', 'REFERENCE_INVALID_DOMAIN'],
  ['example.com:port/gloo', 'REFERENCE_INVALID_DOMAIN'],
  [`${'a'.repeat(256)}`, 'REFERENCE_NAME_TOO_LONG'],
  ['a'.repeat(20000), 'REFERENCE_TOO_LONG'],
  [`${'a-'.repeat(10000)}@`, 'REFERENCE_TOO_LONG'],
];

test.each(invalid)('%s is refused with %s', (ref, code) => {
  let err: unknown;
  try {
    parseImageReference(ref);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ImageReferenceError);
  expect((err as ImageReferenceError).code).toBe(code);
  expect(tryParseImageReference(ref)).toBeUndefined();
});

test('hostile strings within the length limit finish (no backtracking blow-up)', () => {
  // near-miss patterns that make naive nested quantifiers backtrack exponentially
  const near = [
    `${'a-'.repeat(700)}/x!`, `${'a.'.repeat(700)}-/x`, `[${':'.repeat(1400)}/x`, `x@a${'-a'.repeat(700)}:`,'a' + '-'.repeat(200) + '!', 'a.'.repeat(120) + '-', 'a__'.repeat(80) + 'A', `${'a'.repeat(60)}.`.repeat(4) + '/', 'x/'.repeat(127) + '!'];
  for (const s of near) expect(tryParseImageReference(s)).toBeUndefined();
});

test.each([
  ['redis', { registry: 'docker.io', repository: 'library/redis' }],
  ['grafana/grafana:10.4.1', { registry: 'docker.io', repository: 'grafana/grafana', tag: '10.4.1' }],
  ['index.docker.io/redis:7', { registry: 'docker.io', repository: 'library/redis', tag: '7' }],
  ['quay.io/prometheus/prometheus:v2.52.0', { registry: 'quay.io', repository: 'prometheus/prometheus', tag: 'v2.52.0' }],
])('normalize %s', (ref, want) => {
  expect(normalizeImageReference(ref)).toEqual(want);
});
