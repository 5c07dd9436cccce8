// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=T::message`. The runner turns each
// into an annotation on the pull request's line.
import { diagnosticFile, isFlagSource, shown, type FileReport } from './model.js';

/** Escapes a command's message as the runner's parser expects. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: also `:` and `,`, which separate properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Formats the diagnostics as GitHub Actions annotations, one command per line. */
export function formatGithub(files: readonly FileReport[], options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (!shown(d.severity, options.verbose ?? false)) continue;
      const props = [`file=${escapeProperty(diagnosticFile(d, f.file))}`];
      if (d.location && !isFlagSource(d.location.file)) props.push(`line=${d.location.line}`, `col=${d.location.column}`);
      props.push(`title=${escapeProperty(`helm-image-variant ${d.code}`)}`);
      const from = d.location && isFlagSource(d.location.file) ? ` (${d.location.file} column ${d.location.column})` : '';
      const suggestion = d.suggestion ? `\nsuggestion: ${d.suggestion}` : '';
      out.push(`::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(`${d.message}${from}${suggestion}`)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
