#!/usr/bin/env node
// Template execution before and after a change, in one process: two builds of the library (this checkout and
// another one, e.g. a git worktree of the base commit after `npm run build` there) render the same chart with
// their defaults, interleaved round by round so that both meet the same machine load; each template's
// execution time comes from renderChart's timings option (a build without it, before commit 4c1865a, reports
// renderChart's time only). Run after `npm run build` in both:
//   node bench/templates-ab.mjs <other checkout> [chart under ../shared/reference/charts] [rounds]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.argv[2] || !fs.existsSync(path.join(process.argv[2], 'dist/esm/index.js'))) {
  console.error('usage: node bench/templates-ab.mjs <other checkout, built> [chart] [rounds]');
  process.exit(2);
}
const roots = { before: path.resolve(process.argv[2]), after: HERE };
const name = process.argv[3] ?? 'gloo-v1.17.0';
const rounds = Number(process.argv[4] ?? 40);
const charts = path.resolve(HERE, '..', 'shared', 'reference', 'charts');
const per = 5;
const libs = {};
for (const [k, root] of Object.entries(roots)) {
  const { loadChart } = await import(path.join(root, 'dist/esm/node/index.js'));
  const { loadValues, renderChart } = await import(path.join(root, 'dist/esm/index.js'));
  const chart = await loadChart(path.join(charts, name));
  const loaded = loadValues({ chart });
  for (let i = 0; i < 20; i++) renderChart(loaded, { releaseName: 'r' }); // parse + warm up
  libs[k] = { renderChart, loaded, sum: new Map(), wall: 0, n: 0, out: renderChart(loaded, { releaseName: 'r' }).output };
}
// random keys and certificates aside, both must print the same
console.log('outputs equal:', libs.before.out.replace(/[A-Za-z0-9+/=]{40,}/g, '') === libs.after.out.replace(/[A-Za-z0-9+/=]{40,}/g, ''));
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? ['after', 'before'] : ['before', 'after']) {
    const L = libs[k];
    const t0 = performance.now();
    for (let i = 0; i < per; i++) {
      const timings = new Map();
      L.renderChart(L.loaded, { releaseName: 'r', timings });
      for (const [t, ms] of timings) L.sum.set(t, (L.sum.get(t) ?? 0) + ms);
    }
    L.wall += performance.now() - t0;
    L.n += per;
  }
}
const res = {};
for (const [k, L] of Object.entries(libs)) {
  if (L.sum.size === 0) {
    console.log(`${k.padEnd(6)} ${name}: renderChart ${(L.wall / L.n).toFixed(2)} ms (no timings option in this build)`);
    continue;
  }
  const exec = [...L.sum.values()].reduce((a, b) => a + b, 0) / L.n;
  res[k] = exec / L.sum.size;
  const slow = [...L.sum].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([t, v]) => `${t.split('/').pop()} ${(v / L.n).toFixed(3)}`);
  console.log(`${k.padEnd(6)} ${name}: renderChart ${(L.wall / L.n).toFixed(2)} ms, execution ${(exec).toFixed(2)} ms for ${L.sum.size} templates = ${(exec / L.sum.size).toFixed(3)} ms/template; slowest: ${slow.join(', ')}`);
}
if (res.before && res.after) console.log(`after/before execution: ${(res.after / res.before).toFixed(2)}`);
else console.log(`after/before renderChart: ${(libs.after.wall / libs.before.wall).toFixed(2)}`);
