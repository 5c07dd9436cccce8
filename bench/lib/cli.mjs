// Finds the built CLI the way npm would install it: the `bin` entry of package.json.
import fs from 'node:fs';
import path from 'node:path';

/** Absolute path of the built `helm-image-variant` bin, or undefined when this build has none. */
export function cliBin(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['helm-image-variant'];
  if (!bin) return undefined;
  const abs = path.resolve(root, bin);
  return fs.existsSync(abs) ? abs : undefined;
}

/** Why a CLI benchmark cannot run here, or undefined. */
export function cliMissing(ctx) {
  return ctx.cli ? undefined : 'no built helm-image-variant bin in package.json (branch cli not merged)';
}
