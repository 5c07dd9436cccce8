// Marks each output tree with its module format so Node loads dist/esm as ESM and dist/cjs as CommonJS
// whatever the root package.json says.
import fs from 'node:fs';
fs.writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module', sideEffects: false }) + '\n');
fs.writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs', sideEffects: false }) + '\n');
