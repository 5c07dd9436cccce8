#!/usr/bin/env node
// Derives the gloo chart's typed key tree, per version, from the values reference the gloo repository generates
// from its Go values types at every release (`docs/content/reference/values.txt` in github:solo-io/gloo), and
// writes it as data: src/profiles/gloo-value-types.data.ts. Every release tag from 1.16.0-beta1 to the newest
// 1.22 is read; consecutive releases (in release order: beta2 < beta10 < rc1 < the release) whose tables give the
// same keys and types form one epoch, so each epoch is exact. Descriptions and defaults are the newest release's
// of the epoch. The tag, commit and blob of every input are recorded in the data; the upstream files themselves
// are not committed.
//
//   node scripts/gen-gloo-value-types.mjs [--repo /work/.mirror/solo-io+gloo/repo]
//
// The table's rows are `|path|type|default|description|`: `NAME` in a path is any key of a map, `[]` a list's
// items, type `interface` a value the chart takes as it is (free-form). A path listed twice with different types
// (Kubernetes' IntOrString, resource.Quantity flattened) is a union; a path both scalar and list is left open.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const REPO = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : '/work/.mirror/solo-io+gloo/repo';
const FILE = 'docs/content/reference/values.txt';
const git = (...a) => execFileSync('git', ['--git-dir', fs.existsSync(path.join(REPO, '.git')) ? path.join(REPO, '.git') : REPO, ...a], { encoding: 'utf8', maxBuffer: 256 << 20 });

/** Release order: numbers, then pre-releases (alpha < beta < rc, numerically), before the release. */
function parseTag(t) {
  const m = /^v(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)(\d+))?$/.exec(t);
  if (!m) return undefined;
  const rank = { alpha: 0, beta: 1, rc: 2 };
  return { tag: t, version: t.slice(1), key: [+m[1], +m[2], +m[3], m[4] ? rank[m[4]] : 3, m[5] ? +m[5] : 0] };
}
const cmp = (a, b) => {
  for (let i = 0; i < 5; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
  return 0;
};

const tags = git('tag', '--list', 'v1.*')
  .split('\n')
  .map(parseTag)
  .filter((t) => t && t.key[0] === 1 && t.key[1] >= 16 && t.key[1] <= 22)
  .sort(cmp);

const TYPES = new Set(['bool', 'string', 'int', 'int8', 'int32', 'int64', 'uint', 'uint32', 'float32', 'float64', 'interface']);

/** One table as a map: path -> { types: Set, default, description }. */
function parseTable(text, tag) {
  const rows = new Map();
  for (const line of text.split('\n').slice(2)) {
    if (!line.startsWith('|')) continue;
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|');
    const [p, type, def, ...desc] = cells;
    if (!TYPES.has(type)) throw new Error(`${tag}: unknown type ${JSON.stringify(type)} at ${p}`);
    const r = rows.get(p) ?? { types: new Set(), default: def, description: desc.join('|') };
    r.types.add(type);
    rows.set(p, r);
  }
  return rows;
}

/** The typed rows of a table, normalised: a path also listed with `[]` (a flattened struct) becomes open. */
function typedRows(rows) {
  const out = new Map();
  for (const [p, r] of rows) {
    if (p.endsWith('[]') && rows.has(p.slice(0, -2))) continue;
    let type = [...r.types].sort().join('|');
    if (rows.has(`${p}[]`)) type = 'interface';
    out.set(p, { type, default: r.default, description: r.description });
  }
  // a path under an open value is the open value's business
  for (const p of [...out.keys()]) {
    const segs = p.split('.');
    for (let n = 1; n < segs.length; n++) {
      const parent = segs.slice(0, n).join('.');
      if (out.get(parent)?.type === 'interface' || out.get(parent.replace(/\[\]$/, ''))?.type === 'interface') {
        out.delete(p);
        break;
      }
    }
  }
  return out;
}

const sources = [];
const perTag = [];
for (const t of tags) {
  let blob;
  try {
    blob = git('rev-parse', `${t.tag}:${FILE}`).trim();
  } catch {
    continue; // a tag without the table (none from 1.16 on, but the script does not assume it)
  }
  const commit = git('rev-parse', `${t.tag}^{commit}`).trim();
  const rows = typedRows(parseTable(git('cat-file', 'blob', blob), t.tag));
  const identity = [...rows.entries()].map(([p, r]) => `${p}\t${r.type}`).sort().join('\n');
  sources.push({ tag: t.tag, commit, blob });
  perTag.push({ ...t, rows, identity });
}

// epochs: maximal runs of consecutive releases with the same keys and types
const epochs = [];
for (const t of perTag) {
  const last = epochs[epochs.length - 1];
  if (last && last.identity === t.identity) {
    last.tags.push(t.tag);
    last.rows = t.rows; // the newest release's descriptions and defaults
  } else epochs.push({ from: t.version, tags: [t.tag], identity: t.identity, rows: t.rows });
}

// one entry per path: the epochs where it is documented, with its type there
const descriptions = [];
const descIndex = new Map();
const desc = (s) => {
  if (!s) return -1;
  if (!descIndex.has(s)) {
    descIndex.set(s, descriptions.length);
    descriptions.push(s);
  }
  return descIndex.get(s);
};
const keys = new Map();
epochs.forEach((e, i) => {
  for (const [p, r] of e.rows) {
    const list = keys.get(p) ?? [];
    const prev = list[list.length - 1];
    const d = desc(r.description);
    if (prev && prev[1] === i - 1 && prev[2] === r.type && prev[3] === r.default && prev[4] === d) prev[1] = i;
    else list.push([i, i, r.type, r.default, d]);
    keys.set(p, list);
  }
});

// Values the chart prints whole (toYaml, toJson, tpl) or hands to Kubernetes as they are: keys under them are the
// user's, never unknown. Names read from the six gloo chart trees' templates, plus Kubernetes' pass-through fields.
const CHARTS = path.resolve(ROOT, '..', 'shared', 'reference', 'charts');
const printed = new Set();
for (const id of ['gloo-v1.16.27', 'gloo-v1.17.0', 'gloo-v1.18.40', 'gloo-v1.19.10', 'gloo-v1.21.12', 'gloo-main']) {
  const dir = path.join(CHARTS, id, 'templates');
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/\b(?:toYaml|toJson|toPrettyJson|tpl)\s+\(?\s*[$.][A-Za-z0-9_.$]*\.([A-Za-z_][A-Za-z0-9_]*)\b/g)) printed.add(m[1]);
  }
}
const passThrough = [...printed].sort();

// Values the templates of each real chart tree read (`.Values.a.b` chains, and the gateway-proxy variables' chains),
// by the chart versions each tree stands for: a key a template reads is never unknown, documented or not (the
// reference leaves out some the chart still reads, e.g. settings.replaceInvalidRoutes "for backwards compatibility").
const READ_TREES = [
  { id: 'gloo-v1.16.27', from: '1.16.0-beta1' },
  { id: 'gloo-v1.17.0', from: '1.17.0-beta1' },
  { id: 'gloo-v1.18.40', from: '1.18.0-beta1' },
  { id: 'gloo-v1.19.10', from: '1.19.0-beta1' },
  { id: 'gloo-v1.21.12', from: '1.20.0-beta1' },
  { id: 'gloo-main', from: '1.22.0-beta1' },
];
const VARS = { spec: 'gatewayProxies.*', gatewaySpec: 'gatewayProxies.*', gatewayProxy: 'gatewayProxies.*', defaultGatewayProxySafe: 'gatewayProxies.*', gatewaySettings: 'gatewayProxies.*.gatewaySettings', global: 'global' };
const readPaths = new Map();
READ_TREES.forEach((t, ti) => {
  const dir = path.join(CHARTS, t.id, 'templates');
  if (!fs.existsSync(dir)) return;
  const add = (p) => readPaths.set(p, [...new Set([...(readPaths.get(p) ?? []), ti])]);
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) add(m[1].slice(1).replace(/^gatewayProxies\.gatewayProxy\b/, 'gatewayProxies.*'));
    for (const m of text.matchAll(/\$([A-Za-z]+)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) if (VARS[m[1]]) add(`${VARS[m[1]]}${m[2]}`);
  }
});
const read = { trees: READ_TREES, paths: Object.fromEntries([...readPaths.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) };

const data = {
  passThrough,
  read,
  source: { repository: 'github:solo-io/gloo', file: FILE, generator: 'scripts/gen-gloo-value-types.mjs' },
  inputs: sources,
  epochs: epochs.map((e) => ({ from: e.from, tags: e.tags.length, last: e.tags[e.tags.length - 1].slice(1) })),
  descriptions,
  // path -> [[firstEpoch, lastEpoch, type, default, descriptionIndex], ...]
  keys: Object.fromEntries([...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
};

const out = [
  '// Generated by scripts/gen-gloo-value-types.mjs from the gloo values reference (docs/content/reference/values.txt of',
  '// github:solo-io/gloo) at every release tag 1.16 to 1.22: the documented keys and Go types of the gloo chart, by',
  '// epoch (consecutive releases with the same keys and types). `inputs` records the tag, commit and blob of each input.',
  "import type { GlooValueTypesData } from './value-types-data.js';",
  '',
  `export const GLOO_VALUE_TYPES: GlooValueTypesData = ${JSON.stringify(data)};`,
  '',
].join('\n');
fs.writeFileSync(path.join(ROOT, 'src', 'profiles', 'gloo-value-types.data.ts'), out);

// gloo-ee: the Enterprise keys of the three real gloo-ee trees (data, no templates). Top-level keys are known from
// the defaults; below them only what is certain is typed: a boolean default (the templates test it with `if`) and a
// map that is non-empty in every tree that has it. Everything else stays open.
const yaml = await import('js-yaml');
const EE = path.resolve(ROOT, '..', 'shared', 'reference', 'gloo-ee', 'charts');
const eeTrees = ['1.0.0-ci1', '1.16.2', '1.17.0'].filter((v) => fs.existsSync(path.join(EE, v, 'values.yaml')));
const kinds = new Map();
const top = new Set();
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? (Object.keys(v).length ? 'map' : 'empty') : typeof v);
function walk(v, at, tree) {
  for (const [k, c] of Object.entries(v)) {
    const p = [...at, k].join('\u0000');
    const e = kinds.get(p) ?? new Map();
    e.set(tree, kindOf(c));
    kinds.set(p, e);
    if (kindOf(c) === 'map') walk(c, [...at, k], tree);
  }
}
for (const t of eeTrees) {
  const v = yaml.load(fs.readFileSync(path.join(EE, t, 'values.yaml'), 'utf8'));
  for (const k of Object.keys(v)) top.add(k);
  walk(v, [], t);
}
const eeTyped = {};
for (const [p, e] of kinds) {
  const parts = p.split('\u0000');
  if (parts[0] === 'gloo') continue; // the bundled gloo chart's, typed from its own reference
  if (parts.some((k) => printed.has(k) || /(annotations|labels|Annotations|Labels|nodeSelector|[Ss]ecurityContext|resources|affinity|tolerations|[Ee]nv)$/.test(k))) continue;
  const ks = new Set(e.values());
  if (ks.size !== 1) continue;
  const [k] = ks;
  if (k === 'boolean') eeTyped[parts.join('.')] = 'bool';
  else if (k === 'map') eeTyped[parts.join('.')] = 'map';
}
const eeData = { trees: eeTrees, top: [...top].sort(), typed: Object.fromEntries(Object.entries(eeTyped).sort()) };
fs.writeFileSync(
  path.join(ROOT, 'src', 'profiles', 'gloo-ee-value-types.data.ts'),
  [
    '// Generated by scripts/gen-gloo-value-types.mjs from the three real gloo-ee trees (../shared/reference/gloo-ee/charts):',
    '// the Enterprise top-level keys, and the values whose type is certain from the defaults (bool; non-empty map).',
    "import type { GlooEeValueTypesData } from './value-types-data.js';",
    '',
    `export const GLOO_EE_VALUE_TYPES: GlooEeValueTypesData = ${JSON.stringify(eeData, null, 1)};`,
    '',
  ].join('\n'),
);
process.stderr.write(`gloo-ee: ${eeTrees.length} trees, ${top.size} top-level keys, ${Object.keys(eeTyped).length} typed values\n`);
process.stderr.write(`${sources.length} tags, ${epochs.length} epochs, ${keys.size} paths, ${descriptions.length} descriptions, ${out.length} bytes\n`);
