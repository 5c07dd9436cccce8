// Positional FILES or GLOBS: literal paths are kept as given (so a missing file or a directory is reported by
// name), patterns are expanded with fast-glob, loaded only when a pattern is given (start-up time).
import { existsSync } from 'node:fs';
import { InputError } from './errors.js';

/** Directories no glob looks into, whatever the pattern: dependencies and git's own files. */
export const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Glob syntax fast-glob gives a meaning to. */
const MAGIC = /[*?[\]{}()!]/;

/** True when `arg` is a pattern rather than a path: it has glob syntax and no file has that exact name. */
export function isPattern(arg: string, cwd: string): boolean {
  return MAGIC.test(arg) && !existsSync(cwd === '.' ? arg : `${cwd}/${arg}`);
}

/** Files matching one glob under `cwd`, sorted; paths relative to `cwd` as fast-glob gives them. */
export async function glob(patterns: string[], cwd: string, ignore: readonly string[] = []): Promise<string[]> {
  const fg = (await import('fast-glob')).default;
  const found = await fg(patterns, { cwd, ignore: [...DEFAULT_IGNORE, ...ignore], dot: true, onlyFiles: true, unique: true, suppressErrors: true });
  return found.sort();
}

/** What is said of a pattern that matches no file. */
export function noMatchMessage(pattern: string): string {
  return `no files match ${JSON.stringify(pattern)} (node_modules and .git are not searched)`;
}

/**
 * Expands the positional arguments in order, without repeats. A pattern that matches nothing must not pass
 * silently (a pre-commit or CI job that checks nothing): given `onNoMatch`, it is told and the other arguments
 * are still expanded (the caller reports it and exits 2 at the end); without it, it is an {@link InputError}.
 */
export async function expandArgs(args: readonly string[], cwd: string, ignore: readonly string[] = [], onNoMatch?: (pattern: string) => void): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const arg of args) {
    if (!isPattern(arg, cwd)) {
      add(arg);
      continue;
    }
    const found = await glob([arg], cwd, ignore);
    if (!found.length) {
      if (!onNoMatch) throw new InputError(noMatchMessage(arg));
      onNoMatch(arg);
    }
    found.forEach(add);
  }
  return out;
}
