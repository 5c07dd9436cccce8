// The fuzzer's worker: runs one input of one kind through the library and reports what happened. It runs in its
// own process (fuzz/run.mjs forks it), so that a hang can be killed and an out-of-memory crash is a finding,
// not the end of the campaign. After every input it checks that no prototype was written to.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { materialize } from './tree.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = require(path.join(ROOT, 'dist', 'cjs', 'index.js'));
const node = require(path.join(ROOT, 'dist', 'cjs', 'node', 'index.js'));
const { loadValues, validateValues, resolveImages, checkProfile, valuesSchema, parseImageReference, ValuesError, ResolveError, ImageReferenceError, ProfileError } = lib;

const PROTOS = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Number: Number.prototype, Boolean: Boolean.prototype, RegExp: RegExp.prototype };
const protoSnapshot = () => Object.fromEntries(Object.entries(PROTOS).map(([k, p]) => [k, Reflect.ownKeys(p).map(String).sort().join(',')]));
const baseline = protoSnapshot();

function pollution() {
  const now = protoSnapshot();
  const out = [];
  for (const [k, keys] of Object.entries(now)) {
    if (keys === baseline[k]) continue;
    const before = new Set(baseline[k].split(','));
    const added = keys.split(',').filter((x) => !before.has(x));
    out.push(`${k}.prototype gained ${added.join(', ')}`);
    for (const a of added) delete PROTOS[k][a];
  }
  return out;
}

/** Calls fn; an exception is a problem unless it is one of the typed errors the API documents for it. */
function guarded(problems, what, allowed, fn) {
  try {
    return { value: fn() };
  } catch (e) {
    if (allowed.some((C) => e instanceof C)) return { error: e };
    problems.push({ invariant: 'untyped-exception', call: what, error: `${e?.name ?? typeof e}: ${e?.message ?? String(e)}`, stack: String(e?.stack ?? '').split('\n').slice(0, 8).join('\n') });
    return { error: e };
  }
}

const errText = (e) => ({ name: e?.name, code: e?.code, message: e?.message, ...(e?.alternatives ? { alternatives: e.alternatives } : {}) });
const sortKeys = (v) => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v);

function valuesChecks(problems, loaded, options) {
  guarded(problems, 'validateValues', [], () => validateValues(loaded, options));
  guarded(problems, 'resolveImages', [ResolveError, ValuesError, ImageReferenceError, ProfileError], () => resolveImages(loaded, options));
}

const { assembleChart } = require(path.join(ROOT, 'dist', 'cjs', 'chart', 'chart.js'));
const { DEFAULT_VALUES } = await import('../scripts/record-template-corpus.mjs');
const { renderChart } = lib;
const enc = new TextEncoder();
export const TEMPLATE_HELPERS = '{{- define "h" }}[{{ . }}]{{ end -}}';

/** Renders templates (name -> text) as a chart `c` with the corpus's values: { stdout } or { error, code, text }. */
async function renderTemplatesAsChart(problems, helmVersion, templates, limits) {
  const files = [
    { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.2.3"\n') },
    { name: 'values.yaml', data: enc.encode(DEFAULT_VALUES) },
    { name: 'templates/_helpers.tpl', data: enc.encode(TEMPLATE_HELPERS) },
    ...Object.entries(templates).map(([name, text]) => ({ name, data: enc.encode(text) })),
  ];
  const chart = await assembleChart(files, 'c', { helmVersion, unpack: async () => [] });
  const loaded = loadValues({ chart, helmVersion });
  const r = guarded(problems, 'renderChart', [ResolveError], () => renderChart(loaded, { releaseName: 'r', helmVersion, ...(limits ? { limits } : {}) }));
  if (r.value) return { stdout: r.value.output };
  return { error: r.error?.message, code: r.error?.code, text: r.error?.rendered?.['c/templates/t.yaml'] };
}

/** The renderer's default budgets (src/template/exec.ts DEFAULT_LIMITS) raised 16-fold. */
const RAISED_LIMITS = { maxSteps: 32_000_000, maxOutput: 128 * 1024 * 1024 };

const STATUSES = new Set(['ok', 'missing', 'digest-mismatch', 'platform-missing', 'unauthorized', 'unreachable', 'invalid']);

const RUN = {
  // the registry check against a server answering with generated answers: every reference ends in one status
  async registry(input, problems) {
    const http = await import('node:http');
    let n = 0;
    const server = http.createServer((req, res) => {
      const a = input.answers[n++ % input.answers.length];
      if (a.hang) return;
      res.writeHead(a.status, a.headers);
      res.end(a.body);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const port = server.address().port;
    try {
      const images = input.refs.map((ref, i) => ({ reference: `127.0.0.1:${port}/${ref}`, valuesPath: `v${i}`, ...(input.workloads?.[i] ? { workloads: input.workloads[i].map((w) => (w.arch === undefined ? { kind: w.kind, name: w.name, container: w.container } : w)) } : {}) }));
      const checks = await node.checkImages(images, { insecure: true, timeoutMs: 300, retries: 1, platforms: input.platforms });
      const unique = new Set(images.map((i) => i.reference)).size;
      if (checks.length !== unique) problems.push({ invariant: 'registry-check', call: 'checkImages', error: `${checks.length} results for ${unique} references` });
      for (const c of checks) if (!STATUSES.has(c.status) || typeof c.message !== 'string' || c.message === '') problems.push({ invariant: 'registry-check', call: 'checkImages', error: `bad result ${JSON.stringify(c).slice(0, 200)}` });
      // a platform-missing result names platforms that were asked for
      for (const c of checks) if (c.status === 'platform-missing' && !(c.required ?? []).length) problems.push({ invariant: 'registry-check', call: 'checkImages', error: `platform-missing with nothing required: ${JSON.stringify(c).slice(0, 200)}` });
      return { statuses: checks.map((c) => c.status) };
    } finally {
      server.closeAllConnections();
      server.close();
    }
  },

  // generated templates, each alone and the accepted ones together (compared with Helm by run.mjs); a hostile
  // template must end with render-limit, or with Helm's own recursion errors, within the budget
  async template(input, problems) {
    if (input.hostile !== undefined) {
      const r = await renderTemplatesAsChart(problems, input.helmVersion, { 'templates/t.yaml': input.hostile });
      const helmLimit = r.code === 'render-failed' && /rendering template has a nested reference name|exceeded maximum template depth \(100000\)/.test(r.error ?? '');
      if (r.code !== 'render-limit' && !helmLimit && !problems.length) {
        problems.push({ invariant: 'hostile-not-refused', call: 'renderChart', error: r.code ? `${r.code}: ${String(r.error).slice(0, 100)}` : 'rendered' });
      }
      return { hostile: r.code ?? 'rendered' };
    }
    const singles = [];
    for (const t of input.snippets) {
      const one = await renderTemplatesAsChart(problems, input.helmVersion, { 'templates/t.yaml': t });
      // a budget is a deliberate difference from Helm (which has none): run.mjs compares the render with the
      // budgets raised 16-fold, so a limit that fires too early, or a later error of a different text, still shows
      if (one.code === 'render-limit') one.raised = await renderTemplatesAsChart(problems, input.helmVersion, { 'templates/t.yaml': t }, RAISED_LIMITS);
      singles.push(one);
    }
    const accepted = input.snippets.map((_, i) => i).filter((i) => singles[i].stdout !== undefined);
    const batch = await renderTemplatesAsChart(problems, input.helmVersion, Object.fromEntries(accepted.map((i) => [`templates/t${i}.yaml`, input.snippets[i]])));
    return { singles, accepted, batch };
  },

  // the values of one text, as -f and as a subchart's values.yaml, for comparison with Helm; then the validator
  values(input, problems) {
    const v = input.helmVersion;
    const asFile = guarded(problems, 'loadValues', [ValuesError], () => loadValues({ helmVersion: v, chartName: 'c', chartValues: { name: 'values.yaml', text: '' }, valuesFiles: [{ name: 'f0.yaml', text: input.text }] }));
    const asSub = guarded(problems, 'loadValues(subchart)', [ValuesError], () => loadValues({ helmVersion: v, chartName: 'c', chartValues: { name: 'values.yaml', text: '' }, subcharts: { s: input.text } }));
    if (asFile.value) valuesChecks(problems, asFile.value, { profile: input.profile ?? 'gloo' });
    return {
      file: asFile.value ? { json: asFile.value.toJson() } : { error: errText(asFile.error) },
      sub: asSub.value ? { json: JSON.stringify(sortKeys(asSub.value.subcharts.s)) } : { error: errText(asSub.error) },
    };
  },
  set(input, problems) {
    const r = guarded(problems, 'loadValues', [ValuesError], () => loadValues({
      helmVersion: input.helmVersion, chartName: 'c', chartValues: { name: 'values.yaml', text: input.base ?? '' },
      set: input.set, setString: input.setString, setJson: input.setJson, setLiteral: input.setLiteral,
    }));
    if (r.value) valuesChecks(problems, r.value, { profile: 'gloo' });
    return r.value ? { json: r.value.toJson() } : { error: errText(r.error) };
  },
  image(input, problems) {
    const values = JSON.parse(input.valuesJson);
    const res = guarded(problems, 'validateValues', [], () => validateValues(values, input.options));
    const imgs = guarded(problems, 'resolveImages', [ResolveError, ValuesError, ImageReferenceError, ProfileError], () => resolveImages(values, input.options));
    // a printed reference no runtime could pull is reported as a diagnostic, never silently
    for (const im of imgs.value ?? []) {
      if (/%!|<nil>|^\//.test(im.reference ?? '') && res.value && !res.value.diagnostics.some((d) => d.severity !== 'info')) {
        problems.push({ invariant: 'invented-reference', call: 'resolveImages', error: `printed ${JSON.stringify(im.reference)} for ${im.valuesPath} with no diagnostic` });
      }
    }
    return { diagnostics: res.value?.diagnostics?.length, images: imgs.value?.length, error: imgs.error ? errText(imgs.error) : undefined };
  },
  profile(input, problems) {
    const profile = JSON.parse(input.profileJson);
    const values = JSON.parse(input.valuesJson);
    const checked = guarded(problems, 'checkProfile', [ProfileError], () => checkProfile(profile));
    const opts = { profile, ...(input.chartVersion ? { chartVersion: input.chartVersion } : {}) };
    // an untrusted profile may be refused anywhere, but only with ProfileError (or ResolveError profile-invalid)
    guarded(problems, 'valuesSchema', [ProfileError, ResolveError], () => valuesSchema(profile));
    guarded(problems, 'validateValues', [], () => validateValues(values, opts));
    guarded(problems, 'resolveImages', [ResolveError, ValuesError, ImageReferenceError, ProfileError], () => resolveImages(values, opts));
    if (checked.value) {
      // a profile checkProfile accepts must not fail later for a reason the check could have seen
      const s = guarded(problems, 'valuesSchema(checked)', [], () => valuesSchema(profile));
      void s;
    }
    return { accepted: !!checked.value };
  },
  async chart(input, problems) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-fuzz-chart-'));
    try {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const root = materialize(dir, input);
      // writing the tree is the harness's work, not the library's: it does not count against the input
      problems.setupMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const c1 = process.cpuUsage(c0);
      problems.setupCpuMs = (c1.user + c1.system) / 1000;
      const chart = await node.loadChart(root).then((c) => ({ value: c }), (e) => ({ error: e }));
      if (chart.error && !(chart.error instanceof ValuesError)) {
        problems.push({ invariant: 'untyped-exception', call: 'loadChart', error: `${chart.error?.name}: ${chart.error?.message}`, stack: String(chart.error?.stack ?? '').split('\n').slice(0, 8).join('\n') });
      }
      if (chart.value) {
        const loaded = guarded(problems, 'loadValues({chart})', [ValuesError], () => loadValues({ chart: chart.value, helmVersion: input.helmVersion }));
        if (loaded.value) valuesChecks(problems, loaded.value, {});
        // the chart's templates and files are input too: a render ends, with output or a typed error
        if (loaded.value) {
          const rendered = guarded(problems, 'renderChart', [ResolveError], () => renderChart(loaded.value, { includeCrds: true, releaseName: 'r' }));
          return { loaded: true, rendered: rendered.value ? rendered.value.documents.length : errText(rendered.error) };
        }
        return { loaded: !!loaded.value, error: loaded.error ? errText(loaded.error) : undefined };
      }
      return { error: errText(chart.error) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  reference(input, problems) {
    return {
      verdicts: input.refs.map((ref) => {
        const r = guarded(problems, 'parseImageReference', [ImageReferenceError], () => parseImageReference(ref));
        return r.value ? { ok: true, ...r.value } : { ok: false, code: r.error?.code, message: r.error?.message };
      }),
    };
  },
};


// ---------------------------------------------------------------------------------------------------------------

export async function runInput(kind, input) {
  const problems = [];
  const fn = kind === 'real' || kind === 'yaml' ? RUN.values : RUN[kind];
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let outcome;
  try {
    outcome = await fn(input, problems);
  } catch (e) {
    problems.push({ invariant: 'untyped-exception', call: kind, error: `${e?.name}: ${e?.message}`, stack: String(e?.stack ?? '').split('\n').slice(0, 8).join('\n') });
  }
  for (const p of pollution()) problems.push({ invariant: 'prototype-pollution', call: kind, error: p });
  const mem = process.memoryUsage();
  if (mem.heapUsed > 1.5 * 1024 ** 3) problems.push({ invariant: 'memory', call: kind, error: `heap ${Math.round(mem.heapUsed / 2 ** 20)} MiB after the input` });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 - (problems.setupMs ?? 0);
  // CPU time of this process (user + system) while the input ran: what the input cost, whatever else the
  // machine was doing (wall time grows with the load of other processes, CPU time hardly)
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000 - (problems.setupCpuMs ?? 0);
  return { outcome, problems: [...problems], ms, cpuMs, heapMiB: Math.round(mem.heapUsed / 2 ** 20) };
}

if (process.send) {
  process.on('message', async (msg) => {
    const res = await runInput(msg.kind, msg.input);
    process.send({ id: msg.id, ...res });
  });
}
