// loadChart: a chart directory or packaged .tgz, with its subcharts, read as Helm reads them. Nothing is
// written to disk; archives are read in memory with Helm's own size limits, and refused when an entry would
// leave the chart (absolute paths, `..`), is a link, or the nesting of archives goes too deep.
import { promises as fs, realpathSync } from 'node:fs';
import nodePath from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { assembleChart, type Chart, type ChartFile } from '../chart/chart.js';
import { ValuesError } from '../errors.js';
import { helmIgnored, parseHelmignore } from '../chart/helmignore.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { goErrnoText, readRegularFile, readRegularFileSync, ReadRefused } from './read-file.js';

/** Helm's limits for a packaged chart: 100 MiB decompressed in all, 5 MiB per file. */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;
/** Files a chart directory may hold under charts/ before the loader refuses it (a limit of this library). */
export const MAX_CHART_FILES = 20_000;

/** Options of {@link loadChart}. */
export interface LoadChartOptions {
  /** Whose wording for errors: Helm 4.1 (default) or 3.17. */
  helmVersion?: HelmVersion;
}

/** Helm drops a UTF-8 byte order mark from every chart file it reads. */
function trimBom(data: Uint8Array): Uint8Array {
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

function archiveError(message: string, name: string): ValuesError {
  return new ValuesError('CHART_ARCHIVE', message, undefined, name);
}

/** Helm's gzip sniffing: http.DetectContentType, or the gzip magic bytes. */
function ensureArchive(data: Uint8Array, name: string): void {
  if (data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08) return;
  if (/\.ya?ml$/.test(name)) throw archiveError(`file '${name}' seems to be a YAML file, but expected a gzipped archive`, name);
  const head = data.subarray(0, 512);
  const text = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20);
  throw archiveError(`file '${name}' does not appear to be a gzipped archive; got '${text ? 'text/plain; charset=utf-8' : 'application/octet-stream'}'`, name);
}

/** path.Clean for the slash-separated names in an archive. */
function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

/**
 * Reads a packaged chart (gzip + tar) into its files as Helm's LoadArchiveFiles does: the first path part
 * (the chart's directory) is dropped, directories and pax headers skipped, a UTF-8 BOM trimmed.
 */
export async function readChartArchive(data: Uint8Array, name: string): Promise<ChartFile[]> {
  ensureArchive(data, name);
  let tar: Buffer;
  try {
    // the tar stream carries headers beside the content: allow for them before Helm's content limit applies
    tar = gunzipSync(data, { maxOutputLength: MAX_DECOMPRESSED_CHART_SIZE + 16 * 1024 * 1024 });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ValuesError('CHART_TOO_LARGE', `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`, undefined, name);
    }
    throw archiveError(`${name}: ${(e as Error).message}`, name);
  }
  const files: ChartFile[] = [];
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (hd, stream, next) => {
      const fail = (err: ValuesError) => {
        stream.resume();
        reject(err);
        ex.destroy();
      };
      if (hd.type === 'directory' || hd.type === 'pax-header' || hd.type === 'pax-global-header') {
        stream.on('end', next);
        stream.resume();
        return;
      }
      if (hd.type !== 'file' && hd.type !== 'contiguous-file') {
        fail(archiveError(`chart archive entry ${JSON.stringify(hd.name)} is a ${hd.type}; links and special files are refused`, name));
        return;
      }
      const delimiter = hd.name.includes('\\') ? '\\' : '/';
      const parts = hd.name.split(delimiter);
      let n = parts.slice(1).join('/');
      if (n.startsWith('/')) return fail(archiveError('chart illegally contains absolute paths', name));
      n = cleanPath(n);
      if (n === '.') return fail(archiveError(`chart illegally contains content outside the base directory: ${JSON.stringify(hd.name)}`, name));
      if (n.startsWith('..')) return fail(archiveError('chart illegally references parent directory', name));
      if (/^[a-zA-Z]:\//.test(n)) return fail(archiveError('chart contains illegally named files', name));
      if (parts[0] === 'Chart.yaml') return fail(archiveError('chart yaml not in base directory', name));
      const size = hd.size ?? 0;
      if (size > remaining) return fail(new ValuesError('CHART_TOO_LARGE', `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`, undefined, name));
      if (size > MAX_DECOMPRESSED_FILE_SIZE) {
        return fail(new ValuesError('CHART_TOO_LARGE', `decompressed chart file ${JSON.stringify(hd.name)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`, undefined, name));
      }
      const chunks: Buffer[] = [];
      let got = 0;
      stream.on('data', (c: Buffer) => {
        got += c.length;
        chunks.push(c);
      });
      stream.on('end', () => {
        remaining -= got;
        if (got < size || remaining <= 0) {
          fail(new ValuesError('CHART_TOO_LARGE', `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`, undefined, name));
          return;
        }
        files.push({ name: n, data: new Uint8Array(trimBom(Buffer.concat(chunks))) });
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', (e: Error) => reject(archiveError(`${name}: ${e.message}`, name)));
  });
  ex.end(tar);
  await done;
  if (files.length === 0) throw archiveError('no files in chart archive', name);
  return files;
}

/**
 * A failed file system call while loading a chart as a typed error: a FIFO, socket or device is
 * CHART_NOT_REGULAR_FILE (reading it could block forever), anything else the system refuses (a symlink loop,
 * permissions) CHART_READ_ERROR, in Go's words.
 */
function chartReadError(e: unknown, display: string, rel: string): unknown {
  if (e instanceof ValuesError) return e;
  const where = rel ? `${display}/${rel}` : display;
  if (e instanceof ReadRefused) {
    const r = e.refusal;
    if (r.kind === 'not-regular') return new ValuesError('CHART_NOT_REGULAR_FILE', `${where}: ${r.what} is not read: only regular files and directories are part of a chart`, undefined, display);
    if (r.kind === 'too-large') return new ValuesError('CHART_TOO_LARGE', `chart file ${JSON.stringify(rel)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`, undefined, display);
    if (r.kind === 'system') return new ValuesError('CHART_READ_ERROR', `${r.step} ${where}: ${r.reason}`, undefined, display);
    return new ValuesError('CHART_READ_ERROR', `read ${where}: is a directory`, undefined, display);
  }
  return new ValuesError('CHART_READ_ERROR', `${where}: ${goErrnoText(e)}`, undefined, display);
}

const isEnoent = (e: unknown) => (e as { code?: string }).code === 'ENOENT';

/** The files of a chart directory that loading needs: the chart's own and everything under charts/. */
async function readChartDirectory(root: string, display: string): Promise<ChartFile[]> {
  const files: ChartFile[] = [];
  const realRoot = await fs.realpath(root).catch((e: unknown) => {
    throw chartReadError(e, display, '');
  });
  // a missing file stays a raw ENOENT for the chart's own optional files (their caller skips it); met while
  // walking (a dangling link: Helm's walk fails evaluating it) it is a typed error, as every other failure.
  // Each file is read without waiting: a chart of thousands of small files took ten times the CPU through
  // the thread pool's five round trips a file (fuzz finding chart-20261217-326)
  const readFile = async (abs: string, rel: string) => {
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch (e) {
      throw isEnoent(e) ? e : chartReadError(e, display, rel);
    }
    if (real !== realRoot && !real.startsWith(realRoot + nodePath.sep)) {
      throw new ValuesError('CHART_ARCHIVE', `${display}/${rel}: a link that leaves the chart directory is refused`, undefined, display);
    }
    let data: Uint8Array;
    try {
      data = readRegularFileSync(real, MAX_DECOMPRESSED_FILE_SIZE);
    } catch (e) {
      if (e instanceof ReadRefused && e.refusal.kind === 'directory') return false;
      throw isEnoent(e) ? e : chartReadError(e, display, rel);
    }
    files.push({ name: rel, data: trimBom(data) });
    return true;
  };
  for (const f of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'requirements.yaml']) {
    try {
      await readFile(nodePath.join(root, f), f);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
    }
  }
  const rules = await readHelmignore(root, display);
  // charts/ is walked whole (subcharts may be directories or archives)
  const walk = async (dirAbs: string, rel: string, depth: number): Promise<void> => {
    if (depth > 64) throw new ValuesError('CHART_TOO_LARGE', `${display}/${rel}: directories nested too deep`, undefined, display);
    let entries;
    try {
      entries = await fs.readdir(dirAbs, { withFileTypes: true });
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR') return;
      throw chartReadError(e, display, rel);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const abs = nodePath.join(dirAbs, ent.name);
      const r = `${rel}/${ent.name}`;
      if (files.length > MAX_CHART_FILES) throw new ValuesError('CHART_TOO_LARGE', `${display}: more than ${MAX_CHART_FILES} files under charts/`, undefined, display);
      const base = ent.name;
      const isDir = ent.isDirectory() || (ent.isSymbolicLink() && (await fs.stat(abs).catch(() => undefined))?.isDirectory());
      if (isDir) {
        if (ent.isSymbolicLink()) {
          const real = await fs.realpath(abs).catch((e: unknown) => {
            throw chartReadError(e, display, r);
          });
          if (!real.startsWith(realRoot + nodePath.sep)) {
            throw new ValuesError('CHART_ARCHIVE', `${display}/${r}: a link that leaves the chart directory is refused`, undefined, display);
          }
        }
        await walk(abs, r, depth + 1);
      } else if (/^(Chart\.yaml|values\.yaml|values\.schema\.json|requirements\.yaml)$/.test(base) || base.endsWith('.tgz') || rel === 'charts') {
        await readFile(abs, r).catch((e: unknown) => {
          throw chartReadError(e, display, r);
        });
      } else if (!helmIgnored(rules, r, false)) {
        // a subchart directory's templates and files (Helm's LoadDir applies the top chart's .helmignore to
        // the whole tree, and a subchart directory's own .helmignore not at all)
        await readFile(abs, r).catch((e: unknown) => {
          throw chartReadError(e, display, r);
        });
      }
    }
  };
  await walk(nodePath.join(root, 'charts'), 'charts', 0);
  await readTemplatesAndFiles(root, display, files, readFile, rules);
  return files;
}

async function readHelmignore(root: string, display: string): Promise<ReturnType<typeof parseHelmignore>> {
  try {
    return parseHelmignore(await fs.readFile(nodePath.join(root, '.helmignore'), 'utf8'));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw new ValuesError('CHART_INVALID', `${display}/.helmignore: ${(e as Error).message}`, undefined, display);
    return parseHelmignore('');
  }
}

/**
 * The chart's templates and other files (what renderChart and `.Files` need), skipping what .helmignore
 * ignores as Helm's LoadDir does. charts/ and the files read above are not read again.
 */
async function readTemplatesAndFiles(
  root: string,
  display: string,
  files: ChartFile[],
  readFile: (abs: string, rel: string) => Promise<boolean>,
  rules: ReturnType<typeof parseHelmignore>,
): Promise<void> {
  const have = new Set(files.map((f) => f.name));
  const walk = async (dirAbs: string, rel: string, depth: number): Promise<void> => {
    if (depth > 64) throw new ValuesError('CHART_TOO_LARGE', `${display}/${rel}: directories nested too deep`, undefined, display);
    const entries = await fs.readdir(dirAbs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (r === 'charts' || have.has(r)) continue;
      const abs = nodePath.join(dirAbs, ent.name);
      const isDir = ent.isDirectory() || (ent.isSymbolicLink() && (await fs.stat(abs).catch(() => undefined))?.isDirectory() === true);
      if (helmIgnored(rules, r, isDir)) continue;
      if (files.length > MAX_CHART_FILES) throw new ValuesError('CHART_TOO_LARGE', `${display}: more than ${MAX_CHART_FILES} files`, undefined, display);
      if (isDir) await walk(abs, r, depth + 1);
      else {
        // a FIFO or device would block the read: Helm refuses irregular files too
        const st = await fs.stat(abs).catch(() => undefined);
        if (st && !st.isFile()) throw new ValuesError('CHART_ARCHIVE', `cannot load irregular file ${abs} as it has file mode type bits set`, undefined, display);
        await readFile(abs, r).catch((e: unknown) => {
          throw chartReadError(e, display, r);
        });
      }
    }
  };
  await walk(root, '', 0);
}

/**
 * Loads a chart directory or a packaged chart (.tgz) as Helm does: Chart.yaml (and requirements.yaml for
 * apiVersion v1), values.yaml, values.schema.json, and charts/ recursively, subcharts as directories or
 * archives. Templates are not read. Throws ValuesError with Helm's message where Helm refuses the chart.
 */
export async function loadChart(path: string, options: LoadChartOptions = {}): Promise<Chart> {
  const helmVersion = options.helmVersion ?? 4;
  let st;
  try {
    st = await fs.stat(path);
  } catch (e) {
    if (isEnoent(e)) throw new ValuesError('CHART_MISSING', `no such file or directory: ${path}`, undefined, path);
    throw chartReadError(e, path, '');
  }
  const unpack = (data: Uint8Array, name: string) => readChartArchive(data, name);
  if (st.isDirectory()) {
    const files = await readChartDirectory(path, path);
    if (!files.some((f) => f.name === 'Chart.yaml') && helmVersion === 4) {
      // Helm 4 names the file by its absolute path (helm template loads the chart from there)
      const p = nodePath.resolve(path, 'Chart.yaml');
      throw new ValuesError('CHART_MISSING', `unable to detect chart at ${p}: open ${p}: no such file or directory`, undefined, path);
    }
    return assembleChart(files, path, { helmVersion, unpack });
  }
  if (st.size > MAX_DECOMPRESSED_CHART_SIZE) {
    throw new ValuesError('CHART_TOO_LARGE', `${path}: the archive is larger than ${MAX_DECOMPRESSED_CHART_SIZE} bytes`, undefined, path);
  }
  // a FIFO, socket or device would block the read (or never end): only a regular file is an archive
  let data: Uint8Array;
  try {
    data = await readRegularFile(path, MAX_DECOMPRESSED_CHART_SIZE);
  } catch (e) {
    throw chartReadError(e, path, '');
  }
  return assembleChart(await readChartArchive(data, path), path, { helmVersion, unpack });
}
