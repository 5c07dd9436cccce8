// What dist/ is built from, and whether dist/ is current. The build (scripts/postbuild.mjs, its last step) writes
// a manifest of its inputs' hashes to dist/.build-inputs.json; scripts/build-if-missing.mjs (run by `npm ci` /
// `npm install` and before `npm test`) rebuilds only when dist/ is missing or an input differs. Content hashes,
// not times: a branch switch, a checkout or an edit all count, a `touch` does not.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders whose every file is an input, and single files that are. */
const INPUT_DIRS = ['src', 'schemas'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.cjs.json', 'scripts/gen-validators.mjs', 'scripts/postbuild.mjs', 'scripts/build-inputs.mjs'];
export const MANIFEST = 'dist/.build-inputs.json';

function walk(root, dir, out) {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(root, rel, out);
    else if (e.isFile()) out.push(rel);
  }
}

/** The build's inputs under `root` with the sha256 of each, sorted by path. */
export function buildInputs(root = '.') {
  const files = [];
  for (const d of INPUT_DIRS) if (fs.existsSync(path.join(root, d))) walk(root, d, files);
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(root, f))) files.push(f);
  files.sort();
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(fs.readFileSync(path.join(root, f))).digest('hex')]));
}

/** Records the inputs dist/ was just built from. */
export function writeManifest(root = '.') {
  fs.writeFileSync(path.join(root, MANIFEST), `${JSON.stringify(buildInputs(root), null, 1)}\n`);
}

/** Why dist/ under `root` must be (re)built, or undefined when it is current. */
export function staleReason(root = '.') {
  if (!fs.existsSync(path.join(root, 'dist/cjs/cli/bin.js'))) return 'dist/ is missing';
  let built;
  try {
    built = JSON.parse(fs.readFileSync(path.join(root, MANIFEST), 'utf8'));
  } catch {
    return `dist/ has no ${path.basename(MANIFEST)} (built by an older build)`;
  }
  const now = buildInputs(root);
  const changed = [...new Set([...Object.keys(now), ...Object.keys(built)])].filter((f) => now[f] !== built[f]).sort();
  if (!changed.length) return undefined;
  const shown = changed.slice(0, 3).join(', ');
  return `${shown}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed since dist/ was built`;
}
