// Timing primitives for the benchmarks. The machines these run on are shared and noisy, so nothing here
// trusts one absolute figure: a subject and its baseline are timed side by side, round after round, in
// alternating order, and the figure reported is the median (of times, and of the per-round ratios).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median, min and max of samples, in the unit they were taken in. */
export function summarize(samples, unit) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), rounds: samples.length, unit };
}

/** Microseconds per call of `fn` over `iterations` calls in a row. */
export function timeLoop(fn, iterations) {
  return timeLoopBoth(fn, iterations).wall;
}

/**
 * Wall and CPU microseconds per call of `fn` over `iterations` calls. The CPU time is the process's
 * (user + system, all its threads, so GC and compiler threads count): when other work crowds the
 * machine, wall time stretches with waiting while CPU time mostly does not, so it is the cross-check.
 */
export function timeLoopBoth(fn, iterations) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const wall = ((performance.now() - start) * 1000) / iterations;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / iterations };
}

/**
 * How many calls of `fn` make a batch of about `batchMs`: a batch that short is cut up by the timer's
 * resolution and by the scheduler, one much longer makes a run slow for nothing.
 */
export function calibrate(fn, batchMs) {
  let n = 1;
  for (;;) {
    const us = timeLoop(fn, n);
    if (us * n >= batchMs * 1000 || n >= 1 << 20) return Math.max(1, Math.ceil((batchMs * 1000) / Math.max(us, 0.001)));
    n *= 4;
  }
}

/**
 * Times in-process functions side by side: after `warmup` rounds (JIT, caches), `rounds` rounds in
 * which every function runs one batch, the order rotating each round so that none always runs on a
 * machine its predecessor just warmed or loaded. Returns per-call microseconds per function, and the
 * median of the per-round ratios of each function to the first (the baseline).
 * @param fns object of name -> function; the first entry is the baseline of every ratio
 */
export function sideBySide(fns, { rounds = 31, warmup = 3, batchMs = 10, warmupMs = 1500 } = {}) {
  const names = Object.keys(fns);
  // Warm-up by time, not by a few calls: V8 keeps optimizing a large parser for thousands of calls, and
  // a baseline still warming while the subject is warm makes the ratio drift within one run (seen:
  // js-yaml load 30% faster after 2,500 calls than after 30).
  const until = performance.now() + warmupMs;
  while (performance.now() < until) for (const n of names) timeLoop(fns[n], 10);
  const sizes = Object.fromEntries(names.map((n) => [n, calibrate(fns[n], batchMs)]));
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    const round = {};
    for (const n of order) round[n] = timeLoopBoth(fns[n], sizes[n]);
    if (r < warmup) continue;
    for (const n of names) {
      wall[n].push(round[n].wall);
      cpu[n].push(round[n].cpu);
    }
  }
  const byWall = ratiosTo(names, wall, 'us');
  const byCpu = ratiosTo(names, cpu, 'us');
  // The fastest round of each is the one least disturbed by the neighbours: a second cross-check.
  const minRatios = Object.fromEntries(names.slice(1).map((n) => [n, byWall.times[n].min / byWall.times[names[0]].min]));
  return { ...byWall, cpuTimes: byCpu.times, cpuRatios: byCpu.ratios, minRatios };
}

/** Summaries of each name's samples and the median per-round ratio of each to the first name. */
function ratiosTo(names, samples, unit) {
  const base = samples[names[0]];
  const out = { times: {}, ratios: {} };
  for (const n of names) {
    out.times[n] = summarize(samples[n], unit);
    if (n !== names[0]) out.ratios[n] = median(samples[n].map((v, i) => v / base[i]));
  }
  return out;
}

/**
 * Wall time of one child process in milliseconds, with its exit status and output. A spawn that
 * fails to start throws: a benchmark of a command that did not run would be a lie.
 */
export function runProcess(command, args, options = {}) {
  const start = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = performance.now() - start;
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Times commands side by side as {@link sideBySide} times functions: each round runs each command once,
 * rotating the order. `check(result, name)` may throw when a run did not do what it should.
 * @param commands object of name -> [command, args, options?]; the first is the baseline
 */
export function sideBySideProcesses(commands, { rounds = 15, warmup = 2, check } = {}) {
  const names = Object.keys(commands);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    const round = {};
    for (const n of order) {
      const [cmd, args, opts] = commands[n];
      const res = runProcess(cmd, args, opts);
      check?.(res, n);
      round[n] = res.ms;
    }
    if (r >= warmup) for (const n of names) samples[n].push(round[n]);
  }
  return ratiosTo(names, samples, 'ms');
}
