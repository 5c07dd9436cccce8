// A scratch directory of values files for the end-to-end tables: good, broken, binary, unreadable ones.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './run-cli';

export const CHART = path.join(ROOT, 'fixtures', 'charts', 'gloo-1.18.40');

/** Files by name relative to the scratch directory: text, bytes, or a maker for special files. */
export const FILES: Record<string, string | Buffer> = {
  'good.yaml': 'global:\n  image:\n    variant: distroless\ngloo:\n  deployment:\n    image:\n      tag: "1.18.2"\n',
  'standard.yaml': 'global:\n  image:\n    variant: standard\n',
  'typo.yaml': 'global:\n  image:\n    variant: Distroless\n',
  'fips.yaml': 'global:\n  image:\n    variant: fips\n',
  'broken.yaml': 'global:\n  image:\n    variant: [distroless\n',
  'variant-number.yaml': 'global:\n  image:\n    variant: 5\n',
  'render-fails.yaml': 'discovery:\n  deployment: null\n',
  'warns.yaml': 'discovery:\n  serviceAccount: 5\n',
  'not-a-map.yaml': '- a\n- b\n',
  'binary.bin': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
  'latin1.yaml': Buffer.concat([Buffer.from('global:\n  image:\n    variant: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
  'sub/a.yaml': 'global:\n  image:\n    variant: distroless\n',
  'sub/b.yaml': 'global:\n  image:\n    variant: standard\n',
  'node_modules/dep/values.yaml': 'this: [is broken\n',
  '.git/x.yaml': 'this: [is broken\n',
  'prod-layer.yaml': 'global:\n  image:\n    registry: registry.example.com/mirror\n',
  'tag.txt': '1.18.7',
};

/** Makes the scratch directory; special files: a directory, a FIFO, a symlink loop, a file nobody may read. */
export function makeScratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-cli-'));
  fs.chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  fs.mkdirSync(path.join(dir, 'a-directory.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
  fs.symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
  fs.symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
  execFileSync('tar', ['-czf', path.join(dir, 'gloo-1.18.40.tgz'), '-C', path.dirname(CHART), path.basename(CHART)]);
  fs.writeFileSync(path.join(dir, 'not-a-chart.tgz'), 'global: {}\n');
  fs.writeFileSync(path.join(dir, 'secret.yaml'), 'a: 1\n', { mode: 0o000 });
  fs.chmodSync(path.join(dir, 'secret.yaml'), 0o000);
  return dir;
}
