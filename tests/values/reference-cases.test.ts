// Every values-only case of the reference (recorded with the real Helm 3.17.1 and 4.1.4) through loadValues.
import { loadValues } from '../../src/index';
import { canon, caseInput, isValuesOnly, readCases, valuesErrorOf, type RefCase } from '../helpers/cases';

function check(c: RefCase, helmVersion: 3 | 4): void {
  const input = caseInput(c, helmVersion);
  if (c.expectError !== undefined) {
    expect(valuesErrorOf(() => loadValues(input)).message).toContain(c.expectError.replace(/^Error: /, ''));
    return;
  }
  const r = loadValues(input);
  if (c.expectRaw !== undefined) expect(r.toJson()).toBe(c.expectRaw);
  // expectRaw is authoritative where JSON.parse lost precision or the sign of -0
  if (c.expect !== undefined && c.expectRaw === undefined) expect(canon(r.values)).toEqual(canon(c.expect));
  if (c.expectSub !== undefined) {
    const sub = Object.fromEntries(Object.keys(c.expectSub).map((k) => [k, r.subcharts[k]]));
    expect(canon(sub)).toEqual(canon(c.expectSub));
  }
  const stderr = r.warnings.map((w) => w.helmOutput ?? '').join('\n') + '\n';
  for (const s of c.expectStderr ?? []) {
    for (const line of s.split('\n').filter((l) => l !== '' && !l.startsWith('level=DEBUG'))) {
      expect(stderr).toContain(line);
    }
  }
  if (c.expectNoStderr) expect(r.warnings.filter((w) => w.helmOutput)).toEqual([]);
}

describe.each([
  ['helm-cases.json', 3],
  ['helm4-cases.json', 4],
] as const)('%s with helmVersion %i', (file, version) => {
  const cases = readCases(file).filter(isValuesOnly);
  test('covers the values-only cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c, version));
});
