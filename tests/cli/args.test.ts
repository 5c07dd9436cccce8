// An unknown flag: balanced quotes, the near miss when there is one, and how to pass a file named like a flag.
import { parseCommandArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';

const rows: Array<[args: string[], message: string]> = [
  [['--profil', 'gloo', 'a.yaml'], "Unknown option '--profil'; did you mean '--profile'? (A file whose name starts with '-' goes after '--', as in: -- --profil)"],
  [['--chart-verison', '1.18.0'], "Unknown option '--chart-verison'; did you mean '--chart-version'? (A file whose name starts with '-' goes after '--', as in: -- --chart-verison)"],
  [['--Strict'], "Unknown option '--Strict'; did you mean '--strict'? (A file whose name starts with '-' goes after '--', as in: -- --Strict)"],
  [['--profile=gloo', '--set-strng=a=b'], "Unknown option '--set-strng'; did you mean '--set-string'? (A file whose name starts with '-' goes after '--', as in: -- --set-strng)"],
  [['-F', 'a.yaml'], "Unknown option '-F'; did you mean '-f'? (A file whose name starts with '-' goes after '--', as in: -- -F)"],
  [['-profile', 'gloo'], "Unknown option '-p'; did you mean '--profile'? (A file whose name starts with '-' goes after '--', as in: -- -p)"],
  [['--bogus', 'a.yaml'], "Unknown option '--bogus'. (A file whose name starts with '-' goes after '--', as in: -- --bogus)"],
  [['-x'], "Unknown option '-x'. (A file whose name starts with '-' goes after '--', as in: -- -x)"],
];

test.each(rows)('%j', (args, message) => {
  let error: unknown;
  try {
    parseCommandArgs('validate', args);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).message).toBe(message);
  expect((error as UsageError).command).toBe('validate');
  // every quote opened is closed
  expect(((error as UsageError).message.match(/'/g) ?? []).length % 2).toBe(0);
});

test('a file named like a flag still goes after --', () => {
  expect(parseCommandArgs('validate', ['--profile', 'gloo', '--', '--bogus']).positionals).toEqual(['--bogus']);
});
