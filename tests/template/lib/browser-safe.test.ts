// The leaf libraries are part of the browser-safe core: they bundle for the browser (no Node builtin)
// and load and run where no Node API and no Web API but the bare language exists.
import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

test('src/template/lib bundles for the browser and runs in a bare context', () => {
  const lib = path.join(__dirname, '..', '..', '..', 'src', 'template', 'lib');
  const out = buildSync({
    stdin: {
      contents: ['yaml', 'json', 'semver', 'regex', 'time', 'encoding', 'toml', 'random', 'x509', 'bcrypt', 'provider', 'nil']
        .map((m) => `export * as ${m} from './${m}';`)
        .join('\n'),
      resolveDir: lib,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'lib',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
  const context = vm.createContext({});
  vm.runInContext(
    `${code}
     const m = Object.create(null); m.b = 'yes'; m.a = [1.5, '1.10'];
     this.result = [
       lib.yaml.toYaml(m),
       lib.json.toJson(m),
       String(lib.semver.semverCompare('^1.2', '1.9.0', 4)),
       lib.regex.regexReplaceAll('(a+)', 'baaac', '<$1>'),
       lib.encoding.sha256sum('abc'),
       lib.encoding.b64enc('héllo'),
       lib.time.durationString(5400000000000n),
     ].join('|');`,
    context,
  );
  expect((context as { result: unknown }).result).toBe(
    'a:\n- 1.5\n- "1.10"\nb: "yes"|{"a":[1.5,"1.10"],"b":"yes"}|true|b<aaa>c|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad|aMOpbGxv|1h30m0s',
  );
});
