// `images`: every image a release deploys, computed like `helm template` from the chart defaults, the -f files
// and the --set family, as a table, a mirroring list or JSON. With FILES (or GLOBS), each file is one release
// layered over the same defaults and -f files (as `validate` layers them), all in one process.
import { loadValues, resolveImages, ResolveError, ValuesError, type ResolvedImage, type ResolveOptions, type ValuesSource } from '../index.js';
import { readValuesSourceSync } from '../node/index.js';
import { commandHelp, parseCommandArgs } from './args.js';
import { EXIT, UsageError } from './errors.js';
import { expandArgs } from './files.js';
import { PROGRAM, type CliIo } from './io.js';
import { loadInput, prepareSetup, specFromFlags, type Setup } from './setup.js';
import type { ReleaseImagesReport } from '../report/images.js';

/** Why a release has no images: its values or its render failed. */
type Failure = NonNullable<ReleaseImagesReport['error']>;

/** Runs `images` and returns its exit code. */
export async function runImages(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseCommandArgs('images', args);
  if (flags.help) {
    io.stdout(commandHelp('images'));
    return EXIT.ok;
  }
  const setup = await prepareSetup(specFromFlags(flags), 'images');
  const options: ResolveOptions = { helmVersion: setup.helmVersion };
  const notes = new Set<string>();
  options.onDiagnostic = (d) => {
    // the same note for every file is printed once
    if (d.severity !== 'info') notes.add(`${PROGRAM}: ${d.severity}: ${d.message}\n`);
  };
  // without --profile the library picks the chart's profile (an umbrella chart's bundled gloo or gloo-ee included)
  if (setup.profile !== undefined) options.profile = setup.profile;
  if (setup.chartVersion !== undefined) options.chartVersion = setup.chartVersion;
  if (flags['require-license']) options.requireLicense = true;
  if (typeof flags['release-name'] === 'string') options.releaseName = flags['release-name'];
  const output = (flags.output as string | undefined) ?? 'table';
  const report = await import('../report/images.js');

  if (positionals.length === 0) {
    const r = release(setup, options, undefined);
    if (r.error) {
      io.stderr(failureLine(r.error));
      return EXIT.found;
    }
    notes.forEach(io.stderr);
    const images = r.images!;
    io.stdout(output === 'list' ? report.formatImageList(images) : output === 'json' ? report.formatImageJson(images) : report.formatImageTable(images) + modeLine(images, options));
    return EXIT.ok;
  }

  const releases: ReleaseImagesReport[] = [];
  let unreadable = false;
  for (const file of await expandArgs(positionals, io.cwd)) {
    let source: ValuesSource;
    try {
      source = readValuesSourceSync(file, file);
    } catch (e) {
      if (!(e instanceof ValuesError)) throw e;
      if (e.code === 'INVALID_INPUT') {
        // a missing file, a directory: not a release at all, as for validate
        io.stderr(`${PROGRAM}: error: ${e.message}\n`);
        unreadable = true;
        continue;
      }
      releases.push({ file, error: failureOf(e) });
      continue;
    }
    releases.push({ file, ...release(setup, options, source) });
  }
  for (const r of releases) if (r.error) io.stderr(failureLine(r.error, r.file));
  notes.forEach(io.stderr);
  io.stdout(
    output === 'list'
      ? report.formatImageList(releases.flatMap((r) => r.images ?? []))
      : output === 'json'
        ? report.formatReleasesJson(releases)
        : report.formatReleasesTable(releases) + modeLine(releases.flatMap((r) => r.images ?? []), options),
  );
  if (unreadable) return EXIT.usage;
  return releases.some((r) => r.error) ? EXIT.found : EXIT.ok;
}

/** One release: the defaults, the -f files, then `file` when given, then the --set family. */
function release(setup: Setup, options: ResolveOptions, file: ValuesSource | undefined): { images?: ResolvedImage[]; error?: Failure } {
  try {
    return { images: resolveImages(loadValues(loadInput(setup, file)), options) };
  } catch (e) {
    if (e instanceof ValuesError) {
      // a flag Helm refuses is the command line's fault, whatever the file
      if ((e.location?.file ?? e.source ?? '').startsWith('--')) throw new UsageError(`${where(failureOf(e))}${e.message}`, 'images');
      return { error: failureOf(e) };
    }
    if (e instanceof ResolveError) {
      if (e.code !== 'render-failed') throw new UsageError(e.message, 'images');
      return { error: { code: e.code, message: e.message } };
    }
    throw e;
  }
}

/** The table's last line: whether the images were read from the rendered chart or computed by a profile. */
function modeLine(images: readonly ResolvedImage[], options: ResolveOptions): string {
  const release = options.releaseName ?? 'gloo';
  if (images.some((i) => i.source === 'rendered')) return `\nmode: rendered (the chart's templates, as helm template ${release} renders them)\n`;
  const p = typeof options.profile === 'string' ? options.profile : options.profile ? 'given' : "the chart's";
  return `\nmode: profile (${p} profile rules; no templates rendered)\n`;
}

function failureOf(e: ValuesError): Failure {
  const f: Failure = { code: e.code, message: e.message };
  if (e.location) f.location = { file: e.location.file, line: e.location.line, column: e.location.column };
  else if (e.source) f.location = { file: e.source, line: 0, column: 0 };
  return f;
}

function where(f: Failure): string {
  if (!f.location) return '';
  return f.location.line > 0 ? `${f.location.file}:${f.location.line}:${f.location.column}: ` : `${f.location.file}: `;
}

/** The stderr line of a failed release: located when the values failed, named by its file when it is one of many. */
function failureLine(f: Failure, file?: string): string {
  if (f.location) return `${where(f)}error: ${f.message} [${f.code}]\n`;
  return `${file ? `${file}: ` : `${PROGRAM}: `}error: ${f.message} [${f.code}]\n`;
}
