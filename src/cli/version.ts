// The version printed by --version and written into SARIF and JSON reports: the installed package.json's,
// found from the running script (the bin is a symlink into the package), so it can never disagree.
import { readFileSync, realpathSync } from 'node:fs';
import nodePath from 'node:path';

/** The version of the helm-image-variant package this CLI runs from, or `0.0.0-unknown`. */
export function packageVersion(script = process.argv[1]): string {
  if (!script) return '0.0.0-unknown';
  let dir;
  try {
    dir = nodePath.dirname(realpathSync(script));
  } catch {
    return '0.0.0-unknown';
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(nodePath.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'helm-image-variant' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here (or an unreadable one): keep looking upwards
    }
    const up = nodePath.dirname(dir);
    if (up === dir) return '0.0.0-unknown';
    dir = up;
  }
}
