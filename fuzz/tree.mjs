// Chart trees of the `chart` kind written to disk (files, directories, symlinks, FIFOs, big and binary files,
// many small files, .tgz archives with a tar writer of our own), shared by the worker, which loads them with the
// library, and by run.mjs, which gives the same tree to Helm.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function tarHeader(name, size, type) {
  const h = Buffer.alloc(512);
  const put = (s, off, len) => h.write(s, off, Math.min(len, Buffer.byteLength(s)), 'utf8');
  put(name.slice(0, 99), 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(size.toString(8).padStart(11, '0') + '\0', 124, 12);
  put('00000000000\0', 136, 12);
  h.fill(' ', 148, 156);
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

function tarGz(files, mutate) {
  const parts = [];
  for (const [name, data] of files) {
    const buf = Buffer.from(data);
    parts.push(tarHeader(name, buf.length, '0'), buf, Buffer.alloc((512 - (buf.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  let gz = zlib.gzipSync(Buffer.concat(parts));
  if (mutate === 'truncate') gz = gz.subarray(0, Math.max(1, gz.length >> 1));
  else if (mutate === 'flip') { gz = Buffer.from(gz); gz[Math.min(gz.length - 1, 20)] ^= 0xff; }
  else if (mutate === 'notgzip') gz = Buffer.from('not a gzip stream');
  else if (mutate === 'empty') gz = Buffer.alloc(0);
  return gz;
}

function filesUnder(entries, prefix) {
  return entries.filter((e) => e.type === 'file' && e.path.startsWith(prefix + '/')).map((e) => [e.path, e.text]);
}

/** Writes the chart tree of a `chart` input under dir; returns the chart's path (a directory or a .tgz). */
export function materialize(dir, input) {
  const put = (p) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); return path.join(dir, p); };
  for (const e of input.entries) {
    const p = put(e.path);
    try {
      if (e.type === 'file') { if (!fs.existsSync(p) || fs.lstatSync(p).isFile()) fs.writeFileSync(p, e.text); }
      else if (e.type === 'dir') { fs.rmSync(p, { force: true, recursive: true }); fs.mkdirSync(p, { recursive: true }); }
      else if (e.type === 'symlink') { fs.rmSync(p, { force: true, recursive: true }); fs.symlinkSync(e.target, p); }
      else if (e.type === 'fifo') { fs.rmSync(p, { force: true }); execFileSync('mkfifo', [p]); }
      else if (e.type === 'big') fs.writeFileSync(p, Buffer.alloc(e.size, 'x\n'));
      else if (e.type === 'binary') { const b = Buffer.alloc(e.size); for (let i = 0; i < e.size; i++) b[i] = (i * 2654435761) >>> 24; fs.writeFileSync(p, b); }
      else if (e.type === 'many') { fs.mkdirSync(p, { recursive: true }); for (let i = 0; i < e.count; i++) fs.writeFileSync(path.join(p, `f${i}.txt`), 'x'); }
      else if (e.type === 'tgz') {
        const files = filesUnder(input.entries, e.of).map(([n, t]) => [`sub/${n.slice(e.of.length + 1)}`, t]);
        fs.writeFileSync(p, tarGz(files, e.mutate));
      }
    } catch {
      // a tree the file system cannot hold is simply not that tree
    }
  }
  if (input.archive) {
    const files = filesUnder(input.entries, 'c');
    const tgz = path.join(dir, 'c.tgz');
    fs.writeFileSync(tgz, tarGz(files, input.archive));
    return tgz;
  }
  return path.join(dir, 'c');
}
