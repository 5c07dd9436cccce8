// Helm's coalescing of user values over chart defaults (chartutil/coalesce.go in Helm 3.17, chart/common/util
// in Helm 4.1), including subchart globals. Written to follow Helm's algorithm step by step, with Go's
// reference semantics: defaults are deep-copied per chart, globals are copied one level deep, so maps
// nested two levels below `global` are shared between a parent and its subcharts (and flow upward).
import type { Diagnostic } from '../errors.js';
import { ValuesError } from '../errors.js';
import { formatGoT, formatGoV } from './gofmt.js';
import { formatPointer } from './paths.js';
import { helmRules, type HelmRules, type HelmVersion } from './helm-rules.js';
import { copyLoc, deepCopy, hasKey, isMap, locsOf, locTable, newMap, shallowCopy, type GoMap, type Loc, type Val } from './model.js';

/** A chart as coalescing sees it: its name, its default values and its subcharts, in Helm's order. */
export interface CoalesceChart {
  name: string;
  values: GoMap;
  subcharts: CoalesceChart[];
  /**
   * The defaults were parsed for this one coalescing and nobody else holds them: Helm's defensive deep
   * copy of them can be skipped (a reused chart must leave this unset).
   */
  owned?: boolean;
  /**
   * The defaults are a kept tree shared with other releases (frozen, see readValuesTextShared): coalescing
   * reads them and shares their subtrees into the result, and never writes them, so no copy is needed.
   * Only for a chart coalesced in one pass (no subcharts, no dependency processing).
   */
  shared?: boolean;
}

/** The warning Helm prints, with its source line in Helm 3.17's coalesce.go. */
interface Warning {
  code: string;
  line: number;
  text: string;
  /** dotted path from the top chart's values */
  path: string;
}

export class Coalescer {
  readonly warnings: Warning[] = [];
  private readonly rules: HelmRules;
  constructor(helmVersion: HelmVersion, readonly topName: string) {
    this.rules = helmRules(helmVersion);
  }

  private warn(code: string, line: number, text: string, fullPath: string): void {
    this.warnings.push({ code, line, text, path: this.relativePath(fullPath) });
  }

  private relativePath(full: string): string {
    if (full === this.topName) return '';
    return full.startsWith(`${this.topName}.`) ? full.slice(this.topName.length + 1) : full;
  }

  /** Helm's CoalesceValues: a deep copy of the user values, coalesced with the chart and its subcharts. */
  coalesceValues(chart: CoalesceChart, user: GoMap): GoMap {
    const dest = deepCopy(user) as GoMap;
    return this.coalesce(chart, dest, '', false);
  }

  coalesce(chart: CoalesceChart, dest: GoMap, prefix: string, merge: boolean): GoMap {
    this.values(chart, dest, prefix, merge);
    return this.deps(chart, dest, prefix, merge);
  }

  private deps(chart: CoalesceChart, dest: GoMap, prefix: string, merge: boolean): GoMap {
    for (const sub of chart.subcharts) {
      if (!hasKey(dest, sub.name)) dest[sub.name] = newMap();
      else if (!isMap(dest[sub.name])) {
        const at = this.relativePath(prefix === '' ? chart.name : `${prefix}.${chart.name}`);
        throw new ValuesError('SUBCHART_TYPE_MISMATCH', `type mismatch on ${sub.name}: ${formatGoT(dest[sub.name]!)}`, undefined, undefined, at ? `${at}.${sub.name}` : sub.name);
      }
      const dvmap = dest[sub.name] as GoMap;
      const subPrefix = prefix === '' ? chart.name : `${prefix}.${chart.name}`;
      this.globals(dvmap, dest, subPrefix);
      dest[sub.name] = this.coalesce(sub, dvmap, subPrefix, merge);
    }
    return dest;
  }

  private globals(dest: GoMap, src: GoMap, prefix: string): void {
    let dg: GoMap;
    let sg: GoMap;
    if (!hasKey(dest, 'global')) dg = newMap();
    else if (isMap(dest.global)) dg = dest.global;
    else {
      this.warn('globals-skipped', 138, 'warning: skipping globals because destination global is not a table.', `${prefix}.global`);
      return;
    }
    if (!hasKey(src, 'global')) sg = newMap();
    else if (isMap(src.global)) sg = src.global;
    else {
      this.warn('globals-skipped', 145, 'warning: skipping globals because source global is not a table.', `${prefix}.global`);
      return;
    }
    for (const key of Object.keys(sg)) {
      const val = sg[key]!;
      if (isMap(val)) {
        const vv = shallowCopy(val);
        if (!hasKey(dg, key)) {
          dg[key] = vv;
          copyLoc(sg, key, dg, key);
        } else {
          const destv = dg[key]!;
          if (!isMap(destv)) {
            this.warn('globals-conflict', 161, `Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`, `${prefix}.global.${key}`);
          } else {
            this.tables(vv, destv, `${prefix}.${key}`, true);
            dg[key] = vv;
            copyLoc(sg, key, dg, key);
          }
        }
      } else if (hasKey(dg, key) && isMap(dg[key])) {
        this.warn('globals-key-is-table', 175, `key ${key} is table. Skipping`, `${prefix}.global.${key}`);
      } else {
        dg[key] = val;
        copyLoc(sg, key, dg, key);
      }
    }
    dest.global = dg;
  }

  private values(chart: CoalesceChart, v: GoMap, prefix: string, merge: boolean): void {
    const subPrefix = prefix === '' ? chart.name : `${prefix}.${chart.name}`;
    const vc = chart.owned || chart.shared ? chart.values : (deepCopy(chart.values) as GoMap);
    chart.owned = false;
    const fromLocs = locTable(vc);
    let toLocs: Map<string | number, Loc> | undefined;
    for (const key of Object.keys(vc)) {
      const val = vc[key]!;
      if (hasKey(v, key)) {
        const value = v[key]!;
        if (value === null && !merge) {
          delete v[key];
        } else if (isMap(value)) {
          if (!isMap(val)) {
            if (val !== null) this.warn('values-skipped-not-table', 237, `warning: skipped value for ${subPrefix}.${key}: Not a table.`, `${subPrefix}.${key}`);
          } else {
            const childMerge = chart.subcharts.some((s) => s.name === key) ? true : merge;
            this.tables(value, val, `${subPrefix}.${key}`, childMerge);
          }
        }
      } else {
        v[key] = val;
        const l = fromLocs?.get(key);
        if (l) (toLocs ??= locsOf(v)).set(key, l);
      }
    }
  }

  /** coalesceTablesFullKey: `dst` (user side) wins; `src` (defaults) fills in; nulls delete. */
  tables(dst: GoMap, src: GoMap, prefix: string, merge: boolean): GoMap {
    const keepNullOverNull = this.rules.keepNestedNullOverNull;
    let srcOriginalNonNil: Set<string> | undefined;
    // Helm 4 first writes dst's nulls into src. A shared (frozen) src is never written: those keys read as null
    // here instead, which is all the writes change (src itself never becomes part of the result).
    let nulled: Set<string> | undefined;
    let keys = Object.keys(src);
    if (keepNullOverNull) {
      srcOriginalNonNil = new Set();
      for (const key of keys) if (src[key] !== null) srcOriginalNonNil.add(key);
      if (Object.isFrozen(src)) {
        for (const key of Object.keys(dst)) {
          if (dst[key] !== null) continue;
          (nulled ??= new Set()).add(key);
          if (!hasKey(src, key)) keys.push(key);
        }
      } else {
        for (const key of Object.keys(dst)) if (dst[key] === null) src[key] = null;
        keys = Object.keys(src);
      }
    }
    for (const key of keys) {
      const val = nulled?.has(key) ? null : src[key]!;
      const fullkey = prefix === '' ? key : `${prefix}.${key}`;
      const ok = hasKey(dst, key);
      const dv = ok ? dst[key]! : undefined;
      if (ok && !merge && dv === null && (!keepNullOverNull || srcOriginalNonNil!.has(key))) {
        delete dst[key];
      } else if (!ok) {
        dst[key] = val;
        copyLoc(src, key, dst, key);
      } else if (isMap(val)) {
        if (isMap(dv)) this.tables(dv, val, fullkey, merge);
        else this.warn('values-table-overwritten', 298, `warning: cannot overwrite table with non table for ${fullkey} (${formatGoV(val)})`, fullkey);
      } else if (isMap(dv) && val !== null) {
        this.warn('values-non-table-ignored', 301, `warning: destination for ${fullkey} is a table. Ignoring non-table value (${formatGoV(val)})`, fullkey);
      }
    }
    return dst;
  }

  /** The warnings as diagnostics, each with the line the chosen Helm prints on stderr. */
  diagnostics(): Diagnostic[] {
    return this.warnings.map((w) => ({
      code: w.code,
      severity: 'warning' as const,
      message: w.text,
      path: w.path,
      pointer: toPointer(w.path),
      helmOutput: this.rules.formatWarning(w.text, w.line),
    }));
  }
}

/** A JSON pointer from a Helm dotted path (dots inside keys cannot be told apart here; Helm prints them alike). */
export function toPointer(path: string): string {
  return formatPointer(path === '' ? [] : path.split('.'));
}

export type { Val };
