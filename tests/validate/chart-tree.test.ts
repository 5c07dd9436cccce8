// Values loaded from a whole chart are checked against every enabled chart's own values.schema.json, each with
// its own view of the values (a subchart's includes `global`), as Helm does (reference §4.14): the reference's
// `subchart` cases that carry schemas, charts written by the reference's own writer, in Helm 3 and Helm 4 mode.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { caseInput, readCases, SHARED } from '../helpers/cases';

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

interface RecordedTree {
  name: string;
  chart: string;
  helm: 3 | 4;
  set: string[];
  exit: number;
  byChart: Record<string, string[]>;
}

// The reference's real gloo-ee chart trees, whose prometheus and alertmanager subcharts ship schemas, as the real
// Helm judged them (tests/validate/recorded/schema-helm-charts.json, scripts/record-schema-helm.mjs).
describe('real chart trees as recorded with Helm', () => {
  const trees = (JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'schema-helm-charts.json'), 'utf8')) as { cases: RecordedTree[] }).cases;
  test.each(trees.map((t) => [`${t.name} (Helm ${t.helm})`, t] as const))('%s', async (_n, t) => {
    const chart = await loadChart(path.join(SHARED, t.chart), { helmVersion: t.helm });
    const loaded = loadValues({ chart, set: t.set, helmVersion: t.helm });
    // values loaded from a chart remember it: no `chart` option needed, and giving it changes nothing
    const r = validateValues(loaded, { profile: 'gloo-ee', helmVersion: t.helm });
    expect(validateValues(loaded, { chart, profile: 'gloo-ee', helmVersion: t.helm }).diagnostics).toEqual(r.diagnostics);
    const byChart: Record<string, string[]> = {};
    for (const d of r.diagnostics.filter((x) => x.code === 'chart-schema')) {
      // the top chart's findings say "the chart's"; a subchart's name its values path, whose last key Helm prints
      const sub = /^the (\S+) subchart's/.exec(d.message)?.[1];
      const name = sub ? sub.split('.').pop()! : 'gloo-ee';
      (byChart[name] ??= []).push(d.helmOutput!);
      expect(d.location?.file).toBe('--set');
    }
    for (const k of Object.keys(byChart)) byChart[k]!.sort();
    expect(byChart).toEqual(t.byChart);
    expect(r.diagnostics.some((d) => d.code === 'chart-schema')).toBe(t.exit !== 0);
  });
});
