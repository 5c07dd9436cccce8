// The Gloo chart's image rules by chart version. The table (gloo-epochs.data.ts) is derived from the chart's
// own history by scripts/derive-gloo-epochs.mjs: every release tag from v1.16.0 on was inspected, and runs of
// consecutive releases with the same rules were kept. A version is matched to the run holding the latest
// release at or before it, in release order (beta2 < beta10 < rc1 < GA), so unreleased patches take the rules
// of their line and prereleases such as `1.18.0-beta14` (the gloo a real gloo-ee chart bundles) are exact.
import { GLOO_RUNS } from './gloo-epochs.data.js';
import type { GlooHelper, HelperRules } from './gloo-helpers.js';
import { normalizeVersion } from '../chart/semver.js';

/** One run of releases with the same image rules. */
export interface GlooRun extends HelperRules {
  /** First and last release (tags without the `v`) with these rules. */
  first: string;
  last: string;
  helper: GlooHelper;
  /** How GatewayParameters image fields are written: absent, raw merged fields, or through the variant helpers. */
  gatewayParameters: 'none' | 'raw' | 'variant';
  /** Whether the GatewayParameters aiExtension entry exists. */
  aiExtension: boolean;
  /** Whether `gatewayProxies.*.kind.workloadType` exists. */
  workloadType: boolean;
  /** Whether discovery is enabled by default. */
  discoveryEnabledByDefault: boolean;
}

/** Why a version has no rules. */
export class UnsupportedVersionError extends Error {
  constructor(
    readonly code: 'chart-version-unsupported' | 'chart-version-invalid',
    message: string,
  ) {
    super(message);
  }
}

type Key = [number, number, number, number, number, string];

const KEYS = new Map<string, Key>();

/** Release order: beta < rc < release; other prereleases (alpha, …) before beta; numbers compared as numbers. */
function releaseKey(v: string): Key {
  const known = KEYS.get(v);
  if (known) return known;
  const key = computeReleaseKey(v);
  // versions come from a handful of charts and profiles; bounded anyway against hostile input
  if (KEYS.size < 5_000) KEYS.set(v, key);
  return key;
}

function computeReleaseKey(v: string): Key {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v)!;
  const pre = m[4];
  let rank = 3;
  let num = 0;
  let rest = '';
  if (pre !== undefined) {
    const p = /^(beta|rc)\.?(\d+)$/.exec(pre);
    if (p) {
      rank = p[1] === 'beta' ? 1 : 2;
      num = Number(p[2]);
    } else {
      rank = 0;
      rest = pre;
    }
  }
  return [Number(m[1]), Number(m[2]), Number(m[3]), rank, num, rest];
}

export function compareRelease(a: string, b: string): number {
  const x = releaseKey(a);
  const y = releaseKey(b);
  for (let i = 0; i < 5; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[5] < y[5] ? -1 : x[5] > y[5] ? 1 : 0;
}

/** The rules of the current chart (used when no chart version is given). */
export const CURRENT_GLOO_RUN: GlooRun = GLOO_RUNS[GLOO_RUNS.length - 1]!;

/** The rules the Gloo chart at `version` uses. */
export function glooRules(version: string): GlooRun {
  const v = normalizeVersion(version.trim());
  if (!v) throw new UnsupportedVersionError('chart-version-invalid', `chart version ${JSON.stringify(version)} is not a semantic version (expected e.g. 1.19.3)`);
  let found: GlooRun | undefined;
  for (const run of GLOO_RUNS) {
    if (compareRelease(run.first, v) <= 0) found = run;
    else break;
  }
  if (!found) {
    throw new UnsupportedVersionError(
      'chart-version-unsupported',
      `gloo chart ${version} is older than the oldest supported rules (1.16.0): its image templates are not described; use 1.16.0 or later`,
    );
  }
  return found;
}
