// .helm-image-variant.yaml: which values files the repository has and what they are checked against, so a
// pre-commit hook and a CI step need no arguments. Read with the library's own YAML reader (Helm's YAML,
// with file:line:column for every value), checked against the shape schemas/config.schema.json publishes.
import nodePath from 'node:path';
import { loadValues, ValuesError, type LoadedValues, type SourceLocation } from '../index.js';
import { readValuesSource } from '../node/index.js';
import { nearest } from './near.js';

/** The configuration file looked for in the current directory. */
export const CONFIG_FILE = '.helm-image-variant.yaml';

/** One entry of `targets`: files and what they are layered over. Paths are relative to the config file. */
export interface ConfigTarget {
  files: string[];
  profile?: string;
  chart?: string;
  chartVersion?: string;
  values: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setLiteral: string[];
}

/** A checked configuration. */
export interface Config {
  /** The file it was read from, and its directory (the base of every path in it). */
  file: string;
  dir: string;
  helmVersion?: 3 | 4;
  strict?: boolean;
  /** A missing gloo-ee licence key is an error (as --require-license). */
  requireLicense?: boolean;
  format?: 'text' | 'json' | 'sarif' | 'github';
  ignore: string[];
  targets: ConfigTarget[];
}

/** The configuration file is wrong: where, and what to do. Exit code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(message: string, readonly location?: SourceLocation) {
    super(location ? `${location.file}:${location.line}:${location.column}: ${message}` : message);
  }
}

type Kind = 'string' | 'strings' | 'globs' | 'boolean' | 'helm' | 'format' | 'targets';
const TOP: Record<string, Kind> = { helmVersion: 'helm', strict: 'boolean', requireLicense: 'boolean', format: 'format', ignore: 'globs', targets: 'targets' };
const TARGET: Record<string, Kind> = {
  files: 'globs', profile: 'string', chart: 'string', chartVersion: 'string', values: 'strings',
  set: 'strings', setString: 'strings', setJson: 'strings', setLiteral: 'strings',
};
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

function pointer(parts: Array<string | number>): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function dotted(parts: Array<string | number>): string {
  return parts.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

class Checker {
  constructor(private readonly loaded: LoadedValues, private readonly file: string) {}

  fail(parts: Array<string | number>, message: string): never {
    throw new ConfigError(`${dotted(parts) || 'the configuration'} ${message}`, parts.length ? this.loaded.locate(pointer(parts)) : { file: this.file, line: 1, column: 1 });
  }

  keys(obj: Record<string, unknown>, known: Record<string, Kind>, at: Array<string | number>): void {
    for (const k of Object.keys(obj)) {
      if (Object.prototype.hasOwnProperty.call(known, k)) continue;
      const near = nearest(k, Object.keys(known));
      this.fail([...at, k], `is not a known key${near ? `; did you mean "${near}"?` : ''} Known keys: ${Object.keys(known).join(', ')}`);
    }
  }

  value(v: unknown, kind: Kind, at: Array<string | number>): unknown {
    switch (kind) {
      case 'string':
        if (typeof v !== 'string' || v === '') this.fail(at, `must be a non-empty string (quote versions such as "1.18.0")`);
        return v;
      case 'boolean':
        if (typeof v !== 'boolean') this.fail(at, 'must be true or false');
        return v;
      case 'helm':
        if (v !== 3 && v !== 4) this.fail(at, `must be 3 or 4; got ${JSON.stringify(v)}`);
        return v;
      case 'format':
        if (typeof v !== 'string' || !(FORMATS as readonly string[]).includes(v)) this.fail(at, `must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(v)}`);
        return v;
      case 'globs':
      case 'strings': {
        const list = kind === 'globs' && typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list)) this.fail(at, kind === 'globs' ? 'must be a glob or a list of globs' : 'must be a list of strings');
        list.forEach((x, i) => {
          if (typeof x !== 'string' || x === '') this.fail(typeof v === 'string' ? at : [...at, i], 'must be a non-empty string');
        });
        if (kind === 'globs' && list.length === 0) this.fail(at, 'must name at least one glob');
        return list;
      }
      case 'targets':
        if (!Array.isArray(v) || v.length === 0) this.fail(at, 'must be a list of at least one target ({ files, profile or chart, ... })');
        return v.map((t, i) => this.target(t, [...at, i]));
    }
  }

  target(t: unknown, at: Array<string | number>): ConfigTarget {
    if (!t || typeof t !== 'object' || Array.isArray(t)) this.fail(at, 'must be a map with files and a profile or chart');
    const obj = t as Record<string, unknown>;
    this.keys(obj, TARGET, at);
    if (obj.files === undefined) this.fail(at, 'has no files: give the globs of the values files it checks');
    if (obj.profile === undefined && obj.chart === undefined) this.fail(at, 'needs a profile (gloo, gloo-ee, generic or a profile file) or a chart (a chart directory or .tgz)');
    const out: ConfigTarget = { files: [], values: [], set: [], setString: [], setJson: [], setLiteral: [] };
    for (const [k, kind] of Object.entries(TARGET)) {
      if (obj[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = this.value(obj[k], kind, [...at, k]);
    }
    return out;
  }
}

/** Checks a configuration text; throws {@link ConfigError} naming the line and column of the first mistake. */
export function parseConfig(name: string, text: string | Uint8Array, dir: string): Config {
  let loaded: LoadedValues;
  try {
    loaded = loadValues({ valuesFiles: [{ name, text }] });
  } catch (e) {
    if (e instanceof ValuesError) throw new ConfigError(e.message, e.location);
    throw e;
  }
  const check = new Checker(loaded, name);
  const raw = loaded.values;
  check.keys(raw, TOP, []);
  if (raw.targets === undefined) check.fail([], 'has no targets: list the values files to check and their profile or chart');
  const config: Config = { file: name, dir, ignore: [], targets: [] };
  for (const [k, kind] of Object.entries(TOP)) {
    if (raw[k] !== undefined) (config as unknown as Record<string, unknown>)[k] = check.value(raw[k], kind, [k]);
  }
  return config;
}

/**
 * Reads the configuration: `explicit` (from --config) must exist; otherwise `.helm-image-variant.yaml` in
 * `cwd` is used when present. Returns undefined when there is none.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<Config | undefined> {
  const path = explicit ?? nodePath.join(cwd, CONFIG_FILE);
  const name = explicit ?? CONFIG_FILE;
  let source;
  try {
    source = await readValuesSource(path, name);
  } catch (e) {
    if (!explicit && e instanceof ValuesError && /no such file/.test(e.message)) return undefined;
    throw new ConfigError(e instanceof Error ? e.message : String(e));
  }
  return parseConfig(name, source.text, nodePath.dirname(nodePath.resolve(cwd, path)));
}
