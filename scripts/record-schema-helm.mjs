#!/usr/bin/env node
// Proves the shipped values schemas with the real Helm binaries: a chart that ships schemas/<profile>.values.schema.json
// as its values.schema.json is linted and rendered by Helm 3.17.1 and 4.1.4 with valid values (the chart's own
// defaults at several versions, each variant) and with invalid ones (a variant in the wrong case, unknown, a number,
// an unquoted numeric tag). Every outcome (exit code, the schema lines Helm prints) is recorded in
// tests/validate/recorded/schema-helm.json, which the tests read.
//
//   node scripts/record-schema-helm.mjs            run both Helms, write the recording
//   node scripts/record-schema-helm.mjs --check    run both Helms, exit 1 when an outcome differs from the recording
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
