// `template [NAME] CHART`: a drop-in offline `helm template`. The chart is rendered with its subcharts as Helm
// renders it and printed byte for byte as Helm prints it; a failure is `Error: <Helm's text>` on stderr and exit 1,
// as Helm; a wrong command line exits 2.
import { loadValues, renderChart, ResolveError, ValuesError } from '../index.js';
import { commandHelp, parseCommandArgs, splitCsv } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import fs from 'node:fs';
import path from 'node:path';
import type { CliIo } from './io.js';
import { loadInput, prepareSetup, specFromFlags } from './setup.js';

// Helm's template command adds this to every failure of the install run that left a release behind (a render)
const DEBUG_HINT = '\n\nUse --debug flag to render out invalid YAML';

/** Runs `template` and returns its exit code. */
export async function runTemplate(args: string[], io: CliIo): Promise<number> {
  refuseHelmOnlyFlags(args);
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
      io.stderr(`Error: ${e instanceof InputError && e.helmText !== undefined ? e.helmText : e.message}\n`);
      return EXIT.found;
    }
    throw e;
  }
  try {
    // Helm refuses a library chart before it checks the dependencies or renders, after reading the user's values
    if (setup.chart?.type === 'library') {
      const { chart: _library, ...userOnly } = loadInput(setup);
      loadValues(userOnly);
      io.stderr('Error: library charts are not installable\n');
      return EXIT.found;
    }
    const loaded = loadValues(loadInput(setup));
    const opts: Parameters<typeof renderChart>[1] = { releaseName: name, helmVersion: setup.helmVersion };
    if (typeof flags.namespace === 'string') opts.namespace = flags.namespace;
    if (typeof flags['kube-version'] === 'string') opts.kubeVersion = flags['kube-version'];
    const apis = list('api-versions').flatMap(splitCsv).filter((a) => a !== '');
    if (apis.length) opts.apiVersions = apis;
    if (flags['include-crds']) opts.includeCrds = true;
    if (flags['is-upgrade']) opts.isUpgrade = true;
    if (flags['skip-tests']) opts.skipTests = true;
    if (flags['no-hooks']) opts.disableHooks = true;
    if (flags['skip-schema-validation']) opts.skipSchemaValidation = true;
    const show = list('show-only').flatMap(splitCsv).filter((s) => s !== '');
    const outputDir = typeof flags['output-dir'] === 'string' ? flags['output-dir'] : undefined;
    if (show.length && outputDir === undefined) opts.showOnly = show;
    const result = renderChart(loaded, opts);
    if (outputDir === undefined) {
      io.stdout(result.output);
      return EXIT.ok;
    }
    writeOutputDir(result, outputDir, flags['release-name'] ? name : undefined, io);
    // Helm's --show-only looks for the templates in what it printed, which --output-dir left empty
    if (show.length) {
      io.stderr(`Error: could not find template ${show[0]} in chart\n`);
      return EXIT.found;
    }
    // the (empty) manifest Helm prints after writing the files
    io.stdout('\n');
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ValuesError) {
      io.stderr(`Error: ${e.message}\n`);
      return EXIT.found;
    }
    if (e instanceof ResolveError) {
      const hint = e.code === 'render-failed' && !e.message.startsWith('could not find template ') && !e.message.startsWith("values don't meet") ? DEBUG_HINT : '';
      // a schema refusal ends with its last line's break, which Helm prints before its own
      const tail = e.message.startsWith("values don't meet") ? '\n' : '';
      io.stderr(`Error: ${e.message}${hint}${tail}\n`);
      return EXIT.found;
    }
    throw e;
  }
}

/**
 * `--output-dir` as Helm writes it: CRD files (with --include-crds) under DIR, then each manifest under DIR (or
 * DIR/NAME with --release-name) at its template path, documents of one template appended to its file, then the
 * hooks, appended to a file already there (even one an earlier run left); `wrote <file>` for each write.
 */
function writeOutputDir(result: ReturnType<typeof renderChart>, outputDir: string, releaseName: string | undefined, io: CliIo): void {
  const dir = releaseName === undefined ? outputDir : goJoin(outputDir, releaseName);
  const written = new Set<string>();
  const write = (base: string, name: string, text: string, append: boolean) => {
    const file = `${base}/${name}`;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    const body = `---\n# Source: ${name}\n${text}\n`;
    if (append) fs.appendFileSync(file, body);
    else fs.writeFileSync(file, body, { mode: 0o600 });
    io.stdout(`wrote ${file}\n`);
  };
  for (const c of result.crds) {
    write(outputDir, c.name, c.text, written.has(c.name));
    written.add(c.name);
  }
  const crdNames = new Set(result.crds.map((c) => c.name));
  const docs = result.documents.filter((d) => !crdNames.has(d.template));
  for (const d of docs.filter((x) => x.hook === undefined)) {
    write(dir, d.template, d.text, written.has(d.template));
    written.add(d.template);
  }
  for (const d of docs.filter((x) => x.hook !== undefined)) write(dir, d.template, d.text, fs.existsSync(`${dir}/${d.template}`));
}

/** Go's filepath.Join: the parts joined and the result cleaned. */
function goJoin(a: string, b: string): string {
  const joined = path.posix.normalize(`${a}/${b}`);
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/**
 * Flags of `helm template` (Helm 4.1.4 and 3.17.1) that an offline render cannot honour or that would make its
 * output differ from Helm's without saying so: refused as a usage error that names the flag and why.
 */
const HELM_ONLY: Record<string, string> = {
  'generate-name': 'a generated release name is random; give NAME',
  g: 'a generated release name is random; give NAME',
  'name-template': 'give the release name as NAME',
  'post-renderer': 'post-renderers run programs; run yours on the output',
  'post-renderer-args': 'post-renderers run programs; run yours on the output',
  'dependency-update': 'dependencies are read from the chart as it is (charts/); run helm dependency update first',
  repo: 'charts are read from a directory or a .tgz, never a repository',
  version: 'charts are read from a directory or a .tgz, never a repository',
  devel: 'charts are read from a directory or a .tgz, never a repository',
  verify: 'charts are read from a directory or a .tgz, never a repository',
  keyring: 'charts are read from a directory or a .tgz, never a repository',
  username: 'charts are read from a directory or a .tgz, never a repository',
  password: 'charts are read from a directory or a .tgz, never a repository',
  'pass-credentials': 'charts are read from a directory or a .tgz, never a repository',
  'ca-file': 'charts are read from a directory or a .tgz, never a repository',
  'cert-file': 'charts are read from a directory or a .tgz, never a repository',
  'key-file': 'charts are read from a directory or a .tgz, never a repository',
  'insecure-skip-tls-verify': 'charts are read from a directory or a .tgz, never a repository',
  'plain-http': 'charts are read from a directory or a .tgz, never a repository',
  'dry-run': 'the render is always client-side and offline',
  validate: 'validating against a cluster needs a cluster',
  'enable-dns': 'templates never look up DNS here (DNS lookups need the network)',
  debug: 'a failed render prints Helm\'s error only (the rendered text is not printed)',
  'render-subchart-notes': "NOTES.txt is not printed by helm template; subcharts' notes are not rendered",
};

function refuseHelmOnlyFlags(args: string[]): void {
  for (const a of args) {
    if (a === '--') return;
    const m = /^--?([A-Za-z][\w-]*)(?:=.*)?$/.exec(a);
    if (!m) continue;
    const flag = m[1]!;
    // a short flag is one letter after a single dash; a long one two dashes
    if ((a.startsWith('--') ? flag.length > 1 : flag.length === 1) && Object.prototype.hasOwnProperty.call(HELM_ONLY, flag)) {
      throw new UsageError(`${a.startsWith('--') ? '--' : '-'}${flag} is a flag of helm template that this offline template does not support: ${HELM_ONLY[flag]}`, 'template');
    }
  }
}
