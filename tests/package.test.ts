// The built package as users load it: the exports map for require and import, the node entry, and the
// README's example command. `npm test` builds first (pretest), so dist/ is current.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

test('require() gets the CommonJS build of both entries', () => {
  const out = run(['-e', "const m = require('helm-image-variant'); const n = require('helm-image-variant/node'); console.log(typeof m.loadValues, typeof m.ValuesError, typeof n.readValuesSource, m.loadValues({ chartValues: 'a: 1.10' }).toJson())"]);
  expect(out.trim()).toBe('function function function {"a":1.1}');
});

test('import gets the ES module build of both entries', () => {
  const out = run(['--input-type=module', '-e', "import { loadValues } from 'helm-image-variant'; import { readValuesSource } from 'helm-image-variant/node'; console.log(typeof loadValues, typeof readValuesSource, loadValues({ set: ['a=007'] }).toJson())"]);
  expect(out.trim()).toBe('function function {"a":"007"}');
});

test('in Node, import and require share one copy of the library (no second set of classes)', () => {
  const out = run([
    '--input-type=module',
    '-e',
    "import { createRequire } from 'node:module'; import * as esm from 'helm-image-variant'; import * as esmNode from 'helm-image-variant/node'; const require = createRequire(process.cwd() + '/'); const cjs = require('helm-image-variant'); const cjsNode = require('helm-image-variant/node'); const ajv = Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]ajv/.test(k)); const esBuild = await import('./dist/esm/index.js'); const same = (a, b) => Object.keys(a).length > 0 && Object.keys(a).every((k) => a[k] === b[k]); console.log(same(esm, cjs), same(esmNode, cjsNode), Object.keys(esm).sort().join() === Object.keys(esBuild).sort().join(), ajv)",
  ]);
  expect(out.trim()).toBe('true true true false');
});

test("the README's first command lists a gloo-ee release's images, Solo images distroless and pinned", () => {
  const out = run(['dist/cjs/cli/bin.js', 'images', '--profile', 'gloo-ee', '--chart-version', '1.17.0', '-f', 'fixtures/values/gloo-ee-distroless.yaml']);
  expect(out.split('\n')[0]).toMatch(/^COMPONENT +VARIANT +IMAGE +WORKLOADS$/);
  expect(out).toMatch(/^gloo-ee +distroless +quay\.io\/solo-io\/gloo-ee:1\.17\.0-distroless@sha256:[0-9a-f]{64} +Deployment\/gloo:gloo$/m);
  expect(out).toMatch(/Deployment\/public-gw:public-gw/);
  expect(out).toMatch(/^redis +standard +docker\.io\/redis:7\.2\.4-alpine /m);
});

test("the README's values example shows values, their Go types and where they came from", () => {
  const out = run(['examples/load-values.mjs', 'fixtures/values/chart-values.yaml', '-f', 'fixtures/values/prod.yaml', '--set', 'gatewayProxies.gatewayProxy.podTemplate.image.tag=110']);
  expect(out).toContain('gloo.deployment.image.tag = 1.1 (float64) from fixtures/values/prod.yaml:8:12');
  expect(out).toContain('global.image.variant = distroless (string) from fixtures/values/prod.yaml:4:14');
  expect(out).toContain('gatewayProxies.gatewayProxy.podTemplate.image.tag = 110 (int64) from --set:1:51');
  expect(out).toContain('"discovery":{"enabled":true}');
});

test('the CommonJS build (the CLI) loads ajv only when a chart schema or a user profile needs it', () => {
  const out = run([
    '-e',
    "const loaded = () => Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]ajv/.test(k)); const m = require('helm-image-variant'); const a = loaded(); m.validateValues({ global: { image: { variant: 'fips' } } }, { profile: 'gloo' }); const b = loaded(); const r = m.validateValues({ x: 1 }, { profile: 'gloo', schema: { properties: { x: { type: 'string' } } } }); console.log(a, b, loaded(), r.diagnostics.some((d) => d.code === 'chart-schema'))",
  ]);
  expect(out.trim()).toBe('false false true true');
});
