// ajv's error concatenation rewritten as an append (src/ajv-linear.ts): the same errors in the same order
// as ajv's own code, for references and custom keywords, and no concatenation left in the build's validators.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv07 } from '../../src/ajv';
import { linearErrorAppend } from '../../src/ajv-linear';

const item = { type: 'object', properties: { v: { enum: ['a', 'b'] }, n: { type: 'string' } } };
const rows: Array<[string, object, unknown]> = [
  ['$ref per map entry', { definitions: { item }, additionalProperties: { $ref: '#/definitions/item' } }, { x: { v: 'c', n: 1 }, y: { v: 'a' }, z: { v: 'B', n: 2 } }],
  ['$ref per list item', { definitions: { item }, properties: { l: { items: { $ref: '#/definitions/item' } } } }, { l: Array.from({ length: 50 }, (_, i) => ({ v: i % 3 ? 'a' : 'x', n: i })) }],
  ['nested $refs', { definitions: { item, wrap: { properties: { i: { $ref: '#/definitions/item' } } } }, additionalProperties: { $ref: '#/definitions/wrap' } }, { p: { i: { v: 1 } }, q: { i: { n: true } } }],
  ['a custom keyword', { properties: { a: { 'x-even': true }, b: { 'x-even': true } } }, { a: 3, b: 5 }],
];

function ajvWith(process?: (code: string) => string) {
  const a = new Ajv07({ allErrors: true, strict: false, inlineRefs: false, ...(process ? { code: { process } } : {}) });
  const even = (_s: unknown, d: unknown): boolean => {
    (even as unknown as { errors: unknown[] }).errors = typeof d === 'number' && d % 2 ? [{ keyword: 'x-even', params: { d } }] : [];
    return !(typeof d === 'number' && d % 2);
  };
  a.addKeyword({ keyword: 'x-even', errors: true, validate: even });
  return a;
}

test.each(rows)('%s: the same errors as ajv gives', (_n, schema, data) => {
  const plain = ajvWith().compile(schema);
  const linear = ajvWith(linearErrorAppend).compile(schema);
  expect(plain(data)).toBe(false);
  expect(linear(data)).toBe(false);
  expect(linear.errors).toEqual(plain.errors);
  // ajv's code concatenates; the rewritten code appends
  expect(String(plain)).toContain('.concat(');
  expect(String(linear)).not.toContain('.concat(');
});

test('the rewrite applied everywhere in the validators compiled at build time', () => {
  const code = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'validate', '_precompiled.ts'), 'utf8');
  expect(code).not.toMatch(/\.concat\(/);
  expect(code).toMatch(/for \(const e\$ of validate\d+\.errors\)/);
});
