// What a command needs from the process, passed in so that tests and embedders can run commands in-process.
import type { ProgressStream } from './progress.js';

/** The process around a command. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours default to on only then). */
  stdoutIsTTY: boolean;
  /** The stream behind `stderr`, for a progress bar drawn only when it is a terminal (absent: never drawn). */
  stderrStream?: ProgressStream;
}

/** The tool name printed before messages on stderr. */
export const PROGRAM = 'helm-image-variant';
