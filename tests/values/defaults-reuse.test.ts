// Chart defaults read again with the same text are served from a parsed copy (the loader keeps texts it
// has seen twice). Each row loads the same defaults over user values again and again, and every result
// must equal a first read of the text (one that differs in a trailing comment, so never kept): the same values, locations, Go types and
// warnings, and no change made by one release (null deletion, --set into a list) may leak into the next.
import path from 'node:path';
import { loadValues, validateValues, resolveImages, type LoadValuesInput } from '../../src';
import { loadChart } from '../../src/node';
import { Coalescer } from '../../src/values/coalesce';
import { goJson } from '../../src/values/load';
import { deepFreeze, type GoMap } from '../../src/values/model';
import { readValuesText } from '../../src/values/yaml/read';

const DEFAULTS = `global:
  image:
    registry: quay.io/solo-io
    variant: standard
gloo:
  deployment:
    image: {repository: gloo, tag: 1.22.0}
    ports: [9977, 9976]
    extraEnv: null
discovery:
  enabled: true
  deployment: {replicas: 1}
anchors:
  base: &b {a: 1, b: [x, y]}
  copy: *b
`;

// [what the user gives, paths to locate and type]
const ROWS: Array<[string, Partial<LoadValuesInput>, string[]]> = [
  ['nothing', {}, ['global.image.variant', 'gloo.deployment.ports[1]', 'anchors.copy.b[0]']],
  ['null deletes a default block', { valuesFiles: ['discovery:\n  deployment: null\n'] }, ['discovery.enabled', 'discovery.deployment']],
  ['nested null over a default null', { valuesFiles: ['gloo:\n  deployment:\n    extraEnv: null\n'] }, ['gloo.deployment.extraEnv']],
  ['--set into a list of the defaults', { set: ['gloo.deployment.ports[0]=1', 'anchors.copy.b[1]=z'] }, ['gloo.deployment.ports[0]', 'anchors.copy.b[1]', 'anchors.base.b[1]']],
  ['a user map replacing a scalar', { valuesFiles: ['global:\n  image:\n    variant: {x: 1}\n'] }, ['global.image.variant']],
  ['Helm 3 rules', { helmVersion: 3, valuesFiles: ['gloo:\n  deployment:\n    extraEnv: null\n'] }, ['gloo.deployment.extraEnv', 'global.image.registry']],
];

function snapshot(input: LoadValuesInput, paths: string[]) {
  const r = loadValues(input);
  return {
    json: r.toJson(),
    values: r.values,
    warnings: r.warnings,
    at: paths.map((p) => [p, r.locate(p), r.goValue(p)]),
  };
}

let firstReads = 0;
/** The defaults with a comment line no other read has: parsed afresh, never served from a kept copy. */
const unseen = () => `${DEFAULTS}# first read ${++firstReads}\n`;

test.each(ROWS)('%s: the same result on every reuse of the defaults', (_name, user, paths) => {
  const fresh = snapshot({ ...user, chartValues: { name: 'values.yaml', text: unseen() } }, paths);
  for (let i = 0; i < 4; i++) {
    expect(snapshot({ ...user, chartValues: { name: 'values.yaml', text: DEFAULTS } }, paths)).toEqual(fresh);
    // a chart read from disk hands its values over as bytes: decoded, then kept like text
    expect(snapshot({ ...user, chartValues: { name: 'values.yaml', text: new TextEncoder().encode(DEFAULTS) } }, paths)).toEqual(fresh);
  }
});

test('bytes that are not UTF-8 are refused on every read, never served from a kept copy', () => {
  const bad = new TextEncoder().encode(DEFAULTS);
  bad[bad.length - 2] = 0xff;
  for (let i = 0; i < 3; i++) {
    expect(() => loadValues({ chartValues: { name: 'values.yaml', text: bad } })).toThrow(expect.objectContaining({ code: 'YAML_INVALID_UTF8' }));
  }
});

test('releases in between leave the defaults as they were', () => {
  const plain = () => snapshot({ chartValues: { name: 'values.yaml', text: DEFAULTS } }, ['discovery.deployment.replicas', 'gloo.deployment.ports[0]']);
  const before = plain();
  for (const [, user] of ROWS) loadValues({ ...user, chartValues: { name: 'values.yaml', text: DEFAULTS } });
  expect(plain()).toEqual(before);
});

test('the same text under another name is located under that name', () => {
  loadValues({ chartValues: { name: 'a/values.yaml', text: DEFAULTS } });
  loadValues({ chartValues: { name: 'a/values.yaml', text: DEFAULTS } });
  const b = loadValues({ chartValues: { name: 'b/values.yaml', text: DEFAULTS } });
  expect(b.locate('global.image.variant')).toEqual({ file: 'b/values.yaml', line: 4, column: 14 });
});

// Short texts (a rendered line, a small values file) are kept after their first read, whatever their role.
const SHORT = 'image:\n  tag: 1.10\n  list: [a, {b: 1}]\n';

test('a short file read again is located in the file that names it, line and column', () => {
  for (const name of ['one.yaml', 'two.yaml', 'one.yaml']) {
    const r = loadValues({ valuesFiles: [{ name, text: SHORT }] });
    expect(r.locate('image.tag')).toEqual({ file: name, line: 2, column: 8 });
    expect(r.locate('image.list[1].b')).toEqual({ file: name, line: 3, column: 17 });
    expect(r.goValue('image.tag')).toEqual({ type: 'float64', text: '1.1' });
  }
});

test('a short file read again is not changed by what --set did to an earlier read', () => {
  const first = loadValues({ valuesFiles: [SHORT], set: ['image.list[0]=z', 'image.list[1].b=2'] });
  expect(first.values).toEqual({ image: { tag: 1.1, list: ['z', { b: 2 }] } });
  const again = loadValues({ valuesFiles: [SHORT] });
  expect(again.values).toEqual({ image: { tag: 1.1, list: ['a', { b: 1 }] } });
  expect(again.locate('image.list[0]')).toEqual({ file: 'values-1.yaml', line: 3, column: 10 });
});

// A whole chart without subcharts is coalesced in one pass: from its third read on, its defaults are the kept
// parsed tree itself (frozen, shared by every release, never copied). Every release must still be what a first
// read gives, and what a release's values go through afterwards (validation, the resolver) must not write to it.
test.each(ROWS)('%s: a whole chart reused by many releases gives what a first read gives', async (_name, user, paths) => {
  const chart = await loadChart(path.join(__dirname, '..', '..', 'fixtures', 'charts', 'gloo-1.22.0'));
  const text = typeof chart.values.text === 'string' ? chart.values.text : new TextDecoder().decode(chart.values.text);
  const chartPaths = [...paths, 'gloo.deployment.image.tag', 'global.image.registry', 'settings.integrations'];
  const release = (c: typeof chart) => {
    const r = snapshot({ ...user, chart: c }, chartPaths);
    const loaded = loadValues({ ...user, chart: c });
    let images: string[] | string;
    try {
      images = resolveImages(loaded, { profile: 'gloo' }).map((i) => i.reference);
    } catch (e) {
      images = String(e); // a release Helm would fail to render fails the same way every time
    }
    return { ...r, validation: validateValues(loaded, { profile: 'gloo' }).diagnostics, images };
  };
  const fresh = release({ ...chart, values: { name: chart.values.name, text: `${text}# first read ${++firstReads}\n` } });
  for (let i = 0; i < 4; i++) expect(release(chart)).toEqual(fresh);
});

// Coalescing never writes a shared (frozen) defaults tree: Helm 4 writes the user's nulls into the defaults
// before merging, and a frozen tree must give the same merge and the same warnings without that write.
test.each([
  [4, false],
  [4, true],
  [3, false],
  [3, true],
] as const)('Helm %i, merge %s: coalescing a frozen defaults tree equals coalescing a copy', (helm, merge) => {
  const defaults = () => readValuesText('a: {x: 1}\nb: 2\nc: null\nd: {y: {z: 1}}\ne: [1]\n', { name: 'd.yaml', role: 'user' }, helm);
  const user = () => readValuesText('a: null\nb: null\nc: null\nf: null\nd: {y: null, w: 2}\ne: {k: 1}\n', { name: 'u.yaml', role: 'user' }, helm);
  const run = (src: GoMap) => {
    const c = new Coalescer(helm, 'chart');
    const out = c.tables(user(), src, 'chart', merge);
    return { out: goJson(out), warnings: c.diagnostics() };
  };
  const frozen = deepFreeze(defaults()) as GoMap;
  expect(run(frozen)).toEqual(run(defaults()));
});
