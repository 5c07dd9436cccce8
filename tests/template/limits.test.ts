// Hostile templates are input too: each is stopped by a counted budget with ResolveError 'render-limit'
// (never a hang or a crashed process). bench/ records how long each takes.
import { assembleChart } from '../../src/chart/chart';
import { ResolveError } from '../../src/errors';
import { loadValues } from '../../src/load/load-values';
import { renderChart } from '../../src/render/render-chart';

const enc = new TextEncoder();

async function render(template: string, limits: Record<string, number> = { maxSteps: 300_000 }) {
  const chart = await assembleChart(
    [
      { name: 'Chart.yaml', data: enc.encode('apiVersion: v2\nname: c\nversion: 0.1.0\n') },
      { name: 'templates/t.yaml', data: enc.encode(template) },
    ],
    'c',
    { helmVersion: 4, unpack: async () => [] },
  );
  return renderChart(loadValues({ chart }), { limits });
}

const SELF_INCLUDE = '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}';
const SELF_CALL = '{{ define "b" }}{{ template "b" . }}{{ end }}{{ template "b" . }}';

const HOSTILE: Array<[string, string]> = [
  ['a range over a huge until', '{{ range until 100000000 }}x{{ end }}'],
  ['a template calling itself', SELF_CALL],
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

// Recursion ends as in Helm: include refuses the 1,001st nested reference to a name and Go's text/template the
// 100,000th nested template call, with their texts (render-failed); nesting runs on the executor's own stack,
// not JavaScript's. A lower maxDepth budget ends them earlier with render-limit.
test('a template including itself fails with Helm\'s nested reference error', async () => {
  const err = (await render(SELF_INCLUDE, {}).then(() => undefined, (e: unknown) => e)) as ResolveError;
  expect(err).toBeInstanceOf(ResolveError);
  expect(err.code).toBe('render-failed');
  expect(err.message.endsWith('error calling include: rendering template has a nested reference name: a: unable to execute template')).toBe(true);
  expect(err.message.split('error calling include').length - 1).toBe(1002);
});

test('a template calling itself fails with Go\'s maximum template depth', async () => {
  const err = (await render(SELF_CALL, {}).then(() => undefined, (e: unknown) => e)) as ResolveError;
  expect(err.code).toBe('render-failed');
  expect(err.message).toContain('exceeded maximum template depth (100000)');
});

test.each([SELF_INCLUDE, SELF_CALL])('with maxDepth 50, %s is refused with render-limit', async (template) => {
  const err = (await render(template, { maxDepth: 50 }).then(() => undefined, (e: unknown) => e)) as ResolveError;
  expect(err.code).toBe('render-limit');
});

// fuzz finding template-20261216-21: Helm renders the million-element list and then fails later in the same
// template; the default budgets stop us at the list, budgets raised 16-fold reach Helm's own error (recorded
// with Helm 4.1.4)
test('a list past the default budget renders with raised budgets, up to Helm\'s later error', async () => {
  const template = 'v0: {{ until 1e6 }} {{ toString (seq (merge true 1)) | toString | toString }}\n';
  const stop = await render(template, {}).catch((e: unknown) => e);
  expect(stop).toMatchObject({ code: 'render-limit', message: expect.stringMatching(/until: the list passed the renderer's size budget/) });
  const raised = await render(template, { maxSteps: 32_000_000, maxOutput: 128 * 1024 * 1024 }).catch((e: unknown) => e);
  expect(raised).toMatchObject({ code: 'render-failed', message: 'c/templates/t.yaml:1:44\n  executing "c/templates/t.yaml" at <true>:\n    can\'t handle true for arg of type map[string]interface {}' });
});
