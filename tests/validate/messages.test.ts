// What the messages of tag-not-string and variant-unavailable say: a table of values and the text each must
// (and must not) contain. The messages are what a user acts on, so their claims are tested, not just the codes.
import { loadValues, validateValues } from '../../src/index';

type Row = [name: string, values: string, chartVersion: string, code: string, says: Array<string | RegExp>, never: Array<string | RegExp>];

const tag = (t: string, variant = 'standard', repository = '') =>
  `global:\n  image:\n    variant: ${variant}\ngloo:\n  deployment:\n    image:\n      tag: ${t}\n${repository ? `      repository: ${repository}\n` : ''}`;

const rows: Row[] = [
  // a number: what the chart prints for the number, under either way of printing, without claiming the variant
  ['a float tag with standard', tag('1.10'), '1.18.40', 'tag-not-string', ['the number 1.1 (float64)', 'the image is <repository>:1.1', 'with distroless: %!s(float64=1.1)-distroless', 'Quote the tag'], [/and with a distroless variant the chart renders/]],
  ['a float tag with distroless', tag('1.10', 'distroless'), '1.18.40', 'tag-not-string', ['the number 1.1 (float64)', '%!s(float64=1.1)-distroless'], []],
  ['an integer-looking tag', tag('110'), '1.18.40', 'tag-not-string', ['the number 110 (float64)', '<repository>:110'], []],
  ['a float tag, the repository written beside it', tag('1.10', 'standard', 'gloo'), '1.18.40', 'tag-not-string', ['the image is gloo:1.1;'], []],
  // a map, a list, a boolean: not text; never Go's %!s noise and never [object Object]
  ['a map tag', tag('{a: 1}'), '1.18.40', 'tag-not-string', ['is a map, not text', 'tag: "1.18.2"'], ['%!', 'object Object', 'distroless']],
  ['a list tag', tag('[1, 2]'), '1.18.40', 'tag-not-string', ['is a list, not text'], ['%!', 'object Object']],
  ['a boolean tag', tag('true'), '1.18.40', 'tag-not-string', ['is the boolean true, not text', 'from a boolean'], ['%!', 'distroless']],
  // which release brought what: beta13 the first distroless images, beta16 distroless for every OSS image
  [
    'distroless before the chart had any',
    'global:\n  image:\n    variant: distroless\n',
    '1.16.27',
    'variant-unavailable',
    ['1.17.0-beta13 brought the first distroless images (for some components)', 'from 1.17.0-beta16 every OSS image has one', 'Upgrade the chart to 1.17.0-beta16 or later'],
    [/start with 1\.17\.0-beta13\)/],
  ],
  [
    'a pinned tag older than distroless',
    tag('"1.3.17"', 'distroless'),
    '1.19.10',
    'variant-unavailable',
    ['gloo:1.3.17-distroless, which was never built', '1.17.0-beta13 brought the first distroless images (for some components)', 'from 1.17.0-beta16 every OSS image has one'],
    [],
  ],
];

test.each(rows)('%s', (_name, text, chartVersion, code, says, never) => {
  const loaded = loadValues({ valuesFiles: [{ name: 'values.yaml', text }] });
  const found = validateValues(loaded, { profile: 'gloo', chartVersion }).diagnostics.filter((d) => d.code === code);
  expect(found).toHaveLength(1);
  const message = found[0]!.message;
  for (const s of says) expect(message).toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
  for (const s of never) expect(message).not.toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
});
