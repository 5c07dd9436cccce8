#!/usr/bin/env node
// Records what the real Helm v3.17.1 and v4.1.4 render when the values overlay of `images --mirror` is passed as
// the last -f file: for the real gloo charts of shared/reference/charts (five versions) and the three gloo-ee
// charts (materialised by `node scripts/record-gloo-ee-renders.mjs --materialise`), every variant, both layouts.
// tests/mirror/overlay.test.ts then checks, without the binaries, that each recorded render pulls every image
// from the mirror with its tag and digest unchanged (except what the overlay reports unmovable), and that the
// library still computes the overlays that were recorded.
//
// Rendered mode (`renderedCases`): public charts with templates and no built-in profile (shared/reference/charts,
// and fixtures/charts/hardcoded-image, whose init container's image is written into its template), the overlay
// computed as `images --mirror --chart DIR` computes it (no profile, no chart version: proved by rendering the
// chart again with it), then rendered by both Helms without and with it.
//
//   npm run build && node scripts/record-mirror-overlays.mjs [--jobs N] [--rendered-only]
//
// --rendered-only re-records the rendered cases and keeps the profile cases of the recorded file as they are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pool, renderCase, ROOT } from './lib/helm-runner.mjs';

const require = createRequire(import.meta.url);
const lib = require(path.join(ROOT, 'dist', 'cjs', 'index.js'));
const node = require(path.join(ROOT, 'dist', 'cjs', 'node', 'index.js'));

const SHARED = path.resolve(ROOT, '..', 'shared', 'reference');
const OUT = path.join(ROOT, 'tests', 'mirror', 'recorded', 'overlays.json');
export const MIRROR = 'mirror.example.com:5000/air';
export const VARIANTS = ['standard', 'fips', 'distroless', 'fips-distroless'];
export const LAYOUTS = ['keep', 'flatten'];
const LICENSE = 'license_key=placeholder-license-key';

/**
 * The charts: [id, directory Helm renders, directory the overlay is computed from (what the tests load), extra
 * --set]. gloo-ee's templates are not in the repository: the overlay comes from its data-only tree, which the
 * materialising script proves equal to the rendered chart's data files.
 */
export const CHARTS = [
  ...['v1.16.27', 'v1.17.0', 'v1.18.40', 'v1.19.10', 'v1.21.12'].map((v) => [`gloo-${v}`, path.join(SHARED, 'charts', `gloo-${v}`), path.join(SHARED, 'charts', `gloo-${v}`), []]),
  ...['1.16.2', '1.17.0', '1.0.0-ci1'].map((v) => [`gloo-ee-${v}`, path.join(ROOT, '.cache', 'gloo-ee-charts', v), path.join(SHARED, 'gloo-ee', 'charts', v), [LICENSE]]),
];

/** Charts rendered without a profile: [id, directory]. */
export const RENDERED_CHARTS = [
  ...['bitnami-rabbitmq', 'dapr', 'fluent-bit', 'nats', 'jenkins', 'keda'].map((c) => [c, path.join(SHARED, 'charts', c)]),
  ['hardcoded-image', path.join(ROOT, 'fixtures', 'charts', 'hardcoded-image')],
];

async function renderedCases(jobs) {
  const cases = [];
  for (const [id, dir] of RENDERED_CHARTS) {
    const chart = await node.loadChart(dir);
    for (const layout of LAYOUTS) {
      const overlay = lib.mirrorOverlay({ chart }, { mirror: MIRROR, layout });
      if (overlay.mode !== 'rendered') throw new Error(`${id}: expected a rendered overlay, got ${overlay.mode}`);
      cases.push({ id: `${id}/${layout}`, dir, chartDir: path.relative(ROOT, dir), layout, yaml: overlay.yaml, unmovable: overlay.unmovable, notes: overlay.notes, targets: overlay.images.map((t) => ({ source: t.source, target: t.target ?? null })) });
    }
  }
  return withHelmRenders(cases, jobs, (c) => ({ id: c.id, chartDir: c.chartDir, layout: c.layout, overlay: c.yaml, unmovable: c.unmovable, notes: c.notes, targets: c.targets }));
}

/**
 * Each case rendered by both Helms without and with its overlay (the last -f): `entry(c)` and its `helm` map,
 * `{ 3|4: { before, after } }`, each `{ status, images, stderr }`.
 */
async function withHelmRenders(cases, jobs, entry) {
  const renders = await pool(cases.flatMap((c) => [3, 4].flatMap((major) => [{ c, major, withOverlay: false }, { c, major, withOverlay: true }])), jobs, async ({ c, major, withOverlay }) => {
    const r = await renderCase(major, c.dir, { ...(c.set ? { set: c.set } : {}), valuesFiles: withOverlay ? [c.yaml] : [] }, 'record-mirror-overlays');
    return { id: c.id, major, withOverlay, ...r };
  });
  return cases.map((c) => {
    const e = { ...entry(c), helm: {} };
    for (const major of [3, 4]) {
      const get = (w) => renders.find((r) => r.id === c.id && r.major === major && r.withOverlay === w);
      const b = get(false);
      const a = get(true);
      e.helm[major] = { before: { status: b.status, images: b.images, stderr: b.stderr }, after: { status: a.status, images: a.images, stderr: a.stderr } };
    }
    return e;
  });
}

async function main() {
  const jobs = Number(process.argv[process.argv.indexOf('--jobs') + 1]) || os.cpus().length;
  if (process.argv.includes('--rendered-only')) {
    const kept = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    kept.renderedCases = await renderedCases(jobs);
    fs.writeFileSync(OUT, `${JSON.stringify(kept, null, 1)}\n`);
    console.log(`${kept.renderedCases.length} rendered cases x 2 Helm versions written to ${path.relative(ROOT, OUT)} (profile cases kept)`);
    return;
  }
  const cases = [];
  for (const [id, dir, dataDir, extra] of CHARTS) {
    if (!fs.existsSync(path.join(dir, 'Chart.yaml'))) throw new Error(`${id}: no chart at ${dir} (gloo-ee: run node scripts/record-gloo-ee-renders.mjs --materialise)`);
    // the built-in profile of the chart, as `images --mirror --profile` would use it
    const chart = await node.loadChart(dataDir);
    for (const variant of VARIANTS) {
      const set = [...extra, `global.image.variant=${variant}`];
      for (const layout of LAYOUTS) {
        const profile = id.startsWith('gloo-ee') ? 'gloo-ee' : 'gloo';
        const overlay = lib.mirrorOverlay({ chart, set }, { profile, mirror: MIRROR, layout });
        cases.push({ id: `${id}/${variant}/${layout}`, dir, dataDir: path.relative(ROOT, dataDir), profile, chart: id, variant, layout, set, yaml: overlay.yaml, unmovable: overlay.unmovable });
      }
    }
  }
  const out = await withHelmRenders(cases, jobs, (c) => ({ id: c.id, chart: c.chart, dataDir: c.dataDir, profile: c.profile, variant: c.variant, layout: c.layout, set: c.set, overlay: c.yaml, unmovable: c.unmovable }));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const rendered = await renderedCases(jobs);
  fs.writeFileSync(OUT, `${JSON.stringify({ mirror: MIRROR, recordedWith: { helm3: 'v3.17.1', helm4: 'v4.1.4' }, cases: out, renderedCases: rendered }, null, 1)}\n`);
  console.log(`${out.length} cases and ${rendered.length} rendered cases x 2 Helm versions written to ${path.relative(ROOT, OUT)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
