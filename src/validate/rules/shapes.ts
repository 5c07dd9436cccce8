// value-type: a value of another type where the chart's templates read fields of it. Helm accepts any value, so a
// `stats: true` where the chart reads `.stats.enabled` only fails at `helm template`, far from the user's file.
import { inVersions } from '../../images/render.js';
import type { Profile, ProfileShape } from '../../images/profile.js';
import { goTypeName } from '../../values/gofmt.js';
import { isMap, type Val } from '../../values/model.js';
import { formatPath } from '../../values/paths.js';
import type { Parts, RuleContext } from '../context.js';

/** The shape tables that apply: the profile's own, and each subchart profile's under its key. */
function tables(profile: Profile): Array<{ prefix: string[]; shapes: ProfileShape[] }> {
  const out: Array<{ prefix: string[]; shapes: ProfileShape[] }> = [];
  if (profile.shapes?.length) out.push({ prefix: [], shapes: profile.shapes });
  for (const s of profile.subcharts ?? []) {
    if (typeof s.profile === 'object' && s.profile.shapes?.length) out.push({ prefix: s.name.split('.'), shapes: s.profile.shapes });
  }
  return out;
}

/** Every value at a path with `*` wildcards, with its concrete path. */
function matches(root: Val | undefined, keys: string[], at: Parts, out: Array<{ parts: Parts; v: Val }>): void {
  if (keys.length === 0) {
    if (root !== undefined) out.push({ parts: at, v: root as Val });
    return;
  }
  if (!isMap(root)) return;
  const [k, ...rest] = keys;
  if (k === '*') for (const key of Object.keys(root)) matches(root[key], rest, [...at, key], out);
  else if (Object.prototype.hasOwnProperty.call(root, k!)) matches(root[k!], rest, [...at, k!], out);
}

/** value-type for every value the profile knows as a map that holds a scalar or a list. */
export function shapeRules(ctx: RuleContext): void {
  for (const { prefix, shapes } of tables(ctx.profile)) {
    for (const shape of shapes) {
      if (!inVersions(shape.versions, ctx.version)) continue;
      const found: Array<{ parts: Parts; v: Val }> = [];
      matches(ctx.release, [...prefix, ...shape.path.split('.')], [], found);
      for (const { parts, v } of found) {
        if (v === null || isMap(v)) continue;
        const type = goTypeName(v);
        const field = shape.field ?? 'a field';
        const last = String(parts[parts.length - 1]);
        ctx.report({
          code: 'value-type',
          severity: 'error',
          parts,
          message: `${formatPath(parts)} is ${describe(v)}, but the chart reads fields of it (${last}.${field}), so helm template fails: "can't evaluate field ${field} in type ${type}". Write it as a map, e.g. ${last}: {${field}: ...}, or remove it for the chart's default.`,
        });
      }
    }
  }
}

function describe(v: Val): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'boolean') return `${v} (a boolean)`;
  return `the number ${String(v)}`;
}
