// Parsed templates kept per chart object: every release rendered from one loaded Chart (a batch of values
// files, resolveImages after validateValues) parses the chart's templates once, as chart defaults are read once.
import type { Chart } from '../chart/chart.js';
import type { ParseCache } from '../template/engine.js';
import type { TreeSet } from '../template/parse.js';

// A chart's template set depends on which subcharts are enabled and under which aliases: a few sets per chart.
const MAX_SETS_PER_CHART = 16;

const CACHES = new WeakMap<Chart, ParseCache>();

/** The parse cache of a chart object (created on first use, released with the chart). */
export function parseCacheFor(chart: Chart): ParseCache {
  let c = CACHES.get(chart);
  if (!c) {
    const sets = new Map<string, TreeSet>();
    c = {
      get: (key) => sets.get(key),
      set: (key, trees) => {
        if (sets.size >= MAX_SETS_PER_CHART) sets.delete(sets.keys().next().value as string);
        sets.set(key, trees);
      },
    };
    CACHES.set(chart, c);
  }
  return c;
}
