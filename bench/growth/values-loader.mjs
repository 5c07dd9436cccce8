// Growth families of the values loader (issue 13, defect 3): inputs whose cost once grew with the square
// of their size. Each must stay linear (bench/growth.mjs fails above an exponent of 1.2).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadValues } = require('../../dist/cjs/index.js');

export default [
  {
    // Helm 4 reads every document of a file and merges them in order
    name: 'values: Helm 4 file of n `---\\nkN: 1` documents',
    base: 2000,
    make: (n) => Array.from({ length: n }, (_, i) => `---\nk${i}: 1\n`).join(''),
    run: (text) => loadValues({ valuesFiles: [{ name: 'f.yaml', text }], helmVersion: 4 }),
  },
  {
    name: 'values: one --set of n `a.kN=x` pairs',
    base: 10000,
    make: (n) => [Array.from({ length: n }, (_, i) => `a.k${i}=x`).join(',')],
    run: (set) => loadValues({ set }),
  },
  {
    name: 'values: one --set of n `a.b.c.dN=x` pairs',
    base: 5000,
    make: (n) => [Array.from({ length: n }, (_, i) => `a.b.c.d${i}=x`).join(',')],
    run: (set) => loadValues({ set }),
  },
  {
    name: 'values: n separate --set flags',
    base: 5000,
    make: (n) => Array.from({ length: n }, (_, i) => `a.k${i}=x`),
    run: (set) => loadValues({ set }),
  },
  {
    name: 'values: n --set-string flags',
    base: 5000,
    make: (n) => Array.from({ length: n }, (_, i) => `a.k${i}=x`),
    run: (setString) => loadValues({ setString }),
  },
  {
    name: 'values: n --set-json flags',
    base: 3000,
    make: (n) => Array.from({ length: n }, (_, i) => `a.k${i}={"v":${i}}`),
    run: (setJson) => loadValues({ setJson }),
  },
  {
    name: 'values: n -f files of one key each',
    base: 2000,
    make: (n) => Array.from({ length: n }, (_, i) => ({ name: `f${i}.yaml`, text: `a:\n  k${i}: 1\n` })),
    run: (valuesFiles) => loadValues({ valuesFiles }),
  },
  {
    name: 'values: one file of n top-level keys',
    base: 40000,
    make: (n) => Array.from({ length: n }, (_, i) => `k${i}: v${i}\n`).join(''),
    run: (text) => loadValues({ valuesFiles: [{ name: 'f.yaml', text }] }),
  },
  {
    name: 'values: one file, a list of n small maps',
    base: 20000,
    make: (n) => 'l:\n' + Array.from({ length: n }, (_, i) => `  - name: n${i}\n    port: ${i}\n`).join(''),
    run: (text) => loadValues({ valuesFiles: [{ name: 'f.yaml', text }] }),
  },
  {
    name: 'values: one file, a string of n lines',
    base: 200000,
    make: (n) => 's: |\n' + Array.from({ length: n }, (_, i) => `  line ${i}\n`).join(''),
    run: (text) => loadValues({ valuesFiles: [{ name: 'f.yaml', text }] }),
  },
];
