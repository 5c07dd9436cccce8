// Renders a corpus snippet with this library's engine as the recorder renders it with Helm: a chart `c`
// with the snippet as templates/t.yaml, the corpus's values.yaml, and the snippet's --set flags.
import fs from 'node:fs';
import path from 'node:path';
import { assembleChart, type ChartFile } from '../../src/chart/chart';
import { loadValues } from '../../src/load/load-values';
import { renderChart } from '../../src/render/render-chart';
import { installNodeCrypto } from '../../src/node/index';

// node:crypto as the provider of keys, certificates, scrypt and AES (what the Node entry installs)
installNodeCrypto();

export interface HelmRecord {
  status: number;
  stdout: string;
  error: string | null;
}

export interface Snippet {
  id: string;
  category: string;
  functions: string[];
  template: string;
  values?: string;
  set?: string[];
  helpers?: string;
  files?: Record<string, string>;
  chartYaml?: string;
  /** --kube-version of the render (Helm's default when absent). */
  kubeVersion?: string;
  helm3: HelmRecord;
  helm4: HelmRecord;
}

export interface Corpus {
  defaultValues: string;
  snippets: Snippet[];
}

export const CORPUS_FILE = path.join(__dirname, 'corpus.json');

export function readCorpus(): Corpus {
  return JSON.parse(fs.readFileSync(CORPUS_FILE, 'utf8')) as Corpus;
}

const enc = new TextEncoder();

/** What our engine prints for the snippet: { stdout, error } in the recorder's terms. */
export async function renderSnippet(s: Snippet, corpus: Corpus, helm: 3 | 4): Promise<{ stdout: string; error: string | null; text?: string }> {
  const files: ChartFile[] = [
    { name: 'Chart.yaml', data: enc.encode(s.chartYaml ?? 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.2.3"\n') },
    { name: 'values.yaml', data: enc.encode(s.values ?? corpus.defaultValues) },
    { name: 'templates/t.yaml', data: enc.encode(s.template) },
  ];
  if (s.helpers) files.push({ name: 'templates/_helpers.tpl', data: enc.encode(s.helpers) });
  for (const [n, t] of Object.entries(s.files ?? {})) files.push({ name: n, data: enc.encode(t) });
  try {
    const chart = await assembleChart(files, 'c', { helmVersion: helm, unpack: async () => [] });
    const loaded = loadValues({ chart, helmVersion: helm, ...(s.set ? { set: s.set } : {}) });
    const r = renderChart(loaded, { releaseName: 'r', helmVersion: helm, ...(s.kubeVersion ? { kubeVersion: s.kubeVersion } : {}) });
    const text = r.rendered['c/templates/t.yaml'];
    return { stdout: r.output, error: null, ...(text !== undefined ? { text } : {}) };
  } catch (e) {
    const rendered = (e as { rendered?: Record<string, string> }).rendered;
    const text = rendered?.['c/templates/t.yaml'];
    return { stdout: '', error: (e as Error).message, ...(text !== undefined ? { text } : {}) };
  }
}

/** Whether our result equals Helm's record (for a YAML error: the raw text Helm printed with --debug). */
export function matches(rec: HelmRecord, ours: { stdout: string; error: string | null; text?: string }): boolean {
  if (rec.status === 0) return ours.error === null && ours.stdout === rec.stdout;
  if (rec.error && rec.error.startsWith('YAML parse error on ')) {
    // Helm with --debug printed the rendered text: it must be ours, and the error Helm's
    if (ours.error !== rec.error || ours.text === undefined) return false;
    return `---\n# Source: c/templates/t.yaml\n${ours.text}`.trim() + '\n' === rec.stdout;
  }
  // Helm's error is what it printed after `Error: ` (trailing white space is lost in the recording)
  return ours.error !== null && ours.error.replace(/\s+$/, '') === rec.error;
}
