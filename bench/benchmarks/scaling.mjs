// Benchmark 6: the loader over 10, 100, 1,000 and 10,000 generated values files, each loaded over the
// Gloo defaults as its own release (what a batch run over a repository does), and read (its plain values,
// and the location of global.image.variant, as a report does). Time per file must stay flat: any state
// that grows with the number of calls (a cache, a table of every object ever loaded), or a quadratic
// step, shows as a rising time per file.
import { performance } from 'node:perf_hooks';
import { valuesFiles } from '../lib/generate.mjs';
import { median, summarize } from '../lib/measure.mjs';

export const id = 6;
export const title = 'loadValues scaling: time per file over 10 .. 10,000 files';
export const target = { metric: 'ratio', op: '<=', value: 1.5 };

export async function run(ctx) {
  const { loadValues } = ctx.api;
  const chartValues = { name: 'values.yaml', text: ctx.inputs.chartText };
  const counts = ctx.quick ? [10, 100, 1000] : [10, 100, 1000, 10000];
  const files = valuesFiles(counts[counts.length - 1]);
  // Every pass loads at least this many files (cycling through the N), so that small N are not timed
  // on a few milliseconds of work.
  const minWork = 1000;
  const pass = (n) => {
    const total = Math.max(n, minWork);
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const file = files[i % n];
      const loaded = loadValues({ chartValues, valuesFiles: [file] });
      // every generated file sets the variant: a run that lost it would be timing something else
      if (typeof loaded.values.global !== 'object' || !loaded.locate('global.image.variant')) throw new Error(`${file.name}: global.image.variant not found`);
    }
    return ((performance.now() - start) * 1000) / total;
  };
  // Warm-up by time (V8 keeps optimizing for thousands of calls), then the counts are measured round
  // by round in rotating order, so that no count is always the first or always the one on a busy machine.
  const until = performance.now() + (ctx.quick ? 1500 : 3000);
  while (performance.now() < until) pass(100);
  const samples = Object.fromEntries(counts.map((n) => [n, []]));
  for (let r = 0; r < 5; r++) {
    for (let k = 0; k < counts.length; k++) {
      const n = counts[(k + r) % counts.length];
      // a pass over 10,000 files takes many seconds: three of them are enough for a median
      if (n >= 10000 && samples[n].length >= 3) continue;
      samples[n].push(pass(n));
    }
  }
  const measurements = {};
  for (const n of counts) measurements[`${n} files: per file`] = summarize(samples[n], 'us');
  const medians = counts.map((n) => median(samples[n]));
  const fastest = counts.map((n) => Math.min(...samples[n]));
  return {
    ratio: Math.max(...medians) / Math.min(...medians),
    measurements,
    extra: {
      'judged by': "slowest / fastest median time per file over the counts",
      'same with each count\'s fastest pass (cross-check)': Math.max(...fastest) / Math.min(...fastest),
    },
  };
}
