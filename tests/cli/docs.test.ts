// docs/cli.md documents every flag of every command (the same table --help is printed from) and every exit code.
import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS, type CommandName } from '../../src/cli/args';
import { EXIT } from '../../src/cli/errors';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
const flags = (Object.keys(COMMANDS) as CommandName[]).flatMap((c) => COMMANDS[c].flags.map((f) => [c, f.name, f.short] as const));

test.each(flags)('%s --%s is documented', (command, name, short) => {
  expect(doc).toContain(`### \`${command}\``);
  expect(doc).toMatch(new RegExp(`\`${short ? `-${short}, ` : ''}--${name}[ \`]`));
});

test.each(Object.entries(EXIT))('exit code %s (%d) is documented', (_name, code) => {
  expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\| `, 'm'));
});
