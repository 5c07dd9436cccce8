// The gloo-ee profile over the recorded renders of the three REAL gloo-ee charts (tests/differential/gloo-ee-renders,
// made by scripts/record-gloo-ee-renders.mjs with the real Helm v3.17.1 and v4.1.4): for every case and both Helm
// versions, resolveImages over the chart's data tree (../shared/reference/gloo-ee/charts/<version>, loaded as Helm
// loads it) gives exactly the (kind, name, container, image) list Helm rendered, and fails where Helm failed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, resolveImages, ResolveError, type ResolvedImage } from '../../src/index';
import { loadChart } from '../../src/node/index';
import type { Chart } from '../../src/chart/chart';
import { SHARED } from '../helpers/cases';
import { imageRows } from '../helpers/image-rows';

interface Row {
  kind: string;
  name: string;
  container: string | null;
  image: string | null;
  fields?: Record<string, unknown>;
}
interface Outcome {
  status: number;
  images: Row[];
  stderr: string;
}
interface Case {
  name: string;
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  /** A real values file of the reference (path under ../shared/reference), used as the only -f file. */
  realValuesFile?: string;
  realValuesSha256?: string;
  helm3: Outcome;
  helm4: Outcome;
}

const DIR = path.join(__dirname, 'gloo-ee-renders');
const versions = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')) : [];

/** The rendered rows of a resolved list, in the corpus order. */
const rowsOf = (images: ResolvedImage[]): Row[] => imageRows(images, (i) => i.source === 'passthrough' && i.reference === '');

/** A real values file, as bytes; it must be the file the corpus was recorded with. */
function realFile(c: Case): { name: string; text: Uint8Array } {
  const bytes = fs.readFileSync(path.join(SHARED, c.realValuesFile!));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.realValuesSha256);
  return { name: path.basename(c.realValuesFile!), text: new Uint8Array(bytes) };
}

test('there is a gloo-ee corpus for each real chart', () => {
  expect(versions.sort()).toEqual(['1.0.0-ci1', '1.16.2', '1.17.0']);
});

describe.each(versions)('gloo-ee %s', (version) => {
  const corpus: { cases: Case[] } = JSON.parse(fs.readFileSync(path.join(DIR, `${version}.json`), 'utf8'));
  const charts: Partial<Record<3 | 4, Chart>> = {};
  beforeAll(async () => {
    for (const h of [3, 4] as const) charts[h] = await loadChart(path.join(SHARED, 'gloo-ee', 'charts', version), { helmVersion: h });
  });
  test.each(corpus.cases.flatMap((c) => [[c.name, 3, c] as const, [c.name, 4, c] as const]))('%s (Helm %i)', (_n, helmVersion, c) => {
    const want = helmVersion === 3 ? c.helm3 : c.helm4;
    const run = () => {
      const loaded = loadValues({
        chart: charts[helmVersion]!,
        helmVersion,
        valuesFiles: c.realValuesFile ? [realFile(c)] : (c.valuesFiles ?? []).map((text, i) => ({ name: `f${i}.yaml`, text })),
        setJson: c.setJson ?? [],
        set: c.set ?? [],
        setString: c.setString ?? [],
      });
      return rowsOf(resolveImages(loaded, { profile: 'gloo-ee', requireLicense: true }));
    };
    if (want.status !== 0) {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      // Helm refused the values or failed to render: we must refuse too (a ValuesError or a ResolveError)
      expect(err).toBeInstanceOf(Error);
      if (err instanceof ResolveError) expect(err.code).toBe('render-failed');
      return;
    }
    expect(run()).toEqual(want.images);
  });
});
