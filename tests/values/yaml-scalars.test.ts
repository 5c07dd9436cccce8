// Scalar resolution as go-yaml v2 does it, including the two shortcuts the loader takes for speed (plain
// decimal integers without BigInt, text that can only be a string without the full rules): each row
// gives the resolution the full rules give, so a shortcut that disagreed with them would fail here.
import { resolveScalar, resolvesToText, INT, STR, FLOAT, BOOL, NULL } from '../../src/values/yaml/resolve';

const PLAIN = { tag: '', plain: true };
const QUOTED = { tag: '', plain: false };

// [text, how it is written, expected tag, expected value, expected exact text of an integer (null: not one)]
const ROWS: Array<[string, { tag: string; plain: boolean }, string, unknown, string | null]> = [
  ['10101', PLAIN, INT, 10101, '10101'],
  ['0', PLAIN, INT, 0, '0'],
  ['-0', PLAIN, INT, 0, '0'],
  ['-5', PLAIN, INT, -5, '-5'],
  ['+5', PLAIN, INT, 5, '5'],
  ['007', PLAIN, INT, 7, '7'],
  ['0x1F', PLAIN, INT, 31, '31'],
  ['1_000', PLAIN, INT, 1000, '1000'],
  ['123456789012345', PLAIN, INT, 123456789012345, '123456789012345'],
  ['1234567890123456789', PLAIN, INT, 1234567890123456789, '1234567890123456789'],
  ['9223372036854775807', PLAIN, INT, 9223372036854775807, '9223372036854775807'],
  ['18446744073709551615', PLAIN, INT, 18446744073709551615, '18446744073709551615'],
  ['18446744073709551616', PLAIN, FLOAT, 18446744073709551616, null],
  ['1.10', PLAIN, FLOAT, 1.1, null],
  ['1.22.0', PLAIN, STR, '1.22.0', null],
  ['10101', QUOTED, STR, '10101', null],
  ['yes', PLAIN, BOOL, true, null],
  ['Off', PLAIN, BOOL, false, null],
  ['~', PLAIN, NULL, null, null],
  ['', PLAIN, NULL, null, null],
  ['', QUOTED, STR, '', null],
  ['repository', PLAIN, STR, 'repository', null],
  ['quay.io/solo-io', PLAIN, STR, 'quay.io/solo-io', null],
  ['nope', PLAIN, STR, 'nope', null],
  ['.5', PLAIN, FLOAT, 0.5, null],
  ['.inf', PLAIN, FLOAT, Infinity, null],
  ['-.inf', PLAIN, FLOAT, -Infinity, null],
  ['65s', PLAIN, STR, '65s', null],
  ['10101', { tag: STR, plain: true }, STR, '10101', null],
  ['true', { tag: STR, plain: true }, STR, 'true', null],
];

test.each(ROWS)('%j written %j resolves to %s %j', (text, how, tag, value, exact) => {
  const r = resolveScalar(how.tag, text, how.plain);
  expect(r.tag).toBe(tag);
  expect(r.value).toBe(value);
  if (exact !== null) expect((r as { text: string }).text).toBe(exact);
  // the composer's shortcut may only claim what the full rules say: the text itself, as a string
  if (resolvesToText(how.tag, text, how.plain)) expect(r).toEqual({ tag: STR, value: text });
});

test('the text shortcut is taken for the common string shapes', () => {
  const taken = ROWS.filter(([text, how]) => resolvesToText(how.tag, text, how.plain)).map(([text]) => text);
  expect(taken).toEqual(expect.arrayContaining(['repository', 'quay.io/solo-io', '10101', '']));
});
