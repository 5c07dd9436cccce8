// `npm run bench`: runs the benchmarks of issue 7 against the built package (dist/), prints a table and
// writes bench/results.json (schema: docs/performance.md). Never part of `npm test`: timings are not
// assertions, and the machines are shared.
//
//   node bench/run.mjs [--quick] [--only 1,6] [--out FILE]
//
// --quick: fewer rounds and smaller counts (100 files instead of 1,000; scaling up to 1,000), for a
// look while working; figures for the docs come from a full run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBin } from './lib/cli.mjs';
import * as loadValuesBench from './benchmarks/load-values.mjs';
import * as apiCalls from './benchmarks/api-calls.mjs';
import * as coldStart from './benchmarks/cold-start.mjs';
import * as cliOneFile from './benchmarks/cli-one-file.mjs';
import * as cliBatch from './benchmarks/cli-batch.mjs';
import * as scaling from './benchmarks/scaling.mjs';

const BENCHMARKS = [loadValuesBench, apiCalls, coldStart, cliOneFile, cliBatch, scaling];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv) {
  const opts = { quick: false, only: undefined, out: path.join(ROOT, 'bench', 'results.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--only') opts.only = argv[++i];
    else if (a.startsWith('--only=')) opts.only = a.slice(7);
    else if (a === '--out') opts.out = path.resolve(argv[++i]);
    else if (a.startsWith('--out=')) opts.out = path.resolve(a.slice(6));
    else {
      console.error(`unknown option ${a}\nusage: node bench/run.mjs [--quick] [--only 1,6] [--out FILE]`);
      process.exit(2);
    }
  }
  if (opts.only !== undefined) {
    const ids = opts.only.split(',').map(Number);
    if (ids.some((n) => !BENCHMARKS.some((b) => b.id === n))) {
      console.error(`--only takes benchmark numbers 1 to ${BENCHMARKS.length}, comma-separated; got ${opts.only}`);
      process.exit(2);
    }
    opts.only = ids;
  }
  return opts;
}

/** Whether a measured figure meets a target of the form { op, value }. */
function meets(measured, { op, value }) {
  return op === '<=' ? measured <= value : measured >= value;
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${os.release()}`,
    arch: process.arch,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return 'unknown';
  }
}

async function context(opts) {
  const entry = path.join(ROOT, 'dist', 'esm', 'index.js');
  if (!fs.existsSync(entry)) {
    console.error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
    process.exit(2);
  }
  const api = await import(pathToFileURL(entry).href);
  const chartDir = path.join(ROOT, 'fixtures', 'charts', 'gloo-1.22.0');
  const chartVersion = /^version:\s*(\S+)/m.exec(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'))?.[1];
  let helm = null;
  try {
    helm = createRequire(import.meta.url)(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs')).helmPath(4);
  } catch {
    helm = null;
  }
  return {
    root: ROOT,
    api,
    quick: opts.quick,
    rounds: opts.quick ? { rounds: 11, warmup: 2 } : { rounds: 31, warmup: 3 },
    processRounds: opts.quick ? 7 : 15,
    cli: cliBin(ROOT),
    helm,
    inputs: {
      chartDir,
      chartVersion,
      chartText: fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'),
      userText: fs.readFileSync(path.join(ROOT, 'bench', 'fixtures', 'user-40.yaml'), 'utf8'),
    },
  };
}

async function runOne(b, ctx) {
  const base = { id: b.id, name: b.title, target: b.target };
  const why = b.missing?.(ctx);
  if (why) return { ...base, status: 'skipped', reason: why };
  const started = Date.now();
  try {
    const r = await b.run(ctx);
    const also = (r.alsoRequired ?? []).map((c) => ({ ...c, met: meets(c.measured, c) }));
    return {
      ...base,
      status: 'measured',
      ratio: r.ratio,
      met: meets(r.ratio, b.target) && also.every((c) => c.met),
      alsoRequired: also,
      measurements: r.measurements,
      extra: r.extra ?? {},
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } catch (e) {
    return { ...base, status: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}

const fmt = (x) => (typeof x !== 'number' ? String(x) : Number.isInteger(x) || Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

function printResult(r) {
  const t = `${r.target.metric} ${r.target.op} ${r.target.value}`;
  const verdict = r.status !== 'measured' ? r.status.toUpperCase() : r.met ? 'met' : 'NOT MET';
  console.log(`\n${r.id}. ${r.name}`);
  if (r.status !== 'measured') {
    console.log(`   ${verdict}: ${r.reason}`);
    return;
  }
  console.log(`   ${r.target.metric} ${fmt(r.ratio)}   target ${t}   ${verdict}`);
  for (const c of r.alsoRequired) console.log(`   ${c.metric} ${fmt(c.measured)}   target ${c.op} ${c.value}   ${c.met ? 'met' : 'NOT MET'}`);
  const width = Math.max(...Object.keys(r.measurements).map((k) => k.length));
  for (const [k, m] of Object.entries(r.measurements)) {
    const spread = m.rounds > 1 ? `  (min ${fmt(m.min)}, max ${fmt(m.max)}, ${m.rounds} rounds)` : '';
    console.log(`   ${k.padEnd(width)}  ${fmt(m.median).padStart(9)} ${m.unit}${spread}`);
  }
  for (const [k, v] of Object.entries(r.extra)) console.log(`   ${k}: ${fmt(v)}`);
}

function printSummary(results) {
  console.log('\n#  benchmark                                                     figure      target        verdict');
  for (const r of results) {
    const fig = r.status === 'measured' ? fmt(r.ratio) : '-';
    const verdict = r.status !== 'measured' ? r.status : r.met ? 'met' : 'NOT MET';
    console.log(`${String(r.id).padEnd(3)}${r.name.padEnd(62)}${fig.padStart(6)}      ${`${r.target.op} ${r.target.value}`.padEnd(14)}${verdict}`);
  }
}

const opts = parseOptions(process.argv.slice(2));
const ctx = await context(opts);
const info = { machine: machine(), commit: gitCommit() };
console.log(`helm-image-variant benchmarks${opts.quick ? ' (quick)' : ''}: node ${info.machine.node}, ${info.machine.cpus} × ${info.machine.cpuModel}, load ${info.machine.loadAverageAtStart.join(' ')}`);
console.log('Medians of side-by-side rounds; absolute times drift on a shared machine, the ratios are the figures.');
const results = [];
for (const b of BENCHMARKS) {
  if (opts.only && !opts.only.includes(b.id)) continue;
  const r = await runOne(b, ctx);
  printResult(r);
  results.push(r);
}
printSummary(results);
const report = {
  schemaVersion: 1,
  generatedAt: new Date().toISOString(),
  command: `node bench/run.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  quick: opts.quick,
  commit: info.commit,
  machine: info.machine,
  benchmarks: results,
};
fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
