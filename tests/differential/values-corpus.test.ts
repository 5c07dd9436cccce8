// The generated differential corpus (scripts/record-differential.mjs): each case was run through the real
// Helm v3.17.1 and v4.1.4 and their output recorded; loadValues must give the same .Values (as toJson
// prints it), the same subchart values, the same coalesce warnings, and fail where Helm failed, with
// Helm's message.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, ValuesError, type LoadValuesInput } from '../../src/index';

interface Outcome {
  status: number;
  valuesLine?: string;
  sub?: Record<string, unknown>;
  stderr: string;
}
interface CorpusCase {
  name: string;
  category: string;
  chartValuesYaml?: string | null;
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setLiteral?: string[];
  setFile?: Array<{ key: string; content: string }>;
  subcharts?: Array<{ name: string; valuesYaml?: string }>;
  helm3: Outcome;
  helm4: Outcome;
}

const corpusFile = path.join(__dirname, 'values-corpus.json');
const corpus: { cases: CorpusCase[] } = JSON.parse(fs.readFileSync(corpusFile, 'utf8'));

function input(c: CorpusCase, helmVersion: 3 | 4): LoadValuesInput {
  const i: LoadValuesInput = { helmVersion, chartName: 'c' };
  if (c.chartValuesYaml !== null) i.chartValues = { name: 'values.yaml', text: c.chartValuesYaml ?? '' };
  if (c.valuesFiles) i.valuesFiles = c.valuesFiles.map((text, n) => ({ name: `f${n}.yaml`, text }));
  if (c.set) i.set = c.set;
  if (c.setString) i.setString = c.setString;
  if (c.setJson) i.setJson = c.setJson;
  if (c.setLiteral) i.setLiteral = c.setLiteral;
  if (c.setFile) i.setFile = c.setFile.map((f) => ({ key: f.key, text: f.content }));
  if (c.subcharts) i.subcharts = Object.fromEntries(c.subcharts.map((s) => [s.name, s.valuesYaml ?? '']));
  return i;
}

/** The coalesce warnings among Helm's stderr lines, sorted (Go prints them in map order). */
function warningLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => /^coalesce\.go:\d+: |^level=INFO msg="(warning|Conflict|key )/.test(l))
    .sort();
}

test('the corpus is large enough', () => {
  expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
});

describe.each([3, 4] as const)('Helm %i', (version) => {
  test.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = version === 3 ? c.helm3 : c.helm4;
    if (want.status !== 0) {
      let err: unknown;
      try {
        loadValues(input(c, version));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValuesError);
      expect(want.stderr).toContain(`Error: ${(err as ValuesError).message}`);
      return;
    }
    const r = loadValues(input(c, version));
    expect(r.toJson()).toBe(want.valuesLine);
    for (const [name, sub] of Object.entries(want.sub ?? {})) expect(r.subcharts[name]).toEqual(sub);
    expect(r.warnings.filter((w) => w.helmOutput).map((w) => w.helmOutput).sort()).toEqual(warningLines(want.stderr));
  });
});
