// Running one render case with a real Helm binary (tests/helpers/helm-binaries.cjs), and a small job pool to run
// many at once. Every case is `helm template gloo <chart> -n gloo-system [-f f0.yaml …] [--set …] [--set-string …]`,
// run in a temp dir that holds the -f files, so messages name them f0.yaml, f1.yaml, … and never a temp path.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { extractImages } from './manifest-images.mjs';

const require = createRequire(import.meta.url);
/** The project root (stderr mentions of it are shortened to `.`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const helm = require(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs'));

function run(bin, args, cwd, env) {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Renders case `c` ({valuesFiles?, set?, setString?}) with Helm `major` and returns its outcome
 * {status, images, stderr}: the exit code, the images of the manifests (empty when the render failed) and the
 * trimmed stderr. `tool` names the script in the note added when the output cannot be parsed.
 */
export async function renderCase(major, chartDir, c, tool = 'record-gloo-renders') {
  const bin = helm.helmPath(major);
  if (!bin) throw new Error(`Helm ${major} binary not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-gloo-'));
  try {
    const args = ['template', 'gloo', chartDir, '-n', 'gloo-system'];
    (c.valuesFiles || []).forEach((text, i) => { fs.writeFileSync(path.join(tmp, `f${i}.yaml`), text); args.push('-f', `f${i}.yaml`); });
    for (const s of c.set || []) args.push('--set', s);
    for (const s of c.setString || []) args.push('--set-string', s);
    // Own Helm homes: no repositories or plugins of the machine leak into the renders.
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const r = await run(bin, args, tmp, env);
    const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('').split(ROOT + '/').join('').split(ROOT).join('.');
    let images = [];
    let stderr = norm(r.stderr).trim();
    if (r.status === 0) {
      try { images = extractImages(r.stdout); } catch (e) { stderr += `\n[${tool}: cannot parse the output: ${e.message}]`; }
    }
    return { status: r.status, images, stderr };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs fn over items with at most `jobs` running at once; results in item order. */
export async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); }
  }));
  return out;
}
