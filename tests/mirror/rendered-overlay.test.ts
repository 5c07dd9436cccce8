// The mirror overlay in rendered mode: charts with templates and no built-in profile (public charts of
// shared/reference/charts, and a fixture chart with a hard-coded image), the overlay proved by rendering the chart
// again with it. Rendered by the real Helm 3.17.1 and 4.1.4 with the overlay as the last -f (recorded by
// scripts/record-mirror-overlays.mjs --rendered-only), every image comes from the mirror with its tag and digest,
// but what the overlay reports unmovable; the library still computes the recorded overlays; diff compares
// rendered images as `images` lists them.
import fs from 'node:fs';
import path from 'node:path';
import { diffImages, loadValues, mirrorOverlay, ResolveError, resolveImages } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { runCli } from '../cli/run-cli';

const ROOT = path.join(__dirname, '..', '..');
interface HelmImage { kind: string; name: string; container: string; image: string }
interface Outcome { status: number; images: HelmImage[]; stderr: string }
interface RenderedCase {
  id: string; chartDir: string; layout: 'keep' | 'flatten'; overlay: string; notes: string[];
  unmovable: Array<{ valuesPath: string; reference: string; reason: string }>;
  targets: Array<{ source: string; target: string | null }>;
  helm: Record<'3' | '4', { before: Outcome; after: Outcome }>;
}
const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'overlays.json'), 'utf8')) as { mirror: string; renderedCases: RenderedCase[] };
const MIRROR = recorded.mirror;
const sorted = (xs: string[]) => [...xs].sort();

test('the recorded rendered set: seven charts (one with a hard-coded image), both layouts', () => {
  expect(recorded.renderedCases.map((c) => c.id)).toHaveLength(14);
  expect(recorded.renderedCases.filter((c) => c.unmovable.length).map((c) => c.id)).toEqual(['hardcoded-image/keep', 'hardcoded-image/flatten']);
});

describe.each(recorded.renderedCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  test.each(['3', '4'] as const)('Helm %s with the overlay pulls every image from the mirror, but the unmovable ones', (major) => {
    const { before, after } = c.helm[major];
    expect([before.status, after.status]).toEqual([0, 0]);
    const unmovable = new Set(c.unmovable.map((u) => u.reference));
    const target = new Map(c.targets.map((t) => [t.source, t.target]));
    // workloads compared by kind and image: some charts name their test pods anew on every render
    const expected = before.images.map((e) => `${e.kind} ${unmovable.has(e.image) ? e.image : target.get(e.image)}`);
    expect(sorted(after.images.map((e) => `${e.kind} ${e.image}`))).toEqual(sorted(expected));
    for (const e of after.images) if (!unmovable.has(e.image)) expect(e.image.startsWith(`${MIRROR}/`)).toBe(true);
  });

  test('the library computes the recorded overlay, and our render with it moves what Helm moves', async () => {
    const chart = await loadChart(path.join(ROOT, c.chartDir));
    const o = mirrorOverlay({ chart }, { mirror: MIRROR, layout: c.layout });
    expect(o.mode).toBe('rendered');
    expect(o.yaml).toBe(c.overlay);
    expect(o.unmovable).toEqual(c.unmovable);
    expect(o.notes).toEqual(c.notes);
    const ours = resolveImages(loadValues({ chart, valuesFiles: [{ name: 'overlay.yaml', text: o.yaml }] }));
    const helm = c.helm['4'].after.images.map((e) => e.image);
    // the recorder lists workload kinds' containers, not bare Pods (test hooks): those are compared for the rest
    const workloads = ours.filter((i) => i.workloads.some((w) => w.kind !== 'Pod'));
    expect(sorted([...new Set(workloads.map((i) => i.reference))])).toEqual(sorted([...new Set(helm)]));
    const unmovable = new Set(o.unmovable.map((u) => u.reference));
    for (const i of ours) if (!unmovable.has(i.reference)) expect(i.reference.startsWith(`${MIRROR}/`)).toBe(true);
  });
});

describe('rendered overlays: what the values cannot move, and the charts that need more than a registry', () => {
  test('a hard-coded image is unmovable, with the reason; the CLI exits 1 unless --allow-unmovable', () => {
    const chart = path.join(ROOT, 'fixtures', 'charts', 'hardcoded-image');
    const r = runCli(['images', '--chart', chart, '--mirror', MIRROR]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: not moved to the mirror: busybox:1.36: the chart prints this reference from its templates (hard-coded');
    expect(r.stdout).toContain('repository: "nginx"');
    expect(runCli(['images', '--chart', chart, '--mirror', MIRROR, '--allow-unmovable']).code).toBe(0);
  });

  test("Bitnami's image verification: the overlay sets global.security.allowInsecureImages, without which the chart refuses to render", async () => {
    const chart = await loadChart(path.join(ROOT, '..', 'shared', 'reference', 'charts', 'bitnami-rabbitmq'));
    const o = mirrorOverlay({ chart }, { mirror: MIRROR });
    expect(o.values).toEqual({ global: { imageRegistry: MIRROR, security: { allowInsecureImages: true } } });
    expect(o.yaml).toContain('allowInsecureImages: true\n');
    expect(o.notes).toEqual([expect.stringContaining('global.security.allowInsecureImages is set to true')]);
    const without = o.yaml.replace(/\n {2}security:\n {4}allowInsecureImages: true/, '');
    expect(without).not.toContain('allowInsecureImages');
    expect(() => resolveImages(loadValues({ chart, valuesFiles: [{ name: 'o.yaml', text: without }] }))).toThrow(ResolveError);
    const cli = runCli(['images', '--chart', path.join(ROOT, '..', 'shared', 'reference', 'charts', 'bitnami-rabbitmq'), '--mirror', MIRROR]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(o.yaml);
    expect(cli.stderr).toContain('note: global.security.allowInsecureImages is set to true');
  });

  // the gloo charts have templates: without a profile their overlay is proved by rendering, and it is the overlay
  // recorded in profile mode and rendered by both Helms (overlay.test.ts); standard and distroless kept, standard flattened
  const glooCases = (JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'overlays.json'), 'utf8')) as { cases: Array<{ id: string; dataDir: string; profile: string; set: string[]; layout: 'keep' | 'flatten'; overlay: string; unmovable: unknown[] }> }).cases
    .filter((c) => c.profile === 'gloo' && /\/((standard|distroless)\/keep|standard\/flatten)$/.test(c.id));
  test.each(glooCases.map((c) => [c.id, c] as const))('%s: rendered mode proves the overlay recorded against Helm', async (_id, c) => {
    const chart = await loadChart(path.join(ROOT, c.dataDir));
    const o = mirrorOverlay({ chart, set: c.set }, { mirror: MIRROR, layout: c.layout });
    expect(o.mode).toBe('rendered');
    expect(o.yaml).toBe(c.overlay);
    expect(o.unmovable).toEqual(c.unmovable);
  });

  test('an explicit profile or chart version keeps the profile mode', async () => {
    const chart = await loadChart(path.join(ROOT, '..', 'shared', 'reference', 'charts', 'gloo-v1.18.40'));
    const rendered = mirrorOverlay({ chart }, { mirror: MIRROR });
    const profile = mirrorOverlay({ chart }, { mirror: MIRROR, profile: 'gloo' });
    expect([rendered.mode, profile.mode]).toEqual(['rendered', 'profile']);
    // both ways the gloo chart takes the same overlay
    expect(rendered.yaml).toBe(profile.yaml);
  });
});

describe('diff compares rendered images when the chart has templates', () => {
  const fluent = path.join(ROOT, '..', 'shared', 'reference', 'charts', 'fluent-bit');
  test('library: a values change of a chart without a profile', async () => {
    const chart = await loadChart(fluent);
    const a = resolveImages(loadValues({ chart }));
    const b = resolveImages(loadValues({ chart, set: ['image.tag=5.2.0', 'testFramework.enabled=false'] }));
    expect(a.every((i) => i.source === 'rendered')).toBe(true);
    const changes = diffImages(a, b);
    expect(changes.map((c) => [c.change, c.component, c.fields, c.after?.reference ?? c.before?.reference])).toEqual([
      ['removed', 'busybox', [], 'busybox:latest'],
      ['changed', 'fluent-bit', ['tag'], 'cr.fluentbit.io/fluent/fluent-bit:5.2.0'],
    ]);
  });
  test('CLI: the same answer as images gives on each side; exit 1', () => {
    const r = runCli(['diff', '--chart', fluent, '-o', 'json', '--to', '--set', 'image.tag=5.2.0', '--set', 'testFramework.enabled=false']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const { changes } = JSON.parse(r.stdout) as { changes: Array<{ change: string; component: string; after?: { workloads: string[] } }> };
    expect(changes.map((c) => [c.change, c.component])).toEqual([['removed', 'busybox'], ['changed', 'fluent-bit']]);
    // workloads come from the render: only rendered mode knows them for a chart without a profile
    expect(changes[1]!.after!.workloads).toEqual(['DaemonSet/gloo-fluent-bit:fluent-bit']);
  });
  test('CLI: a mirror overlay as the second side moves every image (what an air-gapped install changes)', () => {
    const chart = path.join(ROOT, 'fixtures', 'charts', 'hardcoded-image');
    const o = runCli(['images', '--chart', chart, '--mirror', MIRROR, '--allow-unmovable']);
    const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'hiv-ov-')), 'mirror.yaml');
    fs.writeFileSync(file, o.stdout);
    const r = runCli(['diff', '--chart', chart, '--to', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${MIRROR}/library/nginx:1.27.0`);
    expect(r.stdout).not.toContain('busybox');
  });
});
