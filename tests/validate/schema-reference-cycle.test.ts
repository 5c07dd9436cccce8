// A chart schema that applies itself to the same value without end (fuzz seed 20261213, chart-20261213-102:
// `{"$ref": "#"}` overflowed the stack inside ajv and escaped resolveImages as a RangeError). Helm 4.1.4 refuses
// with `both /$ref and  resolve to "file:///values.schema.json#" causing reference cycle`; Helm 3.17.1 dies with a
// Go stack overflow. Either way no install can pass: a schema error, typed, never an exception.
import { judgeChartSchema } from '../../src/validate/helm-schema';

test.each([3, 4] as const)('Helm %s: a schema that refers to itself is a schema error', (helm) => {
  for (const schema of [{ $ref: '#' }, { allOf: [{ $ref: '#' }] }, { $ref: '#/definitions/a', definitions: { a: { $ref: '#' } } }, { properties: { a: { $ref: '#/properties/a' } } }]) {
    const r = judgeChartSchema({ a: 1 }, schema, helm);
    expect(r.failures).toEqual([]);
    expect(r.schemaError).toMatch(helm === 4 ? /causing reference cycle/ : /stack overflow/);
  }
  // A known difference: a cycle of bare $refs that the value never reaches (`b -> b` under an absent `x`) is no error
  // to Helm 4 (checked with the binary), but ajv cannot compile it, so it is refused here too, typed
  const unreached = judgeChartSchema({ a: 1 }, { properties: { x: { $ref: '#/definitions/b' } }, definitions: { b: { $ref: '#/definitions/b' } } }, helm);
  expect(unreached.schemaError).toBe(judgeChartSchema({ a: 1 }, { $ref: '#' }, helm).schemaError);
});
