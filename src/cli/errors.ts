// The two ways a run ends before its checks: the command line is wrong (usage), or an input cannot be read.
// Both exit 2; neither prints a stack trace.

/** The command line is wrong: unknown flag, bad value, nothing to check. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose --help to point at ('' for the top level). */
  constructor(message: string, readonly command = '') {
    super(message);
  }
}

/** A file or chart cannot be read at all (missing, a directory, no permission, nothing matched). Exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** Helm's own words for the failure, without what names the input (`template` prints them as Helm does). */
  helmText?: string;
}

/** Exit codes, exactly as docs/cli.md lists them. */
export const EXIT = { ok: 0, found: 1, usage: 2 } as const;
