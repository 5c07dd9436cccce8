// Benchmark 3's subject: a fresh process that imports the package by its name, as a user's script does,
// and prints one validateValues result. Timed as a whole, against a bare `node -e 0`.
import { validateValues } from 'helm-image-variant';

const result = validateValues({ global: { image: { variant: 'distroless' } } }, { profile: 'gloo', chartVersion: '1.22.0' });
console.log(JSON.stringify({ valid: result.valid, diagnostics: result.diagnostics.length }));
