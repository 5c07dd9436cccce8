#!/usr/bin/env node
// The cost of a mirror overlay (`images --mirror`): proved by the profile's rules, or by rendering the chart again
// for each candidate (rendered mode: a chart with templates, no profile, no chart version). Median of --runs runs
// per chart, in one process (the chart's parsed templates cached, as the CLI has them). Run after `npm run build`:
//   nice -n 10 node bench/mirror-overlay.mjs [--runs 3] [--json bench/mirror-overlay-results.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadChart } = await import(path.join(ROOT, 'dist/node/node.mjs'));
const { mirrorOverlay } = await import(path.join(ROOT, 'dist/node/index.mjs'));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const RUNS = Number(opt('--runs', 3));
const CHARTS = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const cases = [
  ['gloo-v1.18.40', 'gloo'], ['gloo-v1.18.40', undefined],
  ...['bitnami-rabbitmq', 'dapr', 'fluent-bit', 'nats', 'jenkins', 'keda'].map((c) => [c, undefined]),
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [id, profile] of cases) {
  const chart = await loadChart(path.join(CHARTS, id));
  const times = [];
  let o;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    o = mirrorOverlay({ chart }, { mirror: 'mirror.example.com:5000/air', ...(profile ? { profile } : {}) });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  rows.push({ chart: id, mode: o.mode, medianMs: Math.round(median(times)), firstMs: Math.round(times[0]), unmovable: o.unmovable.length });
  console.log(`${id.padEnd(18)} ${o.mode.padEnd(9)} median ${String(Math.round(median(times))).padStart(6)} ms  (first ${Math.round(times[0])} ms)`);
}
const json = opt('--json');
if (json) fs.writeFileSync(path.resolve(json), `${JSON.stringify({ runs: RUNS, node: process.version, rows }, null, 1)}\n`);
