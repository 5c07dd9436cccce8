// validateValues copies loaded values from the loader's own tree (their plain `values` are made only when asked
// for): the copy, the depth refusal and the int64 notes must be what copying `values` gave.
import { loadValues, validateValues } from '../../src';

test('the validation copy of loaded values equals their values, with the default applied, and is a copy', () => {
  const loaded = loadValues({ chartValues: 'global:\n  image:\n    registry: quay.io/solo-io\ngloo:\n  deployment:\n    image: {tag: 1.10, list: [1, {a: null}]}\n', set: ['big=9007199254740993', 'n=7', '__proto__.x=1'] });
  const r = validateValues(loaded, { profile: 'gloo' });
  const expected = JSON.parse(JSON.stringify(loaded.values)) as { global: { image: Record<string, unknown> } };
  expected.global.image.variant = 'standard';
  expect(JSON.parse(JSON.stringify(r.values))).toEqual(expected);
  expect(Object.getPrototypeOf(r.values)).toBeNull();
  expect(Object.prototype.hasOwnProperty.call(r.values, '__proto__')).toBe(true);
  (r.values as { gloo: { deployment: { image: { list: unknown[] } } } }).gloo.deployment.image.list.push('changed');
  expect(loaded.values).toMatchObject({ gloo: { deployment: { image: { list: [1, { a: null }] } } } });
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test('an int64 a number cannot hold is noted among the warnings before values are read', () => {
  const loaded = loadValues({ set: ['big=9007199254740993', 'ok=12'] });
  expect(loaded.warnings.map((w) => w.code)).toEqual(['int64-precision']);
  expect(loaded.warnings[0]!.path).toBe('big');
  expect(loaded.values).toEqual({ big: 9007199254740992, ok: 12 });
  expect(loadValues({ set: ['ok=12'] }).warnings).toEqual([]);
});

test('loaded values nested past the limit are refused, just under it they are validated', () => {
  const nested = (levels: number) => `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;
  const over = validateValues(loadValues({ valuesFiles: [nested(1002)] }), { profile: 'gloo' });
  expect(over.diagnostics.map((d) => d.code)).toEqual(['values-too-deep']);
  expect(over.values).toEqual({});
  const under = validateValues(loadValues({ valuesFiles: [nested(1000)] }), { profile: 'gloo' });
  expect(under.diagnostics.map((d) => d.code)).not.toContain('values-too-deep');
  // the same values as plain data meet the same limit
  const plain = loadValues({ valuesFiles: [nested(1002)] }).values;
  expect(validateValues(plain, { profile: 'gloo' }).diagnostics.map((d) => d.code)).toEqual(['values-too-deep']);
  expect(validateValues(loadValues({ valuesFiles: [nested(1000)] }).values, { profile: 'gloo' }).diagnostics.map((d) => d.code)).not.toContain('values-too-deep');
});
