// Hostile input: every refusal is a ValuesError with its own code and a location, and nothing hangs,
// overflows the stack or pollutes prototypes.
import { loadValues, type LoadValuesInput } from '../../src/index';
import { valuesErrorOf } from '../helpers/cases';

function bomb(levels: number): string {
  const names = 'abcdefghijklmnop'.slice(0, levels).split('');
  const lines = [`${names[0]}: &${names[0]} [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]`);
  return lines.join('\n') + '\n';
}
const nestFlow = (n: number) => 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
const nestBlock = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + '\n';
const bytes = (...b: number[]) => new Uint8Array(b);

const refused: Array<[string, LoadValuesInput, string, { file: string; line: number; column: number } | undefined]> = [
  ['alias bomb (billion laughs)', { valuesFiles: [{ name: 'f.yaml', text: bomb(9) }] }, 'YAML_ALIAS_BOMB', { file: 'f.yaml', line: 1, column: 8 }],
  ['flow nesting past the limit', { chartValues: nestFlow(5000) }, 'YAML_TOO_DEEP', undefined],
  ['block nesting past the limit', { chartValues: nestBlock(3000) }, 'YAML_TOO_DEEP', undefined],
  ['flow nesting 20,000 deep', { chartValues: nestFlow(20000) }, 'YAML_TOO_DEEP', undefined],
  ['invalid UTF-8 leading octet', { valuesFiles: [{ name: 'f.yaml', text: bytes(0x61, 0x3a, 0x20, 0xff, 0x0a) }] }, 'YAML_INVALID_UTF8', { file: 'f.yaml', line: 1, column: 4 }],
  ['truncated UTF-8 sequence', { valuesFiles: [{ name: 'f.yaml', text: bytes(0x61, 0x3a, 0x20, 0xc3) }] }, 'YAML_INVALID_UTF8', undefined],
  ['overlong UTF-8', { valuesFiles: [{ name: 'f.yaml', text: bytes(0x61, 0x3a, 0x20, 0xc0, 0x80) }] }, 'YAML_INVALID_UTF8', undefined],
  ['binary file (NUL byte)', { valuesFiles: [{ name: 'b.bin', text: bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x00) }] }, 'YAML_CONTROL_CHARACTER', { file: 'b.bin', line: 1, column: 1 }],
  ['control character in text', { valuesFiles: [{ name: 'f.yaml', text: 'a: 1\nb: \u0001\n' }] }, 'YAML_CONTROL_CHARACTER', { file: 'f.yaml', line: 2, column: 4 }],
  ['file over the size limit', { valuesFiles: [{ name: 'big.yaml', text: 'a: ' + 'x'.repeat(33 * 1024 * 1024) }] }, 'VALUES_TOO_LARGE', undefined],
  ['recursive alias', { chartValues: 'a: &a [*a]\n' }, 'YAML_RECURSIVE_ALIAS', undefined],
  ['unknown anchor', { chartValues: 'a: *nope\n' }, 'YAML_UNKNOWN_ANCHOR', { file: 'values.yaml', line: 1, column: 4 }],
  ['merge of a scalar', { chartValues: 'a:\n  <<: 5\n' }, 'YAML_MERGE_NOT_MAP', undefined],
  ['null key', { chartValues: 'a:\n  ~: 1\n' }, 'YAML_INVALID_KEY', undefined],
  ['.inf value', { chartValues: 'a: .inf\n' }, 'YAML_UNSUPPORTED_NUMBER', { file: 'values.yaml', line: 1, column: 4 }],
  ['top-level list', { valuesFiles: ['- a\n'] }, 'VALUES_NOT_A_MAP', undefined],
  ['syntax error', { valuesFiles: [{ name: 'f.yaml', text: 'a: [1\n' }] }, 'YAML_SYNTAX', undefined],
  ['--set nested past 30 keys', { set: [Array.from({ length: 40 }, (_, i) => `k${i}`).join('.') + '=1'] }, 'SET_SYNTAX', undefined],
  ['--set-json nested 100,000 deep', { setJson: ['a=' + '['.repeat(100000) + ']'.repeat(100000)] }, 'SET_JSON', undefined],
  ['--set-json object nested 100,000 deep', { setJson: ['{"a":' + '['.repeat(100000) + ']'.repeat(100000) + '}'] }, 'SET_JSON', undefined],
  ['--set padding millions of list slots', { set: [Array.from({ length: 200 }, (_, i) => `a${i}[65536]=1`).join(',')] }, 'SET_INDEX', undefined],
  ['--set list indexes nested 5,000 deep', { set: ['a' + '[0]'.repeat(5000) + '=1'] }, 'SET_INDEX', undefined],
  ['--set index and key alternating 3,000 deep', { set: ['a' + '[0].a'.repeat(3000) + '=1'] }, 'SET_INDEX', undefined],
  ['--set argument over the size limit', { set: ['a=' + 'x'.repeat(2 * 1024 * 1024)] }, 'SET_TOO_LARGE', undefined],
  ['--set without value', { set: ['a'] }, 'SET_SYNTAX', { file: '--set', line: 1, column: 1 }],
  ['--set key into a scalar', { set: ['a=1,a.b=2'] }, 'SET_TYPE_CONFLICT', { file: '--set', line: 1, column: 5 }],
  ['--set index not a number', { set: ['a[x]=1'] }, 'SET_INDEX', undefined],
  ['--set-json invalid', { setJson: ['a={x}'] }, 'SET_JSON', undefined],
  ['subchart key that is not a map', { chartValues: 'sub: 5\n', subcharts: { sub: 'x: 0\n' } }, 'SUBCHART_TYPE_MISMATCH', undefined],
  ['helmVersion other than 3 or 4', { helmVersion: 5 as 4 }, 'INVALID_INPUT', undefined],
  ['set that is not a list of strings', { set: [1 as unknown as string] }, 'INVALID_INPUT', undefined],
];

describe('refused input', () => {
  test.each(refused)('%s', (_name, input, code, location) => {
    const err = valuesErrorOf(() => loadValues(input));
    expect(err.code).toBe(code);
    if (location) expect(err.location).toEqual(location);
  });
});

describe('accepted at the edges', () => {
  test('flow nesting 1,000 levels deep', () => {
    const r = loadValues({ chartValues: nestFlow(999) });
    let v: unknown = r.values.a;
    let depth = 0;
    while (Array.isArray(v) && v.length) {
      v = v[0];
      depth++;
    }
    expect(depth).toBe(998);
  });
  test('block nesting 1,000 levels deep', () => {
    expect(() => loadValues({ chartValues: nestBlock(1000) })).not.toThrow();
  });
  test('a few aliases are not a bomb', () => {
    const r = loadValues({ chartValues: bomb(3) });
    expect((r.values.c as unknown[]).length).toBe(9);
  });
  test('--set index 65536 (Helm\'s maximum)', () => {
    expect((loadValues({ set: ['a[65536]=1'] }).values.a as unknown[]).length).toBe(65537);
  });
});

describe('__proto__, constructor and prototype are plain keys', () => {
  const r = loadValues({
    chartValues: '__proto__: {polluted: yes}\nconstructor: {prototype: {x: 1}}\nprototype: 1\n',
    valuesFiles: ['__proto__: {fromFile: 1}\n'],
    set: ['__proto__.y=1', 'a.__proto__.z=2', 'constructor.prototype.q=3'],
    setJson: ['{"__proto__": {"w": 3}}', 'j={"__proto__": {"v": 4}}'],
  });
  test('nothing reaches Object.prototype', () => {
    const probe = {} as Record<string, unknown>;
    for (const k of ['polluted', 'y', 'z', 'q', 'w', 'v', 'fromFile', 'x']) expect(probe[k]).toBeUndefined();
  });
  test('the keys are own data', () => {
    expect(Object.prototype.hasOwnProperty.call(r.values, '__proto__')).toBe(true);
    expect(r.toJson()).toBe(
      '{"__proto__":{"fromFile":1,"polluted":true,"w":3,"y":1},"a":{"__proto__":{"z":2}},"constructor":{"prototype":{"q":3,"x":1}},"j":{"__proto__":{"v":4}},"prototype":1}',
    );
    expect(JSON.parse(JSON.stringify(r.values))).toEqual(JSON.parse(r.toJson()!));
  });
  test('locate finds them', () => {
    expect(r.locate('__proto__.polluted')).toEqual({ file: 'values.yaml', line: 1, column: 23 });
  });
});
