#!/usr/bin/env node
// Generates the differential values corpus tests/differential/values-corpus.json and records, for every
// generated case, what the real Helm v3.17.1 and v4.1.4 binaries render as `.Values`.
//
//   node scripts/record-differential.mjs            regenerate the inputs (seeded), run Helm 3 and 4, write the corpus
//   node scripts/record-differential.mjs --check    regenerate + re-run, report differences from the committed corpus
//   node scripts/record-differential.mjs --append <category>   run only that category and write its cases into the
//                                                             committed corpus (the other categories are kept as recorded)
//   options: --seed <n> (default: the committed corpus's seed, else DEFAULT_SEED), --only <category> (with --check)
//
// Inputs are built by construction from a seeded PRNG (mulberry32), one stream per category, so re-running gives
// the same cases. Helm is run through tests/helpers/helm-binaries.cjs (renderValues); cases with an `argOrder`
// (category `precedence`) interleave the flags on the command line in that order, which the helper cannot do, so
// they use a local copy of its renderer.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatCorpus } from './lib/corpus-file.mjs';
import { hashStr, Rng } from './lib/rng.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const helm = require(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs'));
const OUT = path.join(ROOT, 'tests', 'differential', 'values-corpus.json');
const DEFAULT_SEED = 20261127;

// ---------------------------------------------------------------------------------------------------------------
// PRNG


// ---------------------------------------------------------------------------------------------------------------
// A tiny YAML writer. Nodes: S(text) scalar written verbatim, B(indicator, lines) block scalar, M(entries) map with
// [keyText, node] entries, L(items) list, A(name) alias. Options: flow (write in flow style when every scalar in it
// is safe there), anchor, zeroIndent (a block list written at its key's indentation).

const S = (s, o = {}) => ({ s, ...o });
const B = (b, lines) => ({ b, lines });
const M = (m, o = {}) => ({ m, ...o });
const L = (l, o = {}) => ({ l, ...o });
const A = (alias) => ({ alias });

function flowSafeText(t) {
  if (t === '' || t.includes('\n')) return false;
  if (/^!\S*$/.test(t)) return false; // a lone tag (empty scalar)
  const core = t.replace(/^!\S*\s+/, '');
  if (/^'([^']|'')*'$/.test(core) || /^"([^"\\]|\\.)*"$/.test(core)) return true;
  return !/[,[\]{}]/.test(core) && !/:( |$)/.test(core) && !/ #/.test(core) && !core.startsWith('#');
}

function flowSafe(n) {
  if (n.alias) return true;
  if ('s' in n) return flowSafeText(n.s);
  if (n.b) return false;
  if (n.m) return n.m.every(([k, v]) => flowSafeText(k) && flowSafe(v));
  return n.l.every(flowSafe);
}

function emitFlow(n) {
  if (n.alias) return '*' + n.alias;
  const a = n.anchor ? `&${n.anchor} ` : '';
  if ('s' in n) return a + n.s;
  if (n.m) return a + '{' + n.m.map(([k, v]) => `${k}: ${emitFlow(v)}`).join(', ') + '}';
  return a + '[' + n.l.map(emitFlow).join(', ') + ']';
}

const isCollectionFlow = (n) => (n.m && (!n.m.length || (n.flow && flowSafe(n)))) || (n.l && (!n.l.length || (n.flow && flowSafe(n))));

function emitMap(n, ind) {
  if (!n.m.length) return [' '.repeat(ind) + '{}'];
  const out = [];
  for (const [k, v] of n.m) out.push(...emitEntry(' '.repeat(ind) + k + ':', v, ind));
  return out;
}

function blockLines(lines, ind) { return lines.map((l) => (l === '' ? '' : ' '.repeat(ind) + l)); }

function emitEntry(head, v, ind) {
  const a = v.anchor ? ` &${v.anchor}` : '';
  if (v.alias) return [`${head} *${v.alias}`];
  if ('s' in v) return [v.s === '' ? head + a : `${head}${a} ${v.s}`];
  if (v.b) return [`${head}${a} ${v.b}`, ...blockLines(v.lines, ind + 2)];
  if (isCollectionFlow(v)) return [`${head} ${emitFlow(v)}`];
  if (v.m) return [head + a, ...emitMap(v, ind + 2)];
  return [head + a, ...emitList(v, v.zeroIndent ? ind : ind + 2)];
}

function emitList(n, ind) {
  const out = [];
  const pad = ' '.repeat(ind);
  for (const it of n.l) {
    const a = it.anchor ? ` &${it.anchor}` : '';
    if (it.alias) out.push(`${pad}- *${it.alias}`);
    else if ('s' in it) out.push(it.s === '' ? `${pad}-${a}` : `${pad}-${a} ${it.s}`);
    else if (it.b) out.push(`${pad}-${a} ${it.b}`, ...blockLines(it.lines, ind + 2));
    else if (isCollectionFlow(it)) out.push(`${pad}- ${emitFlow(it)}`);
    else {
      const sub = it.m ? emitMap(it, ind + 2) : emitList(it, ind + 2);
      if (a) out.push(`${pad}-${a}`, ...sub);
      else { sub[0] = `${pad}- ` + sub[0].slice(ind + 2); out.push(...sub); }
    }
  }
  return out;
}

/** YAML text of a top-level map node. */
function yaml(n) {
  if (n.flow && flowSafe(n)) return emitFlow(n) + '\n';
  return emitMap(n, 0).join('\n') + '\n';
}

// JS values -> nodes (for the structural categories). Strings must be plain-safe words or ''.
const NULL_FORMS = ['~', 'null', 'Null', 'NULL', ''];
function jsNode(v, r, o = {}) {
  const flowP = o.flowP ?? 0.25;
  if (v === null) return S(r.pick(o.nullForms ?? NULL_FORMS));
  if (Array.isArray(v)) return L(v.map((x) => jsNode(x, r, o)), { flow: r.chance(flowP), zeroIndent: r.chance(0.25) });
  if (typeof v === 'object') return M(Object.entries(v).map(([k, x]) => [k, jsNode(x, r, o)]), { flow: r.chance(flowP) });
  if (typeof v === 'string') return S(v === '' ? r.pick(['""', "''"]) : v);
  if (typeof v === 'boolean') return S(v ? r.pick(['true', 'True', 'yes', 'on']) : r.pick(['false', 'False', 'no', 'off']));
  return S(String(v));
}
const jsYaml = (v, r, o) => yaml(jsNode(v, r, o));

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Helm's mergeMaps of -f files: maps merge, anything else replaces. */
function mergeMaps(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isMap(v) && isMap(out[k]) ? mergeMaps(out[k], v) : v;
  return out;
}

const clone = (v) => JSON.parse(JSON.stringify(v));

/** Whether `--set <keys>=…` can be applied to the user map `u` without a Go type-assertion error. */
function settable(u, keys) {
  let cur = u;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!Object.prototype.hasOwnProperty.call(cur, keys[i])) return true;
    if (!isMap(cur[keys[i]])) return false;
    cur = cur[keys[i]];
  }
  return true;
}

function setPath(u, keys, v) {
  let cur = u;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isMap(cur[keys[i]])) cur[keys[i]] = {};
    cur = cur[keys[i]];
  }
  cur[keys[keys.length - 1]] = v;
}

/** Every key path (as arrays) in a value tree. */
function paths(v, prefix = [], out = []) {
  if (!isMap(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    out.push([...prefix, k]);
    paths(x, [...prefix, k], out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Pools

const SCALAR_POOL = [
  // YAML 1.1 booleans, mixed case
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yEs', 'nO', 'oN', 'oFF', 'tRue', 'fAlse', 'yES', 'T', 'F',
  // nulls
  '~', 'null', 'Null', 'NULL', 'nULL', 'nuLL', '', 'none', 'Nil',
  // integers
  '0', '-0', '+0', '0777', '007', '-007', '+007', '08', '09', '09.5', '0o17', '0O17', '0o8', '0x1F', '0x1f', '0X1F',
  '-0x1F', '+0x1F', '0b101', '-0b101', '0B11', '0b1_0', '1_000', '0_1', '1__0', '+1', '-1', '42', '00', '-00',
  '9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '18446744073709551615', '18446744073709551616', '123456789012345678901234567890', '0xFFFFFFFFFFFFFFFF',
  '0xFFFFFFFFFFFFFFFFFF', '0x_1F', '1_', '20240101', '1234567',
  // floats
  '1.10', '1.0', '1e3', '1E+3', '1e+3', '1E3', '.5', '-.5', '+.5', '1.', '1e-7', '1e400', '-1e400', '-0.0', '+0.0',
  '0.0', '12e03', '685_230.15', '1_0.5', '0.1e1', '1.5e-10', '3.14159265358979323846', '1e20', '1e21', '123456.789',
  '1.e3', '-1.5E-3', '0.00001', '4.9e-324', '2e-400', '0777.5', '1.7976931348623157e308',
  // timestamps, sexagesimal
  '2024-01-01', '2024-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2024-01-01T10:00:00Z',
  '12:30', '1:30:00', '190:20:30.15', '-12:30', '1:2', '60:00',
  // strings that look like numbers
  '1.10.2', 'v1.10', '0x', '0o', '0b', '1e', '1,000', '1.2.3', '0x1G', '1e3.5', '.e3', '_1', '+-1', '0.0.0', '1e3e',
  '--1', '..5', '1..0', '0xx', '1e+', '0x-1', '1_000.5_5',
  // quoted
  "'1.10'", '"yes"', "'null'", '"0x1F"', "''", '""', '"a: b"', "'it''s'", '"tab\\there"', '"\\u00e9t\\u00e9"',
  '"line1\\nline2"', "'single \"dq\" inside'", '"#not comment"', "'~'", '"007"', "' padded '", '"\\x41"', '"\\\\"',
  "'1e3'", '"true"', '"-0.0"',
  // explicit tags
  '!!str 1.10', '!!str yes', '!!str ~', '!!str 0777', '!!str', '!!int "5"', '!!int 0x10', '!!int 1_000', '!!int 0777',
  '!!float 1', '!!float "2.5"', '!!float 1e3', '!!float 1_0', '!!bool "true"', '!!bool yes', '!!bool ON', '!!null ""',
  '!!null ~', '!custom foo', '!custom 1.10', '!custom yes', '!custom ~', '!!binary aGVsbG8=', '!!timestamp 2024-01-01',
  '!foo', '!!str "007"', '! 1.10', '! yes',
  // plain strings with punctuation
  'x:y', 'nginx:1.25', 'http://x:80/p', 'a#b', 'val # trailing comment', 'foo bar', '-x', '?x', 'a:b:c', 'x=y',
  'a,b', 'a b c', 'x.y.z', 'a\\b', 'a"b', "a'b",
];

const KEY_POOL = [
  'yes', 'No', 'on', 'OFF', 'y', 'N', 'true', 'False', 'TRUE', 'yEs', '0x1F', '1e3', '1.5', '0777', '007', '08', '-1',
  '+1', '1_000', '.5', '1.0', '2024-01-01', '12:30', 'nULL', '"1.10"', "'yes'", '""', '-0', '-0.0', '3.14159265',
  '1.10', '123456789', '9007199254740993', '-9223372036854775809', '18446744073709551616', '1e400', '.inf', '-.Inf',
  '.nan', '0.1', '1e-7', '100000000', '1e8', '0b101', '"a: b"', 'ключ', '键', '!!str 1.5', '!!str yes', '1.10.2', '0x',
];

const SPECIAL_QUOTED = [
  '"a: b"', "'x # y'", '"#hash"', '"- dash"', '"? q"', '"@at"', '"`tick"', '"%pct"', '"&amp"', '"*star"', '"!bang"',
  '"|pipe"', '">gt"', '"{brace}"', '"[br]"', "'a, b'", '"key: {x: 1}"', "'--- x'", '"..."',
];

const UNI = ['é', 'ß', 'ø', 'Ω', 'λ', 'Ж', 'я', '中', '文', '日', '本', '한', '글', '🚀', '😀', 'ü', 'ñ', 'ç', 'α', 'β', 'Ł',
  'ő', 'ā', '€', '£', '¥', '©', '°', '½', '…', '–', '“', '”', '’', 'ﬁ', '𝔘', 'ǅ'];
const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXZ';

function unicodeScalar(r) {
  const n = r.int(1, 10);
  if (r.chance(0.5)) {
    // plain: starts with a letter, no ': ', ' #', no trailing space
    let s = r.chance(0.5) ? r.pick(UNI.slice(0, 22)) : r.pick([...ASCII_LETTERS]);
    for (let i = 0; i < n; i++) s += r.chance(0.5) ? r.pick(UNI) : r.pick([...ASCII_LETTERS, ' ', '-', '_', '.', '/', '0', '7']);
    return s.trimEnd();
  }
  let s = '';
  for (let i = 0; i < n; i++) {
    s += r.weighted([[5, () => r.pick(UNI)], [3, () => r.pick([...ASCII_LETTERS])],
      [2, () => r.pick([': ', '#', ' #', '"', "'", '\\', '{', ',', '\t', ' ', '[', '&', '*', '!'])], [1, () => r.pick(['\n'])]])();
  }
  if (r.chance(0.6) || s.includes('\n')) return JSON.stringify(s);
  return "'" + s.replace(/'/g, "''") + "'";
}

const WORDS = ['alpha', 'beta', 'gamma', 'nginx', 'v1', 'latest', 'hello', 'x-y', 'u1', 'str', 'img', 'repo/name', 'a.b'];

function blockScalar(r) {
  const ind = r.pick(['|', '>', '|-', '>-', '|+', '>+']);
  const lines = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) {
    if (i > 0 && r.chance(0.2)) lines.push('');
    let line = Array.from({ length: r.int(1, 3) }, () => r.pick([...WORDS, 'a: b', '# x', 'é🚀', 'x\ty', '- item', '{x}'])).join(' ');
    if (i > 0 && r.chance(0.2)) line = '  ' + line;
    lines.push(line);
  }
  for (let i = r.int(0, 2); i > 0; i--) lines.push('');
  return B(ind, lines);
}

// ---------------------------------------------------------------------------------------------------------------
// Category generators. Each returns a list of case inputs (without name/category).

function genYamlScalars(r) {
  const cases = [];
  const scalarNode = (allowBlock = true) => {
    const x = r.float();
    if (x < 0.78) return S(r.pick(SCALAR_POOL));
    if (x < 0.89) return S(unicodeScalar(r));
    if (x < 0.95 && allowBlock) return blockScalar(r);
    return S(r.pick(SPECIAL_QUOTED));
  };
  const mkMap = (n, depth, prefix) => {
    const entries = [];
    for (let i = 0; i < n; i++) {
      const key = r.chance(depth === 0 ? 0.22 : 0.12) ? r.pick(KEY_POOL) : `${prefix}${i}`;
      const x = r.float();
      let v;
      if (depth < 2 && x < 0.12) v = mkMap(r.int(1, 4), depth + 1, 'k');
      else if (x < 0.22) v = L(Array.from({ length: r.int(1, 4) }, () => scalarNode(false)), { flow: r.chance(0.5), zeroIndent: r.chance(0.3) });
      else v = scalarNode();
      entries.push([key, v]);
    }
    return M(entries, { flow: depth > 0 && r.chance(0.3) });
  };
  for (let i = 0; i < 92; i++) {
    const mode = r.weighted([[4, 'chart'], [3, 'both'], [2, 'user'], [1, 'nochart']]);
    const c = { chartValuesYaml: null, valuesFiles: [] };
    if (mode === 'chart' || mode === 'both') c.chartValuesYaml = yaml(mkMap(r.int(4, 11), 0, 'k'));
    else if (mode === 'user') c.chartValuesYaml = 'z: 0\n';
    if (mode !== 'chart') {
      for (let f = r.int(1, 2); f > 0; f--) c.valuesFiles.push(yaml(mkMap(r.int(3, 9), 0, 'k')));
    }
    cases.push(c);
  }
  // a handful of dedicated error cases (infinities, NaN, non-map documents, null key)
  cases.push({ chartValuesYaml: 'a: .inf\nb: 1\n' });
  cases.push({ chartValuesYaml: 'a: 1\nm: {x: -.Inf}\n' });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['m:\n  x: .NaN\n'] });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['l: [1, .nan]\n'] });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['- a\n- b\n'] });
  cases.push({ chartValuesYaml: 'just a string\n' });
  cases.push({ chartValuesYaml: 'a:\n  ~: 1\n' });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['1.5\n'] });
  cases.push({ chartValuesYaml: 'a: 1\n9223372036854775808: big\n' }); // uint64 key
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['a: "x\\/y"\n'] }); // JSON's \/ escape is not YAML 1.1
  return cases;
}

const CK = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k', 'm', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'z'];

function scal(r) {
  return r.weighted([[3, () => r.int(0, 99)], [3, () => r.pick(WORDS)], [1, () => r.chance(0.5)],
    [1, () => r.pick([1.5, -3, 8080, 0.25, 1e3])]])();
}

function genTree(r, depth, maxDepth, keys = CK, nMax = 5) {
  const o = {};
  for (const k of r.sample(keys, r.int(depth === 0 ? 2 : 1, nMax))) o[k] = genVal(r, depth, maxDepth, keys, nMax);
  return o;
}

function genVal(r, depth, maxDepth, keys = CK, nMax = 5) {
  const x = r.float();
  if (x < 0.13) return null;
  if (x < 0.43 && depth < maxDepth) return genTree(r, depth + 1, maxDepth, keys, Math.max(2, nMax - 1));
  if (x < 0.50) return Array.from({ length: r.int(1, 3) }, () => scal(r));
  if (x < 0.54) return Array.from({ length: r.int(1, 2) }, () => ({ [r.pick(keys)]: scal(r) }));
  if (x < 0.58) return {};
  if (x < 0.61) return [];
  if (x < 0.64) return '';
  return scal(r);
}

function genUser(r, def, depth, maxDepth, keys = CK) {
  const o = {};
  if (isMap(def)) {
    for (const [k, dv] of Object.entries(def)) {
      const x = r.float();
      if (x < 0.38) continue;
      if (x < (dv === null ? 0.75 : 0.58)) { o[k] = null; continue; }
      if (isMap(dv) && x < 0.82) { o[k] = genUser(r, dv, depth + 1, maxDepth, keys); continue; }
      const y = r.float();
      if (dv === null) o[k] = y < 0.5 ? genTree(r, depth + 1, maxDepth, keys, 3) : scal(r);
      else if (y < 0.3) o[k] = scal(r);
      else if (y < 0.5) o[k] = genTree(r, depth + 1, Math.min(maxDepth, depth + 2), keys, 3);
      else if (y < 0.65) o[k] = Array.from({ length: r.int(1, 3) }, () => scal(r));
      else if (y < 0.75) o[k] = {};
      else o[k] = genVal(r, depth + 1, maxDepth, keys, 3);
    }
  }
  for (let i = r.int(0, 2); i > 0; i--) {
    const k = r.pick(keys);
    if (!(isMap(def) && k in def) && !(k in o)) o[k] = r.chance(0.5) ? null : genVal(r, depth + 1, maxDepth, keys, 3);
  }
  return o;
}

function genCoalesceNulls(r) {
  const cases = [];
  for (let i = 0; i < 76; i++) {
    const maxDepth = r.int(1, 4);
    const def = r.chance(0.08) ? {} : genTree(r, 0, maxDepth);
    const c = { chartValuesYaml: r.chance(0.05) ? null : (Object.keys(def).length ? jsYaml(def, r) : r.pick(['', '{}\n', '# none\n'])),
      valuesFiles: [], set: [], setJson: [] };
    if (c.chartValuesYaml === null) for (const k of Object.keys(def)) delete def[k];
    let user = {};
    const files = [];
    for (let f = r.int(1, 3); f > 0; f--) {
      const base = files.length && r.chance(0.35) ? r.pick(files) : def;
      const u = genUser(r, base, 0, maxDepth);
      files.push(u);
      c.valuesFiles.push(Object.keys(u).length ? jsYaml(u, r) : r.pick(['', '{}\n', '~\n']));
      user = mergeMaps(user, u);
    }
    // --set-json / --set k=null on existing and unknown paths (set-json is applied first by Helm)
    const known = [...paths(def), ...paths(user)];
    const pathPick = () => {
      if (known.length && r.chance(0.7)) return r.pick(known);
      const base = known.length && r.chance(0.6) ? r.pick(known) : [];
      return [...base, r.pick(['nk', 'new', 'zz'])];
    };
    for (let j = r.int(0, 2); j > 0; j--) {
      const p = pathPick();
      if (!settable(user, p) && !r.chance(0.1)) continue;
      const v = r.weighted([[6, null], [2, { [r.pick(CK)]: null }], [1, { [r.pick(CK)]: 1, [r.pick(CK)]: null }]]);
      c.setJson.push(`${p.join('.')}=${JSON.stringify(v)}`);
      if (settable(user, p)) setPath(user, p, clone(v));
    }
    for (let j = r.int(0, 3); j > 0; j--) {
      const p = pathPick();
      if (!settable(user, p) && !r.chance(0.1)) continue;
      const v = r.weighted([[6, 'null'], [1, 'NULL'], [1, '1'], [1, 'str']]);
      c.set.push(`${p.join('.')}=${v}`);
      if (settable(user, p)) setPath(user, p, v.toLowerCase() === 'null' ? null : v);
    }
    cases.push(c);
  }
  return cases;
}

const MK = ['a', 'b', 'c', 'm'];

function genDocText(r) {
  return r.weighted([
    [10, () => jsYaml(genTree(r, 0, r.int(0, 2), MK, 3), r, { flowP: 0.3 })],
    [2, () => ''],
    [2, () => '~\n'],
    [1, () => r.pick(['null\n', 'Null\n', 'NULL\n'])],
    [2, () => '# only a comment\n'],
    [1, () => '{}\n'],
    [2, () => jsYaml({ [r.pick(MK)]: null, [r.pick(MK)]: { [r.pick(MK)]: null } }, r)],
  ])();
}

function multidocText(r) {
  const n = r.int(2, 4);
  let text = r.chance(0.3) ? r.pick(['---\n', '--- # start\n']) : '';
  // '...' after an empty or comment-only document is a YAML error ("did not find expected node content"): rarely
  let prev = 'x: 1\n';
  const dotsOk = () => !/^(#.*\n|)$/.test(prev) || r.chance(0.1);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      text += r.weighted([[6, '---\n'], [2, '--- # x\n'], [1, '---   \n'], [1, '---\t# tab\n'], [dotsOk() ? 2 : 0, '...\n---\n'], [1, '--- #\n']]);
    }
    text += prev = genDocText(r);
  }
  const end = r.weighted([[6, ''], [2, '---\n'], [dotsOk() ? 2 : 0, '...\n'], [dotsOk() ? 1 : 0, '...\nhidden: 1\n']]);
  text += end;
  if (r.chance(0.15)) text = text.replace(/\n/g, '\r\n');
  return text;
}

function genMultidoc(r) {
  const cases = [];
  for (let i = 0; i < 44; i++) {
    const c = { chartValuesYaml: null, valuesFiles: [], set: [] };
    const where = r.weighted([[4, 'chart'], [3, 'user'], [3, 'both']]);
    c.chartValuesYaml = where === 'user' ? jsYaml(genTree(r, 0, 2, MK, 3), r) : multidocText(r);
    if (where !== 'chart') for (let f = r.int(1, 2); f > 0; f--) c.valuesFiles.push(r.chance(0.8) ? multidocText(r) : jsYaml(genTree(r, 0, 1, MK, 3), r));
    if (r.chance(0.2)) c.set.push(`${r.pick(MK)}.${r.pick(MK)}=${r.pick(['null', '1', 'x'])}`);
    cases.push(c);
  }
  // invalid separators: Helm 4 refuses them, Helm 3 reads the first document as YAML
  cases.push({ chartValuesYaml: 'a: 1\n--- {b: 2}\n' });
  cases.push({ chartValuesYaml: '--- {a: 1}\n' });
  cases.push({ chartValuesYaml: 'a: 1\n----\nb: 2\n' });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['---foo: 1\nb: 2\n'] });
  cases.push({ chartValuesYaml: 'z: 0\n', valuesFiles: ['a: 1\n---x\nb: 2\n'] });
  cases.push({ chartValuesYaml: 'a: 1\n---#c\nb: 2\n' });
  cases.push({ chartValuesYaml: '--- !!map\na: 1\n' });
  return cases;
}

// --set family, random strings
const SET_ALPHA = [[6, 'a'], [3, 'b'], [2, 'x'], [2, '0'], [2, '1'], [1, '7'], [5, '.'], [5, ','], [6, '='], [4, '['], [4, ']'],
  [3, '{'], [3, '}'], [3, '\\'], [2, '-'], [2, ' '], [1, '"'], [1, "'"], [1, 'é'], [1, 'n'], [1, 'u'], [1, 'l']];
const SET_SEGS = ['a', 'a', 'b', 'lst', 'm', 'x', 'k', 'a\\.b', 'k\\=v', 'a\\,b', ' sp', '0', 'é', 'a\\\\'];
const SET_IDX = [[8, '0'], [6, '1'], [4, '2'], [2, '3'], [1, '-1'], [1, 'x'], [1, '65537'], [1, ''], [1, ' 1'], [1, '01'], [1, '+1']];
const SET_VALUES = ['1', '007', '-007', '+007', '+1', '-0', '0', '1.5', 'TRUE', 'false', 'Null', 'null', '~', 'yes',
  '9223372036854775808', '9223372036854775807', '-9223372036854775809', '{a,b}', '{}', '{1,{x}}', '{a,b', 'x\\,y', 'a=b', '',
  '  sp  ', '"q"', "'s'", '\\', 'x\\\\y', '[1,2]', 'é🚀', '1e3', '0x1F', 'a\\.b', '{"j":1}', '2024-01-01', 'tRuE', 'x y',
  '{ a , b }', '{true,1,null}', 'a}b'];

function setKey(r) {
  let k = r.pick(SET_SEGS);
  for (let i = r.weighted([[4, 0], [4, 1], [2, 2], [1, 3]]); i > 0; i--) k += r.chance(0.5) ? '.' + r.pick(SET_SEGS) : `[${r.weighted(SET_IDX)}]`;
  return k;
}

function setString(r) {
  let s;
  if (r.chance(0.25)) {
    s = '';
    for (let i = r.int(1, 14); i > 0; i--) s += r.weighted(SET_ALPHA);
  } else {
    s = Array.from({ length: r.weighted([[5, 1], [3, 2], [1, 3]]) }, () => `${setKey(r)}=${r.pick(SET_VALUES)}`).join(',');
    for (let m = r.chance(0.2) ? r.int(1, 2) : 0; m > 0; m--) {
      const pos = r.int(0, s.length);
      s = r.chance(0.6) ? s.slice(0, pos) + r.weighted(SET_ALPHA) + s.slice(pos) : s.slice(0, pos) + s.slice(pos + 1);
    }
  }
  return s;
}

const bigIndex = (s) => /\[\s*[+-]?\d{3,5}(?!\d)/.test(s) || /\[\s*[+-]?0*[1-9]\d{2,4}(?!\d)/.test(s);

function genSetRandom(r) {
  const cases = [];
  for (let i = 0; i < 86; i++) {
    const c = { chartValuesYaml: r.chance(0.5) ? 'z: 0\nlst: [d0, d1]\nm: {k: v, l: [1, 2]}\n' : 'z: 0\n', valuesFiles: [], set: [], setString: [], setLiteral: [] };
    if (r.chance(0.5)) {
      const f = {};
      if (r.chance(0.7)) f.lst = Array.from({ length: r.int(1, 3) }, () => (r.chance(0.3) ? { c: scal(r) } : scal(r)));
      if (r.chance(0.5)) f.m = { l: Array.from({ length: r.int(1, 3) }, () => scal(r)), k: scal(r) };
      if (r.chance(0.4)) f.a = Array.from({ length: r.int(1, 2) }, () => ({ x: scal(r) }));
      if (r.chance(0.2)) f.x = scal(r);
      c.valuesFiles.push(Object.keys(f).length ? jsYaml(f, r) : 'w: 1\n');
    }
    for (let n = r.int(1, 4); n > 0; n--) {
      let s;
      do s = setString(r); while (bigIndex(s));
      c[r.weighted([[11, 'set'], [5, 'setString'], [4, 'setLiteral']])].push(s);
    }
    cases.push(c);
  }
  return cases;
}

function jsonText(r, depth = 0) {
  return r.weighted([
    [3, () => r.pick(['1', '1.10', '9007199254740993', '-0', '1e3', '0.1', '-2.5e-3', '20240101', '0', '1E400'])],
    [3, () => r.pick(['"s"', '"a,b"', '"x=y"', '"é"', '"\\u00e9"', '""', '"null"', '"1.10"', '"{x}"'])],
    [2, () => r.pick(['true', 'false', 'null'])],
    [depth < 2 ? 3 : 0, () => '{' + r.sample(['a', 'b', 'p', 'q', 'k'], r.int(0, 3)).map((k) => `"${k}":${jsonText(r, depth + 1)}`).join(',') + '}'],
    [depth < 2 ? 2 : 0, () => '[' + Array.from({ length: r.int(0, 3) }, () => jsonText(r, depth + 1)).join(',') + ']'],
  ])();
}

const JSON_KEYS = ['k', 'm', 'm.p', 'm.q.r', 'l[1]', 'l[0].x', 'k.l[1]', 'n', 'a'];
const JSON_INVALID = ['k={x}', 'k=hello', '[1,2]', '{"a":1},b=2', 'k=[1,2', 'k=', 'k={"a":}', '{"a":1', 'k=1,', 'k',
  'k=01', 'k=.5', 'k=+1', "k='s'", 'k=NaN', '{"a":1} {"b":2}', 'k=1 2', 'k=tru'];

function genSetJson(r) {
  const cases = [];
  for (let i = 0; i < 36; i++) {
    const c = { chartValuesYaml: r.pick(['z: 0\n', 'z: 0\nk: def\nm: {p: 1, q: {r: 1, s: 2}}\nl: [1, 2]\n', 'm: {p: null, q: {}}\nk: {x: 1}\n']),
      valuesFiles: [], set: [], setJson: [] };
    if (r.chance(0.4)) c.valuesFiles.push(r.pick(['m: {p: 5, t: 1}\n', 'l: [a, {x: 1}, c]\n', 'k: [1, 2]\nm: {q: {s: 3}}\n', 'm: null\n']));
    for (let n = r.int(1, 3); n > 0; n--) {
      c.setJson.push(r.weighted([
        [6, () => Array.from({ length: r.weighted([[4, 1], [2, 2], [1, 3]]) }, () => `${r.pick(JSON_KEYS)}=${jsonText(r)}`).join(',')],
        [2, () => r.pick(['', '  ']) + '{' + r.sample(['k', 'm', 'z', 'n'], r.int(1, 3)).map((k) => `"${k}":${jsonText(r, 1)}`).join(',') + '}'],
        [1, () => r.pick(JSON_INVALID)],
      ])());
    }
    if (r.chance(0.3)) c.set.push(`${r.pick(['k', 'm.p', 'm.q.r', 'l[1]'])}=${r.pick(['1', 'null', 'x'])}`);
    cases.push(c);
  }
  return cases;
}

function genSetFile(r) {
  const contents = ['line1\nline2\n', 'true', '123', 'unicodé 🚀 中文\n', '', '  spaced  ', 'a,b=c', '{x,y}', 'null',
    'crlf\r\nline\r\n', '1.10', '\n', 'key: value\n', '\\', 'x'.repeat(40)];
  const cases = [];
  for (let i = 0; i < 13; i++) {
    const c = { chartValuesYaml: 'z: 0\nk: def\nm: {k: 1}\n', valuesFiles: [], set: [], setString: [], setLiteral: [], setFile: [] };
    if (r.chance(0.3)) c.valuesFiles.push('l: [a, b, c]\nm: {k: from-file}\n');
    const keys = ['k', 'm.k', 'l[1]', 'n.o', 'k2'];
    for (let n = r.int(1, 3); n > 0; n--) c.setFile.push({ key: r.pick(keys), content: r.pick(contents) });
    const k0 = c.setFile[0].key;
    if (r.chance(0.6)) c.setLiteral.push(`${r.pick([k0, r.pick(keys)])}=lit,${r.pick(['x', '{y}'])}`);
    if (r.chance(0.6)) c.setString.push(`${r.pick([k0, r.pick(keys)])}=str`);
    if (r.chance(0.4)) c.set.push(`${r.pick([k0, r.pick(keys)])}=${r.pick(['1', 'null', 'true'])}`);
    cases.push(c);
  }
  return cases;
}

function genPrecedence(r) {
  const cases = [];
  for (let i = 0; i < 24; i++) {
    const keys = r.pick([['k'], ['m.k'], ['k', 'm.k']]);
    const nul = () => r.chance(0.12);
    const c = { chartValuesYaml: 'k: chart\nm: {k: chart, o: 1}\nz: 0\n', valuesFiles: [], set: [], setString: [], setJson: [], setLiteral: [], setFile: [] };
    const some = (p, max) => (r.chance(p) ? r.int(1, max) : 0);
    const counts = { valuesFiles: r.int(0, 3), setJson: some(0.6, 2), set: some(0.6, 2), setString: some(0.45, 2), setFile: some(0.35, 2), setLiteral: some(0.3, 2) };
    if (Object.values(counts).every((n) => n === 0)) counts.set = 1;
    for (let j = 0; j < counts.valuesFiles; j++) {
      const f = {};
      for (const k of keys) setPath(f, k.split('.'), nul() ? null : `f${j}`);
      c.valuesFiles.push(jsYaml(f, r));
    }
    for (let j = 0; j < counts.setJson; j++) c.setJson.push(keys.map((k) => `${k}=${nul() ? 'null' : r.pick([`"json${j}"`, `1.${j}0`, `{"x":${j}}`])}`).join(','));
    for (let j = 0; j < counts.set; j++) c.set.push(keys.map((k) => `${k}=${nul() ? 'null' : r.pick([`set${j}`, `${j + 10}`])}`).join(','));
    for (let j = 0; j < counts.setString; j++) c.setString.push(keys.map((k) => `${k}=${r.pick([`str${j}`, `${j + 20}`, 'null'])}`).join(','));
    for (let j = 0; j < counts.setFile; j++) c.setFile.push({ key: r.pick(keys), content: `file${j}` });
    for (let j = 0; j < counts.setLiteral; j++) c.setLiteral.push(`${r.pick(keys)}=lit${j},x=y`);
    const order = [];
    for (const [kind, n] of Object.entries(counts)) for (let j = 0; j < n; j++) order.push(`${kind}:${j}`);
    // within one kind the command-line order is the array order; kinds are interleaved at random
    const shuffled = r.shuffle(order);
    const next = {};
    c.argOrder = shuffled.map((t) => { const kind = t.split(':')[0]; next[kind] = (next[kind] ?? -1) + 1; return `${kind}:${next[kind]}`; });
    cases.push(c);
  }
  return cases;
}

function genAnchors(r) {
  const cases = [];
  const AK = ['p', 'q', 'r', 's', 't'];
  const small = (n) => M(r.sample(AK, n).map((k) => [k, r.chance(0.15) ? M([[r.pick(AK), S(String(r.int(0, 9)))]], { flow: true }) : S(r.pick([...WORDS, String(r.int(0, 99)), 'null', 'yes', '1.10']))]), { flow: r.chance(0.4) });
  const anchorDoc = (prefix) => {
    const entries = [];
    const maps = [];
    const scalars = [];
    let an = 0;
    const name = () => `${r.pick(['base', 'b', 'def', 'tpl', 'common', 'x_1', 'a-b'])}${an++}`;
    for (let j = r.int(1, 3); j > 0; j--) {
      const nm = r.chance(0.12) && maps.length ? r.pick(maps) : name();
      const node = small(r.int(1, 4));
      node.anchor = nm;
      entries.push([`${prefix}base${entries.length}`, node]);
      if (!maps.includes(nm)) maps.push(nm);
    }
    for (let j = r.int(0, 2); j > 0; j--) {
      const nm = name();
      entries.push([`${prefix}s${entries.length}`, S(r.pick([...WORDS, '1.10', 'yes', '0777', '~']), { anchor: nm })]);
      scalars.push(nm);
    }
    if (r.chance(0.5)) {
      const nm = name();
      entries.push([`${prefix}list`, L(Array.from({ length: r.int(1, 3) }, () => S(r.pick(WORDS))), { anchor: nm, flow: r.chance(0.5) })]);
      scalars.push(nm);
    }
    const derived = (depth) => {
      const e = [];
      for (let k = r.int(0, 2); k > 0; k--) e.push([r.pick(AK), S(r.pick(['before', String(r.int(0, 9)), 'null']))]);
      const merge = r.weighted([
        [5, () => A(r.pick(maps))],
        [3, () => L(r.sample(maps, Math.min(maps.length, r.int(2, 3))).map(A), { flow: r.chance(0.7) })],
        [1, () => small(r.int(1, 2))],
      ])();
      e.push(['<<', merge]);
      for (let k = r.int(0, 2); k > 0; k--) e.push([r.pick(AK), S(r.pick(['after', String(r.int(0, 9)), '~']))]);
      if (depth < 1 && r.chance(0.3)) e.push(['inner', derived(depth + 1)]);
      return M(e, { flow: r.chance(0.2) });
    };
    for (let j = r.int(2, 5); j > 0; j--) {
      const kind = r.weighted([[6, 'merge'], [2, 'alias-map'], [2, 'alias-other'], [1, 'nested']]);
      const key = `${prefix}d${entries.length}`;
      if (kind === 'merge') {
        const d = derived(0);
        if (r.chance(0.25)) { d.anchor = `chain${entries.length}`; maps.push(d.anchor); }
        entries.push([key, d]);
      } else if (kind === 'alias-map') entries.push([key, A(r.pick(maps))]);
      else if (kind === 'alias-other' && scalars.length) entries.push([key, A(r.pick(scalars))]);
      else entries.push([key, M([['wrap', A(r.pick(maps))], ['own', derived(1)]])]);
    }
    return { node: M(entries), entries };
  };
  for (let i = 0; i < 24; i++) {
    const c = { chartValuesYaml: null, valuesFiles: [], set: [] };
    const doc = anchorDoc('');
    c.chartValuesYaml = yaml(doc.node);
    if (r.chance(0.4)) c.valuesFiles.push(yaml(anchorDoc(r.pick(['', 'u'])).node));
    let nulled = null;
    if (r.chance(0.4)) {
      // user overrides of merged keys, including nulls
      const [k] = r.pick(doc.entries);
      const v = r.chance(0.5) ? null : { [r.pick(AK)]: r.pick([null, 'user', 5]) };
      if (v === null) nulled = k;
      c.valuesFiles.push(jsYaml({ [k]: v }, r));
    }
    if (r.chance(0.2)) {
      const [k, n] = r.pick(doc.entries);
      if (k !== nulled && (n.m || n.alias)) c.set.push(`${k}.${r.pick(AK)}=${r.pick(['null', 'cli'])}`);
    }
    cases.push(c);
  }
  return cases;
}

function genSubchartGlobals(r) {
  const cases = [];
  const GTOP = ['reg', 'tag', 'a', 'm'];
  const GNEST = ['b', 'c', 'd'];
  const gscal = () => r.pick(['p-reg', 's-reg', 'v1', 1, 2.5, true, 'x', 'latest']);
  const genGlobal = (depth, maxDepth) => {
    const o = {};
    for (const k of r.sample(depth === 0 ? GTOP : GNEST, r.int(1, 3))) {
      const x = r.float();
      o[k] = x < 0.12 ? null : x < 0.5 && depth < maxDepth ? genGlobal(depth + 1, maxDepth) : gscal();
    }
    return o;
  };
  for (let i = 0; i < 36; i++) {
    const names = r.sample(['sub', 'suba', 'subb', 'db'], r.weighted([[3, 1], [2, 2]]));
    const maxDepth = r.int(0, 3);
    const parent = {};
    if (r.chance(0.8)) parent.global = genGlobal(0, maxDepth);
    if (r.chance(0.3)) parent.p1 = 1;
    const c = { chartValuesYaml: null, valuesFiles: [], set: [], subcharts: [] };
    const globals = [parent.global];
    for (const nm of names) {
      const sv = { x: 'sub-default', keep: 1 };
      if (r.chance(0.8)) globals.push(sv.global = genGlobal(0, maxDepth));
      c.subcharts.push({ name: nm, valuesYaml: jsYaml(sv, r) });
      if (r.chance(0.5)) {
        parent[nm] = {};
        if (r.chance(0.4)) parent[nm].x = r.pick(['from-parent', null]);
        if (r.chance(0.6)) globals.push(parent[nm].global = genGlobal(0, maxDepth));
      }
    }
    if (i === 34) parent.global = 5;
    if (i === 35) parent[names[0]] = { global: 'scalar' };
    c.chartValuesYaml = Object.keys(parent).length ? jsYaml(parent, r) : 'z: 0\n';
    let user = {};
    if (r.chance(0.5)) {
      const u = {};
      if (r.chance(0.7)) u.global = genUser(r, isMap(parent.global) ? parent.global : {}, 1, maxDepth + 1, GTOP.concat(GNEST));
      if (r.chance(0.5)) { const nm = r.pick(names); u[nm] = { global: genUser(r, parent[nm]?.global ?? {}, 1, maxDepth + 1, GTOP.concat(GNEST)) }; }
      c.valuesFiles.push(Object.keys(u).length ? jsYaml(u, r) : 'w: 1\n');
      user = mergeMaps(user, u);
    }
    const gpaths = () => {
      const ps = globals.filter(isMap).flatMap((g) => paths(g));
      return ps.length && r.chance(0.7) ? r.pick(ps) : [r.pick(GTOP), ...(r.chance(0.4) ? [r.pick(GNEST)] : [])];
    };
    for (let n = r.int(0, 3); n > 0; n--) {
      const p = r.chance(0.6) ? ['global', ...gpaths()] : [r.pick(names), 'global', ...gpaths()];
      if (!settable(user, p)) continue;
      const v = r.pick(['cli', 'null', '7', 'null']);
      c.set.push(`${p.join('.')}=${v}`);
      setPath(user, p, v === 'null' ? null : v);
    }
    cases.push(c);
  }
  return cases;
}


// go-yaml v2 scanner edge cases (issue 13, defect 7): the inputs of the issue first, verbatim, then seeded
// variations of the same kinds. Line-break characters (NEL, LS, PS: go-yaml's is_break takes them),
// a root collection indented past column 0 and later lines indented less, tabs at the start of lines
// (blank, comment-only, after plain, quoted and block scalars, in block-scalar indentation, in flow
// collections), BOMs, %YAML/%TAG directives, surrogate halves in every escape form of YAML and JSON and
// in every --set flag.
function genYamlScanner(r) {
  const cases = [];
  const file = (t) => ({ chartValuesYaml: 'z: 0\n', valuesFiles: [t] });
  // the issue's inputs
  for (const t of ['  a: 1\nb: 2', 'o: \u2028', 'o: \u0085', 'o: \u2029', 'n: |\n e', '\t', '\n&.', '%YAML 1.2\n---\na: 1\n',
    'a: 1\n\t', 'a: |\n\tx\n', 'a: "\\ud800"\n']) cases.push(file(t));
  cases.push({ chartValuesYaml: 'z: 0\n', setJson: ['a="\\ud800"'] });
  // line breaks
  const BR = ['\u0085', '\u2028', '\u2029'];
  for (const br of BR) {
    cases.push(file(`a: 1${br}b: 2\n`));
    cases.push(file(`a: x${br}  y\n`));
    cases.push(file(`m:${br}  k: v${br}n: 2\n`));
    cases.push(file(`a: "x${br}y"\n`));
    cases.push(file(`a: 'x${br}${br}y'\n`));
    cases.push(file(`# c${br}a: 1\n`));
    cases.push(file(`a: |${br}  x${br}  y${br}b: 1\n`));
    cases.push(file(`l:${br}- 1${br}- two\n`));
  }
  for (let i = 0; i < 8; i++) {
    const br = r.pick(BR);
    const v = r.pick(['1', 'x', '"q"', "'s'", 'yes', '~', '']);
    cases.push(file(`k${i}: ${v}${br}${r.pick(['', 'k: 2', '  x: 3', '# c'])}${r.pick(['', '\n'])}`));
  }
  // indentation
  for (const t of ['  a: 1\nb: 2\n', '    a: 1\n    b: 2\n  c: 3\n', '  a:\n    b: 1\nc: 2\n', '  - 1\n- 2\n', '  a: 1\n b: 2\n',
    '  a: 1\n\nb: 2\n', '  a: 1\n# c\nb: 2\n', '  a: 1\n---\nb: 2\n', '  a: 1\nb: "unclosed\n', '  a: 1\n\tb: 2\n',
    ' a: 1\nb: [\n', '  a: |\n    x\nb: 2\n', '  a: 1\n  b: 2\nc:\n  d: 3\n', '# top\n  a: 1\nb: 2\n']) cases.push(file(t));
  // tabs
  for (const t of ['a: 1\n\t\nb: 2\n', 'a: "1"\n\t\nb: 2\n', 'a:\n\t\n  b: 1\n', '\t# comment\na: 1\n', 'a: 1\n \t\n', 'a: 1 \t# c\nb: 2\n',
    'a: [1,\n\t2]\n', 'a: {x: 1,\n\ty: 2}\n', 'a: |\n  x\n\t\n', 'a: |\n  x\n  \ty\n', 'a: |\n \tx\n', 'a: >\n\tx\n', 'a: |2\n\tx\n',
    'a:\n  b: 1\n  \t\n', 'a:\n  b: 1\n\t\n', 'a: x\n\ty\n', 'a: x\n \ty\n', 'l:\n- 1\n\t\n', 'a: "x\n\ty"\n', 'a:\tb\n', 'a: b\t\n',
    '\ta: 1\n', 'a: 1\n\t\t\n', 'a: 1\n\n\t']) cases.push(file(t));
  // BOMs
  for (const t of ['\ufeffa: 1\n', '\ufeff\na: 1\n', 'x: 1\n\ufeffabc: 1\n', '\ufeff# c\na: 1\n', '\ufeff---\na: 1\n', 'a: 1\n---\n\ufeffb: 2\n']) cases.push(file(t));
  // directives
  for (const t of ['%YAML 1.1\n---\na: 1\n', '%YAML 1.2\na: 1\n', '%YAML 2.0\n---\na: 1\n', '%YAML 1.0\n---\na: 1\n', '%YAML 1.1\n%YAML 1.1\n---\na: 1\n',
    '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n', '# c\n%YAML 1.2\n---\na: 1\n', 'a: 1\n---\n%YAML 1.2\n---\nb: 2\n']) cases.push(file(t));
  // surrogates: YAML escapes
  for (const e of ['\\ud800', '\\udfff', '\\uDBFF', '\\U0000d800', '\\U00110000', '\\ud83d\\ude00', '\\U0001F600', '\\ue000', '\\x41']) {
    cases.push(file(`a: "${e}"\n`));
  }
  cases.push(file('"\\ud800": 1\n'));
  cases.push(file("a: '\\ud800'\n"));
  cases.push(file('a: \\ud800\n'));
  // surrogates: every --set flag
  for (const j of ['a="\\ud800"', 'a="\\udc00x"', 'a="\\ud83d\\ude00"', 'a=["\\ud800", 1]', 'a={"\\ud800": "\\udfff"}', 'a.b="x\\ud800y"', '{"a": "\\ud800"}', 'a[0]="\\ud800"']) {
    cases.push({ chartValuesYaml: 'z: 0\n', setJson: [j] });
  }
  cases.push({ chartValuesYaml: 'z: 0\n', set: ['a=\\ud800'] });
  cases.push({ chartValuesYaml: 'z: 0\n', setString: ['a=\\ud800'] });
  cases.push({ chartValuesYaml: 'z: 0\n', setLiteral: ['a=\\ud800'] });
  cases.push({ chartValuesYaml: 'z: 0\n', setFile: [{ key: 'a', content: '"\\ud800"' }] });
  // the same texts as a chart's values.yaml
  for (const t of ['  a: 1\nb: 2', 'o: \u2028', 'n: |\n e', 'a: 1\n\t', '%YAML 1.2\n---\na: 1\n']) cases.push({ chartValuesYaml: t });
  // two BOMs: go-yaml's is_bom looks at the start of its buffer, not at the position it is given, so after
  // a second BOM it drops the first character of lines between tokens (the issue's case; a known difference)
  for (const t of ['\ufeff\ufeff\nal: 1\n', '\ufeff\ufeffal: 1\n']) cases.push(file(t));
  return cases;
}


// go-yaml v2's parser where our reader differed (issue 13, the fuzzer's "new causes"): double-quoted scalars
// continued at or left of their key's column, a compact mapping after an anchor or tag on its key's line, the order
// of go-yaml's errors (syntax and unknown anchors while parsing, merge and null keys after, user flags before the
// chart's values.yaml), the value printed for refused keys, which of several NaN/Inf encoding/json names, empty
// anchor and alias names, mis-indented blocks of every kind, and two BOMs.
function genYamlParser() {
  const cases = [];
  const file = (t) => ({ chartValuesYaml: 'z: 0\n', valuesFiles: [t] });
  // quoted scalars continued on lines at or left of their key
  for (const t of ['a: "x\ny"\n', 'a:\n  k: "x\\\ny"\n', 'a:\n  k: "x\\\n\ty"\n', 'a:\n  b:\n    k: "x\n  y\n z"\n', "a:\n  k: 'x\ny'\n",
    'a:\n  k: "x\n---\ny"\n', '- "a\nb"\n',
    '? q: "a\\\nb"\n', '? q: "a\n b"\n: 1\n', '- - k: "a\n  b"\n']) cases.push(file(t));
  // a compact mapping after an anchor, a tag or an alias on its key's line
  for (const t of ['k: &a a: b\n', 'k: !!str a: b\n', 'x: 1\nk: *x a: b\n', 'k: &a\n  a: b\n', '- &a a: b\n']) cases.push(file(t));
  // error order inside a document
  for (const t of ['a: *x\nb: c: d\n', 'a: [*x\nb: c\n', '<<: 1\nb: c: d\n', '~: 1\nb: c: d\n', 'a: *x\n~: 1\n', '<<: *x\n',
    'a: .nan\nb: c: d\n', '<<: [1]\n~: 2\n']) cases.push(file(t));
  // refused keys and the values they print
  for (const t of ['~: a\n~: b\n', '18446744073709551615: a\n18446744073709551615: b\n', '~: .inf\n', '~: -.inf\n',
    '~: [1e6, .nan, 1000000, "a\\x01"]\n', '~: {1: a, "s": b, 1.5: c, true: d, ~: e, 0x10: f}\n', '~: ~\n', '~:\n  ~: 1\n', '~: {a: {~: 1}}\n', '~: 9223372036854775808\n',
    '~: {18446744073709551615: [9223372036854775807]}\n']) cases.push(file(t));
  // a map or list as a key: go-yaml's %#v of it, raw keys in fmt's order (fuzz seed 9001)
  for (const t of ['? q:\n  1.5:\n    a: 1\n  b: [1e6]\n', '? [1, 1e6, ~, "x"]\n: 1\n', '? {~: 1}\n: 2\n']) cases.push(file(t));
  // several NaN/Inf: encoding/json's sorted key order
  for (const t of ['b: .nan\na: .inf\n', 'z: [1, {y: -.inf, b: .nan}]\nc: .nan\n', 'B: .inf\na: .nan\n', 'a: [-.inf]\na: 1\n']) cases.push(file(t));
  // empty anchor and alias names
  for (const t of ['a: &\n', 'a: *\n', 'a: & x\n', '&: 1\n', 'a: [*]\n', 'a:\n  b: &\n']) cases.push(file(t));
  // mis-indented blocks
  for (const t of ['a: 1\n  b: 2\n', '- a\n b: 1\n', 'a:\n  - 1\n - 2\n', 'a:\n  b: 1\n c: 2\n', 'a:\n- 1\n  b: 2\n', 'a: {}\n  b: 1\n',
    'a: b\n- c\n', 'a:\n    b: 1\n  c: 2\n', 'a: |\n  x\n b: 1\n', 'key: value\n  - item\n', 'l:\n  - a\n  b: 1\n', '? a\n: b\n  c: d\n',
    "a: 'x'\n  b: 1\n", 'a: [1]\n  - 2\n', 'a:\n  b:\n    c: 1\n   d: 2\n', 'x:\n  y: 1\n\n\n    z: 2\n', 'a: 1\nb:\n  - c\n  d: e\n']) cases.push(file(t));
  // user flags before a bad chart values.yaml
  cases.push({ chartValuesYaml: 'a: b: c\n', set: ['a[x]=1'] });
  cases.push({ chartValuesYaml: 'a: b: c\n', setLiteral: ['a[x]=1'] });
  cases.push({ chartValuesYaml: 'a: b: c\n', valuesFiles: ['x: y: z\n'] });
  cases.push({ chartValuesYaml: '~: 1\n', set: ['a[]=1'] });
  // what follows the first document is never read (fuzz seed 9001)
  for (const t of ['a: 1\n%YAML 1.1\n', 'a: 1\n%YAML 1.2\n---\nb: 2\n', 'a:\n  b: 1\n%TAG ! tag:x,2000:\n', 'gloo\n:\n  a: 1\n', 'x\n- a\n']) cases.push(file(t));
  // control characters are refused as go-yaml's reader meets them, 512 bytes at a time (fuzz seed 9001)
  for (const t of [`a: b: c\nx: ${'y'.repeat(600)}\nz: "\x01"\n`, `a: 1\n---\nc: ${'w'.repeat(1200)}\nb: "\x01"\n`, 'a: \x01\nb: c: d\n',
    `x: ${'y'.repeat(505)}\nb: c: d\nz: "\x01"\n`]) cases.push(file(t));
  // two BOMs
  for (const t of ['\ufeff\ufeffa: 1\nb: 2\n', '\ufeff\ufeff# c\nab: 1\n', '\ufeff\ufeff\n\nab: 1\n', '\ufeff\ufeff\n  ab: 1\n']) cases.push(file(t));
  // a flow collection as the first key: go-yaml v2 forgets the simple key it starts, so its first document is
  // the collection alone and the rest is never read (fuzz seed 20261204)
  for (const t of ['{}: "quoted"\n', '{}: x\nk: 1\n', '{}: "q"\n---\nb: 1\n', '{a: 1}: x\n', '[]: x\n', '[a]: 1\n', 'k: 1\n{}: x\n', '? {}\n: 1\n']) cases.push(file(t));
  // several refused keys: sigs.k8s.io/yaml walks maps in Go's random order but lists in order, so of a list only the
  // first element holding a refused key can be named (fuzz seed 20261204); a !!binary value prints decoded
  for (const t of ['l:\n  - k: 1\n  - ~: x\n  - ~: y\n', 'l:\n  - [1, {~: x}]\n  - ~: y\n', '~: top\nl:\n  - ~: x\n  - ~: y\n', '~:\n  true: !!binary aGk=\n']) cases.push(file(t));
  // a map used as a key holding a merge: go-yaml's raw map has the merged keys, a null one too (fuzz seed 20261213)
  for (const t of ['? q:\n    <<: {~: s, c: x}\n    i: 1\n: 1\n', '? q:\n    c: 1\n    <<: [{c: 2, ~: a}, {~: b}]\n: 1\n']) cases.push(file(t));
  // a tab between a mapping's `:` and a flow collection is separation space to go-yaml (fuzz seed 20261216)
  for (const t of ['g: \t[]\n', 'g:\t{}\n', 'g: \t[1,\n  2]\n', 'g: \t&a [1]\n', 'a:\n  g: \t[]\n  h: 1\n', '[a]: -.Inf\nglobal: \t[]\n',
    '? \t[a]\n: 1\n', 'g: [\t1,\t2 ]\n', '- \t[]\n', 'g: \t"x"\n', 'g: \t[] \t# c\n']) cases.push(file(t));
  // a block scalar whose header is not indented past its key is still the key's value to go-yaml (fuzz seed 20261216)
  for (const t of ['a:\n>', 'a:\n|\n x\n', 'a:\n>\nb: 1\n', 'm:\n  a:\n  |\n   x\n  b: 1\n', 'a:\n|2\n   x\n', '- a:\n  |\n   x\n',
    '? q: 1\ng:\n  # c\n>', 'a:\n|\n x\n y\nb: 2\n', 'a:\n|-\n  x\n\n', 'a:\n>+\n x\n\n', 'a:\n&x |\n y\n', 'a:\n[1]\n', 'a:\n|\nx\n',
    'l:\n- a:\n  >\n   t\n']) cases.push(file(t));
  // go-yaml asks no indentation of the lines inside a flow collection (fuzz seed 20261217)
  for (const t of ['image: {\n}\n', 'a: [1,\n2]\n', 'a:\n  b: [1,\n  2]\n', 'a:\n  b: {x: 1,\n y: 2}\n', 'image: {\u0085}\n', 'a: [x\ny]\n',
    'a: ["x\ny"]\n', '- [1,\n2]\n', 'a: [1, # c\n# d\n2]\n', 'a:\n  - {b: 1,\n  c: 2}\n', 'args: [\n  "--v=2",\n]\n', 'a: {\nb: [\nc,\n],\n}\nd: 1\n',
    'a: [1,\n---\n2]\n', 'a: [1,\n...\n]\n']) cases.push(file(t));
  // a lone CR is a line break inside a quoted scalar too, whose continuation needs no indentation (fuzz seed 20261218)
  for (const t of ["a:\n  - b: 'dock\rer.io/x'\n", 'a:\n  b: "x\ry"\n', "a: 'x\r\ry'\n", 'a: "x\r  y"\n', "l:\n- 'a\rb'\n- c\n"]) cases.push(file(t));
  // an indented root whose first document ends at a less indented line, with a quoted scalar continued at
  // column 0 before it (fuzz seed 20261220)
  for (const t of ['  - "a\\\r\nb"\r\n  - !custom x\r\nref: *a\r\n', '  - "a\\\nb"\n  - x\nref: 1\n', '  a: "x\ny"\nb: 2\n', "  - 'a\nb'\n- c\n",
    '  a:\n    k: "x\ny"\nb: 2\n', '  a: "x\n  y"\n  c: 1\nb: 2\n']) cases.push(file(t));
  return cases;
}

const CATEGORIES = [
  ['yaml-scalars', genYamlScalars],
  ['coalesce-nulls', genCoalesceNulls],
  ['multidoc', genMultidoc],
  ['set-random', genSetRandom],
  ['set-json', genSetJson],
  ['set-file', genSetFile],
  ['precedence', genPrecedence],
  ['anchors', genAnchors],
  ['subchart-globals', genSubchartGlobals],
  ['yaml-scanner', genYamlScanner],
  ['yaml-parser', genYamlParser],
];

const INPUT_FIELDS = ['chartValuesYaml', 'valuesFiles', 'set', 'setString', 'setJson', 'setLiteral', 'setFile', 'subcharts', 'argOrder'];

function generate(seed) {
  const cases = [];
  for (const [cat, gen] of CATEGORIES) {
    const r = new Rng((seed ^ hashStr(cat)) >>> 0);
    gen(r).forEach((inp, i) => {
      const c = { name: `${cat}-${String(i + 1).padStart(3, '0')}`, category: cat, chartValuesYaml: inp.chartValuesYaml ?? null };
      for (const f of INPUT_FIELDS.slice(1)) if (inp[f] && inp[f].length) c[f] = inp[f];
      cases.push(c);
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// Running Helm

/** Like helm-binaries.cjs renderValues, but with the flags on the command line in `input.argOrder`. */
function renderOrdered(major, input) {
  const bin = helm.helmPath(major);
  if (!bin) throw new Error(`Helm ${major} binary not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-helm-'));
  try {
    const chartDir = path.join(tmp, 'c');
    fs.mkdirSync(path.join(chartDir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    if (input.chartValuesYaml !== null && input.chartValuesYaml !== undefined) fs.writeFileSync(path.join(chartDir, 'values.yaml'), input.chartValuesYaml);
    fs.writeFileSync(path.join(chartDir, 'templates', 'out.yaml'), '# VALUES: {{ toJson .Values }}\n');
    const args = ['template', 'r', chartDir];
    const flag = { setJson: '--set-json', set: '--set', setString: '--set-string', setLiteral: '--set-literal' };
    for (const tok of input.argOrder) {
      const [kind, idx] = tok.split(':');
      const i = Number(idx);
      if (kind === 'valuesFiles') {
        const f = path.join(tmp, `f${i}.yaml`);
        fs.writeFileSync(f, input.valuesFiles[i]);
        args.push('-f', f);
      } else if (kind === 'setFile') {
        const f = path.join(tmp, `setfile${i}.txt`);
        fs.writeFileSync(f, input.setFile[i].content);
        args.push('--set-file', `${input.setFile[i].key}=${f}`);
      } else args.push(flag[kind], input[kind][i]);
    }
    const r = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') } });
    const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('');
    let valuesLine = null;
    for (const line of (r.stdout || '').split('\n')) if (line.startsWith('# VALUES: ')) valuesLine = line.slice(10);
    return { status: r.status, stdout: norm(r.stdout), stderr: norm(r.stderr), valuesLine, sub: {} };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function run(major, c) {
  const res = c.argOrder ? renderOrdered(major, c) : helm.renderValues(major, c);
  const o = { status: res.status };
  if (res.valuesLine !== null) o.valuesLine = res.valuesLine;
  if (c.subcharts && res.valuesLine !== null) o.sub = res.sub;
  o.stderr = res.stderr.trim();
  return o;
}

// Coalesce warnings come out in Go map order, so stderr is compared as a sorted list of lines.
const stderrKey = (s) => s.split('\n').sort().join('\n');
const sameOutcome = (a, b) => a.status === b.status && a.valuesLine === b.valuesLine
  && JSON.stringify(a.sub) === JSON.stringify(b.sub) && stderrKey(a.stderr) === stderrKey(b.stderr);
const sameResult = (a, b) => a.status === b.status && a.valuesLine === b.valuesLine && JSON.stringify(a.sub) === JSON.stringify(b.sub);
const inputsOf = (c) => JSON.stringify(['name', 'category', ...INPUT_FIELDS].map((f) => c[f]));

function summarize(cases) {
  const rows = new Map();
  for (const c of cases) {
    const row = rows.get(c.category) ?? { cases: 0, err3: 0, err4: 0, differ: 0, stderrOnly: 0 };
    row.cases++;
    if (c.helm3.status !== 0) row.err3++;
    if (c.helm4.status !== 0) row.err4++;
    if (!sameResult(c.helm3, c.helm4)) row.differ++;
    else if (c.helm3.stderr !== c.helm4.stderr) row.stderrOnly++;
    rows.set(c.category, row);
  }
  const total = { cases: 0, err3: 0, err4: 0, differ: 0, stderrOnly: 0 };
  console.log('category            cases  err-h3  err-h4  h3!=h4  stderr-only');
  const line = (name, r) => console.log(`${name.padEnd(18)} ${String(r.cases).padStart(6)} ${String(r.err3).padStart(7)} ${String(r.err4).padStart(7)} ${String(r.differ).padStart(7)} ${String(r.stderrOnly).padStart(12)}`);
  for (const [name, r] of rows) { line(name, r); for (const k of Object.keys(total)) total[k] += r[k]; }
  line('total', total);
  console.log('(h3!=h4: exit status, .Values or subchart values differ; stderr-only: same result, different stderr text)');
}


function main() {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const opt = (n) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : undefined; };
  const old = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : null;
  if (check && !old) { console.error(`${path.relative(ROOT, OUT)} does not exist`); process.exit(2); }
  const seed = Number(opt('--seed') ?? old?.seed ?? DEFAULT_SEED);
  const append = opt('--append');
  const only = opt('--only') ?? append;
  if (argv.includes('--dump')) { // print the generated inputs without running Helm
    console.log(JSON.stringify(generate(seed).filter((c) => !only || c.category === only), null, 1));
    return;
  }
  for (const m of [3, 4]) if (!helm.helmPath(m)) { console.error(`Helm ${m} binary not available (npm install?)`); process.exit(2); }

  let cases = generate(seed);
  if (only) cases = cases.filter((c) => c.category === only);
  const oldByName = new Map((old?.cases ?? []).map((c) => [c.name, c]));
  const started = Date.now();
  const diffs = [];
  cases.forEach((c, i) => {
    c.helm3 = run(3, c);
    c.helm4 = run(4, c);
    const prev = oldByName.get(c.name);
    if (prev && inputsOf(prev) === inputsOf(c)) {
      for (const h of ['helm3', 'helm4']) {
        if (sameOutcome(prev[h], c[h])) c[h].stderr = prev[h].stderr; // keep the recorded warning order
        else if (check) diffs.push(`${c.name} ${h}: recorded ${JSON.stringify(prev[h])}\n${' '.repeat(c.name.length + 7)}now      ${JSON.stringify(c[h])}`);
      }
    } else if (check) diffs.push(prev ? `${c.name}: inputs differ from the recorded case` : `${c.name}: not in the recorded corpus`);
    if ((i + 1) % 25 === 0) process.stderr.write(`  ${i + 1}/${cases.length} cases (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  });
  if (check && !only) {
    const names = new Set(cases.map((c) => c.name));
    for (const c of old.cases) if (!names.has(c.name)) diffs.push(`${c.name}: recorded but no longer generated`);
  }
  summarize(cases);
  if (check) {
    if (diffs.length) {
      console.log(`\n${diffs.length} difference(s) from ${path.relative(ROOT, OUT)}:`);
      for (const d of diffs.slice(0, 40)) console.log(d);
      if (diffs.length > 40) console.log(`… and ${diffs.length - 40} more`);
      process.exit(1);
    }
    console.log(`\nno differences from ${path.relative(ROOT, OUT)} (seed ${seed}, ${cases.length} cases)`);
    return;
  }
  if (append) {
    // record only this category and put it into the committed corpus in place of its old cases
    const kept = (old?.cases ?? []).filter((c) => c.category !== append);
    cases = [...kept, ...cases];
  } else if (only) { console.log('(--only without --check: nothing written)'); return; }
  const corpus = { generator: 'scripts/record-differential.mjs', seed, helm: { 3: helm.BINARIES[3].version, 4: helm.BINARIES[4].version }, cases };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, formatCorpus(corpus));
  console.log(`\nwrote ${path.relative(ROOT, OUT)}: ${cases.length} cases, seed ${seed}, ${(fs.statSync(OUT).size / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
