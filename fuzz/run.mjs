#!/usr/bin/env node
// A seeded, replayable fuzzing harness (npm run fuzz -- --seconds N [--seed S] [--only KIND[,KIND]] [--replay FILE]).
//
// Kinds: real (mutated real values files), yaml (generated values files), set (--set family strings): the library
// against the real Helm 3.17.1 / 4.1.4 where the binaries are available; image (odd image blocks through
// validateValues/resolveImages); profile (generated profiles through checkProfile/valuesSchema/validateValues/
// resolveImages); chart (chart trees and .tgz archives through loadChart, then loadValues/validate/resolve);
// reference (reference strings through parseImageReference, against the Go oracle of scripts/reference-oracle
// when Go is installed); cli (node dist/cjs/cli/bin.js on generated files); template (generated template
// snippets through renderChart, compared with both real Helms as one chart of many templates, the refused ones
// singly; and hostile templates, which must end with render-limit or Helm's recursion errors within the budget).
//
// Invariants: no untyped exception (only the typed errors each API documents; validateValues never throws),
// no hang (each input runs in a worker process under a time budget), no prototype pollution (the worker checks
// the built-in prototypes after every input), bounded memory (worker heap), agreement with Helm / Go where
// they are the oracle. A finding is written to fuzz/findings/<kind>-<seed>-<n>.json (first of its kind only:
// findings are deduplicated by a signature) and replays with --replay.
import { createRequire } from 'node:module';
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashStr, Rng } from '../scripts/lib/rng.mjs';
import { referenceOracle } from '../scripts/lib/reference-oracle.mjs';
import { GENERATORS } from './generators.mjs';
import { materialize } from './tree.mjs';
import { DEFAULT_VALUES, extractError } from '../scripts/record-template-corpus.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const FINDINGS = path.join(HERE, 'findings');
const CLI = path.join(ROOT, 'dist', 'cjs', 'cli', 'bin.js');
const helmBinaries = require(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs'));
const KINDS = Object.keys(GENERATORS);

// ---------------------------------------------------------------------------------------------------------------
// options

function parseArgs(argv) {
  const o = { seconds: 60, seed: undefined, only: KINDS, replay: undefined, budget: 10_000, helm: true, batch: 10, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seconds') o.seconds = Number(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--only') o.only = val().split(',');
    else if (a === '--replay') o.replay = val();
    else if (a === '--budget-ms') o.budget = Number(val());
    else if (a === '--no-helm') o.helm = false;
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--generate') o.generate = Number(val());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  for (const k of o.only) if (!KINDS.includes(k)) usage(`unknown kind ${k}; kinds: ${KINDS.join(', ')}`);
  if (!Number.isFinite(o.seconds) || o.seconds <= 0) usage('--seconds must be a positive number');
  if (o.seed === undefined) o.seed = Math.floor(Date.now() / 1000) % 1_000_000_007;
  if (!Number.isSafeInteger(o.seed)) usage('--seed must be an integer');
  return o;
}

function usage(msg) {
  if (msg) console.error(`fuzz: ${msg}`);
  console.error(`usage: npm run fuzz -- --seconds N [--seed S] [--only ${KINDS.join('|')}[,...]] [--replay FILE] [--budget-ms MS] [--no-helm] [--quiet]`);
  console.error('       npm run fuzz -- --generate COUNT [--seed S] [--only KIND]   print the inputs a campaign would run, one JSON line each');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// the worker process

class Worker {
  constructor() { this.start(); }
  start() {
    this.proc = fork(path.join(HERE, 'worker.mjs'), [], { execArgv: ['--max-old-space-size=2048', '--stack-size=984'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-4000); });
    this.id = 0;
  }
  kill() {
    try { this.proc.kill('SIGKILL'); } catch { /* already gone */ }
  }
  /** Runs one input; resolves {outcome, problems, ms} or {crash}/{timeout}. */
  run(kind, input, budget) {
    const id = ++this.id;
    const proc = this.proc;
    return new Promise((resolve) => {
      const done = (r) => { clearTimeout(timer); proc.off('message', onMsg); proc.off('exit', onExit); resolve(r); };
      const onMsg = (m) => { if (m.id === id) done(m); };
      const onExit = (code, signal) => { done({ crash: `worker exited (code ${code}, signal ${signal}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` }); this.start(); };
      const timer = setTimeout(() => { proc.off('exit', onExit); this.kill(); this.start(); done({ timeout: budget }); }, budget);
      proc.on('message', onMsg);
      proc.on('exit', onExit);
      proc.send({ id, kind, input });
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// oracles: Helm (values kinds) and Go (references)

function helmEnv(tmp) {
  return { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
}

function writeChart(dir, name, values, template) {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  fs.writeFileSync(path.join(dir, 'values.yaml'), values);
  fs.writeFileSync(path.join(dir, 'templates', 'out.yaml'), template);
}

function runHelm(major, tmp, args) {
  const bin = helmBinaries.helmPath(major);
  const r = spawnSync(bin, ['template', 'r', path.join(tmp, 'c'), ...args], { cwd: tmp, encoding: 'utf8', env: helmEnv(tmp), timeout: 60_000, maxBuffer: 256 << 20 });
  const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('');
  return { status: r.status, stdout: r.stdout ?? '', stderr: norm(r.stderr) };
}

/** Many values texts in one Helm run: subchart s<i> holds text i, and prints `# SUB s<i>: toJson .Values`. */
function helmSubBatch(major, texts) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-helm-'));
  try {
    writeChart(path.join(tmp, 'c'), 'c', '', '# VALUES: {{ toJson .Values }}\n');
    texts.forEach((t, i) => writeChart(path.join(tmp, 'c', 'charts', `s${i}`), `s${i}`, t, `# SUB s${i}: {{ toJson .Values }}\n`));
    const r = runHelm(major, tmp, []);
    if (r.status !== 0) return undefined;
    const subs = new Array(texts.length);
    for (const line of r.stdout.split('\n')) {
      const m = /^# SUB s(\d+): (.*)$/.exec(line);
      if (m) subs[Number(m[1])] = m[2];
    }
    return subs;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One input as Helm reads it: `-f f0.yaml` or --set flags over a chart whose values.yaml is `base`. */
function helmSingle(major, input) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-helm-'));
  try {
    writeChart(path.join(tmp, 'c'), 'c', input.base ?? '', '# VALUES: {{ toJson .Values }}\n');
    const args = [];
    if (input.text !== undefined) { fs.writeFileSync(path.join(tmp, 'f0.yaml'), input.text); args.push('-f', 'f0.yaml'); }
    for (const s of input.setJson ?? []) args.push('--set-json', s);
    for (const s of input.set ?? []) args.push('--set', s);
    for (const s of input.setString ?? []) args.push('--set-string', s);
    for (const s of input.setLiteral ?? []) args.push('--set-literal', s);
    const r = runHelm(major, tmp, args);
    const line = r.stdout.split('\n').find((l) => l.startsWith('# VALUES: '));
    return { status: r.status, values: line?.slice(10), stderr: r.stderr.trim() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const TEMPLATE_HELPERS = '{{- define "h" }}[{{ . }}]{{ end -}}';

/** `helm template r c --debug` of a chart `c` with the corpus's values and the given templates. */
function helmTemplates(major, templates) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-tpl-'));
  try {
    const dir = path.join(tmp, 'c');
    fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.2.3"\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), DEFAULT_VALUES);
    fs.writeFileSync(path.join(dir, 'templates', '_helpers.tpl'), TEMPLATE_HELPERS);
    for (const [name, text] of Object.entries(templates)) fs.writeFileSync(path.join(dir, name), text);
    const r = runHelm(major, tmp, ['--debug']);
    return { status: r.status, stdout: (r.stdout ?? '').split(tmp + '/').join(''), error: r.status === 0 ? null : extractError(r.stderr) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Helm dead of a Go runtime fatal error (a stack overflow printing a map a `merge` made cyclic, say) has given no
// answer to compare with: such a template is judged by the invariants alone (typed outcome, within the budget).
const GO_FATAL = /^fatal error: (?:stack overflow|out of memory)|goroutine stack exceeds/m;

/** tests/template/harness.ts's matches(): output byte for byte, Helm's error text, or the text of a YAML error. */
function templateMatches(rec, ours) {
  if (rec.status !== 0 && GO_FATAL.test(rec.error ?? '')) return true;
  if (rec.status === 0) return ours.stdout === rec.stdout;
  if (rec.error && rec.error.startsWith('YAML parse error on ')) {
    // renderChart does not check YAML syntax yet (docs/templates.md): the text Helm printed must be ours
    if (ours.error === undefined) return ours.stdout.trim() + '\n' === rec.stdout;
    if (ours.error !== rec.error || ours.text === undefined) return false;
    return `---\n# Source: c/templates/t.yaml\n${ours.text}`.trim() + '\n' === rec.stdout;
  }
  return ours.error !== undefined && ours.error.replace(/\s+$/, '') === rec.error;
}

// sprig's `keys` and `values` list a map in Go's random map order, so Helm's output of a snippet that uses them
// raw changes from run to run. The generator sorts what they return (`keys m | sortAlpha`), which keeps the
// comparison exact; a snippet that uses them raw (an older finding) is compared with Helm up to 12 more times and
// matches when any run prints what we print (for 3 keys Helm printed the sorted order about half the time).
const RANDOM_ORDER = /(?:^|[\s(|])(?:keys|values)\s/;
function randomOrderMatches(major, snippet, ours) {
  if (!RANDOM_ORDER.test(snippet)) return false;
  for (let k = 0; k < 12; k++) if (templateMatches(helmTemplates(major, { 'templates/t.yaml': snippet }), ours)) return true;
  return false;
}

/** Compares one generated template set with Helm: the accepted ones as one chart, and up to 3 refused singly. */
function compareTemplates(major, input, outcome, stats) {
  const problems = [];
  const single = (i) => {
    stats.compared++;
    const h = helmTemplates(major, { 'templates/t.yaml': input.snippets[i] });
    // ours hit a budget: what counts is the render with the budgets raised; one that still passes them is a
    // documented limit (docs/security.md), counted, not a finding
    const ours = outcome.singles[i].raised ?? outcome.singles[i];
    if (ours.code === 'render-limit') { stats.budget = (stats.budget ?? 0) + 1; return; }
    if (!templateMatches(h, ours) && !randomOrderMatches(major, input.snippets[i], ours)) {
      problems.push({ invariant: 'helm-disagree', call: `helm${major}(template)`, error: h.status === 0 ? 'output differs' : `error differs: ${String(h.error).slice(0, 40)}`,
        detail: { template: input.snippets[i], helm: h, ours }, single: { helmVersion: major, snippets: [input.snippets[i]] } });
    }
  };
  if (outcome.accepted.length) {
    stats.compared += outcome.accepted.length;
    const h = helmTemplates(major, Object.fromEntries(outcome.accepted.map((i) => [`templates/t${i}.yaml`, input.snippets[i]])));
    // Helm refuses what we accept (a document that is not YAML, say): find the template and judge it alone
    if (h.status !== 0 || h.stdout !== outcome.batch.stdout) {
      const bad = /c\/templates\/t(\d+)\.yaml/.exec(h.error ?? '');
      if (bad) single(Number(bad[1]));
      else if (h.status === 0) for (const i of outcome.accepted) single(i);
      else problems.push({ invariant: 'helm-disagree', call: `helm${major}(templates)`, error: 'Helm refuses the set', detail: { helm: h.error?.slice(0, 2000) } });
    }
  }
  for (const i of input.snippets.map((_, i) => i).filter((i) => !outcome.accepted.includes(i)).slice(0, 3)) single(i);
  return problems;
}

const canonJson = (s) => {
  const sort = (v) => (Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v);
  try { return JSON.stringify(sort(JSON.parse(s))); } catch { return s; }
};

/** Compares our reading of one input (`ours`: {json}|{error}) with Helm's single run; returns problems. */
function compareSingle(major, input, ours) {
  const h = helmSingle(major, input);
  if (h.status === 0 && ours.json !== undefined) {
    return ours.json === h.values ? [] : [{ invariant: 'helm-disagree', call: `helm${major}`, error: 'values differ', detail: { helm: h.values, ours: ours.json } }];
  }
  if (h.status === 0) return [{ invariant: 'helm-disagree', call: `helm${major}`, error: `we refuse what Helm accepts: ${ours.error?.code}`, detail: { helm: h.values, ours: ours.error } }];
  if (ours.json !== undefined) return [{ invariant: 'helm-disagree', call: `helm${major}`, error: 'we accept what Helm refuses', detail: { helm: h.stderr.slice(0, 2000), ours: ours.json.slice(0, 2000) } }];
  // where Helm's answer is random (several refused keys: sigs.k8s.io/yaml walks maps in Go's random order), ours
  // lists every other answer Helm may give: Helm's must be one of them (and ours is one by construction)
  const answers = [ours.error?.message, ...(ours.error?.alternatives ?? [])];
  return answers.some((m) => h.stderr.includes(`Error: ${m}\n`) || h.stderr.endsWith(`Error: ${m}`)) ? [] : [{ invariant: 'helm-message', call: `helm${major}`, error: `message differs (${ours.error?.code})`, detail: { helm: h.stderr.slice(0, 2000), ours: ours.error } }];
}

// the reference comparison of tests/reference/corpus.test.ts, on the fly
const GO_CODES = [
  [/^repository name must have at least one component$/, ['REFERENCE_EMPTY']],
  [/^repository name must be lowercase$/, ['REFERENCE_NAME_NOT_LOWERCASE']],
  [/must not be more than 255 characters$/, ['REFERENCE_NAME_TOO_LONG']],
  [/^unsupported digest algorithm$/, ['REFERENCE_UNSUPPORTED_DIGEST']],
  [/^invalid checksum digest (length|format)$/, ['REFERENCE_INVALID_DIGEST']],
  [/^invalid reference format$/, ['REFERENCE_INVALID_FORMAT', 'REFERENCE_INVALID_TAG', 'REFERENCE_INVALID_DOMAIN', 'REFERENCE_INVALID_DIGEST']],
];
const dockerDomain = (d) => d.includes('.') || d.includes(':') || d === 'localhost' || d !== d.toLowerCase() || d.startsWith('[');

function compareReferences(refs, verdicts) {
  const go = referenceOracle(refs);
  if (!go) return { problems: [], oracle: false };
  const problems = [];
  refs.forEach((ref, i) => {
    const g = go[i].v060;
    const v = verdicts[i];
    let why;
    if (g.ok !== v.ok) why = g.ok ? `Go accepts, we refuse (${v.code})` : `Go refuses (${g.err}), we accept`;
    else if (g.ok) {
      const registry = g.domain && dockerDomain(g.domain) ? g.domain : undefined;
      const want = { registry, repository: registry ? g.path : g.name, tag: g.tag || undefined, digest: g.digest || undefined };
      const have = { registry: v.registry, repository: v.repository, tag: v.tag, digest: v.digest };
      if (JSON.stringify(want) !== JSON.stringify(have)) why = `parts ${JSON.stringify(have)}, Go ${JSON.stringify(want)}`;
    } else {
      const allowed = GO_CODES.find(([re]) => re.test(g.err))?.[1] ?? [];
      if (!allowed.includes(v.code)) why = `code ${v.code}, Go says ${g.err}`;
    }
    if (why) problems.push({ invariant: 'go-disagree', call: 'parseImageReference', error: why.replace(/"[^"]*"/g, '"…"').slice(0, 60), detail: { ref, why, go: go[i] }, single: { refs: [ref] } });
  });
  return { problems, oracle: true };
}

function runCli(input, budget) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-cli-'));
  try {
    for (const [name, text] of Object.entries(input.files)) {
      fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
      fs.writeFileSync(path.join(tmp, name), text);
    }
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--max-old-space-size=2048', CLI, ...input.args], { cwd: tmp, encoding: 'utf8', timeout: budget, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
    const problems = [];
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.error?.code === 'ETIMEDOUT' || r.signal) problems.push({ invariant: r.signal === 'SIGTERM' ? 'hang' : 'crash', call: 'cli', error: `${r.signal ?? r.error?.code} after ${Date.now() - t0} ms` });
    else if (![0, 1, 2].includes(r.status)) problems.push({ invariant: 'cli-exit', call: 'cli', error: `exit ${r.status}`, detail: r.stderr.slice(0, 2000) });
    // a reference no runtime could pull, printed as an image (validate may quote one in a diagnostic about it)
    // (JSON output carries diagnostics too, whose messages may quote Helm's own `%!t(string=…)`: only its images count)
    const invented = input.args[0] === 'images' && r.status !== 2 && /^.*(%!|<nil>).*$/m.exec(printedImages(r.stdout ?? ''));
    if (invented) problems.push({ invariant: 'invented-reference', call: `cli ${input.args[0]}`, error: 'printed an image reference holding %! or <nil>', detail: invented[0].slice(0, 300) });
    const internal = /internal error[^\n]*|\n\s+at [^\n]+:\d+:\d+\)?/.exec(out);
    if (internal) problems.push({ invariant: 'cli-internal-error', call: 'cli', error: internal[0].trim().slice(0, 160), detail: r.stderr.slice(0, 2000) });
    return { problems, ms: Date.now() - t0 };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** What `images` printed as images: the references (and copy destinations) of JSON output, else the text itself. */
function printedImages(stdout) {
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return stdout;
  }
  const out = [];
  const walk = (v, key) => {
    if (typeof v === 'string') {
      if (key === 'reference' || key === 'destination' || key === 'source' || key === 'image') out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'diagnostics') walk(x, k);
  };
  walk(doc, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// findings

/** What makes two findings one: the kind, the invariant, the call and the gist of the message (no values in it). */
function signature(kind, p) {
  const norm = String(p.error ?? '')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/%!\w*\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, '…')
    .replace(/\b(on|of|at|for|in) [^\s:,]+/g, '$1 …')
    .replace(/\d+/g, 'N')
    .slice(0, 60);
  return `${kind}|${p.invariant}|${p.call}|${norm}`;
}

class Findings {
  constructor(seed, quiet) {
    this.seed = seed;
    this.quiet = quiet;
    this.bySig = new Map();
    fs.mkdirSync(FINDINGS, { recursive: true });
  }
  add(kind, n, input, p) {
    const sig = signature(kind, p);
    const seen = this.bySig.get(sig);
    if (seen) { seen.count++; return; }
    let file = path.join(FINDINGS, `${kind}-${this.seed}-${n}.json`);
    for (let i = 2; fs.existsSync(file); i++) file = path.join(FINDINGS, `${kind}-${this.seed}-${n}-${i}.json`);
    const record = { kind, seed: this.seed, n, invariant: p.invariant, call: p.call, error: p.error, detail: p.detail, stack: p.stack, input: p.single ?? input,
      replay: `npm run fuzz -- --replay ${path.relative(ROOT, file)}` };
    fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
    this.bySig.set(sig, { count: 1, file: path.relative(ROOT, file), kind, invariant: p.invariant, error: p.error });
    if (!this.quiet) console.log(`  finding: ${kind} ${p.invariant} ${p.call}: ${String(p.error).slice(0, 140)} -> ${path.relative(ROOT, file)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// one kind's step: generate, run in the worker, compare with the oracle

const haveHelm = (o, major) => o.helm && !!helmBinaries.helmPath(major);

/** What sets a hostile input apart, so that hangs of different causes are different findings. */
function inputHint(kind, input) {
  if (kind !== 'chart') return '';
  const special = [...new Set(input.entries.filter((e) => e.type !== 'file' && e.type !== 'tgz').map((e) => e.type))];
  if (input.entries.some((e) => e.path.endsWith('values.schema.json') && /"pattern":"[^"]*\)[+*]/.test(e.text ?? ''))) special.push('quantified group in a schema pattern');
  if (input.entries.some((e) => (e.text ?? '').length > 100_000)) special.push('huge file');
  return special.length ? ` (${special.sort().join(', ')})` : '';
}

// Slowness is judged on CPU time, not wall time: the machine a campaign runs on may be shared (2 cores and other
// jobs), and a loaded machine stretches wall time many times over while the CPU time an input costs stays nearly
// the same. An input over the threshold is run once more (the worker's heap may have charged it a collection that
// earlier inputs caused) and is reported only when it is slow both times. A hang is wall time (the budget: an
// input blocked in I/O uses no CPU) and is likewise run once more before it is reported.
const slowCpuMs = (o) => o.budget / 3;

// A chart input does what its templates ask, and a template may ask for seconds of honest work (a 100,000-key
// map through toYaml takes Helm 6.8 s of CPU). So a slow chart input is judged against Helm's own CPU time for
// `helm template` of the same tree: the worker renders the release three times (validateValues, resolveImages,
// renderChart), and it is slow only when it costs more than CHART_HELM_FACTOR times Helm's one render (three
// renders and half as much again). Without the Helm binaries the absolute threshold alone decides.
const CHART_HELM_FACTOR = 4.5;

/** Helm's CPU time (user + system, ms) for `helm template` of a chart input; Infinity when Helm times out. Taken
 * once per input (a replay judges the same input twice). */
const HELM_CPU = new WeakMap();
function helmChartCpuMs(o, input) {
  if (!haveHelm(o, input.helmVersion)) return undefined;
  if (!HELM_CPU.has(input)) HELM_CPU.set(input, measureHelmChartCpuMs(input));
  return HELM_CPU.get(input);
}

function measureHelmChartCpuMs(input) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-helmcpu-'));
  try {
    const root = materialize(tmp, input);
    const bin = helmBinaries.helmPath(input.helmVersion);
    const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; { time "$0" template r "$1" --include-crds >/dev/null 2>&1; } 2>&1', bin, root], { cwd: tmp, encoding: 'utf8', env: helmEnv(tmp), timeout: 120_000 });
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stdout ?? '');
    return m ? (Number(m[1]) + Number(m[2])) * 1000 : Infinity;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Whether an input that took cpuMs of CPU is slow: for chart inputs, measured against Helm (see above). */
function slowVerdict(o, kind, input, cpuMs) {
  if (kind !== 'chart') return { slow: true, note: '' };
  const helmMs = helmChartCpuMs(o, input);
  if (helmMs === undefined) return { slow: true, note: '' };
  return { slow: cpuMs > CHART_HELM_FACTOR * helmMs, note: `; helm template ${Number.isFinite(helmMs) ? `${Math.round(helmMs)} ms CPU` : 'no answer'}` };
}

async function workerProblems(worker, kind, input, o) {
  let r = await worker.run(kind, input, o.budget);
  if (r.timeout) {
    const again = await worker.run(kind, input, o.budget);
    if (again.timeout) return { problems: [{ invariant: 'hang', call: kind, error: `no answer within ${r.timeout} ms, twice${inputHint(kind, input)}` }] };
    r = again;
  }
  if (r.crash) return { problems: [{ invariant: 'crash', call: kind, error: r.crash.replace(/\d{4,}/g, 'N') }] };
  // within the budget but slow: a hint of super-linear work (the size says whether the input earns it)
  if (r.cpuMs > slowCpuMs(o)) {
    const again = await worker.run(kind, input, o.budget);
    const verdict = again.timeout || again.cpuMs > slowCpuMs(o) ? slowVerdict(o, kind, input, Math.min(r.cpuMs, again.timeout ? Infinity : again.cpuMs)) : { slow: false };
    if (verdict.slow) {
      r.problems.push({ invariant: 'slow', call: kind, error: `${Math.round(r.cpuMs)} ms CPU (then ${again.timeout ? 'no answer' : `${Math.round(again.cpuMs)} ms`}) for an input of ${JSON.stringify(input).length} characters${inputHint(kind, input)}${verdict.note}` });
    }
  }
  return r;
}

async function step(kind, n, o, worker, findings, stats) {
  const rngFor = (i) => new Rng(hashStr(`${o.seed}:${kind}:${n}:${i}`));
  const batch = kind === 'real' || kind === 'yaml' ? o.batch : 1;
  const items = [];
  for (let i = 0; i < batch; i++) items.push({ n: batch > 1 ? `${n}.${i}` : `${n}`, input: GENERATORS[kind](rngFor(i)) });
  for (const it of items) {
    if (kind === 'cli') {
      it.result = runCli(it.input, o.budget * 3);
    } else {
      it.result = await workerProblems(worker, kind, it.input, o);
    }
    stats.inputs++;
    for (const p of it.result.problems) findings.add(kind, it.n, it.input, p);
  }
  // oracles
  if (kind === 'reference') {
    const it = items[0];
    if (it.result.outcome) {
      const c = compareReferences(it.input.refs, it.result.outcome.verdicts);
      stats.oracle.go = c.oracle;
      stats.compared += c.oracle ? it.input.refs.length : 0;
      for (const p of c.problems) findings.add(kind, it.n, it.input, p);
    }
  } else if (kind === 'template') {
    const it = items[0];
    if (it.result.outcome && it.input.snippets && haveHelm(o, it.input.helmVersion)) {
      for (const p of compareTemplates(it.input.helmVersion, it.input, it.result.outcome, stats)) findings.add(kind, it.n, it.input, p);
    }
  } else if (kind === 'set') {
    const it = items[0];
    if (it.result.outcome && haveHelm(o, it.input.helmVersion)) {
      for (const p of compareSingle(it.input.helmVersion, it.input, it.result.outcome)) findings.add(kind, it.n, it.input, p);
      stats.compared++;
    }
  } else if (batch > 1) {
    for (const major of [3, 4]) {
      if (!haveHelm(o, major)) continue;
      const mine = items.filter((it) => it.input.helmVersion === major && it.result.outcome);
      const accepted = mine.filter((it) => it.result.outcome.sub.json !== undefined);
      const subs = accepted.length ? helmSubBatch(major, accepted.map((it) => it.input.text)) : [];
      const singles = mine.filter((it) => it.result.outcome.sub.json === undefined);
      if (subs === undefined) singles.push(...accepted);
      else {
        accepted.forEach((it, i) => {
          stats.compared++;
          if (subs[i] === undefined || canonJson(subs[i]) !== it.result.outcome.sub.json) {
            findings.add(kind, it.n, it.input, { invariant: 'helm-disagree', call: `helm${major}(subchart)`, error: 'subchart values differ', detail: { helm: subs[i], ours: it.result.outcome.sub.json } });
          }
        });
      }
      for (const it of singles) {
        stats.compared++;
        for (const p of compareSingle(major, it.input, it.result.outcome.file)) findings.add(kind, it.n, it.input, p);
      }
    }
  }
}

async function replay(file, o) {
  const rec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const worker = new Worker();
  const problems = [];
  try {
    if (rec.kind === 'cli') problems.push(...runCli(rec.input, o.budget * 3).problems);
    else {
      const r = await workerProblems(worker, rec.kind, rec.input, o);
      problems.push(...r.problems);
      // a slow input is judged on a machine that may be more or less loaded than the campaign's
      if (rec.invariant === 'slow' && r.cpuMs > o.budget / 10 && !r.problems.some((p) => p.invariant === 'slow')) {
        const verdict = slowVerdict(o, rec.kind, rec.input, r.cpuMs);
        if (verdict.slow) problems.push({ invariant: 'slow', call: rec.kind, error: `${Math.round(r.cpuMs)} ms CPU${verdict.note} (recorded: ${rec.error})` });
        else console.log(`${Math.round(r.cpuMs)} ms CPU${verdict.note}: within ${CHART_HELM_FACTOR} times Helm's render`);
      }
      if (r.outcome) {
        if (rec.kind === 'reference') problems.push(...compareReferences(rec.input.refs, r.outcome.verdicts).problems);
        else if (rec.kind === 'set' && haveHelm(o, rec.input.helmVersion)) problems.push(...compareSingle(rec.input.helmVersion, rec.input, r.outcome));
        else if (rec.kind === 'template' && rec.input.snippets && haveHelm(o, rec.input.helmVersion)) problems.push(...compareTemplates(rec.input.helmVersion, rec.input, r.outcome, { compared: 0 }));
        else if ((rec.kind === 'real' || rec.kind === 'yaml') && haveHelm(o, rec.input.helmVersion)) {
          problems.push(...compareSingle(rec.input.helmVersion, rec.input, r.outcome.file));
          const subs = r.outcome.sub.json !== undefined ? helmSubBatch(rec.input.helmVersion, [rec.input.text]) : undefined;
          if (subs && canonJson(subs[0]) !== r.outcome.sub.json) problems.push({ invariant: 'helm-disagree', call: 'subchart', error: 'subchart values differ', detail: { helm: subs[0], ours: r.outcome.sub.json } });
        }
        console.log(`outcome: ${JSON.stringify(r.outcome).slice(0, 2000)}`);
        if (r.ms !== undefined) console.log(`time: ${r.ms.toFixed(1)} ms (${r.cpuMs.toFixed(1)} ms CPU)`);
      }
    }
  } finally {
    worker.kill();
  }
  console.log(`replayed ${file} (${rec.kind}, recorded: ${rec.invariant}: ${rec.error})`);
  if (!problems.length) {
    console.log('the finding no longer reproduces');
    return 0;
  }
  for (const p of problems) console.log(`${p.invariant} ${p.call}: ${p.error}${p.detail ? `\n  ${JSON.stringify(p.detail).slice(0, 1500)}` : ''}${p.stack ? `\n${p.stack}` : ''}`);
  return 1;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) usage('dist/ is missing: run npm run build first');
  if (o.replay) process.exit(await replay(o.replay, o));
  if (o.generate !== undefined) {
    // the inputs of the first COUNT steps of each kind, exactly as a campaign with this seed generates them
    for (let n = 0; n < o.generate; n++) {
      for (const kind of o.only) {
        const batch = kind === 'real' || kind === 'yaml' ? o.batch : 1;
        for (let i = 0; i < batch; i++) console.log(JSON.stringify({ kind, n: batch > 1 ? `${n}.${i}` : `${n}`, input: GENERATORS[kind](new Rng(hashStr(`${o.seed}:${kind}:${n}:${i}`))) }));
      }
    }
    return;
  }
  const findings = new Findings(o.seed, o.quiet);
  const worker = new Worker();
  const stats = { inputs: 0, compared: 0, oracle: {} };
  const perKind = Object.fromEntries(o.only.map((k) => [k, { steps: 0, ms: 0 }]));
  const end = Date.now() + o.seconds * 1000;
  console.log(`fuzz: seed ${o.seed}, ${o.seconds} s, kinds ${o.only.join(', ')}; Helm 3 ${haveHelm(o, 3) ? 'yes' : 'no'}, Helm 4 ${haveHelm(o, 4) ? 'yes' : 'no'}`);
  let n = 0;
  try {
    while (Date.now() < end) {
      const kind = o.only[n % o.only.length];
      const t0 = Date.now();
      await step(kind, Math.floor(n / o.only.length), o, worker, findings, stats);
      perKind[kind].steps++;
      perKind[kind].ms += Date.now() - t0;
      n++;
    }
  } finally {
    worker.kill();
  }
  console.log(`fuzz: ${stats.inputs} inputs (${Object.entries(perKind).map(([k, v]) => `${k} ${v.steps}`).join(', ')}), ${stats.compared} compared with Helm/Go${stats.budget ? ` (${stats.budget} templates past the raised render budgets)` : ''}${stats.oracle.go === false ? ' (Go oracle missing)' : ''}`);
  const list = [...findings.bySig.values()];
  console.log(`fuzz: ${list.length} distinct findings${list.length ? ':' : ''}`);
  for (const f of list) console.log(`  ${f.kind} ${f.invariant} x${f.count}: ${String(f.error).slice(0, 120)}\n    ${f.file}`);
  process.exit(list.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
