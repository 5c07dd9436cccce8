// Growth family (issue 13, defect 3): a chart's values.schema.json rejecting every item of a long list. n items
// (numbers, the schema wants strings), each one failure that Helm prints as its own line; judged as Helm 4 and as
// Helm 3 judge it, through validateValues with the chart schema. Linear: every step is per failure.
import { loadValues, validateValues } from '../../dist/esm/index.js';

export const name = 'chart schema rejecting n list items';
/** A size at which one run takes a measurable time (the runner multiplies it by 1, 2, 4, 8). */
export const base = 2500;

const SCHEMA = { type: 'object', properties: { list: { type: 'array', items: { type: 'string' } } } };
/** A chart with no image blocks: only the chart's schema speaks. */
const PROFILE = { name: 'c', chart: 'c', globalImage: 'global.image', workloads: [], fanOuts: [], imageFields: [] };

export function make(n) {
  const lines = ['list:'];
  for (let i = 0; i < n; i++) lines.push(`  - ${i}`);
  return { text: lines.join('\n') + '\n', n };
}

export function run(input) {
  for (const helmVersion of [4, 3]) {
    const loaded = loadValues({ valuesFiles: [{ name: 'values.yaml', text: input.text }], helmVersion });
    const r = validateValues(loaded, { profile: PROFILE, schema: SCHEMA, helmVersion });
    const found = r.diagnostics.filter((d) => d.code === 'chart-schema').length;
    if (found !== input.n) throw new Error(`expected ${input.n} chart-schema diagnostics, got ${found}`);
  }
}

export default { name, base, make, run };
