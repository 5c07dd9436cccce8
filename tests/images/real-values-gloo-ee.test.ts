// The real values files people wrote for the gloo-ee chart (../shared/reference/real-values) resolve against the
// gloo-ee profile at the version the file names where that is supported (1.16 and later), the newest built-in chart
// otherwise, each with `--set license_key=placeholder-license-key` as the reference's renders pass it. The resolved list of each file is recorded in tests/images/recorded/gloo-ee-real-values.json, so any change
// in what the resolver says about a real file shows up in review; `RECORD=1 npx jest tests/images/real-values-gloo-ee`
// rewrites it. The files rendered with the real 1.17.0 chart are compared in tests/differential (gloo-ee renders).
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
const entries: Entry[] = (JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Entry[]).filter((e) => e.chart === 'gloo-ee');
const recordedPath = path.join(__dirname, 'recorded', 'gloo-ee-real-values.json');
const recording = process.env.RECORD === '1';
const recorded: Record<string, unknown> = recording || !fs.existsSync(recordedPath) ? {} : (JSON.parse(fs.readFileSync(recordedPath, 'utf8')) as Record<string, unknown>);
const fresh: Record<string, unknown> = {};

/** The version a file names, when the built-in profile supports it (1.16 and later). */
function versionOf(e: Entry): string | undefined {
  const m = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/.exec(e.chartVersion ?? '');
  if (!m) return undefined;
  const [maj, min] = m[0].split('.').map(Number);
  return maj === 1 && min! >= 16 ? m[0] : undefined;
}

function outcome(e: Entry): unknown {
  // as the reference renders them: the file plus the licence key that every real install passes on the command line
  const loaded = loadValues({
    valuesFiles: [{ name: `${e.id}.yaml`, text: new Uint8Array(fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`))) }],
    set: ['license_key=placeholder-license-key'],
  });
  const version = versionOf(e);
  const notes: string[] = [];
  try {
    const images = resolveImages(loaded, { profile: 'gloo-ee', ...(version ? { chartVersion: version } : {}), onDiagnostic: (d) => notes.push(d.code) });
    const rows = images.flatMap((i) => i.workloads.map((w) => `${w.kind}/${w.name}/${w.container} ${i.reference}`)).sort();
    return { chartVersion: version ?? null, notes, images: rows };
  } catch (err) {
    expect(err).toBeInstanceOf(ResolveError);
    return { chartVersion: version ?? null, error: (err as ResolveError).code, message: (err as Error).message };
  }
}

test('there are real gloo-ee files', () => {
  expect(entries.length).toBeGreaterThan(40);
});

test.each(entries.map((e) => [e.id, e] as const))('%s resolves as recorded', (_id, e) => {
  const got = outcome(e);
  fresh[e.id] = got;
  if (!recording) expect(got).toEqual(recorded[e.id]);
});

afterAll(() => {
  if (recording) fs.writeFileSync(recordedPath, `${JSON.stringify(fresh, null, 1)}\n`);
});
