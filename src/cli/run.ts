// The CLI process: runs `main` with this process's arguments and streams, and sets the exit code.
import { main } from './main.js';

/** Runs the CLI in this process (what the executable does). */
export function run(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // a closed pipe (`... | head`) is the reader's choice, not a failure
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrStream: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}
