// The API boundary (issue 13, defect 5): validateValues never throws, whatever the values or the options;
// resolveImages throws only its typed errors (ResolveError with a stable code, ValuesError for values Helm refuses).
import { loadValues, resolveImages, ResolveError, validateValues, ValuesError } from '../../src/index';

const file = (text: string) => loadValues({ valuesFiles: [{ name: 'a.yaml', text }] });

describe('validateValues never throws: a diagnostic at the value instead', () => {
  const deep = (n: number) => {
    const root: Record<string, unknown> = {};
    let cur = root;
    for (let i = 1; i < n; i++) cur = (cur.a = {}) as Record<string, unknown>;
    return root;
  };
  const rows: Array<[string, () => unknown, Record<string, unknown>, string | undefined, string | undefined]> = [
    // [name, values, options, code expected (undefined: none of severity error), path]
    ['gloo-ee values `gloo: x`', () => file('gloo: x\n'), { profile: 'gloo-ee' }, 'SUBCHART_TYPE_MISMATCH', 'gloo'],
    ['gloo-ee values `grafana: true`', () => file('grafana: true\n'), { profile: 'gloo-ee' }, 'SUBCHART_TYPE_MISMATCH', 'grafana'],
    ['a JavaScript undefined value (dropped, as JSON drops it)', () => ({ a: undefined, global: { image: { variant: undefined } } }), {}, undefined, undefined],
    ['values nested exactly 1,000 deep', () => deep(1000), {}, undefined, undefined],
    ['values nested 1,001 deep', () => deep(1002), {}, 'values-too-deep', ''],
    ['options that are not an object', () => ({}), 5 as never, 'invalid-option', ''],
    ['chartVersion true', () => ({}), { chartVersion: true }, 'invalid-option', ''],
    ['chartVersion 1.17 (a number)', () => ({}), { chartVersion: 1.17 }, 'invalid-option', ''],
    ['chartVersion past uint64', () => ({}), { chartVersion: '999999999999999999990' }, 'chart-version-invalid', ''],
    ['dependencyVersions { gloo: 5 }', () => ({}), { profile: 'gloo-ee', dependencyVersions: { gloo: 5 } }, 'invalid-option', ''],
    ["dependencyVersions { gloo: '1.0.0' }", () => ({}), { profile: 'gloo-ee', dependencyVersions: { gloo: '1.0.0' } }, 'chart-version-unsupported', ''],
    ['profile 5', () => ({}), { profile: 5 }, 'invalid-option', ''],
    ['a null gateway proxy', () => file('gatewayProxies:\n  proxy2:\n'), { chartVersion: '1.17.0' }, 'render-failed', 'gatewayProxies.proxy2'],
  ];
  test.each(rows)('%s', (_n, values, options, code, path) => {
    let r: ReturnType<typeof validateValues> | undefined;
    expect(() => (r = validateValues(values() as never, options as never))).not.toThrow();
    const errors = r!.diagnostics.filter((d) => d.severity === 'error');
    if (code === undefined) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors.map((d) => d.code)).toContain(code);
    expect(errors.find((d) => d.code === code)!.path).toBe(path);
    expect(r!.valid).toBe(false);
  });
  test('a value Helm refuses is located where it is written', () => {
    const d = validateValues(file('gloo: x\n'), { profile: 'gloo-ee' }).diagnostics[0]!;
    expect(d.location).toEqual({ file: 'a.yaml', line: 1, column: 7 });
  });
});

describe('resolveImages throws only typed errors', () => {
  const rows: Array<[string, () => unknown, Record<string, unknown>, string]> = [
    ['a null gateway proxy (helm template fails: nil pointer)', () => file('gatewayProxies:\n  proxy2:\n'), {}, 'render-failed'],
    ['chartVersion true', () => ({}), { chartVersion: true }, 'invalid-option'],
    ['chartVersion 1.17', () => ({}), { chartVersion: 1.17 }, 'invalid-option'],
    ['chartVersion {}', () => ({}), { chartVersion: {} }, 'invalid-option'],
    ['chartVersion null', () => ({}), { chartVersion: null }, 'invalid-option'],
    ['chartVersion past uint64', () => ({}), { chartVersion: '999999999999999999990' }, 'chart-version-invalid'],
    ['dependencyVersions { gloo: 5 }', () => ({}), { profile: 'gloo-ee', dependencyVersions: { gloo: 5 } }, 'invalid-option'],
    ['profile 5', () => ({}), { profile: 5 }, 'invalid-option'],
    ["dependencyVersions { gloo: '1.0.0' }", () => ({}), { profile: 'gloo-ee', dependencyVersions: { gloo: '1.0.0' } }, 'chart-version-unsupported'],
    ['releaseName 5', () => ({}), { releaseName: 5 }, 'invalid-option'],
  ];
  test.each(rows)('%s', (_n, values, options, code) => {
    let err: unknown;
    try {
      resolveImages(values() as never, options as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResolveError);
    expect((err as ResolveError).code).toBe(code);
  });
  test('a null proxy names the entry at fault', () => {
    expect(() => resolveImages(file('gatewayProxies:\n  proxy2:\n'))).toThrow(
      expect.objectContaining({ path: 'gatewayProxies.proxy2', message: expect.stringMatching(/nil pointer evaluating interface \{\}/) as unknown }),
    );
  });
  test('values Helm refuses are a ValuesError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => resolveImages(cyclic)).toThrow(ValuesError);
  });
});
