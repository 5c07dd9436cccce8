// The gloo profile over the recorded renders of the fixture charts (tests/differential/gloo-renders): for every
// case, both Helm versions, the images the profile renders equal what the real Helm rendered from the fixture.
import fs from 'node:fs';
import path from 'node:path';
import { glooRules } from '../../src/images/gloo-epochs';
import { renderProfile } from '../../src/images/render';
import { loadValues } from '../../src/index';
import { loadChart } from '../../src/node/index';
import { glooProfile } from '../../src/profiles/gloo';
import { internalValues } from '../../src/values/load';
import type { Chart } from '../../src/chart/chart';

interface Outcome {
  status: number;
  images: Array<{ kind: string; name: string; container: string | null; image: string | null; fields?: Record<string, unknown> }>;
  stderr: string;
}
interface Case {
  name: string;
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  helm3: Outcome;
  helm4: Outcome;
}

const DIR = path.join(__dirname, '..', 'differential', 'gloo-renders');
const epochs = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

describe.each(epochs)('gloo %s', (epoch) => {
  const corpus: { chart: string; cases: Case[] } = JSON.parse(fs.readFileSync(path.join(DIR, `${epoch}.json`), 'utf8'));
  let chart: Chart;
  beforeAll(async () => {
    chart = await loadChart(path.join(__dirname, '..', '..', corpus.chart));
  });
  test.each(corpus.cases.flatMap((c) => [[c.name, 3, c] as const, [c.name, 4, c] as const]))('%s (Helm %i)', (_n, helmVersion, c) => {
    const want = helmVersion === 3 ? c.helm3 : c.helm4;
    const run = () => {
      const loaded = loadValues({
        chart,
        helmVersion,
        valuesFiles: (c.valuesFiles ?? []).map((text, i) => ({ name: `f${i}.yaml`, text })),
        set: c.set ?? [],
        setString: c.setString ?? [],
      });
      return renderProfile(glooProfile, internalValues(loaded)!, epoch, glooRules(epoch)).map((r) => {
        const row: Record<string, unknown> = { kind: r.kind, name: r.name, container: r.container, image: r.image };
        if (r.fields) row.fields = r.fields;
        return row;
      });
    };
    if (want.status !== 0) {
      expect(run).toThrow();
      return;
    }
    expect(run()).toEqual(want.images);
  });
});
