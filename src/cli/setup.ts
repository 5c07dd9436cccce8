// What a values file is layered over: the chart defaults (a chart, or a profile at a chart version), the -f
// files and the --set family. Built once per distinct set-up and shared by every file checked against it.
import nodePath from 'node:path';
import { ProfileError, ValuesError, type Chart, type HelmVersion, type LoadValuesInput, type Profile, type ValuesSource } from '../index.js';
import { loadChart, readProfile, readValuesSource } from '../node/index.js';
import { readRegularFile, ReadRefused } from '../node/read-file.js';
import { MAX_VALUES_BYTES } from '../values/yaml/read.js';
import { InputError, UsageError } from './errors.js';

/** The command-line (or config) description of a set-up, paths still unread. */
export interface SetupSpec {
  chart?: string;
  profile?: string;
  chartVersion?: string;
  values: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  setLiteral: string[];
  helmVersion: HelmVersion;
}

/** A set-up ready to load values: chart read, files read, profile resolved. */
export interface Setup {
  chart?: Chart;
  /** The profile the user named (--profile); undefined: the library's choice for the chart. */
  profile?: string | Profile;
  /** The version the user named (--chart-version). */
  chartVersion?: string;
  helmVersion: HelmVersion;
  /** The -f files, read. */
  layers: ValuesSource[];
  flags: Pick<LoadValuesInput, 'set' | 'setString' | 'setJson' | 'setLiteral' | 'setFile'>;
}

/** A --profile value that names a file (a path, or a .yaml/.json name); anything else is a built-in name, refused by the library if unknown. */
const PROFILE_FILE = /[\\/]|\.(ya?ml|json)$/i;

/** Reads a file the user named for a flag; any failure to read is an {@link InputError} naming the flag. */
export async function readInput(path: string, flag: string): Promise<ValuesSource> {
  try {
    return await readValuesSource(path);
  } catch (e) {
    if (e instanceof ValuesError && e.code === 'INVALID_INPUT') throw new InputError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** Reads a profile file (YAML or JSON) with the library's reader, which checks it against the profile schema. */
async function readProfileFile(path: string): Promise<Profile> {
  try {
    return await readProfile(path);
  } catch (e) {
    if (e instanceof ValuesError) {
      throw new InputError(`--profile: ${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : ''}${e.message}`);
    }
    if (e instanceof ProfileError) throw new InputError(`--profile ${path}: ${e.message}`);
    throw e;
  }
}

/** True when a --profile value names a profile file rather than a built-in profile. */
export function isProfileFile(value: string): boolean {
  return PROFILE_FILE.test(value);
}

/** A --profile value: a built-in name as is, a file read and checked. */
export async function resolveProfile(value: string): Promise<string | Profile> {
  return isProfileFile(value) ? readProfileFile(value) : value;
}

/** `--set-file key=path[,key2=path2]`: Helm reads each path; the library takes the content. */
async function readSetFiles(args: string[]): Promise<Array<{ key: string; text: string }>> {
  const out: Array<{ key: string; text: string }> = [];
  for (const arg of args) {
    for (const pair of arg.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set-file ${JSON.stringify(arg)}: expected key=path`, 'validate');
      const path = pair.slice(eq + 1);
      let text: string;
      try {
        // opened non-blocking and checked through its descriptor: a FIFO is refused, never read (it would block)
        text = new TextDecoder().decode(await readRegularFile(path, MAX_VALUES_BYTES));
      } catch (e) {
        if (!(e instanceof ReadRefused)) throw e;
        const r = e.refusal;
        const reason = r.kind === 'directory' ? 'is a directory' : r.kind === 'not-regular' ? `not a regular file (${r.what})` : r.kind === 'too-large' ? `the file is ${r.size} bytes long, over the limit of ${MAX_VALUES_BYTES}` : r.reason;
        throw new InputError(`--set-file ${pair}: ${reason}`);
      }
      out.push({ key: pair.slice(0, eq), text });
    }
  }
  return out;
}

const chartCache = new Map<string, Promise<Chart>>();

async function readChart(path: string, helmVersion: HelmVersion): Promise<Chart> {
  const key = `${helmVersion}\u0000${nodePath.resolve(path)}`;
  let p = chartCache.get(key);
  if (!p) {
    p = loadChart(path, { helmVersion }).catch((e: unknown) => {
      const text = e instanceof Error ? e.message : String(e);
      const err = new InputError(`--chart ${path}: ${text}`);
      err.helmText = text;
      throw err;
    });
    chartCache.set(key, p);
  }
  return p;
}

/** Reads everything a set-up names. Missing defaults (neither chart nor profile) is a {@link UsageError}. */
export async function prepareSetup(spec: SetupSpec, command: string): Promise<Setup> {
  if (!spec.chart && !spec.profile) {
    throw new UsageError('no chart defaults: give --chart PATH or --profile NAME (or a .helm-image-variant.yaml with targets)', command);
  }
  const setup: Setup = { helmVersion: spec.helmVersion, layers: [], flags: {} };
  if (spec.chart) setup.chart = await readChart(spec.chart, spec.helmVersion);
  // without --profile the library picks the profile from the chart (one rule for the library and the CLI), and the
  // chart's own version (or its bundled gloo's) decides the rules unless --chart-version says otherwise
  if (spec.profile) setup.profile = await resolveProfile(spec.profile);
  if (spec.chartVersion !== undefined) setup.chartVersion = spec.chartVersion;
  for (const f of spec.values) setup.layers.push(await readInput(f, '-f'));
  if (spec.set.length) setup.flags.set = spec.set;
  if (spec.setString.length) setup.flags.setString = spec.setString;
  if (spec.setJson.length) setup.flags.setJson = spec.setJson;
  if (spec.setLiteral.length) setup.flags.setLiteral = spec.setLiteral;
  if (spec.setFile.length) setup.flags.setFile = await readSetFiles(spec.setFile);
  return setup;
}

/** loadValues input for one release of the set-up, with `file` (a checked values file) as the last -f layer. */
export function loadInput(setup: Setup, file?: ValuesSource): LoadValuesInput {
  const input: LoadValuesInput = { ...setup.flags, valuesFiles: file ? [...setup.layers, file] : setup.layers, helmVersion: setup.helmVersion };
  if (setup.chart) input.chart = setup.chart;
  return input;
}

/** The set-up flags of a parsed command line, as a spec. */
export function specFromFlags(flags: Record<string, string | string[] | boolean | undefined>): SetupSpec {
  const list = (k: string) => (Array.isArray(flags[k]) ? (flags[k] as string[]) : []);
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const spec: SetupSpec = {
    values: list('values'), set: list('set'), setString: list('set-string'), setJson: list('set-json'),
    setFile: list('set-file'), setLiteral: list('set-literal'), helmVersion: str('helm-version') === '3' ? 3 : 4,
  };
  const chart = str('chart');
  const profile = str('profile');
  const chartVersion = str('chart-version');
  if (chart !== undefined) spec.chart = chart;
  if (profile !== undefined) spec.profile = profile;
  if (chartVersion !== undefined) spec.chartVersion = chartVersion;
  return spec;
}
