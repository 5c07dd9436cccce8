// Prints where the time of one function went, by the functions it called directly (and its own time), from a
// CPU profile written by `node --cpu-prof`: the step below profile-inclusive.mjs when one phase is too slow.
// Usage: node bench/tools/profile-children.mjs <file.cpuprofile> functionName [topN]
import fs from 'node:fs';

const [file, target, topArg] = process.argv.slice(2);
if (!file || !target) {
  console.error('usage: node bench/tools/profile-children.mjs <file.cpuprofile> functionName [topN]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const micros = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
// A sample counts under the nearest frame of `target` on its stack, for the function that frame called
// (or `(self)` when the sample is in `target` itself).
const counts = new Map();
let total = 0;
for (const sample of profile.samples) {
  let id = sample;
  let below;
  while (id !== undefined) {
    const node = byId.get(id);
    if (node.callFrame.functionName === target) {
      const key = below === undefined ? '(self)' : byId.get(below).callFrame.functionName || '(anonymous)';
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
      break;
    }
    below = id;
    id = parent.get(id);
  }
}
if (total === 0) {
  console.error(`no sample has ${target} on its stack`);
  process.exit(1);
}
console.log(`${target}: ${((total * micros) / 1000).toFixed(1)} ms in all`);
for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 20))) {
  console.log(`${((100 * n) / total).toFixed(1).padStart(6)}%  ${((n * micros) / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}
