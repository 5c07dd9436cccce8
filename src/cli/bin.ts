#!/usr/bin/env node
// The helm-image-variant executable: runs the CLI with this process's arguments and streams.
import { main } from './main.js';

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
}).then((code) => {
  process.exitCode = code;
});
