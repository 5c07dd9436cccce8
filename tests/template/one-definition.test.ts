// One definition of each Go behaviour: the profiles' renderer (src/images/go-template.ts) and the values layer's
// printing (src/values/gofmt.ts) give the template engine's answers, because they are the same functions.
import { formatV, sprintf } from '../../src/template/fmt';
import { goEq } from '../../src/template/funcs';
import { mergo, sprigHas } from '../../src/template/sprig';
import { eqString, hasString, mergeOverwrite, printS, printV, sprigMerge, TemplateError, truthy } from '../../src/images/go-template';
import { formatGoV } from '../../src/values/gofmt';
import { GoInt, newMap, type GoMap, type Val } from '../../src/values/model';
import { truth } from '../../src/template/value';

const map = (o: Record<string, Val>): GoMap => Object.assign(newMap(), o);
const VALUES: Val[] = [null, true, false, '', 'x y', 0, -0, 1.5, 1e6, 1e21, 1e-7, NaN, Infinity, new GoInt(-3n), new GoInt(2n ** 62n), [], [1, 'a', null, [2]],
  map({}), map({ b: 1, a: map({ z: [1, 2], 'é': 'x', A: null }) })];

test.each(VALUES.map((v) => [formatGoV(v), v] as const))('%%v of %s: gofmt and the engine agree', (_s, v) => {
  expect(formatV(v)).toBe(formatGoV(v));
  expect(printV(v)).toBe(formatV(v));
  expect(printS(v)).toBe(sprintf('%s', [v]));
  expect(truthy(v)).toBe(truth(v));
});

test('eq and has of the profiles are the engine\'s', () => {
  for (const v of VALUES) {
    let engine: string | boolean;
    try {
      engine = goEq(v, 'x y');
    } catch (e) {
      engine = `error calling eq: ${(e as Error).message}`;
    }
    let ours: string | boolean;
    try {
      ours = eqString(v, 'x y');
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      ours = (e as Error).message;
    }
    expect(ours).toEqual(engine);
    expect(hasString(['x y', 'b'], v)).toBe(sprigHas(v, ['x y', 'b']));
  }
});

test('merge and mergeOverwrite of the profiles are the engine\'s mergo', () => {
  const mk = () => [map({ a: map({ b: 1, c: null }), d: '', e: [1] }), map({ a: map({ c: 2, x: 3 }), d: 'y', e: [2], f: null })] as const;
  for (const overwrite of [false, true]) {
    const [d1, s1] = mk();
    const [d2, s2] = mk();
    (overwrite ? mergeOverwrite : sprigMerge)(d1, s1);
    mergo(d2, s2, overwrite);
    expect(d1).toEqual(d2);
  }
});
