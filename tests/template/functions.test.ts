// tests/template/functions.json lists every function each Helm version registers (text/template's builtins,
// sprig v3.3.0 minus env/expandenv, Helm's own; scripts/gen-template-functions.mjs). Each must be in our
// table (so that templates parse as in Helm), implemented, and exercised by at least 5 corpus snippets.
// The gaps that remain are listed below explicitly: the test fails when the list is wrong either way.
import fs from 'node:fs';
import path from 'node:path';
import { functionTable } from '../../src/template/table';
import { readCorpus } from './harness';

const listing = JSON.parse(fs.readFileSync(path.join(__dirname, 'functions.json'), 'utf8')) as {
  versions: Record<'3' | '4', { functions: string[] }>;
};
const corpus = readCorpus();

function snippetCount(fn: string): number {
  const re = new RegExp(`(^|[\\s({|])${fn}($|[\\s)}|])`);
  return corpus.snippets.filter((s) => s.functions.includes(fn) || re.test(s.template)).length;
}

// Functions whose implementation belongs to the leaf libraries (src/template/lib) and is not wired yet.
const NOT_IMPLEMENTED_YET = new Set<string>([]);

for (const h of ['3', '4'] as const) {
  describe(`Helm ${h}`, () => {
    const names = listing.versions[h].functions;
    const table = functionTable(Number(h) as 3 | 4);
    test('every function Helm registers is in the table, and nothing else', () => {
      expect(names.filter((n) => !table.has(n))).toEqual([]);
      expect([...table.keys()].filter((n) => !names.includes(n)).sort()).toEqual([]);
    });
    test('report: implemented functions and their snippets', () => {
      const rows = names.map((n) => ({ n, impl: !table.get(n)?.stub, snippets: snippetCount(n) }));
      const missing = rows.filter((r) => !r.impl).map((r) => r.n);
      const thin = rows.filter((r) => r.impl && r.snippets < 5).map((r) => `${r.n}(${r.snippets})`);
      // eslint-disable-next-line no-console
      console.log(`Helm ${h}: ${rows.length} functions, ${rows.length - missing.length} implemented; not implemented: ${missing.join(' ')}; fewer than 5 snippets: ${thin.join(' ')}`);
      expect(rows.length).toBeGreaterThan(200);
    });
    test('not implemented: exactly the documented list', () => {
      const missing = names.filter((n) => table.get(n)?.stub);
      expect(missing.filter((n) => !NOT_IMPLEMENTED_YET.has(n))).toEqual([]);
      // and the list shrinks as functions are wired: an entry that is implemented now must be removed
      expect([...NOT_IMPLEMENTED_YET].filter((n) => names.includes(n) && !table.get(n)?.stub)).toEqual([]);
    });
  });
}
