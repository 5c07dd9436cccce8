// Loads the CLI's one-file bundle with a V8 code cache, which is what Node 22's module.enableCompileCache does
// for every module, done here for one file so that Node 20 gets it too: the first run compiles the bundle and,
// at exit, saves V8's compiled code; later runs hand it back to V8 instead of compiling again (on a 2-CPU
// machine: start-up beside a bare `node -e 0` goes from about 2.3 to about 1.6 times).
//
// Safety: V8 checks a cache only against the source's length, its own version and its flags, so a cache is
// named by the bundle's content hash (written by the build into the bundle's first line), its size and
// modification time, and the V8 version and architecture; a cache V8 rejects is replaced. The cache lives in
// the user's own cache directory ($XDG_CACHE_HOME or ~/.cache, never a shared temporary directory, where
// another user could plant compiled code), created private. Every failure (no home, read-only disk, a
// damaged file) only means compiling as usual. HELM_IMAGE_VARIANT_CODE_CACHE=0 turns the cache off;
// HELM_IMAGE_VARIANT_CODE_CACHE=/some/dir puts it there.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The build's stamp on the bundle's first line: `// helm-image-variant bundle sha256:<hex>`. */
const STAMP = /^\/\/ helm-image-variant bundle sha256:([0-9a-f]{64})\n/;

/** How many builds' caches are kept. */
const KEPT_CACHES = 4;

/** The directory caches go in, or undefined when the cache is off or there is no private place for it. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.HELM_IMAGE_VARIANT_CODE_CACHE;
  if (setting === '0' || setting === 'false' || setting === 'off') return undefined;
  if (setting && path.isAbsolute(setting)) return setting;
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.cache') : undefined;
  return base ? path.join(base, 'helm-image-variant') : undefined;
}

/** The cache file for a bundle with this stamp and file status (undefined: do not cache). */
export function cacheFile(dir: string | undefined, source: string, stat: fs.Stats): string | undefined {
  const m = STAMP.exec(source);
  if (!dir || !m) return undefined;
  const key = [m[1]!.slice(0, 32), stat.size, Math.trunc(stat.mtimeMs), process.versions.v8.replace(/[^0-9A-Za-z.-]/g, '_'), process.arch].join('-');
  return path.join(dir, `cli-${key}.v8cache`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    // only a cache this user owns: anything else is ignored (and replaced when the directory is ours)
    const fd = fs.openSync(file, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: vm.Script): void {
  try {
    const data = script.createCachedData();
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // written aside and renamed: a hook running many processes at once never reads half a file
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    // keep the caches of the few builds used last (several projects may each install their own version)
    const caches = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith('cli-') && n.endsWith('.v8cache'))
      .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { n } of caches.slice(KEPT_CACHES)) fs.rmSync(path.join(dir, n), { force: true });
  } catch {
    // a read-only or full disk: the next run compiles again
  }
}

/**
 * Runs a CommonJS bundle as `require` would, with a code cache when there is one; returns its exports, or
 * undefined when there is no bundle at `file` (the caller then requires the module tree).
 */
export function requireBundle(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  let source: string;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    // the build writes the bundle in ASCII only (esbuild escapes the rest; scripts/postbuild.mjs checks it), where
    // latin1 reads the same text as UTF-8 and about eight times faster
    source = fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  const cache = cacheFile(cacheDirectory(env), source, stat);
  const cachedData = readCache(cache);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cache && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => writeCache(cache, script));
  return module.exports;
}
