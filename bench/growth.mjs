// `npm run bench:growth`: how each input family's CPU time grows with its size. Every module in
// bench/growth/*.mjs exports `{ name, make(n), run(input) }` (or an array of such; `base`, optional, is
// the 1x size). Each family is run at 1x, 2x, 4x and 8x; CPU time (process.cpuUsage, user + system) is the
// best of 3 runs, each of as many calls as make the 1x run last 500 ms (the same number at every size, so
// that small sizes pay their share of garbage collection too), per call; the exponent k of time ~ size^k is
// fitted by least squares on log-log. Exit code 1 when any exponent is above 1.2 (super-linear), so this is
// a check anyone can run. Never part of jest: timings are not assertions.
//
//   node bench/growth.mjs [--only substring] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIMIT = 1.2;
const FACTORS = [1, 2, 4, 8];
const ROUNDS = 3;
const MIN_MS = 500;

// A collection before every measured run, so that one run does not pay for the garbage of the last.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** CPU milliseconds of one call (user + system). */
function cpuMs(fn) {
  gc();
  const before = process.cpuUsage();
  fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

/** Slope of log(time) over log(size), least squares. */
export function fitExponent(points) {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(Math.max(p.ms, 0.01)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

async function loadFamilies() {
  const dir = path.join(HERE, 'growth');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const families = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    const exported = mod.default ?? mod.families ?? mod;
    const list = Array.isArray(exported) ? exported : [exported];
    for (const fam of list) {
      if (typeof fam?.name !== 'string' || typeof fam.make !== 'function' || typeof fam.run !== 'function') {
        throw new Error(`bench/growth/${f}: every export must be { name, make(n), run(input) }`);
      }
      families.push({ file: f, ...fam });
    }
  }
  return families;
}

async function main() {
  const argv = process.argv.slice(2);
  const only = option(argv, '--only');
  const out = path.resolve(option(argv, '--out') ?? path.join(HERE, 'growth-results.json'));
  const families = (await loadFamilies()).filter((f) => !only || f.name.includes(only));
  const results = [];
  console.log(`${'family'.padEnd(44)} ${FACTORS.map((k) => `${k}x ms`.padStart(9)).join(' ')}  exponent`);
  for (const fam of families) {
    const base = fam.base ?? 1000;
    const points = [];
    // a measurement repeats the call `reps` times, the same number at every size, chosen so that the 1x
    // measurement takes at least MIN_MS: on a shared machine a few milliseconds are mostly noise
    let reps = 1;
    for (const k of FACTORS) {
      const size = base * k;
      const input = fam.make(size);
      fam.run(input); // warm-up (compilation, caches) outside the measurement
      if (k === FACTORS[0]) reps = Math.max(1, Math.ceil(MIN_MS / Math.max(cpuMs(() => fam.run(input)), 0.01)));
      let best = Infinity;
      for (let r = 0; r < ROUNDS; r++) best = Math.min(best, cpuMs(() => { for (let i = 0; i < reps; i++) fam.run(input); }) / reps);
      points.push({ size, ms: Number(best.toFixed(2)) });
    }
    const exponent = Number(fitExponent(points).toFixed(2));
    const ok = exponent <= LIMIT;
    results.push({ name: fam.name, file: fam.file, points, exponent, ok });
    console.log(`${fam.name.padEnd(44)} ${points.map((p) => p.ms.toFixed(1).padStart(9)).join(' ')}  ${exponent.toFixed(2).padStart(8)}${ok ? '' : '  > ' + LIMIT}`);
  }
  const bad = results.filter((r) => !r.ok);
  fs.writeFileSync(out, JSON.stringify({ limit: LIMIT, factors: FACTORS, rounds: ROUNDS, node: process.version, date: new Date().toISOString(), results }, null, 2) + '\n');
  console.log(`\n${results.length} families, ${bad.length} above ${LIMIT}; wrote ${path.relative(process.cwd(), out)}`);
  if (bad.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
