// Jest global setup: writes the chart of every `subchart` reference case with the reference's own
// writeCaseChart (../shared/reference/run-helm-case.mjs), so that loadChart reads the very files Helm read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '..', '..', '..', 'shared', 'reference');
export const CASE_CHARTS = path.resolve(here, '..', '..', '.cache', 'case-charts');

export default async function writeCaseCharts() {
  const { writeCaseChart } = await import(path.join(shared, 'run-helm-case.mjs'));
  fs.rmSync(CASE_CHARTS, { recursive: true, force: true });
  for (const file of ['helm-cases.json', 'helm4-cases.json']) {
    const data = JSON.parse(fs.readFileSync(path.join(shared, file), 'utf8'));
    for (const c of data.cases ?? data) {
      if (c.kind !== 'subchart') continue;
      const dir = path.join(CASE_CHARTS, file.replace('.json', ''), c.name, 'c');
      fs.mkdirSync(dir, { recursive: true });
      writeCaseChart(c, dir);
    }
  }
}
