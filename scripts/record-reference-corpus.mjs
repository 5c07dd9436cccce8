#!/usr/bin/env node
// Generates a seeded corpus of image reference strings and records the verdicts of Go's reference parsers
// (scripts/reference-oracle) into tests/reference/corpus.json; tests/reference/corpus.test.ts compares
// parseImageReference with them on every case.
//
//   node scripts/record-reference-corpus.mjs [--seed N] [--count N]    regenerate and record
//   node scripts/record-reference-corpus.mjs --check                    re-record and report differences
//
// The expected verdict is Go's grammar of distribution/reference v0.6.0 ("v060" in the oracle). Debian ships the
// 2.8.2 library, which differs from v0.6.0 in exactly two ways: no IPv6 hosts, and its 255-character limit counts
// the domain too. The recorder checks that the two agree on every other case, so the v0.6.0 grammar transcribed
// in the oracle is held to the real library wherever their rules coincide.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCorpus } from './lib/corpus-file.mjs';
import { Rng } from './lib/rng.mjs';
import { anyReference, REAL } from './lib/reference-gen.mjs';
import { referenceOracle } from './lib/reference-oracle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests', 'reference', 'corpus.json');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const check = args.includes('--check');
const old = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : undefined;
const seed = opt('--seed', old?.seed ?? 20261203);
const count = opt('--count', old?.count ?? 5000);

const r = new Rng(seed);
const seen = new Set();
const refs = [];
for (const s of REAL) if (!seen.has(s)) { seen.add(s); refs.push(s); }
for (let tries = 0; refs.length < count && tries < count * 20; tries++) {
  const s = anyReference(r);
  if (!seen.has(s)) { seen.add(s); refs.push(s); }
}

const answers = referenceOracle(refs);
if (!answers) {
  console.error('record-reference-corpus: the Go oracle is not available: apt-get install -y golang-go golang-github-docker-distribution-dev');
  process.exit(2);
}

// Where 2.8.2 and v0.6.0 mean the same, they must agree
const LENGTH = /must not be more than 255 characters/;
const explained = (a) => a.ref.includes('[') || LENGTH.test(a.lib.err ?? '') || LENGTH.test(a.v060.err ?? '');
const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
const unexplained = answers.filter((a) => !same(a.lib, a.v060) && !explained(a));
if (unexplained.length) {
  console.error(`record-reference-corpus: the v0.6.0 grammar and the 2.8.2 library disagree on ${unexplained.length} cases where their rules coincide, e.g.`);
  for (const a of unexplained.slice(0, 10)) console.error(JSON.stringify(a));
  process.exit(1);
}

const cases = answers.map((a) => {
  const v = a.v060;
  const c = { ref: a.ref, ok: v.ok };
  if (!v.ok) c.err = v.err;
  for (const k of ['domain', 'path', 'tag', 'digest']) if (v[k]) c[k] = v[k];
  if (a.norm.ok) c.normalized = { domain: a.norm.domain, path: a.norm.path };
  if (!same(a.lib, a.v060)) c.lib = a.lib.ok ? 'ok' : a.lib.err;
  return c;
});

const corpus = {
  description: 'Image reference strings with the verdict of Go distribution/reference v0.6.0 (grammar run by Go regexp + go-digest), the 2.8.2 library where it differs (lib), and ParseNormalizedNamed (normalized). Recorded by scripts/record-reference-corpus.mjs.',
  seed,
  count,
  valid: cases.filter((c) => c.ok).length,
  cases,
};

if (check) {
  const before = new Map((old?.cases ?? []).map((c) => [c.ref, JSON.stringify(c)]));
  const changed = cases.filter((c) => before.get(c.ref) !== JSON.stringify(c));
  console.log(`${cases.length} cases, ${changed.length} differ from the committed corpus`);
  for (const c of changed.slice(0, 20)) console.log(JSON.stringify(c));
  process.exit(changed.length ? 1 : 0);
}
fs.writeFileSync(OUT, formatCorpus(corpus));
const libDiff = cases.filter((c) => c.lib !== undefined).length;
console.log(`wrote ${path.relative(ROOT, OUT)}: ${cases.length} cases, ${corpus.valid} valid, ${libDiff} where 2.8.2 differs (IPv6 or the length rule)`);
