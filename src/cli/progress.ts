// A progress bar for long commands (images --check): drawn on stderr when stderr is a terminal, redrawn in place
// with a carriage return, cleared when done. Never drawn when stderr is a pipe or a file, nor under CI (CI=true or
// any non-empty CI but "false"/"0", as most CI systems set it even when they allocate a terminal), nor with
// TERM=dumb, so that logs and JSON on stdout hold only the report.

/** Where the bar is drawn: what a tty.WriteStream offers (process.stderr), or a fake one in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  /** The terminal's width in columns (unknown: 80). */
  columns?: number;
  write(text: string): unknown;
}

/** A bar that can be updated and finished; a no-op when not drawn. */
export interface ProgressBar {
  /** Whether anything is drawn at all. */
  readonly drawn: boolean;
  /** `done` of `total` finished, `inFlight` being worked on. */
  update(done: number, total: number, inFlight: number): void;
  /** Clears the bar's line (the report follows on a clean line). */
  finish(): void;
}

/** Whether a bar may be drawn on this stream in this environment. */
export function progressAllowed(stream: ProgressStream | undefined, env: Record<string, string | undefined>): boolean {
  if (!stream || stream.isTTY !== true) return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

/**
 * One line: `label [#######.........]  12/40  30%  3 in flight`, fitted to the terminal's width (the bar
 * shrinks first, to no less than 10 cells; below that only the counts are printed).
 */
export function progressLine(label: string, done: number, total: number, inFlight: number, columns: number): string {
  const d = Math.max(0, Math.min(done, total));
  const pct = total > 0 ? Math.floor((d * 100) / total) : 100;
  const counts = `${d}/${total}  ${String(pct).padStart(3)}%${inFlight > 0 ? `  ${inFlight} in flight` : ''}`;
  // one column is left free: a line exactly as wide as the terminal wraps on some terminals
  const room = columns - 1 - label.length - counts.length - 5;
  if (room < 10) return `${label} ${counts}`.slice(0, Math.max(0, columns - 1));
  const width = Math.min(room, 40);
  const filled = total > 0 ? Math.floor((d * width) / total) : width;
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${counts}`;
}

/** A progress bar on `stream`, or one that draws nothing where {@link progressAllowed} says no. */
export function createProgressBar(label: string, stream: ProgressStream | undefined, env: Record<string, string | undefined>): ProgressBar {
  if (!progressAllowed(stream, env)) return { drawn: false, update() {}, finish() {} };
  const out = stream!;
  let last = '';
  let shown = false;
  return {
    drawn: true,
    update(done, total, inFlight) {
      const line = progressLine(label, done, total, inFlight, out.columns && out.columns > 0 ? out.columns : 80);
      if (line === last) return;
      // \r, the line, then erase what a longer previous line left to its right
      out.write(`\r${line}\u001b[K`);
      last = line;
      shown = true;
    },
    finish() {
      if (shown) out.write('\r\u001b[K');
      shown = false;
      last = '';
    },
  };
}
