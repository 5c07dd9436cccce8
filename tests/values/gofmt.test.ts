// Go's number and value printing, which goValue and Helm's messages depend on.
import { formatFloatG, formatGoT, formatGoV, goQuote } from '../../src/values/gofmt';
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
