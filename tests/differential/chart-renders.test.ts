// renderChart on the real charts of ../shared/reference/charts against what the real Helm 3.17.1 and 4.1.4
// printed for the same values (tests/differential/chart-renders/corpus.json, from scripts/record-chart-renders.mjs):
// the output byte for byte (by sha256; by shape where the chart prints random values), every document, the images
// of every workload, and every failure's text. The charts are read from the shared reference, never copied here.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, renderChart, ResolveError, type Chart, type ValuesSource } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { manifestImages } from '../../src/render/manifest-images';
import { SHARED } from '../helpers/cases';

interface Outcome {
  status: number;
  error?: string;
  sha256?: string;
  shapeSha256?: string;
  random?: boolean;
  documents?: Array<[string, string]>;
  images?: Array<{ kind: string; name: string | null; container: string | null; image: unknown }>;
}
interface Case {
  id: string;
  chart: string;
  release?: string | null;
  namespace?: string;
  values?: string[];
  ci?: string[];
  set?: string[];
  setString?: string[];
  includeCrds?: boolean;
  showOnly?: string[];
  kubeVersion?: string;
  apiVersions?: string[];
  isUpgrade?: boolean;
  helm3: Outcome;
  helm4: Outcome;
}

const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, 'chart-renders', 'corpus.json'), 'utf8')) as { shapePattern: string; cases: Case[] };
const root = path.join(SHARED, 'charts');
const available = fs.existsSync(root);
const run = available ? test : test.skip;
const SHAPE = new RegExp(corpus.shapePattern, 'g');
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const shape = (s: string) => s.replace(SHAPE, '<R>');
const SUFFIX = '\n\nUse --debug flag to render out invalid YAML';

// the kinds and lists the recorder reads images from (scripts/lib/manifest-images.mjs)
const RECORDED_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'GatewayParameters']);

const charts = new Map<string, Promise<Chart>>();
function chartOf(name: string, h: 3 | 4): Promise<Chart> {
  const key = `${name}@${h}`;
  if (!charts.has(key)) charts.set(key, loadChart(path.join(root, name), { helmVersion: h }));
  return charts.get(key)!;
}

function sortKey(e: { kind: string; name: string | null; container: string | null; image: unknown }): string {
  return [e.kind, e.name, e.container, typeof e.image === 'string' ? e.image : JSON.stringify(e.image)].map(String).join('\0');
}

describe.each([3, 4] as const)('Helm %s', (h) => {
  run.each(corpus.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const expected = h === 3 ? c.helm3 : c.helm4;
    const chart = await chartOf(c.chart, h);
    const valuesFiles: ValuesSource[] = [
      ...(c.ci ?? []).map((f) => ({ name: path.join(root, c.chart, 'ci', f), text: fs.readFileSync(path.join(root, c.chart, 'ci', f)) })),
      ...(c.values ?? []).map((text, i) => ({ name: `v${i}.yaml`, text })),
    ];
    let result: ReturnType<typeof renderChart> | undefined;
    let error: string | undefined;
    try {
      const loaded = loadValues({ chart, helmVersion: h, valuesFiles, set: c.set ?? [], setString: c.setString ?? [] });
      const opts: Parameters<typeof renderChart>[1] = { releaseName: c.release ?? 'r' };
      if (c.namespace) opts.namespace = c.namespace;
      if (c.includeCrds) opts.includeCrds = true;
      if (c.showOnly) opts.showOnly = c.showOnly;
      if (c.kubeVersion) opts.kubeVersion = c.kubeVersion;
      if (c.apiVersions) opts.apiVersions = c.apiVersions;
      if (c.isUpgrade) opts.isUpgrade = true;
      result = renderChart(loaded, opts);
    } catch (e) {
      if (!(e instanceof ResolveError)) throw e;
      error = e.message;
    }
    if (expected.status !== 0) {
      expect(error).toBe(expected.error!.endsWith(SUFFIX) ? expected.error!.slice(0, -SUFFIX.length) : expected.error);
      return;
    }
    expect(error).toBeUndefined();
    const out = result!.output;
    const docs = out.trim().split(/(?:^|\s*\n)---\s*/).filter((d) => d !== '').map((d) => d.trim());
    const ours = docs.map((d) => [/^# Source: (.*)$/m.exec(d)?.[1] ?? '', (expected.random ? sha(shape(d)) : sha(d)).slice(0, 16)]);
    // document by document first, so that a failure names the template
    expect(ours).toEqual(expected.documents);
    if (expected.random) expect(sha(shape(out))).toBe(expected.shapeSha256);
    else expect(sha(out)).toBe(expected.sha256);
    if (expected.images) {
      const imgs = manifestImages(result!.documents)
        .filter((i) => RECORDED_KINDS.has(i.kind) && i.field !== 'ephemeralContainers')
        .map((i) => ({ kind: i.kind, name: i.name, container: i.container, image: i.image }));
      const theirs = expected.images.map((i) => ({ kind: i.kind, name: i.name, container: i.container, image: typeof i.image === 'number' ? String(i.image) : i.image }));
      expect(imgs.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual(theirs.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)));
    }
  });
});
