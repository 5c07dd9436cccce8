// Trust in real use (issue 12): the real values files checked as a pre-commit hook checks them, the library and the
// CLI giving one answer for every kind of chart, chart schemas judged alone on charts that are not Gloo, and generic
// mode never printing a reference no runtime could pull.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, resolveImages, validateValues, type Diagnostic, type ValuesError } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { runCli, ROOT } from '../cli/run-cli';
import { caseInput, readCases, SHARED } from '../helpers/cases';

interface Entry {
  id: string;
  chart: 'gloo' | 'gloo-ee';
  kind: string;
}
const realDir = path.join(SHARED, 'real-values');
const entries: Entry[] = JSON.parse(fs.readFileSync(path.join(realDir, 'index.json'), 'utf8')) as Entry[];
const fileOf = (id: string) => path.join(realDir, 'files', `${id}.yaml`);

/** A diagnostic as both reports carry it. */
const row = (d: Diagnostic) => `${d.severity} ${d.code} ${d.path} ${d.location ? `${path.basename(d.location.file)}:${d.location.line}:${d.location.column}` : '-'}`;

interface JsonFile {
  file: string;
  diagnostics: Diagnostic[];
}
function cliJson(args: string[]): { code: number | null; files: JsonFile[] } {
  const r = runCli(['validate', '--format', 'json', '--no-config', ...args]);
  if (r.stdout.trim() === '') throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, files: (JSON.parse(r.stdout) as { files: JsonFile[] }).files };
}

describe('the 78 real values files, one validate call per chart as a hook runs it (no --set)', () => {
  const byChart = { gloo: entries.filter((e) => e.chart === 'gloo'), 'gloo-ee': entries.filter((e) => e.chart === 'gloo-ee') };
  const reports = new Map<string, Diagnostic[]>();
  beforeAll(() => {
    for (const [chart, list] of Object.entries(byChart)) {
      const { files } = cliJson(['--profile', chart, ...list.map((e) => fileOf(e.id))]);
      for (const f of files) reports.set(path.basename(f.file, '.yaml'), f.diagnostics);
    }
  });
  test('every file is reported', () => {
    expect(entries).toHaveLength(78);
    for (const e of entries) expect(reports.has(e.id)).toBe(true);
  });
  test('no gloo-ee file fails for want of a licence key: an info says the key is passed at install', () => {
    for (const e of byChart['gloo-ee']) {
      const ds = reports.get(e.id)!;
      expect(ds.filter((d) => /license key/i.test(d.message) && d.severity !== 'info')).toEqual([]);
    }
    expect(byChart['gloo-ee'].filter((e) => reports.get(e.id)!.some((d) => d.code === 'license-key-missing')).length).toBeGreaterThanOrEqual(40);
  });
  test('the Gloo docs fips snippet gets fips-deprecated', () => {
    expect(reports.get('solo-gloo-docs-fips-snippet')!.map(row)).toContain('warning fips-deprecated global.image.fips solo-gloo-docs-fips-snippet.yaml:3:11');
  });
  test('stats: true, which makes helm template fail, is value-type at its line', () => {
    const ds = reports.get('stefanprodan-vendored-gloo-0.20.8-values')!.filter((d) => d.code === 'value-type');
    expect(ds.length).toBeGreaterThan(0);
    const lines = fs.readFileSync(fileOf('stefanprodan-vendored-gloo-0.20.8-values'), 'utf8').split('\n');
    for (const d of ds) {
      expect(d.severity).toBe('error');
      expect(lines[d.location!.line - 1]).toMatch(/^\s*stats: true\s*$/);
      expect(d.location!.column).toBe(lines[d.location!.line - 1]!.indexOf('true') + 1);
    }
  });
  test('the library gives each file the same diagnostics as the CLI', () => {
    for (const e of entries) {
      const source = { name: fileOf(e.id), text: new Uint8Array(fs.readFileSync(fileOf(e.id))) };
      let lib: Diagnostic[];
      try {
        const loaded = loadValues({ valuesFiles: [source] });
        lib = [...loaded.warnings, ...validateValues(loaded, { profile: e.chart }).diagnostics];
      } catch (err) {
        const v = err as ValuesError;
        lib = [{ code: v.code, severity: 'error', message: v.message, path: '', pointer: '', ...(v.location ? { location: v.location } : {}) }];
      }
      expect([e.id, lib.map(row).sort()]).toEqual([e.id, reports.get(e.id)!.map(row).sort()]);
    }
  });
});

describe('library and CLI: one answer for every kind of chart', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-trust-'));
    // a chart of one's own (not Gloo), with a schema
    const own = path.join(tmp, 'myapp');
    fs.mkdirSync(own);
    fs.writeFileSync(path.join(own, 'Chart.yaml'), 'apiVersion: v2\nname: myapp\nversion: 0.3.0\nappVersion: "2.1.0"\n');
    fs.writeFileSync(path.join(own, 'values.yaml'), 'image:\n  repository: nginx\n  tag: "1.25"\nglobal:\n  image:\n    variant: standard\n');
    fs.writeFileSync(path.join(own, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }));
    // an umbrella chart bundling the gloo chart
    const umbrella = path.join(tmp, 'platform');
    fs.mkdirSync(path.join(umbrella, 'charts'), { recursive: true });
    fs.writeFileSync(path.join(umbrella, 'Chart.yaml'), 'apiVersion: v2\nname: platform\nversion: 5.0.0\ndependencies:\n  - name: gloo\n    version: 1.17.0\n');
    fs.writeFileSync(path.join(umbrella, 'values.yaml'), 'gloo: {}\n');
    fs.cpSync(path.join(ROOT, 'fixtures', 'charts', 'gloo-1.17.0'), path.join(umbrella, 'charts', 'gloo'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'distroless-typo.yaml'), 'global:\n  image:\n    variant: Distroless\n');
    fs.writeFileSync(path.join(tmp, 'fips-distroless.yaml'), 'global:\n  image:\n    variant: fips-distroless\n');
    fs.writeFileSync(path.join(tmp, 'own.yaml'), 'replicas: "3"\nimage:\n  tag: 1.10\nglobal:\n  image:\n    variant: Distroless\n');
    fs.writeFileSync(path.join(tmp, 'umbrella.yaml'), 'gloo:\n  gloo:\n    deployment:\n      image:\n        tag: 1.10\nglobal:\n  image:\n    variant: Distroless\n');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const kinds: Array<[string, () => string | undefined, string[], string, string[]]> = [
    ['the gloo chart', () => path.join(ROOT, 'fixtures', 'charts', 'gloo-1.17.0'), [], 'distroless-typo.yaml', ['variant-case-mismatch']],
    ['the gloo-ee chart', () => path.join(SHARED, 'gloo-ee', 'charts', '1.17.0'), [], 'fips-distroless.yaml', ['variant-not-applied', 'license-key-missing']],
    ['an umbrella chart bundling gloo', () => path.join(tmp, 'platform'), [], 'umbrella.yaml', ['variant-case-mismatch', 'tag-not-string']],
    ['a chart of ones own', () => path.join(tmp, 'myapp'), [], 'own.yaml', ['chart-schema', 'variant-case-mismatch']],
    ['plain values, profile gloo', () => undefined, ['--profile', 'gloo'], 'distroless-typo.yaml', ['variant-case-mismatch']],
  ];
  test.each(kinds)('%s', async (_n, chartDir, flags, file, codes) => {
    const dir = chartDir();
    const valuesFile = path.join(tmp, file);
    const cli = cliJson([...(dir ? ['--chart', dir] : []), ...flags, valuesFile]).files[0]!.diagnostics.map(row).sort();
    const source = { name: valuesFile, text: fs.readFileSync(valuesFile, 'utf8') };
    const loaded = dir ? loadValues({ chart: await loadChart(dir), valuesFiles: [source] }) : loadValues({ valuesFiles: [source] });
    const lib = [...loaded.warnings, ...validateValues(loaded, flags.includes('--profile') ? { profile: 'gloo' } : {}).diagnostics].map(row).sort();
    expect(lib).toEqual(cli);
    for (const c of codes) expect(lib.map((r) => r.split(' ')[1])).toContain(c);
  });

  test('one mistake in one place is one diagnostic, whatever number of subchart copies of global see it', async () => {
    const loaded = loadValues({ chart: await loadChart(path.join(SHARED, 'gloo-ee', 'charts', '1.17.0')), valuesFiles: [{ name: 'v.yaml', text: 'global:\n  image:\n    variant: Distroless\n' }] });
    const r = validateValues(loaded);
    expect(r.diagnostics.filter((d) => d.code === 'variant-case-mismatch')).toHaveLength(1);
    const again = validateValues(loadValues({ valuesFiles: [{ name: 'v.yaml', text: 'global:\n  image:\n    variant: Distroless\n' }] }), { profile: 'gloo-ee' });
    expect(again.diagnostics.filter((d) => d.code === 'variant-case-mismatch')).toHaveLength(1);
  });

  test("the generic profile is valid wherever a profile name is, and a user's chart never gets gloo's rules", async () => {
    const loaded = loadValues({ chart: await loadChart(path.join(tmp, 'myapp')) });
    expect(validateValues(loaded, { profile: 'generic' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validateValues(loaded).diagnostics.filter((d) => d.code === 'render-failed')).toEqual([]);
    expect(resolveImages(loaded).map((i) => i.reference)).toEqual(['nginx:1.25']);
  });
});

describe('a chart schema given alone judges only that schema (every reference schema case, no profile)', () => {
  describe.each([
    ['helm-cases.json', 3],
    ['helm4-cases.json', 4],
  ] as const)('%s', (file, helm) => {
    const cases = readCases(file).filter((c) => c.kind === 'schema' && !(c.extraArgs ?? []).includes('--skip-schema-validation'));
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const r = validateValues(loadValues(caseInput(c, helm)), { schema: c.schema!, helmVersion: helm });
      const own = r.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('chart-schema'));
      expect(own).toEqual([]);
      expect(r.valid).toBe(c.expectError === undefined);
    });
  });
});

describe('generic mode on real-world image-block shapes never invents a reference', () => {
  // shapes read in public charts: bitnami (registry/repository/tag/digest, global.imageRegistry), prometheus-community
  // (repository with the registry in it, tag defaulting to appVersion, sha), grafana (registry + repository),
  // ingress-nginx (digest beside the tag), cert-manager (registry optional), argo-cd (global.image.repository)
  const shapes: Array<[string, string, string[]]> = [
    ['bitnami', 'image:\n  registry: docker.io\n  repository: bitnami/nginx\n  tag: 1.25.3-debian-11-r1\n  digest: ""\n', ['docker.io/bitnami/nginx:1.25.3-debian-11-r1']],
    ['bitnami with global.imageRegistry', 'global:\n  imageRegistry: mirror.example.com\nimage:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: "7.2"\n', ['mirror.example.com/bitnami/redis:7.2']],
    ['prometheus-community, tag from appVersion', 'server:\n  image:\n    repository: quay.io/prometheus/prometheus\n    tag: ""\n', ['quay.io/prometheus/prometheus:2.1.0']],
    ['kube-state-metrics sha', `image:\n  registry: registry.k8s.io\n  repository: kube-state-metrics/kube-state-metrics\n  tag: v2.10.0\n  sha: "${'b'.repeat(64)}"\n`, [`registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.0@sha256:${'b'.repeat(64)}`]],
    ['grafana', 'image:\n  registry: docker.io\n  repository: grafana/grafana\n  tag: ""\n', ['docker.io/grafana/grafana:2.1.0']],
    ['ingress-nginx digest', `controller:\n  image:\n    registry: registry.k8s.io\n    image: ingress-nginx/controller\n    repository: ""\n    tag: v1.9.4\n    digest: sha256:${'c'.repeat(64)}\n`, [`registry.k8s.io/ingress-nginx/controller:v1.9.4@sha256:${'c'.repeat(64)}`]],
    ['cert-manager', 'image:\n  repository: quay.io/jetstack/cert-manager-controller\n  tag: v1.13.2\n', ['quay.io/jetstack/cert-manager-controller:v1.13.2']],
    ['nginx, no registry', 'image:\n  repository: nginx\n  tag: "1.25"\n', ['nginx:1.25']],
    ['an empty registry', 'image:\n  registry: ""\n  repository: quay.io/x/y\n  tag: "1"\n', ['quay.io/x/y:1']],
    ['a map tag', 'image:\n  repository: nginx\n  tag: {a: 1}\n', []],
    ['a registry with a trailing slash', 'image:\n  registry: quay.io/\n  repository: x/y\n  tag: "1"\n', ['quay.io/x/y:1']],
    ['an image string', 'sidecar:\n  image: "busybox:1.36"\n', ['busybox:1.36']],
    ['a bad string', 'sidecar:\n  image: "UPPER/Case:x"\n', []],
  ];
  test.each(shapes)('%s', (_n, valuesYaml, expected) => {
    const loaded = loadValues({ chart: { name: 'x', version: '1.0.0', appVersion: '2.1.0', path: 'x', values: { name: 'values.yaml', text: valuesYaml }, dependencies: [], declaresDependencies: false, subcharts: {} } as never });
    const refs = resolveImages(loaded, { profile: 'generic' }).map((i) => i.reference);
    expect(refs).toEqual(expected);
    for (const r of refs) expect(r).not.toMatch(/%!|<nil>|^\/|\/\//);
  });
});
