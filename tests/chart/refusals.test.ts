// Charts Helm refuses, and hostile archives: each refusal is a ValuesError with its code, and nothing is
// written to disk while an archive is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { loadValues, ValuesError, type ValuesErrorCode } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { runCli } from '../cli/run-cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-refusals-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CHART = 'apiVersion: v2\nname: c\nversion: 0.1.0\n';

type Entry = { name: string; body?: string | Buffer; type?: 'file' | 'symlink' | 'link' | 'directory'; linkname?: string };

/** A .tgz built in memory from tar entries. */
async function tgz(entries: Entry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const header = { name: e.name, type: e.type ?? 'file', size: e.type && e.type !== 'file' ? 0 : body.length, ...(e.linkname ? { linkname: e.linkname } : {}) };
    await new Promise<void>((res, rej) => p.entry(header, e.type && e.type !== 'file' ? undefined : body, (err) => (err ? rej(err) : res())));
  }
  p.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

let n = 0;
function writeFile(data: Buffer | string, name = `a${n++}.tgz`): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, data);
  return f;
}

/** A chart directory from a map of relative paths to contents. */
function writeDir(files: Record<string, string>): string {
  const d = path.join(tmp, `d${n++}`);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), text);
  }
  return d;
}

async function refusal(load: () => Promise<unknown>): Promise<ValuesError> {
  let err: unknown;
  try {
    await load();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValuesError);
  return err as ValuesError;
}

/** A chart nested `depth` archives deep: each level's charts/ holds the next level's .tgz. */
async function nestedArchive(depth: number): Promise<Buffer> {
  let inner = await tgz([{ name: 'l0/Chart.yaml', body: 'apiVersion: v2\nname: l0\nversion: 0.1.0\n' }]);
  for (let i = 1; i <= depth; i++) {
    inner = await tgz([
      { name: `l${i}/Chart.yaml`, body: `apiVersion: v2\nname: l${i}\nversion: 0.1.0\n` },
      { name: `l${i}/charts/l${i - 1}-0.1.0.tgz`, body: inner },
    ]);
  }
  return inner;
}

describe('hostile archives', () => {
  const table: Array<[string, () => Promise<Buffer | string>, ValuesErrorCode, string]> = [
    ['path traversal', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'c/../../evil.txt', body: 'x' }]), 'CHART_ARCHIVE', 'chart illegally references parent directory'],
    ['absolute path', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'c//etc/evil', body: 'x' }]), 'CHART_ARCHIVE', 'chart illegally contains absolute paths'],
    ['content outside the base directory', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'loose', body: 'x' }]), 'CHART_ARCHIVE', 'chart illegally contains content outside the base directory: "loose"'],
    ['symbolic link', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'c/values.yaml', type: 'symlink', linkname: '/etc/passwd' }]), 'CHART_ARCHIVE', 'is a symlink'],
    ['hard link', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'c/values.yaml', type: 'link', linkname: 'c/Chart.yaml' }]), 'CHART_ARCHIVE', 'is a link'],
    ['Chart.yaml as the top directory', () => tgz([{ name: 'Chart.yaml/x', body: CHART }]), 'CHART_ARCHIVE', 'chart yaml not in base directory'],
    ['Chart.yaml outside any directory', () => tgz([{ name: 'Chart.yaml', body: CHART }]), 'CHART_ARCHIVE', 'chart illegally contains content outside the base directory: "Chart.yaml"'],
    ['a file over 5 MiB', () => tgz([{ name: 'c/Chart.yaml', body: CHART }, { name: 'c/values.yaml', body: Buffer.alloc(6 * 1024 * 1024, 0x20) }]), 'CHART_TOO_LARGE', 'is larger than the maximum file size 5242880'],
    ['gzip bomb', async () => gzipSync(Buffer.alloc(300 * 1024 * 1024)), 'CHART_TOO_LARGE', 'decompressed chart is larger than the maximum size 104857600'],
    ['archives nested 25 deep', () => nestedArchive(25), 'CHART_TOO_LARGE', 'nested deeper than 20 levels'],
    ['not gzip', async () => 'hello: world\n', 'CHART_ARCHIVE', 'does not appear to be a gzipped archive'],
    ['no files', () => tgz([{ name: 'c/', type: 'directory' }]), 'CHART_ARCHIVE', 'no files in chart archive'],
  ];
  test.each(table)('%s', async (_name, make, code, text) => {
    const file = writeFile(await make());
    const before = fs.readdirSync(tmp).sort();
    const err = await refusal(() => loadChart(file));
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
    expect(fs.existsSync(path.join(tmp, '..', 'evil.txt'))).toBe(false);
  });

  test('a .yaml given as a chart archive', async () => {
    const err = await refusal(() => loadChart(writeFile('a: 1\n', 'values.yaml')));
    expect(err.message).toBe(`file '${path.join(tmp, 'values.yaml')}' seems to be a YAML file, but expected a gzipped archive`);
  });

  test('archives nested within the limit load', async () => {
    const chart = await loadChart(writeFile(await nestedArchive(5)));
    let c = chart;
    for (let i = 4; i >= 0; i--) c = c.subcharts[`l${i}`]!;
    expect(c.name).toBe('l0');
  });
});

describe('charts Helm refuses', () => {
  const table: Array<[string, Record<string, string>, 3 | 4, ValuesErrorCode, string]> = [
    ['no Chart.yaml (Helm 3)', { 'values.yaml': 'a: 1\n' }, 3, 'CHART_MISSING', 'Chart.yaml file is missing'],
    ['no Chart.yaml (Helm 4)', { 'values.yaml': 'a: 1\n' }, 4, 'CHART_MISSING', 'unable to detect chart at '],
    ['broken Chart.yaml', { 'Chart.yaml': 'a: [1\n' }, 4, 'YAML_SYNTAX', "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"],
    ['no name', { 'Chart.yaml': 'apiVersion: v2\nversion: 0.1.0\n' }, 4, 'CHART_INVALID', 'validation: chart.metadata.name is required'],
    ['no version', { 'Chart.yaml': 'apiVersion: v2\nname: c\n' }, 4, 'CHART_INVALID', 'validation: chart.metadata.version is required'],
    ['invalid version', { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: x1\n' }, 4, 'CHART_INVALID', 'validation: chart.metadata.version "x1" is invalid'],
    ['invalid type', { 'Chart.yaml': `${CHART}type: foo\n` }, 4, 'CHART_INVALID', 'validation: chart.metadata.type must be application or library'],
    ['alias with a dot', { 'Chart.yaml': `${CHART}dependencies:\n- name: a\n  alias: b.c\n` }, 4, 'CHART_INVALID', 'validation: dependency "a" has disallowed characters in the alias'],
    ['duplicate dependency', { 'Chart.yaml': `${CHART}dependencies:\n- name: a\n- name: a\n` }, 4, 'CHART_INVALID', 'validation: more than one dependency with name or alias "a"'],
    ['dependencies not a list (Helm 3)', { 'Chart.yaml': `${CHART}dependencies: 5\n` }, 3, 'CHART_INVALID', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Metadata.dependencies of type []*chart.Dependency'],
    ['dependencies not a list (Helm 4)', { 'Chart.yaml': `${CHART}dependencies: 5\n` }, 4, 'CHART_INVALID', 'of type []*v2.Dependency'],
    ['version a list', { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: [1]\n' }, 4, 'CHART_INVALID', 'json: cannot unmarshal array into Go struct field Metadata.version of type string'],
    ['stray file under charts/', { 'Chart.yaml': CHART, 'charts/README.md': 'hi' }, 4, 'CHART_MISSING', 'error unpacking subchart README.md in c: Chart.yaml file is missing'],
    // Helm parses values.yaml as its loader meets it: before it validates Chart.yaml and loads the subcharts
    // (texts recorded with Helm 4.1.4 and 3.17.1; fuzz seed 20261217)
    ['a broken values.yaml before validation (Helm 4)', { 'Chart.yaml': 'apiVersion: v2\nname: c\n', 'values.yaml': 'a: b: c\n' }, 4, 'YAML_SYNTAX', 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: mapping values are not allowed in this context'],
    ['a broken values.yaml before validation (Helm 3)', { 'Chart.yaml': 'apiVersion: v2\nname: c\n', 'values.yaml': 'a: b: c\n' }, 3, 'YAML_SYNTAX', 'cannot load values.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context'],
    ['a broken values.yaml before a broken subchart', { 'Chart.yaml': CHART, 'values.yaml': 'a: b: c\n', 'charts/s/values.yaml': 'x: 1\n' }, 4, 'YAML_SYNTAX', 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: mapping values are not allowed in this context'],
    ['a subchart\'s broken values.yaml before its validation', { 'Chart.yaml': CHART, 'charts/s/Chart.yaml': 'apiVersion: v2\nname: s\n', 'charts/s/values.yaml': 'q: [\n' }, 3, 'YAML_SYNTAX', 'error unpacking subchart s in c: cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content'],
  ];
  test.each(table)('%s', async (_name, files, helmVersion, code, text) => {
    const err = await refusal(() => loadChart(writeDir(files), { helmVersion }));
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });

  test('template prints a load failure as Helm does, without the --chart of the other commands', () => {
    const dir = writeDir({ 'Chart.yaml': 'apiVersion: v2\nname: c\n', 'values.yaml': 'a: b: c\n' });
    const r = runCli(['template', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n');
    expect(runCli(['images', '--chart', dir]).stderr).toContain(`--chart ${dir}: cannot load values.yaml`);
  });

  test('a listed dependency missing from charts/ (Helm 3 and 4 wording)', async () => {
    const chart = await loadChart(writeDir({ 'Chart.yaml': `${CHART}dependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n` }));
    for (const [v, lead] of [[3, 'An error'], [4, 'an error']] as const) {
      const err = await refusal(async () => loadValues({ chart, helmVersion: v }));
      expect(err.code).toBe('CHART_DEPENDENCY_MISSING');
      expect(err.message).toBe(`${lead} occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: sub`);
    }
  });

  test('a subchart whose Chart.yaml name does not match its dependency entry is missing to Helm', async () => {
    const chart = await loadChart(
      writeDir({
        'Chart.yaml': `${CHART}dependencies:\n- name: sub\n  version: 0.1.0\n`,
        'charts/sub/Chart.yaml': 'apiVersion: v2\nname: other\nversion: 0.1.0\n',
      }),
    );
    expect(Object.keys(chart.subcharts)).toEqual(['other']);
    const err = await refusal(async () => loadValues({ chart }));
    expect(err.code).toBe('CHART_DEPENDENCY_MISSING');
    expect(err.message).toContain('found in Chart.yaml, but missing in charts/ directory: sub');
  });

  test('a broken subchart values.yaml names the subchart', async () => {
    const chart = await loadChart(writeDir({ 'Chart.yaml': CHART, 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n', 'charts/sub/values.yaml': 'a:\n\tb: 1\n' }));
    const err = await refusal(async () => loadValues({ chart }));
    expect(err.code).toBe('YAML_SYNTAX');
    expect(err.message).toBe('error unpacking subchart sub in c: cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: found character that cannot start any token');
    expect(err.location).toEqual({ file: `${chart.path}/charts/sub/values.yaml`, line: 2, column: 1 });
  });

  test('import-values that put a map inside itself: Helm hangs (3.17.1) or overflows its stack (4.1.4); we refuse', async () => {
    const chart = await loadChart(
      writeDir({
        'Chart.yaml': `${CHART}dependencies:\n- name: db\n  version: 0.1.0\n  import-values:\n  - {child: default.data, parent: global}\n  - {child: default.data, parent: global.imported}\n`,
        'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 0.1.0\n',
        'charts/db/values.yaml': 'default:\n  data: {port: 80}\n',
      }),
    );
    for (const helmVersion of [3, 4] as const) {
      const err = await refusal(async () => loadValues({ chart, helmVersion }));
      expect(err.code).toBe('CHART_IMPORT');
      expect(err.message).toBe('import-values of chart c place a map inside itself at global.imported; Helm does not finish rendering such a chart');
    }
  });

  test('a link leaving the chart directory is refused', async () => {
    const d = writeDir({ 'Chart.yaml': CHART });
    fs.symlinkSync('/etc/hostname', path.join(d, 'values.yaml'));
    const err = await refusal(() => loadChart(d));
    expect(err.code).toBe('CHART_ARCHIVE');
  });

  test('a missing path', async () => {
    const err = await refusal(() => loadChart(path.join(tmp, 'nope')));
    expect(err.code).toBe('CHART_MISSING');
  });

  test('chart and chartValues together are a usage error', async () => {
    const chart = await loadChart(writeDir({ 'Chart.yaml': CHART }));
    const err = await refusal(async () => loadValues({ chart, chartValues: 'a: 1' }));
    expect(err.code).toBe('INVALID_INPUT');
  });
});

describe('what loading keeps', () => {
  test('numbers in Chart.yaml string fields print as Helm prints them', async () => {
    const chart = await loadChart(writeDir({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0\nappVersion: 1.10\n' }));
    expect(chart.version).toBe('1');
    expect(chart.appVersion).toBe('1.1');
  });
  test('apiVersion v1 reads dependencies from requirements.yaml', async () => {
    const chart = await loadChart(
      writeDir({
        'Chart.yaml': 'name: c\nversion: 0.1.0\n',
        'requirements.yaml': 'dependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n',
        'values.yaml': 'sub:\n  enabled: false\n',
        'charts/sub/Chart.yaml': 'name: sub\nversion: 0.1.0\n',
      }),
    );
    expect(chart.apiVersion).toBe('v1');
    expect(chart.dependencies).toEqual([{ name: 'sub', version: '0.1.0', condition: 'sub.enabled' }]);
    expect(loadValues({ chart }).subcharts).toEqual({});
  });
  test('a packaged chart loads like its directory', async () => {
    const file = writeFile(
      await tgz([
        { name: 'c/Chart.yaml', body: `${CHART}dependencies:\n- name: sub\n  version: ~1.2.0\n  alias: one\n` },
        { name: 'c/values.yaml', body: '\ufeffglobal:\n  p: 1\n' },
        { name: 'c/charts/sub/Chart.yaml', body: 'apiVersion: v2\nname: sub\nversion: 1.2.3\n' },
        { name: 'c/charts/sub/values.yaml', body: 'x: 0\n' },
      ]),
    );
    const r = loadValues({ chart: await loadChart(file) });
    expect(r.toJson()).toBe('{"global":{"p":1},"one":{"global":{"p":1},"x":0}}');
    expect(r.charts!.one).toEqual({ name: 'sub', version: '1.2.3' });
    expect(r.locate('one.x')).toEqual({ file: `${file}/charts/sub/values.yaml`, line: 1, column: 4 });
  });
});
