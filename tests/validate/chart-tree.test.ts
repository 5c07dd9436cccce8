// Values loaded from a whole chart are checked against every enabled chart's own values.schema.json, each with
// its own view of the values (a subchart's includes `global`), as Helm does (reference §4.14): the reference's
// `subchart` cases that carry schemas, charts written by the reference's own writer, in Helm 3 and Helm 4 mode.
import path from 'node:path';
import { loadValues, validateValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { caseInput, readCases } from '../helpers/cases';

const CHARTS = path.resolve(__dirname, '..', '..', '.cache', 'case-charts');

describe.each([
  ['helm-cases.json', 3],
  ['helm4-cases.json', 4],
] as const)('%s', (file, helm) => {
  const cases = readCases(file).filter((c) => c.kind === 'subchart' && (c.schema !== undefined || (c.subcharts ?? []).some((s) => s.schema !== undefined)));
  test('there are such cases', () => expect(cases.length).toBe(3));
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const input = caseInput(c, helm);
    delete input.chartValues;
    delete input.subcharts;
    delete input.chartName;
    const chart = await loadChart(path.join(CHARTS, file.replace('.json', ''), c.name, 'c'), { helmVersion: helm });
    const loaded = loadValues({ ...input, chart });
    const found = validateValues(loaded, { chart, helmVersion: helm, profile: 'gloo' }).diagnostics.filter((d) => d.code === 'chart-schema');
    // Helm groups the lines per chart (`c:` then `sub:`); a subchart's finding is at its values path
    const expected = [c.expectError ?? '', ...(c.expectStderr ?? [])].join('\n').split('\n').reduce<{ chart: string; lines: string[] }>(
      (acc, line) => {
        if (/^[a-z]+:$/.test(line)) acc.chart = line.slice(0, -1);
        else if (line.startsWith('- ') && line.includes(': ')) acc.lines.push(`${acc.chart === 'c' ? '' : `${acc.chart} `}${line}`);
        return acc;
      },
      { chart: '', lines: [] },
    ).lines;
    const got = found.map((d) => `${d.path.startsWith('sub') && d.message.includes('sub subchart') ? 'sub ' : ''}${d.helmOutput}`);
    expect(got.sort()).toEqual([...new Set(expected)].sort());
  });
});
