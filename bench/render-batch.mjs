#!/usr/bin/env node
// Batch rendering: one process rendering the Gloo chart for N values files (renderChart, parsed templates cached
// per chart and shared by every release) against N `helm template` runs of the same files. Run after `npm run build`:
//   nice -n 10 node bench/render-batch.mjs                       N = 1000 in-process, 1000 Helm runs
//   node bench/render-batch.mjs --n 1000 --helm-runs 100          fewer Helm runs: their mean stands for all N
//   options: --chart <dir under ../shared/reference/charts> (default gloo-v1.18.40), --helm 3|4 (default 4),
//            --json <file> (write the figures)
// The values files are generated (seeded): replicas, image tags and registries, digests, toggles, so that each
// release renders something different, as a CI job checking many environments would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 as rng } from '../scripts/lib/rng.mjs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { loadChart } = await import(path.join(ROOT, 'dist/node/node.mjs'));
const { loadValues, renderChart } = await import(path.join(ROOT, 'dist/node/index.mjs'));
const helmBins = require(path.join(ROOT, 'tests/helpers/helm-binaries.cjs'));

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const N = Number(opt('--n', 1000));
const HELM_RUNS = Math.min(N, Number(opt('--helm-runs', N)));
const major = Number(opt('--helm', 4));
const chartName = opt('--chart', 'gloo-v1.18.40');
const chartDir = path.resolve(ROOT, '..', 'shared', 'reference', 'charts', chartName);

// mulberry32: the same files every run
const r = rng(20261204);
const pick = (a) => a[Math.floor(r() * a.length)];
function valuesFile(i) {
  const lines = [];
  lines.push('gloo:', '  deployment:', `    replicas: ${1 + (i % 5)}`);
  if (r() < 0.4) lines.push('    image:', `      tag: ${pick(['1.18.40', '"1.18.41"', '1.18.40-patch1'])}`);
  if (r() < 0.3) lines.push('global:', '  image:', `    registry: ${pick(['mirror.example.com/solo', 'registry.local:5000/gloo'])}`, `    variant: ${pick(['standard', 'distroless', 'fips'])}`);
  if (r() < 0.3) lines.push('discovery:', `  enabled: ${r() < 0.5}`);
  if (r() < 0.3) lines.push('gatewayProxies:', '  gatewayProxy:', '    podTemplate:', '      image:', '        digest: sha256:' + 'ab'.repeat(32));
  if (r() < 0.2) lines.push('settings:', `  writeNamespace: env-${i}`);
  return lines.join('\n') + '\n';
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-batch-'));
const files = Array.from({ length: N }, (_, i) => {
  const p = path.join(tmp, `v${i}.yaml`);
  fs.writeFileSync(p, valuesFile(i));
  return p;
});

try {
  // in-process: load the chart once, then one loadValues + renderChart per file (reading the file included)
  const t0 = performance.now();
  const chart = await loadChart(chartDir, { helmVersion: major });
  const tLoad = performance.now() - t0;
  let first = 0;
  let bytes = 0;
  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    const loaded = loadValues({ chart, helmVersion: major, valuesFiles: [{ name: files[i], text: fs.readFileSync(files[i]) }] });
    bytes += renderChart(loaded, { releaseName: 'gloo', namespace: 'gloo-system' }).output.length;
    if (i === 0) first = performance.now() - s;
  }
  const ours = performance.now() - t1 + tLoad;

  const bin = helmBins.helmPath(major);
  let theirs;
  let perHelm;
  if (bin && HELM_RUNS > 0) {
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, 'c'), HELM_CONFIG_HOME: path.join(tmp, 'g'), HELM_DATA_HOME: path.join(tmp, 'd') };
    const t2 = performance.now();
    for (let i = 0; i < HELM_RUNS; i++) {
      execFileSync(bin, ['template', 'gloo', chartDir, '-n', 'gloo-system', '-f', files[i]], { env, maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
    }
    perHelm = (performance.now() - t2) / HELM_RUNS;
    theirs = perHelm * N;
  }
  const res = {
    chart: chartName,
    helm: major,
    releases: N,
    helmRuns: HELM_RUNS,
    cpus: os.cpus().length,
    loadChartMs: +tLoad.toFixed(1),
    firstReleaseMs: +first.toFixed(1),
    oursTotalMs: +ours.toFixed(0),
    oursPerReleaseMs: +((ours - tLoad - first) / Math.max(1, N - 1)).toFixed(2),
    outputMiB: +(bytes / 1048576).toFixed(1),
    ...(theirs !== undefined ? { helmPerRunMs: +perHelm.toFixed(1), helmTotalMs: +theirs.toFixed(0), ratio: +(theirs / ours).toFixed(1) } : {}),
  };
  console.log(JSON.stringify(res, null, 2));
  const out = opt('--json');
  if (out) fs.writeFileSync(out, JSON.stringify(res, null, 2) + '\n');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
