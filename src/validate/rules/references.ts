// Rules about the rendered image and where it runs: a reference the image grammar rejects (an empty registry
// gives `/gloo:1.0`, a trailing slash `//`), and distroless images scheduled onto another architecture.
import { parseImageReference, ImageReferenceError, tryParseImageReference } from '../../reference/index.js';
import { isMap, type Val } from '../../values/model.js';
import { formatPath, parsePath } from '../../values/paths.js';
import { fieldSource, mergedBlock, valueAt, type Parts, type RuleContext } from '../context.js';

/** reference-invalid (once per cause) and arch-unsupported. */
export function referenceRules(ctx: RuleContext): void {
  // one finding per cause: a bad global registry breaks every image, and is reported once, where it is written
  const byCause = new Map<string, { parts: Parts; images: string[]; reason: string }>();
  for (const img of ctx.images) {
    if (img.source !== 'chart') continue;
    try {
      parseImageReference(img.reference);
    } catch (e) {
      if (!(e instanceof ImageReferenceError)) throw e;
      const parts = blame(ctx, img.valuesPath);
      const key = formatPath(parts);
      const entry = byCause.get(key) ?? { parts, images: [], reason: e.message };
      entry.images.push(img.reference);
      byCause.set(key, entry);
    }
  }
  for (const { parts, images, reason } of byCause.values()) {
    const list = images.length > 3 ? `${images.slice(0, 3).map((r) => JSON.stringify(r)).join(', ')} and ${images.length - 3} more` : images.map((r) => JSON.stringify(r)).join(', ');
    ctx.report({
      code: 'reference-invalid',
      severity: 'error',
      parts,
      message: `${formatPath(parts)} makes the chart render ${list}, not a valid image reference (${reason}). Check registry (not empty, no trailing slash), repository and tag.`,
    });
  }
  archRules(ctx);
  unquotedFieldRules(ctx);
}

/**
 * field-not-string: the chart prints GatewayParameters image fields unquoted, so a string that YAML reads as a number
 * or boolean (a tag 1.10, --set-string'd or quoted in the values) reaches the resource as 1.1; the CRD's string field
 * refuses it.
 */
function unquotedFieldRules(ctx: RuleContext): void {
  for (const img of ctx.images) {
    if (!img.fields) continue;
    for (const [k, v] of Object.entries(img.fields)) {
      if (v === null || v === undefined || typeof v === 'string' || typeof v === 'object') continue;
      const w = img.workloads[0];
      const parts = fieldSource(ctx, img.valuesPath, k);
      const written = valueAt(ctx.release, parts);
      ctx.report({
        code: 'field-not-string',
        severity: 'error',
        parts,
        message: `${formatPath(parts)} is ${typeof written === 'string' ? JSON.stringify(written) : String(written)}, and the chart prints it unquoted into ${w ? `${w.kind} ${w.name} (${w.container})` : 'the resource'}, where YAML reads it back as the ${typeof v === 'boolean' ? 'boolean' : 'number'} ${String(v)}: the resource holds ${k}: ${String(v)}, which Kubernetes refuses for a string field. Use a value that stays a string unquoted (e.g. a tag 1.10.0 or v1.10).`,
      });
    }
  }
}

/** The field that makes a reference invalid (registry, repository or tag, where it is written), else the block. */
function blame(ctx: RuleContext, valuesPath: string): Parts {
  const m = mergedBlock(ctx, valuesPath);
  const text = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : undefined);
  const registry = text('registry');
  const repository = text('repository');
  const tag = text('tag');
  if (registry === undefined || registry === '' || registry.endsWith('/') || !tryParseImageReference(`${registry}/a:b`)) return fieldSource(ctx, valuesPath, 'registry');
  if (repository !== undefined && !tryParseImageReference(`r.example/${repository}:b`)) return fieldSource(ctx, valuesPath, 'repository');
  if (tag !== undefined && tag !== '' && !tryParseImageReference(`r.example/a:${tag}`)) return fieldSource(ctx, valuesPath, 'tag');
  return parsePath(valuesPath);
}

const ARCH_KEYS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];

/** The architectures a nodeSelector or a required node affinity restricts a pod to (undefined: no restriction). */
function allowedArchs(selector: Val | undefined, affinity: Val | undefined): { archs: string[] } | undefined {
  if (isMap(selector)) {
    for (const k of ARCH_KEYS) if (typeof selector[k] === 'string') return { archs: [selector[k] as string] };
  }
  const terms = valueAt(affinity, ['nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']);
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  // terms are ORed: the pod may go wherever any term allows; a term without an arch expression allows all
  const archs = new Set<string>();
  for (const t of terms) {
    const exprs = isMap(t) && Array.isArray(t.matchExpressions) ? t.matchExpressions : [];
    const arch = exprs.find((x) => isMap(x) && typeof x.key === 'string' && ARCH_KEYS.includes(x.key));
    if (!isMap(arch) || !Array.isArray(arch.values)) return undefined;
    const values = arch.values.filter((v): v is string => typeof v === 'string');
    if (arch.operator === 'In') values.forEach((v) => archs.add(v));
    else if (arch.operator === 'NotIn' && !values.includes('amd64')) archs.add('amd64');
    else if (arch.operator !== 'NotIn') return undefined;
  }
  return { archs: [...archs] };
}

function archRules(ctx: RuleContext): void {
  const seen = new Set<string>();
  for (const img of ctx.images) {
    if (img.source !== 'chart' || (img.variant !== 'distroless' && img.variant !== 'fips-distroless')) continue;
    const parts = parsePath(img.valuesPath);
    // the pod spec fields sit beside the image block or above it (gloo.deployment.nodeSelector, podTemplate.nodeSelector)
    for (let n = parts.length - 1; n >= 1; n--) {
      const base: Parts = parts.slice(0, n);
      const r = allowedArchs(valueAt(ctx.release, [...base, 'nodeSelector']), valueAt(ctx.release, [...base, 'affinity']));
      if (!r) continue;
      if (!r.archs.includes('amd64')) {
        const field = isMap(valueAt(ctx.release, [...base, 'nodeSelector'])) && r.archs.length === 1 ? 'nodeSelector' : 'affinity';
        const at = [...base, field];
        const key = formatPath(at);
        if (!seen.has(key)) {
          seen.add(key);
          ctx.report({
            code: 'arch-unsupported',
            severity: 'warning',
            parts: at,
            message: `${key} schedules ${img.workloads.map((w) => w.name).filter((x, i, a) => a.indexOf(x) === i).join(', ') || img.valuesPath} onto ${r.archs.join(', ') || 'no'} nodes, but distroless images (${img.reference}) are built for amd64 only. Allow amd64, or use the standard variant for this component.`,
          });
        }
      }
      break;
    }
  }
}
