// The command dispatcher. Each command's module is imported only when that command runs, so `validate`
// does not pay for what `images` needs (start-up time is measured against a bare `node -e 0`).
import { mainHelp, type CommandName } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { PROGRAM, type CliIo } from './io.js';

const RUNNERS: Record<CommandName, () => Promise<(args: string[], io: CliIo) => Promise<number>>> = {
  validate: async () => (await import('./validate.js')).runValidate,
  images: async () => (await import('./images.js')).runImages,
  diff: async () => (await import('./diff.js')).runDiff,
  schema: async () => (await import('./schema.js')).runSchema,
  template: async () => (await import('./template.js')).runTemplate,
};

/** Runs the CLI with `argv` (without node and the script) and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      if (command === 'help' && rest[0] && Object.prototype.hasOwnProperty.call(RUNNERS, rest[0])) {
        return await (await RUNNERS[rest[0] as CommandName]())(['--help'], io);
      }
      (command === undefined ? io.stderr : io.stdout)(mainHelp());
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '-V' || command === '--version') {
      io.stdout(`${(await import('./version.js')).packageVersion()}\n`);
      return EXIT.ok;
    }
    if (!Object.prototype.hasOwnProperty.call(RUNNERS, command)) {
      const { nearest } = await import('./near.js');
      const near = nearest(command, Object.keys(RUNNERS));
      throw new UsageError(`unknown command ${JSON.stringify(command)}${near ? `; did you mean "${near}"?` : ''}`);
    }
    return await (await RUNNERS[command as CommandName]())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: error: ${e.message}\nRun '${PROGRAM} ${e.command ? `${e.command} ` : ''}--help' for usage.\n`);
      return EXIT.usage;
    }
    if (e instanceof InputError || (e instanceof Error && e.name === 'ConfigError')) {
      io.stderr(`${PROGRAM}: error: ${e.message}\n`);
      return EXIT.usage;
    }
    // a bug, not bad input: say so in one line, without a stack trace unless asked for
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`${PROGRAM}: internal error: ${err.message}\n${io.env.HELM_IMAGE_VARIANT_DEBUG ? `${err.stack}\n` : 'Set HELM_IMAGE_VARIANT_DEBUG=1 for details, and please report it.\n'}`);
    return EXIT.usage;
  }
}
