// `validate`: each values file is layered over the chart defaults and the -f files, loaded as Helm loads it
// and checked; the findings are reported in the chosen format. Exit 0 clean, 1 findings, 2 usage/unreadable.
import nodePath from 'node:path';
import { loadValues, ValuesError, type Diagnostic, type LoadedValues, type ValuesSource } from '../index.js';
import { readValuesSourceSync } from '../node/index.js';
import type { FileReport } from '../report/model.js';
import { commandHelp, parseCommandArgs } from './args.js';
import { checkValues } from './check.js';
import { loadConfig, type Config, type ConfigTarget } from './config.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { expandArgs, glob, noMatchMessage } from './files.js';
import { PROGRAM, type CliIo } from './io.js';
import { isProfileFile, loadInput, prepareSetup, specFromFlags, type Setup, type SetupSpec } from './setup.js';
import { packageVersion } from './version.js';

/** One file to check and what it is checked against. */
interface Job {
  /** The name reported (the path as given, or relative to the current directory). */
  file: string;
  /** undefined: the release made of the -f files and flags alone. */
  path?: string;
  spec: SetupSpec;
}

function diagnosticOf(e: ValuesError): Diagnostic {
  const d: Diagnostic = { code: e.code, severity: 'error', message: e.message, path: '', pointer: '' };
  if (e.location) d.location = e.location;
  return d;
}

function decode(text: string | Uint8Array): string {
  return typeof text === 'string' ? text : new TextDecoder('utf-8', { fatal: false }).decode(text);
}

/** A config target's spec: its paths made relative to the current directory, then the command line's flags added. */
function targetSpec(target: ConfigTarget, config: Config, cli: SetupSpec, cwd: string): SetupSpec {
  const rel = (p: string) => nodePath.relative(cwd, nodePath.resolve(config.dir, p)) || '.';
  const spec: SetupSpec = {
    ...cli,
    values: [...target.values.map(rel), ...cli.values],
    set: [...target.set, ...cli.set],
    setString: [...target.setString, ...cli.setString],
    setJson: [...target.setJson, ...cli.setJson],
    setLiteral: [...target.setLiteral, ...cli.setLiteral],
  };
  if (target.chart !== undefined) spec.chart = rel(target.chart);
  if (target.profile !== undefined) spec.profile = isProfileFile(target.profile) ? rel(target.profile) : target.profile;
  if (cli.chartVersion === undefined && target.chartVersion !== undefined) spec.chartVersion = target.chartVersion;
  return spec;
}

/** The files each config target names, as absolute paths. */
async function targetFiles(config: Config): Promise<string[][]> {
  return Promise.all(config.targets.map(async (t) => (await glob(t.files, config.dir, config.ignore)).map((f) => nodePath.resolve(config.dir, f))));
}

async function planJobs(
  positionals: string[],
  cli: SetupSpec,
  config: Config | undefined,
  cwd: string,
  hasFlagsOnly: boolean,
  onNoMatch: (pattern: string) => void,
): Promise<{ jobs: Job[]; skipped: string[] }> {
  const cliDefaults = cli.chart !== undefined || cli.profile !== undefined;
  const skipped: string[] = [];
  if (positionals.length) {
    const files = await expandArgs(positionals, cwd, config?.ignore, onNoMatch);
    if (cliDefaults || !config) return { jobs: files.map((file) => ({ file, path: file, spec: cli })), skipped };
    const matched = await targetFiles(config);
    const sets = matched.map((m) => new Set(m));
    const jobs: Job[] = [];
    for (const file of files) {
      const i = sets.findIndex((s) => s.has(nodePath.resolve(cwd, file)));
      if (i < 0) skipped.push(file);
      else jobs.push({ file, path: file, spec: targetSpec(config.targets[i]!, config, cli, cwd) });
    }
    return { jobs, skipped };
  }
  if (config && !cliDefaults) {
    const matched = await targetFiles(config);
    const jobs: Job[] = [];
    const seen = new Set<string>();
    matched.forEach((files, i) => {
      if (!files.length) throw new InputError(`${config.file}: targets[${i}].files matches no file (${config.targets[i]!.files.join(', ')})`);
      for (const abs of files) {
        if (seen.has(abs)) continue;
        seen.add(abs);
        const file = nodePath.relative(cwd, abs);
        jobs.push({ file, path: file, spec: targetSpec(config.targets[i]!, config, cli, cwd) });
      }
    });
    return { jobs, skipped };
  }
  if (cliDefaults && hasFlagsOnly) {
    // no file to layer on top: check the one release the -f files and --set flags make
    const name = cli.values[cli.values.length - 1] ?? '--set';
    return { jobs: [{ file: name, spec: cli }], skipped };
  }
  if (cli.chart !== undefined) {
    // a chart alone: its default release, as `helm lint CHART` / `helm template CHART` check it
    return { jobs: [{ file: cli.chart, spec: cli }], skipped };
  }
  throw new UsageError(
    cliDefaults ? 'no files to validate: give FILES or GLOBS, -f files or --set flags (or --chart alone, for its defaults)' : 'nothing to validate: give FILES or GLOBS with --chart or --profile, or add a .helm-image-variant.yaml',
    'validate',
  );
}

/** Runs `validate` and returns its exit code. */
export async function runValidate(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseCommandArgs('validate', args);
  if (flags.help) {
    io.stdout(commandHelp('validate'));
    return EXIT.ok;
  }
  const config = flags['no-config'] ? undefined : await loadConfig(io.cwd, typeof flags.config === 'string' ? flags.config : undefined);
  // the release helm template would render: its name and namespace reach templates (.Release.Name, .Release.Namespace)
  const release = {
    ...(typeof flags['release-name'] === 'string' ? { releaseName: flags['release-name'] } : {}),
    ...(typeof flags.namespace === 'string' ? { namespace: flags.namespace } : {}),
  };
  const cli = specFromFlags(flags);
  if (flags['helm-version'] === undefined && config?.helmVersion) cli.helmVersion = config.helmVersion;
  const format = (flags.format as string | undefined) ?? config?.format ?? 'text';
  const strict = Boolean(flags.strict ?? config?.strict);
  const hasFlagsOnly = cli.values.length + cli.set.length + cli.setString.length + cli.setJson.length + cli.setFile.length + cli.setLiteral.length > 0;
  // a pattern that matches nothing, a file that cannot be read: said on stderr as met, counted in the text
  // report's summary, exit 2 at the end; every other file is still checked
  const notRead = { files: 0, patterns: 0 };
  const { jobs } = await planJobs(positionals, cli, config, io.cwd, hasFlagsOnly, (pattern) => {
    io.stderr(`${PROGRAM}: error: ${noMatchMessage(pattern)}\n`);
    notRead.patterns++;
  });

  const setups = new Map<string, Promise<{ setup: Setup; broken: boolean }>>();
  const sources = new Map<string, string>();
  const reports: FileReport[] = [];
  const seenElsewhere = new Set<string>();

  /** Reads a set-up once; a -f file that Helm refuses is reported once, under its own name. */
  const setupFor = (spec: SetupSpec) => {
    const key = JSON.stringify(spec);
    let p = setups.get(key);
    if (!p) {
      p = (async () => {
        const setup = await prepareSetup(spec, 'validate');
        for (const l of setup.layers) sources.set(l.name, decode(l.text));
        if (setup.chart) sources.set(setup.chart.values.name, decode(setup.chart.values.text));
        try {
          loadValues(loadInput(setup));
          return { setup, broken: false };
        } catch (e) {
          if (!(e instanceof ValuesError)) throw e;
          const where = e.location?.file ?? e.source ?? '';
          if (where.startsWith('--')) throw new UsageError(`${where}: ${e.message}`, 'validate');
          reports.push({ file: where || spec.values[spec.values.length - 1] || '-f', diagnostics: [diagnosticOf(e)] });
          return { setup, broken: true };
        }
      })();
      setups.set(key, p);
    }
    return p;
  };

  for (const job of jobs) {
    const { setup, broken } = await setupFor(job.spec);
    if (broken) continue;
    let source: ValuesSource | undefined;
    if (job.path !== undefined) {
      try {
        // one file after another, without a promise per read (over many files the promises cost more than the reads)
        source = readValuesSourceSync(job.path, job.file);
      } catch (e) {
        if (e instanceof ValuesError && e.code === 'INVALID_INPUT') {
          io.stderr(`${PROGRAM}: error: ${e.message}\n`);
          notRead.files++;
          continue;
        }
        if (e instanceof ValuesError) {
          reports.push({ file: job.file, diagnostics: [diagnosticOf(e)] });
          continue;
        }
        throw e;
      }
    }
    // the text format quotes the lines findings point at: a file's text is kept only when it has findings
    const keepSource = () => {
      if (source && format === 'text') sources.set(job.file, decode(source.text));
    };
    let loaded: LoadedValues;
    try {
      loaded = loadValues(loadInput(setup, source));
    } catch (e) {
      if (!(e instanceof ValuesError)) throw e;
      reports.push({ file: job.file, diagnostics: [diagnosticOf(e)] });
      keepSource();
      continue;
    }
    // what lies in another file (the chart, an -f file) is the same for every checked file: report it once
    const diagnostics = checkValues(loaded, setup, 'validate', Boolean(flags['require-license'] ?? config?.requireLicense), release).filter((d) => {
      const f = d.location?.file;
      if (f === undefined || f === job.file || f.startsWith('--')) return true;
      const key = `${f}\u0000${d.location!.line}\u0000${d.location!.column}\u0000${d.code}\u0000${d.message}`;
      if (seenElsewhere.has(key)) return false;
      seenElsewhere.add(key);
      return true;
    });
    reports.push({ file: job.file, diagnostics });
    if (diagnostics.length) keepSource();
  }

  const tool = { name: PROGRAM, version: packageVersion(), informationUri: 'https://www.npmjs.com/package/helm-image-variant' };
  const report = await import('../report/index.js');
  if (format === 'json') io.stdout(report.formatJson(reports, tool));
  else if (format === 'sarif') io.stdout(report.formatSarif(reports, tool));
  else if (format === 'github') io.stdout(report.formatGithub(reports, { verbose: Boolean(flags.verbose) }));
  else {
    const color = flags['no-color'] ? false : flags.color ? true : io.env.NO_COLOR ? false : io.stdoutIsTTY;
    io.stdout(report.formatText(reports, { color, sources, verbose: Boolean(flags.verbose), notRead }));
  }
  if (notRead.files || notRead.patterns) return EXIT.usage;
  const s = report.summarize(reports);
  return s.errors || (strict && s.warnings) ? EXIT.found : EXIT.ok;
}
