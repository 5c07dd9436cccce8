// The generated differential corpus (scripts/record-differential.mjs): each case was run through the real
// Helm v3.17.1 and v4.1.4 and their output recorded; loadValues must give the same .Values (as toJson
// prints it), the same subchart values, the same coalesce warnings, and fail where Helm failed, with
// Helm's message.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues } from '../../src/index';
import { caseInput, valuesErrorOf, type CaseInputFields } from '../helpers/cases';

interface Outcome {
  status: number;
  valuesLine?: string;
  sub?: Record<string, unknown>;
  stderr: string;
}
interface CorpusCase extends CaseInputFields {
  category: string;
  helm3: Outcome;
  helm4: Outcome;
}

const corpusFile = path.join(__dirname, 'values-corpus.json');
const corpus: { cases: CorpusCase[] } = JSON.parse(fs.readFileSync(corpusFile, 'utf8'));

/** The coalesce warnings among Helm's stderr lines, sorted (Go prints them in map order). */
function warningLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => /^coalesce\.go:\d+: |^level=INFO msg="(warning|Conflict|key )/.test(l))
    .sort();
}

/**
 * Cases the loader knowingly reads otherwise than the recorded Helm (docs/values.md, "Where this differs
 * from Helm"). Each must still differ: once one is fixed, its entry goes.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {};

test('the corpus is large enough', () => {
  expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
});

describe.each([3, 4] as const)('Helm %i', (version) => {
  test.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = version === 3 ? c.helm3 : c.helm4;
    if (KNOWN_DIFFERENCES[c.name]) {
      expect(want.status).toBe(0);
      expect(loadValues(caseInput(c, version)).toJson()).not.toBe(want.valuesLine);
      return;
    }
    if (want.status !== 0) {
      const e = valuesErrorOf(() => loadValues(caseInput(c, version)));
      // where Helm's answer is random (several refused keys, Go's map order), Helm's recorded answer must be one
      // of those we list: our message or one of its alternatives
      const helmSaid = [e.message, ...(e.alternatives ?? [])].find((m) => want.stderr.includes(`Error: ${m}`)) ?? e.message;
      expect(want.stderr).toContain(`Error: ${helmSaid}`);
      return;
    }
    const r = loadValues(caseInput(c, version));
    expect(r.toJson()).toBe(want.valuesLine);
    for (const [name, sub] of Object.entries(want.sub ?? {})) expect(r.subcharts[name]).toEqual(sub);
    expect(r.warnings.filter((w) => w.helmOutput).map((w) => w.helmOutput).sort()).toEqual(warningLines(want.stderr));
  });
});
