#!/usr/bin/env node
// Records what the real Helm 4.1.4 and 3.17.1 print for calls of the template engine's leaf functions
// (src/template/lib), into tests/template/lib/recorded/<module>.json, which the tests compare with.
//
// A case is one function call: { fn, args, pipe? }. Each argument is one of
//   { y: '<YAML text>' }  a value read from the chart's values.yaml (so Go types are Helm's: float64, ...)
//   { s: 'text' }         a string constant in the template
//   { i: 3 }              an int constant;  { f: 1.5 } a float64 constant;  { b: true } a bool constant
// `pipe` names a function the result is piped into before printing (toJson for maps and lists).
// The call is rendered inside a named template and printed base64-encoded through `include`, so the
// output is exactly the function's text; failures keep Helm's whole error text, and `error` holds the
// part after "error calling <fn>: ".
//
// Usage: node scripts/record-template-lib.mjs [module ...] [--check]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { helmPath } = require('../tests/helpers/helm-binaries.cjs');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'tests', 'template', 'lib', 'recorded');
const { CASES } = await import('../tests/template/lib/cases.mjs');

function argText(a, id, k) {
  if ('y' in a) return `.Values.${id}.a${k}`;
  if ('s' in a) return JSON.stringify(a.s);
  if ('i' in a) return String(a.i);
  if ('f' in a) return Number.isInteger(a.f) ? `${a.f}.0` : String(a.f);
  if ('b' in a) return String(a.b);
  if ('expr' in a) return `(${a.expr})`;
  if ('call' in a) return `(${a.call.fn}${a.call.args.map((b, k) => ` ${argText(b, id, k)}`).join('')})`;
  throw new Error(`bad argument ${JSON.stringify(a)}`);
}

function templateOf(c, id) {
  const call = `${c.fn}${c.args.map((a, k) => ` ${argText(a, id, k)}`).join('')}`;
  // a semver.Version: every accessor a chart uses, then the value as printed
  if (c.view === 'fields') return `{{ $v := ${call} }}{{ $v.Major }}|{{ $v.Minor }}|{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.Original }}|{{ $v }}`;
  return c.pipe ? `{{ ${call} | ${c.pipe} }}` : `{{ ${call} }}`;
}

function valuesOf(c, id) {
  const ys = c.args.map((a, k) => ('y' in a ? [k, a.y] : null)).filter(Boolean);
  if (!ys.length) return '';
  return `${id}:\n${ys.map(([k, y]) => `  a${k}:\n${y.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n`).join('')}`;
}

function render(major, cases) {
  const helm = helmPath(major);
  if (!helm) throw new Error(`Helm ${major} is not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-lib-'));
  try {
    const dir = path.join(tmp, 'c');
    fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), cases.map(([id, c]) => valuesOf(c, id)).join(''));
    for (const [id, c] of cases) {
      fs.writeFileSync(path.join(dir, 'templates', `_${id}.tpl`), `{{ define "${id}" }}${templateOf(c, id)}{{ end }}`);
      fs.writeFileSync(path.join(dir, 'templates', `${id}.yaml`), `out: {{ include "${id}" . | b64enc | quote }}\n`);
    }
    const r = spawnSync(helm, ['template', 'r', dir], { cwd: tmp, encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') } });
    const stderr = (r.stderr || '').split(tmp + '/').join('');
    if (r.status !== 0) return { failed: true, stderr };
    const out = {};
    const re = /# Source: c\/templates\/(c\d+)\.yaml\nout: "([^"]*)"/g;
    for (let m = re.exec(r.stdout); m; m = re.exec(r.stdout)) out[m[1]] = { out: Buffer.from(m[2], 'base64').toString('utf8') };
    for (const [id] of cases) if (!out[id]) out[id] = { out: '' }; // a template printing nothing prints no document
    return { failed: false, out };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function errorOf(stderr, fn) {
  const text = stderr.replace(/^Error: /, '').replace(/\n+(Use --debug flag to render out invalid YAML\n*)?$/, '');
  const marker = `error calling ${fn}: `;
  const at = text.indexOf(marker);
  return { stderr: text, error: at >= 0 ? text.slice(at + marker.length) : null };
}

function recordModule(name, list) {
  const cases = list.map((c, n) => [`c${n}`, c]);
  const results = { 3: {}, 4: {} };
  // Helm stops at the first failing template and names it: that case's error is recorded, and the rest of
  // the batch rendered again, so that each failure costs one render
  const renderAll = (major, batch) => {
    let rest = batch;
    while (rest.length) {
      const r = render(major, rest);
      if (!r.failed) return Object.assign(results[major], r.out);
      const named = /templates\/_?(c\d+)\.(?:tpl|yaml)/.exec(r.stderr);
      const at = named ? rest.findIndex(([id]) => id === named[1]) : -1;
      if (at < 0) {
        // a failure outside the templates (values.yaml): each case on its own
        for (const one of rest) {
          const single = render(major, [one]);
          results[major][one[0]] = single.failed ? errorOf(single.stderr, one[1].fn) : single.out[one[0]];
        }
        return undefined;
      }
      results[major][rest[at][0]] = errorOf(r.stderr, rest[at][1].fn);
      rest = rest.filter((_, k) => k !== at);
    }
    return undefined;
  };
  for (const major of [3, 4]) {
    const BATCH = 64;
    for (let b = 0; b < cases.length; b += BATCH) renderAll(major, cases.slice(b, b + BATCH));
  }
  return cases.map(([id, c]) => ({ id, ...c, template: templateOf(c, id), helm3: results[3][id], helm4: results[4][id] }));
}

const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
fs.mkdirSync(OUT_DIR, { recursive: true });
for (const [name, list] of Object.entries(CASES)) {
  if (only.length && !only.includes(name)) continue;
  const recorded = recordModule(name, list);
  const file = path.join(OUT_DIR, `${name}.json`);
  const text = `${JSON.stringify(recorded, null, 1)}\n`;
  if (check) {
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    console.log(`${name}: ${old === text ? 'unchanged' : 'DIFFERS'} (${recorded.length} cases)`);
  } else {
    fs.writeFileSync(file, text);
    console.log(`${name}: ${recorded.length} cases recorded`);
  }
}
