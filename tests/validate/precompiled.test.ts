// The validators compiled at build time (src/validate/_precompiled.ts) and the shipped schemas are what
// scripts/gen-validators.mjs makes from src/validate/schema.ts now, and they judge as ajv compiling at run time does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as precompiled from '../../src/validate/_precompiled';
import { compileOwnSchema } from '../../src/validate/own-schema';
import { valuesSchema } from '../../src/validate/schema';

const ROOT = path.resolve(__dirname, '..', '..');

test('src/validate/_precompiled.ts and schemas/ are up to date', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-validators.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

const SAMPLES: Array<[string, unknown]> = [
  ['empty', {}],
  ['variant ok', { global: { image: { variant: 'fips-distroless' } } }],
  ['variant bad', { global: { image: { variant: 'Fips' } } }],
  ['tag number', { gloo: { deployment: { image: { tag: 1.1 } } } }],
  ['proxy block', { gatewayProxies: { a: { podTemplate: { image: { variant: 3, pullPolicy: 'x' } } } } }],
  ['gloo-ee subchart', { gloo: { gloo: { deployment: { image: 'a string' } } } }],
];

describe.each(['gloo', 'gloo-ee'])('%s: precompiled and run-time compiled agree', (profile) => {
  test.each(SAMPLES)('%s', (_n, data) => {
    const pre = (precompiled as unknown as Record<string, ((d: unknown) => boolean) & { errors?: unknown[] | null }>)[profile.replace('-', '_')]!;
    const run = compileOwnSchema(valuesSchema(profile)) as ((d: unknown) => boolean) & { errors?: unknown[] | null };
    const a = structuredClone(data);
    const b = structuredClone(data);
    expect(pre(a)).toBe(run(b));
    expect(pre.errors ?? null).toEqual(run.errors ?? null);
    expect(a).toEqual(b); // the same defaults applied
  });
});
