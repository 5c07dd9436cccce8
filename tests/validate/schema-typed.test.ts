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
