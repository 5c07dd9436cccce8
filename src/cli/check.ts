// The checks one release of values goes through, as diagnostics: Helm's own warnings from loading, then
// validateValues (the profile's schema and rules, every chart's own values.schema.json, and resolving every
// image as `helm template` would render it).
import { validateValues, type Diagnostic, type LoadedValues, type ValidateOptions } from '../index.js';
import { UsageError } from './errors.js';
import type { Setup } from './setup.js';

/** Findings that mean the command line is wrong, not the values. */
const USAGE_CODES = new Set(['chart-version-unsupported', 'chart-version-invalid', 'profile-unknown']);

/** Every diagnostic about the loaded values; a wrong profile or chart version is a {@link UsageError}. */
export function checkValues(loaded: LoadedValues, setup: Setup, command: string, requireLicense = false, release: { releaseName?: string; namespace?: string } = {}): Diagnostic[] {
  // the library's options, exactly: the CLI adds no rule of its own, so that both give the same answer
  const options: ValidateOptions = { helmVersion: setup.helmVersion, ...release };
  if (setup.profile !== undefined) options.profile = setup.profile;
  if (setup.chartVersion !== undefined) options.chartVersion = setup.chartVersion;
  if (setup.chart) options.chart = setup.chart;
  if (requireLicense) options.requireLicense = true;
  const result = validateValues(loaded, options);
  const usage = result.diagnostics.find((d) => USAGE_CODES.has(d.code));
  if (usage) throw new UsageError(usage.message, command);
  return [...loaded.warnings, ...result.diagnostics];
}
