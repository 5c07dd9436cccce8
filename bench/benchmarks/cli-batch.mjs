// Benchmark 5: what a CI job over a repository of releases costs. One CLI call validates 1,000 generated
// values files (each over the Gloo fixture chart), against what users do without us: one real
// `helm template` of the same chart with each file (Helm 4.1.4, the binary from the dev dependency).
// Judged by how many times faster the one call is, and by its peak memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeValuesFiles } from '../lib/generate.mjs';
import { cliMissing } from '../lib/cli.mjs';
import { median, runProcess, summarize } from '../lib/measure.mjs';

export const id = 5;
export const title = 'CLI over 1,000 files in one call vs 1,000 helm template runs';
export const target = { metric: 'speed-up', op: '>=', value: 50 };
const PEAK_MB = 150;

export function missing(ctx) {
  return cliMissing(ctx) ?? (ctx.helm ? undefined : 'the Helm 4 binary is not available here (its npm dev dependency is missing, or this is not x86-64 Linux)');
}

/** Runs the CLI with the peak-memory probe preloaded; returns wall ms and peak RSS in MB. */
function cliRun(ctx, args, tmp) {
  const rssFile = path.join(tmp, 'peak-rss');
  fs.rmSync(rssFile, { force: true });
  const probe = path.join(ctx.root, 'bench', 'lib', 'peak-rss.cjs');
  const res = runProcess(process.execPath, ['--require', probe, ctx.cli, ...args], {
    cwd: ctx.root,
    env: { ...process.env, NO_COLOR: '1', BENCH_PEAK_RSS_FILE: rssFile },
  });
  // 0: clean, 1: diagnostics found; both mean every file was read and judged. 2 is a usage error.
  if (res.status !== 0 && res.status !== 1) throw new Error(`helm-image-variant ${args.slice(0, 3).join(' ')} … exited ${res.status}: ${res.stderr.slice(0, 500)}`);
  return { ms: res.ms, peakMB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, stdout: res.stdout };
}

/** True when `images` takes several values files as positional arguments (one release each). */
function imagesTakesFiles(ctx) {
  const help = runProcess(process.execPath, [ctx.cli, 'images', '--help'], { cwd: ctx.root });
  return /images \[options\] \[?FILES/.test(help.stdout + help.stderr);
}

export async function run(ctx) {
  const count = ctx.quick ? 100 : 1000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-bench-'));
  try {
    const files = writeValuesFiles(path.join(tmp, 'values'), count);
    const chartArgs = ['--chart', ctx.inputs.chartDir];
    const validateArgs = ['validate', ...chartArgs, '--format', 'json', ...files];
    const batchImages = imagesTakesFiles(ctx);

    // Helm: one render per file, one after another, as a script looping over the files runs it.
    const helmEnv = { ...process.env, HELM_CACHE_HOME: path.join(tmp, 'hc'), HELM_CONFIG_HOME: path.join(tmp, 'hcfg'), HELM_DATA_HOME: path.join(tmp, 'hd') };
    const helmPass = () => {
      let ms = 0;
      for (const f of files) {
        const r = runProcess(ctx.helm, ['template', 'gloo', ctx.inputs.chartDir, '-f', f], { env: helmEnv });
        if (r.status !== 0) throw new Error(`helm template with ${path.basename(f)} failed: ${r.stderr.slice(0, 300)}`);
        ms += r.ms;
      }
      return ms;
    };

    // The CLI is timed before and after the long Helm pass, so both see the same machine.
    const validateRuns = [cliRun(ctx, validateArgs, tmp)];
    const helmMs = helmPass();
    validateRuns.push(cliRun(ctx, validateArgs, tmp), cliRun(ctx, validateArgs, tmp));
    const validateMs = median(validateRuns.map((r) => r.ms));
    const peakMB = Math.max(...validateRuns.map((r) => r.peakMB));

    const measurements = {
      [`helm template × ${count}`]: summarize([helmMs], 'ms'),
      [`helm-image-variant validate, ${count} files, one call`]: summarize(validateRuns.map((r) => r.ms), 'ms'),
      'validate peak memory': summarize(validateRuns.map((r) => r.peakMB), 'MB'),
    };
    const extra = { 'files': count, 'validate speed-up': helmMs / validateMs, 'peak memory (MB)': peakMB };
    let speedUp = helmMs / validateMs;
    if (batchImages) {
      const imagesArgs = ['images', ...chartArgs, '--output', 'json', ...files];
      const imagesRuns = [cliRun(ctx, imagesArgs, tmp), cliRun(ctx, imagesArgs, tmp), cliRun(ctx, imagesArgs, tmp)];
      const imagesMs = median(imagesRuns.map((r) => r.ms));
      measurements[`helm-image-variant images, ${count} files, one call`] = summarize(imagesRuns.map((r) => r.ms), 'ms');
      extra['images speed-up'] = helmMs / imagesMs;
      extra['peak memory (MB)'] = Math.max(peakMB, ...imagesRuns.map((r) => r.peakMB));
      speedUp = Math.min(speedUp, helmMs / imagesMs);
    } else {
      // `images` computes one release per call: a batch is one process per file, like Helm's.
      const sample = files.slice(0, ctx.quick ? 10 : 50);
      const perCall = sample.map((f) => cliRun(ctx, ['images', ...chartArgs, '-f', f, '--output', 'list'], tmp).ms);
      measurements['helm-image-variant images -f FILE, per call'] = summarize(perCall, 'ms');
      extra['images: one release per call'] = `no batch form; ${sample.length} single calls timed, helm template per call ${(helmMs / count).toFixed(1)} ms`;
    }
    return {
      ratio: speedUp,
      measurements,
      extra,
      headline: { subject: `helm-image-variant validate, ${count} files, one call`, baseline: `helm template × ${count}` },
      alsoRequired: [{ metric: 'peak memory (MB)', op: '<=', value: PEAK_MB, measured: extra['peak memory (MB)'] }],
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
