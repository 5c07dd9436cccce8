// renderChart: one chart's templates rendered as `helm template <release> <chart>` prints them (a single
// chart: subcharts, hooks and CRDs come with the next stage). Browser-safe.
import { ResolveError } from '../errors.js';
import type { Chart, ChartFile } from '../chart/chart.js';
import { internalValues, type LoadedValues } from '../values/load.js';
import { loadedChart, loadedTree } from '../load/load-values.js';
import type { RenderTreeNode } from '../chart/load-chart-values.js';
import { isCompatibleRange, mastermindsString } from '../chart/semver.js';
import { parseCacheFor } from './parse-cache.js';
import { deepCopy, isMap, type Val } from '../values/model.js';
import { renderTemplates, RenderError, type HelmVersion, type TemplateFile } from '../template/engine.js';
import { attachMethods, GoError, GoNum, GoStruct, markNamed, newMap, tagElem, type GoFunc, type TVal } from '../template/value.js';
import { newValueTrace, type Limits, type ValueTrace } from '../template/exec.js';
import { formatPath } from '../values/paths.js';
import { toYaml, yamlToJsonError } from '../template/lib/yaml.js';
import { markGoNil } from '../template/lib/nil.js';
import { base64Encode } from '../template/lib/encoding.js';
import { goPathMatch } from '../chart/helmignore.js';
import { judgeChartSchema } from '../validate/helm-schema.js';
import { composeFirstDocument, YamlFailure } from '../values/yaml/compose.js';
import { GoInt, Src } from '../values/model.js';
import { goBytes, goString, goText, hasRawBytes } from '../values/gofmt.js';

// Heads of documents already read, by text: a batch of releases of one chart renders mostly the same documents.
const HEADS = new Map<string, { problem?: string; head?: Record<string, unknown> }>();
const MAX_HEADS = 1024;
const MAX_HEAD_TEXT = 32 * 1024;

/** A rendered document as Helm's manifest sorter reads it: its head (kind, metadata) or why it is refused. */
function readHead(doc: string, name: string, helm: HelmVersion): { problem?: string; head?: Record<string, unknown> } {
  if (doc.length > MAX_HEAD_TEXT) return readHeadUncached(doc, name, helm);
  const key = `${helm}\u0000${name}\u0000${doc}`;
  let r = HEADS.get(key);
  if (!r) {
    r = slim(readHeadUncached(doc, name, helm));
    if (HEADS.size >= MAX_HEADS) HEADS.delete(HEADS.keys().next().value as string);
    HEADS.set(key, r);
  }
  return r;
}

/** What is read of a head (kind, apiVersion, metadata's name, namespace, annotations): the rest is not kept. */
function slim(r: { problem?: string; head?: Record<string, unknown> }): { problem?: string; head?: Record<string, unknown> } {
  if (!r.head) return r;
  const h = r.head;
  const m = h.metadata && typeof h.metadata === 'object' ? (h.metadata as Record<string, unknown>) : undefined;
  return { head: { kind: h.kind, apiVersion: h.apiVersion, metadata: m ? { name: m.name, namespace: m.namespace, annotations: m.annotations } : undefined } };
}

function readHeadUncached(doc: string, name: string, helm: HelmVersion): { problem?: string; head?: Record<string, unknown> } {
  let v: unknown;
  try {
    // go-yaml reads the document as SplitManifests left it: trimmed, without a final line break
    v = composeFirstDocument(doc, new Src(name, doc), false, false).value;
  } catch (e) {
    // go-yaml's refusals (its reader, scanner and parser, ported in src/values/yaml/goyaml.ts) in Helm's words,
    // as fromYaml; a text go-yaml accepts that the values reader refuses for its own reasons (a flow mapping's
    // deficient indentation, its depth limit) is kept rather than refused with another text
    if (e instanceof YamlFailure) return e.goYaml ? { problem: `YAML parse error on ${name}: ${yamlToJsonError(e)}` } : {};
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
  /** Leave hooks out of the output (`helm template --no-hooks`). */
  disableHooks?: boolean;
  /** Leave test hooks (`helm.sh/hook: test`, or `test-success`) out of the output (`--skip-tests`). */
  skipTests?: boolean;
  /** Skip the charts' values.schema.json checks (`--skip-schema-validation`). */
  skipSchemaValidation?: boolean;
  /** Counted budgets; exceeding one throws ResolveError 'render-limit'. */
  limits?: Partial<Limits>;
  /** Filled with each executed template's execution time in milliseconds, by template name (profiling). */
  timings?: Map<string, number>;
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
  /** With `includeCrds`: the CRD files printed first, whole, as Helm writes them (`--output-dir`). */
  crds: Array<{ name: string; text: string }>;
}

const dec = new TextDecoder();

// The API versions `helm template` reports without a cluster, in Helm's order: client-go's scheme's
// PrioritizedVersionsAllGroups plus apiextensions (Helm's DefaultVersionSet), which differs between the
// client-go of Helm 4.1.4 and of Helm 3.17.1. What charts test with .Capabilities.APIVersions.Has and range over;
// --api-versions appends to it.
// (the first 35 are the same in both, from v1 to networking.k8s.io/v1)
const API_VERSIONS_HEAD = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1', 'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1',
  'apps/v1beta2', 'authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1', 'autoscaling/v1', 'autoscaling/v2',
  'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1',
];
const DEFAULT_API_VERSIONS: Record<HelmVersion, readonly string[]> = {
  4: [
    ...API_VERSIONS_HEAD,
    'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1',
    'policy/v1beta1', 'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1',
    'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1', 'resource.k8s.io/v1beta2', 'resource.k8s.io/v1beta1',
    'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1',
    'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1beta1',
    'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
  ],
  3: [
    ...API_VERSIONS_HEAD,
    'networking.k8s.io/v1alpha1', 'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1',
    'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1', 'rbac.authorization.k8s.io/v1',
    'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1beta1',
    'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1',
    'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1',
    'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
  ],
};

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

function filesAsYaml(files: ChartFile[], text: (d: Uint8Array) => string): string {
  const m = newMap();
  for (const f of files) m[f.name.slice(f.name.lastIndexOf('/') + 1)] = text(f.data);
  return toYaml(m);
}

/** .Files: a map of the chart's files with Helm's methods. */
function filesObject(files: ChartFile[]): GoStruct {
  const m = newMap() as Record<string, TVal>;
  for (const f of files) m[f.name] = f.data;
  const get = (n: string) => (Object.prototype.hasOwnProperty.call(m, n) ? goString(m[n] as Uint8Array) : '');
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
    AsConfig: func([], () => filesAsYaml(files, (d) => goString(d))),
    AsSecrets: func([], () => filesAsYaml(files, base64Encode)),
  }, { mapLike: m as never });
  return self;
}

function capabilities(helm: HelmVersion, kubeVersion: string | undefined, apiVersions: string[]): GoStruct {
  const v = kubeVersion ?? (helm === 4 ? 'v1.35.0' : 'v1.32.0');
  // Helm 3 keeps Masterminds' reading of the version (v1.30 is v1.30.0); Helm 4 keeps it as given and prints (and
  // checks kubeVersion constraints against) its numbers alone, as Kubernetes' generic parser reads them
  const given = v.startsWith('v') ? v : `v${v}`;
  const full = helm === 3 ? `v${mastermindsString(v) ?? given.slice(1)}` : given;
  const m = /^v(\d+)\.(\d+)/.exec(full);
  const numbers = /^v(\d+(?:\.\d+)*)/.exec(given)?.[1];
  const str = helm === 4 && numbers !== undefined ? `v${numbers.split('.').map((x) => String(BigInt(x))).join('.')}` : full;
  const fields = { Version: full, Major: m ? String(BigInt(m[1]!)) : '', Minor: m ? String(BigInt(m[2]!)) : '' };
  // String() has a pointer receiver: printf and sprig see the fields (Helm 4's unexported normalizedVersion too)
  const printed = helm === 4 ? { Version: full, normalizedVersion: str, Major: fields.Major, Minor: fields.Minor } : fields;
  const kv = new GoStruct(helm === 4 ? 'common.KubeVersion' : 'chartutil.KubeVersion', fields, {
    String: func([], () => str),
    GitVersion: func([], () => full),
  }, { str: () => str, pointerString: { printed }, json: [['Version', 'Version', false], ['Major', 'Major', false], ['Minor', 'Minor', false]] });
  // a VersionSet is a []string with a Has method: `has "x" .Capabilities.APIVersions` works on it too
  const av = attachMethods(markNamed(tagElem([...apiVersions], 'string'), helm === 4 ? 'common.VersionSet' : 'chartutil.VersionSet'), {
    Has: func(['string'], (x) => apiVersions.includes(x as string)),
  });
  return new GoStruct(helm === 4 ? '*common.Capabilities' : '*chartutil.Capabilities', {
    KubeVersion: kv,
    APIVersions: av,
    HelmVersion: helmBuildInfo(helm),
  });
}

/**
 * .Capabilities.HelmVersion: the build information of the official Helm binaries this library reproduces
 * (`helm version` of v4.1.4 and v3.17.1), a `version.BuildInfo` with its JSON tags.
 */
function helmBuildInfo(helm: HelmVersion): GoStruct {
  const fields: Record<string, TVal> = helm === 4
    ? { Version: 'v4.1.4', GitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f', GitTreeState: 'clean', GoVersion: 'go1.25.9', KubeClientVersion: 'v1.35' }
    : { Version: 'v3.17.1', GitCommit: '980d8ac1939e39138101364400756af2bdee1da5', GitTreeState: 'clean', GoVersion: 'go1.23.5' };
  const layout: Array<[string, string, boolean]> = [['Version', 'version', true], ['GitCommit', 'git_commit', true], ['GitTreeState', 'git_tree_state', true], ['GoVersion', 'go_version', true]];
  if (helm === 4) layout.push(['KubeClientVersion', 'kube_client_version', false]);
  return new GoStruct('version.BuildInfo', fields, {}, { json: layout });
}

/** Helm 3's .Chart as encoding/json writes it: chart.Metadata's tagged fields (all omitempty), then IsRoot. */
const METADATA_JSON: ReadonlyArray<readonly [string, string, boolean]> = [
  ...['Name', 'Home', 'Sources', 'Version', 'Description', 'Keywords', 'Maintainers', 'Icon', 'APIVersion', 'Condition', 'Tags', 'AppVersion', 'Deprecated', 'Annotations', 'KubeVersion', 'Dependencies', 'Type'].map(
    (f) => [f, f === 'APIVersion' ? 'apiVersion' : f[0]!.toLowerCase() + f.slice(1), true] as const,
  ),
  ['IsRoot', 'IsRoot', false],
];

function chartObject(chart: Chart, helm: HelmVersion, name = chart.name, isRoot = true): TVal {
  // Go's nil slices and map (absent from Chart.yaml): they print [] and map[], encode null, omitempty drops them
  const nilList = (elem: string) => markGoNil(tagElem([] as TVal[], elem));
  let annotations: TVal = markGoNil(tagElem(newMap(), 'string'));
  if (chart.annotations) {
    const a = newMap() as Record<string, TVal>;
    for (const [k, v] of Object.entries(chart.annotations)) a[k] = v;
    annotations = tagElem(a, 'string');
  }
  const fields: Record<string, TVal> = {
    Name: name,
    Home: chart.home ?? '',
    Sources: chart.sources ? tagElem([...chart.sources], 'string') : nilList('string'),
    Version: chart.version,
    Description: chart.description ?? '',
    Keywords: chart.keywords ? tagElem([...chart.keywords], 'string') : nilList('string'),
    Maintainers: nilList('*chart.Maintainer'),
    Icon: chart.icon ?? '',
    APIVersion: chart.apiVersion,
    Condition: chart.condition ?? '',
    Tags: chart.tags ?? '',
    AppVersion: chart.appVersion ?? '',
    Deprecated: chart.deprecated ?? false,
    Annotations: annotations,
    KubeVersion: chart.kubeVersion ?? '',
    Dependencies: nilList('*chart.Dependency'),
    Type: chart.type ?? '',
  };
  if (helm === 4) {
    const m = newMap() as Record<string, TVal>;
    // (Helm 4's .Chart map holds its lists as []interface {}, its annotations as map[string]string)
    for (const [k, v] of Object.entries(fields)) m[k] = Array.isArray(v) ? [...v] : v;
    m.IsRoot = isRoot;
    return m;
  }
  return new GoStruct('struct { chart.Metadata; IsRoot bool }', { ...fields, IsRoot: isRoot }, {}, { json: METADATA_JSON });
}

/** Go's regexp `\s`: ASCII white space only. */
const goSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * Helm's SplitManifests: documents separated by `---` lines, each trimmed, empty ones dropped. Helm splits with
 * the RE2 pattern `(?:^|\s*\n)---\s*` (leftmost-first, linear time); the same pattern run by JavaScript's
 * backtracking engine took time quadratic in a run of white space that no `---` follows (a template printing a
 * megabyte of spaces never finished). So the matches are found by hand: the first `\n---` from where the search
 * is, the white space just before it (not before the search position), and the white space after the `---`.
 */
export function splitManifests(text: string): string[] {
  // most templates hold one document: without a separator the split has nothing to find
  if (!text.includes('---')) {
    const one = text.trim();
    return one === '' ? [] : [one];
  }
  const t = text.trim();
  const docs: string[] = [];
  let from = 0; // where the current document starts
  let pos = 0; // where the search for the next separator starts
  if (t.startsWith('---')) {
    // `^---` at the start of the text
    docs.push('');
    pos = 3;
    while (pos < t.length && goSpace(t.charCodeAt(pos))) pos++;
    from = pos;
  }
  for (;;) {
    const q = t.indexOf('\n---', pos);
    if (q < 0) break;
    let start = q;
    while (start > pos && goSpace(t.charCodeAt(start - 1))) start--;
    let end = q + 4;
    while (end < t.length && goSpace(t.charCodeAt(end))) end++;
    docs.push(t.slice(from, start));
    from = end;
    pos = end;
  }
  docs.push(t.slice(from));
  return docs.filter((d) => d !== '').map((d) => d.trim());
}

/** Events Helm knows in `helm.sh/hook` (a document naming another is dropped: "skipping unknown hook"). */
const HOOK_EVENTS = new Set(['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success']);

const MANIFEST_EXT = /\.(ya?ml|json)$/;

/** The template files of the release's charts, each with the dot Helm's recAllTpls gives it. */
function collectTemplates(
  node: RenderTreeNode,
  parent: Record<string, TVal> | null,
  shared: { release: TVal; capabilities: TVal; values: TVal; helm: HelmVersion; valuesType: string; trace?: ValueTrace },
  out: TemplateFile[],
  parentPath: string,
  valuesPath: string[] = [],
): Record<string, TVal> {
  const isRoot = parent === null;
  const subcharts = newMap() as Record<string, TVal>;
  let v: TVal;
  if (isRoot) v = shared.values;
  else {
    // Values.Table("Values.<name>"): the parent's map at the chart's name, as a Values (a new name for the same
    // map in Go; a shallow copy here, so that the name does not leak into the parent's view), else empty
    const pv = parent.Values as Record<string, TVal> | null;
    const t = pv && Object.prototype.hasOwnProperty.call(pv, node.name) ? pv[node.name] : undefined;
    v = markNamed(t && isMap(t as Val) ? Object.assign(newMap(), t) : newMap(), shared.valuesType) as TVal;
  }
  // each chart's .Values is known by its path from the top (a subchart's is the parent's map at its name)
  shared.trace?.paths.set(v as object, valuesPath);
  const next: Record<string, TVal> = {
    Chart: chartObject(node.chart, shared.helm, node.name, isRoot),
    Files: filesObject(node.chart.files ?? []),
    Release: shared.release,
    Capabilities: shared.capabilities,
    Values: v,
    Subcharts: subcharts,
  };
  markNamed(next, shared.valuesType);
  const fullPath = isRoot ? node.name : `${parentPath}/charts/${node.name}`;
  for (const child of node.children) subcharts[child.name] = collectTemplates(child, next, shared, out, fullPath, [...valuesPath, child.name]) as TVal;
  const library = node.chart.type === 'library';
  for (const t of node.chart.templates ?? []) {
    if (library && !t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')) continue;
    out.push({ name: `${fullPath}/${t.name}`, text: templateText(t), data: next as TVal });
  }
  return next;
}

// decoded template texts, kept with the chart's file objects (shared by every release of the chart)
const TEXTS = new WeakMap<ChartFile, string>();
function templateText(f: ChartFile): string {
  let t = TEXTS.get(f);
  if (t === undefined) {
    t = dec.decode(f.data);
    TEXTS.set(f, t);
  }
  return t;
}

/** Chart.CRDObjects: crds/*.{yaml,yml,json} of the chart, then of each enabled subchart, as files. */
function crdObjects(node: RenderTreeNode, fullPath: string, out: Array<{ name: string; text: string }>): void {
  for (const f of node.chart.files ?? []) {
    if (f.name.startsWith('crds/') && MANIFEST_EXT.test(f.name)) out.push({ name: `${fullPath}/${f.name}`, text: dec.decode(f.data) });
  }
  for (const c of node.children) crdObjects(c, `${fullPath}/charts/${c.name}`, out);
}

/**
 * Renders a chart with its enabled subcharts as `helm template` does: every chart's templates with its own
 * .Values and .Chart, manifests sorted in Helm's install order, then hooks; CRDs first with `includeCrds`;
 * `showOnly` as `--show-only`. Throws ResolveError 'render-failed' with Helm's error text, or 'render-limit'
 * when a budget runs out.
 */
export function renderChart(values: LoadedValues, options: RenderChartOptions = {}): RenderResult {
  return renderRelease(values, options, {});
}

/** What the package's own callers add to a render (validateValues, resolveImages): not part of the public options. */
export interface RenderInternals {
  /** Trace the values each action reads: a template's failure carries the value it is traced to (ResolveError.path). */
  trace?: boolean;
  /** Values set for this render only (by path from the top), over the loaded ones: a licence key taken as given. */
  set?: Array<{ path: string[]; value: Val }>;
}

/** renderChart with the package's internal additions. */
export function renderRelease(values: LoadedValues, options: RenderChartOptions, internals: RenderInternals): RenderResult {
  const chart = loadedChart(values);
  if (!chart) throw new ResolveError('render-failed', 'renderChart needs values loaded with a chart (loadValues({ chart }))');
  const helm = options.helmVersion ?? values.helmVersion;
  const tree = loadedTree(values) ?? { name: chart.name, chart, children: [] };
  let schemaFailure = '';
  try {
    if (!options.skipSchemaValidation) schemaFailure = schemaErrors(tree, values.values as Record<string, unknown>, helm);
  } catch (e) {
    // a schema whose references loop (`{"$ref": "#"}`) recurses without end: Helm 3 overflows its stack, Helm 4
    // refuses the cycle; here it is a typed refusal, never a crash
    if (e instanceof RangeError) throw new ResolveError('render-limit', `render-limit: the charts' values.schema.json could not be checked (${e.message}); a schema whose references loop recurses without end`);
    throw e;
  }
  if (schemaFailure) throw new ResolveError('render-failed', `values don't meet the specifications of the schema(s) in the following chart(s):\n${schemaFailure}`.trimEnd());
  const caps = capabilities(helm, options.kubeVersion, [...DEFAULT_API_VERSIONS[helm], ...(options.apiVersions ?? [])]);
  if (chart.kubeVersion) {
    const kvs = caps.fields.KubeVersion as GoStruct;
    const kv = kvs.fields.Version as string;
    if (!isCompatibleRange(chart.kubeVersion, kvs.str!())) {
      throw new ResolveError('render-failed', `chart requires kubeVersion: ${chart.kubeVersion} which is incompatible with Kubernetes ${kv}`);
    }
  }
  const root = internalValues(values);
  const valuesType = helm === 4 ? 'common.Values' : 'chartutil.Values';
  const vals = markNamed(deepCopy((root ?? newMap()) as Val) as object, valuesType) as TVal;
  for (const { path, value } of internals.set ?? []) setAt(vals as Record<string, Val>, path, value);
  const trace = internals.trace ? newValueTrace() : undefined;
  const releaseName = options.releaseName ?? 'release-name';
  const release = {
    Name: releaseName,
    Namespace: options.namespace ?? 'default',
    IsUpgrade: options.isUpgrade ?? false,
    IsInstall: !(options.isUpgrade ?? false),
    Revision: new GoNum(1n, 'int'),
    Service: 'Helm',
  } as unknown as TVal;
  const files: TemplateFile[] = [];
  collectTemplates(tree, null, { release, capabilities: caps, values: vals, helm, valuesType, ...(trace ? { trace } : {}) }, files, '');
  let rendered: Map<string, string>;
  try {
    rendered = renderTemplates(files, {
      helmVersion: helm,
      parseCache: parseCacheFor(chart),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(trace ? { trace } : {}),
      ...(options.timings ? { timings: options.timings } : {}),
    });
  } catch (e) {
    if (e instanceof RenderError) throw new ResolveError(e.limit ? 'render-limit' : 'render-failed', e.message, e.valuePath ? formatPath(e.valuePath) : undefined);
    throw e;
  }
  // Go strings are bytes: a text holding bytes that are not UTF-8 reaches Helm's manifest reader as those
  // bytes (go-yaml's reader refuses them) and leaves as the replacement character (goText)
  for (const [n, text] of rendered) if (hasRawBytes(text)) rendered.set(n, goString(goBytes(text)));
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
        Object.defineProperty(err, 'rendered', { value: printable(rendered), enumerable: false });
        throw err;
      }
      const d: RenderedDocument = { template: name, text: goText(doc) };
      const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
      const meta = head && typeof head.metadata === 'object' && head.metadata ? (head.metadata as Record<string, unknown>) : undefined;
      const ann = meta && typeof meta.annotations === 'object' && meta.annotations ? (meta.annotations as Record<string, unknown>) : undefined;
      if (str(head?.kind)) d.kind = str(head?.kind)!;
      if (str(head?.apiVersion)) d.apiVersion = str(head?.apiVersion)!;
      if (str(meta?.name)) d.name = str(meta?.name)!;
      if (str(meta?.namespace)) d.namespace = str(meta?.namespace)!;
      const hook = ann ? str(ann['helm.sh/hook']) : undefined;
      if (hook === undefined) {
        documents.push(d);
        continue;
      }
      // a hook naming an event Helm does not know is dropped from the release (and the output)
      const events = hook.split(',').map((h) => h.trim().toLowerCase());
      if (events.some((h) => !HOOK_EVENTS.has(h))) continue;
      d.hook = hook;
      // helm template prints hooks unless --no-hooks, test hooks unless --skip-tests
      if (options.disableHooks || (options.skipTests && events.some((h) => h === 'test' || h === 'test-success'))) continue;
      hooks.push(d);
    }
  }
  const sorted = documents.map((d, i) => ({ d, i })).sort((x, y) => byKind(x.d.kind ?? '', y.d.kind ?? '', helm) || x.i - y.i).map((x) => x.d);
  const sortedHooks = hooks.map((d, i) => ({ d, i })).sort((x, y) => byKind(x.d.kind ?? '', y.d.kind ?? '', helm) || x.i - y.i).map((x) => x.d);
  let manifest = '';
  const crdDocs: RenderedDocument[] = [];
  const crds: Array<{ name: string; text: string }> = [];
  if (options.includeCrds) {
    crdObjects(tree, tree.name, crds);
    for (const c of crds) {
      manifest += `---\n# Source: ${c.name}\n${c.text}\n`;
      for (const doc of splitManifests(c.text)) {
        const { head } = readHead(doc, c.name, helm);
        crdDocs.push(describe({ template: c.name, text: doc }, head));
      }
    }
  }
  manifest += sorted.map((d) => `---\n# Source: ${d.template}\n${d.text}\n`).join('');
  let output = manifest.trim() + '\n';
  for (const h of sortedHooks) output += `---\n# Source: ${h.template}\n${h.text}\n`;
  let all = [...crdDocs, ...sorted, ...sortedHooks];
  if (options.showOnly && options.showOnly.length > 0) {
    ({ output, documents: all } = showOnly(output, all, options.showOnly));
  }
  return { output, documents: all, rendered: printable(rendered), crds };
}

/** Sets a value in a values tree, making the maps on the way (a value that is not a map is replaced). */
function setAt(root: Record<string, Val>, path: string[], value: Val): void {
  let m = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = Object.prototype.hasOwnProperty.call(m, k) ? m[k] : undefined;
    if (next && isMap(next)) m = next as Record<string, Val>;
    else {
      const made = newMap() as Record<string, Val>;
      m[k] = made as Val;
      m = made;
    }
  }
  m[path[path.length - 1]!] = value;
}

/** Each template's text as it leaves Helm (bytes that are not UTF-8 as U+FFFD). */
function printable(rendered: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, text] of rendered) out[n] = goText(text);
  return out;
}

/** Helm's ValidateAgainstSchema over the release's charts: each chart's failures under its name, in tree order. */
function schemaErrors(node: RenderTreeNode, values: Record<string, unknown>, helm: HelmVersion): string {
  let sb = '';
  const schema = node.chart.schema ?? node.chart.schemaText;
  if (schema !== undefined) {
    const r = judgeChartSchema(values as never, schema, helm);
    if (r.schemaError !== undefined) sb += `${node.name}:\n${r.schemaError}`;
    else if (r.failures.length) {
      sb += `${node.name}:\n`;
      sb += helm === 4 ? `${r.failures.map((f) => f.text).join('\n')}\n` : r.failures.map((f) => `${f.text}\n`).join('');
    }
  }
  for (const c of node.children) {
    const raw = Object.prototype.hasOwnProperty.call(values, c.name) ? values[c.name] : undefined;
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      sb += `${c.name}:\ninvalid type for values: expected object (map), got ${Array.isArray(raw) ? '[]interface {}' : typeof raw === 'string' ? 'string' : typeof raw === 'boolean' ? 'bool' : 'float64'}\n`;
      continue;
    }
    sb += schemaErrors(c, raw as Record<string, unknown>, helm);
  }
  return sb;
}

function describe(d: RenderedDocument, head: Record<string, unknown> | undefined): RenderedDocument {
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const meta = head && typeof head.metadata === 'object' && head.metadata ? (head.metadata as Record<string, unknown>) : undefined;
  if (str(head?.kind)) d.kind = str(head?.kind)!;
  if (str(head?.apiVersion)) d.apiVersion = str(head?.apiVersion)!;
  if (str(meta?.name)) d.name = str(meta?.name)!;
  if (str(meta?.namespace)) d.namespace = str(meta?.namespace)!;
  return d;
}

/**
 * `--show-only`: the printed stream split again into documents, each kept when its `# Source:` path (without
 * the top chart's name) matches a pattern (Go's filepath.Match), pattern by pattern; a pattern matching none is
 * Helm's `could not find template <f> in chart`.
 */
function showOnly(output: string, docs: RenderedDocument[], patterns: string[]): { output: string; documents: RenderedDocument[] } {
  const parts = splitManifests(output);
  const re = /# Source: [^/]+\/(.+)/;
  let out = '';
  const kept: RenderedDocument[] = [];
  for (const f of patterns) {
    let missing = true;
    parts.forEach((m, i) => {
      const sub = re.exec(m);
      if (!sub) return;
      if (!goPathMatch(f, sub[1]!)) return;
      out += `---\n${m}\n`;
      // the documents are the printed ones in order (a CRD file may hold several documents: best effort)
      if (docs[i]) kept.push(docs[i]!);
      missing = false;
    });
    if (missing) throw new ResolveError('render-failed', `could not find template ${f} in chart`);
  }
  return { output: out, documents: kept };
}
