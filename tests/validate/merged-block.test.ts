// The rules read a fanned-out image block (a gateway proxy over the default proxy) by walking the path through
// both entries instead of merging them whole: the answer must be the chart's mergeOverwrite of copies, read at
// that path, for every path of generated entries.
import { mergeOverwrite } from '../../src/images/go-template';
import { mergedAt, valueAt, type Parts } from '../../src/validate/context';
import { loadValues } from '../../src/load/load-values';
import { goJson, internalValues } from '../../src/values/load';
import { deepCopy, isMap, type GoMap, type Val } from '../../src/values/model';

let seed = 11;
const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
const KEYS = ['image', 'podTemplate', 'tag', 'variant', 'registry', 'x', 'list'];

/** A YAML text of a random tree: maps, scalars, nulls and lists, two to four levels deep. */
function tree(depth: number): string {
  const lines: string[] = [];
  const walk = (d: number, indent: string) => {
    for (const k of KEYS) {
      if (rnd(3) === 0) continue;
      const kind = d >= depth ? rnd(4) + 1 : rnd(5);
      if (kind === 0) {
        lines.push(`${indent}${k}:`);
        walk(d + 1, `${indent}  `);
      } else lines.push(`${indent}${k}: ${['null', '1.10', 'distroless', '[a, {b: 1}]', '{}'][kind]}`);
    }
  };
  walk(0, '');
  return `${lines.join('\n')}\n`;
}

function paths(v: Val, at: Parts, out: Parts[]): Parts[] {
  out.push(at);
  if (isMap(v)) for (const k of Object.keys(v)) paths(v[k]!, [...at, k], out);
  else if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  return out;
}

test('the merged block at every path equals mergeOverwrite of copies read at that path', () => {
  let compared = 0;
  for (let round = 0; round < 150; round++) {
    const base = internalValues(loadValues({ valuesFiles: [tree(3)] }))!;
    const entry = internalValues(loadValues({ valuesFiles: [tree(3)] }))!;
    const whole = mergeOverwrite(deepCopy(base) as GoMap, deepCopy(entry) as GoMap);
    const all = [...paths(base, [], []), ...paths(entry, [], []), ['image', 'nothing'], ['x', 'y', 'z']];
    for (const p of all) {
      expect([p, goJson(mergedAt(base, entry, p) ?? null)]).toEqual([p, goJson(valueAt(whole, p) ?? null)]);
      compared++;
    }
    // the entries are read, never written
    expect(goJson(base)).toBe(goJson(internalValues(loadValues({ valuesFiles: [goJson(base)] }))!));
  }
  expect(compared).toBeGreaterThan(2000);
});
