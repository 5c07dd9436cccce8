// `schema`: the values JSON Schema of a profile, to ship as a chart's values.schema.json (both Helm 3.17 and
// Helm 4.1 enforce draft-07 the same way).
import { valuesSchema } from '../index.js';
import { GlooEeVersionError } from '../profiles/gloo-ee-defaults.js';
import { commandHelp, parseCommandArgs } from './args.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { resolveProfile } from './setup.js';

/** Runs `schema` and returns its exit code. */
export async function runSchema(args: string[], io: CliIo): Promise<number> {
  const { flags } = parseCommandArgs('schema', args);
  if (flags.help) {
    io.stdout(commandHelp('schema'));
    return EXIT.ok;
  }
  if (typeof flags.profile !== 'string') throw new UsageError('schema needs --profile NAME or --profile PATH', 'schema');
  const profile = await resolveProfile(flags.profile);
  let schema: object;
  try {
    const chartVersion = typeof flags['chart-version'] === 'string' ? flags['chart-version'] : undefined;
    schema = valuesSchema(profile, { ...(chartVersion !== undefined ? { chartVersion } : {}), ...(flags['strict-keys'] === true ? { strictKeys: true } : {}) });
  } catch (e) {
    // valuesSchema refuses an unknown profile name (or a version it has no reference for) with a TypeError
    if (e instanceof TypeError || e instanceof GlooEeVersionError) throw new UsageError(e.message, 'schema');
    throw e;
  }
  io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
