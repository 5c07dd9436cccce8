#!/usr/bin/env node
// Records what the real Helm v3.17.1 and v4.1.4 print for the cases of lib/render-failure-cases.mjs (render failures
// validateValues traces to a value, YAML errors of rendered documents, the template command's hook/CRD/output-dir
// flags) into tests/differential/render-failures/corpus.json. The charts are read from ../shared/reference/charts
// (gloo-ee:<version> from .cache/gloo-ee-charts/<version>, materialised by record-gloo-ee-renders.mjs --materialise):
// only Helm's outcomes are committed.
//
//   node scripts/record-render-failures.mjs            record every case with both Helm versions
//   node scripts/record-render-failures.mjs --check    compare with the committed corpus, write nothing
//
// Outcome: { status, stdout (sha256 and length; verbatim when under 2 kB), stderr (verbatim), files? } where
// files lists what --output-dir wrote ({ path: sha256 }). Cases with `licence` are also run with
// `--set license_key=placeholder-license-key` (outcome `withKey`), what a release with the key renders.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { helm, pool, ROOT } from './lib/helm-runner.mjs';
import { CASES } from './lib/render-failure-cases.mjs';

const OUT = path.join(ROOT, 'tests', 'differential', 'render-failures', 'corpus.json');
const SHARED = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');

export function chartDir(chart) {
  return chart.startsWith('gloo-ee:') ? path.join(ROOT, '.cache', 'gloo-ee-charts', chart.slice('gloo-ee:'.length)) : path.join(SHARED, chart);
}

function run(bin, args, cwd, env) {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function walk(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path.relative(base, p)];
  });
}

async function outcome(major, c, extra = []) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-rf-'));
  try {
    const args = ['template', c.release ?? 'gloo', chartDir(c.chart)];
    if (c.values !== undefined) {
      fs.writeFileSync(path.join(tmp, 'f0.yaml'), c.values);
      args.push('-f', 'f0.yaml');
    }
    args.push(...(c.args ?? []), ...extra);
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const r = await run(helm.helmPath(major), args, tmp, env);
    const norm = (s) => (s || '').split(tmp + '/').join('').split(ROOT + '/').join('').split(SHARED + '/').join('');
    const o = { status: r.status, stdoutSha256: sha(r.stdout), stdoutLength: r.stdout.length, stderr: norm(r.stderr) };
    if (r.stdout.length < 2048) o.stdout = r.stdout;
    const files = walk(path.join(tmp)).filter((f) => !f.startsWith('.h') && f !== 'f0.yaml').sort();
    if (files.length) o.files = Object.fromEntries(files.map((f) => [f, sha(fs.readFileSync(path.join(tmp, f), 'utf8'))]));
    return o;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const check = process.argv.includes('--check');
const cases = CASES.filter((c) => fs.existsSync(chartDir(c.chart)));
for (const c of CASES) if (!cases.includes(c)) console.error(`skipped ${c.id}: ${chartDir(c.chart)} is not there`);
const recorded = await pool(cases, Math.max(1, os.cpus().length), async (c) => {
  const out = { ...c };
  for (const h of [3, 4]) {
    out[`helm${h}`] = await outcome(h, c);
    if (c.licence) out[`helm${h}WithKey`] = await outcome(h, c, ['--set', 'license_key=placeholder-license-key']);
  }
  return out;
});
const text = JSON.stringify({ note: 'made by scripts/record-render-failures.mjs; do not edit', cases: recorded }, null, 1) + '\n';
if (check) {
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (old === text) console.log(`${recorded.length} cases: the corpus is current`);
  else {
    console.log('the corpus differs from what Helm prints now');
    process.exitCode = 1;
  }
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`${recorded.length} cases x 2 Helm versions written to ${path.relative(ROOT, OUT)}`);
}
