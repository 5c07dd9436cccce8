// The profile condition language: paths with Go template truth, boolean operators, a few functions.
import { ExprError, holds, parseExpr } from '../../src/images/expr';
import { loadValues } from '../../src/index';
import { newMap, type GoMap } from '../../src/values/model';

const values = loadValues({
  chartValues: [
    'gateway: {enabled: true, validation: {enabled: true, webhook: {enabled: false}}, certGenJob: {enabled: true, cron: {enabled: false}}}',
    'global: {glooMtls: {enabled: false}, istioSDS: {enabled: false}, istioIntegration: {enabled: "true"}}',
    'settings: {integrations: {knative: {enabled: true, version: "0.7.1"}}}',
    'discovery: {enabled: 0}',
    'list: [a, b]',
    'empty: {}',
    'kind: {deployment: {replicas: 1}, daemonSet: true}',
  ].join('\n'),
}).values as unknown as GoMap;
// the evaluator reads the value model: plain objects behave the same for these conditions
const entry = Object.assign(newMap(), { disabled: false, kind: Object.assign(newMap(), { deployment: 'none' }) });

test.each<[string, boolean]>([
  ['gateway.enabled && gateway.validation.enabled && gateway.certGenJob.enabled', true],
  ['gateway.enabled && gateway.validation.enabled && gateway.validation.webhook.enabled && gateway.certGenJob.cron.enabled', false],
  ['global.glooMtls.enabled || (global.istioSDS.enabled || global.istioIntegration.enabled)', true],
  ['discovery.enabled', false],
  ['!discovery.enabled', true],
  ['nothing.here', false],
  ['!nothing.here', true],
  ['list[1]', true],
  ['list[5]', false],
  ['empty(empty)', true],
  ['empty(list)', false],
  ['semverCompare("< 0.8.0", settings.integrations.knative.version)', true],
  ['semverCompare(">= 0.8.0", settings.integrations.knative.version)', false],
  ['kindIs("map", kind.deployment)', true],
  ['kindIs("map", $.kind.deployment)', false],
  ['!$.disabled', true],
  ['eq(settings.integrations.knative.version, "0.7.1")', true],
  ['ne(settings.integrations.knative.version, "0.7.1")', false],
  ['default("x", nothing.here)', true],
  ['true && !false', true],
  ['', true],
])('%s', (src, want) => {
  expect(holds(src, values, entry)).toBe(want);
});

test.each(['a &&', '(a', 'a b', 'f(', 'a @ b', 'x'.repeat(3000)])('%s is refused', (src) => {
  expect(() => parseExpr(src)).toThrow(ExprError);
});
