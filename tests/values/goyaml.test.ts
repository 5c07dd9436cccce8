// go-yaml v2's scanner and parser (src/values/yaml/goyaml.ts) on their own: the verdict, the message as
// decode.go's fail() prints it, and the characters its BOM quirk drops. Every message below is what Helm 3.17.1
// and 4.1.4 print for that text (tests/differential/values-corpus.json, categories yaml-scanner and yaml-parser,
// hold the recorded runs); the whole loader is checked against them there.
import { goYamlVerdict } from '../../src/values/yaml/goyaml';

const ERRORS: Array<[string, string]> = [
  ['k: &a a: b\n', 'mapping values are not allowed in this context'],
  ['k: !!str a: b\n', 'mapping values are not allowed in this context'],
  ['a: 1\n  b: 2\n', 'line 2: mapping values are not allowed in this context'],
  ['- a\n b: 1\n', 'line 2: mapping values are not allowed in this context'],
  ['a: &\n', 'did not find expected alphabetic or numeric character'],
  ['a: *x\nb: c: d\n', "unknown anchor 'x' referenced"],
  ['a: "x', 'found unexpected end of stream'],
  ['a: "x\n', 'line 2: found unexpected end of stream'],
  ['a: 1\n%FOO\n', 'line 2: found unknown directive name'],
  ['%YAML 1.2\n---\na: 1\n', 'found incompatible YAML document'],
  ['a: 1\n\t', 'line 2: found a tab character that violates indentation'],
  ['a: "\\ud800"\n', 'found invalid Unicode character escape code'],
];

const ACCEPTED: Array<[string, { end?: number; dropped?: number[] }]> = [
  ['a: "x\ny"\n', {}],
  ['a:\n  k: "x\\\ny"\n', {}],
  ['  a: 1\nb: 2', { end: 7 }],
  ['a: 1\n%YAML 1.1\n', { end: 5 }],
  ['gloo\n:\n  a: 1\n', { end: 5 }],
  // two BOMs: the reader took the first; the second stays at the start of go-yaml's buffer, and each line the
  // scanner starts between tokens loses its first character (here the second BOM and the `a` of `al`)
  ['\ufeff\nal: 1\n', { dropped: [0, 2] }],
  ['\ufeffal: 1\n', { dropped: [0] }],
];

describe('goYamlVerdict', () => {
  test.each(ERRORS)('%j is refused', (text, message) => {
    expect(goYamlVerdict(text).error?.message).toBe(message);
  });
  test.each(ACCEPTED)('%j is accepted', (text, want) => {
    const v = goYamlVerdict(text);
    expect(v.error).toBeUndefined();
    if (want.end !== undefined) expect(v.end).toBe(want.end);
    expect(v.dropped).toEqual(want.dropped ?? []);
  });
  test('deep flow nesting is refused with go-yaml limit, without recursion', () => {
    const v = goYamlVerdict('['.repeat(10_001));
    expect(v.error?.message).toBe('exceeded max depth of 10000');
    expect(v.error?.kind).toBe('depth');
  });
});
