// The case runner of the render corpora: renders every case of one corpus with Helm 3 and Helm 4, prints a summary,
// and either writes the corpus file or (check mode) compares with the recorded one and lists the differences.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCorpus } from './corpus-file.mjs';
import { pool, renderCase, ROOT } from './helm-runner.mjs';

/**
 * The command line shared by the corpus recorders: --check, --only <name> (one of `names`, a `what`), --jobs <n>
 * (default: CPU count), --seed <n> (default: the stored corpus's seed, else the recorder's default); has(flag) for
 * the others.
 */
export function recorderOptions(names, what) {
  const argv = process.argv.slice(2);
  const opt = (n) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : undefined; };
  const only = opt('--only');
  if (only && !names.includes(only)) throw new Error(`unknown ${what} ${only}; one of ${names.join(', ')}`);
  return {
    opt,
    has: (flag) => argv.includes(flag),
    check: argv.includes('--check'),
    selected: only ? [only] : names,
    jobs: Number(opt('--jobs') || os.cpus().length || 2),
    seedFor: (stored, fallback) => (opt('--seed') !== undefined ? Number(opt('--seed')) : stored?.seed ?? fallback),
  };
}

const sortedLines = (s) => (s || '').split('\n').sort().join('\n');
/** Whether two outcomes agree; stderr is compared as a set of lines (warnings come in Go map order). */
export function sameOutcome(a, b) {
  return a && b && a.status === b.status && JSON.stringify(a.images) === JSON.stringify(b.images) && sortedLines(a.stderr) === sortedLines(b.stderr);
}

/** The recorded corpus in `file`, or null when there is none (or it is not JSON). */
export function readCorpus(file) { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; } }

/** Counts of a recorded corpus: cases, Helm errors, and where Helm 3 and Helm 4 disagree. */
export function summarize(cases) {
  const err3 = cases.filter((c) => c.helm3.status !== 0).length;
  const err4 = cases.filter((c) => c.helm4.status !== 0).length;
  const differ = cases.filter((c) => c.helm3.status !== c.helm4.status || JSON.stringify(c.helm3.images) !== JSON.stringify(c.helm4.images));
  const stderrOnly = cases.filter((c) => !differ.includes(c) && c.helm3.stderr !== c.helm4.stderr);
  return { n: cases.length, err3, err4, differ: differ.map((c) => c.name), stderrOnly: stderrOnly.map((c) => c.name) };
}

// The inputs of a case: everything but its outcomes.
const inputsOf = (c) => JSON.stringify(Object.keys(c).filter((k) => k !== 'helm3' && k !== 'helm4').sort().map((k) => [k, c[k]]));

/**
 * Renders `inputs` (cases {name, valuesFiles?, set?, setString?, …}) with the chart at `chartDir` in Helm 3 and 4.
 * toRender(c) gives what is actually rendered (e.g. a values file read from elsewhere); by default the case itself.
 * check: compare with `stored` and print the differences; otherwise write `header` + cases to `file`, keeping the
 * stored stderr text when only its line order changed. Returns the number of differences (check mode) or 0.
 */
export async function recordCorpus({ label, inputs, chartDir, file, header, stored, check, jobs, tool, toRender = (c) => c }) {
  const t0 = Date.now();
  const tasks = inputs.flatMap((c, i) => [[i, 3], [i, 4]]);
  const results = await pool(tasks, jobs, ([i, major]) => renderCase(major, chartDir, toRender(inputs[i]), tool));
  const cases = inputs.map((c, i) => ({ ...c, helm3: results[2 * i], helm4: results[2 * i + 1] }));
  const s = summarize(cases);
  console.log(`${label}: ${s.n} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s; errors helm3 ${s.err3}, helm4 ${s.err4}; `
    + `helm3≠helm4 ${s.differ.length}${s.differ.length ? ` (${s.differ.join(', ')})` : ''}; stderr-only differences ${s.stderrOnly.length}`);
  const storedByName = new Map((stored?.cases || []).map((c) => [c.name, c]));
  const rel = path.relative(ROOT, file);
  if (check) {
    if (!stored) { console.log(`  no recorded corpus ${rel}`); return 1; }
    let diffs = 0;
    for (const c of cases) {
      const old = storedByName.get(c.name);
      if (!old || inputsOf(old) !== inputsOf(c)) { diffs++; console.log(`  ${c.name}: ${old ? 'inputs changed' : 'new case'}`); continue; }
      for (const h of ['helm3', 'helm4']) {
        if (!sameOutcome(old[h], c[h])) {
          diffs++;
          console.log(`  ${c.name} ${h}: recorded ${JSON.stringify(old[h])}\n    now ${JSON.stringify(c[h])}`);
        }
      }
    }
    for (const name of storedByName.keys()) if (!cases.some((c) => c.name === name)) { diffs++; console.log(`  ${name}: no longer generated`); }
    console.log(`  ${diffs ? `${diffs} difference(s)` : 'no differences'} from ${rel}`);
    return diffs;
  }
  for (const c of cases) {
    const old = storedByName.get(c.name);
    for (const h of ['helm3', 'helm4']) if (old && sameOutcome(old[h], c[h])) c[h].stderr = old[h].stderr;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatCorpus({ ...header, cases }));
  console.log(`  wrote ${rel}`);
  return 0;
}
