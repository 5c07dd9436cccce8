#!/usr/bin/env node
// Records the template corpus: every snippet rendered as a tiny chart by the real Helm 4.1.4 and 3.17.1
// (`helm template r <chart> --debug`, so that output that is not YAML is still printed), with stdout, exit
// status and Helm's error text. Usage:
//   node scripts/record-template-corpus.mjs            # all snippets of scripts/template-snippets.mjs
//   node scripts/record-template-corpus.mjs --only re  # snippets whose id matches the regular expression
// Reusable: `recordSnippets(snippets)` renders any list of snippets ({ id, template, values?, set?,
// helpers? }) and returns their records; `mergeCorpus(file, records)` updates a corpus file by id.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { helmPath } = require(path.join(ROOT, 'tests/helpers/helm-binaries.cjs'));

/** The values.yaml every snippet's chart has unless the snippet gives its own. */
export const DEFAULT_VALUES = `s: hello
e: ""
f: 1.5
i: 3
z: 0
b: true
n: null
l: [1, "two", 3.5]
m: {b: 2, a: "x", c: {d: 4}}
big: 1000000
neg: -2
str10: "1.10"
words: "the quick brown fox"
`;

/** Helm's error text from stderr (--debug adds log lines before and a stack trace after it). */
export function extractError(stderr) {
  const i = stderr.search(/^Error: /m);
  if (i < 0) return stderr.trim() ? stderr.trim() : null;
  let rest = stderr.slice(i + 'Error: '.length);
  const stack = rest.search(/^helm\.go:\d+: /m);
  if (stack >= 0) rest = rest.slice(0, stack);
  return rest.replace(/\s+$/, '');
}

function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, opts);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? -1, stdout, stderr });
    });
  });
}

/** Writes the snippet's chart into `dir`. */
export function writeSnippetChart(dir, s) {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), s.chartYaml ?? 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.2.3"\n');
  fs.writeFileSync(path.join(dir, 'values.yaml'), s.values ?? DEFAULT_VALUES);
  fs.writeFileSync(path.join(dir, 'templates', 't.yaml'), s.template);
  if (s.helpers) fs.writeFileSync(path.join(dir, 'templates', '_helpers.tpl'), s.helpers);
  for (const [name, text] of Object.entries(s.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

async function renderOne(major, s) {
  const helm = helmPath(major);
  if (!helm) throw new Error(`Helm ${major} binary not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-tpl-'));
  try {
    writeSnippetChart(path.join(tmp, 'c'), s);
    const args = ['template', 'r', 'c', '--debug'];
    for (const x of s.set ?? []) args.push('--set', x);
    if (s.kubeVersion) args.push('--kube-version', s.kubeVersion);
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const r = await run(helm, args, { cwd: tmp, env });
    const norm = (x) => x.split(tmp + '/').join('').split(tmp).join('');
    return { status: r.status, stdout: norm(r.stdout), error: r.status === 0 ? null : extractError(norm(r.stderr)) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Renders every snippet with Helm 3.17.1 and 4.1.4 (`concurrency` charts at a time) and returns
 * `{ ...snippet, helm3: { status, stdout, error }, helm4: {...} }` for each.
 */
export async function recordSnippets(snippets, { concurrency = 2, onProgress } = {}) {
  const out = new Array(snippets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= snippets.length) return;
      const s = snippets[i];
      const [h3, h4] = [await renderOne(3, s), await renderOne(4, s)];
      out[i] = { ...s, helm3: h3, helm4: h4 };
      done++;
      if (onProgress && done % 50 === 0) onProgress(done, snippets.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** Replaces or adds records (by id) in a corpus file, keeping it sorted by id. */
export function mergeCorpus(file, records) {
  let corpus = { note: '', snippets: [] };
  if (fs.existsSync(file)) corpus = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(corpus.snippets.map((s) => [s.id, s]));
  for (const r of records) byId.set(r.id, r);
  corpus.defaultValues = DEFAULT_VALUES;
  corpus.note = 'Recorded by scripts/record-template-corpus.mjs with Helm v3.17.1 and v4.1.4 (helm template r c --debug). Do not edit by hand.';
  corpus.snippets = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  fs.writeFileSync(file, JSON.stringify(corpus, null, 1) + '\n');
  return corpus;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { generateSnippets } = await import('./template-snippets.mjs');
  let snippets = generateSnippets();
  const only = process.argv.indexOf('--only');
  if (only > 0) {
    const re = new RegExp(process.argv[only + 1]);
    snippets = snippets.filter((s) => re.test(s.id));
  }
  const file = path.join(ROOT, 'tests/template/corpus.json');
  const t0 = Date.now();
  const records = await recordSnippets(snippets, { concurrency: Number(process.env.CONCURRENCY ?? 2), onProgress: (d, n) => console.error(`${d}/${n} (${Math.round((Date.now() - t0) / 1000)} s)`) });
  const all = only > 0 ? mergeCorpus(file, records) : (fs.rmSync(file, { force: true }), mergeCorpus(file, records));
  console.error(`recorded ${records.length} snippets; corpus has ${all.snippets.length}`);
}
