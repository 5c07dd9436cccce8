// `@` and `` ` `` are YAML's reserved indicators: go-yaml's scanner refuses a token starting with one before the
// parser sees the structure, so Helm says "found character that cannot start any token" (with the line of the
// character after the first line), where js-yaml words the same failure by its context. Each row: a values file
// and the stderr of the real Helm 3.17.1 and 4.1.4 (`helm template`), recorded in recorded/reserved-indicators.json.
// Where the binaries are present the recording is checked against them (RECORD=1 rewrites it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, ValuesError } from '../../src/index';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helm = require('../helpers/helm-binaries.cjs') as { helmPath(major: 3 | 4): string | null };

interface Case {
  text: string;
  helm3: string | null;
  helm4: string | null;
}
const FILE = path.join(__dirname, 'recorded', 'reserved-indicators.json');
const recorded = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { about: string; cases: Case[] };

function ours(text: string, helmVersion: 3 | 4): { message: string | null; at?: { line: number; column: number } } {
  try {
    loadValues({ valuesFiles: [{ name: 'v.yaml', text: text.endsWith('\n') ? text : `${text}\n` }], helmVersion });
    return { message: null };
  } catch (e) {
    if (!(e instanceof ValuesError)) throw e;
    return { message: e.message, ...(e.location ? { at: { line: e.location.line, column: e.location.column } } : {}) };
  }
}

describe.each([3, 4] as const)('Helm %d', (major) => {
  test.each(recorded.cases.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_name, c) => {
    const r = ours(c.text, major);
    expect(r.message).toBe(major === 3 ? c.helm3 : c.helm4);
    // located at the reserved character Helm names
    if (r.message?.includes('cannot start any token')) {
      const lines = c.text.split('\n');
      const line = lines.findIndex((l) => /(^|[\s[{,"])[@`]/.test(l));
      expect(r.at).toEqual({ line: line + 1, column: lines[line]!.search(/(?<=(^|[\s[{,"]))[@`]/) + 1 });
    }
  });
});

const binaries = { 3: helm.helmPath(3), 4: helm.helmPath(4) };
(binaries[3] && binaries[4] ? test : test.skip)('the recording is what the real Helm binaries print', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-reserved-'));
  try {
    fs.mkdirSync(path.join(dir, 'chart', 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'chart', 'values.yaml'), 'a: 1\n');
    const now = recorded.cases.map((c) => {
      fs.writeFileSync(path.join(dir, 'v.yaml'), c.text.endsWith('\n') ? c.text : `${c.text}\n`);
      const run = (bin: string) => {
        const r = spawnSync(bin, ['template', 'r', 'chart', '-f', 'v.yaml'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
        return r.status === 0 ? null : r.stderr.trim().replace(/^Error: /, '');
      };
      return { text: c.text, helm3: run(binaries[3]!), helm4: run(binaries[4]!) };
    });
    if (process.env.RECORD === '1') fs.writeFileSync(FILE, `${JSON.stringify({ ...recorded, cases: now }, null, 2)}\n`);
    expect(now).toEqual(recorded.cases);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
