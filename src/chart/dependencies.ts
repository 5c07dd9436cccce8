// Chart.yaml dependencies as `helm template` processes them before rendering (Helm 3.17's
// ProcessDependenciesWithMerge, Helm 4.1's ProcessDependencies): enable/disable by tags and conditions from
// the top chart down (aliases make copies), then import-values from the bottom up, which also bakes
// every remaining subchart's defaults into its parent's. Follows Helm step by step, including which
// structures Go copies and which it shares between the copies an alias makes (the two versions differ
// there, and it shows in results).
import type { Diagnostic } from '../errors.js';
import { ValuesError } from '../errors.js';
import { Coalescer, toPointer, type CoalesceChart } from '../values/coalesce.js';
import { deepCopy, isMap, newMap, type GoMap, type Val } from '../values/model.js';
import type { HelmVersion } from '../values/helm-rules.js';
import { isCompatibleRange } from './semver.js';

/** A dependency entry while being processed (Go's *chart.Dependency: shared by reference). */
export interface PDep {
  name: string;
  version?: string;
  alias?: string;
  condition?: string;
  tags?: string[];
  importValues?: Array<string | Record<string, unknown> | RewrittenImport>;
  enabled: boolean;
}

/** An import-values entry after Helm rewrote it (map[string]string, which its own type switch skips). */
export class RewrittenImport {
  constructor(readonly child: string, readonly parent: string) {}
}

/** Go's *chart.Metadata: name (the alias after aliasing), version, dependency list (nil = none). */
export interface PMeta {
  name: string;
  version: string;
  deps: Array<PDep | null> | undefined;
}

/** Go's *chart.Chart while being processed. */
export class PChart implements CoalesceChart {
  /** Set on the top chart right before its final coalescing (see coalesceChart); never on a shared copy. */
  owned?: boolean;
  /** The values are a frozen kept tree (see toPChart): read, never written. */
  shared?: boolean;
  constructor(
    public meta: PMeta,
    public values: GoMap,
    public subcharts: PChart[],
    /** The chart's own name (not the alias) and identity, for the result. */
    readonly origin: { chartName: string; version: string; appVersion?: string; chart?: unknown },
  ) {}
  get name(): string {
    return this.meta.name;
  }
  /** Go's `out := *c`: a new struct sharing metadata, values and the dependency slice. */
  shallowCopy(): PChart {
    return new PChart(this.meta, this.values, this.subcharts, this.origin);
  }
}

type Emit = (d: Diagnostic) => void;

/** slog's text encoding of a value: quoted when it has spaces, quotes, `=` or unprintable characters. */
function slogValue(s: string): string {
  return s === '' || /[\s"=\\]|[^\x20-\x7e\u00a0-\uffff]/u.test(s) ? JSON.stringify(s) : s;
}

export class DependencyProcessor {
  constructor(
    readonly helmVersion: HelmVersion,
    readonly coalescer: Coalescer,
    readonly emit: Emit,
  ) {}

  private warn(code: string, message: string, helm3: string, helm4: string, path = ''): void {
    this.emit({ code, severity: 'warning', message, path, pointer: toPointer(path), helmOutput: this.helmVersion === 3 ? helm3 : helm4 });
  }

  /** ProcessDependencies: enable from the top down, then import from the bottom up. */
  process(top: PChart, userValues: GoMap): void {
    this.enabled(top, userValues, '');
    this.importAll(top);
  }

  private aliasDependency(charts: PChart[], dep: PDep): PChart | undefined {
    for (const c of charts) {
      if (c.name !== dep.name) continue;
      if (!isCompatibleRange(dep.version, c.meta.version)) continue;
      const out = c.shallowCopy();
      if (this.helmVersion === 3) {
        // md := *c.Metadata: the dependency slice (and its entries) stays shared
        out.meta = { ...c.meta };
      } else {
        // copyMetadata copies each dependency entry; the subcharts are copied one level (sharing their metadata)
        out.meta = { ...c.meta, deps: c.meta.deps?.map((d) => (d ? { ...d } : d)) };
        out.subcharts = c.subcharts.map((s) => s.shallowCopy());
      }
      if (dep.alias) out.meta.name = dep.alias;
      return out;
    }
    return undefined;
  }

  private enabled(c: PChart, v: GoMap, path: string): void {
    const reqs = c.meta.deps;
    if (reqs === undefined) return;
    const chartDependencies: PChart[] = [];
    for (const existing of c.subcharts) {
      const matched = reqs.some((req) => req !== null && existing.name === req.name && isCompatibleRange(req.version, existing.meta.version));
      if (!matched) chartDependencies.push(existing);
    }
    for (const req of reqs) {
      if (req === null) continue;
      const alias = this.aliasDependency(c.subcharts, req);
      if (alias) chartDependencies.push(alias);
      if (req.alias) req.name = req.alias;
    }
    c.subcharts = chartDependencies;
    for (const r of reqs) if (r) r.enabled = true;
    const cvals = this.coalescer.coalesceValues(c, v);
    this.tags(reqs, cvals);
    this.conditions(reqs, cvals, path);
    const rm = new Set(reqs.filter((r): r is PDep => r !== null && !r.enabled).map((r) => r.name));
    const cd = c.subcharts.filter((n) => !rm.has(n.meta.name));
    const cdMetadata = reqs.filter((n) => n === null || !rm.has(n.name));
    for (const t of cd) this.enabled(t, cvals, `${path}${t.meta.name}.`);
    // Go appends the kept entries to a nil slice: when none are kept the list is nil again, which skips
    // this chart's import step (and with it the baking of subchart defaults)
    c.meta.deps = cdMetadata.length ? cdMetadata : undefined;
    c.subcharts = cd;
  }

  private tags(reqs: Array<PDep | null>, cvals: GoMap): void {
    const vt = table(cvals, 'tags');
    if (!vt.ok) return;
    for (const r of reqs) {
      if (!r) continue;
      let hasTrue = false;
      let hasFalse = false;
      for (const k of r.tags ?? []) {
        if (!Object.prototype.hasOwnProperty.call(vt.table, k)) continue;
        const b = vt.table[k];
        if (typeof b === 'boolean') {
          if (b) hasTrue = true;
          else hasFalse = true;
        } else {
          this.warn(
            'dependency-tag-not-bool',
            `tag '${k}' for chart ${r.name} is not a boolean; it does not count`,
            `dependencies.go:94: Warning: Tag '${k}' for chart ${r.name} returned non-bool value`,
            `level=WARN msg="returned non-bool value" tag=${slogValue(k)} chart=${slogValue(r.name)}`,
            `tags.${k}`,
          );
        }
      }
      if (!hasTrue && hasFalse) r.enabled = false;
      else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
    }
  }

  private conditions(reqs: Array<PDep | null>, cvals: GoMap, cpath: string): void {
    for (const r of reqs) {
      if (!r) continue;
      for (const c of (r.condition ?? '').trim().split(',')) {
        if (c.length === 0) continue;
        const vv = pathValue(cvals, cpath + c);
        if (vv.found) {
          if (typeof vv.value === 'boolean') {
            r.enabled = vv.value;
            break;
          }
          this.warn(
            'dependency-condition-not-bool',
            `condition path '${c}' for chart ${r.name} is not a boolean; the next path decides, or the chart stays enabled`,
            `dependencies.go:63: Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`,
            `level=WARN msg="returned non-bool value" path=${slogValue(c)} chart=${slogValue(r.name)}`,
            (cpath + c).replace(/^\./, ''),
          );
        }
      }
    }
  }

  private importAll(c: PChart): void {
    for (const d of c.subcharts) this.importAll(d);
    this.importValues(c);
  }

  private importValues(c: PChart): void {
    const reqs = c.meta.deps;
    if (reqs === undefined) return;
    const cvals = this.coalescer.coalesce(c, newMap(), '', true);
    let b = newMap();
    for (const r of reqs) {
      if (!r) continue;
      const outiv: RewrittenImport[] = [];
      for (const riv of r.importValues ?? []) {
        if (riv instanceof RewrittenImport) continue;
        if (typeof riv === 'string') {
          const child = `exports.${riv}`;
          outiv.push(new RewrittenImport(child, '.'));
          const vm = table(cvals, `${r.name}.${child}`);
          if (!vm.ok) {
            this.warn(
              'import-values-missing',
              `import-values ${JSON.stringify(riv)} of ${r.name}: ${vm.error}; nothing is imported`,
              `dependencies.go:286: Warning: ImportValues missing table: ${vm.error}`,
              `level=WARN msg="ImportValues missing table" error=${slogValue(vm.error)}`,
            );
            continue;
          }
          b = this.coalescer.tables(b, vm.table, '', true);
        } else {
          const child = goString(riv.child, this.helmVersion);
          const parent = goString(riv.parent, this.helmVersion);
          outiv.push(new RewrittenImport(child, parent));
          const vv = table(cvals, `${r.name}.${child}`);
          if (!vv.ok) {
            this.warn(
              'import-values-missing',
              `import-values child ${JSON.stringify(child)} of ${r.name}: ${vv.error}; nothing is imported`,
              `dependencies.go:269: Warning: ImportValues missing table from chart ${r.name}: ${vv.error}`,
              `level=WARN msg="ImportValues missing table from chart" chart=${slogValue(r.name)} error=${slogValue(vv.error)}`,
            );
            continue;
          }
          b = this.coalescer.tables(b, pathToMap(parent, vv.table), '', true);
        }
      }
      r.importValues = outiv;
    }
    const cycle = findCycle(b);
    if (cycle !== undefined) {
      // Helm builds the same self-containing map and then never finishes (3.17.1 loops, 4.1.4 exhausts memory)
      throw new ValuesError(
        'CHART_IMPORT',
        `import-values of chart ${c.name} place a map inside itself at ${cycle || '(top)'}; Helm does not finish rendering such a chart`,
      );
    }
    c.values = this.coalescer.tables(deepCopy(cvals) as GoMap, b, '', true);
  }
}

/** Go's fmt %v of an import-values field (Helm 4), or Helm 3's type assertion, which panics. */
function goString(v: unknown, version: HelmVersion): string {
  if (typeof v === 'string') return v;
  if (version === 3) {
    throw new ValuesError('CHART_IMPORT', `panic: interface conversion: interface {} is ${v === undefined || v === null ? 'nil' : typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}'}, not string`);
  }
  if (v === undefined || v === null) return '<nil>';
  return String(v);
}

/** Values.Table: the map at a dotted path, or Helm's `"<key>" is not a table`. */
export function table(v: GoMap, name: string): { ok: true; table: GoMap } | { ok: false; error: string } {
  let t: GoMap = v;
  for (const n of name.split('.')) {
    const next = Object.prototype.hasOwnProperty.call(t, n) ? t[n] : undefined;
    if (next === undefined || !isMap(next)) return { ok: false, error: `${JSON.stringify(n)} is not a table` };
    t = next;
  }
  return { ok: true, table: t };
}

/** Values.PathValue: a non-map value at a dotted path. */
function pathValue(v: GoMap, path: string): { found: true; value: Val } | { found: false } {
  const parts = path.split('.');
  const key = parts.pop()!;
  let t: GoMap = v;
  if (parts.length > 0) {
    const tb = table(v, parts.join('.'));
    if (!tb.ok) return { found: false };
    t = tb.table;
  }
  if (!Object.prototype.hasOwnProperty.call(t, key)) return { found: false };
  const value = t[key]!;
  if (isMap(value)) return { found: false };
  return { found: true, value };
}

/** The dotted path at which a map contains one of its own ancestors, if any. */
function findCycle(root: GoMap): string | undefined {
  const onPath = new Set<object>();
  const visit = (v: Val, path: string): string | undefined => {
    if (!isMap(v) && !Array.isArray(v)) return undefined;
    if (onPath.has(v)) return path;
    onPath.add(v);
    const entries: Array<[string, Val]> = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x]) : Object.keys(v).map((k) => [k, v[k]!]);
    for (const [k, x] of entries) {
      const found = visit(x, k.startsWith('[') ? `${path}${k}` : path ? `${path}.${k}` : k);
      if (found !== undefined) return found;
    }
    onPath.delete(v);
    return undefined;
  };
  return visit(root, '');
}

/** pathToMap: `a.b` wraps the map as {a: {b: map}}; `.` is the top level. */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const m = newMap();
    m[parts[i]!] = cur;
    cur = m;
  }
  return cur;
}

/** CheckDependencies: every listed name must be a chart under charts/. */
export function missingDependencies(top: PChart): string[] {
  const missing: string[] = [];
  for (const r of top.meta.deps ?? []) {
    if (r && !top.subcharts.some((d) => d.name === r.name)) missing.push(r.name);
  }
  return missing;
}
