// Written by scripts/record-value-types.mjs from tests/validate/recorded/value-types-table.json: the generated cases
// (a value of the wrong type) that made the real `helm template` fail, by values path (`*`: any gateway proxy) and the
// kind of value given, with the chart versions where it fails.
export const GLOO_VALUE_BREAKS: Array<{ path: string; given: string; versions?: string; message: string }> = [];
