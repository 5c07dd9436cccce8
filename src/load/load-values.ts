// loadValues: a release's values as `helm template` computes them, from a whole chart (chart/: dependencies,
// conditions, aliases, subchart defaults) or from values texts alone (values/). It sits above both folders, so that
// values/ knows nothing of charts and chart/ builds on values/ without a cycle.
import type { Chart } from '../chart/chart.js';
import { coalesceChart, type RenderTreeNode } from '../chart/load-chart-values.js';
import { ValuesError } from '../errors.js';
import { Coalescer, type CoalesceChart } from '../values/coalesce.js';
import { asSource, makeLoaded, userValues, type LoadedValues, type UserValuesInput, type ValuesSource } from '../values/load.js';
import { newMap } from '../values/model.js';
import { readValuesText, readValuesTextShared, type HelmVersion } from '../values/yaml/read.js';

/** Input of {@link loadValues}. Every field is optional; nothing given yields `{}`. */
export interface LoadValuesInput extends UserValuesInput {
  /** A whole chart (from loadChart): its values.yaml and its subcharts, with dependencies processed as Helm does. */
  chart?: Chart;
  /** The chart's own values.yaml (defaults). */
  chartValues?: string | ValuesSource;
  /** The chart's name, as Helm prints it in coalesce warnings (`<chart>.<path>`). Default `chart`. */
  chartName?: string;
  /** Subcharts' values.yaml by name (charts/<name>/ without a dependencies list in Chart.yaml). */
  subcharts?: Record<string, string | ValuesSource>;
  /** Whose rules: Helm 4.1 (default) or Helm 3.17. */
  helmVersion?: HelmVersion;
}

// The chart a LoadedValues came from (loadValues({ chart })), so that validation finds each chart's schema.
const CHARTS = new WeakMap<LoadedValues, Chart>();

const TREES = new WeakMap<LoadedValues, RenderTreeNode>();

/** The enabled charts of a LoadedValues loaded with `chart`, after dependency processing (package-internal). */
export function loadedTree(loaded: LoadedValues): RenderTreeNode | undefined {
  return TREES.get(loaded);
}

/** The chart behind a LoadedValues loaded with `chart` (package-internal). */
export function loadedChart(loaded: LoadedValues): Chart | undefined {
  return CHARTS.get(loaded);
}

/**
 * Reads values exactly as Helm does (`helm template` of a chart with these values): YAML 1.1 as Helm's
 * YAML stack reads it, the --set family with Helm's syntax and typing, the precedence values.yaml <
 * -f files < --set-json < --set < --set-string < --set-file < --set-literal, null deletion and subchart
 * globals. Throws {@link ValuesError} wherever Helm would refuse the input.
 */
export function loadValues(input: LoadValuesInput = {}): LoadedValues {
  const helmVersion = input.helmVersion ?? 4;
  if (helmVersion !== 3 && helmVersion !== 4) {
    throw new ValuesError('INVALID_INPUT', `helmVersion must be 3 or 4, got ${String(helmVersion)}`);
  }
  if (input.chart) {
    if (input.chartValues !== undefined || input.subcharts !== undefined) {
      throw new ValuesError('INVALID_INPUT', 'give either chart or chartValues/subcharts, not both');
    }
    const user = userValues(input, helmVersion);
    const r = coalesceChart(input.chart, user, helmVersion);
    const loaded = makeLoaded(r.root, r.subcharts, r.warnings, helmVersion, true, r.charts);
    CHARTS.set(loaded, input.chart);
    TREES.set(loaded, r.tree);
    return loaded;
  }
  // Helm merges the user's values (-f, --set…) before it loads the chart, so a bad flag is reported before a
  // bad values.yaml
  const user = userValues(input, helmVersion);
  const chartName = input.chartName ?? 'chart';
  let defaults = newMap();
  let shared = false;
  const subNames = Object.keys(input.subcharts ?? {}).sort();
  if (input.chartValues !== undefined) {
    const src = asSource(input.chartValues, 'values.yaml');
    const origin = { name: src.name, role: 'chart' } as const;
    // without subcharts the defaults are coalesced in one pass: the kept parsed tree serves without a copy
    if (subNames.length === 0) ({ values: defaults, shared } = readValuesTextShared(src.text, origin, helmVersion));
    else defaults = readValuesText(src.text, origin, helmVersion);
  }
  const subcharts: CoalesceChart[] = [];
  for (const name of subNames) {
    const src = asSource(input.subcharts![name]!, `charts/${name}/values.yaml`);
    subcharts.push({ name, values: readValuesText(src.text, { name: src.name, role: 'chart' }, helmVersion), subcharts: [], owned: true });
  }
  const coalescer = new Coalescer(helmVersion, chartName);
  const root = coalescer.coalesceValues({ name: chartName, values: defaults, subcharts, owned: !shared, shared }, user);
  return makeLoaded(root, subNames.map((n) => ({ path: n, parts: [n] })), coalescer.diagnostics(), helmVersion, input.chartValues !== undefined);
}
