// Benchmark 2: validateValues and resolveImages on the values of benchmark 1 (Gloo defaults + the 40-line
// file, loaded once), per call and in calls per second, each against the loadValues call that produced
// them: checking and resolving must not cost more than a quarter of reading.
import { validatorMissing } from '../lib/api.mjs';
import { sideBySide } from '../lib/measure.mjs';

export const id = 2;
export const title = 'validateValues and resolveImages vs loadValues (per call)';
export const target = { metric: 'ratio', op: '<=', value: 0.25 };

export const missing = validatorMissing;

export async function run(ctx) {
  const { loadValues, resolveImages, validateValues } = ctx.api;
  const { chartText, userText, chartVersion } = ctx.inputs;
  const user = { name: 'user-40.yaml', text: userText };
  const loaded = loadValues({ chartValues: { name: 'values.yaml', text: chartText }, valuesFiles: [user] });
  // The reference is loadValues reading its defaults for the first time, as benchmark 1 times it
  // (the loader keeps a text it has seen twice parsed; cycling 64 texts defeats that).
  const texts = Array.from({ length: 64 }, (_, i) => `${chartText}# copy ${i}\n`);
  let next = 0;
  const options = { profile: 'gloo', chartVersion };
  // A run that resolved nothing, or judged the file wrong, would time the wrong work.
  const images = resolveImages(loaded, options);
  if (images.length < 5) throw new Error(`resolveImages found ${images.length} images in the Gloo defaults`);
  const verdict = validateValues(loaded, options);
  if (!verdict.valid) throw new Error(`validateValues refused the benchmark values: ${JSON.stringify(verdict.diagnostics.slice(0, 3))}`);
  const r = sideBySide(
    {
      loadValues: () => loadValues({ chartValues: { name: 'values.yaml', text: texts[next++ & 63] }, valuesFiles: [user] }).values,
      validateValues: () => validateValues(loaded, options),
      resolveImages: () => resolveImages(loaded, options),
    },
    ctx.rounds,
  );
  const perSecond = (name) => Math.round(1e6 / r.times[name].median);
  return {
    // judged by the slower of the two: each must meet the target
    ratio: Math.max(r.ratios.validateValues, r.ratios.resolveImages),
    measurements: r.times,
    extra: {
      'validateValues / loadValues': r.ratios.validateValues,
      'resolveImages / loadValues': r.ratios.resolveImages,
      'validateValues / loadValues by CPU time (cross-check)': r.cpuRatios.validateValues,
      'resolveImages / loadValues by CPU time (cross-check)': r.cpuRatios.resolveImages,
      'validateValues / loadValues, fastest rounds (cross-check)': r.minRatios.validateValues,
      'resolveImages / loadValues, fastest rounds (cross-check)': r.minRatios.resolveImages,
      'validateValues calls per second': perSecond('validateValues'),
      'resolveImages calls per second': perSecond('resolveImages'),
      'images resolved per call': images.length,
    },
  };
}
