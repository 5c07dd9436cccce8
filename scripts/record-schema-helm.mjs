#!/usr/bin/env node
// Proves the shipped values schemas with the real Helm binaries: a chart that ships schemas/<profile>.values.schema.json
// as its values.schema.json is linted and rendered by Helm 3.17.1 and 4.1.4 with valid values (the chart's own
// defaults at several versions, each variant) and with invalid ones (a variant in the wrong case, unknown, a number,
// an unquoted numeric tag). Every outcome (exit code, the schema lines Helm prints) is recorded in
// tests/validate/recorded/schema-helm.json, which the tests read.
//
//   node scripts/record-schema-helm.mjs            run both Helms, write the recording
//   node scripts/record-schema-helm.mjs --check    run both Helms, exit 1 when an outcome differs from the recording
//   node scripts/record-schema-helm.mjs --only engine   only the chart-schema engine cases (schema-helm-engine.json)
//
// The engine cases are charts' own schemas that test how each Helm's JSON Schema engine reads them: `pattern` and
// `patternProperties` matched by Go's RE2 (linear time, RE2-only syntax, syntax RE2 refuses), and keywords whose
// values are data, never schemas (`default`, `const`, `enum`, `examples`).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatCorpus } from './lib/corpus-file.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const helm = require(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs'));
const OUT = path.join(ROOT, 'tests', 'validate', 'recorded', 'schema-helm.json');
const REF = path.resolve(ROOT, '..', 'shared', 'reference');
const check = process.argv.includes('--check');

const ref = (p) => fs.readFileSync(path.join(REF, p), 'utf8');
const DISTROLESS = 'global:\n  image:\n    variant: distroless\n';

/** name, profile, the chart's values.yaml, -f files, --set flags, expected validity */
const CASES = [
  ['gloo defaults main', 'gloo', ref('gloo/values-main.yaml'), [], [], true],
  ['gloo defaults 1.16.27', 'gloo', ref('gloo/values-v1.16.27.yaml'), [], [], true],
  ['gloo defaults 1.17.0', 'gloo', ref('gloo/values-v1.17.0.yaml'), [], [], true],
  ['gloo defaults 1.19.10', 'gloo', ref('gloo/values-v1.19.10.yaml'), [], [], true],
  ['gloo defaults 1.21.12', 'gloo', ref('gloo/values-v1.21.12.yaml'), [], [], true],
  ['gloo-ee defaults 1.17.0', 'gloo-ee', ref('gloo-ee/values-1.17.0.yaml'), [], [], true],
  ['gloo-ee defaults 1.16.2', 'gloo-ee', ref('gloo-ee/values-1.16.2.yaml'), [], [], true],
  ['variant distroless (-f)', 'gloo', ref('gloo/values-v1.19.10.yaml'), [DISTROLESS], [], true],
  ['variant fips-distroless (--set)', 'gloo', ref('gloo/values-v1.19.10.yaml'), [], ['global.image.variant=fips-distroless'], true],
  ['component variant empty falls back', 'gloo', ref('gloo/values-v1.19.10.yaml'), ['gloo:\n  deployment:\n    image:\n      variant: ""\n'], [], true],
  ['variant Distroless', 'gloo', ref('gloo/values-v1.19.10.yaml'), ['global:\n  image:\n    variant: Distroless\n'], [], false],
  ['variant slim (--set)', 'gloo', ref('gloo/values-v1.19.10.yaml'), [], ['global.image.variant=slim'], false],
  ['variant empty at global', 'gloo', ref('gloo/values-v1.19.10.yaml'), ['global:\n  image:\n    variant: ""\n'], [], false],
  ['variant a number (--set)', 'gloo', ref('gloo/values-v1.19.10.yaml'), [], ['global.image.variant=1'], false],
  ['tag unquoted 1.10', 'gloo', ref('gloo/values-v1.19.10.yaml'), ['gloo:\n  deployment:\n    image:\n      tag: 1.10\n'], [], false],
  ['gloo-ee variant in the gloo subchart block', 'gloo-ee', ref('gloo-ee/values-1.17.0.yaml'), ['gloo:\n  gloo:\n    deployment:\n      image:\n        variant: FIPS\n'], [], false],
];

function run(major, c) {
  const bin = helm.helmPath(major);
  if (!bin) throw new Error(`Helm ${major} binary not available`);
  const [name, profile, valuesYaml, files, sets] = c;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-schema-'));
  try {
    const chart = path.join(tmp, 'c');
    fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(chart, 'values.yaml'), valuesYaml);
    fs.copyFileSync(path.join(ROOT, 'schemas', `${profile}.values.schema.json`), path.join(chart, 'values.schema.json'));
    fs.writeFileSync(path.join(chart, 'templates', 'out.yaml'), '# VARIANT: {{ .Values.global.image.variant | default "unset" }}\n');
    const extra = [];
    files.forEach((f, i) => {
      fs.writeFileSync(path.join(tmp, `f${i}.yaml`), f);
      extra.push('-f', path.join(tmp, `f${i}.yaml`));
    });
    for (const s of sets) extra.push('--set', s);
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('');
    const out = {};
    for (const cmd of ['template', 'lint']) {
      const args = cmd === 'template' ? ['template', 'r', chart, ...extra] : ['lint', chart, ...extra];
      const r = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8', env });
      // the schema lines, in Helm's unstable order, sorted so that a re-recording is stable
      const lines = norm(`${r.stdout}\n${r.stderr}`).split('\n').filter((l) => /^\s*- /.test(l) || /values don't meet/.test(l));
      out[cmd] = { exit: r.status, lines: [...new Set(lines)].sort() };
    }
    return { name, profile, helm: major, chartValues: refName(valuesYaml), files, set: sets, valid: c[5], ...out };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const ENGINE_OUT = path.join(ROOT, 'tests', 'validate', 'recorded', 'schema-helm-engine.json');
const str = (pattern) => ({ type: 'object', properties: { a: { type: 'string', pattern } } });
const keys = (pattern) => ({ type: 'object', patternProperties: { [pattern]: { type: 'string' } } });
const certManagerShape = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'schemas', 'cert-manager-shape.values.schema.json'), 'utf8'));
/** name, the chart's values.schema.json (an object), the chart's values.yaml */
const ENGINE_CASES = [
  ['pattern ^(a+)+$, 30 a and !', str('^(a+)+$'), `a: "${'a'.repeat(30)}!"\n`],
  ['pattern ^(a+)+$, 1000 characters ending in !', str('^(a+)+$'), `a: "${'a'.repeat(999)}!"\n`],
  ['pattern ^(a+)+$, 1000 a', str('^(a+)+$'), `a: "${'a'.repeat(1000)}"\n`],
  ['pattern \\pL (RE2 only), letters', str('^\\pL+$'), 'a: "héllo"\n'],
  ['pattern \\pL (RE2 only), a digit', str('^\\pL+$'), 'a: "h3llo"\n'],
  ['pattern (?P<n>) (RE2 only)', str('^(?P<n>x)+$'), 'a: "xx"\n'],
  ['pattern (?<n>) named group', str('^(?<n>x)+$'), 'a: "xx"\n'],
  ['pattern [[:alpha:]] (RE2 only), a digit', str('^[[:alpha:]]+$'), 'a: "ab1"\n'],
  ['pattern \\Q...\\E (RE2 only)', str('^\\Qa.b\\E$'), 'a: "a.b"\n'],
  ['pattern \\s is ASCII space in RE2, NBSP', str('^\\s$'), 'a: "\\u00a0"\n'],
  ['pattern . matches CR in RE2', str('^a.b$'), 'a: "a\\rb"\n'],
  ['pattern (?i) flag', str('(?i)^abc$'), 'a: "ABC"\n'],
  ['pattern lookahead refused by RE2', str('^(?=a)a$'), 'a: "a"\n'],
  ['pattern backreference refused by RE2', str('^(a)\\1$'), 'a: "aa"\n'],
  ['pattern repeat count over 1000', str('^a{1001}$'), 'a: "a"\n'],
  ['patternProperties \\pL key (RE2 only), a number', keys('^\\pL+$'), 'ab: 5\n'],
  ['patternProperties ^(a+)+$ key, a long key that does not match', keys('^(a+)+$'), `${'a'.repeat(30)}!: 5\n`],
  ['patternProperties key refused by RE2', keys('^(?=x)'), 'x: "s"\n'],
  ['patternProperties key refused by RE2, nested', { type: 'object', properties: { o: { type: 'object', patternProperties: { 'a(?=x)': { type: 'string' } } } } }, 'o:\n  x: "s"\n'],
  ['patternProperties key refused by RE2, nested, draft-07', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { o: { type: 'object', patternProperties: { 'a(?=x)': { type: 'string' } } } } }, 'o:\n  x: "s"\n'],
  ['pattern refused by RE2, nested, draft-07', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { o: { properties: { b: { pattern: '(a)\\1' } } } } }, 'o:\n  b: "s"\n'],
  ["pattern with a quote and a tab, a value that does not match", str("^it's\\t$"), 'a: "it\'s\\t\\u00e9"\n'],
  ['cert-manager shape: keywords inside default, const, enum, examples are data', certManagerShape, 'image:\n  repository: x\nreplicaCount: 2\n'],
  ['cert-manager shape: the schema still judges values', certManagerShape, 'image:\n  repository: 5\nreplicaCount: 4\n'],
  ['a $ref inside default is data', { type: 'object', properties: { a: { type: 'object', default: { $ref: '#/nowhere' } } } }, 'a: {}\n'],
  ['an unknown keyword holding a bad type is data', { type: 'object', 'x-extra': { type: 'nonsense' }, properties: { a: { type: 'string' } } }, 'a: s\n'],
];

function runEngine(major, [name, schema, valuesYaml]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-engine-'));
  try {
    const chart = path.join(tmp, 'c');
    fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(chart, 'values.yaml'), valuesYaml);
    fs.writeFileSync(path.join(chart, 'values.schema.json'), JSON.stringify(schema, null, 2));
    fs.writeFileSync(path.join(chart, 'templates', 'out.yaml'), '# rendered\n');
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const started = Date.now();
    const r = spawnSync(helm.helmPath(major), ['template', 'r', chart], { cwd: tmp, encoding: 'utf8', env, timeout: 60000 });
    if (r.error) throw r.error;
    // the lines under `c:` (Helm's order is not stable), or the whole error of a schema Helm cannot load
    const err = (r.stderr || '').split(tmp + '/').join('').split(tmp).join('');
    const lines = err.split('\n').filter((l) => l.trim() !== '' && !/^level=/.test(l));
    return { name, helm: major, schema, values: valuesYaml, exit: r.status, stderr: lines.sort(), seconds: Math.round((Date.now() - started) / 100) / 10 };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// --only typed: the full typed schema of each chart version (valuesSchema(profile, { chartVersion, strictKeys })),
// shipped as the values.schema.json of the real chart's values (gloo: its values.yaml in a chart of one template;
// gloo-ee: the real tree with its subcharts), judged by both Helms with the chart's own defaults and with mistakes.
const TYPED_OUT = path.join(ROOT, 'tests', 'validate', 'recorded', 'schema-helm-typed.json');
const TYPED_CHARTS = [
  ['gloo', '1.16.27', 'charts/gloo-v1.16.27'],
  ['gloo', '1.17.0', 'charts/gloo-v1.17.0'],
  ['gloo', '1.18.40', 'charts/gloo-v1.18.40'],
  ['gloo', '1.19.10', 'charts/gloo-v1.19.10'],
  ['gloo', '1.21.12', 'charts/gloo-v1.21.12'],
  ['gloo', '1.22.1', 'charts/gloo-main'],
  ['gloo-ee', '1.0.0-ci1', 'gloo-ee/charts/1.0.0-ci1'],
  ['gloo-ee', '1.16.2', 'gloo-ee/charts/1.16.2'],
  ['gloo-ee', '1.17.0', 'gloo-ee/charts/1.17.0'],
];
/** name, -f file (for gloo-ee, nested under gloo:), which schemas refuse it ('both' or 'strict') */
const TYPED_MISTAKES = [
  ['defaults', '', 'none'],
  ['misspelt key gloo.deployment.replica', 'gloo:\n  deployment:\n    replica: 3\n', 'strict'],
  ['misspelt top-level key gatewayProxy', 'gatewayProxy:\n  gatewayProxy:\n    disabled: true\n', 'strict'],
  ['stats: true where a map is read', 'gatewayProxies:\n  gatewayProxy:\n    stats: true\n', 'both'],
  ['a string for a boolean', 'settings:\n  singleNamespace: "true"\n', 'both'],
  ['a word for an integer', 'gloo:\n  deployment:\n    replicas: three\n', 'both'],
  ['a list for a string', 'gloo:\n  logLevel: [info]\n', 'both'],
  ['extra keys under pass-through values', 'gloo:\n  deployment:\n    customEnv:\n      - name: A\n        value: b\n    resources:\n      limits:\n        ephemeral-storage: 1Gi\n  service:\n    kubeResourceOverride:\n      metadata:\n        anything: goes\n', 'none'],
];

function runTyped(major, [profile, version, dir], strict, [name, file]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-typed-'));
  try {
    const chart = path.join(tmp, 'c');
    if (profile === 'gloo') {
      fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
      fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
      fs.copyFileSync(path.join(REF, dir, 'values.yaml'), path.join(chart, 'values.yaml'));
      fs.writeFileSync(path.join(chart, 'templates', 'out.yaml'), '# rendered\n');
    } else fs.cpSync(path.join(REF, dir), chart, { recursive: true });
    fs.writeFileSync(path.join(chart, 'values.schema.json'), JSON.stringify(typedSchemas.get(`${profile} ${version} ${strict}`)));
    const extra = profile === 'gloo-ee' ? ['--set', 'license_key=x'] : [];
    if (file) {
      const text = profile === 'gloo-ee' ? `gloo:\n${file.replace(/^/gm, '  ').replace(/ +$/, '')}` : file;
      fs.writeFileSync(path.join(tmp, 'f.yaml'), text);
      extra.push('-f', path.join(tmp, 'f.yaml'));
    }
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const r = spawnSync(helm.helmPath(major), ['template', 'r', chart, ...extra], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 256 << 20 });
    const err = (r.stderr || '').split(tmp + '/').join('').split(tmp).join('');
    const lines = err.split('\n').filter((l) => /^\s*- /.test(l));
    return { chart: `${profile} ${version}`, strictKeys: strict, name, helm: major, file, exit: r.status, lines: [...new Set(lines)].sort() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const typedSchemas = new Map();
if (only === 'typed') {
  const { valuesSchema } = await import(path.join(ROOT, 'dist', 'esm', 'index.js'));
  const out = [];
  for (const c of TYPED_CHARTS) {
    for (const strict of [false, true]) {
      typedSchemas.set(`${c[0]} ${c[1]} ${strict}`, valuesSchema(c[0], { chartVersion: c[1], strictKeys: strict }));
      for (const m of TYPED_MISTAKES) for (const major of [3, 4]) out.push({ ...runTyped(major, c, strict, m), refused: m[2] });
    }
    console.log(`${c[0]} ${c[1]}: ${out.length} outcomes`);
  }
  const typedText = formatCorpus({ description: 'The full typed values schema of each gloo and gloo-ee chart version (valuesSchema(profile, { chartVersion, strictKeys })) as the chart\'s values.schema.json, judged by the real Helm 3.17.1 and 4.1.4 `helm template` (scripts/record-schema-helm.mjs --only typed)', cases: out });
  if (check) {
    const old = fs.existsSync(TYPED_OUT) ? fs.readFileSync(TYPED_OUT, 'utf8') : '';
    if (old !== typedText) {
      console.error('schema-helm-typed.json differs from what Helm does now');
      process.exit(1);
    }
    console.log('the typed recording matches both Helm binaries');
  } else fs.writeFileSync(TYPED_OUT, typedText);
  process.exit(0);
}

if (only === 'engine') {
  const engine = [];
  for (const c of ENGINE_CASES) for (const major of [3, 4]) engine.push(runEngine(major, c));
  const engineText = formatCorpus({ description: "Charts' own values.schema.json read by the real Helm 3.17.1 and 4.1.4 `helm template`: RE2 patterns and data keywords (scripts/record-schema-helm.mjs --only engine); `seconds` is Helm's wall time, for information", cases: engine.map(({ seconds: _s, ...c }) => c) });
  if (check) {
    const old = fs.existsSync(ENGINE_OUT) ? fs.readFileSync(ENGINE_OUT, 'utf8') : '';
    if (old !== engineText) {
      console.error('schema-helm-engine.json differs from what Helm does now');
      process.exit(1);
    }
    console.log('the engine recording matches both Helm binaries');
  } else {
    fs.writeFileSync(ENGINE_OUT, engineText);
    for (const c of engine) console.log(`${c.helm} ${c.exit} ${c.seconds}s ${c.name}`);
  }
  process.exit(0);
}

const cases = [];
for (const c of CASES) {
  for (const major of [3, 4]) {
    cases.push(run(major, c));
  }
}

function refName(text) {
  for (const p of ['gloo/values-main.yaml', 'gloo/values-v1.16.27.yaml', 'gloo/values-v1.17.0.yaml', 'gloo/values-v1.19.10.yaml', 'gloo/values-v1.21.12.yaml', 'gloo-ee/values-1.17.0.yaml', 'gloo-ee/values-1.16.2.yaml']) {
    if (ref(p) === text) return p;
  }
  throw new Error('chart values must be a reference file');
}

// Real chart trees (the reference's gloo-ee charts, no templates) with their own subcharts' schemas: what Helm
// prints per chart. The copies are writable temp trees, as Helm writes nothing but wants to read them as given.
const TREES = [
  ['gloo-ee 1.17.0 as shipped', 'gloo-ee/charts/1.17.0', ['license_key=x']],
  ['gloo-ee 1.17.0, prometheus values its schemas refuse', 'gloo-ee/charts/1.17.0', ['license_key=x', 'prometheus.alertmanager.enabled=yes,prometheus.alertmanager.podSecurityContext.runAsUser=abc']],
  ['gloo-ee 1.16.2 as shipped', 'gloo-ee/charts/1.16.2', ['license_key=x']],
];

function runTree(major, [name, dir, sets]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-tree-'));
  try {
    const chart = path.join(tmp, 'c');
    fs.cpSync(path.join(REF, dir), chart, { recursive: true });
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') };
    const r = spawnSync(helm.helmPath(major), ['template', 'r', chart, ...sets.flatMap((x) => ['--set', x])], { cwd: tmp, encoding: 'utf8', env });
    // the lines under each `<chart>:` heading of the schema error, sorted (Helm's order is not stable)
    const byChart = {};
    let current;
    for (const line of (r.stderr || '').split('\n')) {
      if (/^[A-Za-z0-9_.-]+:$/.test(line)) byChart[(current = line.slice(0, -1))] = [];
      else if (current && line.startsWith('- ')) byChart[current].push(line);
    }
    for (const k of Object.keys(byChart)) byChart[k].sort();
    return { name, chart: dir, helm: major, set: sets, exit: r.status, byChart };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const trees = [];
for (const t of TREES) for (const major of [3, 4]) trees.push(runTree(major, t));
const TREES_OUT = path.join(ROOT, 'tests', 'validate', 'recorded', 'schema-helm-charts.json');
const treesText = formatCorpus({ description: 'The reference gloo-ee chart trees with their subcharts\' own schemas, judged by the real Helm 3.17.1 and 4.1.4 (scripts/record-schema-helm.mjs)', cases: trees });

const doc = { description: 'A chart shipping schemas/<profile>.values.schema.json, judged by the real Helm 3.17.1 and 4.1.4 (scripts/record-schema-helm.mjs)', cases };
const text = formatCorpus(doc);
if (check) {
  let differs = false;
  for (const [file, t] of [[OUT, text], [TREES_OUT, treesText]]) {
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (old !== t) {
      console.error(`${path.basename(file)} differs from what Helm does now; re-record with node scripts/record-schema-helm.mjs`);
      differs = true;
    }
  }
  if (differs) process.exit(1);
  console.log('the recordings match both Helm binaries');
} else {
  fs.writeFileSync(OUT, text);
  fs.writeFileSync(TREES_OUT, treesText);
  console.log(`recorded ${cases.length} outcomes and ${trees.length} chart trees`);
}
