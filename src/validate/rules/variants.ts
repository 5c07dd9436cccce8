// Rules about which variant each image really gets: the deprecated fips switch, fips on the open-source chart,
// variants that do not exist for the chart version or for an image's own pinned tag, components that keep
// their standard image, and a tag that already carries the distroless suffix.
import { compareRelease } from '../../images/gloo-epochs.js';
import { hasString, truthy } from '../../images/go-template.js';
import { normalizeVersion } from '../../chart/semver.js';
import { formatPath, parsePath } from '../../values/paths.js';
import { fieldSource, mergedBlock, valueAt, type Parts, type RuleContext } from '../context.js';

/** The first chart release that publishes distroless images (for some components only). */
export const FIRST_DISTROLESS = '1.17.0-beta13';
/** From this release every OSS image (certgen, kubectl, access-logger, ingress too) has a distroless build. */
export const ALL_OSS_DISTROLESS = '1.17.0-beta16';

/** Which release brought what, as the messages say it (the two releases are easy to mix up). */
const DISTROLESS_HISTORY = `${FIRST_DISTROLESS} brought the first distroless images (for some components), and from ${ALL_OSS_DISTROLESS} every OSS image has one`;

const FIPS = ['fips', 'fips-distroless'];
const DISTROLESS = ['distroless', 'fips-distroless'];

/** What a merged block asks for. */
export function requested(m: Record<string, unknown>): { fips: boolean; distroless: boolean } {
  return { fips: truthy(m.fips as never) || hasString(FIPS, m.variant as never), distroless: hasString(DISTROLESS, m.variant as never) };
}

/** Profiles whose chart is open source: fips images are built for Gloo Enterprise only. */
const OSS_PROFILES = new Set(['gloo']);

/** fips-deprecated, fips-enterprise-only, variant-unavailable, variant-not-applied and tag-double-suffix. */
export function variantRules(ctx: RuleContext): void {
  const once = new Set<string>();
  const reportOnce = (key: string, f: () => void) => {
    if (!once.has(key)) {
      once.add(key);
      f();
    }
  };
  fipsDeprecated(ctx);
  for (const img of ctx.images) {
    if (img.source !== 'chart' || !ctx.isGlooHelperBlock(img.valuesPath)) continue;
    const m = mergedBlock(ctx, img.valuesPath);
    const want = requested(m);
    const repo = typeof m.repository === 'string' ? m.repository : '';
    // the resolver says which variant the image really got (the chart's lists for its version honoured)
    const gotDistroless = img.variant === 'distroless' || img.variant === 'fips-distroless';
    const gotFips = img.variant === 'fips' || img.variant === 'fips-distroless';
    if (want.distroless) {
      const src = fieldSource(ctx, img.valuesPath, 'variant');
      if (ctx.rules.distrolessRepositories.length === 0) {
        reportOnce(`unavailable:${formatPath(src)}`, () =>
          ctx.report({
            code: 'variant-unavailable',
            severity: 'error',
            parts: src,
            message: `${formatPath(src)} is ${JSON.stringify(m.variant)}, but the ${ctx.label} has no distroless images, so it renders standard images: ${DISTROLESS_HISTORY}. Upgrade the chart to ${ALL_OSS_DISTROLESS} or later, or use standard.`,
          }),
        );
      } else if (!gotDistroless) {
        ctx.report({
          code: 'variant-not-applied',
          severity: 'warning',
          parts: parsePath(img.valuesPath),
          locateAt: src,
          message: `${img.valuesPath}: ${repo || 'this image'} gets no distroless variant in the ${ctx.label}, so it keeps its standard image ${img.reference} although ${formatPath(src)} asks for ${JSON.stringify(m.variant)}.${compareRelease(ctx.version, ALL_OSS_DISTROLESS) < 0 ? ` Chart ${ALL_OSS_DISTROLESS} and later publish distroless images for every OSS component.` : ''}`,
        });
      } else {
        pinnedTag(ctx, img.valuesPath, m, repo);
      }
    }
    if (want.fips) {
      const src = truthy(m.fips as never) ? fieldSource(ctx, img.valuesPath, 'fips') : fieldSource(ctx, img.valuesPath, 'variant');
      if (OSS_PROFILES.has(ctx.profile.name)) {
        reportOnce(`enterprise:${formatPath(src)}`, () =>
          ctx.report({
            code: 'fips-enterprise-only',
            severity: 'error',
            parts: src,
            message: `${formatPath(src)} asks for fips, but fips images are published for Gloo Enterprise only; the open-source ${ctx.profile.chart} chart deploys its standard images${ctx.rules.fipsRepositories.includes('certgen') ? ' (except certgen-fips)' : ''}. Use the gloo-ee chart for fips, or variant standard / distroless.`,
          }),
        );
      } else if (!gotFips) {
        ctx.report({
          code: 'variant-not-applied',
          severity: 'warning',
          parts: parsePath(img.valuesPath),
          locateAt: src,
          message: `${img.valuesPath}: ${repo || 'this image'} gets no fips variant in the ${ctx.label}, so it keeps its non-fips image ${img.reference}.`,
        });
      }
    }
  }
}

/** A distroless tag that was never built: the image pins a release older than distroless, or the suffix twice. */
function pinnedTag(ctx: RuleContext, valuesPath: string, m: Record<string, unknown>, repo: string): void {
  const tag = m.tag;
  if (typeof tag !== 'string' || tag === '') return;
  const at = fieldSource(ctx, valuesPath, 'tag');
  if (tag.endsWith('-distroless')) {
    ctx.report({
      code: 'tag-double-suffix',
      severity: 'error',
      parts: at,
      message: `${formatPath(at)} is ${JSON.stringify(tag)}, which already ends in -distroless; the distroless variant adds the suffix again (${repo}:${tag}-distroless), an image that does not exist. Write the plain version: ${JSON.stringify(tag.slice(0, -'-distroless'.length))}.`,
      suggestion: tag.slice(0, -'-distroless'.length),
    });
    return;
  }
  const v = normalizeVersion(tag.trim());
  if (!v || compareRelease(v, FIRST_DISTROLESS) >= 0) return;
  // the chart's own default tag is the chart version, which the version rules already judged
  if (valueAt(ctx.defaults, at) === tag) return;
  ctx.report({
    code: 'variant-unavailable',
    severity: 'error',
    parts: at,
    message: `${formatPath(at)} pins ${JSON.stringify(tag)}; with the distroless variant the chart renders ${repo}:${tag}-distroless, which was never built: ${DISTROLESS_HISTORY}. Use a tag of ${ALL_OSS_DISTROLESS} or later, or the standard variant for this image.`,
  });
}

/** `fips: true` (or any truthy value) is the deprecated switch; a string such as "false" turns it on too. */
function fipsDeprecated(ctx: RuleContext): void {
  const paths = new Set<string>([ctx.profile.globalImage, ...ctx.images.filter((i) => i.source === 'chart').map((i) => i.valuesPath)]);
  for (const p of paths) {
    const parts: Parts = [...parsePath(p), 'fips'];
    const v = valueAt(ctx.release, parts);
    if (!truthy(v)) continue;
    ctx.report({
      code: 'fips-deprecated',
      severity: 'warning',
      parts,
      message: `${formatPath(parts)} is deprecated; write ${p}.variant: fips (or fips-distroless).${typeof v === 'string' ? ` Note: it is the string ${JSON.stringify(v)}, which is truthy, so fips is ON.` : ''}`,
    });
  }
}
