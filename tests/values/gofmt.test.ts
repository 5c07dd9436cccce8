// Go's number and value printing, which goValue and Helm's messages depend on.
import { formatFloatG, formatGoT, formatGoV, goBytes, goQuote, goString, goText, hasRawBytes } from '../../src/values/gofmt';
import { GoInt, newMap } from '../../src/values/model';

test.each([
  [8080, '8080'], [123456, '123456'], [999999.5, '999999.5'], [1.5e6, '1.5e+06'], [0.0001234, '0.0001234'],
  [0.00001234, '1.234e-05'], [1234567, '1.234567e+06'], [1e6, '1e+06'], [20240101, '2.0240101e+07'], [1.1, '1.1'],
  [1e-5, '1e-05'], [1e20, '1e+20'], [1e21, '1e+21'], [9007199254740992, '9.007199254740992e+15'], [-0, '-0'], [0, '0'],
  [-2.5, '-2.5'], [1e100, '1e+100'], [5e-324, '5e-324'], [Infinity, '+Inf'], [NaN, 'NaN'],
])('FormatFloat(%p, g, -1, 64) = %s', (v, want) => {
  expect(formatFloatG(v)).toBe(want);
});

test.each([
  [3.14159265, '3.1415927'], [1e8, '1e+08'], [1e-7, '1e-07'], [16777217, '1.6777216e+07'], [0.1, '0.1'], [1.5, '1.5'],
])('FormatFloat(%p, g, -1, 32) = %s', (v, want) => {
  expect(formatFloatG(v, 32)).toBe(want);
});

test('%v and %t of values', () => {
  const m = newMap();
  m.q = [1, 2];
  m.p = 1;
  m.r = Object.assign(newMap(), { s: 't' });
  expect(formatGoV(m)).toBe('map[p:1 q:[1 2] r:map[s:t]]');
  expect(formatGoV(null)).toBe('<nil>');
  expect(formatGoT(5)).toBe('%!t(float64=5)');
  expect(formatGoT(new GoInt(5n))).toBe('%!t(int64=5)');
  expect(formatGoT('x')).toBe('%!t(string=x)');
  expect(formatGoT(true)).toBe('true');
});

test('%q', () => {
  expect(goQuote('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
});

describe('Go strings are bytes (goBytes / goString / goText)', () => {
  test('every byte sequence survives string(bytes) and back, valid UTF-8 decodes as TextDecoder does', () => {
    const seqs: number[][] = [[0xff], [0xc3], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0x61, 0xc3, 0xa9, 0xfe]];
    for (let b = 0; b < 256; b++) seqs.push([b], [0x41, b, 0x42]);
    for (const seq of seqs) {
      const bytes = new Uint8Array(seq);
      expect(Array.from(goBytes(goString(bytes)))).toEqual(seq);
      expect(goText(goString(bytes))).toBe(new TextDecoder().decode(bytes));
    }
    expect(goString(new Uint8Array([0x61, 0xc3, 0xa9]))).toBe('aé');
    expect(hasRawBytes('aé😀')).toBe(false);
    expect(hasRawBytes(goString(new Uint8Array([0xff])))).toBe(true);
  });
  test('halves of a character joined again are the character', () => {
    const [a, b] = [goString(new Uint8Array([0xc3])), goString(new Uint8Array([0xa9]))];
    expect(goText(a + b)).toBe('é');
    expect(goBytes(a + b)).toEqual(new Uint8Array([0xc3, 0xa9]));
  });
});
