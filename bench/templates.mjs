#!/usr/bin/env node
// Template engine timings: renderChart (parse + execute every template) of real charts of the reference, and
// how long each hostile template takes to be refused by its budget. Run after `npm run build`:
//   node bench/templates.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadChart } = await import(path.join(ROOT, 'dist/node/node.mjs'));
const { loadValues, renderChart } = await import(path.join(ROOT, 'dist/node/index.mjs'));
const { assembleChart } = await import(path.join(ROOT, 'dist/esm/chart/chart.js'));

const charts = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const rows = [];
for (const name of ['gloo-v1.18.40', 'gloo-main', 'keda', 'trust-manager', 'external-secrets']) {
  const dir = path.join(charts, name);
  if (!fs.existsSync(dir)) continue;
  const chart = await loadChart(dir);
  const loaded = loadValues({ chart });
  renderChart(loaded, { releaseName: 'r' });
  const n = 10;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) renderChart(loaded, { releaseName: 'r' });
  const ms = (performance.now() - t0) / n;
  const templates = (chart.templates ?? []).length;
  rows.push({ name, templates, msPerRender: +ms.toFixed(2), msPerTemplate: +(ms / templates).toFixed(3) });
}
console.table(rows);

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
