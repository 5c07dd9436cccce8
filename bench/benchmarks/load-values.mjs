// Benchmark 1: loadValues of the Gloo chart defaults plus a 40-line user file, against plain js-yaml
// `load` of the same two texts. The ratio is what Helm fidelity (YAML 1.1 as go-yaml reads it, Helm's
// coalescing) and the source map (file:line:col of every value) cost over a plain YAML parse.
import * as jsYaml from 'js-yaml';
import { sideBySide } from '../lib/measure.mjs';

export const id = 1;
export const title = 'loadValues (Gloo defaults + 40-line file) vs js-yaml load';
export const target = { metric: 'ratio', op: '<=', value: 1.5 };

export async function run(ctx) {
  const { loadValues } = ctx.api;
  const { chartText, userText } = ctx.inputs;
  const chartValues = { name: 'values.yaml', text: chartText };
  const user = { name: 'user-40.yaml', text: userText };
  const load = (helmVersion) => () => loadValues({ chartValues, valuesFiles: [user], helmVersion }).values;
  const h4 = 'loadValues (Helm 4 rules)';
  const h3 = 'loadValues (Helm 3 rules)';
  const r = sideBySide(
    {
      'js-yaml load': () => [jsYaml.load(chartText), jsYaml.load(userText)],
      // .values is read: the plain data is what a caller of js-yaml gets too
      [h4]: load(4),
      [h3]: load(3),
    },
    ctx.rounds,
  );
  return {
    ratio: r.ratios[h4],
    measurements: r.times,
    extra: {
      'ratio with Helm 3 rules': r.ratios[h3],
      'ratio by CPU time (cross-check)': r.cpuRatios[h4],
      'ratio by CPU time, Helm 3 rules': r.cpuRatios[h3],
      'ratio of the fastest rounds (cross-check)': r.minRatios[h4],
    },
  };
}
