#!/usr/bin/env node
// Generates the typed-values table test and records what the real Helm does with it. For each real gloo chart tree
// (one per rule epoch, as scripts/record-value-shapes.mjs), 200 values files are generated from the typed key tree
// of that version (src/validate/value-types.ts, built into dist/): 100 with one documented key misspelt (a letter
// dropped, two swapped, or the case changed) and 100 with one documented value of the wrong type. Every
// wrong-type file is rendered with `helm template` (a misspelt key is ignored by Helm: those are rendered too, to
// show it). The result, tests/validate/recorded/value-types-table.json, holds each case with its line and column
// and Helm's verdict; the cases that break `helm template` are also written to src/profiles/gloo-value-breaks.data.ts,
// where the value-type rule finds them (those are errors).
//
//   npm run build && nice node scripts/record-value-types.mjs [--helm 4] [--only gloo-v1.17.0] [--no-render] [--breaks-only]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as yaml from 'js-yaml';
import { mulberry32 as rng } from './lib/rng.mjs';

const require = createRequire(import.meta.url);
const { helmPath } = require('../tests/helpers/helm-binaries.cjs');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHARTS = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const args = process.argv.slice(2);
const major = args.includes('--helm') ? Number(args[args.indexOf('--helm') + 1]) : 4;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const render = !args.includes('--no-render');
const helm = helmPath(major);
if (render && !helm) throw new Error(`no Helm ${major} binary (install the dev dependencies)`);
const { glooTypeTree } = await import(path.join(ROOT, 'dist', 'esm', 'validate', 'value-types.js'));

export const TREES = [
  { id: 'gloo-v1.16.27', version: '1.16.27', versions: '>=1.16.0-0 <1.17.0-0' },
  { id: 'gloo-v1.17.0', version: '1.17.0', versions: '>=1.17.0-0 <1.18.0-0' },
  { id: 'gloo-v1.18.40', version: '1.18.40', versions: '>=1.18.0-0 <1.19.0-0' },
  { id: 'gloo-v1.19.10', version: '1.19.10', versions: '>=1.19.0-0 <1.20.0-0' },
  { id: 'gloo-v1.21.12', version: '1.21.12', versions: '>=1.20.0-0 <1.22.0-0' },
  { id: 'gloo-main', version: '1.22.1', versions: '>=1.22.0-0' },
].filter((t) => !only || t.id === only);


/** Documented nodes reachable by keys alone (no lists), `*` taken as the default proxy `gatewayProxy`. */
function documented(node, at, out) {
  if (node.open) return out;
  for (const [k, c] of Object.entries(node.props ?? {})) {
    const p = [...at, k];
    if (/image$/i.test(k) || c.open) continue;
    // a key of a map of any keys (a gateway proxy's name) is a new entry, not a mistake: only its fields are misspelt
    out.push({ parts: p, node: c, keys: Object.keys(node.props), entry: node.any !== undefined });
    documented(c, p, out);
  }
  if (node.any && at[at.length - 1] === 'gatewayProxies') {
    const p = [...at, 'gatewayProxy'];
    documented(node.any, p, out);
  }
  return out;
}

/** A misspelling of a key that is no other key of its map. */
function misspell(key, siblings, r) {
  for (let n = 0; n < 20; n++) {
    const how = Math.floor(r() * 3);
    let k;
    if (how === 0 && key.length > 3) {
      const i = 1 + Math.floor(r() * (key.length - 1));
      k = key.slice(0, i) + key.slice(i + 1);
    } else if (how === 1 && key.length > 2) {
      const i = Math.floor(r() * (key.length - 1));
      if (key[i] === key[i + 1]) continue;
      k = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
    } else {
      k = key[0] === key[0].toUpperCase() ? key[0].toLowerCase() + key.slice(1) : key[0].toUpperCase() + key.slice(1);
    }
    if (k !== key && !siblings.includes(k)) return { key: k, how: ['drop', 'swap', 'case'][how] ?? 'case' };
  }
  return undefined;
}

/** A value of another type than the node's, and the kind it is. */
function wrongValue(node, r) {
  if (node.types) {
    const t = node.types;
    if (t.includes('bool')) return r() < 0.5 ? { v: 'yes please', kind: 'string' } : { v: { enabled: true }, kind: 'map' };
    if (t.includes('string')) return r() < 0.5 ? { v: { name: 'x' }, kind: 'map' } : { v: ['x'], kind: 'list' };
    return r() < 0.5 ? { v: 'many', kind: 'string' } : { v: true, kind: 'boolean' };
  }
  if (node.items && !node.props && !node.any) return { v: true, kind: 'boolean' };
  return r() < 0.5 ? { v: true, kind: 'boolean' } : { v: 'on', kind: 'string' };
}

/**
 * The YAML of one nested value, and where a diagnostic about it points: the 1-based line, and the column of the
 * value when it is a scalar, of its key when it is a map or a list (where the loader locates a value).
 */
function nested(parts, value) {
  const lines = [];
  parts.forEach((k, i) => lines.push(`${'  '.repeat(i)}${k}:`));
  const last = lines.length - 1;
  const inline = yaml.dump(value, { flowLevel: 0 }).trim();
  lines[last] += ` ${inline}`;
  const container = value !== null && typeof value === 'object';
  return { text: `${lines.join('\n')}\n`, line: parts.length, column: container ? 2 * (parts.length - 1) + 1 : lines[last].length - inline.length + 1 };
}

const setFile = (dir, text) => {
  const f = path.join(dir, 'case.yaml');
  fs.writeFileSync(f, text);
  return f;
};

const breaksOnly = args.includes('--breaks-only'); // rewrite the breaks table from the recording, rendering nothing
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'value-types-'));
const results = {};
for (const t of breaksOnly ? [] : TREES) {
  const dir = path.join(CHARTS, t.id);
  const defaults = yaml.load(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8'));
  const tree = glooTypeTree(t.version);
  const nodes = documented(tree, [], []);
  const r = rng(16 * 1000 + TREES.indexOf(t));
  const cases = [];
  const used = new Set();
  // misspelt keys: a documented key the chart's defaults set (the mistake people make is on keys they copy)
  const inDefaults = nodes.filter((n) => {
    let v = defaults;
    for (const p of n.parts) v = v && typeof v === 'object' && !Array.isArray(v) ? v[p] : undefined;
    return v !== undefined && v !== null;
  });
  for (let guard = 0; cases.length < 100 && guard < 5000; guard++) {
    const n = inDefaults[Math.floor(r() * inDefaults.length)];
    if (n.entry) continue;
    const key = n.parts[n.parts.length - 1];
    const m = misspell(key, n.keys, r);
    if (!m) continue;
    const parts = [...n.parts.slice(0, -1), m.key];
    if (used.has(parts.join('.'))) continue;
    used.add(parts.join('.'));
    let v = defaults;
    for (const p of n.parts) v = v[p];
    const y = nested(parts, v);
    cases.push({ kind: 'misspelt-key', how: m.how, path: parts.join('.'), meant: n.parts.join('.'), yaml: y.text, line: y.line, column: y.column, code: 'unknown-key' });
  }
  for (let guard = 0; cases.length < 200 && guard < 5000; guard++) {
    const n = nodes[Math.floor(r() * nodes.length)];
    if (used.has(`type:${n.parts.join('.')}`)) continue;
    used.add(`type:${n.parts.join('.')}`);
    const w = wrongValue(n.node, r);
    const y = nested(n.parts, w.v);
    cases.push({ kind: 'wrong-type', given: w.kind, expected: n.node.types?.join('|') ?? (n.node.items && !n.node.props ? 'list' : 'map'), path: n.parts.join('.'), yaml: y.text, line: y.line, column: y.column, code: 'value-type' });
  }
  if (render) {
    let n = 0;
    for (const c of cases) {
      const res = spawnSync(helm, ['template', 'gloo', dir, '-f', setFile(tmp, c.yaml)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      // Helm 4 prints the template error over several lines (location, then `executing ...: <cause>`): all kept
      const err = (res.stderr ?? '').split('\n').filter((l) => l.trim() && !/^level=|^walk\.go/.test(l)).map((l) => l.trim()).join(' ').replace(/^Error: /, '');
      c.helm = res.status === 0 ? { ok: true } : { ok: false, error: err.length > 600 ? `${err.slice(0, 600)}…` : err };
      if (++n % 50 === 0) process.stderr.write(`${t.id}: ${n}/${cases.length}\n`);
    }
  }
  results[t.id] = { version: t.version, versions: t.versions, cases };
  process.stderr.write(`${t.id}: ${cases.length} cases, ${cases.filter((c) => c.helm && !c.helm.ok).length} break helm template\n`);
}
fs.rmSync(tmp, { recursive: true, force: true });

const out = path.join(ROOT, 'tests', 'validate', 'recorded', 'value-types-table.json');
const previous = (only || breaksOnly) && fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')).trees : {};
const version = breaksOnly ? JSON.parse(fs.readFileSync(out, 'utf8')).helm : helm ? execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim() : 'not rendered';
fs.writeFileSync(out, `${JSON.stringify({ generator: 'scripts/record-value-types.mjs', helm: version, trees: { ...previous, ...results } }, null, 1)}\n`);

// the breaks: one row per path (the default proxy standing for every proxy) and kind given. It holds in every chart
// line except those where the same mistake was rendered and Helm accepted it (a line where it was not generated is
// taken to fail as its neighbours do: the templates that read a value rarely change within the 1.16-1.22 range).
const all = JSON.parse(fs.readFileSync(out, 'utf8')).trees;
const rows = new Map();
for (const [, tr] of Object.entries(all)) {
  for (const c of tr.cases) {
    if (c.kind !== 'wrong-type' || !c.helm) continue;
    const general = c.path.replace(/^gatewayProxies\.gatewayProxy(?=\.|$)/, 'gatewayProxies.*');
    const key = `${general}\u0000${c.given}`;
    const e = rows.get(key) ?? { path: general, given: c.given, broke: [], ok: [], message: undefined };
    if (c.helm.ok) e.ok.push(tr.versions);
    else {
      e.broke.push(tr.versions);
      e.message ??= c.helm.error;
    }
    rows.set(key, e);
  }
}
const lines = Object.values(all).map((t) => t.versions);
const breaks = [...rows.values()]
  .filter((e) => e.broke.length)
  .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.given < b.given ? -1 : 1))
  .map((e) => {
    // the cause, without the location chain Helm prints before it
    const cause = e.message.replace(/ Use --debug flag.*$/, '').replace(/^.*executing "[^"]*" at <[^>]*>: /, '').replace(/^.*error calling \w+: /, '');
    const row = { path: e.path, given: e.given, message: cause.length > 240 ? `${cause.slice(0, 240)}…` : cause };
    if (e.ok.length) row.versions = lines.filter((v) => !e.ok.includes(v)).join(' || ');
    return row;
  });
fs.writeFileSync(
  path.join(ROOT, 'src', 'profiles', 'gloo-value-breaks.data.ts'),
  [
    '// Written by scripts/record-value-types.mjs from tests/validate/recorded/value-types-table.json: the generated cases',
    '// (a value of the wrong type) that made the real `helm template` fail, by values path (`*`: any gateway proxy) and the',
    '// kind of value given, with the chart versions where it fails.',
    `export const GLOO_VALUE_BREAKS: Array<{ path: string; given: string; versions?: string; message: string }> = ${JSON.stringify(breaks, null, 1)};`,
    '',
  ].join('\n'),
);
process.stderr.write(`wrote ${breaks.length} breaks\n`);
