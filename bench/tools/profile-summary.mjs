// Prints where a CPU profile (written by `node --cpu-prof`) spent its time: self time per function,
// and the share of each source file, so a profile can be read without opening DevTools.
// Usage: node bench/tools/profile-summary.mjs <file.cpuprofile> [topN]
import fs from 'node:fs';
import path from 'node:path';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/tools/profile-summary.mjs <file.cpuprofile> [topN]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

// Self time of a node = samples that landed on it times the mean sampling interval.
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const totalSamples = profile.samples.length;
const micros = (profile.endTime - profile.startTime) / Math.max(1, totalSamples);

const byFunction = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
  const n = hits.get(node.id) ?? 0;
  if (n === 0) continue;
  const cf = node.callFrame;
  const where = cf.url ? path.relative(process.cwd(), cf.url.replace(/^file:\/\//, '')) : '(native)';
  const key = `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  byFile.set(where, (byFile.get(where) ?? 0) + n);
}

const pct = (n) => `${((100 * n) / totalSamples).toFixed(1).padStart(5)}%`;
const ms = (n) => `${((n * micros) / 1000).toFixed(1).padStart(8)} ms`;
console.log(`${totalSamples} samples, ${(micros).toFixed(0)} µs apart\n\nself time by file:`);
for (const [k, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)} ${ms(n)}  ${k}`);
console.log('\nself time by function:');
for (const [k, n] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)} ${ms(n)}  ${k}`);
