// Every `kind: "schema"` case of the reference (recorded with the real Helm 3.17.1 and 4.1.4): the chart's
// values.schema.json judged by validateValues as that Helm judges it. Helm prints the failing lines in an
// unstable order, so the block is compared line by line; the cases pin the lines (or parts of lines) Helm printed.
import { loadValues } from '../../src/index';
import { judgeChartSchema } from '../../src/validate/helm-schema';
import { validateValues } from '../../src/validate/validate';
import { caseInput, readCases, type RefCase } from '../helpers/cases';

/** What Helm prints under `c:` for the case, as validateValues reproduces it. */
function block(c: RefCase, helm: 3 | 4): { ok: boolean; text: string } {
  const loaded = loadValues(caseInput(withoutSkip(c), helm));
  const r = judgeChartSchema(loaded.values, c.schema!, helm);
  const warn = (r.warnings ?? []).map((w) => w + '\n').join('');
  if (r.schemaError !== undefined) return { ok: false, text: `${warn}c:\n${r.schemaError}\n` };
  if (r.failures.length === 0) return { ok: true, text: warn };
  return { ok: false, text: `${warn}c:\n${r.failures.map((f) => f.text).join('\n')}\n` };
}

/** --skip-schema-validation is the caller's choice (it does not pass `schema`); the case is judged without it. */
function withoutSkip(c: RefCase): RefCase {
  return { ...c, extraArgs: (c.extraArgs ?? []).filter((a) => a !== '--skip-schema-validation') };
}

describe.each([
  ['helm-cases.json', 3],
  ['helm4-cases.json', 4],
] as const)('%s, chart schemas judged as Helm %i', (file, helm) => {
  const cases = readCases(file).filter((c) => c.kind === 'schema');
  test('covers every schema case', () => {
    expect(cases.length).toBe(helm === 3 ? 36 : 69);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = block(c, helm);
    if ((c.extraArgs ?? []).includes('--skip-schema-validation')) {
      // Helm skipped a schema that rejects the values (a: 5 against type string): without the flag it fails
      expect(got.ok).toBe(false);
      return;
    }
    if (c.expectError === undefined) {
      expect(got.ok).toBe(true);
      for (const piece of c.expectStderr ?? []) for (const line of piece.split('\n').filter((l) => l.startsWith('level=WARN'))) expect(got.text).toContain(line);
      return;
    }
    expect(got.ok).toBe(false);
    const expected = c.expectError.replace(/^Error: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\n/, '');
    expect(got.text).toContain(expected.trimEnd());
    for (const piece of c.expectStderr ?? []) {
      for (const line of piece.split('\n').filter((l) => l.trim() !== '')) expect(got.text).toContain(line);
    }
    // the same verdict through the public API, as a diagnostic with Helm's line
    const v = validateValues(loadValues(caseInput(withoutSkip(c), helm)), { schema: c.schema!, helmVersion: helm, profile: 'gloo' });
    expect(v.diagnostics.some((d) => d.code.startsWith('chart-schema'))).toBe(true);
  });
});
