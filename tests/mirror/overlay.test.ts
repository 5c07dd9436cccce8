// The mirror overlay of `images --mirror`: rendered by the real Helm 3.17.1 and 4.1.4 with the overlay as the
// last -f (recorded by scripts/record-mirror-overlays.mjs), every image of the gloo charts at five versions and
// the three gloo-ee charts, in every variant and both layouts, comes from the mirror with its tag and digest
// unchanged; and the library still computes exactly the overlays that were recorded.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, mirrorOverlay, mirrorTargets, ResolveError, resolveImages, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { formatCopyList, formatSkopeoSync } from '../../src/report/copy';
import { runCli } from '../cli/run-cli';

const ROOT = path.join(__dirname, '..', '..');
interface HelmImage { kind: string; name: string; container: string; image: string }
interface Outcome { status: number; images: HelmImage[]; stderr: string }
interface RecordedCase {
  id: string; dataDir: string; profile: string; set: string[]; layout: 'keep' | 'flatten'; overlay: string;
  unmovable: Array<{ valuesPath: string; reference: string; reason: string }>;
  helm: Record<'3' | '4', { before: Outcome; after: Outcome }>;
}
const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'overlays.json'), 'utf8')) as { mirror: string; cases: RecordedCase[] };
const MIRROR = recorded.mirror;

/** The `:tag@digest` end of a reference. */
function tail(ref: string): string {
  const at = ref.indexOf('@');
  const named = at < 0 ? ref : ref.slice(0, at);
  const colon = named.lastIndexOf(':');
  return (colon > named.lastIndexOf('/') ? named.slice(colon) : '') + (at < 0 ? '' : ref.slice(at));
}

test('the recorded set covers five gloo versions and three gloo-ee charts, every variant, both layouts', () => {
  expect(recorded.cases).toHaveLength(64);
});

describe.each(recorded.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  test.each(['3', '4'] as const)('Helm %s with the overlay pulls every image from the mirror, tags and digests kept', (major) => {
    const { before, after } = c.helm[major];
    expect([before.status, after.status]).toEqual([0, 0]);
    const unmovable = new Set(c.unmovable.map((u) => u.reference));
    const key = (e: HelmImage) => `${e.kind}/${e.name}/${e.container}`;
    const moved = new Map(after.images.map((e) => [key(e), e.image]));
    expect(after.images).toHaveLength(before.images.length);
    for (const e of before.images) {
      const now = moved.get(key(e));
      if (unmovable.has(e.image)) expect(now).toBe(e.image);
      else {
        expect(now?.startsWith(`${MIRROR}/`)).toBe(true);
        expect(tail(now!)).toBe(tail(e.image));
      }
    }
  });

  test('the library computes the recorded overlay, and resolves the images Helm renders with it', async () => {
    const chart = await loadChart(path.join(ROOT, c.dataDir));
    const o = mirrorOverlay({ chart, set: c.set }, { profile: c.profile, mirror: MIRROR, layout: c.layout });
    expect(o.yaml).toBe(c.overlay);
    expect(o.unmovable).toEqual(c.unmovable);
    const ours = resolveImages(loadValues({ chart, set: c.set, valuesFiles: [{ name: 'overlay.yaml', text: o.yaml }] }), { profile: c.profile });
    const helm = new Set(c.helm['4'].after.images.filter((e) => e.kind !== 'GatewayParameters').map((e) => e.image));
    for (const r of ours.filter((i) => i.workloads.some((w) => w.kind !== 'GatewayParameters'))) expect(helm.has(r.reference)).toBe(true);
  });
});

describe('mirrorOverlay and mirrorTargets', () => {
  const gloo = (set: string[] = []) => ({ set });
  test('a --set of a block beats any -f file: that image is reported unmovable, with the reason, and the rest move', () => {
    const o = mirrorOverlay(gloo(['gloo.deployment.image.registry=quay.io/solo-io']), { profile: 'gloo', chartVersion: '1.18.0', mirror: 'mirror.example.com/m' });
    expect(o.unmovable.map((u) => u.valuesPath)).toEqual(['gloo.deployment.image']);
    expect(o.unmovable[0]!.reason).toMatch(/--set flag, which beats every -f file/);
    const after = resolveImages(loadValues({ set: ['gloo.deployment.image.registry=quay.io/solo-io'], valuesFiles: [o.yaml] }), { profile: 'gloo', chartVersion: '1.18.0' });
    expect(after.filter((i) => !i.reference.startsWith('mirror.example.com/m/')).map((i) => i.valuesPath)).toEqual(['gloo.deployment.image']);
  });

  test('digests are kept, on a values set pinning one', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const o = mirrorOverlay(gloo([`gloo.deployment.image.digest=${digest}`]), { profile: 'gloo', chartVersion: '1.18.0', mirror: 'mirror.example.com' });
    const g = o.images.find((i) => i.valuesPath === 'gloo.deployment.image')!;
    expect(g.target).toBe(`mirror.example.com/solo-io/gloo:1.18.0@${digest}`);
    expect(o.unmovable).toEqual([]);
  });

  test('flatten: two sources on one mirror name get no target and say why', () => {
    const img = (reference: string, valuesPath: string): ResolvedImage => ({ component: 'x', valuesPath, reference, variant: 'standard', source: 'chart', workloads: [] });
    const t = mirrorTargets([img('quay.io/a/app:1', 'a.image'), img('docker.io/b/app:2', 'b.image'), img('quay.io/a/other:1', 'c.image')], { mirror: 'm.example.com', layout: 'flatten' });
    expect(t.map((x) => x.target)).toEqual([undefined, undefined, 'm.example.com/other:1']);
    expect(t[0]!.reason).toMatch(/docker\.io\/b\/app and quay\.io\/a\/app would both be m\.example\.com\/app/);
  });

  test.each([
    ['https://m.example.com', /names a scheme/],
    ['mirror', /not a registry host/],
    ['m.example.com/UPPER', /not a valid path component/],
    ['', /expected REGISTRY/],
  ])('a bad mirror %j is an invalid-option ResolveError', (mirror, message) => {
    expect(() => mirrorTargets([], { mirror })).toThrow(ResolveError);
    expect(() => mirrorTargets([], { mirror })).toThrow(message);
  });

  test('keys YAML 1.1 would read as booleans are quoted, and the overlay loads back to the same values', () => {
    const o = mirrorOverlay({ set: ['gatewayProxies.on.podTemplate.image.repository=gloo-envoy-wrapper', 'gatewayProxies.on.podTemplate.image.tag=1.18.0'] }, { profile: 'gloo', chartVersion: '1.18.0', mirror: 'localhost:5000' });
    expect(o.unmovable).toEqual([]);
    expect(loadValues({ valuesFiles: [o.yaml] }).values).toEqual(o.values);
  });
});

describe('copy lists', () => {
  const images = resolveImages(loadValues({ set: [`gloo.deployment.image.digest=sha256:${'d'.repeat(64)}`] }), { profile: 'gloo', chartVersion: '1.18.0' });
  test('-o copy: by digest where pinned, to the tag the chart names', () => {
    const list = formatCopyList(mirrorTargets(images, { mirror: 'mirror.example.com/m' }));
    expect(list).toContain(`quay.io/solo-io/gloo@sha256:${'d'.repeat(64)} mirror.example.com/m/solo-io/gloo:1.18.0\n`);
    expect(list).toContain('quay.io/solo-io/discovery:1.18.0 mirror.example.com/m/solo-io/discovery:1.18.0\n');
  });
  test('-o skopeo: per registry and repository, pinned images by digest', () => {
    const y = formatSkopeoSync(images);
    expect(y).toContain(`"quay.io":\n  images:\n`);
    expect(y).toContain(`    "solo-io/gloo":\n      - "sha256:${'d'.repeat(64)}"\n`);
    expect(loadValues({ valuesFiles: [y] }).values['quay.io']).toBeDefined();
  });
});

describe('the images command', () => {
  test('--mirror prints the overlay the library computes; exit 0', () => {
    const r = runCli(['images', '--profile', 'gloo-ee', '--chart-version', '1.17.0', '--set', 'license_key=k', '--mirror', 'mirror.example.com/air']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(mirrorOverlay({ set: ['license_key=k'] }, { profile: 'gloo-ee', chartVersion: '1.17.0', mirror: 'mirror.example.com/air' }).yaml);
  });

  test('unmovable images: listed on stderr, exit 1; --allow-unmovable exits 0', () => {
    const args = ['images', '--profile', 'gloo', '--chart-version', '1.18.0', '--set', 'gloo.deployment.image.registry=quay.io/solo-io', '--mirror', 'mirror.example.com'];
    const r = runCli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: not moved to the mirror: quay\.io\/solo-io\/gloo:1\.18\.0 \(gloo\.deployment\.image\)/);
    expect(runCli([...args, '--allow-unmovable']).code).toBe(0);
  });

  test('--output-file writes the overlay', () => {
    const out = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'hiv-mirror-')), 'sub', 'mirror.yaml');
    const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.18.0', '--mirror', 'mirror.example.com', '--mirror-layout', 'flatten', '--output-file', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(fs.readFileSync(out, 'utf8')).toContain('registry: "mirror.example.com"');
  });

  test('--all-variants: every variant the chart version publishes', () => {
    const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.18.0', '-o', 'list', '--all-variants']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quay.io/solo-io/gloo:1.18.0\n');
    expect(r.stdout).toContain('quay.io/solo-io/gloo:1.18.0-distroless\n');
  });

  test.each([
    [['-o', 'copy'], /-o copy needs --mirror/],
    [['--mirror-layout', 'flatten'], /--mirror-layout goes with --mirror/],
    [['--mirror', 'm.example.com', '-o', 'table'], /with --mirror, -o is list/],
    [['--mirror', 'm.example.com', '--all-variants'], /an overlay belongs to one release/],
    [['--mirror', 'nohost'], /not a registry host/],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = runCli(['images', '--profile', 'gloo', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
