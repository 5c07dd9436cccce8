// Profile paths and values keys are data (issue 13, defect 1): a profile naming its image block `__proto__.x`,
// `__proto__` or `constructor.prototype` passes checkProfile, and then valuesSchema, validateValues and
// resolveImages must treat those segments as keys of the values like any other, never reach a prototype, and give
// the answer they give for an ordinary key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkProfile, loadValues, resolveImages, validateValues, valuesSchema, type Profile } from '../../src/index';
import { runCli } from '../cli/run-cli';

/** Every own property of the objects a write through a path could reach by mistake. */
function globals(): string {
  return JSON.stringify([Object.prototype, Object, Function.prototype, Array.prototype].map((o) => Object.getOwnPropertyNames(o).sort()));
}
const BEFORE = globals();

const profileWith = (image: string, each?: string): Profile => ({
  name: 'web',
  chart: 'web',
  globalImage: 'global.image',
  workloads: each ? [] : [{ kind: 'Deployment', name: 'w', containers: [{ name: 'web', image }] }],
  fanOuts: each ? [{ each, kind: [{ kind: 'Deployment' }], containers: [{ name: 'web', image: `$.${image}` }] }] : [],
  imageFields: [],
});

/** Values YAML placing an image block at `path` (every segment quoted: `__proto__` is a plain key to Helm). */
function valuesAt(path: string): string {
  const parts = path.split('.');
  const lines = ['global:', '  image:', '    registry: r.example'];
  parts.forEach((p, i) => lines.push(`${'  '.repeat(i)}${JSON.stringify(p)}:`));
  const ind = '  '.repeat(parts.length);
  lines.push(`${ind}repository: web`, `${ind}tag: "1.0"`, `${ind}variant: Distroless`);
  return lines.join('\n') + '\n';
}

// [profile path of the image block, values path of the block, fan-out map (or none)]
const rows: Array<[string, string, string | undefined]> = [
  ['__proto__.x', '__proto__.x', undefined],
  ['__proto__', '__proto__', undefined],
  ['constructor.prototype', 'constructor.prototype', undefined],
  ['constructor.prototype.x', 'constructor.prototype.x', undefined],
  ['a.__proto__.b', 'a.__proto__.b', undefined],
  ['toString', 'toString', undefined],
  ['hasOwnProperty.valueOf', 'hasOwnProperty.valueOf', undefined],
  // a fan-out over a map whose entries sit under `__proto__`, and an entry named `__proto__`
  ['image', '__proto__.proxy.image', '__proto__'],
  ['image', 'proxies.__proto__.image', 'proxies'],
];

describe.each(rows)('image block %s (values %s, fan-out over %s)', (image, valuesPath, each) => {
  const profile = profileWith(image, each);

  afterEach(() => expect(globals()).toBe(BEFORE));

  test('checkProfile accepts it', () => {
    expect(checkProfile(profile)).toBe(profile);
  });

  test('valuesSchema places the block under own keys', () => {
    const schema = valuesSchema(profile) as Record<string, unknown>;
    // walk the schema by own properties only, as JSON would
    let node: unknown = schema;
    const segs = (each ? `${each}.*.${image}` : image).split('.');
    for (const s of segs) {
      const key = s === '*' ? 'additionalProperties' : 'properties';
      expect(Object.prototype.hasOwnProperty.call(node, key)).toBe(true);
      node = (node as Record<string, unknown>)[key];
      if (s !== '*') {
        expect(Object.prototype.hasOwnProperty.call(node, s)).toBe(true);
        node = (node as Record<string, unknown>)[s];
      }
    }
    expect(node).toEqual({ $ref: '#/definitions/imageBlock' });
    // the schema survives a JSON round trip unchanged (no key lost to a prototype)
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  test('resolveImages reads the block at that key', () => {
    const loaded = loadValues({ valuesFiles: [{ name: 'v.yaml', text: valuesAt(valuesPath) }] });
    for (const values of [loaded, JSON.parse(JSON.stringify(loaded.values)) as Record<string, unknown>]) {
      const images = resolveImages(values, { profile });
      expect(images.map((i) => [i.valuesPath, i.reference])).toEqual([[valuesPath, 'r.example/web:1.0']]);
    }
  });

  test('validateValues checks the block there like any other', () => {
    const loaded = loadValues({ valuesFiles: [{ name: 'v.yaml', text: valuesAt(valuesPath) }] });
    const r = validateValues(loaded, { profile });
    const mismatch = r.diagnostics.filter((d) => d.code === 'variant-case-mismatch');
    expect(mismatch.map((d) => [d.path, d.location?.line])).toEqual([[`${valuesPath}.variant`, valuesPath.split('.').length + 6]]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['variant-case-mismatch']);
  });
});

test('a global image block at `__proto__.image` gets its default without touching Object.prototype', () => {
  const profile: Profile = { ...profileWith('web.image'), globalImage: '__proto__.image' };
  const r = validateValues({ web: { image: { repository: 'web' } } }, { profile });
  expect(globals()).toBe(BEFORE);
  expect(Object.getOwnPropertyDescriptor(r.values, '__proto__')?.value).toEqual({ image: { variant: 'standard' } });
});

describe('the CLI with such a profile file', () => {
  // the report: `internal error: Keyword properties is already defined`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-proto-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const profileFile = path.join(dir, 'p.yaml');
  fs.writeFileSync(profileFile, 'name: web\nchart: web\nglobalImage: global.image\nworkloads:\n  - kind: Deployment\n    name: w\n    containers:\n      - name: web\n        image: "__proto__.x"\nfanOuts: []\nimageFields: []\n');
  const valuesFile = path.join(dir, 'v.yaml');
  fs.writeFileSync(valuesFile, valuesAt('__proto__.x'));

  test('schema prints the block under the key __proto__', () => {
    const r = runCli(['schema', '--profile', profileFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.prototype.hasOwnProperty.call(schema.properties, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(schema.properties, '__proto__')?.value).toEqual({ properties: { x: { $ref: '#/definitions/imageBlock' } } });
  });

  test('validate reports the variant at its line, no internal error', () => {
    const r = runCli(['validate', '--profile', profileFile, valuesFile]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/v\.yaml:8:\d+: error: __proto__\.x\.variant is "Distroless".*\[variant-case-mismatch\]/);
  });
});
