// Every `subchart` reference case through loadChart + loadValues({ chart }), with the chart written by the
// reference's own writeCaseChart (tests/helpers/write-case-charts.mjs), in Helm 3 and Helm 4 mode.
import path from 'node:path';
import { loadValues, type LoadedValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { canon, caseInput, readCases, valuesErrorOf, type RefCase } from '../helpers/cases';

const CHARTS = path.resolve(__dirname, '..', '..', '.cache', 'case-charts');

/** The two cases whose expected error comes from a subchart's values.schema.json belong to the validator. */
const schemaErrorCase = (c: RefCase) => c.expectError !== undefined && (c.subcharts ?? []).some((s) => s.schema !== undefined);

async function run(c: RefCase, file: string, version: 3 | 4): Promise<void> {
  const input = caseInput(c, version);
  delete input.chartValues;
  delete input.subcharts;
  delete input.chartName;
  const dir = path.join(CHARTS, file.replace('.json', ''), c.name, 'c');
  let loaded: LoadedValues | undefined;
  let error: unknown;
  try {
    const chart = await loadChart(dir, { helmVersion: version });
    loaded = loadValues({ ...input, chart });
  } catch (e) {
    error = e;
  }
  if (c.expectError !== undefined) {
    const err = valuesErrorOf(() => {
      if (error) throw error;
    });
    expect(c.expectError.replace(/^Error: /, '')).toContain(err.message);
    return;
  }
  if (error) throw error;
  const r = loaded!;
  if (c.expectRaw !== undefined) expect(r.toJson()).toBe(c.expectRaw);
  if (c.expect !== undefined && c.expectRaw === undefined) expect(canon(r.values)).toEqual(canon(c.expect));
  if (c.expectSub !== undefined) {
    // the cases key each subchart by its printed name (the alias, or the chart name); ours by values path
    const byName: Record<string, unknown> = {};
    for (const [p, v] of Object.entries(r.subcharts)) {
      const name = p.split('.').pop()!;
      if (name in c.expectSub) byName[name] = v;
    }
    expect(canon(byName)).toEqual(canon(c.expectSub));
  }
  const stderr = r.warnings.map((w) => w.helmOutput ?? '').join('\n') + '\n';
  for (const s of c.expectStderr ?? []) {
    for (const line of s.split('\n').filter((l) => l !== '' && !l.startsWith('level=DEBUG'))) expect(stderr).toContain(line);
  }
}

describe.each([
  ['helm-cases.json', 3],
  ['helm4-cases.json', 4],
] as const)('%s with helmVersion %i', (file, version) => {
  const cases = readCases(file).filter((c) => c.kind === 'subchart' && !schemaErrorCase(c));
  test('covers the subchart cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => run(c, file, version));
});
