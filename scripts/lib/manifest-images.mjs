// The images of a rendered manifest stream, as the render corpora record them:
//   * one entry {kind, name, container, image} per container and initContainer of every Deployment, DaemonSet,
//     StatefulSet, Job and CronJob pod spec (`image` null when a user container has none);
//   * for GatewayParameters one entry per image group (envoyContainer | sdsContainer | istio.istioProxyContainer |
//     aiExtension) with the raw YAML-parsed fields {registry, repository, tag, digest, pullPolicy} (only the keys
//     present) and an image string DERIVED from them the way the gloo-gateway deployer joins them:
//     registry/repository:tag plus @digest when the digest is set, each part as the resource holds it (a missing
//     part is Go's %!s(<nil>); a number or boolean, which the chart printed unquoted, as Go's %v: tag 1.10 is 1.1).
// Entries are sorted by kind, name, container (then image).
import { createRequire } from 'node:module';
import { isMap } from './values-case.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

/** Go's %v of a float64: the shortest digits, in %e form when the decimal exponent is < -4 or >= 6 (1e+06). */
export function goFloat(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [m, e] = x.toExponential().split('e');
  const n = Number(e);
  if (n < -4 || n >= 6) return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return String(x);
}

/** A resource field as text: strings as they are, numbers and booleans as Go's %v (what the resource holds), nil as %s prints it. */
export function goS(v) {
  if (v === undefined || v === null) return '%!s(<nil>)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  return `%!s(${JSON.stringify(v)})`;
}

const GP_GROUPS = [
  ['envoyContainer', (k) => k.envoyContainer],
  ['sdsContainer', (k) => k.sdsContainer],
  ['istio.istioProxyContainer', (k) => (isMap(k.istio) ? k.istio.istioProxyContainer : undefined)],
  ['aiExtension', (k) => k.aiExtension],
];

// Workload kinds whose pod template is spec.template.spec. StatefulSet: the community subcharts of gloo-ee
// (alertmanager of prometheus 25.x, prometheus server in statefulSet mode) render pods that way.
const POD_TEMPLATE_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'Job'];

/** The sorted image entries of a `helm template` output (throws when the output is not YAML). */
export function extractImages(stdout) {
  const images = [];
  // json: a duplicated mapping key keeps the last value instead of throwing. Helm does not parse what it renders,
  // so a chart can emit such a manifest (the 1.17.0 gloo-ee Settings with a user's settings block does); the
  // workloads in the same output still have to be read.
  const docs = yaml.loadAll(stdout, null, { json: true });
  for (const doc of docs) {
    if (!isMap(doc)) continue;
    const kind = doc.kind;
    const name = isMap(doc.metadata) ? doc.metadata.name ?? null : null;
    let pod;
    if (POD_TEMPLATE_KINDS.includes(kind)) pod = doc.spec?.template?.spec;
    else if (kind === 'CronJob') pod = doc.spec?.jobTemplate?.spec?.template?.spec;
    if (isMap(pod)) {
      for (const list of [pod.initContainers, pod.containers]) {
        if (!Array.isArray(list)) continue;
        for (const ctr of list) images.push({ kind, name, container: isMap(ctr) ? ctr.name ?? null : null, image: isMap(ctr) ? ctr.image ?? null : null });
      }
    }
    if (kind === 'GatewayParameters' && isMap(doc.spec?.kube)) {
      for (const [group, get] of GP_GROUPS) {
        const ctr = get(doc.spec.kube);
        if (!isMap(ctr) || !('image' in ctr)) continue;
        const img = isMap(ctr.image) ? ctr.image : {};
        const fields = {};
        for (const k of ['registry', 'repository', 'tag', 'digest', 'pullPolicy']) if (k in img) fields[k] = img[k];
        let image = `${goS(img.registry)}/${goS(img.repository)}:${goS(img.tag)}`;
        if (img.digest !== undefined && img.digest !== null && img.digest !== '') image += `@${goS(img.digest)}`;
        images.push({ kind, name, container: group, image, fields });
      }
    }
  }
  const key = (e) => [e.kind, e.name, e.container, typeof e.image === 'string' ? e.image : JSON.stringify(e.image)].map((x) => String(x));
  images.sort((a, b) => {
    const ka = key(a), kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return images;
}
