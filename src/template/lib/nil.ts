// Go tells a nil slice or map from an empty one only when encoding it: both print as `[]` / `map[]` and
// have length 0, but encoding/json writes nil as `null`. Functions that return Go's nil (regexFindAll
// without a match, regexSplit with n 0, fromJson "null") return an empty container marked here, so the
// engine prints and ranges over it as the empty value, and the encoders write `null`.
const NIL = new WeakSet<object>();

/** Marks an empty container as Go's nil slice or map. */
export function markGoNil<T extends object>(v: T): T {
  NIL.add(v);
  return v;
}

/** Whether a container stands for Go's nil slice or map. */
export function isGoNil(v: unknown): boolean {
  return typeof v === 'object' && v !== null && NIL.has(v);
}
