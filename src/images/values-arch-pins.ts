// Architecture pins read from the values, for images a built-in profile resolved without the chart's templates:
// the Gloo chart prints each component's pod scheduling fields from the values block that holds its image block
// (`gloo.deployment.nodeSelector` beside `gloo.deployment.image`, `gateway.certGenJob.affinity`), and a gateway
// proxy's `podTemplate.nodeSelector` beside `podTemplate.image` with its `affinity` one level up. The nearest
// ancestor of the image block that has a `nodeSelector` (an `affinity`) gives it. Browser-safe.
import { archPinOf } from './arch-pins.js';
import { internalValues, type LoadedValues, type Values } from '../values/load.js';
import { fromPlain } from '../values/strvals.js';
import { isMap, newMap, type GoMap } from '../values/model.js';
import { parsePath } from '../values/paths.js';
import { valueAt } from './expr.js';
import type { ResolvedImage } from './resolve.js';

/**
 * The images with the architecture pin the values give each workload of an image block, by the Gloo chart's
 * convention (above). For images a profile resolved (`source: 'chart'`); others are returned as they are. The
 * rendered pins ({@link workloadArchPins}) are exact where a chart with templates is at hand: prefer them.
 */
export function valuesArchPins(values: Values | LoadedValues, images: readonly ResolvedImage[]): ResolvedImage[] {
  const loaded = values as LoadedValues;
  const tree: GoMap = (typeof loaded.locate === 'function' ? internalValues(loaded) : undefined) ?? fromPlain(values);
  /** The pin the values give the pod of an image block: its nearest ancestors' nodeSelector and affinity. */
  const pinOfBlock = (path: string) => {
    const parts = parsePath(path);
    const spec = newMap();
    for (let n = parts.length - 1; n >= 1; n--) {
      const base = valueAt(tree, parts.slice(0, n));
      if (!isMap(base)) continue;
      for (const f of ['nodeSelector', 'affinity'] as const) if (spec[f] === undefined && isMap(base[f])) spec[f] = base[f];
    }
    return archPinOf(spec);
  };
  // a pod's pin is one for all its containers: a sidecar's block (global.glooMtls.sds.image) says nothing of the
  // pod it joins, the block of a container beside it does (gloo.deployment)
  const workload = (w: ResolvedImage['workloads'][number]) => `${w.kind}/${w.name}`;
  const pins = new Map<string, ReturnType<typeof archPinOf>>();
  for (const i of images) {
    if (i.source !== 'chart' || i.valuesPath === '') continue;
    const pin = pinOfBlock(i.valuesPath);
    if (!pin) continue;
    for (const w of i.workloads) if (w.kind !== 'GatewayParameters' && !pins.has(workload(w))) pins.set(workload(w), pin);
  }
  if (pins.size === 0) return [...images];
  return images.map((i) => ({ ...i, workloads: i.workloads.map((w) => (pins.has(workload(w)) ? { ...w, arch: pins.get(workload(w))! } : w)) }));
}
