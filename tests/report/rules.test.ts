// Every diagnostic code the library can produce has its own help text for SARIF rules: the codes are read
// from the sources (ValuesError codes, `code: '...'` literals, coalesce warnings), so a new code without
// help fails here.
import fs from 'node:fs';
import path from 'node:path';
import { ruleHelp } from '../../src/report/index';

const SRC = path.join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const codes = new Set<string>();
const errors = fs.readFileSync(path.join(SRC, 'errors.ts'), 'utf8');
for (const m of errors.slice(errors.indexOf('type ValuesErrorCode')).matchAll(/\| '([A-Z0-9_]+)'/g)) codes.add(m[1]!);
for (const file of sources(SRC).filter((f) => !f.includes(`${path.sep}cli${path.sep}`) && !f.includes(`${path.sep}report${path.sep}`))) {
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bcode: '([a-z0-9-]+)'/g)) codes.add(m[1]!);
  for (const m of text.matchAll(/this\.warn\('([a-z0-9-]+)'/g)) codes.add(m[1]!);
}

test('the sources name a plausible number of codes', () => {
  expect(codes.size).toBeGreaterThan(40);
});

test.each([...codes].sort())('%s has its own help', (code) => {
  const h = ruleHelp(code);
  expect(h.summary).not.toBe(`Finding ${code}.`);
  expect(h.help.length).toBeGreaterThan(10);
});
