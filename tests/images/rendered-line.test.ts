// Two shortcuts of the resolver, each held to the slow path it replaces. It reads each rendered `image:` line
// back as YAML, as Helm's manifest parse does: text that can only be a string skips the parser, so every such
// text must read back as itself, and everything else must still be parsed (numbers, booleans, nulls, comments,
// a trailing colon, a leading indicator). And it merges each fan-out entry over its base in one pass.
import { isPlainImageText, jsonRoundTrip, mergedEntry, yamlScalar } from '../../src/images/render';
import { mergeOverwrite } from '../../src/images/go-template';
import { loadValues } from '../../src/load/load-values';
import { goJson, internalValues } from '../../src/values/load';
import { deepCopy, type GoMap } from '../../src/values/model';
import { composeFirstDocument } from '../../src/values/yaml/compose';
import { Src } from '../../src/values/model';

const parsed = (text: string) => {
  const line = `v: ${text}\n`;
  try {
    const doc = composeFirstDocument(line, new Src('t', line)).value as Record<string, unknown> | null;
    return { value: doc?.v ?? null };
  } catch {
    return { error: true };
  }
};

// a small generator of image-like and hostile texts, the same on every run
function* texts(): Generator<string> {
  const parts = ['quay.io', 'solo-io', 'gloo', '1.10', '1.17.0', '0x1F', 'true', 'null', '~', 'yes', 'Off', '2001-12-14', '1_000', '.inf', '<<', '=', '-', '@', ':', '#', '%', '!', '&a', '*a', 'a b', '1:20', 'sha256:0fe3', 'v1', 'E5', '+1', ''];
  const seps = ['/', ':', '@', '', '-', '.', ' ', ': ', ' #'];
  let seed = 7;
  const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
  for (const a of parts) for (const b of parts) yield `${a}/${b}`;
  for (let i = 0; i < 4000; i++) {
    let t = pick(parts);
    for (let k = 0, n = 1 + (i % 4); k < n; k++) t += pick(seps) + pick(parts);
    yield t;
  }
}

test('a text taken as plain reads back as itself, exactly as the YAML parse reads it', () => {
  let plain = 0;
  for (const t of texts()) {
    if (!isPlainImageText(t)) continue;
    plain++;
    expect({ t, ...parsed(t) }).toEqual({ t, value: t });
  }
  expect(plain).toBeGreaterThan(300);
});

test.each([
  ['quay.io/solo-io/gloo:1.17.0-distroless@sha256:0fe3', true],
  ['registry.example.com:5000/a/b:1.10', true],
  ['1.10', false],
  ['true', false],
  ['a/b:', false],
  ['-a/b', false],
  ['@a/b', false],
  ['a/b #x', false],
  ['a/b c', false],
])('%s is plain: %s', (text, plain) => {
  expect(isPlainImageText(text)).toBe(plain);
});

test('what is not plain is still parsed: numbers, and lines YAML refuses fail as Helm fails', () => {
  expect(yamlScalar('1.10', 'x')).toBe(1.1);
  expect(yamlScalar('a/b:c', 'x')).toBe('a/b:c');
  expect(() => yamlScalar('a/b:', 'where')).toThrow(/YAML parse error on where/);
  expect(() => yamlScalar('a/b: c: d', 'where')).toThrow(/YAML parse error on where/);
});

// A fan-out entry over its base is built in one pass; it must equal the chart's computation step by step.
test('a fan-out entry merged over its base equals mergeOverwrite of copies, then a JSON round trip', () => {
  const base = loadValues({ set: ['a.b=1', 'a.c[0].d=x', 'big=12', 'keep.x=1', 'm.n=1'] });
  const entry = loadValues({ set: ['a.b=2', 'a.e=true', 'c.d=null', 'keep=s', 'm.o=2', 'zz.y=9007199254740993'] });
  const b = internalValues(base)!;
  const e = internalValues(entry)!;
  const stepByStep = goJson(jsonRoundTrip(mergeOverwrite(deepCopy(b) as GoMap, deepCopy(e) as GoMap)));
  expect(goJson(mergedEntry(b, e))).toBe(stepByStep);
  expect(Object.keys(mergedEntry(b, e) as GoMap)).toEqual(['a', 'big', 'keep', 'm', 'c', 'zz']);
  // the inputs are left as they were
  expect(goJson(b)).toBe(base.toJson());
});
