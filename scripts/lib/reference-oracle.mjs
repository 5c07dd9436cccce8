// The Go reference oracle (scripts/reference-oracle/main.go): built once into .cache/ with Debian's golang-go and
// golang-github-docker-distribution-dev, then fed references as JSON lines. `referenceOracle()` is undefined when
// Go or the package is missing, so callers can say so and go on without it.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'scripts', 'reference-oracle', 'main.go');
const BIN = path.join(ROOT, '.cache', 'reference-oracle');
const GOPATH = '/usr/share/gocode';

export function buildReferenceOracle() {
  if (fs.existsSync(BIN) && fs.statSync(BIN).mtimeMs >= fs.statSync(SRC).mtimeMs) return BIN;
  if (!fs.existsSync(path.join(GOPATH, 'src/github.com/docker/distribution/reference'))) return undefined;
  fs.mkdirSync(path.dirname(BIN), { recursive: true });
  const r = spawnSync('go', ['build', '-o', BIN, './scripts/reference-oracle'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GOPATH, GO111MODULE: 'off', GOCACHE: path.join(ROOT, '.cache', 'go-build'), GOFLAGS: '' },
  });
  if (r.error || r.status !== 0) return undefined;
  return BIN;
}

/** Runs the oracle on many references at once; returns one result object per reference, in order. */
export function referenceOracle(refs) {
  const bin = buildReferenceOracle();
  if (!bin) return undefined;
  const r = spawnSync(bin, [], { input: refs.map((s) => JSON.stringify(s)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`reference-oracle failed: ${r.stderr}`);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  if (out.length !== refs.length) throw new Error(`reference-oracle answered ${out.length} of ${refs.length} references`);
  return out;
}
