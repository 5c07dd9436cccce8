// One values file per diagnostic code (fixtures/validate/), validated as a user's -f file, with the exact
// findings expected: code, Helm dotted path, and line:column in the file. Info diagnostics (the assumed chart
// version) are left out; every error and warning is listed.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues } from '../../src/index';
import type { ValidateOptions } from '../../src/validate/validate';

const DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'validate');

/** [fixture, options, expected `severity code path line:column` rows] */
const TABLE: Array<[string, ValidateOptions, string[]]> = [
  ['variant-unknown', {}, ['error variant-unknown global.image.variant 4:14']],
  ['variant-case-mismatch', {}, ['error variant-case-mismatch global.image.variant 4:14']],
  ['variant-not-string', {}, ['error variant-not-string global.image.variant 4:14']],
  ['variant-component-empty', { chartVersion: '1.19.10' }, []],
  ['fips-deprecated', {}, ['error fips-enterprise-only global.image.fips 4:11', 'error fips-not-boolean global.image.fips 4:11', 'warning fips-deprecated global.image.fips 4:11']],
  ['fips-enterprise-only', {}, ['error fips-enterprise-only global.image.variant 4:14']],
  ['variant-unavailable-version', { chartVersion: '1.16.27' }, ['error variant-unavailable global.image.variant 4:14']],
  ['variant-unavailable-tag', { chartVersion: '1.19.10' }, ['error variant-unavailable gloo.deployment.image.tag 8:12']],
  [
    'variant-not-applied',
    { chartVersion: '1.17.0-beta13' },
    // one variant written in one place: one finding, naming the other images it does not reach
    ['warning variant-not-applied gateway.certGenJob.image 4:14'],
  ],
  ['digest-dropped', { chartVersion: '1.19.10' }, ['warning digest-dropped gloo.deployment.image.digest 8:15']],
  ['digest-ignored-by-disableDigest', { chartVersion: '1.19.10' }, ['warning digest-ignored-by-disableDigest gloo.deployment.image.digest 6:15']],
  ['disableDigest-unsupported', { chartVersion: '1.18.40' }, ['warning disableDigest-unsupported gloo.deployment.image.disableDigest 5:22']],
  ['tag-not-string', {}, ['error tag-not-string gloo.deployment.image.tag 5:12']],
  ['tag-double-suffix', { chartVersion: '1.19.10' }, ['error tag-double-suffix discovery.deployment.image.tag 8:12']],
  ['reference-invalid', { chartVersion: '1.19.10' }, ['error reference-invalid global.image.registry 4:15']],
  ['arch-unsupported', { chartVersion: '1.19.10' }, ['warning arch-unsupported gatewayProxies.gatewayProxy.podTemplate.nodeSelector 8:7']],
  ['pull-policy-invalid', {}, ['error pull-policy-invalid global.image.pullPolicy 4:17']],
  ['image-block-not-map', {}, ['error image-block-not-map gloo.deployment.image 4:12', 'error render-failed  -']],
  // the number prints as %!s(float64=5) in the reference, which is not valid YAML: the render fails too
  ['image-field-type', {}, ['error image-field-type gloo.deployment.image.registry 5:17', 'error render-failed  -']],
  // the typed values locate the cause: kind.deployment is a map the chart reads (a recorded break)
  ['render-failed', { chartVersion: '1.18.40' }, ['error render-failed  -', 'error value-type gatewayProxies.gatewayProxy.kind.deployment 5:19']],
  ['digest-stale', { profile: 'gloo-ee', chartVersion: '1.17.0' }, ['error digest-stale gloo.gloo.deployment.image.tag 7:14']],
  ['digest-stale-fixed', { profile: 'gloo-ee', chartVersion: '1.17.0' }, []],
  ['arch-unsupported-affinity', { chartVersion: '1.19.10' }, ['warning arch-unsupported gloo.deployment.affinity 7:5']],
  ['arch-amd64-allowed', { chartVersion: '1.19.10' }, []],
  ['chart-schema', { chartVersion: '1.19.10', schema: { type: 'object', properties: { replicas: { type: 'integer' } } } }, ['error chart-schema replicas 2:11']],
  ['chart-schema', { chartVersion: '1.19.10', helmVersion: 3, schema: '{"type": "object", "properties": {"replicas": {"type": "integer"}}' }, ['error chart-schema-invalid  -']],
  ['valid', { chartVersion: '1.19.10' }, []],
];

function row(d: { severity: string; code: string; path: string; location?: { line: number; column: number } }): string {
  return `${d.severity} ${d.code} ${d.path} ${d.location ? `${d.location.line}:${d.location.column}` : '-'}`;
}

describe('validateValues: one fixture per diagnostic code', () => {
  test.each(TABLE)('%s %j', (name, options, expected) => {
    const file = `${name}.yaml`;
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const loaded = loadValues({ valuesFiles: [{ name: file, text }] });
    const r = validateValues(loaded, options);
    const got = r.diagnostics.filter((d) => d.severity !== 'info').map(row).sort();
    expect(got).toEqual([...expected].sort());
    expect(r.valid).toBe(!expected.some((e) => e.startsWith('error')));
    for (const d of r.diagnostics) {
      if (d.location) expect(d.location.file).toBe(file);
      expect(d.message.length).toBeGreaterThan(20);
    }
  });
});

describe('near misses get a suggestion', () => {
  const SUGGEST: Array<[unknown, string | undefined, string]> = [
    ['Distroless', 'distroless', 'variant-case-mismatch'],
    ['FIPS', 'fips', 'variant-case-mismatch'],
    ['distroless-fips', 'fips-distroless', 'variant-unknown'],
    ['fips_distroless', 'fips-distroless', 'variant-unknown'],
    ['distroles', 'distroless', 'variant-unknown'],
    ['standart', 'standard', 'variant-unknown'],
    ['slim', undefined, 'variant-unknown'],
    ['', undefined, 'variant-unknown'],
    [true, undefined, 'variant-not-string'],
    [['distroless'], undefined, 'variant-not-string'],
  ];
  test.each(SUGGEST)('%j -> %s (%s)', (variant, suggestion, code) => {
    const r = validateValues({ global: { image: { variant } } }, { chartVersion: '1.19.10' });
    const d = r.diagnostics.find((x) => x.path === 'global.image.variant')!;
    expect(d.code).toBe(code);
    expect(d.pointer).toBe('/global/image/variant');
    expect(d.suggestion).toBe(suggestion);
    expect(r.valid).toBe(false);
  });
});

describe('defaults and the input', () => {
  const ROWS: Array<[Record<string, unknown>, unknown]> = [
    [{}, 'standard'],
    [{ global: {} }, 'standard'],
    [{ global: { image: { registry: 'r.example' } } }, 'standard'],
    [{ global: { image: { variant: 'distroless' } } }, 'distroless'],
    [{ global: { image: null } }, undefined],
  ];
  test.each(ROWS)('%j -> global.image.variant %j, input untouched', (values, variant) => {
    const before = JSON.stringify(values);
    const r = validateValues(values, { chartVersion: '1.19.10' });
    expect(JSON.stringify(values)).toBe(before);
    const g = r.values.global as { image?: { variant?: unknown } } | undefined;
    expect(g?.image?.variant).toBe(variant);
  });

  test('a LoadedValues is not mutated either, and a chart schema default is not applied', () => {
    const loaded = loadValues({ valuesFiles: [{ name: 'a.yaml', text: 'a: 1\n' }] });
    const before = JSON.stringify(loaded.values);
    const r = validateValues(loaded, { schema: { type: 'object', properties: { b: { type: 'string', default: 'x' } } } });
    expect(JSON.stringify(loaded.values)).toBe(before);
    expect(r.values.b).toBeUndefined();
  });

  test('bad arguments are diagnostics, not exceptions', () => {
    expect(validateValues({}, { profile: 'nope' }).diagnostics.map((d) => d.code)).toContain('profile-unknown');
    expect(validateValues({}, { chartVersion: 'banana' }).diagnostics.map((d) => d.code)).toContain('chart-version-invalid');
    expect(validateValues({}, { chartVersion: '1.2.0' }).diagnostics.map((d) => d.code)).toContain('chart-version-unsupported');
    expect(validateValues({}, { schema: '{"type":' }).diagnostics.map((d) => d.code)).toContain('chart-schema-invalid');
  });
});

describe('custom profiles', () => {
  const profile = {
    name: 'mychart',
    chart: 'mychart',
    globalImage: 'global.image',
    workloads: [{ kind: 'Deployment', name: 'app', containers: [{ name: 'app', image: 'app.image' }] }],
    fanOuts: [],
    imageFields: [],
  };
  const ROWS: Array<[Record<string, unknown>, string[]]> = [
    // a chart of one's own defines global.image itself (without it the chart's merge fails, and so does the resolver)
    [{ app: { image: { registry: 'r.example', repository: 'app', tag: '1.0.0' } } }, ['render-failed ']],
    [{ global: { image: {} }, app: { image: { registry: 'r.example', repository: 'app', tag: '1.0.0' } } }, []],
    [{ global: { image: { variant: 'Distroless' } }, app: { image: { registry: 'r.example', repository: 'app', tag: '1.0.0' } } }, ['variant-case-mismatch global.image.variant']],
    [{ global: { image: {} }, app: { image: { registry: 'r.example', repository: 'app', tag: 2 } } }, ['tag-not-string app.image.tag']],
  ];
  test.each(ROWS)('%j', (values, expected) => {
    const r = validateValues(values, { profile });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual(expected);
  });
});

describe('hostile input is a diagnostic, never a crash', () => {
  const deep = (): Record<string, unknown> => {
    const root: Record<string, unknown> = {};
    let v = root;
    for (let i = 0; i < 5000; i++) v = (v.a = {}) as Record<string, unknown>;
    return root;
  };
  const ROWS: Array<[string, () => unknown, Record<string, unknown>, string]> = [
    ['null', () => null, {}, 'values-not-a-map'],
    ['a list', () => [], {}, 'values-not-a-map'],
    ['a string', () => 'global.image.variant=fips', {}, 'values-not-a-map'],
    ['5000 levels', deep, {}, 'values-too-deep'],
    ['a schema that is a number', () => ({}), { schema: 5 }, 'chart-schema-invalid'],
    ['a schema that is null', () => ({}), { schema: null }, 'chart-schema-invalid'],
    ['a $ref to itself', () => ({ a: 1 }), { schema: { type: 'object', properties: { a: { $ref: '#/properties/a' } } } }, 'chart-schema-invalid'],
    ['__proto__ keys are data', () => JSON.parse('{"__proto__": {"x": 1}, "global": {"image": {"__proto__": {"variant": 1}, "variant": "Fips"}}}'), {}, 'variant-case-mismatch'],
  ];
  test.each(ROWS)('%s', (_n, make, options, code) => {
    const r = validateValues(make() as never, options as ValidateOptions);
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
    expect(r.valid).toBe(false);
  });
});

describe('hostile chart schemas', () => {
  const ROWS: Array<[string, string | object, string]> = [
    ['20000 nested arrays as text', '['.repeat(20000) + ']'.repeat(20000), 'exceeded max depth'],
    ['a schema 2000 levels deep', JSON.parse('{"properties":{"a":'.repeat(2000) + '{}' + '}}'.repeat(2000)) as object, 'nests deeper than 500'],
  ];
  test.each(ROWS)('%s', (_n, schema, text) => {
    const r = validateValues({}, { schema, chartVersion: '1.19.10' });
    const d = r.diagnostics.find((x) => x.code === 'chart-schema-invalid')!;
    expect(d.message).toContain(text);
  });
});
