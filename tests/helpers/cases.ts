// Reads the reference cases of ../shared/reference and turns one into loadValues input and expectations.
import fs from 'node:fs';
import path from 'node:path';
import { ValuesError, type LoadValuesInput } from '../../src/index';

export const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference');

export interface RefSubchart {
  name: string;
  valuesYaml?: string;
  schema?: string;
  template?: string;
  version?: string;
  dependencies?: unknown[];
  subcharts?: RefSubchart[];
  tgz?: boolean;
}

export interface RefCase {
  name: string;
  topic: string;
  kind: string;
  desc?: string;
  chartValuesYaml?: string | null;
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setLiteral?: string[];
  setFile?: Array<{ key: string; content: string }>;
  subcharts?: RefSubchart[];
  dependencies?: unknown[];
  schema?: string;
  extraArgs?: string[];
  expect?: unknown;
  expectRaw?: string;
  expectError?: string;
  expectStderr?: string[];
  expectSub?: Record<string, unknown>;
  expectNoStderr?: boolean;
}

export function readCases(file: string): RefCase[] {
  const data = JSON.parse(fs.readFileSync(path.join(SHARED, file), 'utf8'));
  return (data.cases ?? data) as RefCase[];
}

/** True for a case that needs only values input (no dependencies list, no schema, no nested charts). */
export function isValuesOnly(c: RefCase): boolean {
  if (c.kind !== 'values' && c.kind !== 'subchart') return false;
  if (c.dependencies || c.schema !== undefined) return false;
  return !(c.subcharts ?? []).some((s) => s.schema !== undefined || s.dependencies || s.subcharts || s.tgz || s.template);
}

/** What a case needs to become loadValues input. */
export type CaseInputFields = Pick<
  RefCase,
  'name' | 'chartValuesYaml' | 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setLiteral' | 'setFile' | 'subcharts' | 'extraArgs'
>;

/** The loadValues input equivalent to the case's helm command line. */
export function caseInput(c: CaseInputFields, helmVersion: 3 | 4): LoadValuesInput {
  const input: LoadValuesInput = { helmVersion, chartName: 'c' };
  // the case runner writes an empty values.yaml when none is given, and none at all for null
  if (c.chartValuesYaml !== null) input.chartValues = { name: 'values.yaml', text: c.chartValuesYaml ?? '' };
  if (c.valuesFiles) input.valuesFiles = c.valuesFiles.map((text, i) => ({ name: `f${i}.yaml`, text }));
  if (c.set) input.set = c.set;
  if (c.setString) input.setString = c.setString;
  if (c.setJson) input.setJson = c.setJson;
  if (c.setLiteral) input.setLiteral = c.setLiteral;
  if (c.setFile) input.setFile = c.setFile.map((f) => ({ key: f.key, text: f.content }));
  // flags given as extra arguments keep their precedence by kind, not by position
  const extra = c.extraArgs ?? [];
  for (let i = 0; i < extra.length; i++) {
    const flag = extra[i]!;
    const field = ({ '--set': 'set', '--set-string': 'setString', '--set-json': 'setJson', '--set-literal': 'setLiteral' } as const)[flag as '--set'];
    if (field) (input[field] ??= []).push(extra[++i]!);
    else if (flag !== '--debug') throw new Error(`case ${c.name}: unsupported extra argument ${flag}`);
  }
  if (c.subcharts) input.subcharts = Object.fromEntries(c.subcharts.map((s) => [s.name, s.valuesYaml ?? '']));
  return input;
}

/** Key-sorted copy, so that two values compare independent of key order. */
export function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Runs `fn`, expecting a ValuesError, and returns it. */
export function valuesErrorOf(fn: () => unknown): ValuesError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValuesError);
  return err as ValuesError;
}
