// The generations of the Gloo chart's image helper, on the cases of ../shared/reference/gloo-chart-images.md.
import { glooImage, type HelperRules } from '../../src/images/gloo-helpers';
import { mergeOverwrite, sprigMerge, TemplateError } from '../../src/images/go-template';
import { GoInt, newMap, type GoMap, type Val } from '../../src/values/model';

const FIPS = ['gloo-ee', 'extauth-ee', 'gloo-ee-envoy-wrapper', 'rate-limit-ee', 'discovery-ee', 'sds-ee'];
const DISTROLESS = ['gloo', 'gloo-envoy-wrapper', 'discovery', 'sds', 'certgen', 'kubectl', 'access-logger', 'ingress', 'gloo-ee', 'extauth-ee', 'gloo-ee-envoy-wrapper', 'rate-limit-ee', 'discovery-ee', 'sds-ee', 'observability-ee', 'caching-ee'];
const current: HelperRules = { helper: 'split', fipsRepositories: [...FIPS, 'certgen'], distrolessRepositories: DISTROLESS, disableDigest: true };
const v1_19_10: HelperRules = { ...current, fipsRepositories: FIPS };
const v1_17_10: HelperRules = { helper: 'per-variant-digest', fipsRepositories: FIPS, distrolessRepositories: DISTROLESS, disableDigest: false };
const v1_17_0: HelperRules = { helper: 'first-variant', fipsRepositories: FIPS, distrolessRepositories: DISTROLESS, disableDigest: false };
const v1_16: HelperRules = { helper: 'fips-bool', fipsRepositories: FIPS, distrolessRepositories: [], disableDigest: false };

/** A block as the template sees it after `merge block global.image`. */
function img(fields: Record<string, Val>): GoMap {
  const global = Object.assign(newMap(), { registry: 'quay.io/solo-io', pullPolicy: 'IfNotPresent', disableDigest: false });
  return sprigMerge(Object.assign(newMap(), fields), global);
}

const D = 'sha256:' + 'd'.repeat(64);
const F = 'sha256:' + 'f'.repeat(64);
const DL = 'sha256:' + '1'.repeat(64);
const FDL = 'sha256:' + '2'.repeat(64);
const digests = { digest: D, fipsDigest: F, distrolessDigest: DL, fipsDistrolessDigest: FDL };

test.each<[string, HelperRules, Record<string, Val>, string]>([
  ['standard', current, { repository: 'gloo', tag: '1.17.0' }, 'quay.io/solo-io/gloo:1.17.0'],
  ['distroless', current, { repository: 'gloo', tag: '1.17.0', variant: 'distroless' }, 'quay.io/solo-io/gloo:1.17.0-distroless'],
  ['fips leaves OSS gloo alone', current, { repository: 'gloo', tag: '1.17.0', variant: 'fips' }, 'quay.io/solo-io/gloo:1.17.0'],
  ['fips certgen (current)', current, { repository: 'certgen', tag: '1.17.0', variant: 'fips' }, 'quay.io/solo-io/certgen-fips:1.17.0'],
  ['fips certgen (1.19.10: not listed)', v1_19_10, { repository: 'certgen', tag: '1.17.0', variant: 'fips' }, 'quay.io/solo-io/certgen:1.17.0'],
  ['fips-distroless certgen', current, { repository: 'certgen', tag: '1.17.0', variant: 'fips-distroless' }, 'quay.io/solo-io/certgen-fips:1.17.0-distroless'],
  ['digests per variant: distroless', current, { repository: 'gloo', tag: 'v', variant: 'distroless', ...digests }, `quay.io/solo-io/gloo:v-distroless@${DL}`],
  ['digests per variant: fips-distroless', current, { repository: 'gloo-ee', tag: 'v', variant: 'fips-distroless', ...digests }, `quay.io/solo-io/gloo-ee-fips:v-distroless@${FDL}`],
  ['standard digest dropped under fips', current, { repository: 'gloo', tag: 'v', variant: 'fips', digest: D }, 'quay.io/solo-io/gloo:v'],
  ['fips bool beats the variant for the digest', current, { repository: 'gloo', tag: 'v', variant: 'distroless', fips: true, ...digests }, `quay.io/solo-io/gloo:v-distroless@${F}`],
  ['unknown variant is standard', current, { repository: 'gloo', tag: 'v', variant: 'Distroless', ...digests }, `quay.io/solo-io/gloo:v@${D}`],
  ['disableDigest', current, { repository: 'gloo', tag: 'v', disableDigest: true, ...digests }, 'quay.io/solo-io/gloo:v'],
  ['numeric tag from a file', current, { repository: 'gloo', tag: 1.1 }, 'quay.io/solo-io/gloo:1.1'],
  ['numeric tag with distroless', current, { repository: 'gloo', tag: 1.1, variant: 'distroless' }, 'quay.io/solo-io/gloo:%!s(float64=1.1)-distroless'],
  ['--set tag=110 with distroless', current, { repository: 'gloo', tag: new GoInt(110n), variant: 'distroless' }, 'quay.io/solo-io/gloo:%!s(int64=110)-distroless'],
  ['empty tag', current, { repository: 'gloo', tag: '', variant: 'distroless' }, 'quay.io/solo-io/gloo'],
  ['tag 0 is dropped', current, { repository: 'gloo', tag: 0 }, 'quay.io/solo-io/gloo'],
  ['double suffix', current, { repository: 'gloo', tag: '1.17.0-distroless', variant: 'distroless' }, 'quay.io/solo-io/gloo:1.17.0-distroless-distroless'],
  ['empty registry', current, { registry: '', repository: 'gloo', tag: 'v' }, 'quay.io/solo-io/gloo:v'],
  ['empty repository', current, { repository: '', tag: 'v' }, 'quay.io/solo-io/:v'],
  ['1.17.10 prints a numeric tag with %s', v1_17_10, { repository: 'gloo', tag: 1.1 }, 'quay.io/solo-io/gloo:%!s(float64=1.1)'],
  ['1.17.10 per-variant digest', v1_17_10, { repository: 'gloo', tag: 'v', variant: 'distroless', ...digests }, `quay.io/solo-io/gloo:v-distroless@${DL}`],
  ['1.17.0 always prints the tag', v1_17_0, { repository: 'gloo', tag: '', variant: 'distroless' }, 'quay.io/solo-io/gloo:-distroless'],
  ['1.17.0 null tag', v1_17_0, { repository: 'gloo', tag: null }, 'quay.io/solo-io/gloo:%!s(<nil>)'],
  ['1.17.0 standard digest whatever the variant', v1_17_0, { repository: 'gloo', tag: 'v', variant: 'fips', ...digests }, `quay.io/solo-io/gloo:v@${D}`],
  ['1.17.0 fips with fipsDigest forces -fips', v1_17_0, { repository: 'gloo', tag: 'v', fips: true, variant: 'distroless', ...digests }, `quay.io/solo-io/gloo-fips:v@${F}`],
  ['1.17.0 non-string variant renders standard', v1_17_0, { repository: 'gloo', tag: 'v', variant: 5 }, 'quay.io/solo-io/gloo:v'],
  ['1.16 tag printed plainly', v1_16, { repository: 'gloo', tag: 1.1 }, 'quay.io/solo-io/gloo:1.1'],
  ['1.16 tag 0', v1_16, { repository: 'gloo', tag: 0 }, 'quay.io/solo-io/gloo:0'],
  ['1.16 fips + fipsDigest', v1_16, { repository: 'gloo', tag: 'v', fips: true, fipsDigest: F }, `quay.io/solo-io/gloo-fips:v@${F}`],
  ['1.16 fips on an EE repository', v1_16, { repository: 'gloo-ee', tag: 'v', fips: true, digest: D }, `quay.io/solo-io/gloo-ee-fips:v@${D}`],
  ['1.16 ignores variants', v1_16, { repository: 'gloo', tag: 'v', variant: 'distroless' }, 'quay.io/solo-io/gloo:v'],
  ['1.16 extended', v1_16, { repository: 'gloo', tag: 'v', extended: true }, 'quay.io/solo-io/gloo:v-extended'],
])('%s', (_name, rules, fields, want) => {
  expect(glooImage(img(fields), rules)).toBe(want);
});

test('the registry given to a component cannot be blanked: merge refills it', () => {
  expect(glooImage(img({ registry: '', repository: 'gloo', tag: 'v' }), current)).toBe('quay.io/solo-io/gloo:v');
});

test('registry removed (null global) prints Go nil', () => {
  const block = Object.assign(newMap(), { repository: 'gloo', tag: 'v' });
  expect(glooImage(block, current)).toBe('%!s(<nil>)/gloo:v');
});

test.each<[string, HelperRules, Record<string, Val>, string]>([
  ['a number variant (current)', current, { repository: 'gloo', tag: 'v', variant: 5 }, 'incompatible types for comparison'],
  ['a bool variant (1.17.10)', v1_17_10, { repository: 'gloo', tag: 'v', variant: true }, 'incompatible types for comparison'],
  ['1.16: fips given as the string "false" on an EE repository', v1_16, { repository: 'gloo-ee', tag: 'v', fips: 'false' }, 'expected bool; got string'],
])('render error: %s', (_n, rules, fields, text) => {
  expect(() => glooImage(img(fields), rules)).toThrow(TemplateError);
  expect(() => glooImage(img(fields), rules)).toThrow(text);
});

test('a number variant renders standard under disableDigest (current) and with fips: true (short-circuit)', () => {
  expect(glooImage(img({ repository: 'gloo', tag: 'v', variant: 5, disableDigest: true }), current)).toBe('quay.io/solo-io/gloo:v');
  expect(glooImage(img({ repository: 'gloo', tag: 'v', variant: 5, fips: true }), current)).toBe('quay.io/solo-io/gloo:v');
});

test('sprig merge and mergeOverwrite (reference section 6 cases)', () => {
  const comp = Object.assign(newMap(), { registry: '', repository: 'crepo', tag: null, pullPolicy: 'IfNotPresent', flag: false, num: 0, nested: Object.assign(newMap(), { a: 0, c: 3 }), list: [] });
  const global = Object.assign(newMap(), { registry: 'docker.io', repository: 'grepo', tag: 'gtag', pullPolicy: 'Always', flag: true, num: 5, nul: 'gnul', nested: Object.assign(newMap(), { a: 1, b: 2 }), list: [1, 2], gonly: 'g' });
  const r = sprigMerge(comp, global);
  expect(r).toBe(comp);
  expect(JSON.parse(JSON.stringify(r))).toEqual({ flag: true, gonly: 'g', list: [1, 2], nested: { a: 1, b: 2, c: 3 }, nul: 'gnul', num: 5, pullPolicy: 'IfNotPresent', registry: 'docker.io', repository: 'crepo', tag: 'gtag' });
  const d1 = Object.assign(newMap(), { a: 1 });
  expect(JSON.parse(JSON.stringify(sprigMerge(d1, Object.assign(newMap(), { n: null, e: '' }))))).toEqual({ a: 1, e: '' });
  const d4 = Object.assign(newMap(), { m: null, k: Object.assign(newMap(), { x: 1 }), s: 'str' });
  const s2 = Object.assign(newMap(), { m: Object.assign(newMap(), { z: 1 }), k: 'scalar', s: Object.assign(newMap(), { q: 1 }) });
  expect(JSON.parse(JSON.stringify(mergeOverwrite(d4, s2)))).toEqual({ k: 'scalar', m: { z: 1 }, s: { q: 1 } });
  const d2 = Object.assign(newMap(), { m: null, k: Object.assign(newMap(), { x: 1 }), s: 'str' });
  expect(JSON.parse(JSON.stringify(sprigMerge(d2, s2)))).toEqual({ k: { x: 1 }, m: { z: 1 }, s: 'str' });
});
