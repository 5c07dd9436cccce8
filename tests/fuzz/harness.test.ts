// The fuzzing harness (fuzz/run.mjs) as a user runs it: the same seed generates the same inputs for every kind,
// another seed other inputs, bad options exit 2, and a short campaign of reference strings (checked against the
// Go oracle where it is installed, by the invariants alone elsewhere) finishes with no finding.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const fuzz = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'fuzz', 'run.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
const KINDS = ['real', 'yaml', 'set', 'image', 'profile', 'chart', 'reference', 'cli', 'template'];

test.each(KINDS)('%s: a seed generates the same inputs every time, another seed others', (kind) => {
  const a = fuzz('--generate', '3', '--seed', '11', '--only', kind);
  const b = fuzz('--generate', '3', '--seed', '11', '--only', kind);
  const c = fuzz('--generate', '3', '--seed', '12', '--only', kind);
  expect(a.status).toBe(0);
  expect(a.stdout.length).toBeGreaterThan(0);
  expect(b.stdout).toBe(a.stdout);
  expect(c.stdout).not.toBe(a.stdout);
  for (const line of a.stdout.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ kind });
});

test.each([
  [['--seconds', '0'], /--seconds must be a positive number/],
  [['--only', 'nope'], /unknown kind nope; kinds: real, yaml/],
  [['--seed', 'x'], /--seed must be an integer/],
  [['--frobnicate'], /unknown option --frobnicate/],
  [['--seed'], /--seed needs a value/],
])('%j is a usage error', (args, message) => {
  const r = fuzz(...args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/usage: npm run fuzz -- --seconds N/);
});

test('a short campaign of reference strings has no finding', () => {
  const r = fuzz('--seconds', '3', '--seed', '20261203', '--only', 'reference', '--no-helm', '--quiet');
  expect(r.stdout).toMatch(/fuzz: \d+ inputs \(reference \d+\)/);
  expect(r.stdout).toMatch(/fuzz: 0 distinct findings/);
  expect(r.status).toBe(0);
});

test('generated templates sort what keys and values return (Go lists a map in random order)', () => {
  const r = fuzz('--generate', '200', '--seed', '5', '--only', 'template');
  expect(r.status).toBe(0);
  const snippets = r.stdout.trim().split('\n').flatMap((l) => (JSON.parse(l).input.snippets ?? []) as string[]);
  const calls = snippets.join('\n').match(/\((?:keys|values) [^()]*(?:\([^()]*\)[^()]*)*\)/g) ?? [];
  expect(calls.length).toBeGreaterThan(10);
  for (const c of calls) expect(c).toMatch(/ \| sortAlpha\)$/);
});
