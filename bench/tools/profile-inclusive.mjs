// Prints the inclusive time (the function and everything it called) of the named functions in a CPU
// profile written by `node --cpu-prof`, counting recursive calls once: where a batch run spends its
// time by phase. Usage: node bench/tools/profile-inclusive.mjs <file.cpuprofile> name [name...]
import fs from 'node:fs';

const [file, ...names] = process.argv.slice(2);
if (!file || names.length === 0) {
  console.error('usage: node bench/tools/profile-inclusive.mjs <file.cpuprofile> functionName [functionName...]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = profile.samples.length;
const micros = (profile.endTime - profile.startTime) / Math.max(1, total);
const counts = new Map(names.map((n) => [n, 0]));
// A sample counts for a name when that name is anywhere on its stack (once, however deep the recursion).
const stackNames = new Map();
const namesOn = (id) => {
  let s = stackNames.get(id);
  if (s) return s;
  const node = byId.get(id);
  const up = parent.has(id) ? namesOn(parent.get(id)) : new Set();
  s = new Set(up);
  s.add(node.callFrame.functionName);
  stackNames.set(id, s);
  return s;
};
for (const id of profile.samples) {
  const on = namesOn(id);
  for (const n of names) if (on.has(n)) counts.set(n, counts.get(n) + 1);
}
for (const [n, c] of counts) console.log(`${((100 * c) / total).toFixed(1).padStart(5)}% ${((c * micros) / 1000).toFixed(1).padStart(8)} ms  ${n}`);
