// The report formatters are part of the browser-safe core: they bundle for the browser (esbuild fails on any
// Node builtin) and run where no Node API exists.
import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

test('src/report bundles for the browser and formats without Node APIs', () => {
  const out = buildSync({ entryPoints: [path.join(__dirname, '..', '..', 'src', 'report', 'index.ts')], bundle: true, platform: 'browser', format: 'iife', globalName: 'report', write: false, logLevel: 'silent' });
  const context = vm.createContext({});
  vm.runInContext(`${out.outputFiles[0]!.text}\nthis.result = report.formatText([{ file: 'a.yaml', diagnostics: [{ code: 'x', severity: 'error', message: 'm', path: '', pointer: '', location: { file: 'a.yaml', line: 1, column: 2 } }] }]);`, context);
  expect((context as { result: unknown }).result).toBe('a.yaml:1:2: error: m [x]\n1 error, 0 warnings in 1 file\n');
});
