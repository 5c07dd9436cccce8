// ajv's generated code gathers the errors of a `$ref`'d schema (and of a custom keyword) with
// `vErrors = vErrors === null ? errs : vErrors.concat(errs)`: a copy of every error so far per failing reference,
// quadratic in the number of failures (12,000 gateway proxies with a bad variant: each proxy's image block is a
// `$ref`). This rewrites that statement to append in place, for the code ajv compiles at run time (its
// `code.process` option) and for the validators compiled at build time (scripts/gen-validators.mjs).

const CONCAT = /(\bvErrors) = \1 === null \? ([A-Za-z0-9_$.[\]]+) : \1\.concat\(\2\);/g;

/** ajv's generated code with each error concatenation turned into an append (same errors, same order). */
export function linearErrorAppend(code: string): string {
  return code.replace(CONCAT, (_m, v: string, errs: string) => `if (${v} === null) ${v} = ${errs}; else for (const e$ of ${errs}) ${v}.push(e$);`);
}
