// Hostile templates are input too: each is stopped by a counted budget with ResolveError 'render-limit'
// (never a hang or a crashed process). bench/ records how long each takes.
import { assembleChart } from '../../src/chart/chart';
import { ResolveError } from '../../src/errors';
import { loadValues } from '../../src/load/load-values';
import { renderChart } from '../../src/render/render-chart';

const enc = new TextEncoder();

async function render(template: string) {
  const chart = await assembleChart(
    [
      { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') },
      { name: 'templates/t.yaml', data: enc.encode(template) },
    ],
    'c',
    { helmVersion: 4, unpack: async () => [] },
  );
  return renderChart(loadValues({ chart }), { limits: { maxSteps: 300_000 } });
}

const HOSTILE: Array<[string, string]> = [
  ['a range over a huge until', '{{ range until 100000000 }}x{{ end }}'],
  ['a template including itself', '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}'],
  ['a template calling itself', '{{ define "b" }}{{ template "b" . }}{{ end }}{{ template "b" . }}'],
  ['printf with a 10 MB width', '{{ printf "%09999999d" 1 }}'],
  ['a 100 MB string from repeat', '{{ repeat 100000000 "x" }}'],
  ['a string doubled 40 times', '{{ $s := "x" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}'],
  ['nested ranges of a billion steps', '{{ range until 1000 }}{{ range until 1000 }}{{ range until 1000 }}{{ end }}{{ end }}{{ end }}'],
];

test.each(HOSTILE)('%s is refused with render-limit', async (_name, template) => {
  const err = await render(template).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ResolveError);
  expect((err as ResolveError).code).toBe('render-limit');
});
