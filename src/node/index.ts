// helm-image-variant/node: the parts that touch the file system. The package root stays browser-safe.
import { parseProfile } from '../images/profile-check.js';
import type { Profile } from '../images/profile.js';
import { ValuesError } from '../errors.js';
import type { ValuesSource } from '../values/load.js';
import { MAX_VALUES_BYTES } from '../values/yaml/read.js';
import { readRegularFile, readRegularFileSync, ReadRefused } from './read-file.js';
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

/** A refused read of a values file as the ValuesError callers get (Helm's `open NAME: reason` wording). */
function valuesReadError(e: unknown, name: string): unknown {
  if (!(e instanceof ReadRefused)) return e;
  const r = e.refusal;
  switch (r.kind) {
    case 'directory':
      return new ValuesError('INVALID_INPUT', `read ${name}: is a directory`, undefined, name);
    case 'not-regular':
      // a FIFO or a device would block the read forever (or never end): only regular files are values files
      return new ValuesError('INVALID_INPUT', `read ${name}: not a regular file (${r.what})`, undefined, name);
    case 'too-large':
      return new ValuesError('VALUES_TOO_LARGE', `${name}: the file is ${r.size} bytes long, over the limit of ${MAX_VALUES_BYTES}`, undefined, name);
    case 'system':
      return new ValuesError('INVALID_INPUT', `${r.step} ${name}: ${r.reason}`, undefined, name);
  }
}

/**
 * Reads a values file as bytes (so that invalid UTF-8 is refused as Helm refuses it) into a
 * {@link ValuesSource} named by `name` (default: the path). Refuses a missing file, a directory and a
 * file over the size limit before reading it, and anything that is not a regular file (a FIFO would block).
 */
export async function readValuesSource(path: string, name: string = path): Promise<ValuesSource> {
  try {
    return { name, text: await readRegularFile(path, MAX_VALUES_BYTES) };
  } catch (e) {
    throw valuesReadError(e, name);
  }
}

/**
 * {@link readValuesSource} without waiting: for a program that reads one file after another anyway (the CLI
 * over many files), where the promise machinery of each read cost more than the read.
 */
export function readValuesSourceSync(path: string, name: string = path): ValuesSource {
  try {
    return { name, text: readRegularFileSync(path, MAX_VALUES_BYTES) };
  } catch (e) {
    throw valuesReadError(e, name);
  }
}

/** Reads a profile file (YAML or JSON) and checks it against the profile schema; throws ProfileError when invalid. */
export async function readProfile(path: string): Promise<Profile> {
  const source = await readValuesSource(path);
  return parseProfile(source.text, source.name);
}

export { checkImages, requiredPlatforms } from './registry.js';
export type { CheckedImage, CheckImagesOptions, ImageCheck, ImageCheckStatus } from './registry.js';
export { loadChart, readChartArchive, MAX_DECOMPRESSED_CHART_SIZE, MAX_DECOMPRESSED_FILE_SIZE } from './load-chart.js';
export type { LoadChartOptions } from './load-chart.js';
