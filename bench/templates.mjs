#!/usr/bin/env node
// Template engine timings: renderChart (parse + execute every template) of real charts of the reference, and
// how long each hostile template takes to be refused by its budget. Run after `npm run build`:
//   node bench/templates.mjs                   (RENDERS=200 node bench/templates.mjs: more renders per chart)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadChart } = await import(path.join(ROOT, 'dist/node/node.mjs'));
const { loadValues, renderChart } = await import(path.join(ROOT, 'dist/node/index.mjs'));
const { assembleChart } = await import(path.join(ROOT, 'dist/esm/chart/chart.js'));

const charts = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const N = Number(process.env.RENDERS ?? 50);
const rows = [];
const slow = [];
for (const name of ['gloo-v1.17.0', 'gloo-v1.18.40', 'gloo-main', 'keda', 'trust-manager', 'external-secrets']) {
  const dir = path.join(charts, name);
  if (!fs.existsSync(dir)) continue;
  const chart = await loadChart(dir);
  const loaded = loadValues({ chart });
  // the first render parses the template set (cached per chart object); the next ones only execute it
  let t0 = performance.now();
  renderChart(loaded, { releaseName: 'r' });
  const first = performance.now() - t0;
  // execution time of each template, summed over the renders (renderChart's timings option)
  const sum = new Map();
  t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const timings = new Map();
    renderChart(loaded, { releaseName: 'r', timings });
    for (const [t, ms] of timings) sum.set(t, (sum.get(t) ?? 0) + ms);
  }
  const ms = (performance.now() - t0) / N;
  const executed = sum.size;
  const execMs = [...sum.values()].reduce((a, b) => a + b, 0) / N;
  rows.push({
    name,
    templates: (chart.templates ?? []).length,
    executed,
    msFirstRender: +first.toFixed(1),
    msPerRender: +ms.toFixed(2),
    msExecutingPerTemplate: +(execMs / executed).toFixed(3),
  });
  for (const [t, total] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 3)) slow.push({ chart: name, template: t.slice(t.indexOf('/templates/') + 11), ms: +(total / N).toFixed(3) });
}
console.log(`renderChart of each chart with its defaults: the first render (parse + execute), then the mean of ${N} renders (parsed set cached) and of one template's execution`);
console.table(rows);
console.log('slowest templates (mean execution ms)');
console.table(slow);

const enc = new TextEncoder();
const hostile = {
  'range over until 100000000': '{{ range until 100000000 }}x{{ end }}',
  // Helm's own limits end these (render-failed with Helm's text): 1,000 nested includes of a name, Go's
  // 100,000 nested template calls; with a smaller maxDepth budget they end with render-limit
  'self-including template': '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}',
  'two templates including each other': '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}{{ include "a" . }}',
  'self-calling template (100,000 levels)': '{{ define "b" }}{{ template "b" . }}{{ end }}{{ template "b" . }}',
  'printf "%09999999d"': '{{ printf "%09999999d" 1 }}',
  'repeat 100000000': '{{ repeat 100000000 "x" }}',
  'a string doubled 40 times': '{{ $s := "x" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}',
  'nested ranges (10^9 steps)': '{{ range until 1000 }}{{ range until 1000 }}{{ range until 1000 }}{{ end }}{{ end }}{{ end }}',
};
const out = [];
for (const [name, text] of Object.entries(hostile)) {
  const chart = await assembleChart([{ name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') }, { name: 'templates/t.yaml', data: enc.encode(text) }], 'c', { helmVersion: 4, unpack: async () => [] });
  const t0 = performance.now();
  let code = 'rendered';
  try {
    renderChart(loadValues({ chart }));
  } catch (e) {
    code = e.code ?? e.message;
  }
  out.push({ template: name, result: code, ms: +(performance.now() - t0).toFixed(1) });
}
console.table(out);
