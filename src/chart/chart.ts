// A chart as Helm loads it (without templates), and the assembly of a chart from its files, which the
// node loader (directories, archives) feeds. Browser-safe: it only sees names and bytes.
import { ValuesError } from '../errors.js';
import type { ValuesSource } from '../values/load.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { ChartValidationError, readChartMetadata, type ChartDependency, type ChartTemplateFields } from './metadata.js';
import { readValuesTextShared } from '../values/yaml/read.js';

/** A chart: Chart.yaml, values.yaml, values.schema.json and its subcharts, as Helm loads them. */
export interface Chart extends ChartTemplateFields {
  name: string;
  version: string;
  appVersion?: string;
  apiVersion: string;
  type?: string;
  /** Chart.yaml `kubeVersion`: `helm template` refuses a Kubernetes version outside this range. */
  kubeVersion?: string;
  /** Chart.yaml fields templates read through `.Chart` (absent ones are Go's zero values). */
  description?: string;
  home?: string;
  annotations?: Record<string, string>;
  /** Where the chart was read from (a directory, an archive, or a path inside one). */
  path: string;
  /** The chart's values.yaml (empty text when the chart has none). */
  values: ValuesSource;
  /** The parsed values.schema.json, when the chart has one that is valid JSON. */
  schema?: object;
  /** The raw values.schema.json text, when the chart has one. */
  schemaText?: string;
  /** Chart.yaml `dependencies:` (requirements.yaml for apiVersion v1). */
  dependencies: ChartDependency[];
  /** Whether Chart.yaml has a `dependencies:` list at all (even an empty one changes how Helm coalesces). */
  declaresDependencies: boolean;
  /** The charts under charts/, by chart name (`name@version` when two share a name), in Helm's order. */
  subcharts: Record<string, Chart>;
  /** The files under templates/ (names relative to the chart, `templates/x.yaml`), for renderChart. */
  templates?: ChartFile[];
  /** The chart's other files (what `.Files` sees: not Chart.yaml, values.yaml, templates/ or charts/). */
  files?: ChartFile[];
}

/** One file of a chart: its path inside the chart and its bytes. */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

/** What assembling needs from its caller: unpack a packaged subchart (an archive's files). */
export interface AssembleOptions {
  helmVersion: HelmVersion;
  /** Reads a subchart archive (charts/x.tgz) into its files, with the archive's own bounds. */
  unpack(data: Uint8Array, name: string): Promise<ChartFile[]>;
  /** Nesting level of this chart (0 = top); bounded against hostile archives. */
  depth?: number;
}

/** Deepest nesting of subcharts accepted (charts/a/charts/b/...). */
export const MAX_CHART_DEPTH = 20;

// Files Helm reads into the chart itself rather than into .Files.
const ROOT_FILES = new Set(['Chart.yaml', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'requirements.lock', 'Chart.lock']);

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Builds a chart from its files as Helm's LoadFiles does: Chart.yaml is required, files under charts/
 * are grouped into subcharts by their first path part (`.tgz` files are archives; names starting with
 * `_` or `.` are skipped), and each subchart is built the same way.
 */
export async function assembleChart(files: ChartFile[], path: string, opts: AssembleOptions): Promise<Chart> {
  const depth = opts.depth ?? 0;
  if (depth > MAX_CHART_DEPTH) {
    throw new ValuesError('CHART_TOO_LARGE', `${path}: subcharts nested deeper than ${MAX_CHART_DEPTH} levels (a limit of this library)`, undefined, path);
  }
  const byName = new Map<string, Uint8Array>();
  const subFiles = new Map<string, ChartFile[]>();
  const templates: ChartFile[] = [];
  const others: ChartFile[] = [];
  for (const f of files) {
    if (f.name.startsWith('templates/')) templates.push(f);
    else if (!f.name.startsWith('charts/') && !ROOT_FILES.has(f.name)) others.push(f);
    if (f.name.startsWith('charts/')) {
      if (f.name.endsWith('.prov')) continue;
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0]!;
      if (!subFiles.has(cname)) subFiles.set(cname, []);
      subFiles.get(cname)!.push({ name: rest, data: f.data });
    } else byName.set(f.name, f.data);
  }
  const chartYaml = byName.get('Chart.yaml');
  const values = byName.get('values.yaml');
  // Helm's LoadFiles parses values.yaml as it meets it (after Chart.yaml and requirements.yaml, which sort
  // first), before it asks for Chart.yaml, validates it and loads the subcharts: on those paths a values.yaml
  // Helm cannot parse is the error it reports. (Parsed here only then; loadValues reads it, and a text read
  // here is kept parsed for that read.)
  const valuesFirst = () => {
    if (values !== undefined) readValuesTextShared(values, { name: `${path}/values.yaml`, role: 'chart' }, opts.helmVersion, true);
  };
  if (!chartYaml) {
    valuesFirst();
    throw new ValuesError('CHART_MISSING', 'Chart.yaml file is missing', { file: `${path}/Chart.yaml`, line: 1, column: 1 }, path);
  }
  const requirements = byName.get('requirements.yaml');
  let md: ReturnType<typeof readChartMetadata>;
  try {
    md = readChartMetadata(chartYaml, `${path}/Chart.yaml`, opts.helmVersion, requirements ? { text: requirements, file: `${path}/requirements.yaml` } : undefined);
  } catch (e) {
    if (e instanceof ChartValidationError) valuesFirst();
    throw e;
  }
  const chart: Chart = {
    name: md.name,
    version: md.version,
    apiVersion: md.apiVersion,
    path,
    values: { name: `${path}/values.yaml`, text: values ?? '' },
    dependencies: (md.dependencies ?? []).filter((d): d is ChartDependency => d !== null),
    declaresDependencies: md.dependencies !== undefined,
    subcharts: {},
  };
  if (templates.length) chart.templates = templates;
  if (others.length) chart.files = others;
  if (md.appVersion !== undefined) chart.appVersion = md.appVersion;
  if (md.type !== undefined) chart.type = md.type;
  if (md.kubeVersion !== undefined) chart.kubeVersion = md.kubeVersion;
  if (md.description !== undefined) chart.description = md.description;
  if (md.home !== undefined) chart.home = md.home;
  if (md.annotations !== undefined) chart.annotations = md.annotations;
  for (const k of ['keywords', 'sources', 'icon', 'condition', 'tags', 'deprecated'] as const) if (md[k] !== undefined) (chart as unknown as Record<string, unknown>)[k] = md[k];
  const schema = byName.get('values.schema.json');
  if (schema) {
    chart.schemaText = decoder.decode(schema);
    try {
      chart.schema = JSON.parse(chart.schemaText) as object;
    } catch {
      // Helm reports an unparsable schema when it validates; the text is kept for that
    }
  }
  const names = [...subFiles.keys()].sort();
  for (const n of names) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    const group = subFiles.get(n)!;
    let sub: Chart;
    try {
      if (n.endsWith('.tgz')) {
        const file = group[0]!;
        if (file.name !== n) throw new ValuesError('CHART_ARCHIVE', `error unpacking subchart tar in ${chart.name}: expected ${n}, got ${file.name}`);
        sub = await assembleChart(await opts.unpack(file.data, `${path}/charts/${n}`), `${path}/charts/${n}`, { ...opts, depth: depth + 1 });
      } else {
        const inner = group.filter((f) => f.name.includes('/')).map((f) => ({ name: f.name.slice(f.name.indexOf('/') + 1), data: f.data }));
        sub = await assembleChart(inner, `${path}/charts/${n}`, { ...opts, depth: depth + 1 });
      }
    } catch (e) {
      if (e instanceof ValuesError) {
        valuesFirst();
        const wrap = (m: string) => `error unpacking subchart ${n} in ${chart.name}: ${m}`;
        throw new ValuesError(e.code, wrap(e.message), e.location, e.source, undefined, e.alternatives?.map(wrap));
      }
      throw e;
    }
    const key = Object.prototype.hasOwnProperty.call(chart.subcharts, sub.name) ? `${sub.name}@${sub.version}` : sub.name;
    chart.subcharts[key] = sub;
  }
  return chart;
}
