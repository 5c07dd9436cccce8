// The Gloo chart's image helper (`gloo.image`) in each of its generations, as functions of the image block
// after it was merged with `global.image`. Each follows the template it stands for step by step, with Go's
// printing (`%s` of a number is `%!s(float64=1.1)`, `%v` prints it plainly) and Go's `eq` (a non-string variant
// is an error where the template compares it). ../shared/reference/gloo-chart-images.md §3, §6, §8.
import { eqString, hasString, printS, printV, TemplateError, truthy } from './go-template.js';
import type { GoMap, Val } from '../values/model.js';

/** The generations of `gloo.image`, by the chart versions that carry them. */
export type GlooHelper =
  /** ≤ 1.16: the deprecated `fips` bool only; `:tag` always printed; `-extended`. */
  | 'fips-bool'
  /** 1.17.0 – 1.17.1: first variant implementation; `:tag` always; the standard digest whatever the variant. */
  | 'first-variant'
  /** 1.17.2 – 1.17.21, 1.18.0 – 1.18.6: per-variant digests, `:tag` only when set, one helper. */
  | 'per-variant-digest'
  /** 1.17.22 and later: the same rules split into repository / tag / digest helpers (GatewayParameters use them). */
  | 'split';

/** The lists and switches of one rule epoch. */
export interface HelperRules {
  helper: GlooHelper;
  /** Repositories that get `-fips` under fips variants. */
  fipsRepositories: readonly string[];
  /** Repositories whose tag gets `-distroless` under distroless variants. */
  distrolessRepositories: readonly string[];
  /** Whether `disableDigest` exists (1.19.0-beta15 and later). */
  disableDigest: boolean;
}

const FIPS_VARIANTS = ['fips', 'fips-distroless'] as const;
/** Variants whose images carry the `-distroless` tag suffix. */
export const DISTROLESS_VARIANTS = ['distroless', 'fips-distroless'] as const;

const get = (img: GoMap, k: string): Val | undefined => (Object.prototype.hasOwnProperty.call(img, k) ? img[k] : undefined);

/** sprig `ternary a b cond`: cond must be a bool. */
function ternary(a: string, b: string, cond: Val | undefined): string {
  if (typeof cond !== 'boolean') {
    throw new TemplateError(`wrong type for value; expected bool; got ${cond === null || cond === undefined ? 'nil' : typeof cond === 'string' ? 'string' : typeof cond === 'number' ? 'float64' : 'interface {}'}`);
  }
  return cond ? a : b;
}

/** Go template `and a b`: the first falsy argument, or the last one. */
const and = (a: Val | undefined, b: Val | undefined): Val | undefined => (truthy(a) ? b : a);

/** `{{ .x }}` of a missing or nil field prints nothing (Helm drops `<no value>`). */
export const field = (v: Val | undefined): string => (v === undefined || v === null ? '' : printV(v));

/** Whether the block asks for fips: the deprecated `fips` bool, or a fips variant (by exact string). */
export function fipsApplies(img: GoMap): boolean {
  return truthy(get(img, 'fips')) || hasString(FIPS_VARIANTS, get(img, 'variant'));
}

/** The digest a variant selects, with no fallback (per-variant-digest and split generations). */
function selectedDigest(img: GoMap): Val | undefined {
  if (truthy(get(img, 'fips')) || eqString(get(img, 'variant'), 'fips')) return truthy(get(img, 'fipsDigest')) ? get(img, 'fipsDigest') : undefined;
  if (eqString(get(img, 'variant'), 'distroless')) return truthy(get(img, 'distrolessDigest')) ? get(img, 'distrolessDigest') : undefined;
  if (eqString(get(img, 'variant'), 'fips-distroless')) return truthy(get(img, 'fipsDistrolessDigest')) ? get(img, 'fipsDistrolessDigest') : undefined;
  return truthy(get(img, 'digest')) ? get(img, 'digest') : undefined;
}

/** `gloo.image.repository` (split generation): the repository, `-fips` when listed; '' when unset. */
export function splitRepository(img: GoMap, rules: HelperRules): string {
  const repository = get(img, 'repository');
  if (!truthy(repository)) return '';
  if (fipsApplies(img) && hasString(rules.fipsRepositories, repository)) return `${printS(repository)}-fips`;
  return printV(repository);
}

/** `gloo.image.tag` (split generation): the tag, `-distroless` when listed; '' when unset. */
export function splitTag(img: GoMap, rules: HelperRules): string {
  const tag = get(img, 'tag');
  if (!truthy(tag)) return '';
  if (hasString(DISTROLESS_VARIANTS, get(img, 'variant')) && hasString(rules.distrolessRepositories, get(img, 'repository'))) {
    return `${printS(tag)}-distroless`;
  }
  return printV(tag);
}

/** `gloo.image.digest` (split generation): the selected digest, or '' (also under `disableDigest`). */
export function splitDigest(img: GoMap, rules: HelperRules): string {
  if (rules.disableDigest && truthy(get(img, 'disableDigest'))) return '';
  const d = selectedDigest(img);
  return d === undefined ? '' : printV(d);
}

/** The image string `gloo.image` renders for a merged block. Throws TemplateError where Helm fails. */
export function glooImage(img: GoMap, rules: HelperRules): string {
  switch (rules.helper) {
    case 'fips-bool': {
      if (truthy(get(img, 'fips')) && truthy(get(img, 'fipsDigest'))) {
        return `${field(get(img, 'registry'))}/${field(get(img, 'repository'))}-fips:${field(get(img, 'tag'))}@${field(get(img, 'fipsDigest'))}`;
      }
      const fips = get(img, 'fips');
      const fipsDefault = truthy(fips) ? fips : false;
      const suffix = ternary('-fips', '', and(hasString(rules.fipsRepositories, get(img, 'repository')), fipsDefault));
      const ext = get(img, 'extended');
      const extended = ternary('-extended', '', truthy(ext) ? ext : false);
      const digest = truthy(get(img, 'digest')) ? `@${field(get(img, 'digest'))}` : '';
      return `${field(get(img, 'registry'))}/${field(get(img, 'repository'))}${suffix}:${field(get(img, 'tag'))}${extended}${digest}`;
    }
    case 'first-variant': {
      let image = `${printS(get(img, 'registry') ?? null)}/${printS(get(img, 'repository') ?? null)}`;
      if (truthy(get(img, 'fips')) && truthy(get(img, 'fipsDigest'))) {
        return `${image}-fips:${printS(get(img, 'tag') ?? null)}@${printS(get(img, 'fipsDigest')!)}`;
      }
      if (fipsApplies(img) && hasString(rules.fipsRepositories, get(img, 'repository'))) image += '-fips';
      image += `:${printS(get(img, 'tag') ?? null)}`;
      if (hasString(DISTROLESS_VARIANTS, get(img, 'variant')) && hasString(rules.distrolessRepositories, get(img, 'repository'))) image += '-distroless';
      if (truthy(get(img, 'digest'))) image += `@${printS(get(img, 'digest')!)}`;
      return image;
    }
    case 'per-variant-digest': {
      let image = `${printS(get(img, 'registry') ?? null)}/${printS(get(img, 'repository') ?? null)}`;
      if (fipsApplies(img) && hasString(rules.fipsRepositories, get(img, 'repository'))) image += '-fips';
      const tag = get(img, 'tag');
      if (truthy(tag)) image += `:${printS(tag)}`;
      if (truthy(tag) && hasString(DISTROLESS_VARIANTS, get(img, 'variant')) && hasString(rules.distrolessRepositories, get(img, 'repository'))) {
        image += '-distroless';
      }
      const d = selectedDigest(img);
      if (d !== undefined) image += `@${printS(d)}`;
      return image;
    }
    case 'split': {
      let image = `${printS(get(img, 'registry') ?? null)}/${splitRepository(img, rules)}`;
      const tag = splitTag(img, rules);
      if (tag !== '') image += `:${tag}`;
      const digest = splitDigest(img, rules);
      if (digest !== '') image += `@${digest}`;
      return image;
    }
  }
}
