// The template corpus's snippets: constructs and functions by category, with adversarial arguments and
// error cases. Deterministic (seeded PRNG): the same list on every run, so that ids stay stable.

import { mulberry32 } from './lib/rng.mjs';

// operands: literals and values of every Go type a template meets
const OPERANDS = {
  str: ['"abc"', '""', '"Hello World"', '"a-b_c.d"', '" x "', '"ünï"', '"1.5"', '"10"', '.Values.s', '.Values.e', '.Values.str10', '.Values.words'],
  int: ['0', '3', '-2', '10', '0x1F', '(len "abc")', '(atoi "7")'],
  float: ['1.5', '0.0', '-2.25', '1e6', '.Values.f', '.Values.i', '.Values.z', '.Values.big', '.Values.neg'],
  bool: ['true', 'false', '.Values.b'],
  nil: ['.Values.n', '.Values.missing'],
  list: ['.Values.l', '(list 1 2 3)', '(list)', '(list "b" "a" "c")', '(list 1 "1" 1.0 1)'],
  map: ['.Values.m', '(dict "a" 1 "b" "two")', '(dict)', '.Values.m.c'],
};
const ALL = Object.values(OPERANDS).flat();

function pick(rng, arr, n) {
  const out = [];
  const copy = [...arr];
  for (let i = 0; i < n && copy.length; i++) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]);
  return out;
}

/** Every snippet: { id, category, functions, template, values?, set?, helpers? }. */
export function generateSnippets() {
  const rng = mulberry32(20261203);
  const out = [];
  const seen = new Set();
  const add = (category, template, extra = {}) => {
    const key = category + '\0' + template + '\0' + JSON.stringify(extra);
    if (seen.has(key)) return;
    seen.add(key);
    const n = out.filter((s) => s.category === category).length;
    out.push({ id: `${category}/${String(n).padStart(3, '0')}`, category, functions: extra.functions ?? [], template, ...extra });
  };
  const fnCall = (category, fn, args, extra = {}) => add(category, `v: {{ ${fn}${args.length ? ' ' + args.join(' ') : ''} }}\n`, { functions: [fn], ...extra });

  // ---- constructs ----
  const constructs = [
    'plain text only\n', 'a: 1\n{{/* a comment */}}\nb: 2\n', 'a: {{- " x " -}} :b\n', 'a:   {{- 1 }}\n', 'a: {{ 1 -}}   \n  b\n',
    '{{- /* trimmed comment */ -}}\nk: v\n', 'a: {{ "{{" }}\n', 'a: {{`raw \\n string`}}\n', "a: {{ 'x' }}\n", "a: {{ '\\n' }}\n",
    'a: {{ 0x10 }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}\n', 'a: {{ 1.50 }} {{ 1e3 }} {{ -0.0 }} {{ .5 }}\n', 'a: {{ true }} {{ false }}\n',
    'a: {{ $x := 1 }}{{ $x }}\n', 'a: {{ $x := 1 }}{{ $x = 2 }}{{ $x }}\n', 'a: {{ $ }}\n', 'a: {{ $.Values.s }}\n',
    'a: {{ if .Values.b }}yes{{ else }}no{{ end }}\n', 'a: {{ if .Values.e }}yes{{ else if .Values.s }}s{{ else }}no{{ end }}\n',
    'a: {{ if .Values.missing }}y{{ end }}\n', 'a: {{ if .Values.l }}list{{ end }}{{ if (list) }}empty{{ end }}\n', 'a: {{ if .Values.z }}z{{ else }}zero{{ end }}\n',
    'a: {{ with .Values.m }}{{ .a }}{{ end }}\n', 'a: {{ with .Values.missing }}x{{ else }}none{{ end }}\n', 'a: {{ with $x := .Values.s }}{{ $x }}{{ end }}\n',
    'a: {{ range .Values.l }}[{{ . }}]{{ end }}\n', 'a: {{ range $i, $e := .Values.l }}{{ $i }}:{{ $e }} {{ end }}\n', 'a: {{ range $k, $v := .Values.m }}{{ $k }}={{ $v }} {{ end }}\n',
    'a: {{ range .Values.missing }}x{{ else }}empty{{ end }}\n', 'a: {{ range (list) }}x{{ else }}none{{ end }}\n', 'a: {{ range $i, $e := until 5 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $e }}{{ end }}\n',
    'a: {{ range until 5 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}\n', 'a: {{ range 3 }}{{ . }}{{ end }}\n', 'a: {{ range $i := 2 }}{{ $i }}{{ end }}\n',
    'a: {{ range $i, $e := 3 }}{{ $i }}{{ end }}\n', 'a: {{ range .Values.f }}{{ . }}{{ end }}\n', 'a: {{ range "abc" }}{{ . }}{{ end }}\n', 'a: {{ range .Values.i }}{{ . }}{{ end }}\n',
    'a: {{ range $k, $v := dict "z" 1 "a" 2 "m" 3 }}{{ $k }}{{ end }}\n', 'a: {{ range .Values.l }}{{ $.Values.s }}{{ end }}\n', 'a: {{ range $x := .Values.l }}{{ end }}{{ $x }}\n',
    '{{ define "t1" }}T1 {{ . }}{{ end }}a: {{ template "t1" 5 }}\n', '{{ define "t2" }}[{{ .a }}]{{ end }}a: {{ include "t2" (dict "a" "b") }}\n', 'a: {{ block "blk" . }}default {{ .Values.s }}{{ end }}\n',
    'a: {{ template "nope" }}\n', 'a: {{ include "nope" . }}\n', '{{ define "t3" }}{{ .Values.missing.x }}{{ end }}a: {{ include "t3" . }}\n', '{{ define "t4" }}{{ fail "inner" }}{{ end }}a: {{ include "t4" . }}\n',
    'a: {{ (.Values.m).a }}\n', 'a: {{ (dict "k" (dict "j" 1)).k.j }}\n', 'a: {{ .Values.s | upper | printf "%s!" }}\n', 'a: {{ "x" | printf "%s-%s" "y" }}\n',
    'a: {{ .Values.m.c.d }}\n', 'a: {{ .Values.missing }}\n', 'a: {{ .Values.n }}\n', 'a: {{ .Values.missing.x }}\n', 'a: {{ .Values.n.x }}\n', 'a: {{ .Values.s.x }}\n',
    'a: {{ .Values.l.x }}\n', 'a: {{ $x := .Values.s }}{{ $x.y }}\n', 'a: {{ (.Values.s).y }}\n', 'a: {{ range .Values.l }}{{ .x }}{{ end }}\n', 'a: {{ .Values.m.a 1 }}\n',
    'a: {{ $x := 1 }}{{ $x 2 }}\n', 'a: {{ 1 2 }}\n', 'a: {{ nil }}\n', 'a: {{ (nil).x }}\n', 'a: {{ .Values | len }}\n', 'a: {{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }}\n',
    'a: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}\n', 'a: {{ .Template.Name }} {{ .Template.BasePath }}\n',
    'a: {{ .Chart.name }}\n', 'a: {{ .Capabilities.KubeVersion }}\n', 'a: {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}\n', 'a: {{ .Capabilities.APIVersions.Has "v1" }}\n',
    'a: {{ .Release.Missing }}\n', 'a: {{ .Nope }}\n', 'a: {{ .Files.Get "nope.txt" | quote }}\n',
    // parse errors
    'a: {{ .Values.s\n', 'a: {{ if true }}x\n', 'a: {{ end }}\n', 'a: {{ else }}\n', 'a: {{ nofunc 1 }}\n', 'a: {{ $undefined }}\n', 'a: {{ 1x }}\n', 'a: {{ "unterminated }}\n',
    'a: {{ ) }}\n', 'a: {{ (1 }}\n', 'a: {{ | }}\n', 'a: {{ .Values.s | 1 }}\n', 'a: {{ range $a, $b, $c := .Values.l }}{{ end }}\n', 'a: {{ break }}\n', 'a: {{ continue }}\n',
    'a: {{ define "x" }}\n', 'a: {{/* unclosed comment }}\n', 'a: {{ 1 /* c */ }}\n', 'a: {{ "a" . }}\n', 'a: {{ .Values.s.1 }}\n', 'a: {{ template .Values.s }}\n', 'a: {{ 99999999999999999999 }}\n',
    'a: {{ with }}{{ end }}\n', 'a: {{ $x = 1 }}\n', 'a: {{ if }}{{ end }}\n', 'a: {{ ^ }}\n', 'a: {{ .Values.s }}}\n', 'a: {{ "a" | "b" }}\n',
    '{{ define "d1" }}one{{ end }}{{ define "d1" }}two{{ end }}a: {{ template "d1" }}\n', 'a: {{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}\n',
    'a: {{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}\n', 'a: {{ if $y := .Values.s }}{{ $y }}{{ end }}\n',
    'a:\n{{- range .Values.l }}\n  - {{ . }}\n{{- end }}\n', 'list:\n{{ range $k, $v := .Values.m }}  {{ $k }}: {{ $v | toString | quote }}\n{{ end }}',
    '---\na: 1\n---\nb: 2\n', 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  s: {{ .Values.s | quote }}\n',
    '', '   \n\n', '# only a comment\n', 'a: <no value>\n', 'a: {{ print .Values.missing }}\n', 'a: {{ printf "%v" .Values.missing }}\n', 'a: {{ index .Values.m "zz" }}\n',
  ];
  for (const t of constructs) add('construct', t);

  // ---- comparisons: Go's kind rules ----
  const cmpOps = ['1', '1.0', '1.5', '"1"', '"a"', 'true', '.Values.f', '.Values.i', '.Values.s', '.Values.n', '.Values.missing', '(len "a")', '(int64 1)', '(add 1 0)', '.Values.l'];
  for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge']) {
    for (let k = 0; k < 14; k++) {
      const [a, b] = [cmpOps[Math.floor(rng() * cmpOps.length)], cmpOps[Math.floor(rng() * cmpOps.length)]];
      fnCall('compare', op, [a, b]);
    }
  }
  fnCall('compare', 'eq', ['1', '2', '3', '1']);
  fnCall('compare', 'eq', ['"a"', '"b"', '"a"']);
  fnCall('compare', 'eq', ['1']);
  fnCall('compare', 'eq', ['.Values.s', '"hello"', '1']);
  fnCall('compare', 'eq', ['.Values.i', '3.0']);
  fnCall('compare', 'eq', ['.Values.i', '3']);
  fnCall('compare', 'eq', ['.Values.n', '.Values.missing']);
  fnCall('compare', 'lt', ['"a"', '"b"']);
  fnCall('compare', 'lt', ['"b"', '"ab"']);
  fnCall('compare', 'lt', ['true', 'false']);
  fnCall('compare', 'ge', ['-1', '(len "")']);
  // logic
  for (const op of ['and', 'or']) {
    for (let k = 0; k < 10; k++) fnCall('logic', op, pick(rng, ['0', '1', '""', '"x"', '.Values.b', '.Values.e', '.Values.missing', '(list)', '.Values.l', 'false', 'true'], 2 + (k % 3)));
    fnCall('logic', op, ['1', '(fail "not evaluated")']);
    fnCall('logic', op, ['0', '(fail "evaluated")']);
  }
  for (const a of ['0', '1', '""', '"x"', '.Values.b', '.Values.missing', '(list)', '.Values.m', 'true', '.Values.z']) fnCall('logic', 'not', [a]);

  // ---- printf / print / println ----
  const verbs = ['%d', '%s', '%v', '%+v', '%q', '%t', '%f', '%.2f', '%5d', '%-5s|', '%05d', '%x', '%X', '%o', '%e', '%g', '%T', '%c', '%U', '%+d', '%8.3f', '%.0f', '%#x', '%.3s', '%5.1f|', '%-8v|', '%%', '%b', '%E', '%G', '%O', '% d', '%#v', '%010.3f', '%.10g', '%6.2e'];
  const fmtArgs = ['3', '-7', '1.5', '.Values.f', '.Values.big', '"str"', '.Values.s', 'true', '.Values.n', '.Values.l', '.Values.m', '(list 1 "a")', '65', '0.000012345', '(int64 255)', '123456789.0', '.Values.neg', '2.5', '0.125'];
  for (const v of verbs) for (const a of pick(rng, fmtArgs, 6)) fnCall('printf', 'printf', [JSON.stringify(v), a]);
  fnCall('printf', 'printf', ['"%d %d"', '1']);
  fnCall('printf', 'printf', ['"%d"', '1', '2', '"x"']);
  fnCall('printf', 'printf', ['"%"']);
  fnCall('printf', 'printf', ['"%z"', '1']);
  fnCall('printf', 'printf', ['"%[2]d %[1]d"', '1', '2']);
  fnCall('printf', 'printf', ['"%*d"', '5', '42']);
  fnCall('printf', 'printf', ['"%-*d|"', '4', '7']);
  fnCall('printf', 'printf', ['"%.*f"', '2', '3.14159']);
  fnCall('printf', 'printf', ['.Values.s']);
  fnCall('printf', 'printf', ['1']);
  fnCall('printf', 'printf', []);
  fnCall('printf', 'printf', ['"%s"', '.Values.missing']);
  fnCall('printf', 'printf', ['"%d"', '.Values.missing']);
  fnCall('printf', 'printf', ['"%v %v"', '.Values.missing', '.Values.n']);
  fnCall('printf', 'printf', ['"%.2f"', '0.125']);
  fnCall('printf', 'printf', ['"%.2f"', '0.375']);
  fnCall('printf', 'printf', ['"%.1f"', '0.25']);
  fnCall('printf', 'printf', ['"%.0f"', '2.5']);
  fnCall('printf', 'printf', ['"%v"', '1e21']);
  fnCall('printf', 'printf', ['"%v"', '100000.0']);
  fnCall('printf', 'printf', ['"%v"', '1e-5']);
  fnCall('printf', 'printf', ['"%v"', '0.0001']);
  fnCall('printf', 'printf', ['"%s"', '(list nil 1 "a")']);
  fnCall('printf', 'printf', ['"%d"', '(dict "a" 1)']);
  fnCall('printf', 'printf', ['"%x"', '"hi"']);
  fnCall('printf', 'printf', ['"%q"', '"a\\"b\\n"']);
  for (const fn of ['print', 'println']) {
    for (let k = 0; k < 12; k++) fnCall('print', fn, pick(rng, ['1', '2', '"a"', '"b"', '.Values.f', '.Values.n', '.Values.missing', '.Values.l', '.Values.m', 'true', '-3', '.Values.big'], 1 + (k % 4)));
    fnCall('print', fn, []);
  }
  for (const fn of ['html', 'js', 'urlquery']) {
    for (const a of ['"<a href=\\"x\\">&\'</a>"', '"a b+c/d?e=f&g"', '"ünï \\t\\n"', '.Values.s', '1', '.Values.l', '.Values.missing', '"=<>&"', '"line\\u2028sep"']) fnCall('escape', fn, [a]);
    fnCall('escape', fn, ['"a"', '1', '.Values.f']);
  }

  // ---- index / slice / len ----
  for (const [a, ix] of [['.Values.l', '0'], ['.Values.l', '2'], ['.Values.l', '3'], ['.Values.l', '-1'], ['.Values.l', '"0"'], ['.Values.m', '"a"'], ['.Values.m', '"zz"'], ['.Values.m', '"c"', '"d"'], ['.Values.m', '1'], ['"abc"', '1'], ['"abc"', '3'], ['.Values.missing', '0'], ['.Values.n', '"a"'], ['.Values.s', '0'], ['.Values.f', '0'], ['.Values.l'], ['(list (list 1 2) (list 3 4))', '1', '0'], ['.Values.l', '.Values.z'], ['.Values.l', '(int64 1)']]) fnCall('index', 'index', [a, ix].filter(Boolean));
  for (const args of [['.Values.l', '1'], ['.Values.l', '1', '2'], ['.Values.l', '0', '3'], ['.Values.l', '2', '1'], ['"hello"', '1', '3'], ['"hello"', '2'], ['"hello"', '1', '2', '3'], ['.Values.l', '0', '1', '2'], ['.Values.l', '5'], ['.Values.m', '1'], ['.Values.missing'], ['.Values.l']]) fnCall('index', 'slice', args);
  for (const a of ['.Values.l', '.Values.m', '.Values.s', '"ünï"', '.Values.e', '.Values.f', '.Values.missing', '.Values.n', '(list)', '(dict "a" 1)', '3', '.Values.b']) fnCall('index', 'len', [a]);

  // ---- sprig strings ----
  const strFns1 = ['upper', 'lower', 'title', 'untitle', 'trim', 'nospace', 'initials', 'swapcase', 'snakecase', 'camelcase', 'kebabcase', 'quote', 'squote', 'toString', 'base', 'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs', 'atoi', 'int', 'int64', 'float64', 'toDecimal', 'toStrings'];
  const strArgs = ['"hello world"', '"Hello World"', '""', '"  padded  "', '"snake_case-Kebab CaseX"', '"HTTPServer2Go"', '"/a/b/../c.txt"', '"a//b/"', '"file.tar.gz"', '"42"', '"0x1F"', '"-3.7"', '"017"', '"ünï cödé"', '.Values.s', '.Values.f', '.Values.i', '.Values.missing', '.Values.l', '.Values.b', '3', '.Values.str10'];
  for (const fn of strFns1) for (const a of pick(rng, strArgs, 7)) fnCall('strings', fn, [a]);
  const strFns2 = [['contains', 2], ['hasPrefix', 2], ['hasSuffix', 2], ['trimAll', 2], ['trimall', 2], ['trimPrefix', 2], ['trimSuffix', 2], ['splitList', 2], ['split', 2], ['join', 2], ['cat', 3], ['replace', 3], ['repeat', 2], ['trunc', 2], ['abbrev', 2], ['abbrevboth', 3], ['wrap', 2], ['wrapWith', 3], ['indent', 2], ['nindent', 2], ['substr', 3], ['plural', 3], ['splitn', 3]];
  const typedArgs = {
    contains: [['"ll"', '"hello"'], ['""', '"x"'], ['"z"', '.Values.s'], ['1', '"1"'], ['"a"', '.Values.l']],
    hasPrefix: [['"he"', '"hello"'], ['"x"', '"hello"'], ['""', '""'], ['.Values.s', '"hello world"'], ['"h"', '.Values.f']],
    hasSuffix: [['"lo"', '"hello"'], ['"x"', '"hello"'], ['"o"', '.Values.s'], ['""', '"a"'], ['1', '"a1"']],
    trimAll: [['"-"', '"--a-b--"'], ['"ab"', '"abcba"'], ['""', '"x"'], ['"$"', '"$$5$"'], ['"ü"', '"üxü"']],
    trimall: [['"-"', '"--a--"'], ['" "', '"  x "'], ['"x"', '"xxx"'], ['"ab"', '"ba"'], ['"."', '"..a.."']],
    trimPrefix: [['"-"', '"--a"'], ['"he"', '"hello"'], ['"x"', '"hello"'], ['""', '"a"'], ['"hello"', '.Values.s']],
    trimSuffix: [['"-"', '"a--"'], ['"lo"', '"hello"'], ['"x"', '"hello"'], ['""', '"a"'], ['"o"', '.Values.s']],
    splitList: [['","', '"a,b,,c"'], ['""', '"abc"'], ['","', '""'], ['" "', '.Values.words'], ['"x"', '"abc"']],
    split: [['","', '"a,b,c"'], ['""', '"ab"'], ['"$"', '"a$b"'], ['" "', '.Values.words'], ['","', '""']],
    join: [['","', '.Values.l'], ['"-"', '(list "a" "b")'], ['","', '(list)'], ['","', '.Values.s'], ['", "', '(list 1 nil "x" 2.5)'], ['"+"', '.Values.m'], ['","', '.Values.missing']],
    cat: [['"a"', '"b"', '"c"'], ['1', '.Values.missing', '"x"'], ['.Values.l', '.Values.f', 'true'], ['""', '""', '""'], ['.Values.n', '1', '2']],
    replace: [['"a"', '"b"', '"banana"'], ['""', '"-"', '"abc"'], ['"x"', '"y"', '""'], ['" "', '"_"', '.Values.words'], ['"an"', '""', '"banana"']],
    repeat: [['3', '"ab"'], ['0', '"x"'], ['-1', '"x"'], ['2', '""'], ['.Values.i', '"x"'], ['"2"', '"x"']],
    trunc: [['3', '"hello"'], ['10', '"hi"'], ['-2', '"hello"'], ['0', '"x"'], ['-10', '"abc"'], ['2', '"ünï"']],
    abbrev: [['5', '"hello world"'], ['3', '"hello"'], ['20', '"short"'], ['4', '"abcdefg"'], ['6', '.Values.words']],
    abbrevboth: [['5', '10', '"1234567890abcdefghij"'], ['0', '8', '"abcdefghijkl"'], ['1', '5', '"abcdefghij"'], ['10', '12', '"abcdefghijklmnopqrstuvwxyz"'], ['2', '3', '"abc"']],
    wrap: [['5', '"hello world foo"'], ['3', '"abcdefg"'], ['10', '""'], ['1', '"a b"'], ['80', '.Values.words']],
    wrapWith: [['5', '"<br>"', '"hello world foo"'], ['3', '"|"', '"abcdef"'], ['4', '"\\n"', '"a b c d e"'], ['10', '"-"', '"x"'], ['2', '""', '"ab cd"']],
    indent: [['2', '"a\\nb"'], ['0', '"x"'], ['4', '""'], ['-1', '"x"'], ['2', '"a\\n"'], ['3', '.Values.s']],
    nindent: [['2', '"a\\nb"'], ['0', '"x"'], ['4', '""'], ['2', '.Values.s'], ['1', '"\\n"']],
    substr: [['1', '3', '"hello"'], ['0', '10', '"hi"'], ['-1', '2', '"hello"'], ['2', '-1', '"hello"'], ['3', '1', '"hello"'], ['1', '2', '"ünï"'], ['0', '0', '""'], ['5', '10', '"abc"']],
    plural: [['"one"', '"many"', '1'], ['"one"', '"many"', '2'], ['"one"', '"many"', '0'], ['"a"', '"b"', '(len .Values.l)'], ['"x"', '"y"', '-1']],
    splitn: [['","', '2', '"a,b,c"'], ['","', '0', '"a,b"'], ['","', '-1', '"a,b"'], ['""', '2', '"abc"'], ['"b"', '5', '"abc"']],
  };
  for (const [fn] of strFns2) for (const args of typedArgs[fn]) fnCall('strings2', fn, args);
  for (const a of ['"abc"', '1', '.Values.missing', '.Values.l', '"a b"', '.Values.n']) fnCall('strings2', 'quote', [a, '"x"']);
  fnCall('strings2', 'squote', ['.Values.f', '.Values.missing', '"a"']);
  fnCall('strings2', 'hello', []);
  for (const t of ['v: {{ "hello" | upper | repeat 2 | trunc 7 | quote }}\n', 'v: {{ list "b" "a" | sortAlpha | join "," }}\n', 'v: {{ .Values.words | splitList " " | last }}\n', 'v: {{ (split "," "a,b")._1 }}\n', 'v: {{ "a.b.c" | splitList "." | first | upper }}\n']) add('strings2', t);

  // ---- conversions and types ----
  for (const fn of ['typeOf', 'kindOf', 'toString', 'int', 'int64', 'float64', 'toDecimal', 'atoi', 'empty', 'toStrings', 'deepCopy']) {
    for (const a of pick(rng, ALL, 9)) if (!(fn === 'atoi' && !OPERANDS.str.includes(a))) fnCall('types', fn, [a]);
  }
  for (const [fn, t] of [['typeIs', '"string"'], ['typeIs', '"float64"'], ['typeIs', '"int"'], ['typeIsLike', '"int64"'], ['typeIsLike', '"[]interface {}"'], ['kindIs', '"map"'], ['kindIs', '"slice"'], ['kindIs', '"string"'], ['kindIs', '"invalid"'], ['typeIsLike', '"map[string]interface {}"']]) {
    for (const a of pick(rng, ALL, 3)) fnCall('types', fn, [t, a]);
  }
  for (const [a, b] of [['.Values.l', '(list 1 "two" 3.5)'], ['1', '1'], ['1', '1.0'], ['.Values.m', '.Values.m'], ['(dict "a" 1)', '(dict "a" 1)'], ['.Values.missing', '.Values.n'], ['"a"', '"a"'], ['(list)', '(list)']]) fnCall('types', 'deepEqual', [a, b]);

  // ---- defaults ----
  for (const d of ['"dflt"', '1', '.Values.l']) for (const g of ['.Values.s', '.Values.e', '.Values.missing', '.Values.n', '.Values.z', '.Values.f', '.Values.b', 'false', '(list)', '(dict)', '.Values.m', '0.0']) fnCall('defaults', 'default', [d, g]);
  fnCall('defaults', 'default', ['"only"']);
  for (let k = 0; k < 12; k++) fnCall('defaults', 'coalesce', pick(rng, ['.Values.missing', '.Values.e', '.Values.z', '0', '""', '.Values.s', '"x"', '(list)', '.Values.l', 'false', '.Values.n'], 1 + (k % 4)));
  fnCall('defaults', 'coalesce', []);
  for (const a of ALL.slice(0, 30)) fnCall('defaults', 'empty', [a]);
  for (const c of ['true', 'false', '.Values.b', '.Values.s', '1', '.Values.missing']) fnCall('defaults', 'ternary', ['"yes"', '"no"', c]);
  for (let k = 0; k < 8; k++) { fnCall('defaults', 'all', pick(rng, ALL, 1 + (k % 3))); fnCall('defaults', 'any', pick(rng, ALL, 1 + (k % 3))); }
  fnCall('defaults', 'all', []);
  fnCall('defaults', 'any', []);

  // ---- math ----
  const nums = ['1', '2', '-3', '0', '1.5', '2.7', '-0.5', '.Values.f', '.Values.i', '.Values.big', '.Values.neg', '"7"', '"0x10"', '"2.9"', '"x"', '.Values.missing', 'true', '9223372036854775807', '"1.0"', '"010"'];
  for (const fn of ['add', 'mul', 'max', 'min', 'biggest', 'maxf', 'minf', 'addf', 'mulf']) for (let k = 0; k < 7; k++) fnCall('math', fn, pick(rng, nums, 1 + (k % 3)));
  for (const fn of ['sub', 'div', 'mod', 'subf', 'divf']) for (let k = 0; k < 7; k++) fnCall('math', fn, pick(rng, nums, 2));
  for (const fn of ['add1', 'add1f', 'ceil', 'floor']) for (const a of pick(rng, nums, 7)) fnCall('math', fn, [a]);
  for (const [a, p] of [['3.14159', '2'], ['2.5', '0'], ['-2.5', '0'], ['1.005', '2'], ['.Values.f', '0'], ['"2.345"', '2'], ['123.456', '-1']]) fnCall('math', 'round', [a, p]);
  fnCall('math', 'round', ['2.45', '1', '0.4']);
  fnCall('math', 'div', ['1', '0']);
  fnCall('math', 'mod', ['5', '0']);
  fnCall('math', 'divf', ['1', '3']);
  fnCall('math', 'divf', ['1', '0']);
  fnCall('math', 'addf', ['0.1', '0.2']);
  fnCall('math', 'mulf', ['1.1', '1.1']);
  fnCall('math', 'subf', ['0.3', '0.1']);
  fnCall('math', 'add', ['9223372036854775807', '1']);
  for (const a of ['5', '0', '-3', '"3"', '.Values.i']) fnCall('math', 'until', [a]);
  for (const args of [['0', '10', '3'], ['10', '0', '-3'], ['0', '5', '0'], ['5', '0', '1'], ['1', '2', '1']]) fnCall('math', 'untilStep', args);
  for (const args of [['5'], ['0'], ['-3'], ['2', '5'], ['5', '2'], ['1', '2', '10'], ['10', '-3', '1'], ['1', '-1', '5'], [], ['1', '2', '3', '4']]) fnCall('math', 'seq', args);

  // ---- lists ----
  const lists = ['.Values.l', '(list 1 2 3)', '(list)', '(list "b" "a" "b" "c")', '(list 1 "1" 1 2.0 2.0)', '.Values.m', '.Values.s', '.Values.missing', '(list (list 1) (list 1))', '(splitList "," "x,y")'];
  for (const fn of ['first', 'rest', 'last', 'initial', 'reverse', 'uniq', 'compact', 'sortAlpha', 'mustFirst', 'mustLast', 'mustRest', 'mustInitial', 'mustReverse', 'mustUniq', 'mustCompact']) for (const l of pick(rng, lists, 6)) fnCall('lists', fn, [l]);
  for (const fn of ['append', 'push', 'prepend', 'mustAppend', 'mustPush', 'mustPrepend']) for (const l of pick(rng, lists, 5)) fnCall('lists', fn, [l, '"z"']);
  for (const [n, l] of [['1', '.Values.l'], ['"two"', '.Values.l'], ['2', '.Values.l'], ['1', '(list 1 2)'], ['1.0', '.Values.l'], ['"a"', '.Values.s'], ['"a"', '.Values.missing'], ['nil', '(list nil)'], ['.Values.f', '(list 1.5)']]) {
    fnCall('lists', 'has', [n, l]);
    fnCall('lists', 'mustHas', [n, l]);
  }
  for (const args of [['.Values.l', '1'], ['(list 1 2 1 3)', '1', '3'], ['.Values.l', '"two"'], ['.Values.s', '"h"'], ['(list)', '1']]) { fnCall('lists', 'without', args); fnCall('lists', 'mustWithout', args); }
  for (const args of [['.Values.l', '1'], ['.Values.l', '1', '2'], ['(list)', '0'], ['.Values.l', '0', '5'], ['.Values.s', '1'], ['.Values.l']]) { fnCall('lists', 'slice', args); fnCall('lists', 'mustSlice', args); }
  for (const args of [['.Values.l', '(list 4 5)'], ['(list)', '(list)'], ['.Values.l', '.Values.s'], ['(list 1)', '(list 2)', '(list 3)'], []]) fnCall('lists', 'concat', args);
  for (const args of [['2', '(list 1 2 3 4 5)'], ['3', '(list)'], ['0', '(list 1)'], ['1', '.Values.s'], ['10', '.Values.l']]) { fnCall('lists', 'chunk', args); fnCall('lists', 'mustChunk', args); }
  for (let k = 0; k < 5; k++) { fnCall('lists', 'list', pick(rng, ALL, k)); fnCall('lists', 'tuple', pick(rng, ALL, k)); }
  for (const t of ['v: {{ $l := list 1 }}{{ $_ := append $l 2 }}{{ $l }}\n', 'v: {{ range $i, $x := list "a" "b" | reverse }}{{ $i }}{{ $x }}{{ end }}\n', 'v: {{ list 3 1 2 | sortAlpha }}\n', 'v: {{ (list 1 2 3) | len }}\n', 'v: {{ toStrings (list 1 2.5 nil "x" true) }}\n']) add('lists', t);

  // ---- dicts ----
  for (let k = 0; k < 8; k++) fnCall('dicts', 'dict', pick(rng, ['"a"', '1', '"b"', '.Values.s', '.Values.missing', '(list 1)', 'true', '"a"', '.Values.f'], k));
  for (const [d, key] of [['.Values.m', '"a"'], ['.Values.m', '"zz"'], ['(dict)', '"a"'], ['.Values.m', '"c"'], ['.Values.missing', '"a"'], ['.Values.s', '"a"']]) {
    fnCall('dicts', 'get', [d, key]);
    fnCall('dicts', 'hasKey', [d, key]);
    fnCall('dicts', 'unset', [`(dict "a" 1 "c" 2)`, key]);
  }
  for (const args of [['(dict "a" 1)', '"b"', '2'], ['(dict)', '"a"', '.Values.missing'], ['.Values.missing', '"a"', '1'], ['(dict "a" 1)', '"a"', '(list 1)'], ['.Values.m', '"new"', '"v"']]) fnCall('dicts', 'set', args);
  for (const args of [['.Values.m', '"a"', '"b"'], ['.Values.m'], ['.Values.m', '"zz"'], ['(dict "x" 1 "y" 2)', '"y"']]) { fnCall('dicts', 'pick', args); fnCall('dicts', 'omit', args); }
  for (const t of ['v: {{ keys .Values.m | sortAlpha }}\n', 'v: {{ keys (dict "b" 1 "a" 2) (dict "c" 3) | sortAlpha | join "," }}\n', 'v: {{ values (dict "a" 1) }}\n', 'v: {{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}\n', 'v: {{ pluck "a" }}\n',
    'v: {{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 3)) }}\n', 'v: {{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 3)) }}\n', 'v: {{ merge (dict "a" "") (dict "a" "x") }}\n', 'v: {{ mergeOverwrite (dict "a" "x") (dict "a" "") }}\n',
    'v: {{ merge (dict "a" 0) (dict "a" 5) (dict "a" 7 "b" 1) }}\n', 'v: {{ mustMerge (dict "a" 1) (dict "b" 2) }}\n', 'v: {{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) }}\n', 'v: {{ merge .Values.m (dict "q" 1) }}{{ .Values.m }}\n', 'v: {{ merge (dict) .Values.m | toJson }}\n',
    'v: {{ dig "c" "d" "dflt" .Values.m }}\n', 'v: {{ dig "c" "zz" "dflt" .Values.m }}\n', 'v: {{ dig "a" "b" "dflt" .Values.m }}\n', 'v: {{ dig "x" "d" .Values.m }}\n', 'v: {{ dig "a" 1 .Values.m }}\n', 'v: {{ dig "c" "d" 0 .Values }}\n',
    'v: {{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}\n', 'v: {{ $d := deepCopy .Values.m }}{{ $_ := set $d "a" "changed" }}{{ .Values.m.a }}\n', 'v: {{ $d := .Values.m }}{{ $_ := set $d "a" "changed" }}{{ .Values.m.a }}\n', 'v: {{ values .Values.m | len }}\n', 'v: {{ mustDeepCopy .Values.l }}\n']) add('dicts', t, { functions: [...new Set([...t.matchAll(/\b(keys|values|pluck|merge|mergeOverwrite|mustMerge|mustMergeOverwrite|dig|set|deepCopy|mustDeepCopy|dict)\b/g)].map((m) => m[1]))] });

  // ---- Helm's functions ----
  const helmT = [
    ['include', '{{ define "h" }}h={{ .x }}{{ end }}v: {{ include "h" (dict "x" 1) }}\n'], ['include', '{{ define "h" }}{{ . }}{{ end }}v: {{ include "h" .Values.l | upper }}\n'],
    ['include', '{{ define "h" }}{{ .missing }}{{ end }}v: {{ include "h" . | quote }}\n'], ['include', '{{ define "h" }}a\nb{{ end }}v:\n{{ include "h" . | indent 2 }}\n'], ['include', 'v: {{ include "t.yaml" . }}\n'],
    ['include', '{{ define "h" }}{{ include "h2" . }}{{ end }}{{ define "h2" }}{{ .Values.nope.x }}{{ end }}v: {{ include "h" . }}\n'], ['include', '{{ define "h" }}{{ required "deep" .Values.nope }}{{ end }}v: {{ include "h" . }}\n'],
    ['include', '{{ define "h" }}{{ upper 1 }}{{ end }}v: {{ include "h" . }}\n'], ['include', 'v: {{ include 1 . }}\n'], ['include', 'v: {{ include "a" }}\n'],
    ['tpl', 'v: {{ tpl "{{ .Values.s }}" . }}\n'], ['tpl', 'v: {{ tpl "{{ .x | upper }}" (dict "x" "a") }}\n'], ['tpl', 'v: {{ tpl "{{ .Values.nope.x }}" . }}\n'], ['tpl', 'v: {{ tpl "{{ if }}" . }}\n'],
    ['tpl', 'v: {{ tpl "plain" . }}\n'], ['tpl', 'v: {{ tpl "{{ .missing }}-" . }}\n'], ['tpl', '{{ define "h" }}H{{ end }}v: {{ tpl "{{ include \\"h\\" . }}" . }}\n'], ['tpl', 'v: {{ tpl "{{ define \\"in\\" }}I{{ end }}{{ template \\"in\\" }}" . }}\n'],
    ['tpl', 'v: {{ tpl (toString .Values.f) . }}\n'], ['tpl', 'v: {{ tpl .Values.missing . }}\n'], ['tpl', 'v: {{ tpl "{{ fail \\"boom\\" }}" . }}\n'],
    ['required', 'v: {{ required "need s" .Values.s }}\n'], ['required', 'v: {{ required "need e" .Values.e }}\n'], ['required', 'v: {{ required "need z" .Values.z }}\n'], ['required', 'v: {{ required "need n" .Values.n }}\n'],
    ['required', 'v: {{ .Values.missing | required "piped" }}\n'], ['required', 'v: {{ required "list" (list) }}\n'], ['required', 'v: {{ required "b" false }}\n'], ['required', 'a: 1\nv: {{ required "at line 2" .Values.nope }}\n'],
    ['fail', 'v: {{ fail "stop here" }}\n'], ['fail', 'v: {{ if .Values.b }}{{ fail (printf "bad %s" .Values.s) }}{{ end }}\n'], ['fail', 'v: {{ fail "" }}\n'], ['fail', 'v: {{ fail 1 }}\n'], ['fail', 'v: {{ fail "a: b: c" }}\n'],
    ['lookup', 'v: {{ lookup "v1" "Pod" "ns" "name" }}\n'], ['lookup', 'v: {{ lookup "v1" "Pod" "" "" | len }}\n'], ['lookup', 'v: {{ (lookup "v1" "Secret" "ns" "x").data }}\n'], ['lookup', 'v: {{ lookup "v1" "Pod" "ns" }}\n'], ['lookup', 'v: {{ if lookup "v1" "Pod" "" "" }}found{{ else }}none{{ end }}\n'],
    ['getHostByName', 'v: {{ getHostByName "localhost" | quote }}\n'], ['getHostByName', 'v: {{ getHostByName "example.com" | len }}\n'], ['getHostByName', 'v: {{ getHostByName }}\n'], ['getHostByName', 'v: {{ getHostByName 1 }}\n'], ['getHostByName', 'v: {{ typeOf (getHostByName "x") }}\n'],
    ['toYaml', 'v:\n{{ toYaml .Values.m | indent 2 }}\n'], ['toYaml', 'v: {{ toYaml .Values.l }}\n'], ['toYaml', 'v: {{ toYaml .Values.s }}\n'], ['toYaml', 'v: {{ toYaml .Values.missing }}\n'], ['toYaml', 'v: {{ toYaml (dict "k" "yes" "n" "1.10") }}\n'],
    ['toJson', 'v: {{ toJson .Values.m }}\n'], ['toJson', 'v: {{ toJson .Values.l }}\n'], ['toJson', 'v: {{ toJson .Values.big }}\n'], ['toJson', 'v: {{ toJson .Values.missing }}\n'], ['toJson', 'v: {{ toJson "<&>" }}\n'],
    ['fromYaml', 'v: {{ fromYaml "a: 1\\nb: [x]" }}\n'], ['fromYaml', 'v: {{ (fromYaml "a: {b: c}").a.b }}\n'], ['fromYaml', 'v: {{ fromYaml "- 1" }}\n'], ['fromYaml', 'v: {{ fromYaml ": bad" }}\n'], ['fromYaml', 'v: {{ fromYaml "" }}\n'],
    ['fromJson', 'v: {{ fromJson "{\\"a\\":1}" }}\n'], ['fromJson', 'v: {{ fromJson "[1]" }}\n'], ['fromJson', 'v: {{ fromJson "bad" }}\n'], ['fromJson', 'v: {{ (fromJson "{\\"a\\":{\\"b\\":2}}").a.b }}\n'], ['fromJson', 'v: {{ fromJson "" }}\n'],
    ['fromJsonArray', 'v: {{ fromJsonArray "[1,\\"a\\"]" }}\n'], ['fromJsonArray', 'v: {{ fromJsonArray "{}" }}\n'], ['fromJsonArray', 'v: {{ fromJsonArray "[]" | len }}\n'], ['fromJsonArray', 'v: {{ fromJsonArray "bad" }}\n'], ['fromJsonArray', 'v: {{ index (fromJsonArray "[[1]]") 0 }}\n'],
    ['fromYamlArray', 'v: {{ fromYamlArray "- 1\\n- a" }}\n'], ['fromYamlArray', 'v: {{ fromYamlArray "a: 1" }}\n'], ['fromYamlArray', 'v: {{ fromYamlArray "" | len }}\n'], ['fromYamlArray', 'v: {{ fromYamlArray "[x, y]" | last }}\n'], ['fromYamlArray', 'v: {{ fromYamlArray "- [1]" }}\n'],
    ['mustToJson', 'v: {{ mustToJson .Values.m }}\n'], ['mustToJson', 'v: {{ mustToJson .Values.l }}\n'], ['mustToJson', 'v: {{ mustToJson 1.5 }}\n'], ['mustToJson', 'v: {{ mustToJson .Values.missing }}\n'], ['mustToJson', 'v: {{ mustToJson "x" }}\n'],
    ['mustToYaml', 'v: {{ mustToYaml .Values.l }}\n'], ['mustToYaml', 'v: {{ mustToYaml .Values.s }}\n'], ['mustToYaml', 'v: {{ mustToYaml 1 }}\n'], ['mustToYaml', 'v: {{ mustToYaml .Values.missing }}\n'], ['mustToYaml', 'v:\n{{ mustToYaml .Values.m | indent 2 }}\n'],
    ['toPrettyJson', 'v: {{ toPrettyJson .Values.m }}\n'], ['toPrettyJson', 'v: {{ toPrettyJson .Values.l }}\n'], ['toPrettyJson', 'v: {{ toPrettyJson (dict) }}\n'], ['toPrettyJson', 'v: {{ toPrettyJson 1 }}\n'], ['toPrettyJson', 'v: {{ toPrettyJson "<" }}\n'],
    ['toRawJson', 'v: {{ toRawJson .Values.m }}\n'], ['toRawJson', 'v: {{ toRawJson "<&>" }}\n'], ['toRawJson', 'v: {{ toRawJson .Values.l }}\n'], ['toRawJson', 'v: {{ toRawJson 1e6 }}\n'], ['toRawJson', 'v: {{ toRawJson .Values.missing }}\n'],
  ];
  for (const [fn, t] of helmT) add('helm', t, { functions: [fn] });
  // --set values: int64 against float64
  for (const t of ['v: {{ .Values.n1 }} {{ typeOf .Values.n1 }}\n', 'v: {{ eq .Values.n1 1 }}\n', 'v: {{ eq .Values.n1 .Values.i }}\n', 'v: {{ printf "%s %d %v" .Values.n1 .Values.n1 .Values.n1 }}\n', 'v: {{ add .Values.n1 1 }}\n', 'v: {{ range .Values.n1 }}{{ . }}{{ end }}\n', 'v: {{ lt .Values.n1 5 }}\n', 'v: {{ .Values.s2 }} {{ typeOf .Values.s2 }}\n', 'v: {{ .Values.b2 | ternary "t" "f" }}\n', 'v: {{ repeat .Values.n1 "x" }}\n']) {
    add('set', t, { set: ['n1=3', 's2=0x10', 'b2=true'] });
  }
  // ---- leaf-library functions through the engine (deterministic ones by value, random ones by shape) ----
  const lib = {
    b64enc: ['"hello"', '""', '.Values.s', '"ünï"', '1'], b64dec: ['"aGVsbG8="', '"!!"', '""', '"aGk"', '.Values.s'],
    b32enc: ['"hello"', '""', '.Values.s', '"a"', '"ünï"'], b32dec: ['"NBSWY3DP"', '"!"', '""', '"ME======"', '.Values.s'],
    sha1sum: ['"a"', '""', '.Values.s', '"ünï"', '.Values.f'], sha256sum: ['"a"', '""', '.Values.s', '"ünï"', '.Values.l'], sha512sum: ['"a"', '""', '.Values.s', '"x y"', '1'],
    adler32sum: ['"a"', '""', '.Values.s', '"Wikipedia"', '1'], regexQuoteMeta: ['"a.b*c"', '""', '"[x]"', '.Values.s', '"\\d+"'],
  };
  for (const [fn, args] of Object.entries(lib)) for (const a of args) fnCall('lib', fn, [a]);
  const lib2 = [
    ['regexMatch', ['"^h.*o$"', '"hello"'], ['"[0-9]+"', '"abc"'], ['"("', '"x"'], ['"(?i)HELLO"', '.Values.s'], ['"a"', '1']],
    ['mustRegexMatch', ['"^h"', '"hello"'], ['"("', '"x"'], ['"x"', '""'], ['"\\d"', '"a1"'], ['"^$"', '""']],
    ['regexFind', ['"l+"', '"hello"'], ['"z"', '"hello"'], ['"("', '"x"'], ['"[aeiou]"', '.Values.words'], ['""', '"a"']],
    ['mustRegexFind', ['"l+"', '"hello"'], ['"z"', '"hello"'], ['"("', '"x"'], ['"o"', '.Values.words'], ['"."', '"ü"']],
    ['regexFindAll', ['"[aeiou]"', '.Values.words', '-1'], ['"l"', '"hello"', '1'], ['"z"', '"a"', '-1'], ['"("', '"x"', '1'], ['"o"', '"foo"', '0']],
    ['mustRegexFindAll', ['"[aeiou]"', '.Values.words', '2'], ['"l"', '"hello"', '-1'], ['"z"', '"a"', '-1'], ['"("', '"x"', '1'], ['"."', '"ab"', '5']],
    ['regexReplaceAll', ['"a(x*)b"', '"-ab-axxb-"', '"${1}W"'], ['"o"', '.Values.words', '"0"'], ['"("', '"x"', '"y"'], ['"a(x*)b"', '"-ab-"', '"$1W"'], ['""', '"abc"', '"-"']],
    ['mustRegexReplaceAll', ['"o"', '"foo"', '"0"'], ['"("', '"x"', '"y"'], ['"(a)"', '"aa"', '"$1$1"'], ['"x"', '""', '"y"'], ['"\\s+"', '.Values.words', '"_"']],
    ['regexReplaceAllLiteral', ['"a(x*)b"', '"-ab-axxb-"', '"${1}"'], ['"o"', '"foo"', '"$"'], ['"("', '"x"', '"y"'], ['"\\s"', '.Values.words', '""'], ['"b"', '"abc"', '"B"']],
    ['mustRegexReplaceAllLiteral', ['"o"', '"foo"', '"0"'], ['"("', '"x"', '"y"'], ['"a"', '"aa"', '"$1"'], ['"x"', '""', '"y"'], ['" "', '.Values.words', '"+"']],
    ['regexSplit', ['"z+"', '"pizza"', '-1'], ['" "', '.Values.words', '2'], ['"("', '"x"', '1'], ['"a"', '"banana"', '0'], ['""', '"abc"', '-1']],
    ['mustRegexSplit', ['"z+"', '"pizza"', '-1'], ['" "', '.Values.words', '-1'], ['"("', '"x"', '1'], ['"n"', '"banana"', '2'], ['"x"', '"abc"', '5']],
    ['semverCompare', ['">=1.2.0"', '"1.3.0"'], ['"~1.2"', '"1.3.0"'], ['"^1.0"', '"2.0.0"'], ['"!=1.2.3"', '"1.2.3-alpha"'], ['">1"', '"x"'], ['"bad"', '"1.0.0"'], ['">=1.20-0"', '"v1.32.0"']],
    ['semver', ['"1.2.3"'], ['"v1.2"'], ['"1.2.3-beta.1+b5"'], ['"x.y"'], ['"01.2.3"']],
    ['duration', ['95'], ['"95"'], ['(int64 3600)'], ['.Values.f'], ['"x"']],
    ['durationRound', ['"2h10m5s"'], ['"30s"'], ['(int64 90000000000)'], ['"x"'], ['"-3h"']],
    ['toDate', ['"2006-01-02"', '"2024-03-05"'], ['"2006-01-02"', '"bad"'], ['"02/01/2006 15:04"', '"05/03/2024 10:30"'], ['"2006-01-02T15:04:05Z07:00"', '"2024-03-05T10:30:00+02:00"'], ['"Jan 2"', '"Mar 5"']],
    ['mustToDate', ['"2006-01-02"', '"2024-03-05"'], ['"2006-01-02"', '"bad"'], ['"2006"', '"1999"'], ['"15:04"', '"10:30"'], ['"2006-01-02"', '""']],
    ['toToml', ['.Values.m'], ['(dict "a" 1e6 "b" (list 1 2))'], ['(dict "s" "x\ny")'], ['.Values.l'], ['(dict)']],
  ];
  for (const [fn, ...argsets] of lib2) for (const a of argsets) fnCall('lib', fn, a);
  const libT = [
    ['date', 'v: {{ toDate "2006-01-02" "2024-03-05" | date "Mon Jan 2 2006" }}\n'], ['date', 'v: {{ date "2006" (toDate "2006" "1999") }}\n'], ['date', 'v: {{ now | date "2006" | len }}\n'], ['date', 'v: {{ date "2006-01-02" (int64 0) }}\n'], ['date', 'v: {{ date "15:04:05 MST" (toDate "2006-01-02" "2024-03-05") }}\n'],
    ['dateInZone', 'v: {{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02" "2024-03-05") "UTC" }}\n'], ['dateInZone', 'v: {{ dateInZone "15:04" (int64 0) "UTC" }}\n'], ['dateInZone', 'v: {{ dateInZone "2006" (toDate "2006" "2000") "Nowhere/Zone" }}\n'], ['dateInZone', 'v: {{ dateInZone "2006" now "UTC" | len }}\n'], ['dateInZone', 'v: {{ dateInZone "Jan" (int64 86400000) "UTC" }}\n'],
    ['date_in_zone', 'v: {{ date_in_zone "2006-01-02" (toDate "2006-01-02" "2024-03-05") "UTC" }}\n'], ['date_in_zone', 'v: {{ date_in_zone "15:04" (int64 3600) "UTC" }}\n'], ['date_in_zone', 'v: {{ date_in_zone "2006" now "UTC" | len }}\n'], ['date_in_zone', 'v: {{ date_in_zone "Mon" (toDate "2006-01-02" "2024-03-04") "UTC" }}\n'], ['date_in_zone', 'v: {{ date_in_zone "MST" (int64 0) "UTC" }}\n'],
    ['htmlDate', 'v: {{ toDate "2006-01-02" "2024-03-05" | htmlDate }}\n'], ['htmlDate', 'v: {{ htmlDate (int64 0) }}\n'], ['htmlDate', 'v: {{ now | htmlDate | len }}\n'], ['htmlDate', 'v: {{ htmlDate (toDate "2006" "1970") }}\n'], ['htmlDate', 'v: {{ htmlDate .Values.f | len }}\n'],
    ['htmlDateInZone', 'v: {{ htmlDateInZone (toDate "2006-01-02" "2024-03-05") "UTC" }}\n'], ['htmlDateInZone', 'v: {{ htmlDateInZone (int64 0) "UTC" }}\n'], ['htmlDateInZone', 'v: {{ htmlDateInZone now "UTC" | len }}\n'], ['htmlDateInZone', 'v: {{ htmlDateInZone (int64 99999) "Bad/Zone" }}\n'], ['htmlDateInZone', 'v: {{ htmlDateInZone "x" "UTC" | len }}\n'],
    ['dateModify', 'v: {{ toDate "2006-01-02" "2024-03-05" | dateModify "24h" | date "2006-01-02" }}\n'], ['dateModify', 'v: {{ toDate "2006-01-02" "2024-03-05" | dateModify "-1h30m" | date "2006-01-02 15:04" }}\n'], ['dateModify', 'v: {{ toDate "2006-01-02" "2024-03-05" | dateModify "bad" | date "2006" }}\n'], ['dateModify', 'v: {{ dateModify "1h" "x" }}\n'], ['dateModify', 'v: {{ now | dateModify "1h" | date "2006" | len }}\n'],
    ['date_modify', 'v: {{ toDate "2006-01-02" "2024-03-05" | date_modify "48h" | date "2006-01-02" }}\n'], ['date_modify', 'v: {{ toDate "2006" "2000" | date_modify "x" | date "2006" }}\n'], ['date_modify', 'v: {{ toDate "2006" "2000" | date_modify "-24h" | date "2006" }}\n'], ['date_modify', 'v: {{ date_modify "1h" 1 }}\n'], ['date_modify', 'v: {{ toDate "2006" "2000" | date_modify "1.5h" | date "15:04" }}\n'],
    ['mustDateModify', 'v: {{ toDate "2006-01-02" "2024-03-05" | mustDateModify "24h" | date "2006-01-02" }}\n'], ['mustDateModify', 'v: {{ toDate "2006" "2000" | mustDateModify "bad" }}\n'], ['mustDateModify', 'v: {{ toDate "2006" "2000" | mustDateModify "-1m" | date "2006" }}\n'], ['mustDateModify', 'v: {{ mustDateModify "1h" 1 }}\n'], ['mustDateModify', 'v: {{ toDate "2006" "2000" | mustDateModify "" }}\n'],
    ['must_date_modify', 'v: {{ toDate "2006-01-02" "2024-03-05" | must_date_modify "1h" | date "15" }}\n'], ['must_date_modify', 'v: {{ toDate "2006" "2000" | must_date_modify "x" }}\n'], ['must_date_modify', 'v: {{ toDate "2006" "2000" | must_date_modify "2h" | date "15" }}\n'], ['must_date_modify', 'v: {{ must_date_modify "1h" "x" }}\n'], ['must_date_modify', 'v: {{ toDate "2006" "2000" | must_date_modify "-2h" | date "2006" }}\n'],
    ['unixEpoch', 'v: {{ toDate "2006-01-02" "2024-03-05" | unixEpoch }}\n'], ['unixEpoch', 'v: {{ unixEpoch (toDate "2006" "1970") }}\n'], ['unixEpoch', 'v: {{ unixEpoch "x" }}\n'], ['unixEpoch', 'v: {{ now | unixEpoch | len }}\n'], ['unixEpoch', 'v: {{ toDate "2006-01-02" "1969-12-31" | unixEpoch }}\n'],
    ['now', 'v: {{ now | typeOf }}\n'], ['now', 'v: {{ now | date "2006" | atoi | lt 2000 }}\n'], ['now', 'v: {{ now 1 }}\n'], ['now', 'v: {{ kindOf now }}\n'], ['now', 'v: {{ (now).Unix | typeOf }}\n'],
    ['ago', 'v: {{ ago now | len | lt 1 }}\n'], ['ago', 'v: {{ ago "x" }}\n'], ['ago', 'v: {{ typeOf (ago now) }}\n'], ['ago', 'v: {{ ago (now | dateModify "-1h") }}\n'], ['ago', 'v: {{ ago .Values.f }}\n'],
    ['randAlphaNum', 'v: {{ regexMatch "^[a-zA-Z0-9]{12}$" (randAlphaNum 12) }}\n'], ['randAlphaNum', 'v: {{ randAlphaNum 0 | len }}\n'], ['randAlphaNum', 'v: {{ randAlphaNum 40 | len }}\n'], ['randAlphaNum', 'v: {{ randAlphaNum "x" }}\n'], ['randAlphaNum', 'v: {{ randAlphaNum -1 | len }}\n'],
    ['randAlpha', 'v: {{ regexMatch "^[a-zA-Z]{9}$" (randAlpha 9) }}\n'], ['randAlpha', 'v: {{ randAlpha 0 | len }}\n'], ['randAlpha', 'v: {{ randAlpha 3 | len }}\n'], ['randAlpha', 'v: {{ randAlpha 1.5 }}\n'], ['randAlpha', 'v: {{ typeOf (randAlpha 2) }}\n'],
    ['randNumeric', 'v: {{ regexMatch "^[0-9]{7}$" (randNumeric 7) }}\n'], ['randNumeric', 'v: {{ randNumeric 0 | len }}\n'], ['randNumeric', 'v: {{ randNumeric 20 | len }}\n'], ['randNumeric', 'v: {{ randNumeric }}\n'], ['randNumeric', 'v: {{ typeOf (randNumeric 2) }}\n'],
    ['randAscii', 'v: {{ regexMatch "^[ -~]{15}$" (randAscii 15) }}\n'], ['randAscii', 'v: {{ randAscii 0 | len }}\n'], ['randAscii', 'v: {{ randAscii 8 | len }}\n'], ['randAscii', 'v: {{ randAscii .Values.f }}\n'], ['randAscii', 'v: {{ typeOf (randAscii 2) }}\n'],
    ['randBytes', 'v: {{ randBytes 12 | b64dec | len }}\n'], ['randBytes', 'v: {{ randBytes 0 }}\n'], ['randBytes', 'v: {{ randBytes 9 | len }}\n'], ['randBytes', 'v: {{ randBytes "a" }}\n'], ['randBytes', 'v: {{ typeOf (randBytes 2) }}\n'],
    ['randInt', 'v: {{ $r := randInt 3 7 }}{{ and (ge $r 3) (lt $r 7) }}\n'], ['randInt', 'v: {{ randInt 5 6 }}\n'], ['randInt', 'v: {{ randInt 5 5 }}\n'], ['randInt', 'v: {{ typeOf (randInt 0 2) }}\n'], ['randInt', 'v: {{ randInt "1" 2 }}\n'],
    ['uuidv4', 'v: {{ regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4 }}\n'], ['uuidv4', 'v: {{ uuidv4 | len }}\n'], ['uuidv4', 'v: {{ ne uuidv4 uuidv4 }}\n'], ['uuidv4', 'v: {{ uuidv4 1 }}\n'], ['uuidv4', 'v: {{ typeOf uuidv4 }}\n'],
    ['shuffle', 'v: {{ shuffle "aabbc" | len }}\n'], ['shuffle', 'v: {{ shuffle "" }}\n'], ['shuffle', 'v: {{ shuffle "x" }}\n'], ['shuffle', 'v: {{ shuffle "hello" | splitList "" | sortAlpha | join "" }}\n'], ['shuffle', 'v: {{ shuffle 1 }}\n'],
    ['bcrypt', 'v: {{ regexMatch "^\\$2a\\$10\\$[./A-Za-z0-9]{53}$" (bcrypt "pw") }}\n'], ['bcrypt', 'v: {{ bcrypt "" | len }}\n'], ['bcrypt', 'v: {{ bcrypt 1 }}\n'], ['bcrypt', 'v: {{ ne (bcrypt "a") (bcrypt "a") }}\n'], ['bcrypt', 'v: {{ typeOf (bcrypt "x") }}\n'],
    ['htpasswd', 'v: {{ regexMatch "^user:\\$2a\\$10\\$" (htpasswd "user" "pw") }}\n'], ['htpasswd', 'v: {{ htpasswd "a:b" "pw" }}\n'], ['htpasswd', 'v: {{ htpasswd "u" "" | len }}\n'], ['htpasswd', 'v: {{ htpasswd "u" }}\n'], ['htpasswd', 'v: {{ htpasswd "ü" "p" | len }}\n'],
    ['encryptAES', 'v: {{ encryptAES "secret" "plain" | decryptAES "secret" }}\n'], ['encryptAES', 'v: {{ encryptAES "k" "" | decryptAES "k" }}\n'], ['encryptAES', 'v: {{ encryptAES "k" "abc" | b64dec | len }}\n'], ['encryptAES', 'v: {{ encryptAES "k" }}\n'], ['encryptAES', 'v: {{ ne (encryptAES "k" "a") (encryptAES "k" "a") }}\n'],
    ['decryptAES', 'v: {{ decryptAES "k" "bad" }}\n'], ['decryptAES', 'v: {{ decryptAES "k" "" }}\n'], ['decryptAES', 'v: {{ decryptAES "k" "AAAA" }}\n'], ['decryptAES', 'v: {{ decryptAES "b" "AAAAAAAAAAAAAAAAAAAAAILz6JxtWgN5tLw5/IXRBZg=" | len }}\n'], ['decryptAES', 'v: {{ decryptAES 1 "x" }}\n'],
    ['derivePassword', 'v: {{ derivePassword 1 "long" "password" "user" "example.com" }}\n'], ['derivePassword', 'v: {{ derivePassword 1 "maximum" "pw" "u" "site" }}\n'], ['derivePassword', 'v: {{ derivePassword 2 "pin" "pw" "u" "site" }}\n'], ['derivePassword', 'v: {{ derivePassword 1 "bogus" "pw" "u" "site" }}\n'], ['derivePassword', 'v: {{ derivePassword 1 "basic" "pw" "u" "site" }}\n'],
    ['genPrivateKey', 'v: {{ genPrivateKey "ecdsa" | hasPrefix "-----BEGIN EC PRIVATE KEY-----" }}\n'], ['genPrivateKey', 'v: {{ genPrivateKey "ed25519" | hasPrefix "-----BEGIN PRIVATE KEY-----" }}\n'], ['genPrivateKey', 'v: {{ genPrivateKey "bogus" }}\n'], ['genPrivateKey', 'v: {{ genPrivateKey "rsa" | hasPrefix "-----BEGIN RSA PRIVATE KEY-----" }}\n'], ['genPrivateKey', 'v: {{ genPrivateKey }}\n'],
    ['genCA', 'v: {{ $c := genCA "my-ca" 365 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }} {{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----" $c.Key }}\n'], ['genCA', 'v: {{ typeOf (genCA "x" 1) }}\n'], ['genCA', 'v: {{ genCA "x" "1" }}\n'], ['genCA', 'v: {{ (genCA "x" 1).Nope }}\n'], ['genCA', 'v: {{ genCA "x" }}\n'],
    ['genCAWithKey', 'v: {{ $k := genPrivateKey "ecdsa" }}{{ $c := genCAWithKey "ca" 30 $k }}{{ eq $c.Key $k }}\n'], ['genCAWithKey', 'v: {{ (genCAWithKey "ca" 30 "bad").Cert }}\n'], ['genCAWithKey', 'v: {{ genCAWithKey "ca" 30 }}\n'], ['genCAWithKey', 'v: {{ typeOf (genCAWithKey "ca" 1 (genPrivateKey "ed25519")) }}\n'], ['genCAWithKey', 'v: {{ (genCAWithKey "ca" 1 (genPrivateKey "ecdsa")).Cert | hasPrefix "-----BEGIN CERTIFICATE-----" }}\n'],
    ['genSelfSignedCert', 'v: {{ $c := genSelfSignedCert "host" (list "10.0.0.1") (list "a.example") 30 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }}\n'], ['genSelfSignedCert', 'v: {{ (genSelfSignedCert "h" nil nil 1).Key | hasPrefix "-----BEGIN RSA PRIVATE KEY-----" }}\n'], ['genSelfSignedCert', 'v: {{ genSelfSignedCert "h" (list "bad-ip") nil 1 }}\n'], ['genSelfSignedCert', 'v: {{ genSelfSignedCert "h" "x" nil 1 }}\n'], ['genSelfSignedCert', 'v: {{ typeOf (genSelfSignedCert "h" nil nil 1) }}\n'],
    ['genSelfSignedCertWithKey', 'v: {{ $k := genPrivateKey "ecdsa" }}{{ (genSelfSignedCertWithKey "h" nil nil 1 $k).Key | eq $k }}\n'], ['genSelfSignedCertWithKey', 'v: {{ genSelfSignedCertWithKey "h" nil nil 1 "bad" }}\n'], ['genSelfSignedCertWithKey', 'v: {{ genSelfSignedCertWithKey "h" nil nil 1 }}\n'], ['genSelfSignedCertWithKey', 'v: {{ (genSelfSignedCertWithKey "h" (list "1.2.3.4") nil 1 (genPrivateKey "ed25519")).Cert | hasPrefix "-----BEGIN CERTIFICATE-----" }}\n'], ['genSelfSignedCertWithKey', 'v: {{ typeOf (genSelfSignedCertWithKey "h" nil nil 1 (genPrivateKey "ecdsa")) }}\n'],
    ['genSignedCert', 'v: {{ $ca := genCA "ca" 30 }}{{ $c := genSignedCert "leaf" nil (list "x.example") 30 $ca }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }}\n'], ['genSignedCert', 'v: {{ genSignedCert "leaf" nil nil 30 "notca" }}\n'], ['genSignedCert', 'v: {{ genSignedCert "leaf" nil nil 30 }}\n'], ['genSignedCert', 'v: {{ typeOf (genSignedCert "l" nil nil 1 (genCA "c" 1)) }}\n'], ['genSignedCert', 'v: {{ (genSignedCert "l" (list "10.1.1.1") nil 1 (genCA "c" 1)).Key | hasPrefix "-----BEGIN RSA PRIVATE KEY-----" }}\n'],
    ['genSignedCertWithKey', 'v: {{ $ca := genCA "ca" 30 }}{{ $k := genPrivateKey "ecdsa" }}{{ (genSignedCertWithKey "l" nil nil 30 $ca $k).Key | eq $k }}\n'], ['genSignedCertWithKey', 'v: {{ genSignedCertWithKey "l" nil nil 30 (genCA "c" 1) "bad" }}\n'], ['genSignedCertWithKey', 'v: {{ genSignedCertWithKey "l" nil nil 30 (genCA "c" 1) }}\n'], ['genSignedCertWithKey', 'v: {{ typeOf (genSignedCertWithKey "l" nil nil 1 (genCA "c" 1) (genPrivateKey "ecdsa")) }}\n'], ['genSignedCertWithKey', 'v: {{ genSignedCertWithKey "l" nil nil 1 "x" "y" }}\n'],
    ['buildCustomCert', 'v: {{ $c := genCA "ca" 3 }}{{ $b := buildCustomCert ($c.Cert | b64enc) ($c.Key | b64enc) }}{{ eq $b.Cert $c.Cert }}\n'], ['buildCustomCert', 'v: {{ buildCustomCert "bad" "bad" }}\n'], ['buildCustomCert', 'v: {{ buildCustomCert "" "" }}\n'], ['buildCustomCert', 'v: {{ buildCustomCert "x" }}\n'], ['buildCustomCert', 'v: {{ typeOf (buildCustomCert "a" "b") }}\n'],
    ['call', 'v: {{ call .Capabilities.APIVersions.Has "v1" }}\n'], ['call', 'v: {{ call nil }}\n'], ['call', 'v: {{ call "x" }}\n'], ['call', 'v: {{ call .Values.missing }}\n'], ['call', 'v: {{ call 1 2 }}\n'],
    ['mustFromJson', 'v: {{ mustFromJson "{\\"a\\":1}" }}\n'], ['mustFromJson', 'v: {{ mustFromJson "bad" }}\n'], ['mustFromJson', 'v: {{ mustFromJson "[1,2]" }}\n'], ['mustFromJson', 'v: {{ mustFromJson "\\"s\\"" }}\n'], ['mustFromJson', 'v: {{ mustFromJson "" }}\n'],
    ['mustToPrettyJson', 'v: {{ mustToPrettyJson .Values.m }}\n'], ['mustToPrettyJson', 'v: {{ mustToPrettyJson .Values.l }}\n'], ['mustToPrettyJson', 'v: {{ mustToPrettyJson 1 }}\n'], ['mustToPrettyJson', 'v: {{ mustToPrettyJson .Values.missing }}\n'], ['mustToPrettyJson', 'v: {{ mustToPrettyJson "<" }}\n'],
    ['mustToRawJson', 'v: {{ mustToRawJson .Values.m }}\n'], ['mustToRawJson', 'v: {{ mustToRawJson "<&>" }}\n'], ['mustToRawJson', 'v: {{ mustToRawJson .Values.l }}\n'], ['mustToRawJson', 'v: {{ mustToRawJson 1e6 }}\n'], ['mustToRawJson', 'v: {{ mustToRawJson .Values.missing }}\n'],
    ['keys', 'v: {{ keys .Values.m | sortAlpha | join "," }}\n'], ['keys', 'v: {{ keys (dict) }}\n'], ['keys', 'v: {{ keys .Values.s }}\n'], ['values', 'v: {{ values (dict "a" 1 "b" 1) }}\n'], ['values', 'v: {{ values .Values.s }}\n'], ['values', 'v: {{ values (dict) }}\n'],
    ['pick', 'v: {{ pick .Values.m }}\n'], ['omit', 'v: {{ omit .Values.m "a" "b" "c" }}\n'], ['pluck', 'v: {{ pluck "a" .Values.m .Values.m }}\n'], ['pluck', 'v: {{ pluck "a" .Values.s }}\n'], ['pluck', 'v: {{ pluck "zz" .Values.m }}\n'],
    ['unset', 'v: {{ unset (dict "a" 1) "a" }}\n'], ['unset', 'v: {{ unset .Values.s "a" }}\n'], ['mergeOverwrite', 'v: {{ mergeOverwrite (dict "a" (list 1)) (dict "a" (list 2 3)) }}\n'], ['mergeOverwrite', 'v: {{ mergeOverwrite (dict) .Values.missing }}\n'], ['mergeOverwrite', 'v: {{ mergeOverwrite .Values.s (dict) }}\n'],
    ['mustMerge', 'v: {{ mustMerge (dict) (dict "a" nil) }}\n'], ['mustMerge', 'v: {{ mustMerge .Values.s (dict) }}\n'], ['mustMerge', 'v: {{ mustMerge (dict "a" (dict "b" 1)) (dict "a" (dict "c" 2)) }}\n'], ['mustMerge', 'v: {{ mustMerge (dict "a" 1) }}\n'],
    ['mustMergeOverwrite', 'v: {{ mustMergeOverwrite (dict) (dict "a" nil) }}\n'], ['mustMergeOverwrite', 'v: {{ mustMergeOverwrite .Values.s (dict) }}\n'], ['mustMergeOverwrite', 'v: {{ mustMergeOverwrite (dict "a" (dict "b" 1)) (dict "a" (dict "c" 2)) }}\n'], ['mustMergeOverwrite', 'v: {{ mustMergeOverwrite (dict "a" 1) }}\n'],
    ['mustDeepCopy', 'v: {{ mustDeepCopy .Values.m }}\n'], ['mustDeepCopy', 'v: {{ mustDeepCopy .Values.missing }}\n'], ['mustDeepCopy', 'v: {{ mustDeepCopy 1 }}\n'], ['mustDeepCopy', 'v: {{ mustDeepCopy "s" }}\n'],
    ['hello', 'v: {{ hello | upper }}\n'], ['hello', 'v: {{ hello 1 }}\n'], ['hello', 'v: {{ typeOf hello }}\n'], ['hello', 'v: {{ hello | len }}\n'],
  ];
  for (const [fn, t] of libT) add('lib', t, { functions: [fn] });

  for (const t of ['v:\n{{ toYamlPretty .Values.m | indent 2 }}\n', 'v: {{ toYamlPretty .Values.l | quote }}\n', 'v: {{ toYamlPretty .Values.s }}\n', 'v: {{ toYamlPretty .Values.missing | quote }}\n', 'v: {{ toYamlPretty (dict "k" "yes" "n" (list (dict "a" 1))) | quote }}\n']) add('yamlpretty', t, { functions: ['toYamlPretty'] });

  // ---- URLs (sprig's url.go over Go's net/url) ----
  for (const u of ['https://user:p%40ss@example.com:8443/a%20b/c?x=1&y=2#frag%21', 'mailto:joe@example.com', '/rel/path?q', 'http://[::1]:80/x', 'HTTP://H.com', 'a b', '%zz', '://x', '', 'oci://registry.io/charts/app']) {
    add('url', `v: {{ urlParse ${JSON.stringify(u)} }}\n`, { functions: ['urlParse'] });
  }
  for (const d of ['(dict "scheme" "https" "host" "h.com:80" "path" "/a b" "query" "x=1" "fragment" "f g")', '(dict "host" "h" "path" "p")', '(urlParse "http://u:p@h/x?y#z")', '(dict "scheme" "mailto" "opaque" "a@b")', '(dict)', '(dict "path" "a:b")', '(dict "host" 1)', '(dict "userinfo" "u:p w" "host" "h")', '.Values.missing', '(dict "scheme" "s3" "host" "bucket" "path" "k/ü")']) {
    add('url', `v: {{ urlJoin ${d} }}\n`, { functions: ['urlJoin'] });
  }

  // ---- fromToml (BurntSushi/toml v1.4.0 in Helm 3.17.1, v1.6.0 with TOML 1.1 in Helm 4.1.4) ----
  const tomlDocs = [
    'a = 1\nb = "x"\nc = true', '', '# only a comment\n', 'a.b.c = 1\na.d = 2', '[a]\nb = 1\n[a.c]\nd = 2', '[[p]]\nn = 1\n[[p]]\nn = 2',
    '[[f]]\nname = "a"\n[[f.v]]\nx = 1\n[[f.v]]\nx = 2\n[[f]]\nname = "b"', 'a = {b = 1, c = "x", d = {e = [1, 2]}}', 'a = [1, "two", 3.5, [4], {b = 1}, true]',
    'a = 0x1F\nb = 0o17\nc = 0b101\nd = 1_000\ne = -17\nf = +3', 'f = 1.5\ng = 1e6\nh = 5e+22\nk = -0.0\nl = 6.626e-34\nm = 3_000.5',
    '"a b" = 1\n\'c.d\' = 2\n"" = 3\n"é" = 4', 'a = """\nline1\nline2"""\nb = \'\'\'\nraw \\n\'\'\'', 'a = "tab\\there \\u00e9 \\U0001F600 \\"q\\" \\\\"',
    'a = """x \\\n    y"""', "a = 'C:\\\\Users\\\\x'", 'a = [\n  1,\n  2, # two\n]', 'x = 1 # trailing\n[t] # table\ny = 2',
    // TOML 1.1 (Helm 4 only)
    'a = {\n  b = 1,\n}', 'a = {b = 1,}', 'a = "\\e[0m"', 'a = "\\x41"', 'd = 1979-05-27T07:32', 't = 07:32',
    // errors
    'a = 1\na = 2', '[a]\n[a]', 'a = ', 'a = "x', '= 1', 'a = foo', 'a = 1 b = 2', '[a', 'a = [1,,2]', 'a = 1\n[[a]]', 'a = "\\q"',
    'a = 9223372036854775808', 'a = 012', 'a = 1e400', 'a = True', 'a = 1\na.b = 2', '[server]\nport = 80\nport = 81', 'a = 1\nb = 2\n\nc = [1,\n2,,]',
    'a = .5', 'a = 1.', 'a = 1__0', 'a = +0x10', 'a = 0xZZ', '[]', '[a.]', '[[a]\n', 'a.b = 1\n[a]\nb = 2', 'a = [1] b', 'a = "x"y', 'a = {b = 1\n', 'a =\n1',
    'a = 1\n"a" = 2', 'x = [{a = 1}]\n[[x]]', '[t]\nk = 1\n[t.k]', "a = 'x", 'a = """x', "a = '''x''''''", '\ufeffa = 1', 'k = "\\u00"', 'k = "\\uD800"', 'a = -inf\nb = inf\nc = nan',
  ];
  for (const d of tomlDocs) add('toml', `v: {{ fromToml ${JSON.stringify(d)} | toJson }}\n`, { functions: ['fromToml'] });
  const tomlT = [
    'v: {{ (fromToml "a = 1").a | typeOf }} {{ (fromToml "a = 1.0").a | typeOf }} {{ (fromToml "a = [1]").a | typeOf }} {{ (fromToml "a = {b = 1}").a | typeOf }}\n',
    'v: {{ (fromToml "[[p]]\\nn = 1").p | typeOf }} {{ (fromToml "d = 1979-05-27").d | typeOf }} {{ (fromToml "d = 1979-05-27").d | kindOf }}\n',
    'v: {{ range $k, $v := fromToml "a = 1979-05-27T07:32:00Z\\nb = 1979-05-27T00:32:00.999999-07:00\\nc = 1979-05-27T07:32:00\\nd = 1979-05-27\\ne = 07:32:00\\nf = 1979-05-27 07:32:00Z\\ng = 1979-05-27t07:32:00.5z\\nh = 1979-05-27T07:32:00+00:00" }}{{ $k }}={{ $v }}; {{ end }}\n',
    'v: {{ fromToml "a = 1979-05-27T07:32:00Z\\nb = 1979-05-27T00:32:00.999999-07:00\\nc = 1979-05-27T07:32:00\\nd = 1979-05-27\\ne = 07:32:00.123" | toYaml | nindent 2 }}\n',
    'v: {{ range $k, $v := fromToml "a = inf\\nb = -inf\\nc = nan\\nd = +nan\\ne = -nan\\nf = 1e6\\ng = 1e21\\nh = 0.1" }}{{ $k }}={{ $v }} {{ end }}\n',
    'v: {{ fromToml "a = [1, 2]\\nb = {c = 1}\\nd = 1.5" }}\n', 'v: {{ (fromToml "a = ").Error }}\n', 'v: {{ fromToml .Values.s | toJson }}\n', 'v: {{ fromToml .Values.missing }}\n',
    'v: {{ fromToml 1 }}\n', 'v: {{ fromToml }}\n', 'v: {{ .Files.Get "config.toml" | fromToml | toJson }}\n',
    'v: {{ $t := fromToml "[db]\\nport = 5432" }}{{ add $t.db.port 1 }} {{ printf "%T %v %d" $t.db.port $t.db.port $t.db.port }}\n',
    'v: {{ (fromToml "d = 1979-05-27T07:32:00Z").d.Unix }} {{ (fromToml "d = 1979-05-27T07:32:00Z").d | date "2006-01-02" }}\n',
    'v: {{ $d := (fromToml "d = 2000-02-30").d }}{{ $d }}\n', 'v: {{ fromToml "d = 1979-5-27" | toJson }}\n', 'v: {{ fromToml "d = 1979-05-27T25:00:00Z" | toJson }}\n',
    'v: {{ fromToml (toToml (dict "a" 1 "b" (list 1 2) "c" (dict "d" "e"))) | toJson }}\n', 'v: {{ fromToml "a = 1" | toToml }}\n',
  ];
  for (const t of tomlT) add('toml', t, { functions: ['fromToml'], ...(t.includes('config.toml') ? { files: { 'config.toml': '[server]\nhost = "0.0.0.0"\nport = 8080\n\n[[users]]\nname = "a"\n' } } : {}) });

  // ---- include recursion: Helm's limit of nested references per template name ----
  const recur = [
    ['{{- define "r" }}{{ if lt (len .) 1005 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ include "r" (list) }}\n'],
    ['{{- define "r" }}{{ if lt (len .) 999 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ include "r" (list) }}\n'],
    ['{{- define "r" }}{{ if lt (len .) 1000 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ include "r" (list) }}\n'],
    ['{{- define "r" }}{{ if lt (len .) 1001 }}{{ include "r" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ include "r" (list) }}\n'],
    ['{{- define "self" }}{{ include "self" . }}{{ end -}}', 'v: {{ include "self" . }}\n'],
    ['{{- define "a" }}{{ include "b" . }}{{ end -}}{{- define "b" }}{{ include "a" . }}{{ end -}}', 'v: {{ include "a" . }}\n'],
    ['{{- define "t" }}{{ template "t" . }}{{ end -}}', 'v: {{ template "t" . }}\n'],
    ['{{- define "m" }}{{ if lt (len .) 600 }}{{ include "m" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ include "m" (list) }} {{ include "m" (list) }}\n'],
    ['{{- define "x" }}{{ include "self2" . }}{{ end -}}{{- define "self2" }}{{ tpl "{{ include \\"self2\\" . }}" . }}{{ end -}}', 'v: {{ include "x" . }}\n'],
    ['{{- define "d" }}{{ if lt (len .) 3000 }}{{ template "d" (append . 1) }}{{ else }}{{ len . }}{{ end }}{{ end -}}', 'v: {{ template "d" (list) }}\n'],
  ];
  for (const [helpers, t] of recur) add('recursion', t, { functions: ['include'], helpers });

  // ---- fmt's # flag on floats ----
  for (const t of ['%#x', '%#X', '%#g', '%#e', '%#f', '%#.3g', '%#G', '%#10.2x', '%#E', '%#.0f', '%#x', '%#g']) {
    for (const v of ['0.125', '2.5', '1e6', '0.0', '-3.0', '123456789.0', '.Values.f', '.Values.big']) add('sharp', `v: {{ printf "${t}" ${v} }}\n`, { functions: ['printf'] });
  }

  // ---- .Files.AsConfig / .Files.AsSecrets ----
  const filesSet = { 'config/a.txt': 'hello\nworld\n', 'config/b.yaml': 'k: v\nn: 1\n', 'config/sub/c.txt': 'yes', 'config/empty.txt': '', 'secrets/key': 'p@ss w0rd\n', 'secrets/bin.dat': '\u00ff\u00fe' };
  for (const t of [
    'v:\n{{ (.Files.Glob "config/*").AsConfig | indent 2 }}\n', 'v:\n{{ (.Files.Glob "config/**").AsConfig | indent 2 }}\n', 'v: {{ (.Files.Glob "nomatch/*").AsConfig }}\n',
    'v:\n{{ (.Files.Glob "secrets/*").AsSecrets | indent 2 }}\n', 'v: {{ (.Files.Glob "nomatch/*").AsSecrets }}\n', 'v:\n{{ (.Files.Glob "config/*.txt").AsSecrets | indent 2 }}\n',
    'v: {{ (.Files.Glob "config/a.txt").AsConfig | quote }}\n', 'v: {{ .Files.AsConfig | fromYaml | keys | sortAlpha | join "," }}\n', 'v: {{ .Files.AsSecrets | fromYaml | len }}\n',
    'v: {{ (.Files.Glob "config/b.yaml").AsConfig | fromYaml | toJson }}\n',
    'v: {{ range $p, $_ := .Files.Glob "config/**" }}{{ $p }} {{ end }}\n', 'v: {{ range $p, $_ := .Files.Glob "**/*.{txt,dat}" }}{{ $p }} {{ end }}\n',
    'v: {{ range $p, $_ := .Files.Glob "config/?.txt" }}{{ $p }} {{ end }}\n', 'v: {{ range $p, $_ := .Files.Glob "[!c]*/*" }}{{ $p }} {{ end }}\n',
    'v: {{ range $p, $_ := .Files.Glob "config/[a-b].*" }}{{ $p }} {{ end }}\n', 'v: {{ range $p, $_ := .Files.Glob "config/[" }}{{ $p }} {{ end }}\n',
    'v: {{ range $p, $_ := .Files.Glob "**" }}{{ $p }} {{ end }}\n', 'v: {{ len (.Files.Glob "*") }} {{ len (.Files.Glob "secrets\\\\*") }}\n',
  ]) add('files', t, { functions: [], files: filesSet });

  // ---- found by the template fuzzer (npm run fuzz -- --only template) ----
  for (const t of [
    'v: {{ tpl "{{ len . }}" .Values.missing }}\n', 'v: {{ tpl "{{ . }}|{{ print . }}" nil }}\n', 'v: {{ tpl "{{ .x }}" .Values.n }}\n', 'v: {{ include "h" nil }}\n', 'v: {{ include "h" .Values.missing }}\n',
    'v: {{ include "hl" .Values.missing }}\n', 'v: {{ include "hx" nil }}\n', 'v: {{ dig (list) "%t" -2 }}\n', 'v: {{ dig 1 "d" .Values.s }}\n', 'v: {{ dig "a" "d" nil }}\n', 'v: {{ dig "a" 1 "d" .Values.m }}\n', 'v: {{ dig "c" "d" "z" .Values.m }}\n',
    'v: {{ .Values.missing | len }}\n', 'v: {{ with println (len nil) }}<{{ . }}>{{ else }}none{{ end }}\n', 'v: {{ index nil 1 }}\n', 'v: {{ eq nil nil }}\n', 'v: {{ not nil }} {{ and nil 1 }} {{ or nil 2 }}\n', 'v: {{ slice nil }}\n', 'v: {{ lt nil 1 }}\n', 'v: {{ .Values.n | len }}\n', 'v: {{ len (index .Values.m "zz") }}\n',
    // text/template's non-comparable texts print the value with %s (numbers in a map as %!s(float64=2))
    // net/url: a relative reference whose first path segment holds a colon
    'v: {{ urlParse "map[a:x b:2]" }}\n', 'v: {{ urlParse "x/a:b" }}\n', 'v: {{ urlParse "1a:b" }}\n', 'v: {{ urlParse "a_b:c?q=1" }}\n',
    'v: {{ ne .Values.m .Values.m }}\n', 'v: {{ eq .Values.l .Values.l }}\n', 'v: {{ eq .Values.m .Values.l }}\n', 'v: {{ eq .Values.l .Values.m }}\n', 'v: {{ eq .Values.m.c .Values.m }}\n',
  ]) add('fuzzfound', t, { functions: [], helpers: '{{- define "h" }}[{{ . }}]{{ end -}}{{- define "hl" }}{{ len . }}{{ end -}}{{- define "hx" }}{{ .x }}{{ end -}}' });

  // ---- huandu/xstrings v1.5.0's word splitting (sprig's snakecase, kebabcase): punctuation, symbols, digits, runes
  for (const x of [
    '%+d', '<nil> x ', 'FirstName', 'HTTPServer', 'NoHTTPS', 'GO_PATH', 'GO PATH', 'GO-PATH', 'http2xx', 'HTTP20xOK', 'Duration2m3s', 'Bld4Floor3rd', 'a.b', 'a..b', 'gatewayProxy',
    'x<y>z', 'a + b', '$x$', 'Ab$Cd', '1+2', 'a1+b', 'A1+B', 'AB12cd', 'ABc', 'aBC', '__x__', '-a-', 'a--b', 'Éa', 'ÉTÉ', '中文Ab', 'x中', 'İx', 'ß', 'ABC.def', "a'b", 'x(y)', 'a.1',
    'A.1b', '1A', 'a1A', 'The Quick  Brown', 'tab\there', '~a', 'a~', '@b@', '"q"', 'a/b/C', 'ǅa', 'ⅫX', 'x²y', 'AB1', '..a', 'a.', '  ', 'x\u00a0y', '\u0085z', 'ab\ufffdcd', '\ufffdA', 'Aa\ufffd',
  ]) {
    const q = JSON.stringify(x);
    add('xstrings', `v: {{ list (kebabcase ${q}) (snakecase ${q}) | toJson }}\n`, { functions: ['kebabcase', 'snakecase'] });
  }

  // ---- Go strings are bytes: bytes that are not UTF-8 (b64dec, decryptAES with a wrong key, substr inside a
  // character), measured, encoded, quoted, joined again, and refused by go-yaml's reader in a manifest ----
  // (the ciphertexts are "x" encrypted with key "a" under fixed IVs; with key "b" they decrypt to bytes that
  // are not UTF-8: 12 of them for the first, a padding byte cutting past the start for the second)
  const OK_CT = 'AAAAAAAAAAAAAAAAAAAAEgE5GSiIqEFpjq4tOwfz/4A=';
  for (const t of [
    `v: {{ decryptAES "b" "${OK_CT}" | len }}\n`, `v: {{ decryptAES "b" "${OK_CT}" | b64enc }}\n`, `v: {{ decryptAES "b" "${OK_CT}" | printf "%x" }}\n`,
    `v: {{ decryptAES "b" "${OK_CT}" | quote }}\n`, `v: {{ decryptAES "b" "${OK_CT}" | sha256sum }}\n`, `v: {{ decryptAES "b" "${OK_CT}" | toJson | quote }}\n`,
    'v: {{ b64dec "/w==" | toJson }}\n', 'v: {{ b64dec "/w==" | toYaml | quote }}\n', 'v: {{ b64dec "/w==" | printf "%q" | quote }}\n', 'v: {{ b64dec "/w==" | len }}\n',
    'v: {{ b64dec "/w==" | b64enc }}\n', 'v: {{ b64dec "wyg=" | substr 0 1 | printf "%x" }}\n', 'v: {{ cat (b64dec "w6k=" | substr 0 1) (b64dec "w6k=" | substr 1 2) | quote }}\n',
    'v: {{ print (b64dec "w6k=" | substr 0 1) (b64dec "w6k=" | substr 1 2) | quote }}\n', 'v: {{ "é" | substr 0 1 | quote }}\n', 'v: {{ "é" | substr 0 1 | len }}\n',
    'v: {{ b64dec "wyg=" | quote }}\n', 'v: {{ b64dec "4oI=" | quote }}\n', 'v: {{ b64dec "7aCA" | quote }}\n', 'v: {{ b64dec "wIA=" | quote }}\n', 'v: {{ b64dec "/w==" | b32enc }}\n',
    'v: {{ index (b64dec "/w==") 0 }}\n', 'v: {{ slice (b64dec "/8Op") 1 | quote }}\n', 'v: {{ b64dec "/w==" | trunc 1 | len }}\n', 'v: {{ dict "k" (b64dec "/w==") | toJson }}\n',
    'v: {{ b64dec "wyg=" }}\n', 'v: {{ b64dec "4oI=" }}\n', 'v: {{ b64dec "4oI=" }} # x\n', 'v: {{ b64dec "7aCA" }}\n', 'v: {{ b64dec "wIA=" }}\n', 'v: {{ b64dec "+A==" }}\n',
    '# {{ b64dec "/w==" }}\nv: 1\n', 'v: [1\nw: {{ b64dec "/w==" }}\n', '{{ range until 600 }}a{{ . }}: 1\n{{ end }}b: [\nc: {{ b64dec "/w==" }}\n',
    'v: {{ b64dec "w6k=" | substr 0 1 }}{{ b64dec "w6k=" | substr 1 2 }}\n',
  ]) add('bytes', t, { functions: [] });

  // ---- zones before their first transition: the tz database's local mean time (LMT), "-00" ----
  for (const [zone, date] of [['Europe/Berlin', '1850-01-01'], ['Antarctica/Casey', '1950-01-01'], ['Etc/GMT+5', '1850-01-01'], ['America/New_York', '1883-11-18'], ['Asia/Tokyo', '1800-01-01'], ['Australia/Sydney', '1890-01-01'], ['Europe/London', '1847-12-01']]) {
    add('zones', `v: {{ dateInZone "2006-01-02T15:04:05 -07:00:00 Z07:00 MST" (toDate "2006-01-02" "${date}") "${zone}" }}\n`, { functions: ['dateInZone'] });
  }
  add('zones', 'v: {{ dateInZone "2006-01-02T15:04:05 -0700 MST" (toDate "2006-01-02T15:04:05Z07:00" "1883-11-18T16:59:59Z") "America/New_York" }} {{ dateInZone "2006-01-02T15:04:05 -0700 MST" (toDate "2006-01-02T15:04:05Z07:00" "1883-11-18T17:00:00Z") "America/New_York" }}\n', { functions: ['dateInZone'] });

  // ---- the API versions helm template reports without a cluster (client-go's scheme of each Helm, in its order) ----
  for (const t of [
    '{{- range .Capabilities.APIVersions }}\n- {{ . }}\n{{- end }}\n',
    'v: {{ len .Capabilities.APIVersions }}\n',
    'v: {{ .Capabilities.APIVersions.Has "apiregistration.k8s.io/v1" }} {{ .Capabilities.APIVersions.Has "policy/v1beta1" }} {{ .Capabilities.APIVersions.Has "batch/v1beta1" }} {{ .Capabilities.APIVersions.Has "resource.k8s.io/v1" }} {{ .Capabilities.APIVersions.Has "networking.k8s.io/v1alpha1" }}\n',
    'v: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }} {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}\n',
  ]) add('apiversions', t, { functions: [] });

  // ---- deepCopy keeps a value's Go type (copystructure): the top context and .Values stay chartutil.Values ----
  for (const t of [
    '{{- $data := dict "Values" (deepCopy .Values) | mustMergeOverwrite (deepCopy .) }}\nv: {{ $data.Values.s }} {{ keys $data | sortAlpha | toJson }}\n',
    'v: {{ typeOf (deepCopy .) }} {{ typeOf (deepCopy .Values) }} {{ typeOf (deepCopy .Capabilities.APIVersions) }} {{ (deepCopy .Capabilities.APIVersions).Has "v1" }} {{ typeOf (deepCopy (dict "x" .)).x }}\n',
    'v: {{ typeOf (deepCopy .Values.m) }} {{ typeOf (deepCopy .Values.l) }} {{ typeOf (deepCopy (splitList "," "a,b")) }} {{ typeOf (index (deepCopy (list .Values)) 0) }}\n',
    'v: {{ typeOf .Template }} {{ typeOf (deepCopy .Template) }} {{ .Template | toJson }} {{ kindOf .Template }}\n',
    'v: {{ dig "Name" "d" .Template }}\n',
    'v: {{ typeOf (mergeOverwrite (deepCopy .Values) (dict "x" 1)) }}\n',
  ]) add('deepcopytypes', t, { functions: ['deepCopy'] });

  // ---- kubeVersion constraints (Masterminds reads a partial version with a prerelease, 1.21-0, as 1.21.0-0) and
  // --kube-version as each Helm reads it (Helm 4 prints and checks its numbers alone; Helm 3 completes it) ----
  const kvChart = (c) => `apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: ${JSON.stringify(c)}\n`;
  for (const c of ['>= 1.21-0', '1.32-0', '~1.35-0 || 1.32-0', '1.21-0 - 1.40', '>= 1.21-0 < 2-0', '^1-0', '>=v1.21-rc.1']) {
    add('kubeversion', 'v: 1\n', { functions: [], chartYaml: kvChart(c) });
  }
  const kvShow = 'v: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.String }}\n';
  for (const kv of ['1.25.0-gke.1', 'v1.30', '1.28.3+k3s1', '1.029.1']) add('kubeversion', kvShow, { functions: [], kubeVersion: kv });
  // String() of KubeVersion has a pointer receiver: the template prints it, printf and sprig print its fields
  for (const t of [
    'v: {{ printf "%v" .Capabilities.KubeVersion | quote }} {{ print .Capabilities.KubeVersion | quote }}\n', 'v: {{ toString .Capabilities.KubeVersion | quote }} {{ quote .Capabilities.KubeVersion }}\n',
    'v: {{ printf "%+v" .Capabilities.KubeVersion | quote }} {{ typeOf .Capabilities.KubeVersion }}\n', 'v: {{ trimPrefix "v" .Capabilities.KubeVersion }}\n',
    'v: {{ .Capabilities.KubeVersion.normalizedVersion }}\n', 'v: {{ .Capabilities.KubeVersion }}\n',
  ]) {
    add('kubeversion', t, { functions: [] });
    add('kubeversion', t, { functions: [], kubeVersion: '1.25.0-gke.1' });
  }
  for (const [c, kv] of [['>=1.21.0', '1.25.0-gke.1'], ['1.21-0 - 1.40', '1.25.0-gke.1'], ['~1.25-0', '1.25.1+k3s1'], ['>=1.25.1', '1.25.0-gke.1']]) {
    add('kubeversion', 'v: 1\n', { functions: [], chartYaml: kvChart(c), kubeVersion: kv });
  }

  // ---- the built-in objects encoded and printed: encoding/json writes a Go struct's fields in declaration order
  // with their JSON tags (Helm 3's .Chart, .Capabilities.KubeVersion and .HelmVersion), Helm 4's .Chart is a map
  // whose absent annotations are a nil map (prints map[], encodes null); Chart.yaml's keywords, sources, icon,
  // condition, tags and deprecated reach .Chart
  const fullChart = 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.2.3"\nannotations:\n  x: "1"\nkeywords: [a, b]\nsources: [s]\nicon: i\ncondition: c.enabled\ntags: t\nhome: h\ndeprecated: true\ndescription: d\n';
  for (const t of [
    'v: {{ toJson .Chart }}\n', 'v: {{ toYaml .Chart | nindent 2 }}\n', 'v: {{ toJson .Capabilities.KubeVersion }}\n', 'v: {{ toYaml .Capabilities.KubeVersion | nindent 2 }}\n',
    'v: {{ toJson .Capabilities.HelmVersion }}\n', 'v: {{ toPrettyJson .Capabilities.HelmVersion | nindent 2 }}\n', 'v: {{ .Capabilities.HelmVersion | quote }}\n',
    'v: {{ .Capabilities.HelmVersion.GitCommit }} {{ .Capabilities.HelmVersion.GitTreeState }} {{ typeOf .Capabilities.HelmVersion }}\n',
    'v: {{ .Chart.Annotations | quote }} {{ toJson .Chart.Annotations }}\n',
    'v: {{ printf "%v %v %v %v %s %v %v %s" .Chart.Keywords .Chart.Sources .Chart.Deprecated .Chart.Icon (typeOf .Chart.Keywords) .Chart.Condition .Chart.Tags (typeOf .Chart.Sources) | quote }}\n',
  ]) {
    add('builtins', t, { functions: [] });
    add('builtins', t, { functions: [], chartYaml: fullChart });
  }

  // ---- long strings: the encoders write runs of ordinary characters at once, and escape, fold, quote or break
  // lines around them (go-yaml's scalar styles, encoding/json, %q, base64), also past the 256 characters at
  // which a scalar's code points are held in a typed array, with surrogate pairs
  for (const t of [
    'v: {{ toYaml (dict "a" (repeat 100 "word ")) | nindent 2 }}\n',
    'v: {{ toYaml (dict "a" (printf "%s: %s" (repeat 200 "x") (repeat 200 "y"))) | nindent 2 }}\n',
    'v: {{ toYaml (dict "a" (printf " %s\'%s " (repeat 150 "a b") (repeat 150 "c"))) | nindent 2 }}\n',
    'v: {{ toYaml (dict "a" (printf "%s\\t%s\\x01 %s\\"\\\\" (repeat 150 "a b ") (repeat 150 "c") (repeat 90 "d "))) | nindent 2 }}\n',
    'v: {{ toYaml (dict "a" (printf "%s\\n%s\\n" (repeat 300 "l") (repeat 30 "m m "))) | nindent 2 }}\n',
    'v: {{ toYaml (dict "a" (repeat 200 "é😀 ") "b" (repeat 120 "😀")) | nindent 2 }}\n',
    'v: {{ toYaml (dict (repeat 300 "k") 1 (repeat 20 "ké") (list (repeat 300 "x"))) | nindent 2 }}\n',
    'v: {{ toYaml (list (printf "\\ufeff%s" (repeat 300 "b")) (repeat 300 "\\u0085")) | nindent 2 }}\n',
    'v: {{ toJson (dict "a" (printf "%s<&>%s\\"\\\\\\n\\u2028" (repeat 300 "x") (repeat 300 "y"))) }}\n',
    'v: {{ toPrettyJson (dict "a" (repeat 200 "é😀<") "b" (repeat 300 "z")) | nindent 2 }}\n',
    'v: {{ printf "%q" (repeat 300 "a\\"b\\\\c\\t") }}\n',
    'v: {{ printf "%q" (repeat 200 "é😀\\x7f ") }}\n',
    'v: {{ b64enc (repeat 1000 "abc") }}\n',
    'v: {{ b64enc "" }} {{ b64enc "a" }} {{ b64enc "ab" }} {{ b64enc "abc" }} {{ b64enc "abcd" }} {{ b64enc "é😀" }}\n',
    'v: {{ b64enc (repeat 1001 "é") | b64dec | len }}\n',
  ]) add('longstrings', t, { functions: [] });

  // ---- sprig's camelcase is xstrings' ToPascalCase: leading, repeated and trailing connectors are kept, the rune
  // after a connector is upper-cased (fuzz seed 20261221: `camelcase " x true"` is " XTrue")
  const camel = ['" x true"', '"-"', '"--"', '"_a__b_"', '" "', '"x"', '""', '"a-b_c d"', '"\\t x\\u3000y"', '"ǆx ǆ"', '"ß_a"', '"HTTP_server"',
    '"a1_2b"', '"--a"', '"a--"', '"é_ö"', '"_"', '"a"', '" a"', '"a "', '"x\\ny"', '"a\\u00a0b"', '"1_x"', '"%_x"', '"i_ı"', '(printf "%c" 0xd800)',
    '"GOLANG_IS_GREAT"', '"aBC_dEF"', '"ABC"', '"A"', '"_A"', '"Ǆ"', '"İx_İ"', '"x1Y_2Z"', '"ǅa"', '"--"', '"-A-"', '"a_-B"'];
  for (let i = 0; i < camel.length; i += 6) {
    add('camelcase', `v:${camel.slice(i, i + 6).map((c, k) => ` ${k}={{ camelcase ${c} | quote }}`).join('')}\n`, { functions: ['camelcase'] });
  }

  // ---- the string functions of goutils and strings.Title, several of which work on bytes: non-ASCII text, title-case
  // letters, white space of every kind and bytes that are not UTF-8 (`b64dec "/w=="` is the byte 0xFF)
  const texts = ['"ßǅAbc İ ﬁ x  Y"', '"hello wORLD ǆx a-b a_b ß"', '"Hello World ǅx ÀB"', '"é x\\u00a0y\\u2003z"', '"ab  cd\\tef\\u00a0gh"',
    '"ǆ ǉ ǌ ǳ ა ᾳ ᾀ"', '" lead  trail "', '(b64dec "/w==")', '(printf "a%sb c" (b64dec "/w=="))', '"x1y.z-w_v\'u"', '"ÉCOLE école"', '""', '"x\\u0085y z"'];
  for (const fn of ['swapcase', 'title', 'untitle', 'nospace', 'initials']) {
    for (let i = 0; i < texts.length; i += 6) {
      add('goutils', `v:${texts.slice(i, i + 6).map((t, k) => ` ${k}={{ ${fn} ${t} | toJson }}`).join('')}\n`, { functions: [fn] });
    }
  }
  for (const [w, t] of [[5, '"héllo world"'], [4, '"ééé"'], [7, '"aéééééé"'], [3, '"abcdef"'], [10, '"short"'], [6, '(printf "ab%scdefg" (b64dec "/w=="))']]) {
    add('goutils', `v: {{ abbrev ${w} ${t} | toJson }}\n`, { functions: ['abbrev'] });
  }
  for (const [l, r, t] of [[5, 10, '"now is the time for all good men"'], [4, 7, '"abcdéfghijk"'], [1, 8, '"abcdefghijklmno"'], [20, 8, '"abcdefghijklmno"'], [0, 5, '"abcdefg"']]) {
    add('goutils', `v: {{ abbrevboth ${l} ${r} ${t} | toJson }}\n`, { functions: ['abbrevboth'] });
  }
  for (const t of ['v: {{ wrap 5 "a bcdéfgh ij ééé kkkk" | toJson }}\n', 'v: {{ wrap 3 "éé éé" | toJson }}\n', 'v: {{ wrapWith 4 "|" "abcdéfgh ij" | toJson }}\n',
    'v: {{ wrapWith 2 "" "ab cd" | toJson }}\n', 'v: {{ wrap 0 "a b" | toJson }}\n', 'v: {{ wrapWith 3 "<br>" "é  ab   cdef" | toJson }}\n']) {
    add('goutils', t, { functions: [t.includes('wrapWith') ? 'wrapWith' : 'wrap'] });
  }

  // ---- upper and lower are Go's strings.ToUpper/ToLower: simple one-rune mappings (ß and ﬁ stay, İ lowers to i,
  // a final sigma stays σ), invalid bytes become U+FFFD
  for (const t of ['"ßﬁŉǆ İıáſ ᾳ ᾀ"', '"İĲǅẞ ΣΑΣ Ω"', '"plain ASCII Mixed"', '(printf "a%sé" (b64dec "/w=="))', '(b64dec "/w==")', '"ǈ ǋ ǲ ა Ა"']) {
    add('caseconv', `v: [{{ upper ${t} | toJson }}, {{ lower ${t} | toJson }}]\n`, { functions: ['upper', 'lower'] });
  }

  // ---- float64 of strings is strconv.ParseFloat through cast: an overflow (ErrRange) is 0, hexadecimal floats parse
  const floats = ['"1e400"', '"-1e400"', '"1e-400"', '"0x1.8p1"', '"0x1p-2"', '"0x.8p1"', '"0x1P+4"', '"1e308"', '"1_000"', '"0x1.8"', '"1e"', '"+.5e-3"'];
  for (let i = 0; i < floats.length; i += 6) {
    add('floatparse', `v: [${floats.slice(i, i + 6).map((f) => `{{ float64 ${f} | toJson }}`).join(', ')}]\n`, { functions: ['float64'] });
  }

  // ---- empty lists through the list functions: rest, initial and concat of nothing give Go's nil slice (prints [],
  // encodes null), slice sprig's untyped nil
  for (const t of [
    'v: [{{ rest (list) | toJson }}, {{ initial (list) | toJson }}, {{ reverse (list) | toJson }}, {{ uniq (list) | toJson }}, {{ compact (list) | toJson }}, {{ without (list) 1 | toJson }}]\n',
    'v: [{{ sortAlpha (list) | toJson }}, {{ concat | toJson }}, {{ concat (list) (list) | toJson }}, {{ chunk 2 (list) | toJson }}, {{ slice (list) | toJson }}, {{ append (list) 1 | toJson }}]\n',
    'v: [{{ mustRest (list) | toJson }}, {{ mustInitial (list) | toJson }}, {{ mustReverse (list) | toJson }}, {{ mustUniq (list) | toJson }}, {{ first (list) | toJson }}, {{ last (list) | toJson }}]\n',
    'v: "{{ rest (list) }} {{ initial (list) }} {{ concat }} {{ concat (list) }} {{ slice (list) }} {{ len (concat) }} {{ typeOf (concat) }} {{ typeOf (rest (list)) }}"\n',
  ]) add('emptylists', t, { functions: [] });

  // ---- a *semver.Version's methods: comparisons take a *semver.Version; IncMajor/IncMinor/IncPatch give a
  // semver.Version value, which has only the value-receiver methods (a method mid-chain, with no arguments)
  for (const t of [
    'v: [{{ (semver "1.2.3").Compare (semver "1.2.4") }}, {{ (semver "1.2.3").LessThan (semver "1.2.4") }}, {{ (semver "1.2.3").GreaterThanEqual (semver "1.2.3") }}, {{ (semver "1.2.3").Equal (semver "v1.2.3") }}, {{ (semver "2.0.0").GreaterThan (semver "1.9.9") }}, {{ (semver "1.2.3").LessThanEqual (semver "1.2.3-rc") }}]\n',
    'v: "{{ (semver "1.2.3-rc.1").IncPatch }} {{ (semver "v1.2.3").IncMinor }} {{ (semver "1.2.3").IncMajor | typeOf }} {{ (semver "1.2.3").IncMajor.Major }} {{ (semver "1.2.3+m").IncPatch.String }}"\n',
    'v: {{ (semver "1.2.3").IncMajor.Original }}\n',
    'v: {{ (semver "1.2.3").Compare ((semver "1.2.3").IncPatch) }}\n',
    'v: {{ (semver "1.2.3").Compare "1.2.3" }}\n',
    'v: {{ $v := semver "1.0.0" }}{{ $v.IncMinor.IncPatch }} {{ $v.Major }} {{ .Capabilities.KubeVersion.Major }}\n',
    'v: "{{ ((semver "v1.2.3+m").SetPrerelease "rc.1") }} {{ ((semver "1.2.3-x").SetPrerelease "") }} {{ ((semver "v1.2.3").SetMetadata "b.7") }} {{ ((semver "1.2.3").SetMetadata "") | typeOf }}"\n',
    'v: {{ (semver "1.2.3").SetPrerelease "01" }}\n',
    'v: {{ (semver "1.2.3").SetPrerelease "a..b" }}\n',
    'v: {{ (semver "1.2.3").SetPrerelease "a_b" }}\n',
    'v: {{ (semver "1.2.3").SetMetadata "a..b" }}\n',
    'v: {{ (semver "1.2.3").SetMetadata "a+b" }}\n',
  ]) add('semvermethods', t, { functions: ['semver'] });

  // ---- urlParse: url.Parse cuts the fragment off first and names only the rest in its errors; the fragment is
  // unescaped last (fuzz seed 20261222: `urlParse "%#v"`)
  for (const u of ['"%#v"', '"a#%zz"', '"%zz#%yy"', '"http://h/p%#x"', '"http://[::1]:80/%41#f%20g"', '":x#y"', '"1a:b#x"', '"http://u%zz@h#f"', '"#%41"', '"x#"']) {
    add('urlfragment', `v: {{ urlParse ${u} | toJson }}\n`, { functions: ['urlParse'] });
  }

  // ---- eq of two values of one kind but different types (text/template's canCompare looks at kinds): a map and
  // chartutil.Values, []string and []interface {} (fuzz seed 20261221)
  for (const t of ['eq .Values.m .Values', 'eq .Values .Values.m', 'eq (list 1) .Values.l', 'eq (splitList "," "a") (list "a")', 'eq (list "a") (splitList "," "a")',
    'eq .Values.m (dict)', 'eq .Values.l .Values.m', 'eq .Values.m .Values.l', 'eq .Values.m nil', 'eq .Capabilities.APIVersions (list "a")', 'eq .Capabilities.KubeVersion .Capabilities',
    'ne .Template .Values', 'eq .Values.m .Values.m.c', 'eq .Files .Values', 'eq (b64dec "YQ==" | toString) "a"']) {
    add('eqkinds', `v: {{ ${t} }}\n`, { functions: [t.split(' ')[0]] });
  }

  // ---- nesting deeper than JavaScript's stack: renders run a synchronous executor and hand nested executions
  // past SYNC_NESTING (64) to the generator executor's driver; recursions cross that handover both ways
  const recursive = [
    '{{- define "down" }}{{ if gt (int .) 0 }}{{ template "down" (sub (int .) 1) }}{{ else }}bottom{{ end }}{{ end -}}',
    '{{- define "inc" }}{{ if gt (int .) 0 }}{{ include "inc" (sub (int .) 1) }}-{{ else }}ibottom{{ end }}{{ end -}}',
    '{{- define "tp" }}{{ if gt (int .) 0 }}{{ tpl "{{ include \\"tp\\" (sub (int .) 1) }}" . }}{{ else }}tbottom{{ end }}{{ end -}}',
    '{{- define "mix" }}{{ if gt (int .) 0 }}{{ if eq (mod (int .) 2) 0 }}{{ include "mix" (sub (int .) 1) }}{{ else }}{{ template "mix" (sub (int .) 1) }}{{ end }}{{ else }}{{ fail "at the bottom" }}{{ end }}{{ end -}}',
    '{{- define "mixbad" }}{{ if gt (int .) 0 }}{{ if eq (mod (int .) 2) 0 }}{{ include "mixbad" (sub (int .) 1) }}{{ else }}{{ template "mixbad" (sub (int .) 1) }}{{ end }}{{ else }}{{ .x.y }}{{ end }}{{ end -}}',
  ].join('\n');
  for (const t of [
    'a: {{ template "down" 5000 }}\nb: {{ include "inc" 900 | len }}\nc: {{ include "tp" 300 }}\n',
    'a: {{ template "down" 200000 }}\n',
    'b: {{ include "inc" 2000 }}\n',
    'm: {{ include "mix" 200 }}\n',
    'm: {{ include "mixbad" 150 }}\n',
    'm: {{ template "down" 70 }} {{ include "inc" 70 | len }} {{ include "tp" 70 }}\n',
  ]) add('deepnesting', `${recursive}\n${t}`, { functions: [] });

  return out.map((s) => (s.template === undefined ? { ...s, template: `v: {{ ${s.functions[0]} }}\n` } : s));
}
