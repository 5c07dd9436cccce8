#!/usr/bin/env node
// Generates the differential CHART corpus tests/differential/chart-corpus.json: whole charts with Chart.yaml
// `dependencies:` (condition, tags, alias + version ranges, import-values), nested and .tgz subcharts and globals,
// and records what the real Helm v3.17.1 and v4.1.4 binaries render for each (`# VALUES:` of the top chart and
// `# SUB <name>:` of every rendered subchart), plus their stderr.
//
//   node scripts/record-chart-differential.mjs            regenerate the inputs (seeded), run Helm 3 and 4, write the corpus
//   node scripts/record-chart-differential.mjs --check    regenerate + re-run, report differences from the recorded corpus
//   options: --seed <n> (default: the recorded corpus's seed, else DEFAULT_SEED), --only <category> (with --check),
//            --dump (print the generated inputs without running Helm),
//            --stability <n> (run every case n more times per Helm version, list the cases whose outcome varies; writes nothing)
//
// Every chart is written by `writeCaseChart` of ../../shared/reference/run-helm-case.mjs (the same writer the
// reference cases use) and rendered with `helm template r <chartDir> [-f f0.yaml …] [--set-json …] [--set …]
// [--set-string …]`. Inputs are built by construction from a seeded PRNG (mulberry32, one stream per category):
// YAML is emitted from JS values with safe keys, `--set` paths are only used where the user values already hold
// maps, and subchart keys always hold maps (except in the few deliberate error cases).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatCorpus } from './lib/corpus-file.mjs';
import { hashStr, Rng } from './lib/rng.mjs';

const require = createRequire(import.meta.url);
const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(scriptDir, '..');
const helm = require(path.join(ROOT, 'tests', 'helpers', 'helm-binaries.cjs'));
const { writeCaseChart } = await import(pathToFileURL(path.resolve(scriptDir, '..', '..', 'shared', 'reference', 'run-helm-case.mjs')).href);
const OUT = path.join(ROOT, 'tests', 'differential', 'chart-corpus.json');
const GENERATOR = 'scripts/record-chart-differential.mjs';
const DEFAULT_SEED = 20261128;

// ---------------------------------------------------------------------------------------------------------------
// PRNG


// ---------------------------------------------------------------------------------------------------------------
// Values model and a small YAML writer. Values are plain JS (null, booleans, numbers, strings, arrays, objects);
// raw(text) is a scalar written verbatim (YAML 1.1 words such as `yes`, `off`).

const raw = (t) => ({ $raw: t });
const isRaw = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && '$raw' in v;
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !isRaw(v);
const isScalar = (v) => v === null || typeof v !== 'object' || isRaw(v);
const clone = (v) => JSON.parse(JSON.stringify(v));

const RESERVED_RE = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
const plainSafe = (s) => /^[A-Za-z][A-Za-z0-9_./-]*$/.test(s) && !RESERVED_RE.test(s);
const keyText = (k) => (plainSafe(k) ? k : JSON.stringify(k));

function scalarText(v, r, inFlow = false) {
  if (isRaw(v)) return v.$raw;
  if (v === null) return inFlow ? 'null' : r.pick(['null', '~', 'null', 'Null']);
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return plainSafe(v) ? v : JSON.stringify(v);
}

function flowText(v, r) {
  if (isScalar(v)) return scalarText(v, r, true);
  if (Array.isArray(v)) return '[' + v.map((x) => flowText(x, r)).join(', ') + ']';
  return '{' + Object.entries(v).map(([k, x]) => `${keyText(k)}: ${flowText(x, r)}`).join(', ') + '}';
}

function entryLines(k, v, ind, r) {
  const head = ' '.repeat(ind) + keyText(k) + ':';
  if (isScalar(v)) return [v === null && r.chance(0.25) ? head : `${head} ${scalarText(v, r)}`];
  if (Array.isArray(v)) {
    if (!v.length || r.chance(0.5)) return [`${head} ${flowText(v, r)}`];
    return [head, ...v.flatMap((x) => listItemLines(x, ind + 2, r))];
  }
  const ents = Object.entries(v);
  if (!ents.length || (ents.every(([, x]) => isScalar(x)) && r.chance(0.2))) return [`${head} ${flowText(v, r)}`];
  return [head, ...ents.flatMap(([kk, x]) => entryLines(kk, x, ind + 2, r))];
}

function listItemLines(x, ind, r) {
  const pad = ' '.repeat(ind);
  if (isScalar(x) || Array.isArray(x) || !Object.keys(x).length) return [`${pad}- ${flowText(x, r)}`];
  const lines = Object.entries(x).flatMap(([k, v]) => entryLines(k, v, ind + 2, r));
  lines[0] = `${pad}- ${lines[0].slice(ind + 2)}`;
  return lines;
}

/** YAML text of a top-level map. */
function toYaml(obj, r) {
  const ents = Object.entries(obj);
  if (!ents.length) return r.pick(['', '{}\n', '# nothing\n']);
  return ents.flatMap(([k, v]) => entryLines(k, v, 0, r)).join('\n') + '\n';
}

/** Sets `v` at `keys` in `o`, turning non-maps on the way into maps. */
function setPath(o, keys, v) {
  let cur = o;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isMap(cur[keys[i]])) cur[keys[i]] = {};
    cur = cur[keys[i]];
  }
  cur[keys[keys.length - 1]] = v;
}

/** Helm's mergeMaps of -f files: maps merge, anything else replaces. */
function mergeMaps(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isMap(v) && isMap(out[k]) ? mergeMaps(out[k], v) : v;
  return out;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Case builder

const ALIAS_TEMPLATE = '# SUB {{ .Chart.Name }}: {{ toJson .Values }}\n';

class Builder {
  constructor(r) {
    this.r = r;
    this.parent = {};
    this.deps = [];
    this.subs = []; // top-level subchart specs
    this.files = [];
    this.cli = []; // [kind, keys, text, modelValue]
    this.noValuesFile = false;
  }

  /** A subchart spec: {name, vals, version?, deps?, subs?, tgz?, template?}; added under `under` (a spec) or the top chart. */
  sub(name, vals = {}, opts = {}, under = null) {
    const s = { name, vals, ...opts };
    (under ? (under.subs ??= []) : this.subs).push(s);
    return s;
  }

  p(pathText, v) { setPath(this.parent, pathText.split('.'), v); }

  f(i, pathText, v) {
    while (this.files.length <= i) this.files.push({});
    setPath(this.files[i], pathText.split('.'), v);
  }

  /** A --set/--set-string/--set-json flag (checked for settability when the case is finished). */
  flag(kind, pathText, text, modelValue) { this.cli.push([kind, pathText.split('.'), text, modelValue]); }

  /** Puts value `v` at `pathText` in the parent values.yaml, a -f file or a --set* flag. */
  place(pathText, v, where) {
    const r = this.r;
    where ??= r.weighted([[5, 'parent'], [3, 'file'], [3, 'cli']]);
    if (where === 'parent') return this.p(pathText, clone(v));
    if (where === 'file') return this.f(r.chance(0.8) ? 0 : 1, pathText, clone(v));
    // command line
    if (isRaw(v)) return this.p(pathText, v);
    if (v === null || typeof v === 'boolean' || typeof v === 'number') {
      if (r.chance(0.2)) return this.flag('setJson', pathText, `${pathText}=${JSON.stringify(v)}`, v);
      const t = v === null ? r.pick(['null', 'null', 'NULL']) : typeof v === 'boolean' ? r.pick([String(v), String(v), String(v).toUpperCase()]) : String(v);
      return this.flag('set', pathText, `${pathText}=${t}`, v);
    }
    if (typeof v === 'string') {
      if (/^[A-Za-z0-9_-]*$/.test(v) && r.chance(0.7)) return this.flag('setString', pathText, `${pathText}=${v}`, v);
      return this.flag('setJson', pathText, `${pathText}=${JSON.stringify(v)}`, v);
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'boolean' || typeof x === 'number') && r.chance(0.5)) {
      return this.flag('set', pathText, `${pathText}={${v.join(',')}}`, v);
    }
    return this.flag('setJson', pathText, `${pathText}=${JSON.stringify(v)}`, v);
  }

  finish() {
    const r = this.r;
    const c = { chartValuesYaml: this.noValuesFile ? null : toYaml(this.parent, r) };
    if (this.deps.length) c.dependencies = this.deps;
    const spec = (s, aliased) => {
      const o = { name: s.name };
      if (s.version) o.version = s.version;
      o.valuesYaml = toYaml(s.vals, r);
      if (s.deps && s.deps.length) o.dependencies = s.deps;
      const inner = aliasedNames(s.deps);
      if (s.subs && s.subs.length) o.subcharts = s.subs.map((x) => spec(x, inner));
      if (s.tgz) o.tgz = true;
      if (s.template !== undefined) o.template = s.template;
      else if (aliased.has(s.name)) o.template = ALIAS_TEMPLATE;
      return o;
    };
    const top = aliasedNames(this.deps);
    c.subcharts = this.subs.map((s) => spec(s, top));
    const files = this.files.map((f) => toYaml(f, r));
    if (files.length) c.valuesFiles = files;
    let user = {};
    for (const f of this.files) user = mergeMaps(user, f);
    for (const [kind, keys, text, mv] of this.cli) {
      if (!settable(user, keys)) continue;
      (c[kind] ??= []).push(text);
      setPath(user, keys, clone(mv));
    }
    return c;
  }
}

function aliasedNames(deps) {
  return new Set((deps || []).filter((d) => d.alias).map((d) => d.name));
}

// ---------------------------------------------------------------------------------------------------------------
// Pools

const SUBNAMES = ['sub', 'db', 'web', 'cache', 'api', 'mq', 'auth', 'logs'];
const WORDS = ['alpha', 'beta', 'nginx', 'v1', 'latest', 'hello', 'x-y', 'img', 'repo/name'];
const scal = (r) => r.weighted([[3, () => r.int(0, 99)], [3, () => r.pick(WORDS)], [1, () => r.chance(0.5)], [1, () => r.pick([1.5, 8080, 0.25])]])();

const COND_VALUES = [[7, true], [7, false], [1, 'false'], [1, 'true'], [1, 0], [1, 1], [1, null], [1, [false]], [1, { v: false }],
  [1, raw('yes')], [1, raw('off')], [1, '']];
const TAG_VALUES = [[6, true], [6, false], [1, 'false'], [1, null], [1, 0], [1, raw('no')], [1, 'true']];

// version -> [ranges that match, ranges that do not] (Masterminds semver, as Helm uses it)
const RANGES = {
  '0.1.0': [['0.1.0', '^0.1.0', '~0.1.0', '>=0.1.0', '0.x', '*', '~0.1', '<1.0.0'], ['^2.0.0', '1.x', '>=1.0.0 <2.0.0', '~1.2.0', '>0.1.0']],
  '1.2.3': [['1.2.3', '^1.2.0', '~1.2.0', '>=1.0.0 <2.0.0', '1.x', '1.2.x', '*', '>=1.2.3', '^1'], ['^0.1.0', '~1.3.0', '2.x', '<1.2.3', '>1.2.3']],
  '1.5.0': [['^1.2.0', '>=1.0.0 <2.0.0', '1.x', '~1.5.0', '>= 1.0.0, < 2.0.0'], ['~1.2.0', '1.2.x', '<1.5.0', '^2.0.0']],
  '2.0.0': [['^2.0.0', '2.x', '>=1.0.0', '2.0.0', '>1.5.0'], ['>=1.0.0 <2.0.0', '1.x', '^1.2.0', '~1.9.0']],
  '0.2.1': [['^0.2.0', '~0.2.1', '0.2.x', '>=0.2.0 <0.3.0'], ['^0.1.0', '~0.2.2', '0.1.x']],
};
const VERSIONS = Object.keys(RANGES);

/** A dependency `version` for a chart of version `v`: a matching range, a non-matching one, or none at all. */
function rangeFor(r, v, pMatch = 0.75, pNone = 0.08) {
  const x = r.float();
  if (x < pNone) return undefined;
  if (x < pNone + pMatch) return r.pick(RANGES[v][0]);
  return r.pick(RANGES[v][1]);
}

function dep(name, version, extra = {}) {
  const d = { name };
  if (version !== undefined) d.version = version;
  return Object.assign(d, extra);
}

function genGlobal(r, depth = 0, maxDepth = 2, top = ['reg', 'tag', 'a', 'm'], nest = ['b', 'c', 'd']) {
  const o = {};
  for (const k of r.sample(depth === 0 ? top : nest, r.int(1, 3))) {
    const x = r.float();
    o[k] = x < 0.1 ? null : x < 0.45 && depth < maxDepth ? genGlobal(r, depth + 1, maxDepth, top, nest) : r.pick(['p-reg', 's-reg', 'v1', 1, 2.5, true, 'x']);
  }
  return o;
}

function smallMap(r, keys = ['k', 'm', 's', 't', 'u'], n = r.int(1, 3)) {
  const o = {};
  for (const k of r.sample(keys, n)) o[k] = r.chance(0.15) ? { [r.pick(['a', 'b'])]: scal(r) } : scal(r);
  return o;
}

/** Condition paths of a dependency named `n`, and the condition text (comma list, sometimes with spaces). */
function conditionFor(r, n) {
  const one = () => r.weighted([[8, `${n}.enabled`], [2, `global.${n}On`], [2, `features.${n}`], [1, `${n}.cfg.on`], [1, 'nothere.enabled'], [1, `${n}.enabled.deep`]]);
  const paths = [one()];
  for (let i = r.weighted([[6, 0], [3, 1], [1, 2]]); i > 0; i--) {
    const p = one();
    if (!paths.includes(p)) paths.push(p);
  }
  const text = paths.join(r.weighted([[8, ','], [1, ', ']])) ;
  return { paths, text: r.chance(0.08) ? ` ${text} ` : text };
}

// ---------------------------------------------------------------------------------------------------------------
// Determinism. Helm loads charts/ through a Go map, so the subcharts of a chart come in random order, except that
// a chart whose `dependencies:` list is processed rebuilds the order: the subcharts no entry matches (by name and
// version range) first, in map order, then one instance per matching entry, in list order. Results can depend on
// that order (two copies of one chart name; nested global maps shared between siblings, 5.8), so every generated
// chart keeps at most one unmatched subchart per level, and every entry naming a chart present in several
// versions matches exactly one of them.

/** Masterminds semver range check, for the range forms this generator writes. */
function satisfies(version, range) {
  if (range === undefined) return false;
  const v = version.split('.').map(Number);
  const cmp = (a, b) => { for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1; return 0; };
  return range.split('||').some((alt) => {
    const re = /(\^|~|>=|<=|>|<|=)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?/g;
    let m;
    let any = false;
    while ((m = re.exec(alt))) {
      any = true;
      const op = m[1] ?? '';
      const parts = [m[2], m[3], m[4]];
      const wild = (p) => p === undefined || /^[xX*]$/.test(p);
      const n = parts.findIndex(wild); // number of concrete parts (-1: all three)
      const k = n === -1 ? 3 : n;
      const lo = [0, 1, 2].map((i) => (i < k ? Number(parts[i]) : 0));
      const bump = (i) => lo.map((x, j) => (j < i ? x : j === i ? x + 1 : 0));
      let ok;
      if (op === '' || op === '=') ok = k === 0 || (cmp(v, lo) >= 0 && (k === 3 ? cmp(v, lo) === 0 : cmp(v, bump(k - 1)) < 0));
      else if (op === '^') { const i = lo[0] > 0 || k === 1 ? 0 : lo[1] > 0 || k === 2 ? 1 : 2; ok = cmp(v, lo) >= 0 && cmp(v, bump(i)) < 0; }
      else if (op === '~') ok = cmp(v, lo) >= 0 && cmp(v, bump(k >= 2 ? 1 : 0)) < 0;
      else if (op === '>=') ok = cmp(v, lo) >= 0;
      else if (op === '>') ok = cmp(v, lo) > 0;
      else if (op === '<=') ok = cmp(v, lo) <= 0;
      else ok = cmp(v, lo) < 0;
      if (!ok) return false;
    }
    return any;
  });
}

const versionOf = (s) => s.version ?? '0.1.0';

/** Makes the subchart order irrelevant (see above) in a chart's `deps`/`subs`, recursively; `processed`: the list is read. */
function makeDeterministic(deps, subs, processed) {
  deps = deps ?? [];
  const active = processed && deps.length > 0;
  if (active) {
    deps.forEach((d, i) => {
      const copies = subs.filter((s) => s.name === d.name);
      if (copies.length > 1 && copies.filter((s) => satisfies(versionOf(s), d.version)).length !== 1) d.version = versionOf(copies[i % copies.length]);
    });
  }
  const unmatched = () => subs.filter((s) => !(active && deps.some((d) => d.name === s.name && satisfies(versionOf(s), d.version))));
  for (let u = unmatched(); u.length > 1; u = unmatched()) {
    const extra = u[u.length - 1];
    const naming = active ? deps.filter((d) => d.name === extra.name) : [];
    const idle = naming.find((d) => !subs.some((s) => s.name === d.name && satisfies(versionOf(s), d.version)));
    if (idle) idle.version = versionOf(extra);
    else if (naming.length) deps.push(dep(extra.name, versionOf(extra)));
    else subs.splice(subs.indexOf(extra), 1);
  }
  for (const s of subs) makeDeterministic(s.dependencies, s.subcharts ?? [], active);
}

// ---------------------------------------------------------------------------------------------------------------
// Category generators. Each returns a list of case inputs (without name/category).

function genConditions(r) {
  const cases = [];
  for (let i = 0; i < 26; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.int(1, 4));
    if (r.chance(0.4)) b.p('global', { p: 1 });
    for (const n of names) {
      const s = b.sub(n, { x: r.int(0, 9), keep: 'sub-default' });
      if (r.chance(0.12)) continue; // unlisted subchart in charts/
      const { paths, text } = conditionFor(r, n);
      b.deps.push(dep(n, r.pick(['0.1.0', '0.1.0', '^0.1.0', '>=0.1.0']), { condition: text }));
      for (const p of paths) {
        if (r.chance(0.2)) continue; // path holds nothing
        const v = clone(r.weighted(COND_VALUES));
        const where = r.weighted([[5, 'parent'], [2, 'sub'], [3, 'file'], [4, 'cli']]);
        if (where === 'sub' && p.startsWith(`${n}.`)) setPath(s.vals, p.split('.').slice(1), v);
        else if (where === 'sub' && p.startsWith('global.')) setPath(s.vals, p.split('.'), v); // globals do not flow up
        else b.place(p, v, where === 'sub' ? undefined : where);
        // a second source for the same path, to show precedence
        if (r.chance(0.25)) b.place(p, clone(r.weighted(COND_VALUES)), r.pick(['file', 'cli']));
      }
      // user keys under a (possibly) disabled subchart
      if (r.chance(0.3)) b.place(`${n}.y`, r.pick(['user', 7]), r.pick(['file', 'cli']));
      if (r.chance(0.2)) b.p(`${n}.x`, 'from-parent');
    }
    cases.push(b.finish());
  }
  // a listed dependency missing from charts/ (disabled by its condition: still an error)
  cases.push({ chartValuesYaml: 'web:\n  enabled: false\n', dependencies: [dep('web', '0.1.0', { condition: 'web.enabled' }), dep('db', '0.1.0')],
    subcharts: [{ name: 'db', valuesYaml: 'x: 0\n' }] });
  return cases;
}

function genTags(r) {
  const cases = [];
  const TAGS = ['front', 'back', 'data', 'extra', 'ops'];
  for (let i = 0; i < 24; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.int(2, 4));
    const used = new Set();
    for (const n of names) {
      const s = b.sub(n, { x: r.int(0, 9) });
      if (r.chance(0.2)) s.vals.tags = { [r.pick(TAGS)]: r.chance(0.5) }; // only a value of the subchart
      if (r.chance(0.1)) continue; // unlisted
      const tags = r.sample(TAGS, r.weighted([[6, 1], [3, 2], [1, 3]]));
      tags.forEach((t) => used.add(t));
      const d = dep(n, '0.1.0', { tags });
      if (r.chance(0.35)) {
        d.condition = `${n}.enabled`;
        if (r.chance(0.75)) b.place(`${n}.enabled`, clone(r.weighted(COND_VALUES)), r.weighted([[3, 'parent'], [1, 'file'], [2, 'cli']]));
        if (r.chance(0.2)) s.vals.enabled = r.chance(0.5);
      }
      b.deps.push(d);
    }
    const form = r.weighted([[18, 'map'], [1, 'scalar'], [1, 'list'], [1, 'none']]);
    if (form === 'scalar') b.p('tags', r.pick(['front', 5]));
    else if (form === 'list') b.p('tags', ['front', 'back']);
    else if (form === 'map') {
      for (const t of [...used, r.pick(TAGS)]) {
        if (r.chance(0.25)) continue; // tag missing from the map
        b.place(`tags.${t}`, clone(r.weighted(TAG_VALUES)), r.weighted([[5, 'parent'], [2, 'file'], [3, 'cli']]));
        if (r.chance(0.2)) b.place(`tags.${t}`, clone(r.weighted(TAG_VALUES)), 'cli');
      }
      if (r.chance(0.08)) b.place('tags', null, 'cli');
    }
    if (r.chance(0.3)) b.place(`${r.pick(names)}.y`, 'user', r.pick(['file', 'cli']));
    cases.push(b.finish());
  }
  return cases;
}

function genAliases(r) {
  const cases = [];
  const ALIASES = ['one', 'two', 'three', 'main', 'backup'];
  for (let i = 0; i < 25; i++) {
    const b = new Builder(r);
    const name = r.pick(['sub', 'db', 'web']);
    const version = r.pick(VERSIONS);
    const vals = { x: 0, k: 'd' };
    if (r.chance(0.3)) vals.enabled = r.chance(0.4);
    if (r.chance(0.5)) vals.global = { s: 2 };
    b.sub(name, vals, { version });
    const aliases = r.sample(ALIASES, r.weighted([[2, 1], [5, 2], [2, 3]]));
    if (r.chance(0.5)) b.p('global.p', 1);
    for (const a of aliases) {
      const extra = {};
      const useAlias = r.chance(0.9);
      if (useAlias) extra.alias = a;
      const inst = useAlias ? a : name;
      if (r.chance(0.45)) {
        extra.condition = r.weighted([[6, `${inst}.enabled`], [1, `${name}.enabled`], [1, `${inst}.enabled,${name}.enabled`]]);
        if (r.chance(0.7)) b.place(`${inst}.enabled`, r.weighted([[4, true], [4, false], [1, 'false']]));
      }
      b.deps.push(dep(name, rangeFor(r, version, 0.7, 0.1), extra));
      if (r.chance(0.5)) b.place(`${inst}.x`, r.int(1, 9));
    }
    if (r.chance(0.35)) b.p(`${name}.x`, 'parent');
    if (r.chance(0.15)) b.place(`${name}.enabled`, false, r.pick(['parent', 'cli']));
    if (r.chance(0.3)) {
      // a second, plain chart beside the aliased one (listed or not)
      const other = r.pick(SUBNAMES.filter((n) => n !== name));
      b.sub(other, { o: 1 });
      if (r.chance(0.6)) b.deps.push(dep(other, '0.1.0'));
    }
    if (r.chance(0.1)) b.deps.push(dep(name, RANGES[version][0][0], { alias: name })); // an alias equal to the chart's name
    cases.push(b.finish());
  }
  return cases;
}

const EXPORT_KEYS = ['k', 'myint', 'port', 'host', 'mymap', 's', 't'];

function exportMap(r, n) {
  const o = { k: `from-${n}` };
  for (const k of r.sample(EXPORT_KEYS.slice(1), r.int(1, 3))) o[k] = k === 'mymap' ? { a: r.int(1, 9), b: r.int(1, 9) } : scal(r);
  return o;
}

function importSpec(r, n) {
  return r.weighted([
    [4, () => 'data'],
    [2, () => 'other'],
    [1, () => 'nothere'],
    [1, () => 'gl'],
    [1, () => 'sc'],
    [3, () => ({ child: 'default.data', parent: r.pick(['myimports', '.', 'a.b', `${n}imp`]) })],
    [1, () => ({ child: 'default.deep.a', parent: 'deepimp.x' })],
    [1, () => ({ child: 'exports.data', parent: 'fromdata' })],
    [1, () => ({ child: 'global', parent: 'subglobals' })],
    [1, () => ({ child: 'default.scalar', parent: 'p' })],
    [1, () => ({ child: 'default.data', parent: r.pick(['global.imported', 'global']) })],
    [1, () => ({ child: 'nothere.x', parent: 'q' })],
    [1, () => ({ child: 'exports', parent: '.' })],
  ])();
}

/**
 * `count` import-values specs for chart `n`. A map's child appears at most once per entry: importing one child map
 * to `global` and to `global.imported` makes it contain itself (Helm 3.17.1 then loops forever, Helm 4.1.4 dies of a
 * stack overflow in its deep copy).
 */
function importSpecs(r, n, count) {
  const specs = [];
  const children = new Set();
  for (let j = 0; j < count; j++) {
    const s = importSpec(r, n);
    if (typeof s === 'object') {
      if (children.has(s.child)) continue;
      children.add(s.child);
    }
    specs.push(s);
  }
  return specs;
}

function importChart(r, b, n, opts = {}) {
  const vals = { exports: { data: exportMap(r, n) }, default: { data: { port: 80, host: `h-${n}` }, scalar: 5 } };
  if (r.chance(0.5)) vals.exports.other = smallMap(r);
  if (r.chance(0.3)) vals.exports.gl = { global: { fromExport: n } };
  if (r.chance(0.2)) vals.exports.sc = 7;
  if (r.chance(0.3)) vals.default.deep = { a: { b: { k: 1 }, c: n } };
  if (r.chance(0.4)) vals.global = { s: n };
  if (r.chance(0.15)) vals.exports.data.nul = null;
  return b.sub(n, vals, opts);
}

function genImportValues(r) {
  const cases = [];
  for (let i = 0; i < 25; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.weighted([[4, 1], [4, 2], [2, 3]]));
    for (const n of names) {
      importChart(r, b, n);
      const d = dep(n, '0.1.0', { 'import-values': importSpecs(r, n, r.int(1, 3)) });
      if (r.chance(0.2)) {
        d.condition = `${n}.enabled`;
        b.place(`${n}.enabled`, r.chance(0.5), r.pick(['parent', 'cli']));
      }
      b.deps.push(d);
      if (r.chance(0.2)) b.p(`${n}.exports.data.k`, 'parent-changed-export');
      if (r.chance(0.2)) b.place(`${n}.exports.data.k`, 'user-changed-export', r.pick(['file', 'cli']));
    }
    // parent defaults overlapping the imports, nulls blocking them
    const PARENT = [
      ['k', () => r.pick(['parent', null])], ['myint', () => r.pick([1, null])], ['mymap', () => r.pick([{ a: 'parent' }, null, 'scalar'])],
      ['myimports', () => r.pick([{ port: 8080 }, null, {}])], ['port', () => r.pick([null, 443])], ['global.p', () => 1],
      ['deepimp', () => ({ x: { b: { z: 1 } } })], ['a.b', () => r.pick([{ host: 'parent' }, null])], ['subglobals', () => null],
    ];
    for (const [k, v] of r.sample(PARENT, r.int(0, 4))) b.p(k, v());
    // user values over imported keys
    for (let j = r.int(0, 2); j > 0; j--) b.place(r.pick(['k', 'myimports.port', 'mymap.b', 'port', 'global.imported.port', 's']), r.pick(['cli', 2, null]), r.pick(['file', 'cli']));
    cases.push(b.finish());
  }
  // an import-values map without `parent`: Helm 3 panics, Helm 4 imports under `<nil>` (the only such case)
  cases.push({ chartValuesYaml: 'a: 1\n', dependencies: [dep('sub', '0.1.0', { 'import-values': [{ child: 'default.data' }, 'data'] })],
    subcharts: [{ name: 'sub', valuesYaml: 'default:\n  data:\n    k: 1\nexports:\n  data:\n    e: 2\n' }] });
  return cases;
}

function genNested(r) {
  const cases = [];
  for (let i = 0; i < 26; i++) {
    const b = new Builder(r);
    const mid = r.pick(['sub', 'mid']);
    const midVals = { s1: 'sub-default' };
    if (r.chance(0.6)) midVals.global = { reg: 'sub', fromSub: 's', ...(r.chance(0.5) ? { a: { b: { s: 'sub' } } } : {}) };
    const m = b.sub(mid, midVals, { deps: [] });
    const topListed = r.chance(0.9);
    if (topListed) b.deps.push(dep(mid, '0.1.0'));
    if (r.chance(0.15)) { b.sub('side', { z: 1 }); if (r.chance(0.5)) b.deps.push(dep('side', '0.1.0')); }
    const kids = r.sample(['inner', 'inner2'], r.weighted([[3, 1], [1, 2]]));
    for (const k of kids) {
      const kv = { i1: `${k}-default` };
      if (r.chance(0.25)) kv.enabled = r.chance(0.4);
      if (r.chance(0.6)) kv.global = { reg: k, fromInner: 'i', ...(r.chance(0.5) ? { a: { b: { i: k } } } : {}) };
      if (r.chance(0.25)) kv.nul = null;
      const ks = b.sub(k, kv, {}, m);
      const d = dep(k, r.pick(['0.1.0', '^0.1.0']));
      if (r.chance(0.65)) {
        d.condition = r.weighted([[5, `${k}.enabled`], [2, `global.${k}On`], [2, `${k}On`], [1, `${k}.enabled,global.${k}On`]]);
        // values for the condition: from the top (under the middle chart's key), from the middle chart, from the top level
        for (const p of d.condition.split(',')) {
          const where = r.weighted([[3, 'top-mid'], [2, 'mid'], [1, 'top-level'], [2, 'user'], [1, 'none']]);
          const v = r.weighted([[4, true], [4, false], [1, 'false']]);
          if (where === 'top-mid') b.p(`${mid}.${p}`, v);
          else if (where === 'mid') setPath(m.vals, p.split('.'), v);
          else if (where === 'top-level') b.p(p, v); // a top-level path is never read for a nested dependency
          else if (where === 'user') b.place(p.startsWith('global.') && r.chance(0.5) ? p : `${mid}.${p}`, v, r.pick(['file', 'cli']));
        }
      }
      if (r.chance(0.3)) {
        d.tags = [r.pick(['t1', 't2'])];
        const where = r.weighted([[3, 'top'], [2, 'mid'], [2, 'cli'], [1, 'none']]);
        const v = r.chance(0.5);
        if (where === 'top') b.p(`tags.${d.tags[0]}`, v);
        else if (where === 'mid') setPath(m.vals, ['tags', d.tags[0]], v);
        else if (where === 'cli') b.place(`tags.${d.tags[0]}`, v, 'cli');
      }
      if (r.chance(0.2)) {
        kv.exports = { [`from${k}`]: { i: r.int(1, 9) } };
        d['import-values'] = [r.chance(0.5) ? `from${k}` : { child: `exports.from${k}`, parent: 'exports.fromsub' }];
        if (topListed && r.chance(0.6)) {
          b.deps[0]['import-values'] = ['fromsub'];
          m.vals.exports = { fromsub: { s: 1 } };
        }
      }
      if (r.chance(0.85)) m.deps.push(d);
      // the middle chart provides values for the grandchild, the top chart too
      if (r.chance(0.5)) setPath(m.vals, [k, 'fromSub'], 's');
      if (r.chance(0.4)) b.p(`${mid}.${k}.fromTop`, 't');
      // three levels
      if (r.chance(0.4)) {
        const lv = { l: 1 };
        if (r.chance(0.3)) lv.enabled = r.chance(0.5);
        if (r.chance(0.5)) lv.global = { a: { b: { l: 'leaf' } }, fromLeaf: 'l' };
        b.sub('leaf', lv, {}, ks);
        ks.deps = r.chance(0.8) ? [dep('leaf', '0.1.0', r.chance(0.6) ? { condition: 'leaf.enabled' } : {})] : [];
        if (r.chance(0.6)) b.place(`${mid}.${k}.leaf.enabled`, r.chance(0.5), r.pick(['parent', 'cli', 'file']));
        if (r.chance(0.3)) setPath(ks.vals, ['leaf', 'fromInner'], 'i');
      }
    }
    if (r.chance(0.6)) b.p('global.reg', 'top');
    if (r.chance(0.4)) b.p('global.a.b.c', 'top');
    if (r.chance(0.25)) b.place(`${mid}.global.a.b.d`, 'x', 'cli');
    if (r.chance(0.2)) b.place('global.a.b.c', null, r.pick(['cli', 'file']));
    if (r.chance(0.15)) b.place('global.reg', null, 'cli');
    if (r.chance(0.1)) b.p(kids[0], { enabled: false }); // a top-level key named like a grandchild (a map: no error)
    cases.push(b.finish());
  }
  // a top-level scalar named like a grandchild is a type mismatch
  cases.push({ chartValuesYaml: 'inner: 5\n', dependencies: [dep('sub', '0.1.0')],
    subcharts: [{ name: 'sub', valuesYaml: 's1: 1\n', dependencies: [dep('inner', '0.1.0', { condition: 'inner.enabled' })], subcharts: [{ name: 'inner', valuesYaml: 'x: 0\n' }] }] });
  return cases;
}

function genTgz(r) {
  const cases = [];
  for (let i = 0; i < 24; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.weighted([[4, 1], [3, 2], [1, 3]]));
    if (r.chance(0.5)) b.p('global.p', 1);
    for (const n of names) {
      const version = r.pick(VERSIONS);
      const vals = { x: 0 };
      if (r.chance(0.5)) vals.global = { s: n, ...(r.chance(0.4) ? { a: { b: { s: n } } } : {}) };
      if (r.chance(0.4)) vals.exports = { data: { k: n } };
      if (r.chance(0.2)) vals.enabled = r.chance(0.5);
      const s = b.sub(n, vals, { version, tgz: r.chance(0.8) });
      if (r.chance(0.4)) {
        // a nested chart inside (a directory in the archive, or a .tgz inside the .tgz)
        const iv = { i: 1 };
        if (r.chance(0.3)) iv.enabled = r.chance(0.5);
        b.sub('inner', iv, { tgz: r.chance(0.3), version: r.pick(['0.1.0', '1.2.3']) }, s);
        const iver = s.subs[0].version;
        s.deps = r.chance(0.85) ? [dep('inner', rangeFor(r, iver, 0.85, 0.05), r.chance(0.6) ? { condition: 'inner.enabled' } : {})] : [];
      }
      // a second copy of the same chart with another version (two archives, or an archive and a directory)
      let second = null;
      if (r.chance(0.2)) {
        const v2 = r.pick(VERSIONS.filter((v) => v !== version));
        second = v2;
        b.sub(n, { x: 2, second: true }, { version: v2, tgz: s.tgz ? r.chance(0.5) : true });
      }
      if (r.chance(0.1)) continue; // unlisted
      const nEntries = second ? 2 : r.weighted([[3, 1], [2, 2]]);
      const aliasPool = r.shuffle([`${n}1`, `${n}2`, `${n}3`]);
      for (let j = 0; j < nEntries; j++) {
        const target = second && j === 1 ? second : version;
        const extra = {};
        if (nEntries > 1 || r.chance(0.4)) extra.alias = aliasPool[j];
        const inst = extra.alias ?? n;
        if (r.chance(0.3)) {
          extra.condition = `${inst}.enabled`;
          if (r.chance(0.7)) b.place(`${inst}.enabled`, r.chance(0.5));
        }
        if (vals.exports && r.chance(0.5)) extra['import-values'] = [r.chance(0.5) ? 'data' : { child: 'exports.data', parent: `${inst}data` }];
        b.deps.push(dep(n, rangeFor(r, target, 0.8, 0.05), extra));
        if (s.subs && r.chance(0.5)) b.place(`${inst}.inner.enabled`, r.chance(0.5), r.pick(['parent', 'cli']));
        if (r.chance(0.4)) b.place(`${inst}.x`, r.int(3, 9));
      }
    }
    cases.push(b.finish());
  }
  return cases;
}

function genGlobalsWithDeps(r) {
  const cases = [];
  for (let i = 0; i < 25; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.weighted([[3, 1], [3, 2], [1, 3]]));
    const maxDepth = r.int(0, 3);
    if (r.chance(0.85)) b.p('global', genGlobal(r, 0, maxDepth));
    if (r.chance(0.4)) b.p('global.a.b.c', 'parent');
    const gpaths = [['reg'], ['tag'], ['a', 'b', 'c'], ['a', 'b', 's'], ['m', 'b'], ['a', 'b']];
    for (const n of names) {
      const sv = { x: 'sub-default', keep: 1 };
      if (r.chance(0.8)) sv.global = genGlobal(r, 0, maxDepth);
      if (r.chance(0.4)) setPath(sv, ['global', 'a', 'b', 's'], 'subdefault');
      if (r.chance(0.3)) sv.top = null; // subchart default nulls, top-level and nested
      if (r.chance(0.3)) sv.m = { nul: null, k: 1 };
      b.sub(n, sv);
      if (r.chance(0.85)) b.deps.push(dep(n, r.pick(['0.1.0', '^0.1.0', '*']), r.chance(0.15) ? { condition: `${n}.enabled` } : {}));
      if (r.chance(0.4)) b.p(`${n}.global`, genGlobal(r, 0, maxDepth));
      if (r.chance(0.25)) b.p(`${n}.x`, r.pick(['from-parent', null]));
      if (r.chance(0.2)) b.place(`${n}.m.nul`, r.pick([null, 'user']), r.pick(['file', 'cli']));
    }
    // user values on globals, many of them nulls
    for (let j = r.int(0, 3); j > 0; j--) {
      const g = r.pick(gpaths).join('.');
      const p = r.chance(0.7) ? `global.${g}` : `${r.pick(names)}.global.${g}`;
      b.place(p, r.pick([null, null, 'cli', 7]), r.pick(['file', 'cli', 'cli']));
    }
    cases.push(b.finish());
  }
  // a scalar parent global (skipped with warnings) and a scalar under a subchart key (an error)
  cases.push({ chartValuesYaml: 'global: 5\n', dependencies: [dep('sub', '0.1.0')], subcharts: [{ name: 'sub', valuesYaml: 'x: 0\nglobal:\n  s: 1\n' }] });
  cases.push({ chartValuesYaml: 'global:\n  p: 1\n', dependencies: [dep('sub', '0.1.0'), dep('db', '0.1.0')],
    subcharts: [{ name: 'sub', valuesYaml: 'x: 0\n' }, { name: 'db', valuesYaml: 'y: 0\n' }], valuesFiles: ['db: [1, 2]\n'] });
  return cases;
}

function genMixed(r) {
  const cases = [];
  const TAGS = ['front', 'back', 'data'];
  for (let i = 0; i < 27; i++) {
    const b = new Builder(r);
    const names = r.sample(SUBNAMES, r.int(3, 5));
    if (r.chance(0.6)) b.p('global', genGlobal(r, 0, 2));
    let tagsUsed = new Set();
    for (const n of names) {
      const kind = r.weighted([[3, 'plain'], [2, 'import'], [2, 'alias'], [2, 'nested'], [1, 'unlisted']]);
      const tgz = r.chance(0.3);
      const version = tgz ? r.pick(VERSIONS) : '0.1.0';
      let s;
      if (kind === 'import') s = importChart(r, b, n, { version, tgz });
      else s = b.sub(n, { x: r.int(0, 9), ...(r.chance(0.4) ? { global: genGlobal(r, 0, 2) } : {}), ...(r.chance(0.2) ? { enabled: r.chance(0.5) } : {}) }, { version, tgz });
      if (kind === 'nested') {
        b.sub('inner', { i: 1, ...(r.chance(0.3) ? { enabled: false } : {}) }, {}, s);
        s.deps = [dep('inner', '0.1.0', r.chance(0.6) ? { condition: 'inner.enabled' } : {})];
        if (r.chance(0.5)) b.place(`${n}.inner.enabled`, r.chance(0.5));
      }
      if (kind === 'unlisted') { if (r.chance(0.5)) b.place(`${n}.x`, 'user'); continue; }
      const insts = kind === 'alias' ? r.sample([`${n}-a`, `${n}-b`, `${n}-c`], r.int(1, 2)) : [n];
      for (const inst of insts) {
        const extra = {};
        if (kind === 'alias') extra.alias = inst;
        if (kind === 'import') extra['import-values'] = importSpecs(r, n, r.chance(0.4) ? 2 : 1);
        if (r.chance(0.4)) {
          const { paths, text } = conditionFor(r, inst);
          extra.condition = text;
          for (const p of paths) if (r.chance(0.7)) b.place(p, clone(r.weighted(COND_VALUES)));
        }
        if (r.chance(0.35)) {
          extra.tags = r.sample(TAGS, r.int(1, 2));
          extra.tags.forEach((t) => tagsUsed.add(t));
        }
        b.deps.push(dep(n, rangeFor(r, version, 0.9, 0.03), extra));
        // user keys for the instance (whether enabled or not)
        if (r.chance(0.35)) b.place(`${inst}.y`, r.pick(['user', 3]), r.pick(['file', 'cli']));
      }
    }
    for (const t of tagsUsed) if (r.chance(0.7)) b.place(`tags.${t}`, clone(r.weighted(TAG_VALUES)));
    if (r.chance(0.3)) b.place('global.a.b.c', r.pick([null, 'user']), r.pick(['file', 'cli']));
    cases.push(b.finish());
  }
  // deliberate errors: a listed chart missing (an aliased entry), null / a list under a subchart key
  cases.push({ chartValuesYaml: 'x: 1\n', dependencies: [dep('sub', '0.1.0', { alias: 'one' }), dep('gone', '^1.0.0', { alias: 'two' })],
    subcharts: [{ name: 'sub', valuesYaml: 'x: 0\n', template: ALIAS_TEMPLATE }] });
  cases.push({ chartValuesYaml: 'sub:\n  x: 1\n', dependencies: [dep('sub', '0.1.0')], subcharts: [{ name: 'sub', valuesYaml: 'x: 0\n' }], set: ['sub=null'] });
  cases.push({ chartValuesYaml: 'sub:\n  enabled: false\n', dependencies: [dep('sub', '0.1.0', { condition: 'sub.enabled' })],
    subcharts: [{ name: 'sub', valuesYaml: 'x: 0\n' }], valuesFiles: ['sub: [a]\n'] });
  return cases;
}

const CATEGORIES = [
  ['conditions', genConditions],
  ['tags', genTags],
  ['aliases', genAliases],
  ['import-values', genImportValues],
  ['nested', genNested],
  ['tgz', genTgz],
  ['globals-with-deps', genGlobalsWithDeps],
  ['mixed', genMixed],
];

const INPUT_FIELDS = ['chartValuesYaml', 'dependencies', 'subcharts', 'valuesFiles', 'set', 'setString', 'setJson'];

function generate(seed) {
  const cases = [];
  for (const [cat, gen] of CATEGORIES) {
    const r = new Rng((seed ^ hashStr(cat)) >>> 0);
    gen(r).forEach((inp, i) => {
      makeDeterministic(inp.dependencies, inp.subcharts ?? [], true);
      const c = { name: `${cat}-${String(i + 1).padStart(3, '0')}`, category: cat, chartValuesYaml: inp.chartValuesYaml ?? null };
      for (const f of INPUT_FIELDS.slice(1)) if (inp[f] && inp[f].length) c[f] = inp[f];
      c.subcharts ??= [];
      cases.push(c);
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// Running Helm

function runHelm(major, c) {
  const bin = helm.helmPath(major);
  if (!bin) throw new Error(`Helm ${major} binary not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-chart-'));
  try {
    const chartDir = path.join(tmp, 'c');
    writeCaseChart(c, chartDir);
    const args = ['template', 'r', chartDir];
    (c.valuesFiles || []).forEach((y, i) => {
      const f = path.join(tmp, `f${i}.yaml`);
      fs.writeFileSync(f, y);
      args.push('-f', f);
    });
    for (const s of c.setJson || []) args.push('--set-json', s);
    for (const s of c.set || []) args.push('--set', s);
    for (const s of c.setString || []) args.push('--set-string', s);
    const res = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8', timeout: 60000, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') } });
    if (res.error || res.signal) throw new Error(`Helm ${major} did not finish case ${c.name}: ${res.error?.message ?? res.signal}`);
    // helm prints our temp dir paths in messages; normalise them as run-helm-case.mjs does
    const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('');
    let stderr = norm(res.stderr).trim();
    const g = stderr.indexOf('\ngoroutine '); // a Go panic: keep the message, not the stack (addresses vary)
    if (g >= 0) stderr = stderr.slice(0, g).trimEnd() + '\n[… goroutine stack trace cut]';
    let valuesLine = null;
    const sub = {};
    for (const line of (res.stdout || '').split('\n')) {
      if (line.startsWith('# VALUES: ')) valuesLine = line.slice(10);
      else {
        const m = /^# SUB ([^:]+): (.*)$/.exec(line);
        if (m) sub[m[1]] = JSON.parse(m[2]);
      }
    }
    const o = { status: res.status };
    if (valuesLine !== null) {
      o.valuesLine = valuesLine;
      o.sub = Object.fromEntries(Object.keys(sub).sort().map((k) => [k, sub[k]]));
    }
    o.stderr = stderr;
    return o;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}

// Warnings come out in Go map order: stderr is compared as a set of lines (and, separately, as a multiset).
const stderrSet = (s) => [...new Set(s.split('\n'))].sort().join('\n');
const stderrBag = (s) => s.split('\n').sort().join('\n');
const sameResult = (a, b) => a.status === b.status && a.valuesLine === b.valuesLine && JSON.stringify(canon(a.sub)) === JSON.stringify(canon(b.sub));
const sameOutcome = (a, b) => sameResult(a, b) && stderrSet(a.stderr) === stderrSet(b.stderr);
const inputsOf = (c) => JSON.stringify(['name', 'category', ...INPUT_FIELDS].map((f) => c[f]));

function summarize(cases) {
  const rows = new Map();
  const differ = [];
  for (const c of cases) {
    const row = rows.get(c.category) ?? { cases: 0, err3: 0, err4: 0, differ: 0, stderrOnly: 0 };
    row.cases++;
    if (c.helm3.status !== 0) row.err3++;
    if (c.helm4.status !== 0) row.err4++;
    if (!sameResult(c.helm3, c.helm4)) { row.differ++; differ.push(c.name); }
    else if (c.helm3.stderr !== c.helm4.stderr) row.stderrOnly++;
    rows.set(c.category, row);
  }
  const total = { cases: 0, err3: 0, err4: 0, differ: 0, stderrOnly: 0 };
  console.log('category              cases  err-h3  err-h4  h3!=h4  stderr-only');
  const line = (name, r) => console.log(`${name.padEnd(20)} ${String(r.cases).padStart(6)} ${String(r.err3).padStart(7)} ${String(r.err4).padStart(7)} ${String(r.differ).padStart(7)} ${String(r.stderrOnly).padStart(12)}`);
  for (const [name, r] of rows) { line(name, r); for (const k of Object.keys(total)) total[k] += r[k]; }
  line('total', total);
  console.log('(h3!=h4: exit status, .Values or subchart values differ; stderr-only: same result, different stderr text)');
  if (differ.length) console.log(`results differing between Helm 3 and 4: ${differ.join(', ')}`);
}


function main() {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const opt = (n) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : undefined; };
  const old = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : null;
  if (check && !old) { console.error(`${path.relative(ROOT, OUT)} does not exist`); process.exit(2); }
  const seed = Number(opt('--seed') ?? old?.seed ?? DEFAULT_SEED);
  const only = opt('--only');
  if (argv.includes('--dump')) {
    console.log(JSON.stringify(generate(seed).filter((c) => !only || c.category === only), null, 1));
    return;
  }
  for (const m of [3, 4]) if (!helm.helmPath(m)) { console.error(`Helm ${m} binary not available (npm install?)`); process.exit(2); }

  let cases = generate(seed);
  if (only) cases = cases.filter((c) => c.category === only);
  const stability = Number(opt('--stability') ?? 0);
  if (stability) {
    const unstable = [];
    cases.forEach((c, i) => {
      for (const m of [3, 4]) {
        const first = runHelm(m, c);
        for (let k = 0; k < stability; k++) {
          const again = runHelm(m, c);
          // stricter than --check: warning repeat counts must be stable too (the corpus test compares multisets)
          if (!sameResult(first, again) || stderrBag(first.stderr) !== stderrBag(again.stderr)) { unstable.push(`${c.name} helm${m}`); break; }
        }
      }
      if ((i + 1) % 25 === 0) process.stderr.write(`  ${i + 1}/${cases.length} cases\n`);
    });
    console.log(unstable.length ? `unstable: ${unstable.join(', ')}` : `all ${cases.length} cases stable over ${stability + 1} runs per Helm version`);
    process.exit(unstable.length ? 1 : 0);
  }
  const oldByName = new Map((old?.cases ?? []).map((c) => [c.name, c]));
  const started = Date.now();
  const diffs = [];
  const notes = [];
  cases.forEach((c, i) => {
    c.helm3 = runHelm(3, c);
    c.helm4 = runHelm(4, c);
    const prev = oldByName.get(c.name);
    if (prev && inputsOf(prev) === inputsOf(c)) {
      for (const h of ['helm3', 'helm4']) {
        if (sameOutcome(prev[h], c[h])) {
          if (stderrBag(prev[h].stderr) !== stderrBag(c[h].stderr)) notes.push(`${c.name} ${h}: same stderr lines, different repeat counts`);
          c[h].stderr = prev[h].stderr; // keep the recorded warning order
        } else if (check) diffs.push(`${c.name} ${h}: recorded ${JSON.stringify(prev[h])}\n${' '.repeat(c.name.length + 7)}now      ${JSON.stringify(c[h])}`);
      }
    } else if (check) diffs.push(prev ? `${c.name}: inputs differ from the recorded case` : `${c.name}: not in the recorded corpus`);
    if ((i + 1) % 25 === 0) process.stderr.write(`  ${i + 1}/${cases.length} cases (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  });
  if (check && !only) {
    const names = new Set(cases.map((c) => c.name));
    for (const c of old.cases) if (!names.has(c.name)) diffs.push(`${c.name}: recorded but no longer generated`);
  }
  summarize(cases);
  for (const n of notes) console.log(`note: ${n}`);
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
  if (only) { console.log('(--only without --check: nothing written)'); return; }
  const corpus = { generator: GENERATOR, seed, helm: { 3: helm.BINARIES[3].version, 4: helm.BINARIES[4].version }, cases };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, formatCorpus(corpus));
  console.log(`\nwrote ${path.relative(ROOT, OUT)}: ${cases.length} cases, seed ${seed}, ${(fs.statSync(OUT).size / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
