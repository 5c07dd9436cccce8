// The package root must run in a browser: bundle it for the browser (esbuild fails on any Node builtin)
// and run the bundle where no Node API exists.
import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

test('the root bundles for the browser and runs without Node APIs', () => {
  const out = buildSync({
    entryPoints: [path.join(__dirname, '..', 'src', 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'hiv',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
  const context = vm.createContext({ TextDecoder, atob, console });
  vm.runInContext(`${code}\nthis.result = hiv.loadValues({ chartValues: 'a: 1.10\\n', set: ['b=007'] }).toJson();`, context);
  expect((context as { result: unknown }).result).toBe('{"a":1.1,"b":"007"}');
});

test('the node entry is where file-system code lives', () => {
  expect(() =>
    buildSync({ entryPoints: [path.join(__dirname, '..', 'src', 'node', 'index.ts')], bundle: true, platform: 'browser', write: false, logLevel: 'silent' }),
  ).toThrow();
});
