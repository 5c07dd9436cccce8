// Every snippet of the differential corpus (tests/template/corpus.json, recorded from the real Helm 4.1.4
// and 3.17.1 by scripts/record-template-corpus.mjs) rendered by this library's engine: output equal byte
// for byte, errors equal in text. Known differences are listed, with their reason, in
// known-differences.json; they run as `test.failing`, so that fixing one makes its entry fail until removed.
import fs from 'node:fs';
import path from 'node:path';
import { matches, readCorpus, renderSnippet, type Snippet } from './harness';

interface Known {
  id: string;
  helm: Array<3 | 4>;
  reason: string;
}

const corpus = readCorpus();
const known: Known[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'known-differences.json'), 'utf8')).differences;
const knownKey = new Map<string, Known>();
for (const k of known) for (const h of k.helm) knownKey.set(`${k.id}@${h}`, k);

const byCategory = new Map<string, Snippet[]>();
for (const s of corpus.snippets) {
  if (!byCategory.has(s.category)) byCategory.set(s.category, []);
  byCategory.get(s.category)!.push(s);
}

for (const [category, snippets] of byCategory) {
  describe(category, () => {
    for (const s of snippets) {
      for (const h of [3, 4] as const) {
        const k = knownKey.get(`${s.id}@${h}`);
        const run = async () => {
          const rec = s[`helm${h}`];
          const ours = await renderSnippet(s, corpus, h);
          if (!matches(rec, ours)) {
            expect({ template: s.template, ours }).toEqual({ template: s.template, helm: rec });
          }
        };
        if (k) test.failing(`${s.id} helm ${h} (known difference: ${k.reason})`, run);
        else test(`${s.id} helm ${h}`, run);
      }
    }
  });
}

test('every known difference names a snippet of the corpus', () => {
  const ids = new Set(corpus.snippets.map((s) => s.id));
  expect(known.filter((k) => !ids.has(k.id)).map((k) => k.id)).toEqual([]);
});
