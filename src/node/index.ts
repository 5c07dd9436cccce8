// helm-image-variant/node: the parts that touch the file system. The package root stays browser-safe.
import { parseProfile } from '../images/profile-check.js';
import type { Profile } from '../images/profile.js';
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync, type Stats } from 'node:fs';
import { ValuesError } from '../errors.js';
import type { ValuesSource } from '../values/load.js';
import { MAX_VALUES_BYTES } from '../values/yaml/read.js';
import * as nodeCrypto from 'node:crypto';
import { installCryptoProvider, nodeCryptoProvider, type NodeCryptoLike } from '../template/lib/provider.js';

/**
 * Installs node:crypto as the synchronous provider of templates' key generation, certificates, scrypt and
 * AES (genCA, genPrivateKey, derivePassword, encryptAES...). Importing this entry does it; bundles that drop
 * the import's side effect call it.
 */
export function installNodeCrypto(): void {
  installCryptoProvider(nodeCryptoProvider(nodeCrypto as unknown as NodeCryptoLike));
}
installNodeCrypto();

/** The reason a file system call failed, worded as Go's os package words it (Helm prints those). */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
}

/** Refuses what is not a values file before reading it: a directory, anything but a regular file, too large. */
function refuseUnreadable(stat: Stats, name: string): void {
  if (stat.isDirectory()) throw new ValuesError('INVALID_INPUT', `read ${name}: is a directory`, undefined, name);
  // a FIFO or a device would block the read forever (or never end): only regular files are values files
  if (!stat.isFile()) throw new ValuesError('INVALID_INPUT', `read ${name}: not a regular file`, undefined, name);
  if (stat.size > MAX_VALUES_BYTES) {
    throw new ValuesError('VALUES_TOO_LARGE', `${name}: the file is ${stat.size} bytes long, over the limit of ${MAX_VALUES_BYTES}`, undefined, name);
  }
}

/**
 * Reads a values file as bytes (so that invalid UTF-8 is refused as Helm refuses it) into a
 * {@link ValuesSource} named by `name` (default: the path). Refuses a missing file, a directory and a
 * file over the size limit before reading it, and anything that is not a regular file (a FIFO would block).
 */
export async function readValuesSource(path: string, name: string = path): Promise<ValuesSource> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    throw new ValuesError('INVALID_INPUT', `open ${name}: ${why(e)}`, undefined, name);
  }
  refuseUnreadable(stat, name);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(path));
  } catch (e) {
    throw new ValuesError('INVALID_INPUT', `open ${name}: ${why(e)}`, undefined, name);
  }
  return { name, text: bytes };
}

/**
 * {@link readValuesSource} without waiting: for a program that reads one file after another anyway (the CLI
 * over many files), where the promise machinery of each read cost more than the read.
 */
export function readValuesSourceSync(path: string, name: string = path): ValuesSource {
  let fd: number;
  try {
    // non-blocking, so that opening a FIFO returns at once (and is then refused as not a regular file)
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ValuesError('INVALID_INPUT', `open ${name}: ${why(e)}`, undefined, name);
  }
  try {
    refuseUnreadable(fstatSync(fd), name);
    let b: Buffer;
    try {
      b = readFileSync(fd);
    } catch (e) {
      throw new ValuesError('INVALID_INPUT', `read ${name}: ${why(e)}`, undefined, name);
    }
    return { name, text: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
  } finally {
    closeSync(fd);
  }
}

/** Reads a profile file (YAML or JSON) and checks it against the profile schema; throws ProfileError when invalid. */
export async function readProfile(path: string): Promise<Profile> {
  const source = await readValuesSource(path);
  return parseProfile(source.text, source.name);
}

export { loadChart, readChartArchive, MAX_DECOMPRESSED_CHART_SIZE, MAX_DECOMPRESSED_FILE_SIZE } from './load-chart.js';
export type { LoadChartOptions } from './load-chart.js';
