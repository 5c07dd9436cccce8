// Images from rendering equal images from the profile: the recorded gloo cases (tests/differential/gloo-renders)
// rendered with the REAL Gloo charts of ../shared/reference/charts (renderChart), their images read from the
// manifests, against (1) what the real Helm recorded and (2) what the gloo profile resolves for the same values.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, renderChart, resolveImages, type Chart, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { manifestImages } from '../../src/render/manifest-images';
import { SHARED } from '../helpers/cases';

interface Row { kind: string; name: string | null; container: string | null; image: unknown }
interface Outcome { status: number; images: Row[]; stderr: string }
interface Case { name: string; valuesFiles?: string[]; set?: string[]; setString?: string[]; helm3: Outcome; helm4: Outcome }

const DIR = path.join(__dirname, '..', 'differential', 'gloo-renders');
// epochs whose real chart is in the reference (the others are fixture-only)
const REAL: Record<string, string> = { '1.16.27': 'gloo-v1.16.27', '1.17.0': 'gloo-v1.17.0', '1.18.40': 'gloo-v1.18.40', '1.19.10': 'gloo-v1.19.10' };
const root = path.join(SHARED, 'charts');
const available = fs.existsSync(root);
const KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'GatewayParameters']);

const key = (r: Row) => [r.kind, r.name, r.container, typeof r.image === 'string' ? r.image : JSON.stringify(r.image)].map(String).join(' | ');
const sorted = (rows: Row[]) => rows.map(key).sort();
/** The (workload, reference) pairs of resolved images. */
const pairs = (imgs: ResolvedImage[]) => imgs.flatMap((i) => i.workloads.map((w) => `${w.kind} | ${w.name} | ${w.container} | ${i.reference}`)).sort();

describe.each(Object.keys(REAL))('gloo %s (real chart)', (epoch) => {
  const corpus: { cases: Case[] } = JSON.parse(fs.readFileSync(path.join(DIR, `${epoch}.json`), 'utf8'));
  const charts: Partial<Record<3 | 4, Chart>> = {};
  beforeAll(async () => {
    if (!available) return;
    for (const h of [3, 4] as const) charts[h] = await loadChart(path.join(root, REAL[epoch]!), { helmVersion: h });
  });
  // every other case with Helm 4, every sixth with Helm 3 (the two Helm versions render the same images here);
  // the named cases (not random-NNN) always
  const rows = corpus.cases.flatMap((c, i) => [
    ...(i % 2 === 0 || !c.name.startsWith('random-') ? [[c.name, 4, c] as const] : []),
    ...(i % 6 === 0 ? [[c.name, 3, c] as const] : []),
  ]);
  (available ? test.each(rows) : test.skip.each(rows))('%s (Helm %i)', (_n, h, c) => {
    const want = h === 3 ? c.helm3 : c.helm4;
    const load = () =>
      loadValues({
        chart: charts[h]!,
        helmVersion: h,
        valuesFiles: (c.valuesFiles ?? []).map((text, i) => ({ name: `f${i}.yaml`, text })),
        set: c.set ?? [],
        setString: c.setString ?? [],
      });
    if (want.status !== 0) {
      // the recorded texts come from the fixture charts, whose template lines differ from the real chart's: the
      // same failure, and for a YAML refusal the same file and words (line numbers aside)
      const text = want.stderr.replace(/^Error: /, '').replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
      let message = '';
      try {
        renderChart(load(), { releaseName: 'gloo', namespace: 'gloo-system' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      if (text.startsWith('YAML parse error')) expect(message.replace(/line \d+/, 'line N')).toBe(text.replace(/line \d+/, 'line N'));
      return;
    }
    const loaded = load();
    const doc = renderChart(loaded, { releaseName: 'gloo', namespace: 'gloo-system' }).documents;
    const rendered = manifestImages(doc)
      .filter((i) => KINDS.has(i.kind) && i.field !== 'ephemeralContainers')
      .map((i) => ({ kind: i.kind, name: i.name, container: i.container, image: i.image }));
    // (1) the real Helm's images
    expect(sorted(rendered)).toEqual(sorted(want.images.map((r) => ({ ...r, image: typeof r.image === 'number' ? String(r.image) : r.image }))));
    // (2) the profile's images, and resolveImages' rendered mode, as workload/reference pairs
    const byProfile = pairs(resolveImages(loaded, { profile: 'gloo', releaseName: 'gloo' }));
    const byRender = resolveImages(loaded, { releaseName: 'gloo' });
    expect(byRender.every((i) => i.source === 'rendered')).toBe(true);
    expect(pairs(byRender)).toEqual(byProfile);
  });
});
