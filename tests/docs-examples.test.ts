// Every TypeScript/JavaScript example of the README and docs/ runs against the built package, as a user would
// paste it: in a scratch directory holding the files the examples name (prod.yaml is fixtures/values/prod.yaml,
// whose `discovery.deployment: null` makes the render fail: a diagnostic without a location), and never prints
// `undefined` (an example that formats a location the diagnostic does not have). Fragments that use a variable
// defined in the prose (`prod`, `chartValues`) get it from a preamble; blocks of declarations only are compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { SHARED } from './helpers/cases';

const ROOT = path.join(__dirname, '..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const GLOO_EE = path.join(SHARED, 'gloo-ee', 'charts', '1.17.0');
// a real chart with subcharts, for docs/rendering.md
const DAPR = path.join(SHARED, 'charts', 'dapr');

interface Example {
  where: string;
  code: string;
}

const examples: Example[] = DOCS.flatMap((doc) => {
  const lines = fs.readFileSync(path.join(ROOT, doc), 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|js|mjs|typescript|javascript)$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    out.push({ where: `${doc}:${start}`, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return out;
});

// variables the prose defines, by name: given to an example that uses one without declaring it
const FREE: Record<string, string> = {
  prod: "const prod = await __node.readValuesSource('prod-ok.yaml');",
  prodBytes: "const prodBytes = __fs.readFileSync('prod.yaml');",
  chartValuesText: "const chartValuesText = __fs.readFileSync('charts/gloo/values.yaml', 'utf8');",
  chartValues: "const chartValues = await __node.readValuesSource('charts/gloo/values.yaml');",
  valuesFiles: "const valuesFiles = [await __node.readValuesSource('prod.yaml')];",
};

function declares(code: string, name: string): boolean {
  return new RegExp(`(const|let|var|function|interface|type)\\s+(\\{[^}]*\\b${name}\\b[^}]*\\}|${name}\\b)|import[^;]*\\b${name}\\b`).test(code);
}

function runnable(e: Example): string {
  const pre = ["import * as __fs from 'node:fs';", "import * as __root from 'helm-image-variant';", "import * as __node from 'helm-image-variant/node';"];
  // a fragment that continues an earlier block uses its imports without repeating them
  for (const name of ['loadValues', 'validateValues', 'resolveImages', 'valuesSchema']) {
    if (new RegExp(`\\b${name}\\(`).test(e.code) && !declares(e.code, name)) pre.push(`const { ${name} } = __root;`);
  }
  for (const name of ['readValuesSource', 'loadChart']) {
    if (new RegExp(`\\b${name}\\(`).test(e.code) && !declares(e.code, name)) pre.push(`const { ${name} } = __node;`);
  }
  for (const [name, def] of Object.entries(FREE)) if (new RegExp(`\\b${name}\\b`).test(e.code) && !declares(e.code, name)) pre.push(def);
  const js = ts.transpileModule(`${pre.join('\n')}\n${e.code}\nexport {};\n`, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return js;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-docs-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'helm-image-variant'));
  fs.copyFileSync(path.join(ROOT, 'fixtures', 'values', 'prod.yaml'), path.join(dir, 'prod.yaml'));
  // what the prose's `prod` stands for in examples that resolve images: values the chart renders
  fs.writeFileSync(path.join(dir, 'prod-ok.yaml'), 'global:\n  image:\n    variant: distroless\n');
  fs.mkdirSync(path.join(dir, 'charts'));
  fs.symlinkSync(path.join(ROOT, 'fixtures', 'charts', 'gloo-1.18.40'), path.join(dir, 'charts', 'gloo'));
  if (fs.existsSync(GLOO_EE)) fs.symlinkSync(GLOO_EE, path.join(dir, 'charts', 'gloo-ee'));
  if (fs.existsSync(DAPR)) fs.symlinkSync(DAPR, path.join(dir, 'charts', 'dapr'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const declarationsOnly = (code: string) => !/^(import|const|let|for|if|try|await|console|[a-z]\w*\()/m.test(code);

test('the examples were found', () => {
  expect(examples.length).toBeGreaterThanOrEqual(10);
});

test.each(examples.map((e) => [e.where, e] as const))('%s', (_where, e) => {
  if (declarationsOnly(e.code)) {
    // an interface listing: it must at least parse
    const r = ts.transpileModule(e.code, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
    expect(r.diagnostics ?? []).toEqual([]);
    return;
  }
  if (e.code.includes("'charts/dapr'") && !fs.existsSync(DAPR)) {
    console.log(`${e.where}: skipped, the dapr chart of the reference (${DAPR}) is not here`);
    return;
  }
  if (e.code.includes("'charts/gloo-ee'") && !fs.existsSync(GLOO_EE)) {
    console.log(`${e.where}: skipped, the gloo-ee chart of the reference (${GLOO_EE}) is not here`);
    return;
  }
  const file = path.join(dir, `${e.where.replace(/[^\w]/g, '_')}.mjs`);
  fs.writeFileSync(file, runnable(e));
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect({ code: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/undefined:|:undefined/);
  outputs.set(e.where, r.stdout);
});

const outputs = new Map<string, string>();

test("the README's diagnostics loop prints a diagnostic without a location by its values path", () => {
  const loop = examples.find((e) => e.where.startsWith('README.md') && e.code.includes('for (const d of diagnostics)'));
  expect(loop).toBeDefined();
  const out = outputs.get(loop!.where) ?? '';
  // prod.yaml: a located finding (the unquoted tag) and the render failure, which has no location
  expect(out).toMatch(/^prod\.yaml:8:12: error: .*\[tag-not-string\]$/m);
  expect(out).toMatch(/^[^:\n]*: error: .*\[render-failed\]$/m);
});

test("the pre-commit snippets pin a rev that can exist: a commit SHA (or the placeholder for one) or a tag of this repository, and a hook id it defines", () => {
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const tags = spawnSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
  let snippets = 0;
  for (const doc of DOCS) {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
    for (const m of text.matchAll(/^\s*rev: (\S+)/gm)) {
      snippets++;
      const rev = m[1]!;
      expect({ doc, rev, ok: rev === 'COMMIT_SHA' || /^[0-9a-f]{40}$/.test(rev) || tags.includes(rev) }).toEqual({ doc, rev, ok: true });
    }
    for (const m of text.matchAll(/^\s*- id: (\S+)/gm)) expect(hooks).toContain(`- id: ${m[1]!}\n`);
  }
  expect(snippets).toBeGreaterThanOrEqual(2);
});
