// Render failures, YAML errors of rendered documents and the template command's flags against what the real Helm
// 3.17.1 and 4.1.4 printed (tests/differential/render-failures/corpus.json, scripts/record-render-failures.mjs):
// renderChart fails with Helm's text; validateValues reports it as render-failed (helmOutput: Helm's line) at the
// value the case says it is traced to, or inside the error already at that value; gloo-ee's licence check is an
// info and the release is rendered as with a key; the CLI's template prints (and writes) what Helm printed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, renderChart, resolveImages, ResolveError, validateValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { SHARED } from '../helpers/cases';
import { runCli, ROOT } from '../cli/run-cli';

interface Outcome { status: number; stdoutSha256: string; stdout?: string; stderr: string; files?: Record<string, string> }
interface Case {
  id: string;
  chart: string;
  values?: string;
  args?: string[];
  release?: string;
  trace?: string;
  merged?: string;
  licence?: boolean;
  helm3: Outcome;
  helm4: Outcome;
  helm3WithKey?: Outcome;
  helm4WithKey?: Outcome;
}
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, 'render-failures', 'corpus.json'), 'utf8')) as { cases: Case[] };
const chartDir = (c: string) => (c.startsWith('gloo-ee:') ? path.join(ROOT, '.cache', 'gloo-ee-charts', c.slice(8)) : path.join(SHARED, 'charts', c));
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** What Helm printed after `Error: ` (without the --debug hint template adds). */
const helmError = (o: Outcome) => {
  const i = o.stderr.indexOf('Error: ');
  return o.stderr.slice(i + 'Error: '.length).trimEnd().replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
};

/** The values of a case as loadValues reads them: -f f0.yaml, and --set/--set-string of its args. */
function load(c: Case, chart: Awaited<ReturnType<typeof loadChart>>, helmVersion: 3 | 4) {
  const set: string[] = [];
  const setString: string[] = [];
  const a = c.args ?? [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--set') set.push(a[++i]!);
    else if (a[i] === '--set-string') setString.push(a[++i]!);
  }
  return loadValues({ chart, helmVersion, set, setString, ...(c.values !== undefined ? { valuesFiles: [{ name: 'f0.yaml', text: c.values }] } : {}) });
}

const failing = corpus.cases.filter((c) => c.id.startsWith('trace/') || c.id.startsWith('yaml/'));
const present = (c: Case) => fs.existsSync(chartDir(c.chart));
for (const c of corpus.cases) if (!present(c)) console.log(`skipped ${c.id}: ${chartDir(c.chart)} is not there (gloo-ee charts: node scripts/record-gloo-ee-renders.mjs --materialise)`);

describe.each([3, 4] as const)('Helm %s', (h) => {
  const out = (c: Case) => (h === 3 ? c.helm3 : c.helm4);
  const withKey = (c: Case) => (h === 3 ? c.helm3WithKey : c.helm4WithKey)!;

  test.each(failing.filter((c) => present(c) && c.helm4.status !== 0).map((c) => [c.id, c] as const))('%s: renderChart fails with Helm\'s text', async (_id, c) => {
    const loaded = load(c, await loadChart(chartDir(c.chart)), h);
    expect(out(c).status).toBe(1);
    let err: unknown;
    try {
      renderChart(loaded, { releaseName: c.release ?? 'gloo' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResolveError);
    expect((err as ResolveError).message).toBe(helmError(out(c)));
  });

  test.each(failing.filter((c) => present(c)).map((c) => [c.id, c] as const))('%s: validateValues says it once, at its value', async (_id, c) => {
    const loaded = load(c, await loadChart(chartDir(c.chart)), h);
    const r = validateValues(loaded);
    // with a licence check, the release with the key is what is validated
    const verdict = c.licence ? withKey(c) : out(c);
    const failures = r.diagnostics.filter((d) => d.code === 'render-failed');
    if (c.licence) expect(r.diagnostics.filter((d) => d.code === 'license-key-missing').map((d) => [d.severity, d.path])).toEqual([['info', 'license_key']]);
    if (verdict.status === 0) {
      expect(failures).toEqual([]);
      return;
    }
    const text = helmError(verdict);
    if (c.merged) {
      expect(failures).toEqual([]);
      const kept = r.diagnostics.filter((d) => d.code === c.merged && d.path === c.trace);
      expect(kept).toHaveLength(1);
      expect(kept[0]!.message).toContain(`helm template fails on it: ${text}`);
      return;
    }
    expect(failures.map((d) => [d.path, d.helmOutput, d.severity])).toEqual([[c.trace ?? '', `Error: ${text}`, 'error']]);
    expect(r.valid).toBe(false);
  });

  const licenceCases = corpus.cases.filter((c) => c.licence && present(c)).map((c) => [c.id, c] as const);
  // the licence cases are all gloo-ee charts, which a clean clone has not materialised
  if (!licenceCases.length) test.skip('resolveImages renders as with a key unless requireLicense (gloo-ee charts not materialised)', () => {});
  else test.each(licenceCases)('%s: resolveImages renders as with a key unless requireLicense', async (_id, c) => {
    const loaded = load(c, await loadChart(chartDir(c.chart)), h);
    const notes: string[] = [];
    if (withKey(c).status === 0) {
      const images = resolveImages(loaded, { onDiagnostic: (d) => notes.push(d.code) });
      expect(images.length).toBeGreaterThan(0);
      expect(images.every((i) => i.source === 'rendered')).toBe(true);
      expect(notes).toEqual(['license-key-missing']);
    } else {
      expect(() => resolveImages(loaded)).toThrow(helmError(withKey(c)));
    }
    expect(() => resolveImages(loaded, { requireLicense: true })).toThrow(helmError(out(c)));
    const strict = validateValues(loaded, { requireLicense: true });
    expect(strict.diagnostics.filter((d) => d.code === 'license-key-missing').map((d) => d.severity)).toEqual(['error']);
    // Helm's licence failure is that error, not a second diagnostic
    if (withKey(c).status === 0) {
      expect(strict.diagnostics.filter((d) => d.code === 'render-failed')).toEqual([]);
      expect(strict.diagnostics.find((d) => d.code === 'license-key-missing')!.message).toContain(`helm template fails on it: ${helmError(out(c))}`);
    }
  });
});

describe.each([3, 4] as const)('template CLI, Helm %s', (h) => {
  const out = (c: Case) => (h === 3 ? c.helm3 : c.helm4);
  const cases = corpus.cases.filter((c) => c.id.startsWith('flags/') || c.id.startsWith('yaml/'));
  test.each(cases.filter(present).map((c) => [c.id, c] as const))('%s prints and writes what helm template did', (_id, c) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-tpl-'));
    try {
      const args = ['template', c.release ?? 'gloo', chartDir(c.chart), '--helm-version', String(h)];
      if (c.values !== undefined) {
        fs.writeFileSync(path.join(tmp, 'f0.yaml'), c.values);
        args.push('-f', 'f0.yaml');
      }
      args.push(...(c.args ?? []));
      const r = runCli(args, { cwd: tmp });
      const o = out(c);
      expect(r.code).toBe(o.status);
      expect(sha(r.stdout)).toBe(o.stdoutSha256);
      // Helm's error as it prints it (the --debug hint included), without the warnings before it
      if (o.status !== 0) expect(r.stderr).toBe(o.stderr.slice(o.stderr.indexOf('Error: ')));
      const walk = (d: string, base = d): string[] =>
        fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name), base) : [path.relative(base, path.join(d, e.name))]));
      const files = walk(tmp).filter((f) => f !== 'f0.yaml').sort();
      expect(Object.fromEntries(files.map((f) => [f, sha(fs.readFileSync(path.join(tmp, f), 'utf8'))]))).toEqual(o.files ?? {});
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

test('flags of helm template that an offline render cannot honour are usage errors naming the flag', () => {
  for (const flag of ['--post-renderer=x', '--generate-name', '-g', '--dry-run=server', '--debug', '--repo=https://x']) {
    const r = runCli(['template', 'x', path.join(SHARED, 'charts', 'dapr'), flag]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag.replace(/=.*/, '')} is a flag of helm template that this offline template does not support`);
  }
});

test.each(['trace/harbor-required-trust-ca', 'trace/cluster-autoscaler-range-map-required', 'trace/gloo-image-not-a-map'])('%s: validate --chart answers as validateValues does', async (id) => {
  const c = corpus.cases.find((x) => x.id === id)!;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-val-'));
  try {
    fs.writeFileSync(path.join(tmp, 'f0.yaml'), c.values!);
    const r = runCli(['validate', '--chart', chartDir(c.chart), 'f0.yaml', '--format', 'json'], { cwd: tmp });
    expect(r.code).toBe(1);
    const cli = JSON.parse(r.stdout).files[0].diagnostics as Array<{ code: string; path: string; message: string; helmOutput?: string }>;
    const lib = validateValues(load(c, await loadChart(chartDir(c.chart)), 4)).diagnostics;
    const pick = (ds: Array<{ code: string; path: string; message: string; helmOutput?: string }>) =>
      ds.filter((d) => d.code === 'render-failed' || d.message.includes('helm template fails on it')).map((d) => [d.code, d.path, d.helmOutput ?? null]);
    expect(pick(cli)).toEqual(pick(lib));
    expect(pick(cli)).toHaveLength(1);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
