// Benchmark 3: the first call in a fresh process, no warm caches: the wall time of a script that imports
// the package and prints one validateValues result, against a bare `node -e 0` timed beside it. What is
// left over is module loading and first-call work (schema compilation, JIT), which a pre-commit hook or
// a short script pays every time.
import path from 'node:path';
import { validatorMissing } from '../lib/api.mjs';
import { sideBySideProcesses } from '../lib/measure.mjs';

export const id = 3;
export const title = 'first validateValues call in a fresh process vs node -e 0';
export const target = { metric: 'ratio', op: '<=', value: 1.25 };

export const missing = validatorMissing;

export async function run(ctx) {
  const script = path.join(ctx.root, 'bench', 'cold', 'first-call.mjs');
  const r = sideBySideProcesses(
    {
      'node -e 0': [process.execPath, ['-e', '0']],
      'import + first validateValues': [process.execPath, [script], { cwd: ctx.root }],
    },
    {
      rounds: ctx.processRounds,
      check: (res, name) => {
        if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${res.stderr.slice(0, 500)}`);
        if (name !== 'node -e 0' && !/"valid":true/.test(res.stdout)) throw new Error(`${name} printed ${res.stdout.slice(0, 200)}`);
      },
    },
  );
  return {
    ratio: r.ratios['import + first validateValues'],
    measurements: r.times,
    headline: { subject: 'import + first validateValues', baseline: 'node -e 0' },
  };
}
