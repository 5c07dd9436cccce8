#!/usr/bin/env node
// Records what the real Helm v3.17.1 and v4.1.4 print for `helm template` of the real charts in
// ../shared/reference/charts under the values sets of scripts/lib/chart-render-cases.mjs, and writes
// tests/differential/chart-renders/corpus.json. Only Helm's outcomes are committed (hashes of the output and
// of each document, the images, the error text), never the charts or their rendered text.
//
//   nice -n 10 node scripts/record-chart-renders.mjs            run every case with both Helm versions, write the corpus
//   node scripts/record-chart-renders.mjs --only '^dapr/'       some cases (merged into the corpus by id)
//   node scripts/record-chart-renders.mjs --check               re-run and report differences, write nothing
//   options: --jobs <n> (parallel Helm processes, default 2)
//
// Each case runs `helm template <release> <chart> [-n ns] [-f ci/x.yaml | -f v0.yaml] [--set …] [--include-crds]
// [--show-only …] [--kube-version …] [--api-versions …] [--is-upgrade]` twice: when the two outputs differ the
// chart prints random values (passwords, certificates) and the case is marked `random`, to be compared by shape
// (every run of 12+ base64/hex characters replaced by one marker: SHAPE_PATTERN, stored in the corpus).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { helm, pool, ROOT } from './lib/helm-runner.mjs';
import { extractImages } from './lib/manifest-images.mjs';
import { allCases } from './lib/chart-render-cases.mjs';

const CHARTS = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const SHARED_CHARTS = fs.existsSync(CHARTS) ? CHARTS : '/work/shared/reference/charts';
const OUT = path.join(ROOT, 'tests', 'differential', 'chart-renders', 'corpus.json');
export const SHAPE_PATTERN = '[A-Za-z0-9+/_-]{12,}={0,2}';

const args = process.argv.slice(2);
const opt = (n) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined; };
const only = opt('--only') ? new RegExp(opt('--only')) : undefined;
const check = args.includes('--check');
const jobs = Number(opt('--jobs') ?? 2);

const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
const shape = (s) => s.replace(new RegExp(SHAPE_PATTERN, 'g'), '<R>');

/** Helm's SplitManifests of the printed stream: each document with its `# Source:` path. */
function documents(out) {
  return out.trim().split(/(?:^|\s*\n)---\s*/).filter((d) => d !== '').map((d) => d.trim());
}

function run(bin, argv, cwd, env) {
  return new Promise((resolve) => {
    execFile(bin, argv, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export function helmArgs(c, chartDir, tmp) {
  const argv = ['template'];
  if (c.release !== null) argv.push(c.release ?? 'r');
  argv.push(chartDir);
  if (c.namespace) argv.push('-n', c.namespace);
  for (const f of c.ci ?? []) argv.push('-f', path.join(chartDir, 'ci', f));
  (c.values ?? []).forEach((text, i) => { fs.writeFileSync(path.join(tmp, `v${i}.yaml`), text); argv.push('-f', `v${i}.yaml`); });
  for (const s of c.set ?? []) argv.push('--set', s);
  for (const s of c.setString ?? []) argv.push('--set-string', s);
  if (c.includeCrds) argv.push('--include-crds');
  for (const s of c.showOnly ?? []) argv.push('--show-only', s);
  if (c.kubeVersion) argv.push('--kube-version', c.kubeVersion);
  for (const a of c.apiVersions ?? []) argv.push('--api-versions', a);
  if (c.isUpgrade) argv.push('--is-upgrade');
  return argv;
}

async function outcome(major, c) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-charts-'));
  try {
    const chartDir = path.join(SHARED_CHARTS, c.chart);
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const argv = helmArgs(c, chartDir, tmp);
    const a = await run(helm.helmPath(major), argv, tmp, env);
    if (a.status !== 0) {
      const err = a.stderr.split(chartDir).join(c.chart).trim();
      return { status: a.status, error: err.startsWith('Error: ') ? err.slice('Error: '.length) : err };
    }
    const b = await run(helm.helmPath(major), argv, tmp, env);
    const random = a.stdout !== b.stdout;
    const o = { status: 0, length: a.stdout.length, sha256: sha(a.stdout) };
    if (random) {
      o.random = true;
      o.shapeSha256 = sha(shape(a.stdout));
      if (sha(shape(b.stdout)) !== o.shapeSha256) o.shapeUnstable = true;
    }
    o.documents = documents(a.stdout).map((d) => {
      const src = /^# Source: (.*)$/m.exec(d)?.[1] ?? '';
      return [src, random ? sha(shape(d)).slice(0, 16) : sha(d).slice(0, 16)];
    });
    try {
      o.images = extractImages(a.stdout);
    } catch (e) {
      o.imagesError = e.message;
    }
    return o;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  if (!helm.helmPath(3) || !helm.helmPath(4)) throw new Error('the Helm binaries of the dev dependencies are needed');
  const cases = allCases().filter((c) => !only || only.test(c.id));
  const t0 = Date.now();
  const results = await pool(cases, jobs, async (c) => {
    const r = { ...c, helm3: await outcome(3, c), helm4: await outcome(4, c) };
    process.stderr.write(`${c.id}: ${r.helm3.status}${r.helm3.random ? ' random' : ''} / ${r.helm4.status}\n`);
    return r;
  });
  const old = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : { cases: [] };
  if (check) {
    let bad = 0;
    for (const r of results) {
      const o = old.cases.find((x) => x.id === r.id);
      for (const h of ['helm3', 'helm4']) {
        const key = (x) => JSON.stringify(x?.random ? [x.shapeSha256, x.images] : [x?.sha256, x?.error, x?.images]);
        if (!o || key(o[h]) !== key(r[h])) { bad++; console.log(`differs: ${r.id} ${h}`); }
      }
    }
    console.log(`${results.length} cases checked, ${bad} differ`);
    return;
  }
  const byId = new Map(old.cases.map((c) => [c.id, c]));
  for (const r of results) byId.set(r.id, r);
  const order = allCases().map((c) => c.id);
  const merged = order.filter((id) => byId.has(id)).map((id) => byId.get(id));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const head = { generator: 'scripts/record-chart-renders.mjs', helm: { 3: 'v3.17.1', 4: 'v4.1.4' }, shapePattern: SHAPE_PATTERN };
  // one case a line: reviewable diffs without a line per document hash
  fs.writeFileSync(OUT, `${JSON.stringify(head).slice(0, -1)},\n"cases": [\n${merged.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
  console.log(`${results.length} cases recorded in ${((Date.now() - t0) / 1000).toFixed(0)} s; corpus has ${merged.length}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
