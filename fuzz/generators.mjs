// Input generators of the fuzzer, one per kind. Each takes a seeded Rng (scripts/lib/rng.mjs) and returns a plain,
// JSON-serialisable input, so that a finding file holds everything needed to replay it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anyReference } from '../scripts/lib/reference-gen.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The real values files of the project's research, read at run time and never copied into the repository. */
export const REAL_VALUES_DIR = path.resolve(ROOT, '..', 'shared', 'reference', 'real-values', 'files');

let realFiles;
export function realValuesFiles() {
  if (realFiles === undefined) {
    try {
      realFiles = fs.readdirSync(REAL_VALUES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
    } catch {
      realFiles = [];
    }
  }
  return realFiles;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML

const SCALARS = [
  '1', '1.10', '1.0', '110', '0x1F', '0o17', '017', '08', '1_000', '+1', '-0', '.5', '1e3', '1E+3', '.inf', '-.Inf', '.NaN',
  'true', 'false', 'yes', 'no', 'on', 'off', 'Y', 'n', 'True', 'NULL', 'null', '~', '', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '1.7976931348623157e309',
  '"quoted"', "'single'", '"esc \\t \\u00e9 \\x41"', '"\\ud800"', '"a\\\nb"', '!!str 1', '!!int "3"', '!!float 1', '!!binary aGk=',
  '!!bool yes', '!!null x', '!custom x', 'plain text', 'a: b', '"a: b"', '- x', '@x', '`x', '%x', '&', '*', '*nope', '{a: 1}',
  '[1, 2]', '{}', '[]', '{a: [1, {b: c}]}', '[a, b, ]', 'é', '\u2028', '\u0085', '\ufeff', 'a\tb', '#no', 'x #c', 'Distroless',
  'distroless', 'fips-distroless', 'quay.io/solo-io/gloo:1.17.0', '__proto__', 'constructor',
];
const KEYS = ['a', 'b', 'image', 'tag', 'repository', 'registry', 'variant', 'global', 'enabled', '__proto__', 'constructor',
  'toString', 'hasOwnProperty', '"a.b"', "'k'", '1', '1.5', 'true', 'null', '~', '""', 'é', 'key with space', '<<', '? q', '[a]', '{a}'];

function yamlNode(r, depth, indent) {
  const pad = ' '.repeat(indent);
  const k = depth > 5 ? 0 : r.int(0, 9);
  if (k < 4) return ' ' + r.pick(SCALARS);
  if (k < 7) {
    const n = r.int(0, 4);
    if (n === 0) return ' {}';
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(`${pad}${r.pick(KEYS)}:${yamlNode(r, depth + 1, indent + 2)}`);
    return '\n' + lines.join('\n');
  }
  if (k < 8) {
    const n = r.int(0, 3);
    if (n === 0) return ' []';
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(`${pad}-${yamlNode(r, depth + 1, indent + 2)}`);
    return '\n' + lines.join('\n');
  }
  if (k < 9) return ` ${r.pick(['|', '|-', '|+', '>', '>-', '|2', '>+'])}\n${pad}  ${r.pick(['line', 'a\n' + pad + '  b', '', '  x'])}`;
  return ` ${r.pick(['&a', '&b'])} ${r.pick(SCALARS)}`;
}

/** A YAML values document: a map of random keys, with the YAML 1.1 edges go-yaml reads its own way. */
export function genYamlText(r) {
  const lines = [];
  const n = r.int(1, 6);
  for (let i = 0; i < n; i++) lines.push(`${r.pick(KEYS)}:${yamlNode(r, 0, 2)}`);
  if (r.chance(0.15)) lines.push('ref: *a');
  if (r.chance(0.1)) lines.push('m:\n  <<: *a');
  let text = lines.join('\n') + (r.chance(0.8) ? '\n' : '');
  if (r.chance(0.08)) text = '---\n' + text;
  if (r.chance(0.05)) text += '---\nz: 1\n';
  if (r.chance(0.05)) text += '...\n';
  if (r.chance(0.05)) text = text.replace(/\n/g, '\r\n');
  if (r.chance(0.03)) text = '\ufeff' + text;
  if (r.chance(0.05)) text = '# comment\n' + text;
  if (r.chance(0.1)) text = mutateText(r, text, 1);
  return text;
}

const INSERTS = ['\t', ' ', '  ', ':', ': ', '- ', '#', '&a ', '*a', '!!str ', '"', "'", '{', '}', '[', ']', ',', '|', '>', '\n', '\r', '\u0000', '\u0085',
  '\u2028', '\ufeff', '%YAML 1.1\n', '---\n', '...\n', '<<: *a\n', '? ', '\\', '@', '`', 'é', '__proto__: {x: 1}\n', 'constructor:\n  prototype:\n    x: 1\n'];

/** Small edits of a text, at the characters YAML cares about: indentation, indicators, line breaks. */
export function mutateText(r, text, count) {
  let t = text;
  for (let m = 0; m < count; m++) {
    const lines = t.split('\n');
    const li = r.int(0, Math.max(0, lines.length - 1));
    switch (r.int(0, 9)) {
      case 0: lines.splice(li, 1); break;
      case 1: lines.splice(li, 0, lines[li] ?? ''); break;
      case 2: lines[li] = ' '.repeat(r.int(1, 3)) + (lines[li] ?? ''); break;
      case 3: lines[li] = (lines[li] ?? '').replace(/^ {1,2}/, ''); break;
      case 4: lines[li] = (lines[li] ?? '').replace(/: .*$/, ': ' + r.pick(SCALARS)); break;
      case 5: { const s = lines[li] ?? ''; const i = r.int(0, s.length); lines[li] = s.slice(0, i) + r.pick(INSERTS) + s.slice(i); break; }
      case 6: { const s = lines[li] ?? ''; const i = r.int(0, s.length); lines[li] = s.slice(0, i) + s.slice(i + r.int(1, 3)); break; }
      case 7: lines.splice(li, 0, `${r.pick(KEYS)}:${yamlNode(r, 3, 2)}`); break;
      case 8: return lines.slice(0, li).join('\n') + (r.chance(0.5) ? '\n' : '') + (lines.length > li ? lines[li].slice(0, r.int(0, lines[li].length)) : '');
      default: lines[li] = (lines[li] ?? '').replace(/^(\s*)([^:]+):/, (_, s, k) => `${s}${r.pick(KEYS)}:`);
    }
    t = lines.join('\n');
  }
  return t;
}

export function genYaml(r) {
  return { helmVersion: r.pick([3, 4]), text: genYamlText(r) };
}

/** A real values file, edited a few times. */
export function genReal(r) {
  const files = realValuesFiles();
  if (!files.length) return genYaml(r);
  const file = r.pick(files);
  const text = fs.readFileSync(path.join(REAL_VALUES_DIR, file), 'utf8');
  return { helmVersion: r.pick([3, 4]), file, text: mutateText(r, text, r.int(1, 4)), profile: /ee|enterprise/i.test(file) ? 'gloo-ee' : 'gloo' };
}

// ---------------------------------------------------------------------------------------------------------------
// --set

const SET_KEYS = ['a', 'b.c', 'a.b.c', 'list[0]', 'list[1].x', 'l[2]', 'a\\.b', 'x[0][1]', 'k[65536]', 'k[-1]', 'k[]', 'a..b', '.a', 'a.',
  '__proto__', '__proto__.x', 'constructor.prototype.x', 'global.image.variant', 'image.tag', 'a[0].__proto__', '', 'é', 'a b', 'a[0]x', 'a]'];
const SET_VALS = ['1', '1.10', '110', 'true', 'null', '', 'x', 'a,b', 'a\\,b', '{a,b}', '"q"', "'q'", '0x10', '1e3', '007', '9223372036854775808',
  'distroless', 'Distroless', '[x]', '=', 'a=b', '\\', 'é', '{"a":1}', '[1,2]', '"\\ud800"', '1.7976931348623157e309', '-', 'NaN'];
const JSON_VALS = ['1', '1.10', '"s"', 'null', 'true', '[1,{"a":2}]', '{"a":{"b":[]}}', '{"__proto__":{"x":1}}', '"\\ud800"', '1e400', '[', '{"a":}', '01', '-0', '123456789012345678901234567890'];

export function genSet(r) {
  const pair = (vals) => {
    const n = r.int(1, 3);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(r.chance(0.05) ? r.pick(SET_KEYS) : `${r.pick(SET_KEYS)}=${r.pick(vals)}`);
    return parts.join(',');
  };
  const input = { helmVersion: r.pick([3, 4]) };
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const flag = r.weighted([[5, 'set'], [2, 'setString'], [2, 'setJson'], [1, 'setLiteral']]);
    (input[flag] ??= []).push(flag === 'setJson' ? `${r.pick(SET_KEYS)}=${r.pick(JSON_VALS)}` : pair(SET_VALS));
  }
  if (r.chance(0.3)) input.base = genYamlText(r);
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// image blocks

const IMAGE_PATHS = ['gloo.deployment.image', 'discovery.deployment.image', 'gatewayProxies.gatewayProxy.podTemplate.image', 'gateway.certGenJob.image',
  'global.glooMtls.sds.image', 'global.glooMtls.envoy.image', 'accessLogger.image', 'ingress.deployment.image', 'gloo.gloo.deployment.image',
  'global.extensions.extAuth.deployment.image', 'redis.deployment.image', 'observability.deployment.image', 'image', 'web.image'];
const ODD_VALUES = [null, true, false, 0, 1.1, 110, -1, 1e21, '', ' ', 'x', '1.10', '%!s(<nil>)', '__proto__', 'constructor', [], [1], {}, { a: 1 },
  'quay.io/solo-io', 'Distroless', 'distroless', 'fips', 'fips-distroless', 'standard', 'sha256:' + 'a'.repeat(64), 'a.b-c_d/e__f/g---h', '[::1]:5000',
  'x'.repeat(300), 'é', '\u0000', '${x}', '{{ .Values }}'];

function oddValue(r) {
  if (r.chance(0.15)) return anyReference(r);
  return structuredClone(r.pick(ODD_VALUES));
}

function setPath(obj, dotted, value) {
  const keys = dotted.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object' || Array.isArray(o[k])) Object.defineProperty(o, k, { value: {}, enumerable: true, writable: true, configurable: true });
    o = o[k];
  }
  Object.defineProperty(o, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

function imageBlock(r) {
  if (r.chance(0.1)) return oddValue(r);
  const b = {};
  for (const f of ['repository', 'tag', 'registry', 'digest', 'fipsDigest', 'distrolessDigest', 'fipsDistrolessDigest', 'variant', 'pullPolicy', 'extended', 'fips']) {
    if (r.chance(0.35)) b[f] = r.chance(0.5) ? oddValue(r) : r.pick(['gloo', '1.17.0', 'quay.io/solo-io', 'sha256:' + 'b'.repeat(64), 'distroless', true]);
  }
  return b;
}

export function genImage(r) {
  const v = {};
  const n = r.int(1, 5);
  for (let i = 0; i < n; i++) setPath(v, r.pick(IMAGE_PATHS), imageBlock(r));
  if (r.chance(0.5)) setPath(v, 'global.image', imageBlock(r));
  if (r.chance(0.3)) setPath(v, `gatewayProxies.${r.pick(['p', '__proto__', 'gatewayProxy', 'a b'])}`, r.chance(0.3) ? oddValue(r) : { podTemplate: { image: imageBlock(r) }, disabled: oddValue(r), stats: oddValue(r) });
  if (r.chance(0.2)) setPath(v, r.pick(['gloo', 'grafana', 'prometheus', 'gloo-fed', 'redis']), oddValue(r));
  const options = { profile: r.pick(['gloo', 'gloo', 'gloo-ee', 'generic']) };
  if (r.chance(0.7)) options.chartVersion = r.pick(['1.17.0', '1.18.0', '1.19.10', '1.16.0', '1.17.0-beta13', '1.18.0-beta14', '2.0.0', '0.20.8', '1.0.0', 'latest', '1.17']);
  if (r.chance(0.1)) options.releaseName = r.pick(['', 'a'.repeat(100), 'Gloo', 'x_y']);
  return { valuesJson: JSON.stringify(v), options };
}

// ---------------------------------------------------------------------------------------------------------------
// profiles

const EXPRS = ['a', '!a', 'a && b', 'a || !b', 'eq(a, "x")', 'ne($.x, 1)', 'has(a.b)', 'a.b.c', '$.enabled', '(a', 'a &&', 'eq(a, "\\q")', '"\\u12"', 'len(a)',
  'true', 'false', '', '__proto__', 'a.__proto__.b', 'eq(global.image.variant, "distroless")', 'x'.repeat(3000), '((((((((((a))))))))))'];
const VPATHS = ['web.image', 'global.image', '__proto__.x', '__proto__', 'constructor.prototype', 'a..b', '', '$.image', '@.image', 'a.b.c.d.e.f', 'image', 'x.y'];

export function genProfile(r) {
  const container = () => {
    const c = {};
    if (r.chance(0.9)) c.name = r.pick(['web', 'side', '', 'x'.repeat(80), '__proto__']);
    if (r.chance(0.8)) c.image = r.pick(VPATHS);
    else c.passthrough = r.pick(VPATHS);
    if (r.chance(0.3)) c.when = r.pick(EXPRS);
    if (r.chance(0.2)) c.helper = r.pick(['gloo', 'plain', 'raw', 'gloo-fed', 'format', 'nope']);
    if (r.chance(0.1)) c.fails = { when: r.pick(EXPRS), message: 'no' };
    if (r.chance(0.1)) c.versions = r.pick(['>=1.0.0', 'x', '*', '<1.17.0-beta13']);
    if (r.chance(0.1)) c.format = [{ template: r.pick(['{registry}/{repository}:{tag}', '{', '{__proto__}', '']) }];
    return c;
  };
  const p = {
    name: r.pick(['p', 'web', '', 'gloo']),
    chart: r.pick(['web', 'p']),
    globalImage: r.pick(VPATHS),
    workloads: [],
    fanOuts: [],
    imageFields: [],
  };
  const nw = r.int(0, 3);
  for (let i = 0; i < nw; i++) {
    const w = { kind: r.pick(['Deployment', 'Job', 'DaemonSet', '']), name: r.pick(['{release}-web', 'x', '{nope}']), containers: [] };
    const nc = r.int(0, 3);
    for (let j = 0; j < nc; j++) w.containers.push(container());
    if (r.chance(0.2)) w.when = r.pick(EXPRS);
    p.workloads.push(w);
  }
  if (r.chance(0.3)) p.fanOuts.push({ each: r.pick(VPATHS), kind: [{ kind: 'Deployment' }], containers: [container()], ...(r.chance(0.3) ? { base: r.pick(VPATHS) } : {}) });
  if (r.chance(0.2)) p.checks = [{ when: r.pick(EXPRS), message: 'check failed' }];
  if (r.chance(0.15)) p.subcharts = [{ name: r.pick(['db', '__proto__']), profile: r.pick(['gloo', 'nope', { ...p, subcharts: undefined }]) }];
  if (r.chance(0.1)) p.helpers = [{ helper: r.pick(['gloo', 'plain', 'nope']) }];
  if (r.chance(0.1)) delete p[r.pick(['name', 'workloads', 'globalImage'])];
  if (r.chance(0.05)) p.extra = 1;
  const v = {};
  for (let i = 0; i < r.int(0, 3); i++) setPath(v, r.pick(['web.image', 'global.image', 'x.y', 'web.extraContainers']), r.chance(0.5) ? imageBlock(r) : [{ name: 'log', image: oddValue(r) }]);
  return { profileJson: JSON.stringify(p), valuesJson: JSON.stringify(v), chartVersion: r.chance(0.3) ? r.pick(['1.0.0', 'x', '1.17.0']) : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// chart trees and archives

const CHART_YAMLS = [
  (n) => `apiVersion: v2\nname: ${n}\nversion: 0.1.0\n`,
  (n) => `apiVersion: v2\nname: ${n}\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n`,
  (n) => `apiVersion: v2\nname: ${n}\nversion: 1.0.0\ndependencies:\n  - name: sub\n    alias: ${'__proto__'}\n`,
  (n) => `apiVersion: v1\nname: ${n}\nversion: x\n`,
  () => 'name: [\n',
  () => '',
  (n) => `apiVersion: v2\nname: ${n}\nversion: 0.1.0\ndependencies:\n  - name: sub\n    import-values:\n      - child: a\n        parent: __proto__\n`,
];

/** Templates that are input like any other: each must render, or end with Helm's error or render-limit. */
const CHART_HOSTILE_TEMPLATES = [
  () => '{{ .Files.Get "files/big.txt" }}\n',
  () => 'data: {{ .Files.Get "files/big.txt" | b64enc | quote }}\n',
  () => '{{ range $p, $_ := .Files.Glob "files/**" }}{{ $p }}: {{ $.Files.Get $p | quote }}\n{{ end }}',
  () => 'kind: ConfigMap\ndata:\n{{ (.Files.Glob "files/many/*").AsConfig | indent 2 }}\n',
  () => 'kind: Secret\ndata:\n{{ (.Files.Glob "**").AsSecrets | indent 2 }}\n',
  () => 'b: {{ .Files.GetBytes "files/bin.dat" | len }}\nl: {{ .Files.Lines "files/bin.dat" | len }}\ns: {{ .Files.Get "files/bin.dat" | quote }}\n',
  (r) => {
    const n = r.int(2, 1200);
    let t = '';
    for (let i = 0; i < n; i++) t += `{{ define "d${i}" }}{{ include "d${i + 1}" . }}{{ end }}`;
    return `${t}{{ define "d${n}" }}x: 1{{ end }}{{ include "d0" . }}\n`;
  },
  () => '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
  () => '{{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}',
  () => '{{ range until 10000000 }}x{{ end }}',
  () => '{{ range until 200000 }}- a: {{ . }}\n{{ end }}',
  () => 'a: b: c\n',
  () => 'kind: [\n',
  () => '- 1\n- 2\n',
  () => '"just a string"\n',
  () => '---\n---\nkind: A\n---\n\u0000\n',
  () => `{{ tpl (.Files.Get "files/big.txt") . }}`,
  () => '{{ $x := dict }}{{ range until 100000 }}{{ $_ := set $x (toString .) (list 1 2 3) }}{{ end }}{{ toYaml $x }}',
  () => '{{ toYaml .Values }}\n{{ toJson .Files }}\n',
  () => `metadata:\n  annotations:\n    helm.sh/hook: ${'test,'.repeat(200)}pre-install\nkind: Pod\n`,
];

/** A chart tree: files, directories, symlinks (loops, outside), FIFOs, nested charts and .tgz subcharts. */
export function genChart(r) {
  const entries = [];
  const add = (e) => entries.push(e);
  const chart = (dir, name, depth) => {
    add({ path: `${dir}/Chart.yaml`, type: 'file', text: r.pick(CHART_YAMLS)(name) });
    if (r.chance(0.8)) add({ path: `${dir}/values.yaml`, type: 'file', text: r.chance(0.7) ? genYamlText(r) : 'image:\n  repository: x\n  tag: 1.10\n' });
    if (r.chance(0.2)) add({ path: `${dir}/values.schema.json`, type: 'file', text: r.pick(['{"type":"object"}', '{', '{"properties":{"a":{"type":"string","pattern":"^[a-z]+$"}}}', '{"$ref":"#"}', '{"__proto__":{"x":1}}']) });
    if (r.chance(0.3)) add({ path: `${dir}/templates/d.yaml`, type: 'file', text: r.pick(['kind: Deployment\n', '{{ .Values.image.repository }}\n', '{{ template "x" }}\n', '{{ include "y" . }}{{ define "y" }}{{ include "y" . }}{{ end }}\n']) });
    if (depth < 4 && r.chance(0.4)) chart(`${dir}/charts/sub`, 'sub', depth + 1);
    if (r.chance(0.15)) add({ path: `${dir}/charts/z.tgz`, type: 'tgz', of: `${dir}/charts/sub`, mutate: r.pick(['none', 'truncate', 'flip', 'notgzip', 'empty']) });
  };
  chart('c', 'c', 0);
  // hostile templates and files, rendered by renderChart (and by validateValues and resolveImages, which render a
  // chart with templates): huge and binary files read by .Files, globs over thousands of files, deep and endless
  // includes, huge outputs, documents that are not YAML, templates that are links
  if (r.chance(0.5)) {
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) add({ path: `c/templates/h${i}.yaml`, type: 'file', text: r.pick(CHART_HOSTILE_TEMPLATES)(r) });
    if (r.chance(0.5)) add({ path: 'c/files/big.txt', type: 'big', size: r.pick([1024, 1024 * 1024, 9 * 1024 * 1024]) });
    if (r.chance(0.4)) add({ path: 'c/files/bin.dat', type: 'binary', size: r.int(1, 200_000) });
    if (r.chance(0.3)) add({ path: 'c/files/many', type: 'many', count: r.int(100, 3000) });
    if (r.chance(0.2)) add({ path: `c/templates/link${r.int(0, 9)}.yaml`, type: 'symlink', target: r.pick(['../values.yaml', '/etc/passwd', '/dev/zero', '.', 'h0.yaml', '../../../../../tmp']) });
    if (r.chance(0.2)) add({ path: 'c/templates/NOTES.txt', type: 'file', text: r.pick(['{{ fail "notes" }}', '{{ .Files.Get "files/big.txt" }}', '{{ include "n" . }}{{ define "n" }}{{ include "n" . }}{{ end }}']) });
  }
  const hostile = r.int(0, 9);
  if (hostile === 0) add({ path: 'c/values.yaml', type: 'symlink', target: r.pick(['values.yaml', '../../../../etc/passwd', '/dev/zero', 'nope', 'templates']) });
  else if (hostile === 1) add({ path: 'c/charts/loop', type: 'symlink', target: '.' });
  else if (hostile === 2) add({ path: `c/${'d/'.repeat(r.int(30, 80))}x.yaml`, type: 'file', text: 'a: 1\n' });
  else if (hostile === 3) add({ path: 'c/values.yaml', type: 'file', text: 'a: ' + 'x'.repeat(r.int(100_000, 2_000_000)) + '\n' });
  else if (hostile === 4) add({ path: 'c/charts/many', type: 'many', count: r.int(100, 3000) });
  else if (hostile === 5 && r.chance(0.3)) add({ path: 'c/values.yaml', type: 'fifo' });
  else if (hostile === 6) add({ path: 'c/Chart.yaml', type: 'dir' });
  else if (hostile === 7) {
    // a schema pattern that backtracks (Helm matches patterns with RE2, in linear time)
    add({ path: 'c/values.schema.json', type: 'file', text: JSON.stringify({ properties: { a: { type: 'string', pattern: r.pick(['^(a+)+$', '^(a|aa)+$', '^(a|a?)+$', '(x+x+)+y']) } } }) });
    add({ path: 'c/values.yaml', type: 'file', text: `a: "${'a'.repeat(r.int(20, 40))}!"\n` });
    add({ path: 'c/Chart.yaml', type: 'file', text: CHART_YAMLS[0]('c') });
  }
  return { entries, archive: r.chance(0.35) ? r.pick(['none', 'truncate', 'flip', 'notgzip', 'empty', 'none', 'none']) : undefined, helmVersion: r.pick([3, 4]) };
}

// ---------------------------------------------------------------------------------------------------------------
// references (a batch per input: the Go oracle answers many in one process)

export function genReference(r) {
  const refs = [];
  for (let i = 0; i < 200; i++) refs.push(anyReference(r));
  return { refs };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI runs

export function genCli(r) {
  const files = {};
  const n = r.int(1, 3);
  const names = [];
  for (let i = 0; i < n; i++) {
    const name = r.pick(['v.yaml', 'a b.yaml', 'x.yml', '-f.yaml', 'd/v.yaml', `f${i}.yaml`]);
    files[name] = r.chance(0.5) ? genYamlText(r) : JSON.stringify(JSON.parse(genImage(r).valuesJson));
    names.push(name);
  }
  const cmd = r.pick(['validate', 'validate', 'images', 'images', 'schema']);
  const args = [cmd];
  if (r.chance(0.9)) args.push('--profile', r.pick(['gloo', 'gloo-ee', 'generic', 'nope', '']));
  if (cmd !== 'schema' && r.chance(0.6)) args.push('--chart-version', r.pick(['1.17.0', '1.18.0', 'x', '1.19.10', '']));
  if (cmd !== 'schema') {
    if (cmd === 'validate' && r.chance(0.5)) args.push('--format', r.pick(['text', 'json', 'sarif', 'github', 'nope']));
    if (cmd === 'images' && r.chance(0.5)) args.push('-o', r.pick(['list', 'table', 'json', 'x']));
    if (r.chance(0.3)) args.push('--set', genSet(r).set?.[0] ?? 'a=1');
    if (r.chance(0.1)) args.push('--helm-version', r.pick(['3', '4', '5']));
    if (r.chance(0.1)) args.push(r.pick(['--nope', '-x', '--', '--set']));
    args.push(...(r.chance(0.5) ? names : names.map((f) => `-f=${f}`)));
    if (r.chance(0.1)) args.push(r.pick(['missing.yaml', '*.none', '**/*.yaml']));
  }
  return { args, files };
}

// registry answers for images --check: a local server answers each request with the next of these (statuses, challenges,
// redirects, manifests valid and not, bodies past the cap, silence)
export function genRegistry(r) {
  const digest = () => `sha256:${Array.from({ length: 64 }, () => r.pick([...'0123456789abcdef'])).join('')}`;
  const platform = () => r.pick([{ os: 'linux', architecture: r.pick(['amd64', 'arm64', 's390x']) }, {}, null, 5, { os: [], architecture: {} }]);
  const bodies = [
    () => JSON.stringify({ schemaVersion: 2, manifests: Array.from({ length: r.int(0, 4) }, () => ({ digest: digest(), platform: platform() })) }),
    () => JSON.stringify({ schemaVersion: 2, config: { digest: r.pick([digest(), '../x', 5, '']) } }),
    () => JSON.stringify({ architecture: r.pick(['amd64', 'arm64', 7]), os: 'linux' }),
    () => r.pick(['', '{', 'null', '[]', '"x"', '{"manifests": {}}', '\u0000\u0001']),
    () => `{"huge": "${'x'.repeat(r.pick([10, 5 * 1024 * 1024]))}"}`,
  ];
  const answers = Array.from({ length: r.int(1, 8) }, () => {
    const status = r.pick([200, 200, 200, 301, 302, 307, 401, 403, 404, 429, 500, 503, 418]);
    const headers = {};
    if (r.chance(0.5)) headers['Docker-Content-Digest'] = r.pick([digest(), 'nope', '']);
    if (status === 401) headers['WWW-Authenticate'] = r.pick(['Basic realm="x"', 'Bearer realm="http://127.0.0.1:1/token",service="s",scope="repository:a/b:pull"', 'Bearer realm="https://127.0.0.1:1/token"', '!!!', 'Bearer']);
    if (status >= 300 && status < 400) headers.Location = r.pick(['/v2/a/b/manifests/1', 'ftp://x/y', 'http://127.0.0.1:1/', '//evil.example/x', '']);
    if (status === 429) headers['Retry-After'] = r.pick(['0', '1', '-5', 'soon', '99999']);
    return { status, headers, body: r.pick(bodies)(), hang: r.chance(0.05) };
  });
  const refs = Array.from({ length: r.int(1, 4) }, () => `a/${r.pick(['b', 'c'])}:${r.pick(['1', '2'])}${r.chance(0.3) ? `@${digest()}` : ''}`);
  // the workloads of each reference, some pinning their nodes' architecture (what the platforms asked derive from)
  const arch = () => r.pick(['amd64', 'arm64', 's390x', 'arm', '']);
  const pin = () => r.pick([
    undefined,
    { allowed: Array.from({ length: r.int(0, 3) }, arch), by: ['nodeSelector kubernetes.io/arch=x'] },
    { excluded: Array.from({ length: r.int(1, 2) }, arch), by: ['nodeAffinity kubernetes.io/arch NotIn [x]'] },
  ]);
  const workloads = refs.map(() => (r.chance(0.3) ? undefined : Array.from({ length: r.int(0, 3) }, (_x, i) => ({ kind: 'Deployment', name: `w${i}`, container: 'c', ...(r.chance(0.5) ? { arch: pin() } : {}) }))));
  return { answers, refs, workloads, platforms: r.chance(0.5) ? ['linux/amd64'] : ['linux/arm64', 'linux/amd64'] };
}

export const GENERATORS = { real: genReal, yaml: genYaml, set: genSet, image: genImage, profile: genProfile, chart: genChart, reference: genReference, cli: genCli, template: genTemplate, registry: genRegistry };

// ---------------------------------------------------------------------------------------------------------------
// templates: generated snippets (compared with both Helms, batched as one chart of many templates) and hostile
// templates (which must end with render-limit, or Helm's own recursion errors, within the budget)

const T_OPERANDS = ['.Values.s', '.Values.e', '.Values.f', '.Values.i', '.Values.z', '.Values.b', '.Values.n', '.Values.missing', '.Values.l', '.Values.m',
  '.Values.m.c', '.Values.big', '.Values.neg', '.Values.str10', '.Values.words', '"abc"', '""', '"1.5"', '" x "', '"a,b,c"', '0', '1', '-2', '3', '1.5', '1e6',
  'true', 'false', 'nil', '(list 1 "a" 2.5)', '(list)', '(dict "k" "v" "n" 1)', '(dict)', '.Release.Name', '.Chart.Name', '.Values'];
// name, arity (or [min, max])
const T_FUNCS = [
  ['upper', 1], ['lower', 1], ['title', 1], ['trim', 1], ['quote', 1], ['squote', 1], ['len', 1], ['default', 2], ['empty', 1], ['toString', 1],
  ['toYaml', 1], ['toJson', 1], ['fromYaml', 1], ['fromJson', 1], ['toToml', 1], ['fromToml', 1], ['b64enc', 1], ['sha256sum', 1], ['kindOf', 1], ['typeOf', 1],
  ['int', 1], ['int64', 1], ['float64', 1], ['atoi', 1], ['add', 2], ['sub', 2], ['mul', 2], ['div', 2], ['mod', 2], ['max', 2], ['min', 2], ['addf', 2],
  ['eq', 2], ['ne', 2], ['lt', 2], ['le', 2], ['gt', 2], ['ge', 2], ['and', 2], ['or', 2], ['not', 1], ['ternary', 3], ['coalesce', [1, 3]],
  ['list', [0, 3]], ['dict', [0, 4]], ['first', 1], ['last', 1], ['rest', 1], ['initial', 1], ['reverse', 1], ['uniq', 1], ['sortAlpha', 1], ['compact', 1],
  ['keys', 1], ['values', 1], ['hasKey', 2], ['get', 2], ['pluck', 2], ['merge', 2], ['mergeOverwrite', 2], ['deepCopy', 1], ['dig', 3], ['has', 2],
  ['index', [1, 3]], ['slice', [1, 3]], ['join', 2], ['split', 2], ['splitList', 2], ['replace', 3], ['contains', 2], ['hasPrefix', 2], ['trunc', 2],
  ['abbrev', 2], ['indent', 2], ['nindent', 2], ['repeat', 2], ['substr', 3], ['regexMatch', 2], ['regexReplaceAll', 3], ['semverCompare', 2],
  ['printf', [1, 3]], ['print', [0, 3]], ['println', [0, 2]], ['html', 1], ['js', 1], ['urlquery', 1], ['toStrings', 1], ['until', 1], ['seq', [1, 3]],
  ['required', 2], ['include', 2], ['tpl', 2], ['urlParse', 1], ['kebabcase', 1], ['camelcase', 1], ['snakecase', 1], ['wrap', 2], ['plural', 3],
];
const T_FORMATS = ['"%s"', '"%v"', '"%d"', '"%q"', '"%05.1f"', '"%x"', '"%#v"', '"%T"', '"%-4s|"', '"%t"', '"%+d"', '"%e"', '"%g"', '"%c"', '"%U"', '"%08.3f"'];

function tExpr(r, depth) {
  if (depth > 2 || r.chance(0.35)) {
    if (r.chance(0.15)) return r.pick(T_FORMATS);
    return r.pick(T_OPERANDS);
  }
  const [name, ar] = r.pick(T_FUNCS);
  const n = Array.isArray(ar) ? r.int(ar[0], ar[1]) : ar;
  const args = [];
  for (let i = 0; i < n; i++) args.push(name === 'printf' && i === 0 ? r.pick(T_FORMATS) : tExpr(r, depth + 1));
  if (name === 'include' || name === 'tpl') args[0] = name === 'include' ? r.pick(['"h"', '"nope"']) : r.pick(['"{{ .Values.s }}"', '"{{ .x"', '"{{ len . }}"']);
  // `keys` and `values` list a map in Go's random order: sorted, Helm's output is deterministic (run.mjs)
  if (name === 'keys' || name === 'values') return `(${[name, ...args].join(' ')} | sortAlpha)`;
  return `(${[name, ...args].join(' ')})`;
}

function tPipeline(r) {
  let p = tExpr(r, 0).replace(/^\((.*)\)$/s, '$1');
  const n = r.int(0, 2);
  for (let i = 0; i < n; i++) p += ` | ${r.pick(['upper', 'quote', 'toJson', 'len', 'toString', 'default "d"', 'trim', 'b64enc', 'kindOf', 'printf "%v"', 'toYaml', 'first', 'nindent 2'])}`;
  return p;
}

function tBody(r, depth) {
  const parts = [];
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const c = r.int(0, 9);
    if (c <= 4 || depth > 1) parts.push(`{{ ${tPipeline(r)} }}`);
    else if (c === 5) parts.push(`{{ if ${tPipeline(r)} }}T${tBody(r, depth + 1)}{{ else }}F{{ end }}`);
    else if (c === 6) parts.push(`{{ range $i, $e := ${r.pick(['.Values.l', '.Values.m', '(until 3)', '.Values.missing', '3', '.Values.s'])} }}[{{ $i }}={{ $e }}]${r.chance(0.3) ? '{{ break }}' : ''}{{ end }}`);
    else if (c === 7) parts.push(`{{ with ${tPipeline(r)} }}<{{ . }}>{{ else }}none{{ end }}`);
    else if (c === 8) parts.push(`{{ $x := ${tPipeline(r)} }}{{ $x }}`);
    else parts.push(`{{- ${tPipeline(r)} -}}`);
  }
  return parts.join(' ');
}

const HOSTILE_TEMPLATES = [
  (r) => `{{ range until ${r.pick([1e8, 1e9, 2147483647])} }}x{{ end }}`,
  (r) => `{{ range until ${r.int(1000, 5000)} }}{{ range until ${r.int(1000, 5000)} }}{{ range until 1000 }}{{ end }}{{ end }}{{ end }}`,
  () => '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}',
  () => '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}{{ include "a" . }}',
  () => '{{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}',
  () => '{{ define "a" }}{{ tpl "{{ include \\"a\\" . }}" . }}{{ end }}{{ include "a" . }}',
  // Go reads at most 7 digits of a width (more is %!(BADWIDTH), which is not hostile)
  (r) => `{{ printf "%0${r.pick(['9999999', '8500000'])}d" 1 }}`,
  (r) => `{{ repeat ${r.pick([1e8, 5e7, 2147483647])} "${r.pick(['x', 'abc'])}" }}`,
  (r) => `{{ $s := "xy" }}{{ range until ${r.int(30, 64)} }}{{ $s = printf "%s%s" $s $s }}{{ end }}`,
  (r) => `{{ $l := list 1 }}{{ range until ${r.int(30, 64)} }}{{ $l = concat $l $l }}{{ end }}{{ len $l }}`,
  (r) => `{{ $d := dict }}{{ range until ${r.int(1000000, 5000000)} }}{{ $_ := set $d (toString .) . }}{{ end }}`,
  (r) => `{{ toYaml (until ${r.pick([1e7, 1e8])}) }}`,
  (r) => `{{ trunc ${r.pick([1e9, -1])} (repeat 10000000 "x") | len }}`,
  (r) => `{{ range seq 1 ${r.pick([1e8, 1e9])} }}{{ end }}`,
];

export function genTemplate(r) {
  const helmVersion = r.pick([3, 4]);
  if (r.chance(0.15)) return { helmVersion, hostile: r.pick(HOSTILE_TEMPLATES)(r) };
  const snippets = [];
  const n = r.int(6, 12);
  for (let i = 0; i < n; i++) snippets.push(`v${i}: ${tBody(r, 0)}\n`);
  return { helmVersion, snippets };
}
