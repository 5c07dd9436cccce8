#!/usr/bin/env node
// Loads a chart's values.yaml, -f files and --set flags the way Helm does, and prints what the templates
// will see, where each image value came from, and Helm's warnings.
//   node examples/load-values.mjs CHART_VALUES [-f FILE]... [--set K=V]... [--helm 3|4]
import { loadValues } from 'helm-image-variant';
import { readValuesSource } from 'helm-image-variant/node';

const args = process.argv.slice(2);
const input = { valuesFiles: [], set: [], setString: [], helmVersion: 4 };
let chart;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-f' || a === '--values') input.valuesFiles.push(await readValuesSource(args[++i]));
  else if (a === '--set') input.set.push(args[++i]);
  else if (a === '--set-string') input.setString.push(args[++i]);
  else if (a === '--helm') input.helmVersion = Number(args[++i]);
  else if (!chart) chart = a;
  else input.valuesFiles.push(await readValuesSource(a));
}
if (!chart) {
  console.error('usage: node examples/load-values.mjs CHART_VALUES [-f FILE]... [--set K=V]... [--helm 3|4]');
  process.exit(2);
}
try {
  const loaded = loadValues({ ...input, chartValues: await readValuesSource(chart) });
  console.log(`.Values (as Helm ${loaded.helmVersion}'s toJson prints it):`);
  console.log(loaded.toJson());
  console.log('\nImage values and where they came from:');
  const walk = (v, path) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(v)) walk(v[k], path ? `${path}.${k}` : k);
    } else if (/image\.(registry|repository|tag|variant|digest)$/.test(path)) {
      const where = loaded.locate(path);
      const go = loaded.goValue(path);
      console.log(`  ${path} = ${go.text} (${go.type}) from ${where.file}:${where.line}:${where.column}`);
    }
  };
  walk(loaded.values, '');
  for (const w of loaded.warnings) console.log(`warning: ${w.message}`);
} catch (e) {
  const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : '';
  console.error(`${where}${e.code ?? 'error'}: ${e.message}`);
  process.exit(1);
}
