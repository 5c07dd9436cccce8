// Which value a render failure is traced to (docs/rendering.md, "What is traced"): the value the innermost failing
// action read last; nothing where the failing action read no value of .Values. validateValues reports the failure
// at that value, once. The texts themselves are compared with the real Helm in tests/differential/render-failures.
import { assembleChart } from '../../src/chart/chart';
import { ResolveError } from '../../src/errors';
import { loadValues, validateValues } from '../../src/index';
import { renderRelease } from '../../src/render/render-chart';

const enc = new TextEncoder();

async function tracedPath(template: string, values: string, sub?: { template: string; values?: string }): Promise<string | undefined> {
  const files = [
    { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') },
    { name: 'templates/t.yaml', data: enc.encode(template) },
  ];
  if (sub) {
    files.push({ name: 'charts/s/Chart.yaml', data: enc.encode('apiVersion: v2\nname: s\nversion: 0.1.0\n') });
    files.push({ name: 'charts/s/templates/t.yaml', data: enc.encode(sub.template) });
    if (sub.values) files.push({ name: 'charts/s/values.yaml', data: enc.encode(sub.values) });
  }
  const chart = await assembleChart(files, 'c', { helmVersion: 4, unpack: async () => [] });
  const loaded = loadValues({ chart, valuesFiles: [{ name: 'v.yaml', text: values }] });
  try {
    renderRelease(loaded, {}, { trace: true });
  } catch (e) {
    if (e instanceof ResolveError) return e.path ?? '';
    throw e;
  }
  return undefined;
}

test.each([
  ['required of a missing value', '{{ required "x" .Values.a.b }}', 'a: {}\n', 'a.b'],
  ['a field of a missing map (Go: nil pointer evaluating interface {}.b)', '{{ required "x" .Values.a.b.c }}', '{}\n', 'a.b'],
  ['a field of a string', 'x: {{ .Values.a.b }}', 'a: s\n', 'a.b'],
  ['a variable holding a map', '{{ $m := .Values.a }}x: {{ required "x" $m.b }}', 'a: {c: 1}\n', 'a.b'],
  ['with', '{{ with .Values.a }}{{ required "x" .b }}{{ end }}', 'a: {c: 1}\n', 'a.b'],
  ['range over a list', '{{ range .Values.l }}{{ required "n" .name }}{{ end }}', 'l: [{name: a}, {x: 1}]\n', 'l[1].name'],
  ['range over a map', '{{ range $k, $v := .Values.m }}{{ required "n" $v.p }}{{ end }}', 'm: {a: {p: 1}, b: {}}\n', 'm.b.p'],
  ['range over a string', '{{ range .Values.s }}{{ . }}{{ end }}', 's: x\n', 's'],
  ['index', '{{ index .Values.m "k" "z" }}', 'm: {k: 5}\n', 'm.k.z'],
  ['$.Values', '{{ range .Values.l }}{{ required "r" $.Values.r }}{{ end }}', 'l: [1]\n', 'r'],
  ['a fail that reads nothing', '{{ if .Values.a }}{{ fail "no" }}{{ end }}', 'a: true\n', ''],
  ['a new map from dict', '{{ define "h" }}{{ required "x" .v.b }}{{ end }}{{ include "h" (dict "v" (dict "b" .Values.nope)) }}', '{}\n', ''],
  ['an earlier action', '{{ $a := .Values.a }}{{ fail "later" }}', 'a: 1\n', ''],
  ['no failure', 'x: {{ .Values.a }}', 'a: 1\n', undefined],
])('%s', async (_n, template, values, want) => {
  expect(await tracedPath(template, values)).toBe(want);
});

test('a subchart reads its own values: traced from the top, under its name', async () => {
  expect(await tracedPath('', '{}\n', { template: '{{ required "x" .Values.k }}' })).toBe('s.k');
});

test('validateValues reports the failure at its value, with its place in the file', async () => {
  const chart = await assembleChart(
    [
      { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') },
      { name: 'templates/t.yaml', data: enc.encode('x: {{ required "give b" .Values.a.b }}\n') },
    ],
    'c',
    { helmVersion: 4, unpack: async () => [] },
  );
  const r = validateValues(loadValues({ chart, valuesFiles: [{ name: 'v.yaml', text: 'z: 1\na:\n  c: 2\n' }] }));
  const f = r.diagnostics.filter((d) => d.code === 'render-failed');
  expect(f.map((d) => [d.path, d.helmOutput, d.location?.line])).toEqual([['a.b', 'Error: execution error at (c/templates/t.yaml:1:6): give b', 2]]);
  expect(r.valid).toBe(false);
  // the same values with the chart given as an option (values loaded without it)
  const again = validateValues({ z: 1, a: { c: 2 } }, { chart });
  expect(again.diagnostics.filter((d) => d.code === 'render-failed').map((d) => d.path)).toEqual(['a.b']);
});
