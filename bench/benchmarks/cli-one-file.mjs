// Benchmark 4: the CLI validating one values file against the Gloo fixture chart, as a pre-commit hook
// runs it, against a bare `node -e 0` timed beside it: start-up is most of what a hook costs.
import path from 'node:path';
import { cliMissing } from '../lib/cli.mjs';
import { sideBySideProcesses } from '../lib/measure.mjs';

export const id = 4;
export const title = 'CLI validate of one file vs node -e 0';
export const target = { metric: 'ratio', op: '<=', value: 1.5 };

export const missing = cliMissing;

export async function run(ctx) {
  const args = [ctx.cli, 'validate', '--chart', ctx.inputs.chartDir, path.join(ctx.root, 'bench', 'fixtures', 'user-40.yaml')];
  const r = sideBySideProcesses(
    {
      'node -e 0': [process.execPath, ['-e', '0']],
      'helm-image-variant validate': [process.execPath, args, { cwd: ctx.root, env: { ...process.env, NO_COLOR: '1' } }],
    },
    {
      rounds: ctx.processRounds,
      check: (res, name) => {
        if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${(res.stderr || res.stdout).slice(0, 500)}`);
      },
    },
  );
  return {
    ratio: r.ratios['helm-image-variant validate'],
    measurements: r.times,
    headline: { subject: 'helm-image-variant validate', baseline: 'node -e 0' },
  };
}
