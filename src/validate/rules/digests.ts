// Rules about digests: the one the variant reads is empty while another is set (the image is not pinned),
// digests that disableDigest switches off, disableDigest on a chart that ignores it, and a chart default
// digest that still pins the default image after the user changed repository or tag.
import { eqString, truthy } from '../../images/go-template.js';
import type { Val } from '../../values/model.js';
import { formatPath } from '../../values/paths.js';
import { fieldSource, mergedBlock, valueAt, type RuleContext } from '../context.js';
import { DIGEST_FIELDS } from '../schema.js';

type DigestField = (typeof DIGEST_FIELDS)[number];

/** The digest field the chart's helper reads for a merged block, or undefined for none; throws for a non-string variant. */
export function selectedDigestField(ctx: RuleContext, m: Record<string, Val>): DigestField | undefined {
  if (ctx.rules.helper === 'fips-bool' || ctx.rules.helper === 'first-variant') {
    return truthy(m.fips) && truthy(m.fipsDigest) ? 'fipsDigest' : 'digest';
  }
  if (ctx.rules.disableDigest && truthy(m.disableDigest)) return undefined;
  if (truthy(m.fips) || eqString(m.variant, 'fips')) return 'fipsDigest';
  if (eqString(m.variant, 'distroless')) return 'distrolessDigest';
  if (eqString(m.variant, 'fips-distroless')) return 'fipsDistrolessDigest';
  return 'digest';
}

/** digest-dropped, digest-ignored-by-disableDigest, disableDigest-unsupported and digest-stale, per rendered image. */
export function digestRules(ctx: RuleContext): void {
  for (const img of ctx.images) {
    if (img.source !== 'chart' || !ctx.isVariantBlock(img.valuesPath)) continue;
    const m = mergedBlock(ctx, img.valuesPath);
    // a variant that is not a string fails the render; that is reported on its own
    if (m.variant !== undefined && m.variant !== null && typeof m.variant !== 'string') continue;
    const set = DIGEST_FIELDS.filter((f) => truthy(m[f]));
    const userSet = set.filter((f) => valueAt(ctx.defaults, fieldSource(ctx, img.valuesPath, f)) !== m[f]);
    if (truthy(m.disableDigest)) {
      const at = fieldSource(ctx, img.valuesPath, 'disableDigest');
      if (!ctx.rules.disableDigest) {
        if (!img.digest && !img.reference.includes('@')) continue;
        ctx.report({
          code: 'disableDigest-unsupported',
          severity: 'warning',
          parts: at,
          message: `${formatPath(at)} is set, but the ${ctx.label} has no disableDigest (it came with 1.19.0-beta15): images keep their digests, e.g. ${img.reference}.`,
        });
      } else if (userSet.length > 0) {
        const f = userSet[0]!;
        const where = fieldSource(ctx, img.valuesPath, f);
        ctx.report({
          code: 'digest-ignored-by-disableDigest',
          severity: 'warning',
          parts: where,
          message: `${formatPath(where)} is set, but ${formatPath(at)} is true, so no digest is rendered and ${img.reference} is not pinned. Remove one of the two.`,
        });
        continue;
      }
    }
    let selected = selectedDigestField(ctx, m);
    // the rendered reference says which field was read where the helper is not the gloo one (gloo-fed)
    const shown = img.digest ? DIGEST_FIELDS.find((f) => m[f] === img.digest) : undefined;
    if (shown) selected = shown;
    if (!selected) continue;
    if (!truthy(m[selected])) {
      const other = userSet.find((f) => f !== selected) ?? set.find((f) => f !== selected);
      if (other) {
        const where = fieldSource(ctx, img.valuesPath, other);
        ctx.report({
          code: 'digest-dropped',
          severity: 'warning',
          parts: where,
          message: `${formatPath(where)} is set, but with variant ${JSON.stringify(m.variant ?? 'standard')} the chart reads ${selected}, which is empty, so ${img.reference} is not pinned. Set ${img.valuesPath}.${selected} (the digest of that variant's image) or remove ${other}.`,
        });
      }
      continue;
    }
    stale(ctx, img.valuesPath, img.reference, m, selected);
  }
}

/** The selected digest is the chart's default, but the repository or tag is no longer the default one. */
function stale(ctx: RuleContext, valuesPath: string, reference: string, m: Record<string, Val>, selected: DigestField): void {
  const digestAt = fieldSource(ctx, valuesPath, selected);
  if (valueAt(ctx.defaults, digestAt) !== m[selected]) return;
  const changed = (['repository', 'tag'] as const).filter((f) => {
    const at = fieldSource(ctx, valuesPath, f);
    const def = valueAt(ctx.defaults, at);
    return def !== undefined && valueAt(ctx.release, at) !== def;
  });
  if (changed.length === 0) return;
  const at = fieldSource(ctx, valuesPath, changed[0]!);
  // against defaults of an assumed chart version the default digest may not be the one the user's chart has
  ctx.report({
    code: 'digest-stale',
    severity: ctx.versionGiven ? 'error' : 'warning',
    parts: at,
    message: `${formatPath(at)} was changed to ${JSON.stringify(valueAt(ctx.release, at))}, but the chart's default ${selected} still applies, so ${reference} pins the default image's digest: the runtime pulls by digest and gets that image, not the one the tag names. Set ${valuesPath}.${selected} for the new image, or disableDigest: true.${ctx.versionGiven ? '' : ` (Judged against the defaults of the ${ctx.label}, assumed: give the chart version.)`}`,
  });
}
