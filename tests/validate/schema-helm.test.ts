// The shipped values schemas, proven with the real Helm binaries: a chart shipping schemas/<profile>.values.schema.json
// as its values.schema.json, linted and rendered by Helm 3.17.1 and 4.1.4 (recorded by scripts/record-schema-helm.mjs,
// `--check` re-runs them). Valid values pass both commands of both Helms; an invalid variant or an unquoted numeric tag
// fails with Helm's own message. The chart-schema emulation reproduces each recorded line, and validateValues with the
// profile flags the same values.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { globalImageSchema, imageBlockSchema, loadValues, validateValues, valuesSchema } from '../../src/index';
import { judgeChartSchema } from '../../src/validate/helm-schema';
import { SHARED } from '../helpers/cases';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { helmPath } = require('../helpers/helm-binaries.cjs') as { helmPath(major: 3 | 4): string | null };

interface Recorded {
  name: string;
  profile: string;
  helm: 3 | 4;
  chartValues: string;
  files: string[];
  set: string[];
  valid: boolean;
  template: { exit: number; lines: string[] };
  lint: { exit: number; lines: string[] };
}

const ROOT = path.resolve(__dirname, '..', '..');
const recorded = (JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'schema-helm.json'), 'utf8')) as { cases: Recorded[] }).cases;
const schemaText = (profile: string) => fs.readFileSync(path.join(ROOT, 'schemas', `${profile}.values.schema.json`), 'utf8');

test('the shipped schema files are what valuesSchema and the block schemas produce', () => {
  for (const p of ['gloo', 'gloo-ee']) expect(JSON.parse(schemaText(p))).toEqual(valuesSchema(p));
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'image.schema.json'), 'utf8'))).toEqual(imageBlockSchema());
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'global-image.schema.json'), 'utf8'))).toEqual(globalImageSchema());
});

test('the recording covers both Helms, both commands, valid and invalid values', () => {
  expect(recorded.length).toBe(32);
  expect(new Set(recorded.map((r) => r.helm))).toEqual(new Set([3, 4]));
  expect(recorded.filter((r) => !r.valid).length).toBeGreaterThanOrEqual(10);
});

describe.each(recorded.map((r) => [`${r.name} (Helm ${r.helm})`, r] as const))('%s', (_n, r) => {
  const loaded = () =>
    loadValues({
      chartValues: { name: 'values.yaml', text: fs.readFileSync(path.join(SHARED, r.chartValues), 'utf8') },
      valuesFiles: r.files.map((text, i) => ({ name: `f${i}.yaml`, text })),
      set: r.set,
      helmVersion: r.helm,
      chartName: 'c',
    });

  test('Helm accepts exactly the valid values, in lint and template alike', () => {
    expect(r.template.exit === 0).toBe(r.valid);
    expect(r.lint.exit === 0).toBe(r.valid);
    expect(r.lint.lines.filter((l) => l.startsWith('- '))).toEqual(r.template.lines.filter((l) => l.startsWith('- ')));
  });

  test("the emulation of Helm's schema engine prints the recorded lines", () => {
    const j = judgeChartSchema(loaded().values, schemaText(r.profile), r.helm);
    expect(j.schemaError).toBeUndefined();
    expect(j.failures.map((f) => f.text).sort()).toEqual(r.template.lines.filter((l) => l.startsWith('- ')));
  });

  test('validateValues with the profile flags the same values', () => {
    const v = validateValues(loaded(), { profile: r.profile, helmVersion: r.helm });
    const schemaCodes = new Set(['variant-unknown', 'variant-case-mismatch', 'variant-not-string', 'tag-not-string', 'fips-not-boolean', 'pull-policy-invalid', 'image-block-not-map', 'image-field-type']);
    const flagged = v.diagnostics.filter((d) => schemaCodes.has(d.code));
    expect(flagged.length > 0).toBe(!r.valid);
    for (const d of flagged) expect(r.template.lines.some((l) => l.includes(d.path) || l.includes(d.pointer))).toBe(true);
  });
});

// Where the binaries run (x86-64 Linux with the dev dependencies, as in CI), the recording is checked against them.
const live = helmPath(3) !== null && helmPath(4) !== null ? test : test.skip;
live('the recording is what Helm 3.17.1 and 4.1.4 say now', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'record-schema-helm.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120000);
