// The checks one release of values goes through, as diagnostics: Helm's own warnings from loading, then
// validateValues (the profile's schema and rules, every chart's own values.schema.json, and resolving every
// image as `helm template` would render it).
import { validateValues, type Diagnostic, type LoadedValues, type Profile } from '../index.js';
import { UsageError } from './errors.js';
import type { Setup } from './setup.js';

/** Findings that mean the command line is wrong, not the values. */
const USAGE_CODES = new Set(['chart-version-unsupported', 'chart-version-invalid', 'profile-unknown']);

/**
 * A chart without a profile of its own: no image blocks known, so what is checked is `global.image` (the
 * variant) and the charts' own schemas. Its version says nothing about image rules, so none is passed on.
 */
function genericProfile(chart: string): Profile {
  return { name: 'generic', chart, globalImage: 'global.image', workloads: [], fanOuts: [], imageFields: [] };
}

/** Every diagnostic about the loaded values; a wrong profile or chart version is a {@link UsageError}. */
export function checkValues(loaded: LoadedValues, setup: Setup, command: string): Diagnostic[] {
  const generic = setup.profile === 'generic';
  const options: Parameters<typeof validateValues>[1] = { helmVersion: setup.helmVersion };
  options.profile = generic ? genericProfile(setup.chart?.name ?? 'chart') : setup.profile;
  if (setup.chartVersion !== undefined && !generic) options.chartVersion = setup.chartVersion;
  if (setup.chart) options.chart = setup.chart;
  const result = validateValues(loaded, options);
  const usage = result.diagnostics.find((d) => USAGE_CODES.has(d.code));
  if (usage) throw new UsageError(usage.message, command);
  return [...loaded.warnings, ...result.diagnostics];
}
