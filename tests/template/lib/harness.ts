// Replays the calls recorded with the real Helm binaries (tests/template/lib/recorded/*.json, written by
// scripts/record-template-lib.mjs) against src/template/lib, one Helm version at a time.
import fs from 'node:fs';
import path from 'node:path';
import { internalValues } from '../../../src/values/load';
import { loadValues } from '../../../src/load/load-values';
import { GoInt, newMap, type GoMap, type Val } from '../../../src/values/model';
import { toJson } from '../../../src/template/lib/json';
import { goText } from '../../../src/values/gofmt';
import type { SemverVersion } from '../../../src/template/lib/semver';

export type Arg = { y: string } | { s: string } | { i: number } | { f: number } | { b: boolean } | { expr: string; val: string } | { call: { fn: string; args: Arg[] } };

export interface Outcome {
  out?: string;
  error?: string | null;
  stderr?: string;
}

export interface RecordedCase {
  id: string;
  fn: string;
  args: Arg[];
  pipe?: string;
  view?: string;
  template: string;
  helm3: Outcome;
  helm4: Outcome;
}

export function readRecorded(module: string): RecordedCase[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', `${module}.json`), 'utf8')) as RecordedCase[];
}

const SPECIAL: Record<string, () => Val> = {
  NaN: () => NaN,
  '+Inf': () => Infinity,
  '-Inf': () => -Infinity,
  '{a:NaN}': () => {
    const m = newMap();
    m.a = NaN;
    return m;
  },
  '[1,-Inf]': () => [new GoInt(1n), -Infinity],
};

/** The values.yaml the recorder wrote for one case, read as Helm `version` reads it. */
function caseValues(c: RecordedCase, version: 3 | 4): GoMap | undefined {
  const ys = c.args.map((a, k) => ('y' in a ? ([k, a.y] as const) : null)).filter((x): x is readonly [number, string] => x !== null);
  if (!ys.length) return undefined;
  const text = `${c.id}:\n${ys.map(([k, y]) => `  a${k}:\n${y.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n`).join('')}`;
  const loaded = loadValues({ chartValues: { name: 'values.yaml', text }, helmVersion: version });
  return internalValues(loaded)![c.id] as GoMap | undefined;
}

export function argValues(c: RecordedCase, version: 3 | 4, impls: Record<string, Impl> = {}): Val[] {
  const vals = caseValues(c, version);
  const value = (a: Arg, k: number): Val => {
    if ('y' in a) return vals?.[`a${k}`] ?? null;
    if ('call' in a) {
      const impl = impls[a.call.fn];
      if (!impl) throw new Error(`no implementation wired for ${a.call.fn}`);
      return impl(a.call.args.map((b, j) => value(b, j)), version);
    }
    if ('s' in a) return a.s;
    if ('i' in a) return new GoInt(BigInt(a.i));
    if ('f' in a) return a.f;
    if ('b' in a) return a.b;
    return SPECIAL[a.val]!();
  };
  return c.args.map(value);
}

/** Whether Helm `version` does not register the case's function at all. */
export function notRegistered(c: RecordedCase, version: 3 | 4): boolean {
  const o = version === 3 ? c.helm3 : c.helm4;
  return o.stderr !== undefined && o.stderr.includes(`function "${c.fn}" not defined`);
}

export type Impl = (args: Val[], version: 3 | 4) => Val;

/** Runs one case: the printed text, or the error message (what follows "error calling <fn>: "). */
export function run(c: RecordedCase, impl: Impl, version: 3 | 4, impls: Record<string, Impl> = {}): Outcome {
  let v: Val;
  try {
    v = impl(argValues(c, version, impls), version);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (c.view === 'fields') {
    const sv = v as unknown as SemverVersion;
    return { out: [sv.Major(), sv.Minor(), sv.Patch(), sv.Prerelease(), sv.Metadata(), sv.Original(), sv.String()].map(String).join('|') };
  }
  if (c.pipe === 'toJson') return { out: toJson(v) };
  if (c.pipe === 'toString') return { out: String(v) };
  if (c.pipe) throw new Error(`unknown pipe ${c.pipe}`);
  if (typeof v === 'boolean') return { out: String(v) };
  if (typeof v !== 'string') throw new Error(`${c.fn} gave a non-string without a pipe`);
  // the text as Helm printed it and the recorder read it: bytes that are not UTF-8 as U+FFFD
  return { out: goText(v) };
}

/** What the recorded Helm outcome says: text, or the function's error message. */
export function expected(c: RecordedCase, version: 3 | 4): Outcome {
  const o = version === 3 ? c.helm3 : c.helm4;
  if (o.out !== undefined) return { out: o.out };
  const text = (o.stderr ?? '').replace(/\n+(Use --debug flag to render out invalid YAML\n*)?$/, '');
  const marker = `error calling ${c.fn}: `;
  const at = text.indexOf(marker);
  return { error: at >= 0 ? text.slice(at + marker.length) : `(no function error) ${text}` };
}
