#!/usr/bin/env node
// Records what the real Helm v3.17.1 and v4.1.4 binaries render for the three REAL gloo-ee charts of
// shared/reference/gloo-ee-chart-images.md (§1: 1.17.0, 1.0.0-ci1 and the reconstructed 1.16.2) under value sets that
// exercise every behaviour that document names, plus seeded random combinations, and writes one corpus per chart to
// tests/differential/gloo-ee-renders/<version>.json. The resolver's gloo-ee profile is tested against these renders.
//
//   node scripts/record-gloo-ee-renders.mjs               materialise the charts, generate the inputs (seeded), run Helm 3 and 4, write the corpora
//   node scripts/record-gloo-ee-renders.mjs --check       the same, but compare with the recorded corpora and list differences (writes nothing)
//   options: --only <version> (one chart: 1.17.0, 1.0.0-ci1, 1.16.2), --seed <n> (default: the recorded seed, else
//            DEFAULT_SEED), --jobs <n> (parallel Helm processes, default: CPU count), --dump (print the generated
//            inputs, run nothing), --materialise (materialise and verify the charts, run nothing)
//
// The charts are materialised WITH their templates into .cache/gloo-ee-charts/<version>/ (git-ignored) from local
// bare git mirrors (/work/.mirror/<owner>+<name>/repo, read with `git archive` / `git show`, no network), then every
// data file (Chart.yaml, values.yaml, values.schema.json, Chart.lock) is compared byte for byte with the data-only
// tree shared/reference/gloo-ee/charts/<version>/ (.tgz subcharts unpacked); any difference stops the script. When a
// mirror is missing, an already materialised and verified chart in the cache is used. The corpora are committed
// data: the tests never need the mirrors. The `real` cases read shared/reference/real-values/files/<id>.yaml.
//
// Each case is `helm template gloo <chart> -n gloo-system [-f f0.yaml …] [--set …] [--set-string …]` (see
// lib/helm-runner.mjs); every case passes `--set license_key=placeholder-license-key` except the license cases.
// Outcome = { status, images, stderr } as in record-gloo-renders.mjs (lib/manifest-images.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { hashStr, Rng } from './lib/rng.mjs';
import { Case, channelFor, DIGEST_FIELDS, digestValue, maybeSplitFile, raw, VARIANTS } from './lib/values-case.mjs';
import { helm, ROOT } from './lib/helm-runner.mjs';
import { readCorpus, recordCorpus, recorderOptions } from './lib/render-corpus.mjs';
import { FIELD_POOLS, GATEWAY_PARAMETERS, glooImageBlocks } from './lib/gloo-values.mjs';

const OUT_DIR = path.join(ROOT, 'tests', 'differential', 'gloo-ee-renders');
const CACHE_DIR = path.join(ROOT, '.cache', 'gloo-ee-charts');
const SHARED = path.resolve(ROOT, '..', 'shared', 'reference');
const MIRRORS = '/work/.mirror';
const DEFAULT_SEED = 20261127;
const LICENSE = 'license_key=placeholder-license-key';

// ---------------------------------------------------------------------------------------------------------------
// The three charts: where each part comes from, and the facts the cases need (EE and OSS image tags, which optional
// parts exist).

const mirror = (name) => path.join(MIRRORS, name.replace('/', '+'), 'repo');
const STEVENCTL = { repo: 'stevenctl/service-mesh-for-less-blog', commit: '6697c7ab9668d445e6138b6558d20c79b6dcf08d' };
const CPOSTA = { repo: 'christian-posta/scripted-solo-demos', commit: '1806a05eed744161d79cc22730307e293dfcd6d7' };
const GLOO_1162 = { repo: 'solo-io/gloo', commit: '2df2495c72e4b6dfa3049548bceea80306baf6fc', tag: 'v1.16.2-alpine' };
const GLOO_1164 = { repo: 'solo-io/gloo', commit: 'fb412e06e38aaf85ae206f06e180e08a7ad56b00', tag: 'v1.16.4' };
const CPOSTA_DIR = 'api-gw-fed/waypoint-demo/gloo-ee-chart';

// parts: [destination inside the chart, how to get it]. `tree`: a directory of a commit, copied whole (the chart's
// own .helmignore keeps generator inputs out of what Helm loads); `blob`: one file of a commit; `data`: the files
// Chart.yaml and values.yaml of the shared data-only tree (the reconstruction's generated data).
const CHARTS = {
  '1.17.0': {
    source: { ...STEVENCTL, branch: 'gloo-waypoint', dir: 'gloo-ee' },
    parts: [['', { tree: STEVENCTL, dir: 'gloo-ee' }]],
    ee: '1.17.0', oss: '1.18.0-beta14',
  },
  '1.0.0-ci1': {
    source: { ...CPOSTA, dir: CPOSTA_DIR },
    parts: [['', { tree: CPOSTA, dir: CPOSTA_DIR }]],
    ee: '1.17.0-beta3', oss: '1.17.0-beta26',
  },
  '1.16.2': {
    source: {
      reconstructed: 'shared/reference/gloo-ee/charts/README.md',
      'gloo-ee': { ...GLOO_1162, dir: 'install/helm/gloo-ee', data: 'shared/reference/gloo-ee/charts/1.16.2' },
      'charts/gloo': { ...GLOO_1164, dir: 'install/helm/gloo', data: 'shared/reference/gloo-ee/charts/1.16.2/charts/gloo' },
      'charts/gloo-fed': { ...GLOO_1162, dir: 'install/helm/gloo-fed', data: 'shared/reference/gloo-ee/charts/1.16.2/charts/gloo-fed' },
      'charts/prometheus-15.18.0.tgz': { ...CPOSTA, path: `${CPOSTA_DIR}/charts/prometheus-15.18.0.tgz` },
      'charts/grafana-6.16.14.tgz': { ...CPOSTA, path: `${CPOSTA_DIR}/charts/grafana-6.16.14.tgz` },
    },
    parts: [
      ['', { tree: GLOO_1162, dir: 'install/helm/gloo-ee' }],
      ['', { data: '' }],
      ['charts/gloo', { tree: GLOO_1164, dir: 'install/helm/gloo' }],
      ['charts/gloo', { data: 'charts/gloo' }],
      ['charts/gloo-fed', { tree: GLOO_1162, dir: 'install/helm/gloo-fed' }],
      ['charts/gloo-fed', { data: 'charts/gloo-fed' }],
      ['charts/prometheus-15.18.0.tgz', { blob: CPOSTA, path: `${CPOSTA_DIR}/charts/prometheus-15.18.0.tgz` }],
      ['charts/grafana-6.16.14.tgz', { blob: CPOSTA, path: `${CPOSTA_DIR}/charts/grafana-6.16.14.tgz` }],
    ],
    ee: '1.16.2', oss: '1.16.4',
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Materialising and verifying a chart

const git = (src, args, opts = {}) => execFileSync('git', ['--git-dir', mirror(src.repo), ...args],
  { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...opts });

/** Copies directory `dir` of a commit to `dest` (merging into what is there). */
function extractTree(src, dir, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-ee-tree-'));
  try {
    execFileSync('tar', ['-x', '-C', tmp], { input: git(src, ['archive', src.commit, dir]) });
    fs.mkdirSync(dest, { recursive: true });
    fs.cpSync(path.join(tmp, dir), dest, { recursive: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const DATA_FILES = ['Chart.yaml', 'values.yaml', 'values.schema.json', 'Chart.lock'];

/**
 * The data files Helm loads from a chart directory, recursively through charts/ (directories and .tgz archives,
 * named by the archive's top directory, which is the chart name): Map of path relative to the chart -> Buffer.
 */
function dataFiles(dir, prefix = '', out = new Map()) {
  for (const f of DATA_FILES) {
    const p = path.join(dir, f);
    if (fs.existsSync(p)) out.set(prefix + f, fs.readFileSync(p));
  }
  const sub = path.join(dir, 'charts');
  if (!fs.existsSync(sub)) return out;
  for (const e of fs.readdirSync(sub, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(sub, e.name);
    if (e.isDirectory()) dataFiles(p, `${prefix}charts/${e.name}/`, out);
    else if (e.name.endsWith('.tgz')) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-ee-tgz-'));
      try {
        execFileSync('tar', ['-xzf', p, '-C', tmp]);
        const tops = fs.readdirSync(tmp);
        if (tops.length !== 1) throw new Error(`${p}: expected one top directory, found ${tops.join(', ')}`);
        dataFiles(path.join(tmp, tops[0]), `${prefix}charts/${tops[0]}/`, out);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
  return out;
}

/** Every data file of the shared tree must be in the chart, byte-identical, and the chart must have no others. */
function verifyChart(version, chartDir) {
  const sharedDir = path.join(SHARED, 'gloo-ee', 'charts', version);
  const want = dataFiles(sharedDir);
  // The shared tree keeps every subchart unpacked under charts/<name>/, so its files are found by walking it.
  for (const f of walk(sharedDir)) if (!want.has(f)) want.set(f, fs.readFileSync(path.join(sharedDir, f)));
  const have = dataFiles(chartDir);
  const problems = [];
  for (const [f, buf] of want) {
    if (!have.has(f)) problems.push(`missing ${f}`);
    else if (!buf.equals(have.get(f))) problems.push(`differs ${f}`);
  }
  for (const f of have.keys()) if (!want.has(f)) problems.push(`not in the shared tree: ${f}`);
  if (problems.length) {
    throw new Error(`${version}: the materialised chart ${path.relative(ROOT, chartDir)} does not match `
      + `${path.relative(ROOT, sharedDir)}:\n  ${problems.join('\n  ')}`);
  }
  return want.size;
}

function walk(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** Materialises the chart into .cache/gloo-ee-charts/<version>/ and verifies it; returns its directory. */
function materialise(version) {
  const spec = CHARTS[version];
  const dest = path.join(CACHE_DIR, version);
  // The stamp lies beside the chart, not in it, so Helm does not load it as a chart file.
  const stampFile = `${dest}.materialised.json`;
  const stamp = JSON.stringify(spec.parts);
  const missing = [...new Set(spec.parts.map(([, p]) => (p.tree || p.blob)?.repo).filter(Boolean))].filter((r) => !fs.existsSync(mirror(r)));
  if (missing.length) {
    // No mirror here: a chart materialised earlier from the same parts will do (verified again below).
    if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
      throw new Error(`${version}: no git mirror of ${missing.join(', ')} under ${MIRRORS} and no materialised chart in ${path.relative(ROOT, dest)}`);
    }
  } else {
    const tmp = `${dest}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    for (const [where, part] of spec.parts) {
      const to = path.join(tmp, where);
      if (part.tree) extractTree(part.tree, part.dir, to);
      else if (part.blob) { fs.mkdirSync(path.dirname(to), { recursive: true }); fs.writeFileSync(to, git(part.blob, ['show', `${part.blob.commit}:${part.path}`])); }
      else {
        for (const f of DATA_FILES) {
          const from = path.join(SHARED, 'gloo-ee', 'charts', version, part.data, f);
          if (fs.existsSync(from)) fs.copyFileSync(from, path.join(to, f));
        }
      }
    }
    fs.rmSync(dest, { recursive: true, force: true });
    fs.rmSync(stampFile, { force: true });
    fs.renameSync(tmp, dest);
    fs.writeFileSync(stampFile, stamp);
  }
  const n = verifyChart(version, dest);
  console.log(`${version}: ${path.relative(ROOT, dest)} materialised; its ${n} data files equal the shared tree's`);
  return dest;
}

// ---------------------------------------------------------------------------------------------------------------
// Value paths. The gloo subchart is configured under `gloo.`; the EE blocks live in the parent's global and at the
// top level (shared/reference/gloo-ee-chart-images.md §3).

const GG = `gloo.${GATEWAY_PARAMETERS}`;
const EXT = 'global.extensions';
// Image blocks: values path, and the switches that make them render (applied with some probability): the gloo
// subchart's blocks, then the EE ones.
const BLOCKS = {
  ...glooImageBlocks('gloo.'),
  extauth: { path: `${EXT}.extAuth.deployment.image`, on: [] },
  rateLimit: { path: `${EXT}.rateLimit.deployment.image`, on: [] },
  caching: { path: `${EXT}.caching.deployment.image`, on: [[`${EXT}.caching.enabled`, true]] },
  observability: { path: 'observability.deployment.image', on: [] },
  migrationJob: { path: 'prometheus.prometheusServerMigrationJob.image', on: [] },
  redis: { path: 'redis.deployment.image', on: [] },
  busybox: { path: 'redis.deployment.initContainer.image', on: [] },
  glooFed: { path: 'gloo-fed.glooFed.image', on: [] },
  fedApiserver: { path: 'gloo-fed.glooFedApiserver.image', on: [] },
  fedEnvoy: { path: 'gloo-fed.glooFedApiserver.envoy.image', on: [] },
  fedConsole: { path: 'gloo-fed.glooFedApiserver.console.image', on: [] },
  rbacWebhook: { path: 'gloo-fed.rbacWebhook.image', on: [['gloo-fed.enableMultiClusterRbac', true]] },
  portal: { path: 'gateway-portal-web-server.glooPortalServer.image', on: [['gateway-portal-web-server.enabled', true]] },
};

// Switches of the optional components (§7), each drawn on or off in random cases.
const TOGGLES = ['gloo.discovery.enabled', 'gloo.gateway.enabled', 'gloo.gateway.certGenJob.cron.enabled', 'global.glooMtls.enabled',
  'global.istioSDS.enabled', 'global.istioIntegration.enabled', 'gloo.ingress.enabled', 'gloo.settings.integrations.knative.enabled',
  'gloo.accessLogger.enabled', 'gloo.gateway.rolloutJob.enabled', 'gloo.gateway.cleanupJob.enabled', 'gloo.kubeGateway.enabled',
  'ambient.waypoint.enabled', `${EXT}.extAuth.enabled`, `${EXT}.extAuth.envoySidecar`, `${EXT}.extAuth.standaloneDeployment`,
  `${EXT}.rateLimit.enabled`, `${EXT}.caching.enabled`, `${EXT}.dataplanePerProxy`, `${EXT}.glooRedis.enableAcl`, 'redis.disabled',
  'redis.clientSideShardingEnabled', 'observability.enabled', 'prometheus.enabled', 'grafana.defaultInstallationEnabled',
  'gloo-fed.enabled', 'gloo-fed.glooFedApiserver.enable', 'gloo-fed.enableMultiClusterRbac', 'gateway-portal-web-server.enabled'];

// Every optional component on (§7), for the all-components cases.
const ALL_ON = ['gloo.discovery.enabled', 'gloo.gateway.certGenJob.cron.enabled', 'global.glooMtls.enabled', 'global.istioIntegration.enabled',
  'gloo.ingress.enabled', 'gloo.settings.integrations.knative.enabled', 'gloo.accessLogger.enabled', 'gloo.kubeGateway.enabled',
  'ambient.waypoint.enabled', `${EXT}.extAuth.envoySidecar`, `${EXT}.caching.enabled`, 'gloo-fed.enableMultiClusterRbac',
  'gateway-portal-web-server.enabled'];

// ---------------------------------------------------------------------------------------------------------------
// Curated cases: one or more per behaviour the document names, mostly under the document's own case names.

function curated(version, seed) {
  const { ee: EE } = CHARTS[version];
  const r = new Rng((seed ^ hashStr('gloo-ee:curated')) >>> 0); // one stream for every chart: the same digests everywhere
  const out = [];
  const add = (name, fn, license = true) => {
    const c = new Case(name);
    if (license) c.s('license_key', 'placeholder-license-key');
    fn(c);
    out.push(c.done());
  };
  const d = (field) => digestValue(r, field);
  const allDigests = (c, base, ch = 'file') => { for (const f of DIGEST_FIELDS) c.via(ch, `${base}.${f}`, d(f)); };
  const X = BLOCKS.extauth.path;

  add('defaults', () => {});
  // §6.5 license
  add('license-key-missing-error', () => {}, false);
  add('license-secret-disabled-without-key', (c) => c.s('create_license_secret', false), false);
  add('license-key-empty-string-error', (c) => c.ss('license_key', ''), false);
  // §4.6 variants, as a file and through --set / --set-string
  for (const v of VARIANTS) add(`variant-${v}`, (c) => c.f('global.image.variant', v));
  add('variant-distroless-set', (c) => c.s('global.image.variant', 'distroless'));
  add('variant-fips-distroless-set-string', (c) => c.ss('global.image.variant', 'fips-distroless'));
  add('variant-capitalized-Distroless', (c) => c.f('global.image.variant', 'Distroless'));
  add('variant-uppercase-FIPS', (c) => c.s('global.image.variant', 'FIPS'));
  add('variant-unknown-slim', (c) => c.f('global.image.variant', 'slim'));
  add('variant-empty-string', (c) => c.f('global.image.variant', ''));
  add('variant-null-in-file', (c) => c.f('global.image.variant', null));
  add('variant-null-set', (c) => c.s('global.image.variant', null));
  add('variant-integer-error', (c) => c.f('global.image.variant', 5));
  add('variant-integer-set-error', (c) => c.s('global.image.variant', 7));
  add('variant-bool-error', (c) => c.f('global.image.variant', true));
  add('variant-bool-set-error', (c) => c.s('global.image.variant', false));
  add('variant-list-error', (c) => c.f('global.image.variant', ['distroless']));
  add('variant-string-number-set-string', (c) => c.ss('global.image.variant', '5'));
  add('variant-integer-with-disableDigest', (c) => c.f('global.image.variant', 5).f('global.image.disableDigest', true));
  add('variant-integer-with-fips-true', (c) => c.f('global.image.variant', 5).f('global.image.fips', true));
  add('variant-bool-with-fips-true-set', (c) => c.s('global.image.variant', true).s('global.image.fips', true));
  add('component-variant-integer-error', (c) => c.f(`${X}.variant`, 3));
  // §4.4 digests
  for (const v of [...VARIANTS, 'slim', null]) {
    add(`all-digests-variant-${v ?? 'unset'}`, (c) => {
      allDigests(c, X);
      allDigests(c, BLOCKS.gloo.path);
      allDigests(c, BLOCKS.glooFed.path);
      if (v !== null) c.f('global.image.variant', v);
    });
  }
  add('all-digests-fips-bool-with-distroless', (c) => { allDigests(c, X); allDigests(c, BLOCKS.gloo.path); c.f('global.image.fips', true).f('global.image.variant', 'distroless'); });
  add('all-digests-fips-bool-with-fips-distroless', (c) => { allDigests(c, X); allDigests(c, BLOCKS.gloo.path); c.f('global.image.fips', true).f('global.image.variant', 'fips-distroless'); });
  add('all-digests-global', (c) => { allDigests(c, 'global.image'); c.f('global.image.variant', 'distroless').f('global.istioSDS.enabled', true); });
  add('digest-standard-dropped-with-variant-fips', (c) => c.s(`${X}.digest`, d('digest')).ss(`${X}.fipsDigest`, '').s('global.image.variant', 'fips'));
  add('fips-distroless-no-fallback-digest', (c) => c.s(`${X}.digest`, d('digest')).s(`${X}.fipsDigest`, d('fipsDigest'))
    .ss(`${X}.fipsDistrolessDigest`, '').s('global.image.variant', 'fips-distroless'));
  add('default-digest-removed', (c) => c.ss(`${BLOCKS.gloo.path}.digest`, '').ss(`${X}.digest`, ''));
  add('digest-without-tag', (c) => c.ss(`${X}.tag`, '').s(`${X}.digest`, d('digest')));
  add('global-digest-applies-to-blocks-without-digest', (c) => c.s('global.image.digest', d('digest')).s('global.istioSDS.enabled', true)
    .s('gloo.ingress.enabled', true).s('gloo.accessLogger.enabled', true).s('gateway-portal-web-server.enabled', true));
  add('global-distrolessDigest-with-variant-distroless', (c) => c.s('global.image.distrolessDigest', d('distrolessDigest')).s('global.image.variant', 'distroless')
    .s('global.istioSDS.enabled', true));
  add('global-fipsDigest-with-fips-true', (c) => c.s('global.image.fipsDigest', d('fipsDigest')).s('global.image.fips', true));
  add('component-digest-override', (c) => c.f(`${BLOCKS.rateLimit.path}.digest`, d('digest')).f(`${BLOCKS.observability.path}.distrolessDigest`, d('distrolessDigest'))
    .f('global.image.variant', 'distroless'));
  add('disableDigest-global', (c) => c.s('global.image.disableDigest', true));
  add('disableDigest-component', (c) => c.s(`${X}.disableDigest`, true).s(`${BLOCKS.gloo.path}.disableDigest`, true));
  // deprecated fips bool
  add('deprecated-fips-true', (c) => c.f('global.image.fips', true));
  add('deprecated-fips-true-set', (c) => c.s('global.image.fips', true).s('gloo.gateway.certGenJob.cron.enabled', true));
  add('deprecated-fips-false-set', (c) => c.s('global.image.fips', false).s('global.image.variant', 'fips'));
  add('deprecated-fips-string-false-is-truthy', (c) => c.ss('global.image.fips', 'false'));
  add('deprecated-fips-string-true-set-string', (c) => c.ss('global.image.fips', 'true'));
  add('deprecated-fips-true-variant-distroless', (c) => c.s('global.image.fips', true).s('global.image.variant', 'distroless'));
  add('component-fips-true', (c) => c.f(`${BLOCKS.gloo.path}.fips`, true).f(`${X}.fips`, true).f(`${BLOCKS.observability.path}.fips`, true));
  add('component-fips-string-false-set-string', (c) => c.ss(`${X}.fips`, 'false'));
  add('global-fips-true-cannot-be-disabled-per-component', (c) => c.f('global.image.fips', true).f(`${X}.fips`, false).f(`${X}.variant`, 'standard'));
  add('global-extended-true', (c) => c.s('global.image.extended', true));
  // per-component variants and overrides (§3 blocks)
  add('component-variant-extauth-distroless', (c) => c.f(`${X}.variant`, 'distroless'));
  add('component-variant-gloo-ee-standard-global-distroless', (c) => c.f(`${BLOCKS.gloo.path}.variant`, 'standard').f('global.image.variant', 'distroless'));
  add('component-variant-empty-string-falls-back-to-global', (c) => c.f(`${X}.variant`, '').f('global.image.variant', 'fips'));
  add('component-variant-shared-mtls-envoy-block', (c) => c.f('global.glooMtls.envoy.image.variant', 'distroless').f('global.glooMtls.enabled', true));
  for (const [name, b] of Object.entries(BLOCKS)) {
    const v = ['fips', 'distroless', 'fips-distroless'][hashStr(name) % 3];
    add(`component-${name}-variant-${v}-digests`, (c) => { c.f(`${b.path}.variant`, v); allDigests(c, b.path); for (const [p, x] of b.on) c.f(p, x); });
  }
  for (const [name, b] of Object.entries(BLOCKS)) {
    add(`component-${name}-registry-repository-tag`, (c) => {
      c.f(`${b.path}.registry`, 'my.reg/mirror').f(`${b.path}.repository`, `my-${name.toLowerCase()}`).f(`${b.path}.tag`, '9.9.9');
      for (const [p, x] of b.on) c.f(p, x);
    });
  }
  add('component-repository-not-in-lists', (c) => c.f(`${BLOCKS.gloo.path}.repository`, 'my-gloo-ee').f('global.image.variant', 'fips-distroless'));
  add('nested-repository-path', (c) => c.f(`${BLOCKS.gloo.path}.repository`, 'gloo-waypoint/gloo-ee').f('global.image.variant', 'fips'));
  add('oss-repository-names-in-ee', (c) => c.f(`${BLOCKS.gloo.path}.repository`, 'gloo').f(`${BLOCKS.discovery.path}.repository`, 'discovery')
    .f(`${BLOCKS.gatewayProxy.path}.repository`, 'gloo-envoy-wrapper').f('global.glooMtls.sds.image.repository', 'sds').f('global.glooMtls.enabled', true)
    .f('global.image.variant', 'fips-distroless'));
  add('ee-repository-names-on-oss-blocks', (c) => c.f(`${BLOCKS.ingress.path}.repository`, 'gloo-ee').f(`${BLOCKS.accessLogger.path}.repository`, 'extauth-ee')
    .f('gloo.ingress.enabled', true).f('gloo.accessLogger.enabled', true).f('global.image.variant', 'fips'));
  add('component-registry-override', (c) => c.s(`${X}.registry`, 'my.reg'));
  add('component-registry-empty-falls-back-to-global', (c) => c.ss(`${X}.registry`, '').s('global.image.registry', 'mirror.example.com/solo'));
  add('repository-tag-override-keeps-digest', (c) => c.s(`${BLOCKS.discovery.path}.repository`, 'discovery').s(`${BLOCKS.discovery.path}.tag`, '1.6.8')
    .s(`${X}.tag`, '1.16.0').s('global.image.variant', 'distroless'));
  // tags
  add('tag-set-integer-standard', (c) => c.s(`${X}.tag`, 110));
  add('tag-set-integer-distroless', (c) => c.s(`${X}.tag`, 110).s('global.image.variant', 'distroless'));
  add('tag-set-string-integer-distroless', (c) => c.ss(`${X}.tag`, '110').s('global.image.variant', 'distroless'));
  add('tag-unquoted-1.10-in-file', (c) => c.f(`${X}.tag`, raw('1.10')));
  add('tag-unquoted-1.10-in-file-distroless', (c) => c.f(`${X}.tag`, raw('1.10')).f('global.image.variant', 'distroless'));
  add('tag-integer-in-file-subchart', (c) => c.f(`${BLOCKS.gloo.path}.tag`, 110).f('global.image.variant', 'distroless'));
  add('tag-set-integer-gateway-proxy-distroless', (c) => c.s(`${BLOCKS.gatewayProxy.path}.tag`, 110).s('global.image.variant', 'distroless'));
  add('tag-set-float-looking-string', (c) => c.s(`${BLOCKS.gloo.path}.tag`, '1.10').s('global.image.variant', 'distroless'));
  add('tag-empty-string', (c) => c.f(`${BLOCKS.gloo.path}.tag`, ''));
  add('tag-empty-string-distroless', (c) => c.f(`${BLOCKS.gloo.path}.tag`, '').f('global.image.variant', 'distroless'));
  add('tag-null', (c) => c.s(`${BLOCKS.gloo.path}.tag`, null));
  add('tag-zero-is-dropped', (c) => c.s(`${BLOCKS.gloo.path}.tag`, 0));
  add('tag-bool-true', (c) => c.s(`${BLOCKS.gloo.path}.tag`, true));
  add('tag-full-image-reference', (c) => c.f(`${BLOCKS.gloo.path}.tag`, 'slandow/gloo-ee:authz-perf'));
  add('manual-distroless-tag-plus-variant-double-suffix', (c) => c.f(`${BLOCKS.gloo.path}.tag`, `${EE}-distroless`).f('global.image.variant', 'distroless'));
  add('global-tag-ignored-when-component-has-tag', (c) => c.s('global.image.tag', '9.9.9'));
  add('global-tag-used-when-component-tag-null', (c) => c.s(`${BLOCKS.gloo.path}.tag`, null).s('global.image.tag', '9.9.9'));
  add('global-tag-fills-empty-component-tag', (c) => c.ss(`${X}.tag`, '').s('global.image.tag', '9.9.9').s('global.image.variant', 'distroless'));
  // repositories
  add('global-repository-ignored', (c) => c.s('global.image.repository', 'other'));
  add('global-repository-fills-empty-component-repository', (c) => c.ss(`${X}.repository`, '').s('global.image.repository', 'other'));
  add('repository-empty-string', (c) => c.f(`${BLOCKS.gloo.path}.repository`, ''));
  add('repository-null', (c) => c.s(`${BLOCKS.gloo.path}.repository`, null));
  // registries (§4.5, §8)
  add('registry-empty-string', (c) => c.f('global.image.registry', ''));
  add('registry-trailing-slash', (c) => c.s('global.image.registry', 'my.reg/'));
  add('registry-override-global', (c) => c.s('global.image.registry', 'mirror.example.com/solo').s('gloo-fed.enableMultiClusterRbac', true));
  add('registry-null-error', (c) => c.s('global.image.registry', null));
  add('registry-null-in-file', (c) => c.f('global.image.registry', null));
  add('third-party-global-imageRegistry', (c) => c.s('global.imageRegistry', 'mirror.example.com'));
  add('air-gapped-all-registries', (c) => {
    const m = 'airgap.example.com';
    c.f('global.image.registry', `${m}/solo-io`).f('global.imageRegistry', m)
      .f('redis.deployment.image.registry', `${m}/docker`).f('redis.deployment.initContainer.image.registry', `${m}/docker`)
      .f('prometheus.prometheusServerMigrationJob.image.registry', `${m}/alpine`).f('global.glooMtls.istioProxy.image.registry', `${m}/istio`)
      .f('gateway-portal-web-server.glooPortalServer.image.registry', `${m}/solo-io`).f('gateway-portal-web-server.enabled', true)
      .f('global.istioSDS.enabled', true);
  });
  // §6.3 nested globals: null does not delete
  add('global-nested-null-ineffective', (c) => c.s(`${X}.tag`, null).s(`${X}.digest`, null).s('global.glooMtls.sds.image.tag', null).s('global.glooMtls.enabled', true));
  add('global-nested-null-in-file-ineffective', (c) => c.f(`${X}.fipsDigest`, null).f('global.image.variant', 'fips'));
  add('global-nested-block-null-ineffective', (c) => c.s(X, null));
  add('global-nested-set-string-empty-blanks', (c) => c.ss(`${X}.digest`, '').ss('global.glooMtls.sds.image.digest', '').s('global.glooMtls.enabled', true));
  add('global-image-null-error', (c) => c.s('global.image', null));
  add('image-block-scalar-error', (c) => c.s(X, 'foo'));
  add('image-block-scalar-subchart', (c) => c.s(BLOCKS.gloo.path, 'foo'));
  // §4.1 and §6.4 the subchart's global
  add('subchart-global-variant-distroless', (c) => c.s('gloo.global.image.variant', 'distroless'));
  add('subchart-global-variant-fips', (c) => c.s('gloo.global.image.variant', 'fips'));
  add('subchart-global-digest', (c) => c.s('gloo.global.image.digest', d('digest')).s('gloo.ingress.enabled', true));
  add('subchart-global-tag', (c) => c.s('gloo.global.image.tag', '9.9.9').ss(`${BLOCKS.gloo.path}.tag`, ''));
  add('subchart-global-fips-true-overridden-by-parent', (c) => c.s('gloo.global.image.fips', true));
  add('subchart-global-registry-overridden-by-parent', (c) => c.s('gloo.global.image.registry', 'sub.example.com'));
  add('parent-and-subchart-global-variant', (c) => c.s('gloo.global.image.variant', 'fips').s('global.image.variant', 'distroless'));
  add('subchart-global-variant-leaks-into-mtls-sidecars', (c) => c.s('gloo.global.image.variant', 'fips').s('global.glooMtls.enabled', true)
    .s(`${EXT}.caching.enabled`, true));
  add('subchart-global-variant-leaks-via-extauth-sidecar', (c) => c.s('gloo.global.image.variant', 'distroless').s(`${EXT}.extAuth.envoySidecar`, true));
  add('subchart-key-nested-global-leaks-to-parent', (c) => c.s('gloo.global.glooMtls.sds.image.variant', 'fips')
    .s('gloo.global.extensions.extAuth.deployment.image.variant', 'distroless').s('global.glooMtls.enabled', true));
  add('gloo-fed-image-overrides', (c) => c.s('gloo-fed.global.image.variant', 'distroless').s('gloo-fed.glooFed.image.tag', '9.9.9')
    .s('gloo-fed.glooFedApiserver.console.image.registry', 'my.reg'));
  // §2 / §6.1 OSS-style keys
  add('oss-style-gloo-deployment-key-ignored', (c) => c.f('gloo.deployment.image.tag', '9.9.9').f('gloo.deployment.image.repository', 'gloo'));
  add('top-level-gatewayProxies-ignored', (c) => c.f('gatewayProxies.gatewayProxy.podTemplate.image.tag', '9.9.9').f('gatewayProxies.publicGw.podTemplate.httpPort', 8081));
  add('redis-under-gloo-key-ignored', (c) => c.s('gloo.redis.deployment.image.tag', '9.9').s('gloo.redis.deployment.image.registry', 'my.reg'));
  // §3 data plane and gateway proxies
  add('extra-gateway-proxy', (c) => c.f('gloo.gatewayProxies.publicGw.podTemplate.httpPort', 8081));
  add('extra-gateway-proxy-own-image', (c) => c.f('gloo.gatewayProxies.publicGw.podTemplate.image.repository', 'my-envoy').f('global.image.variant', 'fips'));
  add('extra-gateway-proxy-own-variant', (c) => c.f('gloo.gatewayProxies.publicGw.podTemplate.image.variant', 'distroless'));
  add('extra-gateway-proxy-empty-tag-overrides-default', (c) => c.f('gloo.gatewayProxies.publicGw.podTemplate.image.tag', ''));
  add('extra-gateway-proxy-disabled', (c) => c.f('gloo.gatewayProxies.internalGw.disabled', true).f('gloo.gatewayProxies.publicGw.podTemplate.httpPort', 8081));
  add('extra-gateway-proxy-daemonset', (c) => c.f('gloo.gatewayProxies.edgeProxy.kind.deployment', false).f('gloo.gatewayProxies.edgeProxy.podTemplate.image.registry', 'my.reg'));
  add('gateway-proxy-daemonset', (c) => c.s('gloo.gatewayProxies.gatewayProxy.kind.deployment', false));
  add('gateway-proxy-disabled-removes-dataplane', (c) => c.s('gloo.gatewayProxies.gatewayProxy.disabled', true));
  add('kubeGateway-without-classic-proxy', (c) => c.s('gloo.gatewayProxies.gatewayProxy.disabled', true).s('gloo.kubeGateway.enabled', true));
  add('dataplane-per-proxy', (c) => c.f(`${EXT}.dataplanePerProxy`, true).f('gloo.gatewayProxies.publicGw.podTemplate.httpPort', 8081).f(`${EXT}.caching.enabled`, true));
  add('dataplane-per-proxy-generator-spelling-ignored', (c) => c.f(`${EXT}.dataPlanePerProxy`, true).f('gloo.gatewayProxies.publicGw.podTemplate.httpPort', 8081));
  add('dataplane-first-proxy-alphabetically', (c) => c.f('gloo.gatewayProxies.aaaGw.podTemplate.httpPort', 8081));
  add('gateway-disabled', (c) => c.s('gloo.gateway.enabled', false));
  add('discovery-disabled', (c) => c.s('gloo.discovery.enabled', false));
  add('rollout-and-cleanup-jobs-disabled', (c) => c.s('gloo.gateway.rolloutJob.enabled', false).s('gloo.gateway.cleanupJob.enabled', false));
  add('certgen-cron-and-mtls-fips', (c) => c.s('gloo.gateway.certGenJob.cron.enabled', true).s('global.glooMtls.enabled', true).s('global.image.variant', 'fips'));
  // kubeGateway and waypoint (§4.7)
  const kg = (name, fn) => add(`kubeGateway-${name}`, (c) => { c.f('gloo.kubeGateway.enabled', true); fn(c); });
  kg('defaults', () => {});
  kg('fips-distroless', (c) => c.f('global.image.variant', 'fips-distroless'));
  kg('digest-quirks-fips', (c) => c.f(`${GG}.envoyContainer.image.digest`, d('digest')).f(`${GG}.sdsContainer.image.fipsDigest`, d('fipsDigest')).f('global.image.variant', 'fips'));
  kg('tag-rendered-unquoted', (c) => c.s(`${GG}.envoyContainer.image.tag`, '1.10'));
  kg('global-digest', (c) => c.s('global.image.digest', d('digest')));
  kg('repository-override', (c) => c.s(`${GG}.envoyContainer.image.repository`, 'gloo-envoy-wrapper').s(`${GG}.sdsContainer.image.registry`, 'my.reg'));
  kg('sds-image-removed', (c) => c.s(`${GG}.sdsContainer.image`, null));
  kg('waypoint', (c) => c.f('ambient.waypoint.enabled', true).s('gloo.global.image.digest', d('digest')));
  kg('waypoint-distroless', (c) => c.f('ambient.waypoint.enabled', true).f('global.image.variant', 'distroless').f('global.image.registry', 'my.reg'));
  add('waypoint-without-kubeGateway', (c) => c.f('ambient.waypoint.enabled', true));
  // mTLS, istio, knative, ingress, access logger
  add('gloo-mtls', (c) => c.s('global.glooMtls.enabled', true));
  add('gloo-mtls-fips-distroless', (c) => c.s('global.glooMtls.enabled', true).s('global.image.variant', 'fips-distroless').s(`${EXT}.caching.enabled`, true));
  add('ratelimit-client-side-sharding', (c) => c.s('redis.clientSideShardingEnabled', true));
  add('istio-integration-fips', (c) => c.s('global.istioIntegration.enabled', true).s('global.image.variant', 'fips'));
  add('istioSDS-deprecated', (c) => c.s('global.istioSDS.enabled', true));
  add('istio-proxy-image-from-parent-global', (c) => c.s('global.istioSDS.enabled', true).s('global.glooMtls.istioProxy.image.registry', 'my.reg/istio')
    .s('global.glooMtls.istioProxy.image.tag', '1.23.0').s('global.image.variant', 'distroless'));
  add('istio-custom-sidecar', (c) => c.f('global.istioSDS.enabled', true).f('global.istioSDS.customSidecars', [{ name: 'my-istio-proxy', image: 'docker.io/istio/proxyv2:1.20.1' }]));
  add('knative-enabled-fips', (c) => c.s('gloo.settings.integrations.knative.enabled', true).s('global.image.variant', 'fips'));
  add('knative-legacy-clusteringress', (c) => c.s('gloo.settings.integrations.knative.enabled', true).s('gloo.settings.integrations.knative.version', '0.7.0'));
  add('ingress-enabled', (c) => c.s('gloo.ingress.enabled', true));
  add('ingress-enabled-fips-distroless', (c) => c.s('gloo.ingress.enabled', true).s('global.image.variant', 'fips-distroless'));
  add('access-logger', (c) => c.s('gloo.accessLogger.enabled', true));
  add('access-logger-distroless', (c) => c.s('gloo.accessLogger.enabled', true).s('global.image.variant', 'distroless'));
  // extauth, rate limit, redis, caching (§3, §7, §8)
  add('extauth-disabled', (c) => c.s(`${EXT}.extAuth.enabled`, false));
  add('extauth-sidecar-only', (c) => c.s(`${EXT}.extAuth.envoySidecar`, true).s(`${EXT}.extAuth.standaloneDeployment`, false));
  add('extauth-disabled-but-sidecar-on', (c) => c.s(`${EXT}.extAuth.enabled`, false).s(`${EXT}.extAuth.envoySidecar`, true));
  add('extauth-sidecar-disabled-on-extra-proxy', (c) => c.s(`${EXT}.extAuth.envoySidecar`, true).s('gloo.gatewayProxies.publicGw.disableExtauthSidecar', true));
  add('extauth-sidecar-and-plugins', (c) => c.f(`${EXT}.extAuth.envoySidecar`, true).f('global.image.variant', 'fips')
    .f(`${EXT}.extAuth.plugins.my-plugin.image`, { repository: 'ext-auth-plugins', tag: EE, registry: 'quay.io/solo-io' }));
  add('extauth-plugins-standalone', (c) => c.f(`${EXT}.extAuth.plugins.another.image`, { repository: 'my-plugin', tag: '0.1.0' }).f('global.image.variant', 'distroless'));
  add('ratelimit-disabled', (c) => c.s(`${EXT}.rateLimit.enabled`, false));
  add('redis-disabled', (c) => c.s('redis.disabled', true));
  add('redis-acl-disabled-no-init-container', (c) => c.s(`${EXT}.glooRedis.enableAcl`, false));
  add('redis-variant-and-digests-ignored', (c) => { c.f('redis.deployment.image.variant', 'fips-distroless'); allDigests(c, 'redis.deployment.image'); c.f('global.image.variant', 'distroless'); });
  add('redis-registry-empty-uses-global', (c) => c.ss('redis.deployment.image.registry', '').s('global.image.registry', 'mirror.example.com'));
  add('redis-registry-override', (c) => c.s('redis.deployment.image.registry', 'my.reg').s('redis.deployment.initContainer.image.registry', 'my.reg'));
  add('redis-tag-null', (c) => c.s('redis.deployment.image.tag', null));
  add('redis-tag-numeric-in-file', (c) => c.f('redis.deployment.image.tag', raw('7.2')));
  add('redis-tag-set-integer', (c) => c.s('redis.deployment.initContainer.image.tag', 128));
  add('redis-global-digest-ignored', (c) => c.s('global.image.digest', d('digest')));
  add('caching-enabled', (c) => c.s(`${EXT}.caching.enabled`, true));
  add('caching-enabled-fips-distroless', (c) => c.s(`${EXT}.caching.enabled`, true).s('global.image.variant', 'fips-distroless'));
  // observability, prometheus, grafana (§3, §8)
  add('observability-disabled', (c) => c.s('observability.enabled', false));
  add('grafana-disabled-removes-observability', (c) => c.s('grafana.defaultInstallationEnabled', false));
  add('grafana-disabled-custom-grafana', (c) => c.s('grafana.defaultInstallationEnabled', false).s('observability.customGrafana.enabled', true));
  add('prometheus-disabled', (c) => c.s('prometheus.enabled', false));
  add('prometheus-migration-job-image', (c) => c.s('global.image.variant', 'fips-distroless').s('global.image.fipsDistrolessDigest', d('fipsDistrolessDigest')));
  add('prometheus-migration-job-disabled', (c) => c.s('prometheus.prometheusServerMigrationJob.enabled', false));
  add('prometheus-subcharts-enabled', (c) => c.s('prometheus.alertmanager.enabled', true).s('prometheus.prometheus-node-exporter.enabled', true)
    .s('prometheus.prometheus-pushgateway.enabled', true).s('prometheus.nodeExporter.enabled', true).s('prometheus.pushgateway.enabled', true));
  add('tags-monitoring-false', (c) => c.s('tags.monitoring', false));
  add('monitoring-and-fed-disabled-minimal', (c) => c.s('prometheus.enabled', false).s('grafana.defaultInstallationEnabled', false)
    .s('gloo-fed.enabled', false).s('gloo-fed.glooFedApiserver.enable', false));
  // gloo-fed (§5)
  add('gloo-fed-disabled', (c) => c.s('gloo-fed.enabled', false));
  add('gloo-fed-and-console-disabled', (c) => c.s('gloo-fed.enabled', false).s('gloo-fed.glooFedApiserver.enable', false));
  add('gloo-fed-digest-selection-fips', (c) => { allDigests(c, BLOCKS.glooFed.path); c.f('global.image.variant', 'fips'); });
  add('gloo-fed-digest-selection-fips-distroless', (c) => { allDigests(c, BLOCKS.glooFed.path); c.f('global.image.variant', 'fips-distroless'); });
  add('gloo-fed-rbac-webhook', (c) => c.s('gloo-fed.enableMultiClusterRbac', true));
  add('gloo-fed-rbac-webhook-fips-distroless', (c) => c.s('gloo-fed.enableMultiClusterRbac', true).s('global.image.variant', 'fips-distroless'));
  add('gloo-fed-variant-distroless', (c) => c.s('global.image.variant', 'distroless').s('gloo-fed.enableMultiClusterRbac', true));
  add('gloo-fed-tag-empty', (c) => c.ss('gloo-fed.glooFed.image.tag', '').s('global.image.variant', 'distroless'));
  // portal
  add('portal-enabled', (c) => c.s('gateway-portal-web-server.enabled', true).s('global.image.variant', 'distroless')
    .s('global.image.registry', 'mirror.example.com').s('global.image.digest', d('digest')));
  add('portal-image-override', (c) => c.s('gateway-portal-web-server.enabled', true).s('gateway-portal-web-server.glooPortalServer.image.registry', 'my.reg')
    .s('gateway-portal-web-server.glooPortalServer.image.repository', 'portal').s('gateway-portal-web-server.glooPortalServer.image.tag', '2.0.0'));
  add('portal-server-disabled', (c) => c.s('gateway-portal-web-server.enabled', true).s('gateway-portal-web-server.glooPortalServer.enabled', false));
  // user containers are copied verbatim
  add('user-containers-passthrough', (c) => {
    const ctr = (n) => ({ name: n, image: `docker.io/library/${n}:1.0` });
    c.f('global.image.variant', 'fips-distroless').f('global.image.registry', 'mirror.example.com');
    c.f('gloo.gatewayProxies.gatewayProxy.podTemplate.extraInitContainers', [ctr('proxy-init')]);
    c.f('gloo.gatewayProxies.gatewayProxy.podTemplate.extraContainers', [ctr('proxy-extra')]);
    c.f('gloo.gloo.deployment.initContainers', [ctr('gloo-init')]);
    c.f('gloo.gateway.certGenJob.initContainers', [ctr('certgen-init')]);
    c.f('global.istioSDS.customSidecars', [ctr('custom-sidecar')]).f('global.istioSDS.enabled', true);
  });
  // precedence and layering
  add('precedence-component-file-global-set', (c) => c.f(`${X}.variant`, 'standard').s('global.image.variant', 'distroless'));
  add('precedence-set-string-beats-set', (c) => c.s('global.image.variant', 'distroless').ss('global.image.variant', 'standard'));
  add('precedence-later-file-wins', (c) => { c.file({}).f('global.image.variant', 'distroless'); c.file({}).f('global.image.variant', 'fips'); });
  add('multidoc-values-file', (c) => c.file({ text: 'global:\n  image:\n    variant: distroless\n---\nglobal:\n  image:\n    registry: other.example.com\n' }));
  // everything on
  add('all-components-standard', (c) => { for (const t of ALL_ON) c.f(t, true); c.f('global.image.variant', 'standard'); });
  add('all-components-fips-distroless', (c) => { for (const t of ALL_ON) c.f(t, true); c.f('global.image.variant', 'fips-distroless'); });
  // (without the extauth sidecar: with dataplanePerProxy it fails the 1.17.0 render, see the next case)
  add('all-components-distroless-dataplane-per-proxy', (c) => {
    for (const t of ALL_ON) if (t !== `${EXT}.extAuth.envoySidecar`) c.f(t, true);
    c.f(`${EXT}.dataplanePerProxy`, true).f('gloo.gatewayProxies.publicGw.podTemplate.httpPort', 8081).f('global.image.variant', 'distroless');
  });
  add('extauth-sidecar-with-dataplane-per-proxy', (c) => c.s(`${EXT}.extAuth.envoySidecar`, true).s(`${EXT}.dataplanePerProxy`, true));
  add('everything-disabled', (c) => { for (const t of TOGGLES) c.f(t, false); });
  return out;
}

// Random combinations -------------------------------------------------------------------------------------------

function fieldValue(r, version, field) {
  const { ee: EE, oss: OSS } = CHARTS[version];
  switch (field) {
    case 'variant': return r.weighted(FIELD_POOLS.variant);
    case 'fips': return r.weighted(FIELD_POOLS.fips);
    case 'registry': return r.weighted(FIELD_POOLS.registry);
    case 'repository': return r.weighted([[1, ''], [2, 'gloo-ee'], [1, 'extauth-ee'], [1, 'rate-limit-ee'], [1, 'discovery-ee'], [1, 'sds-ee'],
      [1, 'gloo-ee-envoy-wrapper'], [1, 'caching-ee'], [1, 'observability-ee'], [1, 'certgen'], [1, 'gloo'], [1, 'gloo-fed'], [1, 'custom-repo']]);
    case 'tag': return r.weighted([[3, EE], [1, OSS], [2, ''], [1, 0], [1, null], [2, raw('1.10')], [2, 110], [1, '1.10'], [2, `${EE}-distroless`], [1, 'latest']]);
    default: return digestValue(r, field); // digest fields
  }
}

function randomCase(version, i, r) {
  const c = new Case(`random-${String(i).padStart(3, '0')}`);
  c.s('license_key', 'placeholder-license-key');
  const put = (p, v) => c.via(channelFor(r, v), p, v);
  // global image settings, of the parent and now and then of the gloo subchart
  if (r.chance(0.7)) put('global.image.variant', fieldValue(r, version, 'variant'));
  if (r.chance(0.12)) put('global.image.fips', fieldValue(r, version, 'fips'));
  for (const f of DIGEST_FIELDS) if (r.chance(0.15)) put(`global.image.${f}`, digestValue(r, f));
  if (r.chance(0.1)) put('global.image.registry', r.weighted([[3, 'mirror.example.com/solo-io'], [1, ''], [1, 'my.reg/'], [0.5, null]]));
  if (r.chance(0.06)) put('global.image.tag', r.pick(['9.9.9', '2.0.0-rc1']));
  if (r.chance(0.1)) put('gloo.global.image.variant', fieldValue(r, version, 'variant'));
  if (r.chance(0.05)) put('gloo.global.image.digest', digestValue(r, 'digest'));
  if (r.chance(0.05)) put('gloo-fed.global.image.variant', r.pick(VARIANTS));
  if (r.chance(0.05)) put('global.imageRegistry', 'mirror.example.com');
  // per-component overrides
  const n = r.weighted([[1, 0], [4, 1], [4, 2], [2, 3], [1, 4]]);
  for (const [, b] of r.sample(Object.entries(BLOCKS), n)) {
    const fields = r.sample(['variant', 'fips', 'registry', 'repository', 'tag', ...DIGEST_FIELDS], r.int(1, 3));
    for (const f of fields) put(`${b.path}.${f}`, fieldValue(r, version, f));
    if (r.chance(0.8)) for (const [p, v] of b.on) put(p, v);
  }
  // switches
  for (const t of TOGGLES) if (r.chance(0.08)) put(t, r.chance(0.6));
  if (r.chance(0.1)) { put('gloo.settings.integrations.knative.enabled', true); put('gloo.settings.integrations.knative.version', r.pick(['0.7.0', '0.10.0'])); }
  if (r.chance(0.08)) put('global.istioSDS.customSidecars', [{ name: 'sidecar', image: 'docker.io/istio/proxyv2:1.19.0' }]);
  if (r.chance(0.08)) put(`${EXT}.extAuth.plugins.my-plugin.image`, { repository: 'ext-auth-plugins', tag: CHARTS[version].ee });
  // extra gateway proxies
  if (r.chance(0.25)) {
    for (const name of r.sample(['publicGw', 'internalGw', 'edge_proxy'], r.int(1, 2))) {
      const base = `gloo.gatewayProxies.${name}`;
      const what = r.pick(['variant', 'tag', 'disabled', 'daemonset', 'registry', 'digest', 'sidecar', 'plain']);
      if (what === 'variant') put(`${base}.podTemplate.image.variant`, fieldValue(r, version, 'variant'));
      else if (what === 'tag') put(`${base}.podTemplate.image.tag`, fieldValue(r, version, 'tag'));
      else if (what === 'disabled') put(`${base}.disabled`, true);
      else if (what === 'daemonset') c.f(`${base}.kind.deployment`, false);
      else if (what === 'registry') put(`${base}.podTemplate.image.registry`, fieldValue(r, version, 'registry'));
      else if (what === 'digest') put(`${base}.podTemplate.image.${r.pick(DIGEST_FIELDS)}`, digestValue(r, 'digest'));
      else if (what === 'sidecar') put(`${base}.disableExtauthSidecar`, true);
      else put(`${base}.podTemplate.httpPort`, 8090);
    }
  } else if (r.chance(0.05)) put('gloo.gatewayProxies.gatewayProxy.disabled', true);
  // a nested global key set to null (ineffective, §6.3)
  if (r.chance(0.08)) c.s(`${r.pick([BLOCKS.extauth.path, BLOCKS.rateLimit.path, BLOCKS.mtlsSds.path])}.${r.pick(['tag', 'digest', 'fipsDigest'])}`, null);
  // user containers
  if (r.chance(0.1)) {
    const where = r.pick(['gloo.gloo.deployment.initContainers', 'gloo.gatewayProxies.gatewayProxy.podTemplate.extraContainers',
      'gloo.gatewayProxies.gatewayProxy.podTemplate.extraInitContainers', 'gloo.gateway.certGenJob.initContainers']);
    put(where, [{ name: 'user', image: 'docker.io/library/busybox:1.36' }]);
  }
  // several -f files now and then: split the assignments of the first file
  maybeSplitFile(c, r);
  return c.done();
}

// Real values files (category `real`): every file of shared/reference/real-values whose index entry is for the
// gloo-ee chart, rendered with the 1.17.0 chart only. The case records the file's name and SHA-256, not its text
// (nothing of these files is copied into the project); toRender() reads it back.
const REAL_DIR = path.join(SHARED, 'real-values');
function realCases() {
  const index = JSON.parse(fs.readFileSync(path.join(REAL_DIR, 'index.json'), 'utf8'));
  return index.filter((e) => e.chart === 'gloo-ee').map((e) => {
    const file = `real-values/files/${e.id}.yaml`;
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(path.join(SHARED, file))).digest('hex');
    return { name: `real-${e.id}`, realValuesFile: file, realValuesSha256: sha256, set: [LICENSE] };
  });
}
const toRender = (c) => (c.realValuesFile ? { ...c, valuesFiles: [fs.readFileSync(path.join(SHARED, c.realValuesFile), 'utf8')] } : c);

function generate(version, seed, count = 80) {
  const cases = curated(version, seed);
  const r = new Rng((seed ^ hashStr(`gloo-ee:${version}:random`)) >>> 0);
  for (let i = 0; i < count; i++) cases.push(randomCase(version, i, r));
  if (version === '1.17.0') cases.push(...realCases());
  const names = new Set();
  for (const c of cases) { if (names.has(c.name)) throw new Error(`duplicate case ${c.name}`); names.add(c.name); }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const { has, check, selected, jobs, seedFor } = recorderOptions(Object.keys(CHARTS), 'chart');
  let failures = 0;
  for (const version of selected) {
    const file = path.join(OUT_DIR, `${version}.json`);
    const stored = readCorpus(file);
    const seed = seedFor(stored, DEFAULT_SEED);
    const inputs = generate(version, seed);
    if (has('--dump')) { for (const c of inputs) console.log(JSON.stringify(c)); continue; }
    const chartDir = materialise(version);
    if (has('--materialise')) continue;
    const header = { chart: version, source: CHARTS[version].source, materialised: path.relative(ROOT, chartDir), seed,
      helm: { 3: helm.BINARIES[3].version, 4: helm.BINARIES[4].version } };
    failures += await recordCorpus({ label: version, inputs, chartDir, file, header, stored, check, jobs, tool: 'record-gloo-ee-renders', toRender });
  }
  if (check && failures) process.exitCode = 1;
}

await main();
