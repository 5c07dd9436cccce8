'use strict';
// Preloaded (`node --require`) into a command the benchmarks run: at exit, writes the process's peak
// resident memory (kilobytes, as getrusage reports it) to the file named by BENCH_PEAK_RSS_FILE. The
// child measures itself, so no platform tool (/usr/bin/time) is needed.
const fs = require('node:fs');

const out = process.env.BENCH_PEAK_RSS_FILE;
if (out) {
  process.on('exit', () => {
    fs.writeFileSync(out, String(process.resourceUsage().maxRSS));
  });
}
