// The checks one release of values goes through, as diagnostics: Helm's own warnings from loading, then
// resolving every image as `helm template` would render it.
import { resolveImages, ResolveError, type Diagnostic, type LoadedValues, type ResolveOptions } from '../index.js';
import { UsageError } from './errors.js';
import type { Setup } from './setup.js';

/** Resolver refusals that mean the command line is wrong, not the values. */
const USAGE_CODES = new Set(['chart-version-unsupported', 'chart-version-invalid', 'profile-unknown']);

function pointerOf(path: string): string {
  return path === '' ? '' : `/${path.split('.').map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** Every diagnostic about the loaded values; a wrong profile or chart version is a {@link UsageError}. */
export function checkValues(loaded: LoadedValues, setup: Setup, command: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [...loaded.warnings];
  const options: ResolveOptions = { helmVersion: setup.helmVersion, onDiagnostic: (d) => diagnostics.push(d) };
  if (setup.profile !== undefined) options.profile = setup.profile;
  if (setup.chartVersion !== undefined) options.chartVersion = setup.chartVersion;
  try {
    resolveImages(loaded, options);
  } catch (e) {
    if (!(e instanceof ResolveError)) throw e;
    if (USAGE_CODES.has(e.code)) throw new UsageError(e.message, command);
    const path = e.path ?? '';
    const d: Diagnostic = { code: e.code, severity: 'error', message: e.message, path, pointer: pointerOf(path) };
    const location = path ? loaded.locate(path) : undefined;
    if (location) d.location = location;
    diagnostics.push(d);
  }
  return diagnostics;
}
