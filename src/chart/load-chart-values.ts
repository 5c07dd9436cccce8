// loadValues for a whole chart: the chart's values and every enabled subchart's, after Helm's dependency
// processing (conditions, tags, aliases, import-values), exactly as `helm template` computes them.
import { ValuesError, type Diagnostic } from '../errors.js';
import { Coalescer } from '../values/coalesce.js';
import { helmRules, type HelmVersion } from '../values/helm-rules.js';
import type { GoMap } from '../values/model.js';
import { readValuesText, readValuesTextShared } from '../values/yaml/read.js';
import type { Chart } from './chart.js';
import { DependencyProcessor, missingDependencies, PChart, type PDep } from './dependencies.js';

/** The charts/ entry a subchart was loaded from (Helm names it so in errors). */
function entryName(c: Chart): string {
  const i = c.path.lastIndexOf('/charts/');
  return i >= 0 ? c.path.slice(i + '/charts/'.length) : c.name;
}

/** The processing model of a loaded chart: values parsed by the chosen Helm's rules. */
export function toPChart(c: Chart, version: HelmVersion, parent?: Chart): PChart {
  let values: GoMap;
  // A chart coalesced in one pass (no subcharts, no dependency list) may read its defaults from the parsed
  // copy kept for its text without copying it (see readValuesTextShared); anything else gets a fresh tree.
  const onePass = !parent && !c.declaresDependencies && Object.keys(c.subcharts).length === 0;
  let shared = false;
  try {
    const origin = { name: c.values.name, role: 'chart' } as const;
    if (onePass) ({ values, shared } = readValuesTextShared(c.values.text, origin, version, true));
    else values = readValuesText(c.values.text, origin, version);
  } catch (e) {
    if (e instanceof ValuesError && parent) {
      const wrap = (m: string) => `error unpacking subchart ${entryName(c)} in ${parent.name}: ${m}`;
      throw new ValuesError(e.code, wrap(e.message), e.location, e.source, undefined, e.alternatives?.map(wrap));
    }
    throw e;
  }
  const deps: PDep[] | undefined = c.declaresDependencies
    ? c.dependencies.map((d) => {
        const p: PDep = { name: d.name, enabled: d.enabled ?? false };
        if (d.version !== undefined) p.version = d.version;
        if (d.alias !== undefined) p.alias = d.alias;
        if (d.condition !== undefined) p.condition = d.condition;
        if (d.tags) p.tags = [...d.tags];
        if (d.importValues) p.importValues = [...d.importValues];
        return p;
      })
    : undefined;
  const subs = Object.values(c.subcharts).map((s) => toPChart(s, version, c));
  const origin: { chartName: string; version: string; appVersion?: string; chart: Chart } = { chartName: c.name, version: c.version, chart: c };
  if (c.appVersion !== undefined) origin.appVersion = c.appVersion;
  const p = new PChart({ name: c.name, version: c.version, deps }, values, subs, origin);
  if (shared) p.shared = true;
  return p;
}

/** An enabled chart of the release after dependency processing, as Helm's engine walks it. */
export interface RenderTreeNode {
  /** The chart's name in this release (its alias when it has one). */
  name: string;
  chart: Chart;
  /** Enabled subcharts in Helm's order (unlisted charts first, then the listed ones in list order). */
  children: RenderTreeNode[];
}

export interface ChartValuesResult {
  root: GoMap;
  tree: RenderTreeNode;
  subcharts: Array<{ path: string; parts: string[] }>;
  charts: Record<string, { name: string; version: string; appVersion?: string }>;
  warnings: Diagnostic[];
}

/** Processes dependencies and coalesces the user values over the chart, as `helm template` does. */
export function coalesceChart(chart: Chart, user: GoMap, version: HelmVersion): ChartValuesResult {
  const top = toPChart(chart, version);
  const coalescer = new Coalescer(version, top.name);
  const depWarnings: Diagnostic[] = [];
  if (top.meta.deps !== undefined) {
    const missing = missingDependencies(top);
    if (missing.length) {
      const lead = version === 3 ? 'An error occurred' : 'an error occurred';
      throw new ValuesError(
        'CHART_DEPENDENCY_MISSING',
        `${lead} while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
        { file: `${chart.path}/Chart.yaml`, line: 1, column: 1 },
        chart.path,
      );
    }
  }
  // Helm always runs the processing: enabling stops at a chart without a list, but the imports (which also
  // bake each listing chart's subchart defaults into its own) visit every chart, listed or not.
  try {
    new DependencyProcessor(version, coalescer, (d) => depWarnings.push(d)).process(top, user);
  } catch (e) {
    if (e instanceof ValuesError && helmRules(version).version === 4 && e.code === 'SUBCHART_TYPE_MISMATCH') {
      throw new ValuesError(e.code, `chart dependencies processing failed: ${e.message}`, e.location, e.source, e.path);
    }
    throw e;
  }
  // The top chart's values were read for this release alone (unless shared: a frozen kept tree, never written),
  // are never shared by an alias, and nothing reads them after this: coalescing may take them over instead of
  // copying them.
  if (!top.shared) top.owned = true;
  const root = coalescer.coalesceValues(top, user);
  const subcharts: Array<{ path: string; parts: string[] }> = [];
  const charts: ChartValuesResult['charts'] = { '': identity(top) };
  const walk = (c: PChart, parts: string[]) => {
    for (const s of c.subcharts) {
      const p = [...parts, s.name];
      subcharts.push({ path: p.join('.'), parts: p });
      charts[p.join('.')] = identity(s);
      walk(s, p);
    }
  };
  walk(top, []);
  const toTree = (c: PChart): RenderTreeNode => ({ name: c.name, chart: c.origin.chart as Chart, children: c.subcharts.map(toTree) });
  return { root, tree: toTree(top), subcharts, charts, warnings: [...coalescer.diagnostics(), ...depWarnings] };
}

function identity(c: PChart): { name: string; version: string; appVersion?: string } {
  const out: { name: string; version: string; appVersion?: string } = { name: c.origin.chartName, version: c.origin.version };
  if (c.origin.appVersion !== undefined) out.appVersion = c.origin.appVersion;
  return out;
}
