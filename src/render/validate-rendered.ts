// validateValues as the package exports it: the validator of validate/ (the profile's schema and rules, every
// chart's own schema) with the chart rendered when it has templates, so that a value `helm template` fails on is
// reported as Helm reports it (`render-failed`, Helm's text), at the value the failure is traced to. Browser-safe.
import { ResolveError } from '../errors.js';
import { loadedChart } from '../load/load-values.js';
import type { LoadedValues, Values } from '../values/load.js';
import { formatPath, parsePath } from '../values/paths.js';
import { validateValuesWith, type ChartRenderer, type ValidateOptions, type ValidationResult } from '../validate/validate.js';
import { hasTemplates, renderWithLicence } from './resolve-rendered.js';

/**
 * Validates values for a chart (see validate/validate.ts): with values loaded from a chart that has templates (or
 * a `chart` option), the release is also rendered as `helm template gloo <chart>` renders it and a failure is an
 * error `render-failed` with Helm's text (`helmOutput`: what Helm prints), located at the value the failing
 * action read last where that can be traced. Never throws on bad values.
 */
export function validateValues(values: Values | LoadedValues, options: ValidateOptions = {}): ValidationResult {
  return validateValuesWith(values, options, renderForValidation);
}

const renderForValidation: ChartRenderer = ({ loaded, options, helmVersion, report }) => {
  const chart = loadedChart(loaded);
  if (!chart || !hasTemplates(chart)) return false;
  try {
    renderWithLicence(loaded, { releaseName: options.releaseName ?? 'gloo', ...(options.namespace !== undefined ? { namespace: options.namespace } : {}), helmVersion }, {
      trace: true,
      ...(options.requireLicense ? { requireLicense: true } : {}),
      onDiagnostic: (d) => report({ code: d.code, severity: d.severity, parts: parsePath(d.path), message: d.message }),
    });
  } catch (e) {
    if (e instanceof RangeError) {
      report({ code: 'render-limit', severity: 'error', parts: [], message: `helm template could not be reproduced: ${e.message}` });
      return true;
    }
    if (!(e instanceof ResolveError)) throw e;
    // a chart schema's refusal is said already, line by line, as chart-schema
    if (e.code === 'render-failed' && e.message.startsWith("values don't meet the specifications of the schema(s)")) return true;
    const parts = e.path ? valuePlace(loaded, e.path) : [];
    if (e.code === 'render-failed') {
      report({ code: 'render-failed', severity: 'error', parts, message: `helm template would fail: ${e.message}`, helmOutput: `Error: ${e.message}` });
    } else {
      report({ code: e.code, severity: 'error', parts, message: e.message });
    }
  }
  return true;
};

/**
 * Where a traced value is written: a subchart's copy of a global (`gloo.global.image.registry`) that the user set
 * at the top is reported at the top (`global.image.registry`), where they wrote it.
 */
function valuePlace(loaded: LoadedValues, path: string): Array<string | number> {
  const parts = parsePath(path);
  // how much of a path the user wrote: its longest prefix that has a source location
  const written = (p: Array<string | number>) => {
    for (let n = p.length; n > 0; n--) if (loaded.locate(formatPath(p.slice(0, n)))) return n;
    return 0;
  };
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] !== 'global') continue;
    const top = parts.slice(i);
    const atTop = written(top);
    if (atTop >= 2 && atTop >= written(parts) - i) return top;
  }
  return parts;
}
