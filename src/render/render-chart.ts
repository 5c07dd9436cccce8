// renderChart: one chart's templates rendered as `helm template <release> <chart>` prints them (a single
// chart: subcharts, hooks and CRDs come with the next stage). Browser-safe.
import { ResolveError } from '../errors.js';
import type { Chart, ChartFile } from '../chart/chart.js';
import { internalValues, type LoadedValues } from '../values/load.js';
import { loadedChart } from '../load/load-values.js';
import { deepCopy, type Val } from '../values/model.js';
import { renderTemplates, RenderError, type HelmVersion } from '../template/engine.js';
import { attachMethods, GoError, GoNum, GoStruct, markNamed, newMap, tagElem, type GoFunc, type TVal } from '../template/value.js';
import type { Limits } from '../template/exec.js';
import { toYaml } from '../template/lib/yaml.js';
import { composeFirstDocument, YamlFailure } from '../values/yaml/compose.js';
import { GoInt, Src } from '../values/model.js';

/** A rendered document as Helm's manifest sorter reads it: its head (kind, metadata) or why it is refused. */
function readHead(doc: string, name: string, helm: HelmVersion): { problem?: string; head?: Record<string, unknown> } {
  let v: unknown;
  try {
    v = composeFirstDocument(doc, new Src(name, doc)).value;
  } catch (e) {
    // go-yaml v2 accepts texts the values reader refuses (`a: [1][2]`) and words its errors otherwise: a
    // document that does not parse is kept rather than refused with another text
    if (e instanceof YamlFailure) return {};
    throw e;
  }
  const kind = typeof v === 'string' ? 'string' : typeof v === 'number' || v instanceof GoInt ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : undefined;
  if (kind) {
    const head = helm === 4 ? 'util.SimpleHead' : 'releaseutil.SimpleHead';
    return { problem: `YAML parse error on ${name}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type ${head}` };
  }
  return v && typeof v === 'object' ? { head: v as Record<string, unknown> } : {};
}

/** Helm's InstallOrder (pkg/releaseutil/kind_sorter.go): the order `helm template` prints kinds in. */
const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];
// Helm 4 adds the webhook configurations at the end
const ORDERS = {
  3: new Map(INSTALL_ORDER.map((k, i) => [k, i])),
  4: new Map([...INSTALL_ORDER, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map((k, i) => [k, i])),
};

/** Helm's lessByKind as a comparator for a stable sort. */
function byKind(a: string, b: string, helm: HelmVersion): number {
  const ORDER = ORDERS[helm];
  const ia = ORDER.get(a);
  const ib = ORDER.get(b);
  if (ia === undefined && ib === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (ia === undefined) return 1;
  if (ib === undefined) return -1;
  return ia - ib;
}

/** Options of {@link renderChart}. */
export interface RenderChartOptions {
  /** Default 'release-name', as `helm template`. */
  releaseName?: string;
  /** Default 'default'. */
  namespace?: string;
  /** Default: the loaded values' Helm version. */
  helmVersion?: HelmVersion;
  /** .Capabilities.KubeVersion; default v1.32.0 (Helm 3) or v1.35.0 (Helm 4). */
  kubeVersion?: string;
  apiVersions?: string[];
  isUpgrade?: boolean;
  includeCrds?: boolean;
  showOnly?: string[];
  /** Counted budgets; exceeding one throws ResolveError 'render-limit'. */
  limits?: Partial<Limits>;
}

/** One rendered manifest. */
export interface RenderedDocument {
  template: string;
  text: string;
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  hook?: string;
}

/** What {@link renderChart} returns. */
export interface RenderResult {
  /** Exactly what `helm template` prints on stdout. */
  output: string;
  documents: RenderedDocument[];
  /** Each template's rendered text by name (partials and NOTES.txt included only when they render). */
  rendered: Record<string, string>;
}

const dec = new TextDecoder();

// The API versions `helm template` reports without a cluster (a subset of client-go's scheme that Helm
// lists as DefaultVersionSet): what charts test with .Capabilities.APIVersions.Has.
const DEFAULT_API_VERSIONS = [
  'v1', 'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1',
  'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1',
  'certificates.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1', 'networking.k8s.io/v1', 'node.k8s.io/v1', 'policy/v1',
  'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1',
];

function func(params: string[], fn: (...a: TVal[]) => TVal, variadic?: string): GoFunc {
  const f: GoFunc = { params, fn };
  if (variadic) f.variadic = variadic;
  return f;
}

/**
 * gobwas/glob's Compile(pattern, '/') as Helm's Files.Glob uses it: `*` and `?` stay within a path segment,
 * `**` crosses them, `[...]`/`[!...]` classes, `{a,b}` alternatives, `\` escapes. A pattern that does not
 * compile matches everything (Helm falls back to `**`).
 */
export function helmGlob(pattern: string): RegExp {
  let i = 0;
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const escClass = (c: string) => c.replace(/[\]\\^-]/g, '\\$&');
  const seq = (inAlt: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      if (c === '*') {
        if (pattern[i] === '*') {
          i++;
          out += '[\\s\\S]*';
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else if (c === '\\') {
        if (i >= pattern.length) throw new Error('bad escape');
        out += esc(pattern[i++]!);
      } else if (c === '[') {
        const end = pattern.indexOf(']', i);
        if (end < 0) throw new Error('unclosed class');
        let body = pattern.slice(i, end);
        i = end + 1;
        const neg = body.startsWith('!');
        if (neg) body = body.slice(1);
        const m = /^(.)-(.)$/su.exec(body);
        const cls = m ? `${escClass(m[1]!)}-${escClass(m[2]!)}` : [...body].map(escClass).join('');
        out += neg ? `[^${cls}]` : `[${cls}]`;
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          alts.push(seq(true));
          if (i >= pattern.length) throw new Error('unclosed alternatives');
          if (pattern[i++] === '}') break;
        }
        out += `(?:${alts.join('|')})`;
      } else out += esc(c);
    }
    if (inAlt) throw new Error('unclosed alternatives');
    return out;
  };
  try {
    return new RegExp(`^${seq(false)}$`, 'u');
  } catch {
    return /^[\s\S]*$/;
  }
}

function base64(d: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < d.length; i += 0x8000) bin += String.fromCharCode(...d.subarray(i, i + 0x8000));
  return btoa(bin);
}

function filesAsYaml(files: ChartFile[], text: (d: Uint8Array) => string): string {
  const m = newMap();
  for (const f of files) m[f.name.slice(f.name.lastIndexOf('/') + 1)] = text(f.data);
  return toYaml(m);
}

/** .Files: a map of the chart's files with Helm's methods. */
function filesObject(files: ChartFile[]): GoStruct {
  const m = newMap() as Record<string, TVal>;
  for (const f of files) m[f.name] = f.data;
  const get = (n: string) => (Object.prototype.hasOwnProperty.call(m, n) ? dec.decode(m[n] as Uint8Array) : '');
  const self: GoStruct = new GoStruct('engine.files', {}, {
    Get: func(['string'], (n) => get(n as string)),
    GetBytes: func(['string'], (n) => (Object.prototype.hasOwnProperty.call(m, n as string) ? (m[n as string] as Uint8Array) : new Uint8Array(0))),
    Lines: func(['string'], (n) => {
      let s = get(n as string);
      if (s === '') return tagElem([], 'string');
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return tagElem(s.split('\n'), 'string');
    }),
    Glob: func(['string'], (pattern) => {
      const re = helmGlob(pattern as string);
      return filesObject(files.filter((f) => re.test(f.name)));
    }),
    // Helm's files.AsConfig/AsSecrets: a map from each file's base name to its text (or base64), as toYaml
    AsConfig: func([], () => filesAsYaml(files, (d) => dec.decode(d))),
    AsSecrets: func([], () => filesAsYaml(files, base64)),
  }, undefined, m as never);
  return self;
}

function capabilities(helm: HelmVersion, kubeVersion: string | undefined, apiVersions: string[]): GoStruct {
  const v = kubeVersion ?? (helm === 4 ? 'v1.35.0' : 'v1.32.0');
  const norm = v.startsWith('v') ? v : `v${v}`;
  const m = /^v(\d+)\.(\d+)/.exec(norm);
  const kv = new GoStruct('common.KubeVersion', { Version: norm, Major: m?.[1] ?? '', Minor: m?.[2] ?? '' }, {
    String: func([], () => norm),
    GitVersion: func([], () => norm),
  }, () => norm);
  // a VersionSet is a []string with a Has method: `has "x" .Capabilities.APIVersions` works on it too
  const av = attachMethods(markNamed(tagElem([...apiVersions], 'string'), helm === 4 ? 'common.VersionSet' : 'chartutil.VersionSet'), {
    Has: func(['string'], (x) => apiVersions.includes(x as string)),
  });
  return new GoStruct(helm === 4 ? '*common.Capabilities' : '*chartutil.Capabilities', {
    KubeVersion: kv,
    APIVersions: av,
    HelmVersion: new GoStruct('chartutil.BuildInfo', { Version: helm === 4 ? 'v4.1.4' : 'v3.17.1', GitCommit: '', GitTreeState: '', GoVersion: helm === 4 ? 'go1.25.9' : 'go1.23.5' }),
  });
}

function chartObject(chart: Chart, helm: HelmVersion): TVal {
  const fields: Record<string, TVal> = {
    Name: chart.name,
    Home: '',
    Sources: null,
    Version: chart.version,
    Description: '',
    Keywords: null,
    Maintainers: null,
    Icon: '',
    APIVersion: chart.apiVersion,
    Condition: '',
    Tags: '',
    AppVersion: chart.appVersion ?? '',
    Deprecated: false,
    Annotations: null,
    KubeVersion: '',
    Dependencies: null,
    Type: chart.type ?? '',
  };
  if (helm === 4) {
    const m = newMap() as Record<string, TVal>;
    for (const [k, v] of Object.entries(fields)) m[k] = v === null ? [] : v;
    m.IsRoot = true;
    return m;
  }
  return new GoStruct('struct { chart.Metadata; IsRoot bool }', { ...fields, IsRoot: true });
}

/** Helm's SplitManifests: documents separated by `---` lines, each trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  const docs = text.trim().split(/(?:^|\s*\n)---\s*/);
  return docs.filter((d) => d !== '').map((d) => d.trim());
}

/**
 * Renders one chart's templates with the given values, as `helm template` does. Throws ResolveError
 * 'render-failed' with Helm's error text, or 'render-limit' when a budget runs out.
 */
export function renderChart(values: LoadedValues, options: RenderChartOptions = {}): RenderResult {
  const chart = loadedChart(values);
  if (!chart) throw new ResolveError('render-failed', 'renderChart needs values loaded with a chart (loadValues({ chart }))');
  const helm = options.helmVersion ?? values.helmVersion;
  const root = internalValues(values);
  const valuesType = helm === 4 ? 'common.Values' : 'chartutil.Values';
  const vals = markNamed(deepCopy((root ?? newMap()) as Val) as object, valuesType) as TVal;
  const releaseName = options.releaseName ?? 'release-name';
  const top = (): Record<string, TVal> => ({
    Values: vals,
    Release: {
      Name: releaseName,
      Namespace: options.namespace ?? 'default',
      IsUpgrade: options.isUpgrade ?? false,
      IsInstall: !(options.isUpgrade ?? false),
      Revision: new GoNum(1n, 'int'),
      Service: 'Helm',
    } as unknown as TVal,
    Chart: chartObject(chart, helm),
    Capabilities: capabilities(helm, options.kubeVersion, [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])]),
    Files: filesObject(chart.files ?? []),
    Subcharts: newMap(),
  });
  const data = markNamed(top(), valuesType);
  const files = (chart.templates ?? []).map((t) => ({ name: `${chart.name}/${t.name}`, text: dec.decode(t.data), data: data as TVal }));
  let rendered: Map<string, string>;
  try {
    rendered = renderTemplates(files, { helmVersion: helm, ...(options.limits ? { limits: options.limits } : {}) });
  } catch (e) {
    if (e instanceof RenderError) throw new ResolveError(e.limit ? 'render-limit' : 'render-failed', e.message);
    throw e;
  }
  const documents: RenderedDocument[] = [];
  const hooks: RenderedDocument[] = [];
  // files in path order, documents in file order, then a stable sort by kind (Helm's SortManifests)
  const names = [...rendered.keys()].filter((n) => !n.endsWith('NOTES.txt') && !n.slice(n.lastIndexOf('/') + 1).startsWith('_')).sort();
  for (const name of names) {
    const content = rendered.get(name)!;
    if (content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const { problem, head } = readHead(doc, name, helm);
      if (problem) {
        // Helm refuses the render; its --debug output shows the rendered text, which the error carries
        const err = new ResolveError('render-failed', problem);
        Object.defineProperty(err, 'rendered', { value: Object.fromEntries(rendered), enumerable: false });
        throw err;
      }
      const d: RenderedDocument = { template: name, text: doc };
      const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
      const meta = head && typeof head.metadata === 'object' && head.metadata ? (head.metadata as Record<string, unknown>) : undefined;
      const ann = meta && typeof meta.annotations === 'object' && meta.annotations ? (meta.annotations as Record<string, unknown>) : undefined;
      if (str(head?.kind)) d.kind = str(head?.kind)!;
      if (str(head?.apiVersion)) d.apiVersion = str(head?.apiVersion)!;
      if (str(meta?.name)) d.name = str(meta?.name)!;
      if (str(meta?.namespace)) d.namespace = str(meta?.namespace)!;
      if (ann && str(ann['helm.sh/hook']) !== undefined) d.hook = str(ann['helm.sh/hook'])!;
      (d.hook !== undefined ? hooks : documents).push(d);
    }
  }
  const sorted = documents.map((d, i) => ({ d, i })).sort((x, y) => byKind(x.d.kind ?? '', y.d.kind ?? '', helm) || x.i - y.i).map((x) => x.d);
  const sortedHooks = hooks.map((d, i) => ({ d, i })).sort((x, y) => byKind(x.d.kind ?? '', y.d.kind ?? '', helm) || x.i - y.i).map((x) => x.d);
  let output = sorted.map((d) => `---\n# Source: ${d.template}\n${d.text}\n`).join('').trim() + '\n';
  for (const h of sortedHooks) output += `---\n# Source: ${h.template}\n${h.text}\n`;
  return { output, documents: [...sorted, ...sortedHooks], rendered: Object.fromEntries(rendered) };
}

