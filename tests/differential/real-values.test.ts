// Values files people wrote for the gloo and gloo-ee charts (../shared/reference/real-values): each loads
// under both Helm rule sets, every value keeps its location, and where the Helm binaries can run here
// (x86-64 Linux with the dev dependencies installed, as in CI) the result equals what the real Helm 3.17.1
// and 4.1.4 render for the same file. Nothing of these files is copied into the project.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues } from '../../src/index';
import { SHARED } from '../helpers/cases';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helm = require('../helpers/helm-binaries.cjs') as {
  helmPath(major: 3 | 4): string | null;
  renderValues(major: 3 | 4, input: object): { status: number; valuesLine: string | null; stderr: string };
};

interface Entry {
  id: string;
  chart: string;
}
const dir = path.join(SHARED, 'real-values');
const entries: Entry[] = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
const read = (e: Entry) => new Uint8Array(fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`)));

/** Every scalar leaf's dotted path. */
function leaves(v: unknown, p: string, out: string[]): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${p}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) leaves((v as Record<string, unknown>)[k], p === '' ? k.replace(/\./g, '\\.') : `${p}.${k.replace(/\./g, '\\.')}`, out);
  } else if (p !== '') out.push(p);
  return out;
}

test('there are real files to read', () => {
  expect(entries.length).toBeGreaterThan(50);
});

describe.each([3, 4] as const)('Helm %i rules', (version) => {
  test.each(entries.map((e) => [e.id, e] as const))('%s loads, every value located', (_id, e) => {
    const name = `${e.id}.yaml`;
    const r = loadValues({ helmVersion: version, valuesFiles: [{ name, text: read(e) }] });
    for (const p of leaves(r.values, '', [])) {
      const where = r.locate(p);
      expect(where?.file).toBe(name);
      expect(where!.line).toBeGreaterThan(0);
    }
  });
});

const live = helm.helmPath(3) !== null && helm.helmPath(4) !== null;
(live ? describe.each([3, 4] as const) : describe.skip.each([3, 4] as const))('agrees with the real Helm %i', (version) => {
  test.each(entries.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    const text = fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`), 'utf8');
    const rendered = helm.renderValues(version, { chartValuesYaml: null, valuesFiles: [text] });
    const ours = loadValues({ helmVersion: version, valuesFiles: [{ name: 'f0.yaml', text }] });
    expect(rendered.status).toBe(0);
    expect(ours.toJson()).toBe(rendered.valuesLine);
  });
});
