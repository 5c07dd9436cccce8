// A key sigs.k8s.io/yaml refuses (a null key) inside a value that a later duplicate key replaced never reaches
// it: Helm 3.17.1 and 4.1.4 accept the file (fuzz seed 20261204, yaml-20261204-172.0). The same key merged into
// a map that stays (`<<: *x`) is refused by both. Verdicts checked with the real binaries; the corpus case is in
// fuzz/findings/.
import { loadValues, ValuesError } from '../../src/index';

test.each([3, 4] as const)('Helm %s: a refused key in a replaced value is no error', (helmVersion) => {
  const loaded = loadValues({ valuesFiles: ['constructor:\n  a:\n    null: {a: 1}\nconstructor: 5\n'], helmVersion });
  expect(loaded.values).toEqual({ constructor: 5 });
});

test.each([3, 4] as const)('Helm %s: the same key merged into a map that stays is refused', (helmVersion) => {
  let err: unknown;
  try {
    loadValues({ valuesFiles: [{ name: 'v.yaml', text: 'a: &x {~: 1}\na: 2\nb: {<<: *x}\n' }], helmVersion });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValuesError);
  expect((err as ValuesError).code).toBe('YAML_INVALID_KEY');
  expect((err as ValuesError).message).toContain('unsupported map key of type: %!s(<nil>), key: <nil>, value: 1');
});
