// The typed key tree of every gloo version (scripts/gen-gloo-value-types.mjs, from the gloo values reference at each
// release tag) never flags a chart's own defaults: each real gloo chart tree 1.16 to 1.22 and the three gloo-ee trees
// get no unknown-key and no value-type; the profiles' generated defaults of every epoch neither.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';
import { GLOO_VALUE_TYPES } from '../../src/profiles/gloo-value-types.data';
import { glooTypeTree } from '../../src/validate/value-types';
import { walkTypes } from '../../src/validate/rules/shapes';
import type { Val } from '../../src/values/model';
import * as yaml from 'js-yaml';

const NEW_CODES = new Set(['unknown-key', 'value-type']);
const row = (d: { severity: string; code: string; path: string; location?: { line: number; column: number } }) =>
  `${d.severity} ${d.code} ${d.path}${d.location ? ` ${d.location.line}:${d.location.column}` : ''}`;

export const GLOO_TREES: Array<[string, string]> = [
  ['gloo-v1.16.27', '1.16.27'],
  ['gloo-v1.17.0', '1.17.0'],
  ['gloo-v1.18.40', '1.18.40'],
  ['gloo-v1.19.10', '1.19.10'],
  ['gloo-v1.21.12', '1.21.12'],
  ['gloo-main', '1.22.1'],
];

describe('a gloo chart tree\'s own values.yaml gets no unknown-key or value-type', () => {
  test.each(GLOO_TREES)('%s as %s', (id, version) => {
    const text = new Uint8Array(fs.readFileSync(path.join(SHARED, 'charts', id, 'values.yaml')));
    const loaded = loadValues({ chartValues: { name: `${id}/values.yaml`, text } });
    const ds = validateValues(loaded, { profile: 'gloo', chartVersion: version }).diagnostics.filter((d) => NEW_CODES.has(d.code));
    expect(ds.map(row)).toEqual([]);
  });
});

describe('the gloo-ee trees\' own values get no unknown-key or value-type', () => {
  test.each(['1.0.0-ci1', '1.16.2', '1.17.0'])('gloo-ee %s', async (v) => {
    const chart = await loadChart(path.join(SHARED, 'gloo-ee', 'charts', v));
    const loaded = loadValues({ chart, set: ['license_key=placeholder-license-key'] });
    const ds = validateValues(loaded, { chart }).diagnostics.filter((d) => NEW_CODES.has(d.code));
    expect(ds.map(row)).toEqual([]);
  });
});

describe('the built-in defaults of every epoch get no unknown-key or value-type', () => {
  const versions = GLOO_VALUE_TYPES.epochs.flatMap((e) => [e.from, e.last]);
  test.each(versions)('gloo %s', (v) => {
    const ds = validateValues({}, { profile: 'gloo', chartVersion: v }).diagnostics.filter((d) => NEW_CODES.has(d.code));
    expect(ds.map((d) => `${row(d)}: ${d.message}`)).toEqual([]);
  });
});

describe('each chart tree read against its version\'s typed tree alone (no defaults to lean on)', () => {
  test.each([...GLOO_TREES, ['gloo-v1.17.0', '1.17.0-rc7'], ['gloo-v1.21.12', '1.21.11']] as Array<[string, string]>)('%s as %s', (id, version) => {
    const values = yaml.load(fs.readFileSync(path.join(SHARED, 'charts', id, 'values.yaml'), 'utf8')) as Val;
    const found: string[] = [];
    walkTypes(glooTypeTree(version)!, values, undefined, {
      skip: (_p, key) => key === 'image',
      unknown: (_n, parts) => found.push(`unknown ${parts.join('.')}`),
      wrong: (parts, v, expected) => found.push(`type ${parts.join('.')}: ${JSON.stringify(v)} (${expected})`),
    });
    expect(found).toEqual([]);
  });
});

test('a value of another kind than the default at its path (a number over a map) is judged, never a crash', () => {
  const loaded = loadValues({ valuesFiles: [{ name: 'v.yaml', text: 'discovery:\n  serviceAccount: 5\ngloo:\n  deployment: []\nsettings: 7\n' }] });
  const ds = validateValues(loaded, { profile: 'gloo', chartVersion: '1.18.40' }).diagnostics.filter((d) => NEW_CODES.has(d.code));
  expect(ds.map(row).sort()).toEqual(['warning value-type discovery.serviceAccount 2:19', 'warning value-type gloo.deployment 4:3', 'warning value-type settings 5:11'].sort());
});
