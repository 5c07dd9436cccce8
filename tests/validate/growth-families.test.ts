// The validator's two super-linear families of issue 13 (defect 3), at the sizes the issue gives, asserting the
// answer only: every failure found once, at its own place. How the time grows is measured by bench/growth/
// (chart-schema-list-items.mjs, gateway-proxies-variant.mjs), never asserted here.
import { loadValues, validateValues, type Profile } from '../../src/index';

const NO_IMAGES: Profile = { name: 'c', chart: 'c', globalImage: 'global.image', workloads: [], fanOuts: [], imageFields: [] };

test.each([4, 3] as const)('a chart schema rejecting 20,000 list items: 20,000 findings, each at its item (Helm %i)', (helmVersion) => {
  const n = 20_000;
  const text = `list:\n${Array.from({ length: n }, (_, i) => `  - ${i}\n`).join('')}`;
  const loaded = loadValues({ valuesFiles: [{ name: 'values.yaml', text }], helmVersion });
  const schema = { type: 'object', properties: { list: { type: 'array', items: { type: 'string' } } } };
  const r = validateValues(loaded, { profile: NO_IMAGES, schema, helmVersion });
  const found = r.diagnostics.filter((d) => d.code === 'chart-schema');
  expect(found).toHaveLength(n);
  expect(new Set(found.map((d) => d.location?.line)).size).toBe(n);
  const last = found.find((d) => d.path === `list[${n - 1}]`)!;
  expect(last.location).toEqual({ file: 'values.yaml', line: n + 1, column: 5 });
  expect(last.message).toContain(helmVersion === 4 ? `- at '/list/${n - 1}': got number, want string` : `- list.${n - 1}: Invalid type. Expected: string, given: integer`);
});

test('12,000 gateway proxies with variant: Distroless: one variant-case-mismatch per proxy, at its line', () => {
  const n = 12_000;
  const text = `gatewayProxies:\n${Array.from({ length: n }, (_, i) => `  proxy${i}:\n    podTemplate:\n      image:\n        variant: Distroless\n`).join('')}`;
  const loaded = loadValues({ valuesFiles: [{ name: 'values.yaml', text }] });
  const r = validateValues(loaded, { profile: 'gloo', chartVersion: '1.19.10' });
  const found = r.diagnostics.filter((d) => d.code === 'variant-case-mismatch');
  expect(found).toHaveLength(n);
  expect(found.find((d) => d.path === `gatewayProxies.proxy${n - 1}.podTemplate.image.variant`)?.location).toEqual({ file: 'values.yaml', line: 4 * n + 1, column: 18 });
  expect(found.every((d) => d.suggestion === 'distroless')).toBe(true);
});
