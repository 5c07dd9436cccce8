// The real values files people wrote for the gloo chart (../shared/reference/real-values) resolve against the
// gloo profile without a crash: at the version the file names where that is supported, the current rules
// otherwise. A file the chart itself cannot render is a ResolveError, never anything else.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, resolveImages, ResolveError } from '../../src/index';
import { SHARED } from '../helpers/cases';

interface Entry {
  id: string;
  chart: string;
  chartVersion: string | null;
}
const dir = path.join(SHARED, 'real-values');
const entries: Entry[] = (JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Entry[]).filter((e) => e.chart === 'gloo');

function versionOf(e: Entry): string | undefined {
  const m = /^\d+\.\d+\.\d+/.exec(e.chartVersion ?? '');
  if (!m) return undefined;
  const [maj, min] = m[0].split('.').map(Number);
  return maj === 1 && min! >= 16 ? m[0] : undefined;
}

test('there are real gloo files', () => {
  expect(entries.length).toBeGreaterThan(15);
});

test.each(entries.map((e) => [e.id, e] as const))('%s resolves', (_id, e) => {
  const loaded = loadValues({ valuesFiles: [{ name: `${e.id}.yaml`, text: new Uint8Array(fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`))) }] });
  const version = versionOf(e);
  try {
    const images = resolveImages(loaded, version ? { chartVersion: version } : {});
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) expect(typeof i.reference).toBe('string');
  } catch (err) {
    expect(err).toBeInstanceOf(ResolveError);
  }
});
