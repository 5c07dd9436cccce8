// The generated differential CHART corpus (scripts/record-chart-differential.mjs): whole charts with Chart.yaml
// dependencies (condition, tags, alias, import-values), nested and .tgz subcharts, rendered by the real Helm
// v3.17.1 and v4.1.4. For every case and both versions, the chart is written to a temp dir exactly as the recorder
// wrote it, loaded with loadChart, and loadValues must give the same top-level .Values (as toJson prints them),
// the same values for every rendered subchart, the same dependency/coalesce warnings, and fail where Helm failed,
// with Helm's message.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as api from '../../src/index';
import * as nodeApi from '../../src/node/index';

interface Outcome {
  status: number;
  valuesLine?: string;
  sub?: Record<string, unknown>;
  stderr: string;
}
type Dependency = Record<string, unknown> & { name: string; alias?: string };
interface Subchart {
  name: string;
  version?: string;
  valuesYaml?: string;
  dependencies?: Dependency[];
  subcharts?: Subchart[];
  tgz?: boolean;
  template?: string;
}
interface ChartCase {
  name: string;
  category: string;
  chartValuesYaml: string | null;
  dependencies?: Dependency[];
  subcharts: Subchart[];
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  helm3: Outcome;
  helm4: Outcome;
}

// The chart API this corpus is written against, typed loosely here (loadChart: 'helm-image-variant/node').
type LoadChart = (chartPath: string, options?: { helmVersion?: 3 | 4 }) => Promise<unknown>;
interface Loaded {
  subcharts: Record<string, unknown>;
  warnings: Array<{ helmOutput?: string }>;
  toJson(): string | undefined;
}
type LoadValues = (input: Record<string, unknown>) => Loaded;
const loadChart = (nodeApi as unknown as Record<string, unknown>).loadChart as LoadChart | undefined;
const loadValues = (api as unknown as Record<string, unknown>).loadValues as LoadValues;

const corpus: { cases: ChartCase[] } = JSON.parse(fs.readFileSync(path.join(__dirname, 'chart-corpus.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------------------------
// Writing a case's chart: the same files as writeCaseChart of ../shared/reference/run-helm-case.mjs (an ES module,
// which jest's CommonJS cannot load), for the fields this corpus uses.

const DEFAULT_TEMPLATE = '# VALUES: {{ toJson .Values }}\n';

function writeChart(dir: string, name: string, valuesYaml: string | null | undefined, template: string, dependencies: Dependency[] | undefined, version = '0.1.0') {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  let chartYaml = `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;
  if (dependencies && dependencies.length) {
    chartYaml += 'dependencies:\n';
    for (const d of dependencies) {
      chartYaml += '  - ' + Object.entries(d).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n    ') + '\n';
    }
  }
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), chartYaml);
  if (valuesYaml !== null && valuesYaml !== undefined) fs.writeFileSync(path.join(dir, 'values.yaml'), valuesYaml);
  fs.writeFileSync(path.join(dir, 'templates', 'out.yaml'), template);
}

/** charts/<name>/ of `parentDir` (recursively with its own subcharts), or charts/<name>-<version>.tgz when s.tgz. */
function writeSubchart(parentDir: string, s: Subchart) {
  const version = s.version ?? '0.1.0';
  const stage = s.tgz ? fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-tgz-')) : path.join(parentDir, 'charts');
  const dir = path.join(stage, s.name);
  writeChart(dir, s.name, s.valuesYaml ?? '', s.template ?? `# SUB ${s.name}: {{ toJson .Values }}\n`, s.dependencies, version);
  for (const n of s.subcharts ?? []) writeSubchart(dir, n);
  if (s.tgz) {
    fs.mkdirSync(path.join(parentDir, 'charts'), { recursive: true });
    execFileSync('tar', ['-czf', path.join(parentDir, 'charts', `${s.name}-${version}.tgz`), '-C', stage, s.name]);
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function writeCaseChart(c: ChartCase, chartDir: string) {
  writeChart(chartDir, 'c', c.chartValuesYaml === undefined ? '' : c.chartValuesYaml, DEFAULT_TEMPLATE, c.dependencies);
  for (const s of c.subcharts ?? []) writeSubchart(chartDir, s);
}

/** Names (chart names and their aliases) of subcharts whose template prints no `# SUB` line. */
function silentNames(deps: Dependency[] | undefined, subs: Subchart[] | undefined, out = new Set<string>()): Set<string> {
  for (const s of subs ?? []) {
    if (s.template !== undefined && !s.template.includes('# SUB')) {
      out.add(s.name);
      for (const d of deps ?? []) if (d.name === s.name && typeof d.alias === 'string') out.add(d.alias);
    }
    silentNames(s.dependencies, s.subcharts, out);
  }
  return out;
}

/** Helm's warning lines (coalesce and dependency warnings of both versions), sorted: Go prints them in map order. */
function warningLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => /^coalesce\.go:|^dependencies\.go:|^level=(INFO|WARN) /.test(l))
    .sort();
}

let root = '';
const written = new Map<string, string>();

/** The case's directory, holding the chart as `c/` (Helm's messages were recorded relative to it). */
function caseDir(c: ChartCase): string {
  let dir = written.get(c.name);
  if (!dir) {
    dir = path.join(root, c.name);
    writeCaseChart(c, path.join(dir, 'c'));
    written.set(c.name, dir);
  }
  return dir;
}

async function load(c: ChartCase, version: 3 | 4): Promise<Loaded> {
  const chart = await loadChart!(path.join(caseDir(c), 'c'), { helmVersion: version });
  const input: Record<string, unknown> = { chart, helmVersion: version };
  if (c.valuesFiles) input.valuesFiles = c.valuesFiles.map((text, i) => ({ name: `f${i}.yaml`, text }));
  if (c.set) input.set = c.set;
  if (c.setString) input.setString = c.setString;
  if (c.setJson) input.setJson = c.setJson;
  return loadValues(input);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-chart-corpus-'));
});
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('the corpus is large enough', () => {
  expect(corpus.cases.length).toBeGreaterThanOrEqual(170);
});

test('helm-image-variant/node exports loadChart', () => {
  expect(typeof loadChart).toBe('function');
});

const whenReady = typeof loadChart === 'function' ? describe : describe.skip;

whenReady.each([3, 4] as const)('Helm %i', (version) => {
  test.each(corpus.cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const want = version === 3 ? c.helm3 : c.helm4;
    if (want.status !== 0) {
      let err: unknown;
      try {
        await load(c, version);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Error);
      if (want.stderr.startsWith('panic: ')) return; // Helm crashed: refusing the chart is all that can match
      const dir = caseDir(c);
      const message = (err as Error).message.split(dir + path.sep).join('').split(dir).join('');
      expect(want.stderr).toContain(`Error: ${message}`);
      return;
    }
    const loaded = await load(c, version);
    expect(loaded.toJson()).toBe(want.valuesLine);
    const entries = Object.entries(loaded.subcharts);
    const last = (p: string) => p.split('.').pop()!;
    for (const [name, sub] of Object.entries(want.sub ?? {})) {
      // several instances can print under one name (the recorder keeps the last line): one of them must match
      expect({ [name]: entries.filter(([p]) => last(p) === name).map(([, v]) => v) }).toEqual({ [name]: expect.arrayContaining([sub]) });
    }
    const silent = silentNames(c.dependencies, c.subcharts);
    const unprinted = entries.map(([p]) => p).filter((p) => !(last(p) in (want.sub ?? {})) && !silent.has(last(p)));
    expect(unprinted).toEqual([]);
    expect(loaded.warnings.filter((w) => w.helmOutput).map((w) => w.helmOutput).sort()).toEqual(warningLines(want.stderr));
  });
});
