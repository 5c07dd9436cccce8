// Reading one file from disk without ever blocking on something that is not a file. A FIFO opened for reading
// waits for a writer, and a read from it waits for data: a values file or chart that is a named pipe would hang
// the caller forever. The file is opened non-blocking, checked through its descriptor (so that nothing can swap
// it between the check and the read), and read only when it is a regular file.
import { closeSync, constants, fstatSync, promises as fs, openSync, readFileSync, type Stats } from 'node:fs';

/** Why a read failed, before any byte was read: the file is not regular, too large, or the system refused. */
export type ReadRefusal =
  | { kind: 'directory' }
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; size: number }
  | { kind: 'system'; code: string | undefined; reason: string; step: 'open' | 'read' };

/** Thrown by the readers below; callers turn it into their own typed error. */
export class ReadRefused extends Error {
  constructor(readonly refusal: ReadRefusal) {
    super(refusal.kind);
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The reason of a failed system call as Go's os package words it (Helm prints those). */
export function goErrnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return String((e as Error).message ?? e);
  }
}

/** What kind of file a stat describes, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function check(st: Stats, maxBytes: number): void {
  if (st.isDirectory()) throw new ReadRefused({ kind: 'directory' });
  if (!st.isFile()) throw new ReadRefused({ kind: 'not-regular', what: kindOf(st) });
  if (st.size > maxBytes) throw new ReadRefused({ kind: 'too-large', size: st.size });
}

const system = (e: unknown, step: 'open' | 'read'): ReadRefused =>
  e instanceof ReadRefused ? e : new ReadRefused({ kind: 'system', code: (e as NodeJS.ErrnoException).code, reason: goErrnoText(e), step });

/** Reads a regular file of at most `maxBytes`; throws {@link ReadRefused} for anything else (never blocks). */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await fs.open(path, OPEN_FLAGS);
  } catch (e) {
    throw system(e, 'open');
  }
  try {
    check(await handle.stat(), maxBytes);
    const b = await handle.readFile();
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw system(e, 'read');
  } finally {
    await handle.close();
  }
}

/** {@link readRegularFile} without waiting (for a program that reads one file after another anyway). */
export function readRegularFileSync(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw system(e, 'open');
  }
  try {
    check(fstatSync(fd), maxBytes);
    const b = readFileSync(fd);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw system(e, 'read');
  } finally {
    closeSync(fd);
  }
}
