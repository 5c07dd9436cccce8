#!/usr/bin/env node
// Records which gloo chart values must be maps: for each real gloo chart tree in ../shared/reference/charts, every
// value that is a map in the chart's own values.yaml is set to `true` (one `helm template` per value), and the
// values whose scalar makes the render fail with "can't evaluate field X" are recorded with the field the template
// reads. Values under `gatewayProxies.gatewayProxy` stand for every proxy (each entry is merged over that one).
// The result, tests/validate/recorded/value-shapes.json, is a fact about the charts that the gloo profile's shape
// table (src/profiles/gloo-shapes.data.ts, written by this script too) is made from.
//
//   node scripts/record-value-shapes.mjs [--helm 4] [--only gloo-v1.17.0]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const { helmPath } = require('../tests/helpers/helm-binaries.cjs');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHARTS = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const args = process.argv.slice(2);
const major = args.includes('--helm') ? Number(args[args.indexOf('--helm') + 1]) : 4;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const helm = helmPath(major);
if (!helm) throw new Error(`no Helm ${major} binary (install the dev dependencies)`);

/** The gloo trees and the chart versions each stands for (main carries 1.17.0 in Chart.yaml but 1.22's templates). */
const TREES = [
  { id: 'gloo-v1.16.27', versions: '>=1.16.0-0 <1.17.0-0' },
  { id: 'gloo-v1.17.0', versions: '>=1.17.0-0 <1.18.0-0' },
  { id: 'gloo-v1.18.40', versions: '>=1.18.0-0 <1.19.0-0' },
  { id: 'gloo-v1.19.10', versions: '>=1.19.0-0 <1.20.0-0' },
  { id: 'gloo-v1.21.12', versions: '>=1.20.0-0 <1.22.0-0' },
  { id: 'gloo-main', versions: '>=1.22.0-0' },
].filter((t) => !only || t.id === only);

/** Every path whose default is a non-empty map, with `--set` syntax (keys with dots escaped). */
function mapPaths(v, prefix = [], out = []) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, c] of Object.entries(v)) {
    if (c !== null && typeof c === 'object' && !Array.isArray(c)) {
      const p = [...prefix, k];
      out.push(p);
      mapPaths(c, p, out);
    }
  }
  return out;
}

/**
 * The values a template could dereference: every map of the defaults, every prefix of a `.Values.a.b.c` chain, and
 * every prefix of a `$var.a.b` chain in the gateway-proxy templates (a proxy entry: under gatewayProxies.gatewayProxy).
 */
function candidates(dir, defaults) {
  const seen = new Map();
  const add = (p) => seen.set(p.join('\u0000'), p);
  for (const p of mapPaths(defaults)) add(p);
  const files = fs.readdirSync(path.join(dir, 'templates'), { recursive: true }).filter((f) => /\.(ya?ml|tpl|txt)$/.test(f));
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, 'templates', f), 'utf8');
    for (const m of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const keys = m[1].slice(1).split('.');
      for (let n = 1; n <= keys.length; n++) add(keys.slice(0, n));
    }
    if (!/proxy/i.test(f)) continue;
    for (const m of text.matchAll(/\$[A-Za-z_][A-Za-z0-9_]*((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const keys = m[1].slice(1).split('.');
      for (let n = 1; n <= keys.length; n++) add(['gatewayProxies', 'gatewayProxy', ...keys.slice(0, n)]);
    }
  }
  return [...seen.values()];
}

const setPath = (p) => p.map((k) => k.replace(/([.,=\\[\]])/g, '\\$1')).join('.');

function render(dir, set) {
  const r = spawnSync(helm, ['template', 'gloo', dir, '--set', set], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stderr: (r.stderr ?? '').trim() };
}

const results = {};
for (const t of TREES) {
  const dir = path.join(CHARTS, t.id);
  const defaults = yaml.load(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8'));
  const base = render(dir, 'gloo.deployment.replicas=1');
  if (base.status !== 0) throw new Error(`${t.id} does not render with its defaults: ${base.stderr}`);
  const found = [];
  const paths = candidates(dir, defaults);
  for (const p of paths) {
    const r = render(dir, `${setPath(p)}=true`);
    if (r.status === 0) continue;
    const m = /can't evaluate field (\S+) in type bool/.exec(r.stderr);
    if (!m) continue;
    found.push({ path: p.join('.'), field: m[1] });
  }
  results[t.id] = { versions: t.versions, tested: paths.length, mustBeMaps: found };
  process.stderr.write(`${t.id}: ${paths.length} values tried, ${found.length} fail as a scalar\n`);
}

const out = path.join(ROOT, 'tests', 'validate', 'recorded', 'value-shapes.json');
const previous = only && fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')).trees : {};
const version = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
fs.writeFileSync(out, `${JSON.stringify({ generator: 'scripts/record-value-shapes.mjs', helm: version, trees: { ...previous, ...results } }, null, 1)}\n`);

// The profile's table: one entry per path (fan-out entries generalised), with the chart versions where it holds.
const all = JSON.parse(fs.readFileSync(out, 'utf8')).trees;
const byPath = new Map();
for (const [id, r] of Object.entries(all)) {
  for (const { path: p, field } of r.mustBeMaps) {
    const general = p.replace(/^gatewayProxies\.gatewayProxy\./, 'gatewayProxies.*.');
    const e = byPath.get(general) ?? { path: general, field, trees: [] };
    e.trees.push(id);
    byPath.set(general, e);
  }
}
const order = Object.keys(all);
const rows = [...byPath.values()]
  .sort((a, b) => (a.path < b.path ? -1 : 1))
  .map((e) => {
    const row = { path: e.path, type: 'map', field: e.field };
    if (e.trees.length !== order.length) row.versions = order.filter((id) => e.trees.includes(id)).map((id) => all[id].versions).join(' || ');
    return row;
  });
const data = [
  '// Written by scripts/record-value-shapes.mjs from tests/validate/recorded/value-shapes.json: the gloo values that',
  "// `helm template` dereferences (a scalar there fails with \"can't evaluate field ...\"), by chart version.",
  "import type { ProfileShape } from '../images/profile.js';",
  '',
  `export const GLOO_SHAPES: ProfileShape[] = ${JSON.stringify(rows, null, 2)};`,
  '',
].join('\n');
fs.writeFileSync(path.join(ROOT, 'src', 'profiles', 'gloo-shapes.data.ts'), data);
process.stderr.write(`wrote ${rows.length} shapes\n`);
