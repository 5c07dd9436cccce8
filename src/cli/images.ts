// `images`: every image a release deploys, computed like `helm template` from the chart defaults, the -f files
// and the --set family, as a table, a mirroring list or JSON. With FILES (or GLOBS), each file is one release
// layered over the same defaults and -f files (as `validate` layers them), all in one process.
import fs from 'node:fs';
import nodePath from 'node:path';
import { loadValues, mirrorOverlay, mirrorTargets, resolveImages, ResolveError, ValuesError, valuesArchPins, withArchPins, workloadArchPins, type MirrorLayout, type ResolvedImage, type ResolveOptions, type ValuesSource } from '../index.js';
import { readValuesSourceSync } from '../node/index.js';
import { commandHelp, parseCommandArgs } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { expandArgs } from './files.js';
import { PROGRAM, type CliIo } from './io.js';
import { invalidReference } from '../images/resolve.js';
import { createProgressBar } from './progress.js';
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
  const mirror = typeof flags.mirror === 'string' ? flags.mirror : undefined;
  const layout = flags['mirror-layout'] as MirrorLayout | undefined;
  const explicitOutput = flags.output as string | undefined;
  const output = explicitOutput ?? (mirror !== undefined ? 'overlay' : 'table');
  const variants = flags['all-variants'] ? VARIANTS : [undefined];
  checkMirrorFlags(flags, output, mirror, positionals.length > 0);
  const report = await import('../report/images.js');

  if (flags.check) return check(setup, options, positionals, variants, mirror, layout, flags, io, notes);
  for (const f of ['platform', 'ca-file', 'insecure']) if (flags[f] !== undefined) throw new UsageError(`--${f} goes with --check`, 'images');

  if (positionals.length === 0) {
    if (output === 'overlay') return overlay(setup, options, mirror!, layout, flags, io, notes);
    const r = releaseVariants(setup, options, undefined, variants);
    if (r.error) {
      io.stderr(failureLine(r.error));
      return EXIT.found;
    }
    notes.forEach(io.stderr);
    const table = output === 'table' && mirror === undefined ? modeLine(r.images!, options) : '';
    io.stdout((await format(output, r.images!, mirror, layout)) + table);
    return r.invalid ? EXIT.found : EXIT.ok;
  }

  const releases: ReleaseImagesReport[] = [];
  let unreadable = false;
  let invalidReleases = 0;
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
    const { invalid, ...r } = releaseVariants(setup, options, source, variants);
    if (invalid) invalidReleases++;
    releases.push({ file, ...r });
  }
  for (const r of releases) if (r.error) io.stderr(failureLine(r.error, r.file));
  notes.forEach(io.stderr);
  const all = releases.flatMap((r) => r.images ?? []);
  io.stdout(
    output === 'json' && mirror === undefined
      ? report.formatReleasesJson(releases)
      : output === 'table'
        ? report.formatReleasesTable(releases) + modeLine(all, options)
        : await format(output, all, mirror, layout),
  );
  if (unreadable) return EXIT.usage;
  return releases.some((r) => r.error) || invalidReleases ? EXIT.found : EXIT.ok;
}

const VARIANTS = ['standard', 'fips', 'distroless', 'fips-distroless'];

/** `--check`: every image (or its mirror reference) asked for at its registry; exit 1 on findings, 2 when a registry cannot be asked. */
async function check(setup: Setup, options: ResolveOptions, files: string[], variants: ReadonlyArray<string | undefined>, mirror: string | undefined, layout: MirrorLayout | undefined, flags: Record<string, unknown>, io: CliIo, notes: Set<string>): Promise<number> {
  if (flags.output !== undefined || flags['output-file'] !== undefined) throw new UsageError('--check prints its own report; -o and --output-file do not go with it', 'images');
  const images: ResolvedImage[] = [];
  const sources: Array<ValuesSource | undefined> = files.length ? [] : [undefined];
  for (const f of await expandArgs(files, io.cwd)) sources.push(readValuesSourceSync(f, f));
  let underived: string | undefined;
  let invalid = 0;
  for (const source of sources) {
    const r = releaseVariants(setup, options, source, variants);
    invalid += r.invalid ?? 0;
    if (r.error) {
      io.stderr(failureLine(r.error, source?.name));
      return EXIT.found;
    }
    let found = r.images!;
    // rendered images know how their workloads pin the nodes' architecture; a profile's do not: render for that
    if (found.some((i) => i.source !== 'rendered')) {
      try {
        const values = loadValues(loadInput(setup, source));
        const pins = workloadArchPins(values, options);
        const profile = typeof options.profile === 'string' ? options.profile : options.profile === undefined ? setup.chart?.name : undefined;
        if (pins) found = withArchPins(found, pins);
        // the gloo chart's convention: a component's nodeSelector and affinity sit above its image block
        else if (profile === 'gloo') found = valuesArchPins(values, found);
        else underived = "no chart with templates was given, and only the gloo profile says where its values pin workloads";
      } catch (e) {
        if (!(e instanceof ResolveError || e instanceof ValuesError)) throw e;
        underived = `the chart's templates do not render: ${e.message}`;
      }
    }
    images.push(...found);
  }
  notes.forEach(io.stderr);
  const platforms = Array.isArray(flags.platform) ? (flags.platform as string[]) : undefined;
  for (const p of platforms ?? []) if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(p)) throw new UsageError(`--platform ${JSON.stringify(p)}: expected OS/ARCH[/VARIANT], e.g. linux/arm64`, 'images');
  if (underived !== undefined) {
    io.stderr(`${PROGRAM}: note: the architectures the workloads pin their nodes to (nodeSelector, node affinity on kubernetes.io/arch) cannot be derived: ${underived}; every image is checked for ${(platforms ?? ['linux/amd64']).join(', ')} only (give --chart with the chart's templates)\n`);
  }
  const asked = mirror === undefined ? images : mirrorTargetsOrUsage(images, mirror, layout).flatMap((t, n) => (t.target ? [{ reference: t.target, valuesPath: t.valuesPath, workloads: images[n]!.workloads }] : []));
  let ca: string | undefined;
  if (typeof flags['ca-file'] === 'string') {
    try {
      ca = fs.readFileSync(nodePath.resolve(io.cwd, flags['ca-file']), 'utf8');
    } catch (e) {
      throw new InputError(`--ca-file ${flags['ca-file']}: ${(e as Error).message}`);
    }
  }
  const { checkImages } = await import('../node/registry.js');
  // a bar on stderr only when it is a terminal outside CI: never in logs, never mixed into the report on stdout
  const bar = createProgressBar('checking images', io.stderrStream, io.env);
  let results;
  try {
    results = await checkImages(asked, {
      ...(platforms ? { platforms } : {}),
      ...(ca !== undefined ? { ca } : {}),
      ...(flags.insecure ? { insecure: true } : {}),
      ...(bar.drawn ? { onProgress: (d: number, t: number, f: number) => bar.update(d, t, f) } : {}),
    });
  } finally {
    bar.finish();
  }
  const width = Math.max(0, ...results.map((r) => r.status.length));
  for (const r of results) io.stdout(`${r.status.padEnd(width)}  ${r.reference}  ${r.message}\n`);
  const unreachable = results.filter((r) => r.status === 'unreachable' || r.status === 'unauthorized').length;
  const findings = results.filter((r) => r.status !== 'ok').length - unreachable;
  io.stdout(`${results.length} images checked: ${findings} with findings, ${unreachable} could not be checked\n`);
  return unreachable ? EXIT.usage : findings || invalid ? EXIT.found : EXIT.ok;
}

/** Refuses flag combinations that have no meaning, before anything is read. */
function checkMirrorFlags(flags: Record<string, unknown>, output: string, mirror: string | undefined, files: boolean): void {
  if (mirror === undefined) {
    if (output === 'copy') throw new UsageError('-o copy needs --mirror REGISTRY[/PREFIX]: the destinations of the copies', 'images');
    for (const f of ['mirror-layout', 'output-file', 'allow-unmovable']) if (flags[f] !== undefined) throw new UsageError(`--${f} goes with --mirror`, 'images');
    return;
  }
  if (!['overlay', 'list', 'copy', 'json'].includes(output)) throw new UsageError(`with --mirror, -o is list (the mirror's references), copy or json; without -o it prints the values overlay (got -o ${output})`, 'images');
  if (output === 'overlay' && files) throw new UsageError('--mirror prints the overlay of one release: pass its values with -f, not as file arguments (-o copy and -o list take several)', 'images');
  if (output === 'overlay' && flags['all-variants']) throw new UsageError('--all-variants lists images (-o list, copy, skopeo or json); an overlay belongs to one release, whose variant its values choose', 'images');
  if (flags['output-file'] !== undefined && output !== 'overlay') throw new UsageError('--output-file writes the --mirror overlay; use the shell to redirect other outputs', 'images');
}

/**
 * One release's images in each variant asked for (the release's own when `variants` is [undefined]), without repeats. A reference no runtime could pull (the library's
 * `reference-invalid` error, printed on stderr) is counted in `invalid` and left out: what `images` prints is
 * what can be pulled, mirrored and checked.
 */
function releaseVariants(setup: Setup, options: ResolveOptions, file: ValuesSource | undefined, variants: ReadonlyArray<string | undefined>): { images?: ResolvedImage[]; error?: Failure; invalid?: number } {
  const images: ResolvedImage[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  for (const v of variants) {
    const r = release(setup, options, file, v);
    if (r.error) return r;
    for (const i of r.images!) {
      const k = `${i.valuesPath}\u0000${i.reference}`;
      if (seen.has(k)) continue;
      seen.add(k);
      if (invalidReference(i.reference) !== undefined) invalid++;
      else images.push(i);
    }
  }
  return invalid ? { images, invalid } : { images };
}

/** The list, copy, skopeo or json output of images (json with --mirror: every image with its place in the mirror). */
async function format(output: string, images: ResolvedImage[], mirror: string | undefined, layout: MirrorLayout | undefined): Promise<string> {
  const report = await import('../report/images.js');
  if (output === 'skopeo') return (await import('../report/copy.js')).formatSkopeoSync(images);
  if (mirror === undefined) return output === 'list' ? report.formatImageList(images) : output === 'json' ? report.formatImageJson(images) : report.formatImageTable(images);
  const targets = mirrorTargetsOrUsage(images, mirror, layout);
  if (output === 'copy') return (await import('../report/copy.js')).formatCopyList(targets);
  if (output === 'list') {
    const refs = [...new Set(targets.flatMap((t) => (t.target ? [t.target] : [])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return refs.length ? `${refs.join('\n')}\n` : '';
  }
  return `${JSON.stringify(targets, null, 2)}\n`;
}

function mirrorTargetsOrUsage(images: ResolvedImage[], mirror: string, layout: MirrorLayout | undefined) {
  try {
    return mirrorTargets(images, { mirror, ...(layout ? { layout } : {}) });
  } catch (e) {
    if (e instanceof ResolveError) throw new UsageError(`--mirror: ${e.message.replace(/^option mirror: /, '')}`, 'images');
    throw e;
  }
}

/** `--mirror`: the values overlay of one release, proved by resolving the release again with it as the last -f. */
function overlay(setup: Setup, options: ResolveOptions, mirror: string, layout: MirrorLayout | undefined, flags: Record<string, unknown>, io: CliIo, notes: Set<string>): number {
  let result;
  try {
    result = mirrorOverlay(loadInput(setup), { ...options, mirror, ...(layout ? { layout } : {}) });
  } catch (e) {
    if (e instanceof ResolveError && e.code === 'invalid-option') throw new UsageError(`--mirror: ${e.message.replace(/^option (mirror|layout): /, '')}`, 'images');
    const r = failureOfError(e);
    io.stderr(failureLine(r));
    return EXIT.found;
  }
  notes.forEach(io.stderr);
  const file = flags['output-file'];
  if (typeof file === 'string') {
    try {
      fs.mkdirSync(nodePath.dirname(nodePath.resolve(io.cwd, file)), { recursive: true });
      fs.writeFileSync(nodePath.resolve(io.cwd, file), result.yaml);
    } catch (e) {
      throw new InputError(`--output-file ${file}: ${(e as Error).message}`);
    }
  } else io.stdout(result.yaml);
  for (const n of result.notes) io.stderr(`${PROGRAM}: note: ${n}\n`);
  for (const u of result.unmovable) io.stderr(`${PROGRAM}: ${flags['allow-unmovable'] ? 'warning' : 'error'}: not moved to the mirror: ${u.reference}${u.valuesPath ? ` (${u.valuesPath})` : ''}: ${u.reason}\n`);
  return result.unmovable.length && !flags['allow-unmovable'] ? EXIT.found : EXIT.ok;
}

/**
 * A release's failure as the outputs report it; what is the command line's fault (a flag Helm refuses, whatever
 * the file; a bad option) is a UsageError, and anything else is rethrown.
 */
function failureOfError(e: unknown): Failure {
  if (e instanceof ValuesError) {
    if ((e.location?.file ?? e.source ?? '').startsWith('--')) throw new UsageError(`${where(failureOf(e))}${e.message}`, 'images');
    return failureOf(e);
  }
  if (e instanceof ResolveError) {
    if (e.code !== 'render-failed') throw new UsageError(e.message, 'images');
    return { code: e.code, message: e.message };
  }
  throw e;
}

/** One release: the defaults, the -f files, then `file` when given, then the --set family (and a variant, when asked for). */
function release(setup: Setup, options: ResolveOptions, file: ValuesSource | undefined, variant?: string): { images?: ResolvedImage[]; error?: Failure } {
  try {
    const input = loadInput(setup, file);
    // --set-literal has the last word among Helm's flags: the variant asked for wins over the release's own
    if (variant !== undefined) input.setLiteral = [...(input.setLiteral ?? []), `global.image.variant=${variant}`];
    return { images: resolveImages(loadValues(input), options) };
  } catch (e) {
    return { error: failureOfError(e) };
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
