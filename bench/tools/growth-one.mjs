// Measures one growth family of bench/growth/ (a module exporting name, base, make(n), run(input)): a warm-up run
// and the median CPU time of 3 at 1x, 2x, 4x, 8x of base x MULT, then the least-squares exponent of time over size.
// A stand-in for bench/growth.mjs (all families) until that runner exists; needs dist/ (npm run build).
//
//   node bench/tools/growth-one.mjs bench/growth/gateway-proxies-variant.mjs [MULT]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const file = pathToFileURL(path.resolve(process.argv[2])).href;
const mult = Number(process.argv[3] ?? 1);
const m = await import(file);
const sizes = [1, 2, 4, 8].map((k) => Math.round(m.base * mult * k));
const times = [];
for (const n of sizes) {
  const input = m.make(n);
  m.run(input);
  const ts = [];
  for (let r = 0; r < 3; r++) {
    // CPU time of this process (all its threads, GC included): on a shared machine wall time mostly measures the neighbours
    const c = process.cpuUsage();
    m.run(input);
    const d = process.cpuUsage(c);
    ts.push((d.user + d.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  times.push(ts[1]);
  console.log(`${m.name}: n=${n} ${ts[1].toFixed(1)} ms CPU`);
}
const xs = sizes.map(Math.log), ys = times.map(Math.log);
const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
console.log(`exponent ${slope.toFixed(2)}`);
