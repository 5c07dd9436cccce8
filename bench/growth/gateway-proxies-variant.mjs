// Growth family (issue 13, defect 3): n gateway proxies of the gloo chart, each with `variant: Distroless` (the
// wrong case), validated with the gloo profile: one variant-case-mismatch per proxy, each at its file:line:col.
import { loadValues, validateValues } from '../../dist/esm/index.js';

export const name = 'n gateway proxies with variant: Distroless (gloo)';
/** A size at which one run takes a measurable time (the runner multiplies it by 1, 2, 4, 8). */
export const base = 1500;

export function make(n) {
  const lines = ['gatewayProxies:'];
  for (let i = 0; i < n; i++) lines.push(`  proxy${i}:`, '    podTemplate:', '      image:', '        variant: Distroless');
  return { text: lines.join('\n') + '\n', n };
}

export function run(input) {
  const loaded = loadValues({ valuesFiles: [{ name: 'values.yaml', text: input.text }] });
  const r = validateValues(loaded, { profile: 'gloo', chartVersion: '1.19.10' });
  const found = r.diagnostics.filter((d) => d.code === 'variant-case-mismatch').length;
  if (found !== input.n) throw new Error(`expected ${input.n} variant-case-mismatch diagnostics, got ${found}`);
}

export default { name, base, make, run };
