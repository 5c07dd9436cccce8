// Results the engine keeps between calls and renders (fromYaml's parsed texts, parsed template sets) must not
// leak one caller's writes into another's result: Go builds a new value on every call.
import { renderTemplates } from '../../src/template/engine';
import { fromYaml, fromYamlArray } from '../../src/template/lib/yaml';
import { newMap } from '../../src/template/value';

function render(text: string): string {
  return renderTemplates([{ name: 'c/templates/t.yaml', text, data: newMap() }], { helmVersion: 4 }).get('c/templates/t.yaml')!;
}

test('fromYaml of the same text gives a new map each call (a write into one is not seen by the next)', () => {
  const t = '{{ $a := fromYaml "a: {b: 1}\\nl: [1]" }}{{ $_ := set $a.a "c" 2 }}{{ $_ := set $a "d" 3 }}{{ $a | toJson }} {{ fromYaml "a: {b: 1}\\nl: [1]" | toJson }}';
  expect(render(t)).toBe('{"a":{"b":1,"c":2},"d":3,"l":[1]} {"a":{"b":1},"l":[1]}');
  const a = fromYaml('x: [1, {z: 2}]');
  ((a.x as unknown[])[1] as Record<string, unknown>).z = 5;
  expect(fromYaml('x: [1, {z: 2}]')).toEqual({ x: [1, { z: 2 }] });
  const l = fromYamlArray('[{a: 1}]');
  (l[0] as Record<string, unknown>).a = 2;
  expect(fromYamlArray('[{a: 1}]')).toEqual([{ a: 1 }]);
});

test('fromYaml repeats its error for a text it has read before', () => {
  expect(fromYaml('a: [1, 2').Error).toBe(fromYaml('a: [1, 2').Error);
  expect(String(fromYaml('a: [1, 2').Error)).toMatch(/^error converting YAML to JSON: yaml: /);
});
