// Several keys sigs.k8s.io/yaml refuses in one file: it walks each map in Go's random map order (each key before
// its value) and each list in order, and stops at the first refused key, so Helm names one of a set of candidates
// at random, never one inside a list element after the first that holds a refused key. Our message is one
// candidate and `alternatives` lists the others. The candidate sets below are what the real Helm 3.17.1 and 4.1.4
// printed over 30 runs each of the fuzz inputs (fuzz/findings/yaml-20261204-1.1, real-20261204-105.2): every
// answer seen is listed, and every listed answer was seen. Recorded single verdicts are in the differential
// corpus (yaml-parser-090..093).
import { loadValues, ValuesError } from '../../src/index';

function refusal(text: string, helmVersion: 3 | 4): ValuesError {
  try {
    loadValues({ valuesFiles: [{ name: 'f0.yaml', text }], helmVersion });
  } catch (e) {
    if (e instanceof ValuesError) return e;
    throw e;
  }
  throw new Error('accepted');
}

const tail = (m: string) => m.replace(/^.*error converting YAML to JSON: /, '');
const answers = (e: ValuesError) => [e.message, ...(e.alternatives ?? [])].map(tail).sort();
const nilKey = (value: string) => `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${value}`;

test.each([3, 4] as const)('Helm %s: of a list, only the first element holding a refused key is reached', (v) => {
  const e = refusal('~: top\nl:\n  - ~: x\n  - ~: y\n', v);
  expect(e.code).toBe('YAML_INVALID_KEY');
  expect(tail(e.message)).toBe(nilKey('"top"'));
  expect(answers(e)).toEqual([nilKey('"top"'), nilKey('"x"')].sort());
  // one candidate: no alternatives
  expect(refusal('l:\n  - k: 1\n  - ~: x\n  - ~: y\n', v).alternatives).toBeUndefined();
  expect(tail(refusal('l:\n  - [1, {~: x}]\n  - ~: y\n', v).message)).toBe(nilKey('"x"'));
});

test.each([3, 4] as const)('Helm %s: the fuzz inputs list exactly the answers Helm gave', (v) => {
  const a = refusal(
    'true:\n  global: no\n  enabled: {}\n  1.5:\n    -\n      -\n        - &a 9223372036854775807\n      - .5\n      -\n        __proto__: .5\n        ~: false\n        __proto__: []\n    - >-\n        line\n  hasOwnProperty: 08\nnull:\n  registry: 1_000\n  ~: {}\n  b:\n    true: {}\na: Distroless\n1.5: 1e3\n',
    v,
  );
  expect(answers(a)).toEqual(
    [nilKey('false'), nilKey('map[interface {}]interface {}{interface {}(nil):map[interface {}]interface {}{}, "b":map[interface {}]interface {}{true:map[interface {}]interface {}{}}, "registry":1000}')].sort(),
  );
  const b = refusal("global:\n  hasOwnProperty: {}\n  hasOwnProperty: 1e3\n  <<: []\n  é:\n    null: !!float 1\nenabled: 1.10\n~:\n  'k': &b 9223372036854775807\n  variant:\n    ~: 1_000\n", v);
  expect(answers(b)).toEqual([nilKey('1'), nilKey('map[interface {}]interface {}{"k":9223372036854775807, "variant":map[interface {}]interface {}{interface {}(nil):1000}}')].sort());
});

test.each([3, 4] as const)('Helm %s: a !!binary value prints as the string go-yaml decoded', (v) => {
  expect(tail(refusal('~:\n  true: !!binary aGk=\n', v).message)).toBe(nilKey('map[interface {}]interface {}{true:"hi"}'));
});

test.each([3, 4] as const)('Helm %s: `{}: x` is the document `{}` (go-yaml v2 forgets the key a flow collection starts)', (v) => {
  expect(loadValues({ valuesFiles: ['{}: "quoted"\n'], helmVersion: v }).values).toEqual({});
  expect(loadValues({ valuesFiles: ['{}: x\nk: 1\n'], helmVersion: v }).values).toEqual({});
  // Helm 4 reads the later documents of the file
  expect(loadValues({ valuesFiles: ['{}: "q"\n---\nb: 1\n'], helmVersion: v }).values).toEqual(v === 4 ? { b: 1 } : {});
  // as a key inside a block mapping it is still a key go-yaml refuses
  expect(refusal('? {}\n: 1\n', v).message).toContain('yaml: invalid map key: map[interface {}]interface {}{}');
});
