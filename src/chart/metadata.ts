// Chart.yaml (and a v1 chart's requirements.yaml) as Helm reads them: YAML through the same go-yaml stack
// as values, decoded into Helm's typed Metadata struct (numbers and booleans in string fields become
// strings, other type mismatches are encoding/json errors), then validated with Helm's messages.
import { ValuesError } from '../errors.js';
import { formatFloatG } from '../values/gofmt.js';
import { isMap, isMarkedInteger, type GoMap, type Val } from '../values/model.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { readValuesText } from '../values/yaml/read.js';
import { isValidChartVersion } from './semver.js';

/** One entry of Chart.yaml `dependencies:` (or requirements.yaml). */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  /** `import-values`: strings, or `{ child, parent }` maps, as written. */
  importValues?: Array<string | Record<string, unknown>>;
  alias?: string;
  enabled?: boolean;
}

/** Chart.yaml fields that only templates read, through `.Chart`. */
export interface ChartTemplateFields {
  keywords?: string[];
  sources?: string[];
  icon?: string;
  condition?: string;
  tags?: string;
  deprecated?: boolean;
}

/** The parts of Chart.yaml that decide how values are read, and what templates read of it. */
export interface ChartMetadata extends ChartTemplateFields {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  type?: string;
  description?: string;
  kubeVersion?: string;
  home?: string;
  annotations?: Record<string, string>;
  /** Present (possibly empty) when Chart.yaml has a `dependencies:` list; absent when it has none. */
  dependencies?: Array<ChartDependency | null>;
}

const JSON_TYPE = (v: Val): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : isMap(v) ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';

class TypeError_ extends Error {}

function fail(v: Val, field: string, goType: string): never {
  throw new TypeError_(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${JSON_TYPE(v)} into Go struct field ${field} of type ${goType}`);
}

/** A string field: sigs.k8s.io/yaml turns YAML numbers and booleans into strings for it. */
function str(container: GoMap, key: string, field: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(container, key)) return undefined;
  const v = container[key]!;
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return isMarkedInteger(container, key) ? String(v) : formatFloatG(v, 32);
  return fail(v, field, 'string');
}

function strList(container: GoMap, key: string, field: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(container, key)) return undefined;
  const v = container[key]!;
  if (v === null) return undefined;
  if (!Array.isArray(v)) return fail(v, field, '[]string');
  return v.map((x, i) => {
    const holder = { [String(i)]: x } as GoMap;
    if (isMap(x) || Array.isArray(x)) fail(x, field, 'string');
    return str(holder, String(i), field) ?? '';
  });
}

function bool(container: GoMap, key: string, field: string): boolean | undefined {
  if (!Object.prototype.hasOwnProperty.call(container, key)) return undefined;
  const v = container[key]!;
  if (v === null) return undefined;
  if (typeof v !== 'boolean') return fail(v, field, 'bool');
  return v;
}

function plain(v: Val): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).map((k) => [k, plain(v[k]!)]));
  return v;
}

function dependencies(doc: GoMap, version: HelmVersion): Array<ChartDependency | null> | undefined {
  if (!Object.prototype.hasOwnProperty.call(doc, 'dependencies') || doc.dependencies === null) return undefined;
  const list = doc.dependencies!;
  const depType = version === 3 ? '[]*chart.Dependency' : '[]*v2.Dependency';
  if (!Array.isArray(list)) return fail(list, 'Metadata.dependencies', depType);
  return list.map((d) => {
    if (d === null) return null;
    if (!isMap(d)) return fail(d, 'Metadata.dependencies', version === 3 ? 'chart.Dependency' : 'v2.Dependency');
    const f = (k: string) => `Metadata.dependencies.${k}`;
    const dep: ChartDependency = { name: str(d, 'name', f('name')) ?? '' };
    const set = <K extends keyof ChartDependency>(k: K, v: ChartDependency[K] | undefined) => {
      if (v !== undefined) dep[k] = v;
    };
    set('version', str(d, 'version', f('version')));
    set('repository', str(d, 'repository', f('repository')));
    set('condition', str(d, 'condition', f('condition')));
    set('tags', strList(d, 'tags', f('tags')));
    set('enabled', bool(d, 'enabled', f('enabled')));
    set('alias', str(d, 'alias', f('alias')));
    if (Object.prototype.hasOwnProperty.call(d, 'import-values') && d['import-values'] !== null) {
      const iv = d['import-values']!;
      if (!Array.isArray(iv)) fail(iv, f('import-values'), '[]interface {}');
      dep.importValues = iv.filter((x) => typeof x === 'string' || isMap(x)).map((x) => plain(x) as string | Record<string, unknown>);
    }
    return dep;
  });
}

/** Helm's sanitizeString: white space becomes a space, unprintable characters are dropped. */
function sanitize(s: string | undefined): string | undefined {
  if (s === undefined) return s;
  return s.replace(/\s/gu, ' ').replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, '');
}

/** Chart.yaml read but refused by Helm's metadata validation (a ValuesError CHART_INVALID to its callers). */
export class ChartValidationError extends ValuesError {}

function validationError(msg: string, file: string): ValuesError {
  return new ChartValidationError('CHART_INVALID', `validation: ${msg}`, { file, line: 1, column: 1 }, file);
}

/** Parses and validates Chart.yaml (plus requirements.yaml for apiVersion v1 charts) as Helm does. */
export function readChartMetadata(
  chartYaml: string | Uint8Array,
  file: string,
  version: HelmVersion,
  requirements?: { text: string | Uint8Array; file: string },
): ChartMetadata {
  const goType = version === 3 ? 'chart.Metadata' : 'v2.Metadata';
  const read = (text: string | Uint8Array, name: string, prefix: string): GoMap =>
    readValuesText(text, { name, role: 'chart', prefix, goType, markIntegers: true }, 3);
  const doc = read(chartYaml, file, 'cannot load Chart.yaml');
  let md: ChartMetadata;
  try {
    md = {
      apiVersion: str(doc, 'apiVersion', 'Metadata.apiVersion') || 'v1',
      name: str(doc, 'name', 'Metadata.name') ?? '',
      version: str(doc, 'version', 'Metadata.version') ?? '',
    };
    const appVersion = str(doc, 'appVersion', 'Metadata.appVersion');
    if (appVersion !== undefined) md.appVersion = appVersion;
    const type = str(doc, 'type', 'Metadata.type');
    if (type !== undefined) md.type = type;
    const description = str(doc, 'description', 'Metadata.description');
    if (description !== undefined) md.description = description;
    const kube = str(doc, 'kubeVersion', 'Metadata.kubeVersion');
    if (kube !== undefined) md.kubeVersion = kube;
    const home = str(doc, 'home', 'Metadata.home');
    if (home !== undefined) md.home = home;
    if (Object.prototype.hasOwnProperty.call(doc, 'annotations') && isMap(doc.annotations)) {
      const ann = doc.annotations;
      const out: Record<string, string> = {};
      for (const k of Object.keys(ann)) {
        const v = str(ann, k, 'Metadata.annotations');
        if (v !== undefined) out[k] = v;
      }
      md.annotations = out;
    }
    // what templates read through .Chart (maintainers and the rest are read for their types only, as Helm's
    // decoder does)
    const keywords = strList(doc, 'keywords', 'Metadata.keywords');
    if (keywords !== undefined) md.keywords = keywords;
    const sources = strList(doc, 'sources', 'Metadata.sources');
    if (sources !== undefined) md.sources = sources;
    const deprecated = bool(doc, 'deprecated', 'Metadata.deprecated');
    if (deprecated !== undefined) md.deprecated = deprecated;
    for (const k of ['icon', 'condition', 'tags'] as const) {
      const v = str(doc, k, `Metadata.${k}`);
      if (v !== undefined) md[k] = v;
    }
    const deps = dependencies(doc, version);
    if (deps) md.dependencies = deps;
  } catch (e) {
    if (e instanceof TypeError_) throw new ValuesError('CHART_INVALID', `cannot load Chart.yaml: ${e.message}`, { file, line: 1, column: 1 }, file);
    throw e;
  }
  if (requirements) {
    const req = read(requirements.text, requirements.file, 'cannot load requirements.yaml');
    try {
      const deps = dependencies(req, version);
      if (deps) md.dependencies = deps;
    } catch (e) {
      if (e instanceof TypeError_) {
        throw new ValuesError('CHART_INVALID', `cannot load requirements.yaml: ${e.message}`, { file: requirements.file, line: 1, column: 1 }, requirements.file);
      }
      throw e;
    }
  }
  validate(md, file);
  return md;
}

const ALIAS = /^[a-zA-Z0-9_-]+$/;

function validate(md: ChartMetadata, file: string): void {
  md.name = sanitize(md.name) ?? '';
  if (md.appVersion !== undefined) md.appVersion = sanitize(md.appVersion)!;
  if (!md.apiVersion) throw validationError('chart.metadata.apiVersion is required', file);
  if (md.name === '') throw validationError('chart.metadata.name is required', file);
  if (md.name === '.' || md.name === '..') throw validationError(`chart.metadata.name ${JSON.stringify(md.name)} is not allowed`, file);
  if (md.name.includes('/')) throw validationError(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`, file);
  if (md.version === '') throw validationError('chart.metadata.version is required', file);
  if (!isValidChartVersion(md.version)) throw validationError(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`, file);
  if (md.type !== undefined && md.type !== '' && md.type !== 'application' && md.type !== 'library') {
    throw validationError('chart.metadata.type must be application or library', file);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies ?? []) {
    if (d === null) throw validationError('dependencies must not contain empty or null nodes', file);
    d.name = sanitize(d.name) ?? '';
    if (d.version !== undefined) d.version = sanitize(d.version)!;
    if (d.condition !== undefined) d.condition = sanitize(d.condition)!;
    if (d.tags) d.tags = d.tags.map((t) => sanitize(t)!);
    if (d.alias !== undefined && d.alias !== '' && !ALIAS.test(d.alias)) {
      throw validationError(`dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`, file);
    }
    const key = d.alias ? d.alias : d.name;
    if (seen.has(key)) throw validationError(`more than one dependency with name or alias ${JSON.stringify(key)}`, file);
    seen.add(key);
  }
}
