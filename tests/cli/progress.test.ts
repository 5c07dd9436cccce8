// The progress bar of `images --check`: drawn on a (fake) terminal stream only, never under CI, never on a pipe,
// never into stdout; and its line: done/total, percentage, in flight, fitted to the width.
import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { createProgressBar, progressAllowed, progressLine, type ProgressStream } from '../../src/cli/progress';
import type { CliIo } from '../../src/cli/io';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../dist/cjs/cli/main.js') as typeof import('../../src/cli/main');

/** A stream that says it is a terminal of `columns` columns and keeps what is written to it. */
function fakeTty(columns = 100, isTTY = true): ProgressStream & { text: string } {
  const s = { isTTY, columns, text: '', write: (t: string) => void (s.text += t) };
  return s;
}

describe('progressLine', () => {
  test('done/total, percentage and in flight, with a bar', () => {
    expect(progressLine('checking images', 3, 12, 2, 100)).toBe('checking images [##########..............................]  3/12   25%  2 in flight');
    expect(progressLine('checking images', 12, 12, 0, 100)).toBe(`checking images [${'#'.repeat(40)}]  12/12  100%`);
    expect(progressLine('x', 0, 0, 0, 100)).toBe(`x [${'#'.repeat(40)}]  0/0  100%`);
  });
  test('a narrow terminal shrinks the bar, then drops it; never wider than the terminal less one column', () => {
    const narrow = progressLine('checking images', 5, 10, 1, 60);
    expect(narrow.length).toBeLessThanOrEqual(59);
    expect(narrow).toMatch(/^checking images \[#+\.+\]  5\/10   50%  1 in flight$/);
    expect(progressLine('checking images', 5, 10, 1, 40)).toBe('checking images 5/10   50%  1 in flight');
    expect(progressLine('checking images', 5, 10, 1, 12).length).toBeLessThanOrEqual(11);
  });
});

describe('createProgressBar', () => {
  test('on a terminal: redrawn in place with \\r, a line erased to its end, cleared by finish', () => {
    const tty = fakeTty(100);
    const bar = createProgressBar('checking images', tty, {});
    expect(bar.drawn).toBe(true);
    bar.update(0, 2, 1);
    bar.update(0, 2, 1); // the same line is not written twice
    bar.update(1, 2, 0);
    bar.finish();
    expect(tty.text).toBe(`\r${progressLine('checking images', 0, 2, 1, 100)}\u001b[K\r${progressLine('checking images', 1, 2, 0, 100)}\u001b[K\r\u001b[K`);
  });
  test.each([
    ['a pipe', fakeTty(100, false), {}],
    ['no stream at all', undefined, {}],
    ['CI=true on a terminal', fakeTty(), { CI: 'true' }],
    ['CI=1 on a terminal', fakeTty(), { CI: '1' }],
    ['TERM=dumb', fakeTty(), { TERM: 'dumb' }],
  ] as Array<[string, (ProgressStream & { text: string }) | undefined, Record<string, string>]>)('nothing drawn on %s', (_name, stream, env) => {
    expect(progressAllowed(stream, env)).toBe(false);
    const bar = createProgressBar('checking images', stream, env);
    bar.update(1, 2, 1);
    bar.finish();
    expect(bar.drawn).toBe(false);
    if (stream) expect(stream.text).toBe('');
  });
  test('CI=false or an empty CI is not CI', () => {
    expect(progressAllowed(fakeTty(), { CI: 'false' })).toBe(true);
    expect(progressAllowed(fakeTty(), { CI: '' })).toBe(true);
  });
});

describe('images --check draws the bar on stderr only when it is a terminal', () => {
  let srv: http.Server;
  let port: number;
  beforeAll(async () => {
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux' }));
    const digest = `sha256:${crypto.createHash('sha256').update(config).digest('hex')}`;
    const manifest = JSON.stringify({ schemaVersion: 2, config: { digest } });
    srv = http.createServer((req, res) => {
      if (req.url!.includes('/blobs/')) return void res.writeHead(200).end(config);
      // a registry that holds every manifest asked for
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    }).listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    port = (srv.address() as net.AddressInfo).port;
  });
  afterAll(() => srv.close());

  async function check(over: Partial<CliIo>): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const argv = ['images', '--profile', 'gloo', '--chart-version', '1.18.0', '--mirror', `127.0.0.1:${port}`, '--check', '--insecure'];
    const code = await main(argv, { cwd: path.join(__dirname, '..', '..'), env: {}, stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTTY: false, ...over });
    return { code, out, err };
  }

  test('a terminal: the bar reaches n/n 100% and is cleared; stdout holds the report alone', async () => {
    const tty = fakeTty(120);
    const r = await check({ stderrStream: tty });
    expect(r.code).toBe(0);
    const n = Number(/^(\d+) images checked/m.exec(r.out)![1]);
    expect(n).toBeGreaterThan(3);
    expect(tty.text).toContain(`  ${n}/${n}  100%`);
    expect(tty.text).toMatch(/in flight/);
    expect(tty.text.endsWith('\r\u001b[K')).toBe(true);
    expect(r.out).not.toMatch(/\u001b|\r/);
    expect(r.err).toBe('');
  });

  test('a pipe, or CI on a terminal: no bar, no counter', async () => {
    for (const over of [{ stderrStream: fakeTty(120, false) }, { stderrStream: fakeTty(120), env: { CI: 'true' } }]) {
      const r = await check(over);
      expect(r.code).toBe(0);
      expect(over.stderrStream.text).toBe('');
      expect(r.err).toBe('');
    }
  });
});
