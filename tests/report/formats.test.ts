// The text, JSON and GitHub reports, as tables of diagnostics and the exact lines they print.
import type { Diagnostic } from '../../src/index';
import { formatGithub, formatJson, formatText, type FileReport } from '../../src/report/index';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'variant-invalid', severity: 'error', message: 'global.image.variant is "Distroless"', path: 'global.image.variant', pointer: '/global/image/variant', ...over });
const at = (file: string, line: number, column: number) => ({ location: { file, line, column } });
const SRC = new Map([['a.yaml', 'global:\n  image:\n    variant: Distroless\nx: 1\n'], ['ctl.yaml', 'a: "\u001b[2J"\n']]);

test.each([
  ['error with a code frame and a suggestion', [d({ ...at('a.yaml', 3, 14), suggestion: 'did you mean "distroless"?' })],
    ['a.yaml:3:14: error: global.image.variant is "Distroless" [variant-invalid]', '  2 |   image:', '> 3 |     variant: Distroless', '    |              ^', '  4 | x: 1', '  suggestion: did you mean "distroless"?', '1 error, 0 warnings in 1 file']],
  ['a value from --set: the checked file, the flag and column', [d({ ...at('--set', 1, 22) })],
    ['a.yaml: error: global.image.variant is "Distroless" (--set column 22) [variant-invalid]', '1 error, 0 warnings in 1 file']],
  ['a finding in another file names both', [d({ ...at('base.yaml', 7, 3) })],
    ['base.yaml:7:3: error: global.image.variant is "Distroless" (checking a.yaml) [variant-invalid]', '1 error, 0 warnings in 1 file']],
  ['warning without a location; info hidden', [d({ severity: 'warning', code: 'w' }), d({ severity: 'info', code: 'i' })],
    ['a.yaml: warning: global.image.variant is "Distroless" [w]', '0 errors, 1 warning in 1 file']],
  ['control characters in a message are escaped', [d({ message: 'bad \u001b[2J value' })],
    ['a.yaml: error: bad \\u001b[2J value [variant-invalid]', '1 error, 0 warnings in 1 file']],
  ['nothing found', [], ['1 file checked, no problems']],
] as Array<[string, Diagnostic[], string[]]>)('text: %s', (_name, diagnostics, lines) => {
  expect(formatText([{ file: 'a.yaml', diagnostics }], { sources: SRC })).toBe(`${lines.join('\n')}\n`);
});

test('text: a frame line with control characters is escaped, a long line is cut', () => {
  const out = formatText([{ file: 'ctl.yaml', diagnostics: [d(at('ctl.yaml', 1, 5))] }], { sources: SRC });
  expect(out).toContain('> 1 | a: "\\u001b[2J"');
  const long = formatText([{ file: 'l.yaml', diagnostics: [d(at('l.yaml', 1, 400))] }], { sources: new Map([['l.yaml', `a: ${'x'.repeat(500)}`]]) });
  expect(long.split('\n')[1]!.length).toBeLessThan(200);
});

test('text: --verbose shows infos; colour codes only when asked', () => {
  const files: FileReport[] = [{ file: 'a.yaml', diagnostics: [d({ severity: 'info', code: 'chart-version-assumed' })] }];
  expect(formatText(files, { verbose: true })).toContain('a.yaml: info: ');
  expect(formatText(files, { verbose: true, color: true })).toContain('\u001b[36minfo\u001b[0m');
  expect(formatText(files, { verbose: true })).not.toContain('\u001b[');
});

test.each([
  ['error at a place', d(at('a.yaml', 3, 14)), '::error file=a.yaml,line=3,col=14,title=helm-image-variant variant-invalid::global.image.variant is "Distroless"'],
  ['warning, no location', d({ severity: 'warning', code: 'w' }), '::warning file=a.yaml,title=helm-image-variant w::global.image.variant is "Distroless"'],
  ['property and message escaping', d({ ...at('dir,x:y.yaml', 1, 1), message: '100% sure\nsecond line\r' }), '::error file=dir%2Cx%3Ay.yaml,line=1,col=1,title=helm-image-variant variant-invalid::100%25 sure%0Asecond line%0D'],
  ['a suggestion on its own line', d({ suggestion: 'use distroless' }), '::error file=a.yaml,title=helm-image-variant variant-invalid::global.image.variant is "Distroless"%0Asuggestion: use distroless'],
  ['from --set', d(at('--set', 1, 9)), '::error file=a.yaml,title=helm-image-variant variant-invalid::global.image.variant is "Distroless" (--set column 9)'],
] as Array<[string, Diagnostic, string]>)('github: %s', (_name, diag, line) => {
  expect(formatGithub([{ file: 'a.yaml', diagnostics: [diag] }])).toBe(`${line}\n`);
});

test('github: infos only with verbose, as notices', () => {
  const files = [{ file: 'a.yaml', diagnostics: [d({ severity: 'info', code: 'i' })] }];
  expect(formatGithub(files)).toBe('');
  expect(formatGithub(files, { verbose: true })).toMatch(/^::notice file=a\.yaml,/);
});

test('json: every diagnostic, validity per file, counts', () => {
  const files: FileReport[] = [
    { file: 'a.yaml', diagnostics: [d(at('a.yaml', 3, 14)), d({ severity: 'info', code: 'i' })] },
    { file: 'b.yaml', diagnostics: [d({ severity: 'warning', code: 'w' })] },
  ];
  const out = JSON.parse(formatJson(files, { name: 't', version: '1' }));
  expect(out).toEqual({
    version: 1,
    tool: { name: 't', version: '1' },
    files: [
      { file: 'a.yaml', valid: false, diagnostics: files[0]!.diagnostics },
      { file: 'b.yaml', valid: true, diagnostics: files[1]!.diagnostics },
    ],
    summary: { files: 2, errors: 1, warnings: 1, infos: 1 },
  });
});
