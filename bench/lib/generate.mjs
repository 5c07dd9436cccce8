// Generated user values files for the Gloo chart: what a repository of many releases holds. Deterministic
// (a seeded generator), so every run and every machine times the same texts. Each file sets the things
// people set in such files (variant, registry, tags, replicas, components on and off, a deleted block),
// in the size of a typical override (25 to 45 lines), and stays a file that `helm template` renders.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 as random } from '../../scripts/lib/rng.mjs';


// mostly right, sometimes fips, which the open-source chart does not publish (a finding for validate)
const VARIANTS = ['standard', 'distroless', 'standard', 'distroless', 'fips'];
const REGISTRIES = ['quay.io/solo-io', 'registry.example.com/mirror/solo-io', 'ghcr.io/acme/gloo', 'harbor.internal:5000/solo-io'];
const TAGS = ['1.22.0', '1.22.1', '1.22.0-patch1', '1.21.9'];
// Image blocks of the Gloo chart that user files commonly touch: [path to the block, has replicas].
const BLOCKS = [
  ['gloo.deployment', true],
  ['discovery.deployment', true],
  ['gatewayProxies.gatewayProxy.podTemplate', false],
  ['gateway.certGenJob', false],
  ['gateway.rolloutJob', false],
  ['accessLogger', true],
];

/** The map at a dotted path of `tree`, created as needed. */
function at(tree, dotted) {
  let m = tree;
  for (const p of dotted.split('.')) m = m[p] ??= {};
  return m;
}

/** Block YAML of a tree of maps and scalars, two spaces a level, keys in insertion order. */
function emit(tree, indent = '') {
  const lines = [];
  for (const [k, v] of Object.entries(tree)) {
    if (v !== null && typeof v === 'object') lines.push(`${indent}${k}:`, ...emit(v, `${indent}  `));
    else lines.push(`${indent}${k}: ${v}`);
  }
  return lines;
}

/** The text of generated file number `i` (0-based). */
export function valuesFileText(i) {
  const rnd = random(0x9e3779b9 ^ Math.imul(i + 1, 2654435761));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const tree = {};
  const image = at(tree, 'global.image');
  image.registry = pick(REGISTRIES);
  image.variant = pick(VARIANTS);
  if (rnd() < 0.5) image.pullPolicy = 'Always';
  if (rnd() < 0.3) at(tree, 'global.glooRbac').namespaced = true;
  for (const [p, hasReplicas] of BLOCKS) {
    if (rnd() < 0.45) continue;
    const block = at(tree, p);
    if (hasReplicas && rnd() < 0.5) block.replicas = 1 + Math.floor(rnd() * 4);
    block.image = { tag: pick(TAGS) };
    if (rnd() < 0.4) block.image.variant = pick(VARIANTS);
    if (rnd() < 0.3) block.resources = { requests: { cpu: `${100 * (1 + Math.floor(rnd() * 5))}m`, memory: '256Mi' } };
  }
  if (rnd() < 0.4) at(tree, 'discovery').enabled = false;
  if (rnd() < 0.3) at(tree, 'ingress').enabled = true;
  if (rnd() < 0.3) Object.assign(at(tree, 'gateway.validation'), { failurePolicy: rnd() < 0.5 ? 'Fail' : 'Ignore', allowWarnings: false });
  if (rnd() < 0.2) Object.assign(at(tree, 'settings'), { writeNamespace: 'gloo-system', ipV4Only: true });
  const lines = [`# generated values file ${i + 1}: one release of the Gloo chart`, ...emit(tree)];
  while (lines.length < 25) lines.push(`# note ${lines.length}: owned by team-${Math.floor(rnd() * 100)}`);
  return lines.join('\n') + '\n';
}

/** `count` generated files in memory: [{ name, text }]. */
export function valuesFiles(count) {
  return Array.from({ length: count }, (_, i) => ({ name: `values-${String(i + 1).padStart(5, '0')}.yaml`, text: valuesFileText(i) }));
}

/** Writes `count` generated files into `dir` (created) and returns their paths. */
export function writeValuesFiles(dir, count) {
  fs.mkdirSync(dir, { recursive: true });
  return valuesFiles(count).map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.text);
    return p;
  });
}
