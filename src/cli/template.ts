// `template [NAME] CHART`: a drop-in offline `helm template`. The chart is rendered with its subcharts as Helm
// renders it and printed byte for byte as Helm prints it; a failure is `Error: <Helm's text>` on stderr and exit 1,
// as Helm; a wrong command line exits 2.
import { loadValues, renderChart, ResolveError, ValuesError } from '../index.js';
import { commandHelp, parseCommandArgs, splitCsv } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import fs from 'node:fs';
import type { CliIo } from './io.js';
import { loadInput, prepareSetup, specFromFlags } from './setup.js';

// Helm's template command adds this to every failure of the install run that left a release behind (a render)
const DEBUG_HINT = '\n\nUse --debug flag to render out invalid YAML';

/** Runs `template` and returns its exit code. */
export async function runTemplate(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseCommandArgs('template', args);
  if (flags.help) {
    io.stdout(commandHelp('template'));
    return EXIT.ok;
  }
  if (positionals.length === 0 || positionals.length > 2) {
    throw new UsageError(positionals.length === 0 ? 'template needs a CHART (a directory or a packaged .tgz)' : `template takes [NAME] CHART; got ${positionals.length} arguments`, 'template');
  }
  const [name, chartPath] = positionals.length === 2 ? [positionals[0]!, positionals[1]!] : ['release-name', positionals[0]!];
  const list = (k: string) => (Array.isArray(flags[k]) ? (flags[k] as string[]) : []);
  if (!fs.existsSync(chartPath)) {
    // Helm's own words for a chart path that is not there (it exits 1)
    io.stderr(`Error: path ${JSON.stringify(chartPath)} not found\n`);
    return EXIT.found;
  }
  let setup;
  try {
    setup = await prepareSetup({ ...specFromFlags(flags), chart: chartPath }, 'template');
  } catch (e) {
    if (e instanceof ValuesError || e instanceof InputError) {
      io.stderr(`Error: ${e.message}\n`);
      return EXIT.found;
    }
    throw e;
  }
  try {
    const loaded = loadValues(loadInput(setup));
    const opts: Parameters<typeof renderChart>[1] = { releaseName: name, helmVersion: setup.helmVersion };
    if (typeof flags.namespace === 'string') opts.namespace = flags.namespace;
    if (typeof flags['kube-version'] === 'string') opts.kubeVersion = flags['kube-version'];
    const apis = list('api-versions').flatMap(splitCsv).filter((a) => a !== '');
    if (apis.length) opts.apiVersions = apis;
    if (flags['include-crds']) opts.includeCrds = true;
    if (flags['is-upgrade']) opts.isUpgrade = true;
    const show = list('show-only').flatMap(splitCsv).filter((s) => s !== '');
    if (show.length) opts.showOnly = show;
    io.stdout(renderChart(loaded, opts).output);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ValuesError) {
      io.stderr(`Error: ${e.message}\n`);
      return EXIT.found;
    }
    if (e instanceof ResolveError) {
      const hint = e.code === 'render-failed' && !e.message.startsWith('could not find template ') && !e.message.startsWith("values don't meet") ? DEBUG_HINT : '';
      io.stderr(`Error: ${e.message}${hint}\n`);
      return EXIT.found;
    }
    throw e;
  }
}
