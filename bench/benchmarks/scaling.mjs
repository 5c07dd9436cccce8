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
  const minWork = ctx.quick ? 1000 : 2000;
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
  pass(100); // warm-up: JIT
  const perFile = {};
  const measurements = {};
  for (const n of counts) {
    const samples = [];
    // 10,000 files make a pass of many seconds already: three passes of each count, the median kept
    const rounds = 3;
    for (let r = 0; r < rounds; r++) samples.push(pass(n));
    perFile[n] = median(samples);
    measurements[`${n} files: per file`] = summarize(samples, 'us');
  }
  const values = Object.values(perFile);
  return {
    ratio: Math.max(...values) / Math.min(...values),
    measurements,
    extra: { 'judged by': 'slowest time per file / fastest time per file, over the file counts' },
  };
}
