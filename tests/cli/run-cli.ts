// Runs the BUILT CLI (dist/, as `npm test` builds it first) as a child process, as users and hooks run it.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'dist', 'cjs', 'cli', 'bin.js');

/** What a run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cjs/cli/bin.js ...args` with a bounded time, so a hang fails the test instead of the suite. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number; bin?: string; /** a command that runs node (e.g. setpriv with its flags) */ wrap?: string[] } = {},
): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? ROOT, env, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 };
  if (options.uid !== undefined) spawnOptions.uid = options.uid;
  if (options.gid !== undefined) spawnOptions.gid = options.gid;
  const command = [...(options.wrap ?? []), process.execPath, options.bin ?? BIN, ...args];
  const r = spawnSync(command[0]!, command.slice(1), spawnOptions);
  if (r.error) throw r.error;
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
