// What the in-process benchmarks need from the built package root.

/** Why a benchmark of validateValues cannot run on this build, or undefined. */
export function validatorMissing(ctx) {
  return typeof ctx.api.validateValues === 'function' ? undefined : 'validateValues is not exported by this build (branch validate not merged)';
}
