// `diff`: the images of two releases compared. The flags before `--to` describe the first release, those after
// it the second (a flag not repeated after `--to` keeps its first value); or `--base REV` reads the first
// release's files as they are at a git revision (a pull request's base), the second from the working tree.
// Exit 0 when nothing changes, 1 when something does (as `git diff --exit-code`), 2 when a side cannot be resolved
// (or renders a reference no runtime could pull: the diff still shows it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { diffImages, loadValues, resolveImages, ResolveError, ValuesError, type ResolvedImage, type ResolveOptions } from '../index.js';
import { commandHelp, parseCommandArgs, type ParsedArgs } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { isProfileFile, loadInput, prepareSetup, specFromFlags, type SetupSpec } from './setup.js';

/** The flags that describe a release (everything but the report's own). */
const RELEASE_FLAGS = new Set(['chart', 'profile', 'chart-version', 'values', 'set', 'set-string', 'set-json', 'set-file', 'set-literal', 'helm-version', 'require-license', 'release-name']);

/** Runs `diff` and returns its exit code. */
export async function runDiff(args: string[], io: CliIo): Promise<number> {
  const to = args.indexOf('--to');
  const first = parseCommandArgs('diff', to < 0 ? args : args.slice(0, to));
  if (first.flags.help) {
    io.stdout(commandHelp('diff'));
    return EXIT.ok;
  }
  const second = to < 0 ? undefined : parseCommandArgs('diff', args.slice(to + 1));
  if (second?.flags.help) {
    io.stdout(commandHelp('diff'));
    return EXIT.ok;
  }
  if (first.positionals.length || second?.positionals.length) {
    throw new UsageError(`diff takes no file arguments (got ${JSON.stringify((first.positionals[0] ?? second!.positionals[0])!)}); pass values files with -f`, 'diff');
  }
  // the report's own flags (-o, --base) may stand on either side; release flags after --to describe the second
  const report: ParsedArgs['flags'] = { ...first.flags };
  for (const [k, v] of Object.entries(second?.flags ?? {})) {
    if (v === undefined || RELEASE_FLAGS.has(k)) continue;
    if (first.flags[k] !== undefined && first.flags[k] !== v) throw new UsageError(`--${k} is given before and after --to with different values`, 'diff');
    report[k] = v;
  }
  const base = typeof report.base === 'string' ? report.base : undefined;
  if (!second && base === undefined) throw new UsageError('diff needs a second release: flags after --to, or --base REV to compare with a git revision', 'diff');
  // the second release: the first one's flags, each flag given after --to replacing its value
  const secondFlags: ParsedArgs['flags'] = { ...first.flags };
  for (const [k, v] of Object.entries(second?.flags ?? {})) if (v !== undefined && RELEASE_FLAGS.has(k)) secondFlags[k] = v;

  let before: ResolvedImage[];
  let after: ResolvedImage[];
  let invalid = 0;
  const scratch: string[] = [];
  try {
    const firstSpec = specFromFlags(first.flags);
    const specA: { spec: SetupSpec; rename?: (name: string) => string } = base === undefined ? { spec: firstSpec } : materialise(firstSpec, base, io.cwd, scratch);
    const a = await side(specA.spec, first.flags, 'first', io, specA.rename);
    const b = await side(specFromFlags(secondFlags), secondFlags, 'second', io);
    if (!a || !b) return EXIT.usage;
    before = a.images;
    after = b.images;
    invalid = a.invalid + b.invalid;
  } finally {
    for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
  }
  const changes = diffImages(before, after);
  const format = await import('../report/diff.js');
  const output = (report.output as string | undefined) ?? 'text';
  io.stdout(output === 'json' ? format.formatDiffJson(changes) : output === 'markdown' ? format.formatDiffMarkdown(changes) : format.formatDiffText(changes));
  // a reference no runtime could pull stays in the diff (the change is real) and makes the release unresolved
  if (invalid) return EXIT.usage;
  return changes.length ? EXIT.found : EXIT.ok;
}

/**
 * One side's images, or undefined after printing why it cannot be resolved. A reference no runtime could pull (the
 * library's `reference-invalid` error) is printed on stderr and counted in `invalid`.
 */
async function side(spec: SetupSpec, flags: ParsedArgs['flags'], which: string, io: CliIo, rename?: (name: string) => string): Promise<{ images: ResolvedImage[]; invalid: number } | undefined> {
  const setup = await prepareSetup(spec, 'diff');
  if (rename) for (const l of setup.layers) l.name = rename(l.name);
  const options: ResolveOptions = { helmVersion: setup.helmVersion };
  if (setup.profile !== undefined) options.profile = setup.profile;
  if (setup.chartVersion !== undefined) options.chartVersion = setup.chartVersion;
  if (flags['require-license']) options.requireLicense = true;
  if (typeof flags['release-name'] === 'string') options.releaseName = flags['release-name'];
  let invalid = 0;
  options.onDiagnostic = (d) => {
    if (d.code !== 'reference-invalid') return;
    invalid++;
    io.stderr(`error: ${d.message} [${d.code}] (the ${which} release)\n`);
  };
  try {
    return { images: resolveImages(loadValues(loadInput(setup)), options), invalid };
  } catch (e) {
    if (e instanceof ValuesError) {
      const at = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : e.source ? `${rename ? rename(e.source) : e.source}: ` : '';
      io.stderr(`${at}error: ${e.message} [${e.code}] (the ${which} release)\n`);
      return undefined;
    }
    if (e instanceof ResolveError) {
      if (e.code !== 'render-failed') throw new UsageError(e.message, 'diff');
      io.stderr(`helm-image-variant: error: the ${which} release cannot be rendered: ${e.message} [${e.code}]\n`);
      return undefined;
    }
    throw e;
  }
}

function git(args: string[], cwd: string): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new InputError(`--base needs git: ${r.error.message}`);
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString('utf8').trim() };
}

/**
 * The first release's files as they are at git revision `rev`: every path the set-up names (-f files, a
 * --chart directory or archive, a --profile file, --set-file paths) written into a scratch directory at the
 * same place relative to the repository, and the spec pointed at them. Values files keep their names as
 * `REV:path` in diagnostics.
 */
function materialise(spec: SetupSpec, rev: string, cwd: string, scratch: string[]): { spec: SetupSpec; rename: (name: string) => string } {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new InputError(`--base ${rev}: ${cwd} is not in a git repository (${top.err})`);
  const root = top.out.toString('utf8').trim();
  const check = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root);
  if (!check.ok) throw new InputError(`--base ${rev}: no such revision in ${root}`);
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'hiv-base-'));
  scratch.push(dir);
  const names = new Map<string, string>();
  const place = (p: string, flag: string): string => {
    const abs = nodePath.resolve(cwd, p);
    const rel = nodePath.relative(fs.realpathSync(root), realOrSelf(abs));
    if (rel.startsWith('..') || nodePath.isAbsolute(rel)) throw new InputError(`--base ${rev}: ${flag} ${p} is outside the repository ${root}`);
    const gitPath = rel.split(nodePath.sep).join('/');
    const listed = git(['ls-tree', '-r', '--name-only', '-z', rev, '--', gitPath || '.'], root);
    const files = listed.ok ? listed.out.toString('utf8').split('\0').filter((f) => f !== '') : [];
    if (files.length === 0) throw new InputError(`--base ${rev}: ${flag} ${p} does not exist at ${rev}`);
    for (const f of files) {
      const shown = git(['show', `${rev}:${f}`], root);
      if (!shown.ok) throw new InputError(`--base ${rev}: cannot read ${f}: ${shown.err}`);
      const target = nodePath.join(dir, ...f.split('/'));
      fs.mkdirSync(nodePath.dirname(target), { recursive: true });
      fs.writeFileSync(target, shown.out);
    }
    const out = nodePath.join(dir, ...gitPath.split('/'));
    names.set(out, `${rev}:${p}`);
    return out;
  };
  const next: SetupSpec = { ...spec, values: spec.values.map((v) => place(v, '-f')) };
  if (spec.chart !== undefined) next.chart = place(spec.chart, '--chart');
  if (spec.profile !== undefined && isProfileFile(spec.profile)) next.profile = place(spec.profile, '--profile');
  next.setFile = spec.setFile.map((arg) =>
    arg
      .split(',')
      .map((pair) => {
        const eq = pair.indexOf('=');
        return eq <= 0 ? pair : `${pair.slice(0, eq + 1)}${place(pair.slice(eq + 1), '--set-file')}`;
      })
      .join(','),
  );
  return { spec: next, rename: (name) => names.get(name) ?? name };
}

/** The real path of a file that exists now, else the path itself (a file deleted since the base revision). */
function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const parent = nodePath.dirname(p);
    return parent === p ? p : nodePath.join(realOrSelf(parent), nodePath.basename(p));
  }
}
