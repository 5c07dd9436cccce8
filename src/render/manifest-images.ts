// The images of rendered manifests: every container, init container and ephemeral container of every pod a
// manifest describes (workload kinds at their known pod template, pod templates found inside any other kind), and
// the image groups of Gloo's GatewayParameters, whose structured fields the gloo-gateway deployer joins into one
// reference (gloo-chart-images.md §3.7). Browser-safe.
import { composeFirstDocument, YamlFailure } from '../values/yaml/compose.js';
import { formatGoV } from '../values/gofmt.js';
import { isMap, Src, type GoMap, type Val } from '../values/model.js';
import type { RenderedDocument } from './render-chart.js';
import { archPinOf, type ArchPin } from '../images/arch-pins.js';

/** One image as a manifest holds it. */
export interface ManifestImage {
  /** The document's kind and metadata.name (null when absent). */
  kind: string;
  name: string | null;
  /** The container's name; for GatewayParameters the image group under spec.kube. */
  container: string | null;
  /** The image reference; for GatewayParameters derived from the fields (`%!s(<nil>)` for a missing one). */
  image: string | null;
  /** Where: containers, initContainers, ephemeralContainers, or gatewayParameters. */
  field: 'containers' | 'initContainers' | 'ephemeralContainers' | 'gatewayParameters';
  /** The template that rendered the document. */
  template: string;
  /** GatewayParameters only: the structured fields present (registry, repository, tag, digest, pullPolicy). */
  fields?: Record<string, Val>;
  /** How the pod spec pins the architecture of its nodes (nodeSelector, required node affinity), when it does. */
  arch?: ArchPin;
}

// Where each workload kind keeps its pod spec.
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

const GP_GROUPS: Array<[string, (kube: GoMap) => Val | undefined]> = [
  ['envoyContainer', (k) => k.envoyContainer],
  ['sdsContainer', (k) => k.sdsContainer],
  ['istio.istioProxyContainer', (k) => (isMap(k.istio) ? k.istio.istioProxyContainer : undefined)],
  ['aiExtension', (k) => k.aiExtension],
];

const MAX_SEARCH_DEPTH = 12;

function at(v: Val | undefined, path: string[]): Val | undefined {
  let cur = v;
  for (const p of path) {
    if (!cur || !isMap(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
  }
  return cur;
}

/** A field as the resource holds it, printed as Go's %s/%v would (a missing one `%!s(<nil>)`). */
function goS(v: Val | undefined): string {
  if (v === undefined || v === null) return '%!s(<nil>)';
  return typeof v === 'string' ? v : formatGoV(v);
}

/** A pod spec's containers of the three lists, in the order init, regular, ephemeral. */
function podImages(spec: GoMap, base: Omit<ManifestImage, 'container' | 'image' | 'field'>, out: ManifestImage[]): void {
  const arch = archPinOf(spec);
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const m = isMap(c) ? c : undefined;
      const name = m && typeof m.name === 'string' ? m.name : null;
      const img = m?.image;
      out.push({ ...base, container: name, image: img === undefined || img === null ? null : goS(img), field, ...(arch ? { arch } : {}) });
    }
  }
}

/** Pod template specs inside a kind this module does not know: any `template.spec` or `spec` with containers. */
function findPodSpecs(v: Val, depth: number, out: GoMap[]): void {
  if (depth > MAX_SEARCH_DEPTH || out.length > 64) return;
  if (Array.isArray(v)) {
    for (const x of v) findPodSpecs(x, depth + 1, out);
    return;
  }
  if (!isMap(v)) return;
  if (Array.isArray(v.containers) && v.containers.some((c) => isMap(c) && 'image' in c)) {
    out.push(v);
    return;
  }
  for (const k of Object.keys(v)) findPodSpecs(v[k]!, depth + 1, out);
}

/** The images of one parsed manifest. */
export function imagesOfManifest(doc: Val, template: string): ManifestImage[] {
  const out: ManifestImage[] = [];
  if (!isMap(doc)) return out;
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  const md = doc.metadata;
  const name = isMap(md) && typeof md.name === 'string' ? md.name : null;
  const base = { kind, name, template };
  const known = POD_SPEC_PATHS[kind];
  if (known) {
    const spec = at(doc, known);
    if (spec && isMap(spec)) podImages(spec, base, out);
    return out;
  }
  if (kind === 'GatewayParameters') {
    const kube = at(doc, ['spec', 'kube']);
    if (kube && isMap(kube)) {
      for (const [group, get] of GP_GROUPS) {
        const ctr = get(kube);
        if (!ctr || !isMap(ctr) || !('image' in ctr)) continue;
        const img = isMap(ctr.image) ? ctr.image : ({} as GoMap);
        const fields: Record<string, Val> = {};
        for (const k of ['registry', 'repository', 'tag', 'digest', 'pullPolicy']) if (k in img) fields[k] = img[k]!;
        let image = `${goS(img.registry)}/${goS(img.repository)}:${goS(img.tag)}`;
        if (img.digest !== undefined && img.digest !== null && img.digest !== '') image += `@${goS(img.digest)}`;
        out.push({ ...base, container: group, image, field: 'gatewayParameters', fields });
      }
    }
    return out;
  }
  // pod templates in other kinds (Argo Rollouts, operators' custom resources, List items)
  const specs: GoMap[] = [];
  findPodSpecs(doc.spec ?? doc.items ?? doc.template, 0, specs);
  for (const s of specs) podImages(s, base, out);
  return out;
}

/** The images of rendered documents (renderChart's `documents`), in document order. */
export function manifestImages(documents: RenderedDocument[]): ManifestImage[] {
  const out: ManifestImage[] = [];
  for (const d of documents) {
    let v: Val;
    try {
      v = composeFirstDocument(d.text, new Src(d.template, d.text)).value as Val;
    } catch (e) {
      // go-yaml accepts some texts this reader refuses: such a document contributes no images
      if (e instanceof YamlFailure) continue;
      throw e;
    }
    out.push(...imagesOfManifest(v, d.template));
  }
  return out;
}
