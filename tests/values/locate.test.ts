// locate() and goValue(): where the winning value came from, and the Go type Helm holds for it.
import { loadValues } from '../../src/index';

const chart = [
  'global:',
  '  image:',
  '    registry: quay.io/solo-io',
  '    variant: standard',
  'gloo:',
  '  deployment:',
  '    image:',
  '      tag: 1.17.0',
  'list:',
  '  - a',
  '  - "b"',
  'big: 9007199254740993',
  'neg: -0.0',
  '',
].join('\n');
const user = ['global:', '  image:', '    variant: distroless', 'quoted: "1.10"', 'when: 20240101', ''].join('\r\n');

const loaded = loadValues({
  chartValues: { name: 'charts/gloo/values.yaml', text: chart },
  valuesFiles: [{ name: 'prod.yaml', text: user }],
  set: ['gloo.deployment.image.tag=110', 'x.y=9223372036854775807,z={p,q}'],
  setString: ['s=007'],
  setJson: ['j={"k":1.10}'],
  setLiteral: ['lit=a,b'],
  setFile: [{ key: 'cert', text: 'PEM\n' }],
});

test.each([
  ['global.image.variant', { file: 'prod.yaml', line: 3, column: 14 }],
  ['global.image.registry', { file: 'charts/gloo/values.yaml', line: 3, column: 15 }],
  ['global.image', { file: 'prod.yaml', line: 2, column: 3 }],
  ['/global/image/variant', { file: 'prod.yaml', line: 3, column: 14 }],
  ['list[1]', { file: 'charts/gloo/values.yaml', line: 11, column: 5 }],
  ['quoted', { file: 'prod.yaml', line: 4, column: 9 }],
  ['gloo.deployment.image.tag', { file: '--set', line: 1, column: 27 }],
  ['x.y', { file: '--set', line: 1, column: 5 }],
  ['z[1]', { file: '--set', line: 1, column: 30 }],
  ['s', { file: '--set-string', line: 1, column: 3 }],
  ['j.k', { file: '--set-json', line: 1, column: 3 }],
  ['lit', { file: '--set-literal', line: 1, column: 5 }],
  ['cert', { file: '--set-file', line: 1, column: 6 }],
])('locate(%s)', (path, where) => {
  expect(loaded.locate(path)).toEqual(where);
});

test('locate of a path that is not there', () => {
  expect(loaded.locate('global.image.nope')).toBeUndefined();
  expect(loaded.locate('list[5]')).toBeUndefined();
});

test.each([
  ['gloo.deployment.image.tag', { type: 'int64', text: '110' }],
  ['when', { type: 'float64', text: '2.0240101e+07' }],
  ['quoted', { type: 'string', text: '1.10' }],
  ['x.y', { type: 'int64', text: '9223372036854775807' }],
  ['big', { type: 'float64', text: '9.007199254740992e+15' }],
  ['neg', { type: 'float64', text: '-0' }],
  ['s', { type: 'string', text: '007' }],
  ['j.k', { type: 'float64', text: '1.1' }],
  ['z', { type: 'slice', text: '[p q]' }],
  ['global.image', { type: 'map', text: 'map[registry:quay.io/solo-io variant:distroless]' }],
])('goValue(%s)', (path, want) => {
  expect(loaded.goValue(path)).toEqual(want);
});

test('an int64 JavaScript cannot hold is reported, never changed silently', () => {
  expect(loaded.values.x).toEqual({ y: 9223372036854775807 });
  const note = loaded.warnings.find((w) => w.code === 'int64-precision');
  expect(note).toMatchObject({ path: 'x.y', pointer: '/x/y', severity: 'warning' });
  expect(loaded.toJson('x')).toBe('{"y":9223372036854775807}');
});

test('values are plain data', () => {
  expect(Object.getPrototypeOf(loaded.values)).toBe(Object.prototype);
  expect(loaded.values.cert).toBe('PEM\n');
  expect(loaded.values.lit).toBe('a,b');
  expect(loaded.withChartDefaults).toBe(true);
  expect(loaded.helmVersion).toBe(4);
});
