// Helm's SplitManifests cuts the rendered text at the RE2 pattern `(?:^|\s*\n)---\s*` (Go's `\s`: tab, newline,
// form feed, carriage return, space). splitManifests finds the same matches by hand, in linear time (the pattern
// in JavaScript's backtracking engine was quadratic in a long run of white space: fuzz seed 20261214,
// template-20261214-54). The expected splits below are what Go's regexp.Split gives for the pattern.
import { splitManifests } from '../../src/render/render-chart';

test.each([
  ['a', ['a']],
  ['---\na: 1', ['a: 1']],
  ['a: 1\n---\nb: 2', ['a: 1', 'b: 2']],
  ['a: 1   \n \n---   \nb: 2', ['a: 1', 'b: 2']],
  ['a\n---\n---\nb', ['a', '---\nb']],
  ['a\n---b', ['a', 'b']],
  ['a---\nb', ['a---\nb']],
  ['a\n--\nb', ['a\n--\nb']],
  ['  \n---\n  a  \n---\n', ['a']],
  ['a\u00a0\n---\nb', ['a', 'b']],
  ['a\n---\u00a0\nb', ['a', 'b']],
] as const)('%j', (text, docs) => {
  expect(splitManifests(text)).toEqual(docs);
});

test('a long run of white space with no separator is one document', () => {
  const text = `v: "${' '.repeat(1_000_000)}x"\n`;
  expect(splitManifests(text)).toEqual([text.trim()]);
});
