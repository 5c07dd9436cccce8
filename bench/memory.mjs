// `node bench/memory.mjs [--mb N] [--no-helm] [--out FILE]`: memory per input byte of the values loader.
// For each typical shape of a large values file (many small maps, long lists, long strings) it writes a
// file of about N MB (default 8), loads it in a fresh process (readValuesSourceSync + loadValues, as the
// CLI does) and reports the peak resident memory (getrusage maxRSS) above that of a process that only loaded
// the library, divided by the file's bytes. With the Helm 4 binary available (tests/helpers/helm-binaries.cjs)
// it measures `helm template` of an empty chart with that file as `-f` the same way (/usr/bin/time -v), above
// the peak of an empty chart. Never part of jest: figures, not assertions. Writes bench/memory-results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : d; };
const MB = Number(opt('--mb', '8'));
const withHelm = !argv.includes('--no-helm');
const OUT = path.resolve(opt('--out', path.join(HERE, 'memory-results.json')));

/** Text of about `bytes` bytes, built from `unit(i)` pieces. */
function fill(bytes, head, unit) {
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    size += u.length;
  }
  return parts.join('');
}

const SHAPES = {
  'many small maps': (b) => fill(b, '', (i) => `svc${i}:\n  image:\n    repository: quay.io/solo-io/gloo\n    tag: 1.17.${i % 100}\n  replicas: ${i % 7}\n  enabled: true\n`),
  'long lists': (b) => fill(b, 'items:\n', (i) => `  - name: item-${i}\n    port: ${8000 + (i % 1000)}\n`),
  'long strings': (b) => fill(b, 'config: |\n', (i) => `  line ${i}: ${'x'.repeat(60)}\n`),
  'flat keys': (b) => fill(b, '', (i) => `key${i}: value-${i}\n`),
};

const LOAD = `
const { loadValues } = require(${JSON.stringify(path.join(ROOT, 'dist/cjs/index.js'))});
const { readValuesSourceSync } = require(${JSON.stringify(path.join(ROOT, 'dist/cjs/node/index.js'))});
const f = process.argv[1];
if (f) { const r = loadValues({ valuesFiles: [readValuesSourceSync(f)] }); if (!r.values) process.exit(3); }
process.stdout.write(String(process.resourceUsage().maxRSS));
`;

// the CLI's heap setting (src/cli/bin.ts) beside Node's default, which a program embedding the library gets
const CLI_FLAGS = ['--heap-growing-percent=20'];

function nodePeakKb(file, flags = []) {
  const r = spawnSync(process.execPath, [...flags, '-e', LOAD, file ?? ''], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`load failed: ${r.stderr}`);
  return Number(r.stdout);
}

function helmPeakKb(helm, dir, valuesFile) {
  const r = spawnSync('/usr/bin/time', ['-v', helm, 'template', 'r', dir, ...(valuesFile ? ['-f', valuesFile] : [])], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`helm failed: ${r.stderr.slice(-500)}`);
  const t = /Elapsed \(wall clock\) time[^:]*: (.*)/.exec(r.stderr);
  return { kb: Number(m[1]), wall: t ? t[1].trim() : '' };
}

function chart(dir, values) {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
  if (values !== undefined) fs.writeFileSync(path.join(dir, 'values.yaml'), values);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-mem-'));
try {
  const helm = withHelm ? require(path.join(ROOT, 'tests/helpers/helm-binaries.cjs')).helmPath(4) : null;
  const baseNode = nodePeakKb();
  const baseCli = nodePeakKb(undefined, CLI_FLAGS);
  let baseHelm;
  if (helm) { chart(path.join(tmp, 'empty')); baseHelm = helmPeakKb(helm, path.join(tmp, 'empty')).kb; }
  const rows = [];
  console.log(`${'shape'.padEnd(18)} ${'MB'.padStart(6)}  ${'library B/B'.padStart(11)} ${'CLI heap B/B'.padStart(12)} ${'helm4 B/B'.padStart(10)}`);
  for (const [name, make] of Object.entries(SHAPES)) {
    const text = make(MB * 1024 * 1024);
    const file = path.join(tmp, 'values.yaml');
    fs.writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    const ours = (nodePeakKb(file) - baseNode) * 1024 / bytes;
    const cli = (nodePeakKb(file, CLI_FLAGS) - baseCli) * 1024 / bytes;
    const row = { shape: name, bytes, oursBytesPerByte: Number(ours.toFixed(1)), oursCliHeapBytesPerByte: Number(cli.toFixed(1)) };
    if (helm) {
      // as a -f file: Helm refuses a chart file over 5 MiB (its archive limits), not a -f file
      const h = helmPeakKb(helm, path.join(tmp, 'empty'), file);
      row.helm4BytesPerByte = Number(((h.kb - baseHelm) * 1024 / bytes).toFixed(1));
      row.helm4Wall = h.wall;
    }
    rows.push(row);
    console.log(`${name.padEnd(18)} ${(bytes / 1048576).toFixed(1).padStart(6)}  ${row.oursBytesPerByte.toFixed(1).padStart(11)} ${row.oursCliHeapBytesPerByte.toFixed(1).padStart(12)} ${row.helm4BytesPerByte === undefined ? '-'.padStart(10) : row.helm4BytesPerByte.toFixed(1).padStart(10)}`);
  }
  fs.writeFileSync(OUT, JSON.stringify({ mb: MB, node: process.version, baseNodeKb: baseNode, baseHelmKb: baseHelm, date: new Date().toISOString(), rows }, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
