// The full typed values schema (valuesSchema(profile, { chartVersion, strictKeys }), CLI `schema --chart-version
// V [--strict-keys]`): every chart's own defaults pass it, in both Helms' judgement, and the same mistakes fail. The
// real Helm 3.17.1 and 4.1.4 verdicts are recorded in tests/validate/recorded/schema-helm-typed.json
// (`node scripts/record-schema-helm.mjs --only typed`, `--check` to compare); the emulation gives the same lines.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues, valuesSchema } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';

const CHARTS: Array<['gloo' | 'gloo-ee', string, string]> = [
  ['gloo', '1.16.27', 'charts/gloo-v1.16.27'],
  ['gloo', '1.17.0', 'charts/gloo-v1.17.0'],
  ['gloo', '1.18.40', 'charts/gloo-v1.18.40'],
  ['gloo', '1.19.10', 'charts/gloo-v1.19.10'],
  ['gloo', '1.21.12', 'charts/gloo-v1.21.12'],
  ['gloo', '1.22.1', 'charts/gloo-main'],
  ['gloo-ee', '1.0.0-ci1', 'gloo-ee/charts/1.0.0-ci1'],
  ['gloo-ee', '1.16.2', 'gloo-ee/charts/1.16.2'],
  ['gloo-ee', '1.17.0', 'gloo-ee/charts/1.17.0'],
];

describe.each(CHARTS)('%s %s', (profile, version, dir) => {
  test.each([false, true])('strictKeys %s: the chart\'s own defaults pass in Helm 3 and Helm 4 judgement', async (strictKeys) => {
    const schema = valuesSchema(profile, { chartVersion: version, strictKeys });
    for (const helmVersion of [3, 4] as const) {
      let loaded;
      if (profile === 'gloo') {
        const text = new Uint8Array(fs.readFileSync(path.join(SHARED, dir, 'values.yaml')));
        loaded = loadValues({ chartValues: { name: 'values.yaml', text }, helmVersion });
      } else {
        const chart = await loadChart(path.join(SHARED, dir), { helmVersion });
        loaded = loadValues({ chart, set: ['license_key=x'], helmVersion });
      }
      const ds = validateValues(loaded, { schema, helmVersion, profile: 'generic' }).diagnostics.filter((d) => d.code.startsWith('chart-schema'));
      expect(ds.map((d) => d.helmOutput ?? d.message)).toEqual([]);
    }
  });
});

interface TypedCase {
  chart: string;
  strictKeys: boolean;
  name: string;
  helm: 3 | 4;
  file: string;
  exit: number;
  lines: string[];
  refused: 'none' | 'both' | 'strict';
}
const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'schema-helm-typed.json'), 'utf8')) as { cases: TypedCase[] };

test('the recording covers every chart, both strictness levels and both Helms', () => {
  expect(recorded.cases).toHaveLength(CHARTS.length * 2 * 8 * 2);
});

describe('the real Helms accept each chart\'s defaults and refuse the same mistakes; the emulation prints the same lines', () => {
  const charts = new Map<string, Awaited<ReturnType<typeof loadChart>>>();
  test.each(recorded.cases.map((c) => [`${c.chart} strict ${c.strictKeys} helm ${c.helm}: ${c.name}`, c] as const))('%s', async (_n, c) => {
    const refused = c.refused === 'both' || (c.refused === 'strict' && c.strictKeys);
    expect(c.exit === 0).toBe(!refused);
    const [profile, version] = c.chart.split(' ') as ['gloo' | 'gloo-ee', string];
    const dir = CHARTS.find(([p, v]) => p === profile && v === version)![2];
    const schema = valuesSchema(profile, { chartVersion: version, strictKeys: c.strictKeys });
    const file = c.file ? [{ name: 'f.yaml', text: profile === 'gloo-ee' ? `gloo:\n${c.file.replace(/^/gm, '  ').replace(/ +$/, '')}` : c.file }] : [];
    let loaded;
    if (profile === 'gloo') {
      const text = new Uint8Array(fs.readFileSync(path.join(SHARED, dir, 'values.yaml')));
      loaded = loadValues({ chartValues: { name: 'values.yaml', text }, valuesFiles: file, helmVersion: c.helm });
    } else {
      const key = `${dir} ${c.helm}`;
      if (!charts.has(key)) charts.set(key, await loadChart(path.join(SHARED, dir), { helmVersion: c.helm }));
      loaded = loadValues({ chart: charts.get(key)!, valuesFiles: file, set: ['license_key=x'], helmVersion: c.helm });
    }
    const lines = validateValues(loaded, { schema, helmVersion: c.helm, profile: 'generic' })
      .diagnostics.filter((d) => d.code.startsWith('chart-schema'))
      .map((d) => d.helmOutput ?? d.message);
    expect([...new Set(lines)].sort()).toEqual(c.lines);
  });
});
