// The generated table (scripts/record-value-types.mjs): for each real gloo chart tree (one per rule epoch), 200 values
// files, each with one documented key misspelt (a letter dropped, two swapped, the case changed) or one documented
// value of the wrong type. Each is caught at its file:line:col, with nothing else said about the file; a misspelt
// key gets the key meant as its suggestion. The same files were rendered by the real Helm (recorded): every one
// that breaks `helm template` is an error, and no misspelt key breaks it (Helm ignores an unknown key).
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues } from '../../src/index';

interface TableCase {
  kind: 'misspelt-key' | 'wrong-type';
  path: string;
  meant?: string;
  given?: string;
  yaml: string;
  line: number;
  column: number;
  code: string;
  helm?: { ok: boolean; error?: string };
}
const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'value-types-table.json'), 'utf8')) as {
  helm: string;
  trees: Record<string, { version: string; cases: TableCase[] }>;
};

test('six epochs of 200 cases, each rendered by the real Helm', () => {
  expect(Object.keys(recorded.trees)).toHaveLength(6);
  for (const t of Object.values(recorded.trees)) {
    expect(t.cases).toHaveLength(200);
    expect(t.cases.filter((c) => c.kind === 'misspelt-key')).toHaveLength(100);
    expect(t.cases.every((c) => c.helm !== undefined)).toBe(true);
  }
  expect(recorded.helm).toMatch(/^v4\.1\.4/);
});

describe.each(Object.entries(recorded.trees))('%s', (_id, tree) => {
  test.each(tree.cases.map((c, i) => [`${i} ${c.kind} ${c.path}${c.given ? ` (${c.given})` : ''}`, c] as const))('%s', (_n, c) => {
    const loaded = loadValues({ valuesFiles: [{ name: 'case.yaml', text: c.yaml }] });
    const ds = validateValues(loaded, { profile: 'gloo', chartVersion: tree.version }).diagnostics.filter((d) => d.code === 'unknown-key' || d.code === 'value-type');
    expect(ds.map((d) => `${d.code} ${d.path} ${d.location?.line}:${d.location?.column}`)).toEqual([`${c.code} ${c.path} ${c.line}:${c.column}`]);
    const d = ds[0]!;
    if (c.kind === 'misspelt-key') {
      expect(d.suggestion).toBe(c.meant);
      expect(c.helm!.ok).toBe(true);
    }
    if (c.helm && !c.helm.ok) expect(d.severity).toBe('error');
    else expect(d.severity).toBe('warning');
  });
});
