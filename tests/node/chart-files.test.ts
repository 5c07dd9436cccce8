// loadChart reads only regular files (issue 13, defect 4): a chart whose values.yaml is a named pipe hung the
// loader forever (a FIFO without a writer blocks the read); it is refused with CHART_NOT_REGULAR_FILE before any
// read. Symlink loops and other refusals of the file system are typed ValuesErrors in Go's words, never raw
// ELOOP errors. The CLI reports each with exit 2 instead of hanging.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ValuesError } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { runCli } from '../cli/run-cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-chart-files-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CHART_YAML = 'apiVersion: v2\nname: c\nversion: 0.1.0\n';

/** A chart directory `c` under a fresh folder; `make` adds the odd file. */
function chart(name: string, make: (dir: string) => void): string {
  const dir = path.join(tmp, name, 'c');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), CHART_YAML);
  make(dir);
  return dir;
}

const fifo = (p: string) => execFileSync('mkfifo', [p]);
const loop = (p: string) => {
  // a -> b -> a
  fs.symlinkSync(`${path.basename(p)}.b`, p);
  fs.symlinkSync(path.basename(p), `${p}.b`);
};

// [case, the chart path to load (made on demand), expected code, expected text]
const rows: Array<[string, () => string, string, RegExp]> = [
  ['c/values.yaml is a FIFO', () => chart('fifo-values', (d) => fifo(path.join(d, 'values.yaml'))), 'CHART_NOT_REGULAR_FILE', /c\/values\.yaml: a named pipe \(FIFO\) is not read/],
  ['c/Chart.yaml is a FIFO', () => chart('fifo-chart-yaml', (d) => (fs.rmSync(path.join(d, 'Chart.yaml')), fifo(path.join(d, 'Chart.yaml')))), 'CHART_NOT_REGULAR_FILE', /Chart\.yaml: a named pipe/],
  ['c/values.schema.json is a FIFO', () => chart('fifo-schema', (d) => fifo(path.join(d, 'values.schema.json'))), 'CHART_NOT_REGULAR_FILE', /values\.schema\.json: a named pipe/],
  ['a subchart archive is a FIFO', () => chart('fifo-tgz', (d) => (fs.mkdirSync(path.join(d, 'charts')), fifo(path.join(d, 'charts', 'sub-1.0.0.tgz')))), 'CHART_NOT_REGULAR_FILE', /charts\/sub-1\.0\.0\.tgz: a named pipe/],
  ['a subchart values.yaml is a FIFO', () => chart('fifo-sub', (d) => (fs.mkdirSync(path.join(d, 'charts', 'sub'), { recursive: true }), fs.writeFileSync(path.join(d, 'charts', 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 1.0.0\n'), fifo(path.join(d, 'charts', 'sub', 'values.yaml')))), 'CHART_NOT_REGULAR_FILE', /charts\/sub\/values\.yaml: a named pipe/],
  ['the chart path is a FIFO', () => { const p = path.join(tmp, 'fifo-archive.tgz'); if (!fs.existsSync(p)) fifo(p); return p; }, 'CHART_NOT_REGULAR_FILE', /fifo-archive\.tgz: a named pipe/],
  ['c/values.yaml is a symlink loop', () => chart('loop-values', (d) => loop(path.join(d, 'values.yaml'))), 'CHART_READ_ERROR', /values\.yaml: too many levels of symbolic links/],
  ['a subchart values.yaml is a symlink loop', () => chart('loop-sub', (d) => (fs.mkdirSync(path.join(d, 'charts', 'sub'), { recursive: true }), fs.writeFileSync(path.join(d, 'charts', 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 1.0.0\n'), loop(path.join(d, 'charts', 'sub', 'values.yaml')))), 'CHART_READ_ERROR', /too many levels of symbolic links/],
  ['a template is a dangling link (fuzz seed 20261204)', () => chart('dangling-template', (d) => (fs.mkdirSync(path.join(d, 'templates')), fs.symlinkSync('nope', path.join(d, 'templates', 'x.yaml')))), 'CHART_READ_ERROR', /templates\/x\.yaml: no such file or directory/],
  ['the chart path is a symlink loop', () => { const p = path.join(tmp, 'loop-chart'); if (!fs.lstatSync(p, { throwIfNoEntry: false })) loop(p); return p; }, 'CHART_READ_ERROR', /loop-chart: too many levels of symbolic links/],
];

describe.each(rows)('%s', (_name, make, code, text) => {
  let p: string;
  beforeAll(() => {
    p = make();
  });

  test('loadChart refuses it with a typed error, without blocking', async () => {
    const err = await loadChart(p).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValuesError);
    expect((err as ValuesError).code).toBe(code);
    expect((err as ValuesError).message).toMatch(text);
  });

  test('the CLI exits 2 with the message (it would hang before)', () => {
    const r = runCli(['images', '--chart', p, '-o', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(text);
  });
});

test('--set-file naming a FIFO or a symlink loop is refused, not read', () => {
  const d = path.join(tmp, 'set-file');
  fs.mkdirSync(d, { recursive: true });
  fifo(path.join(d, 'pipe'));
  loop(path.join(d, 'loop'));
  for (const [f, text] of [
    ['pipe', /--set-file a=.*pipe: not a regular file \(a named pipe \(FIFO\)\)/],
    ['loop', /--set-file a=.*loop: too many levels of symbolic links/],
  ] as const) {
    const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.17.0', '--set-file', `a=${path.join(d, f)}`, '-o', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(text);
  }
});

test('an ordinary chart still loads', async () => {
  const p = chart('ok', (d) => fs.writeFileSync(path.join(d, 'values.yaml'), 'a: 1\n'));
  const c = await loadChart(p);
  expect(c.name).toBe('c');
});
