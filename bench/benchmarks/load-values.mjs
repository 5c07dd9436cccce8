// Benchmark 1: loadValues of the Gloo chart defaults plus a 40-line user file, against plain js-yaml
// `load` of the same two texts. The ratio is what Helm fidelity (YAML 1.1 as go-yaml reads it, Helm's
// coalescing) and the source map (file:line:col of every value) cost over a plain YAML parse.
//
// The loader keeps chart defaults it has seen twice parsed, so timing one text over and over would time
// a copy, not a parse. The judged figures cycle through 64 texts that differ in a trailing comment (both
// sides read the same ones), so every call reads its defaults for the first time; the same-text figure
// is shown beside them, as what a batch over many files over one chart sees.
import * as jsYaml from 'js-yaml';
import { sideBySide } from '../lib/measure.mjs';

export const id = 1;
export const title = 'loadValues (Gloo defaults + 40-line file) vs js-yaml load';
export const target = { metric: 'ratio', op: '<=', value: 1.5 };

export async function run(ctx) {
  const { loadValues } = ctx.api;
  const { chartText, userText } = ctx.inputs;
  const texts = Array.from({ length: 64 }, (_, i) => `${chartText}# copy ${i}\n`);
  const user = { name: 'user-40.yaml', text: userText };
  let next = 0;
  const nextText = () => texts[next++ & 63];
  // .values is read: the plain data is what a caller of js-yaml gets too
  const load = (helmVersion) => () =>
    loadValues({ chartValues: { name: 'values.yaml', text: nextText() }, valuesFiles: [user], helmVersion }).values;
  const h4 = 'loadValues (Helm 4 rules)';
  const h3 = 'loadValues (Helm 3 rules)';
  const same = 'loadValues, same defaults again (kept parsed)';
  const r = sideBySide(
    {
      'js-yaml load': () => [jsYaml.load(nextText()), jsYaml.load(userText)],
      [h4]: load(4),
      [h3]: load(3),
      [same]: () => loadValues({ chartValues: { name: 'values.yaml', text: chartText }, valuesFiles: [user] }).values,
    },
    ctx.rounds,
  );
  return {
    ratio: r.ratios[h4],
    measurements: r.times,
    extra: {
      'ratio with Helm 3 rules': r.ratios[h3],
      'ratio, same defaults again': r.ratios[same],
      'ratio by CPU time (cross-check)': r.cpuRatios[h4],
      'ratio of the fastest rounds (cross-check)': r.minRatios[h4],
    },
  };
}
