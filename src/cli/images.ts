// `images`: every image one release deploys, computed like `helm template` from the chart defaults, the -f
// files and the --set family, as a table, a mirroring list or JSON.
import { loadValues, resolveImages, ResolveError, ValuesError, type Chart, type ResolveOptions } from '../index.js';
import { commandHelp, parseCommandArgs } from './args.js';
import { EXIT, UsageError } from './errors.js';
import { PROGRAM, type CliIo } from './io.js';
import { loadInput, prepareSetup, specFromFlags } from './setup.js';

/** Runs `images` and returns its exit code. */
export async function runImages(args: string[], io: CliIo): Promise<number> {
  const { flags } = parseCommandArgs('images', args);
  if (flags.help) {
    io.stdout(commandHelp('images'));
    return EXIT.ok;
  }
  const setup = await prepareSetup(specFromFlags(flags), 'images');
  const options: ResolveOptions = { helmVersion: setup.helmVersion };
  const notes: string[] = [];
  options.onDiagnostic = (d) => {
    if (d.severity !== 'info') notes.push(`${PROGRAM}: ${d.severity}: ${d.message}\n`);
  };
  // a chart of its own that bundles gloo or gloo-ee: the library finds and resolves that subchart
  const umbrella = !flags.profile && setup.chart && setup.profile === 'generic' && bundlesBuiltIn(setup.chart);
  if (setup.profile !== undefined && !umbrella) options.profile = setup.profile;
  if (setup.chartVersion !== undefined) options.chartVersion = setup.chartVersion;
  if (typeof flags['release-name'] === 'string') options.releaseName = flags['release-name'];
  let images;
  try {
    images = resolveImages(loadValues(loadInput(setup)), options);
  } catch (e) {
    if (e instanceof ValuesError) {
      const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : e.source ? `${e.source}: ` : '';
      if ((e.location?.file ?? e.source ?? '').startsWith('--')) throw new UsageError(`${where}${e.message}`, 'images');
      io.stderr(`${where}error: ${e.message} [${e.code}]\n`);
      return EXIT.found;
    }
    if (e instanceof ResolveError) {
      if (e.code !== 'render-failed') throw new UsageError(e.message, 'images');
      io.stderr(`${PROGRAM}: error: ${e.message} [${e.code}]\n`);
      return EXIT.found;
    }
    throw e;
  }
  notes.forEach(io.stderr);
  const report = await import('../report/images.js');
  const output = (flags.output as string | undefined) ?? 'table';
  io.stdout(output === 'list' ? report.formatImageList(images) : output === 'json' ? report.formatImageJson(images) : report.formatImageTable(images));
  return EXIT.ok;
}

/** Whether a chart bundles (at any depth) a chart with a built-in profile. */
function bundlesBuiltIn(chart: Chart): boolean {
  return Object.values(chart.subcharts).some((c) => c.name === 'gloo' || c.name === 'gloo-ee' || bundlesBuiltIn(c));
}
