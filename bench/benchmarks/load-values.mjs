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
  const measure = (helmVersion) =>
    sideBySide(
      {
        'js-yaml load': () => [jsYaml.load(chartText), jsYaml.load(userText)],
        // .values is read: the plain data is what a caller of js-yaml gets too
        loadValues: () => loadValues({ chartValues, valuesFiles: [user], helmVersion }).values,
      },
      ctx.rounds,
    );
  const h4 = measure(4);
  const h3 = measure(3);
  return {
    ratio: h4.ratios.loadValues,
    measurements: {
      'js-yaml load': h4.times['js-yaml load'],
      'loadValues (Helm 4 rules)': h4.times.loadValues,
      'loadValues (Helm 3 rules)': h3.times.loadValues,
    },
    extra: { 'ratio with Helm 3 rules': h3.ratios.loadValues },
  };
}
