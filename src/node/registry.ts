// The registry check of `images --check`: each image's manifest asked for over the OCI distribution API, to
// find missing tags, a tag whose digest is not the pinned one, and a manifest list without the platform the
// cluster runs. Node only (TLS with a custom CA, Docker credential helpers). Nothing here runs unless asked.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import tls from 'node:tls';
import nodePath from 'node:path';
import type { ResolvedImage } from '../images/resolve.js';
import { normalizeImageReference, tryParseImageReference } from '../reference/index.js';

/** What the check found for one reference. */
export type ImageCheckStatus = 'ok' | 'missing' | 'digest-mismatch' | 'platform-missing' | 'unauthorized' | 'unreachable' | 'invalid';

/** One reference checked. */
export interface ImageCheck {
  reference: string;
  status: ImageCheckStatus;
  message: string;
  /** The digest the registry serves for the reference (the tag's, or the pinned one). */
  digest?: string;
  /** Platforms of a manifest list (or of the single image), `os/arch[/variant]`. */
  platforms?: string[];
  /** The values paths of the images with this reference. */
  valuesPaths: string[];
  /** The platforms asked of this image, each with why: the workloads that pin it, or `--platform` (the default). */
  required?: Array<{ platform: string; because: string[] }>;
  /** The workloads of this image that pin the architecture of their nodes, and how (nodeSelector, node affinity). */
  pins?: Array<{ workload: string; platforms: string[]; by: string[] }>;
}

/** An image to check: its reference, and where known the workloads it renders into (with their architecture pins). */
export type CheckedImage = Pick<ResolvedImage, 'reference' | 'valuesPath'> & { workloads?: ResolvedImage['workloads'] };

/** Options of {@link checkImages}. */
export interface CheckImagesOptions {
  /**
   * The platforms of the cluster's nodes, `os/arch[/variant]`: what the image of a workload that does not pin its
   * nodes' architecture must have. Default `['linux/amd64']`. A workload pinned to architectures (nodeSelector or
   * required node affinity on kubernetes.io/arch) needs each of those instead, for every OS listed here; one that
   * only excludes some needs these platforms less the excluded ones.
   */
  platforms?: string[];
  /** PEM certificates to trust besides the system's (a private registry's CA). */
  ca?: string | Buffer;
  /** Plain HTTP for registries on localhost / 127.0.0.1 / ::1 (never elsewhere). */
  insecure?: boolean;
  /** The Docker config file with `auths` and credential helpers. Default `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
  dockerConfig?: string;
  /** Credentials by registry host, before the Docker config. */
  credentials?: Record<string, { username: string; password: string }>;
  /** Per request, in ms. Default 10,000. */
  timeoutMs?: number;
  /** Retries of a request that timed out, failed to connect or got 429/5xx, with exponential backoff. Default 3. */
  retries?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called when a reference's check starts and when it ends: references done, in all, and being checked now (a progress bar). */
  onProgress?: (done: number, total: number, inFlight: number) => void;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** A manifest or an image config larger than this is refused (real ones are a few KiB). */
const MAX_BODY = 4 * 1024 * 1024;

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

class Unreachable extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The registry's API host: Docker Hub's is registry-1.docker.io. */
function apiHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

function isLocal(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '127.0.0.1' || h === '::1';
}

/** One HTTP request with a timeout, a body cap and up to 5 redirects (credentials dropped when the host changes). */
function request(url: URL, headers: Record<string, string>, options: CheckImagesOptions, method = 'GET', redirects = 5): Promise<Response> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'http:' ? http : https;
    const req = mod.request(url, { method, headers: { 'User-Agent': 'helm-image-variant', ...headers }, timeout: options.timeoutMs ?? 10_000, ...(options.ca && url.protocol === 'https:' ? { ca: [...tls.rootCertificates, options.ca.toString()] } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location && redirects > 0) {
        res.resume();
        const next = new URL(res.headers.location, url);
        if (next.protocol !== 'https:' && !(next.protocol === 'http:' && url.protocol === 'http:')) return reject(new Unreachable(`redirect from ${url.host} to ${next.protocol} refused`));
        const h = { ...headers };
        if (next.host !== url.host) delete h.Authorization;
        return resolve(request(next, h, options, method, redirects - 1));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          req.destroy(new Unreachable(`${url.host} answered with more than ${MAX_BODY} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => reject(new Unreachable(e.message)));
    });
    req.on('timeout', () => req.destroy(new Unreachable(`${url.host} did not answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', (e) => reject(e instanceof Unreachable ? e : new Unreachable(`${url.host}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    req.end();
  });
}

/** A request retried on timeouts, connection errors, 429 and 5xx, with exponential backoff (Retry-After honoured up to 5 s and the request timeout). */
async function retried(url: URL, headers: Record<string, string>, options: CheckImagesOptions): Promise<Response> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let r: Response | undefined;
    let err: unknown;
    try {
      r = await request(url, headers, options);
    } catch (e) {
      err = e;
    }
    const again = err !== undefined || r!.status === 429 || r!.status >= 500;
    if (!again || attempt >= retries) {
      if (err !== undefined) throw err;
      return r!;
    }
    const after = Number(r?.headers['retry-after']);
    // never longer than one request may take: a Retry-After of minutes is the registry saying no
    await sleep(Math.min(Number.isFinite(after) && after > 0 ? after * 1000 : 200 * 2 ** attempt, 5000, options.timeoutMs ?? 10_000));
  }
}

/** Credentials for a registry host: the options', then the Docker config's `auths`, then its credential helper. */
function credentialsFor(host: string, options: CheckImagesOptions, config: DockerConfig | undefined): { username: string; password: string } | undefined {
  const own = options.credentials?.[host];
  if (own) return own;
  if (!config) return undefined;
  const keys = host === 'docker.io' ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [host, `https://${host}`, `http://${host}`];
  for (const k of keys) {
    const a = config.auths?.[k];
    if (!a) continue;
    if (typeof a.auth === 'string') {
      const text = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = text.indexOf(':');
      if (i > 0) return { username: text.slice(0, i), password: text.slice(i + 1) };
    }
    if (typeof a.username === 'string' && typeof a.password === 'string') return { username: a.username, password: a.password };
  }
  const helper = config.credHelpers?.[host] ?? config.credsStore;
  if (typeof helper === 'string' && /^[\w.-]+$/.test(helper)) {
    const r = spawnSync(`docker-credential-${helper}`, ['get'], { input: host === 'docker.io' ? 'https://index.docker.io/v1/' : host, encoding: 'utf8', timeout: 10_000 });
    if (r.status === 0) {
      try {
        const j = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
        if (j.Username && j.Secret) return { username: j.Username, password: j.Secret };
      } catch {
        /* a helper that prints something else has no credentials for us */
      }
    }
  }
  return undefined;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

function readDockerConfig(options: CheckImagesOptions): DockerConfig | undefined {
  const file = options.dockerConfig ?? nodePath.join(process.env.DOCKER_CONFIG ?? nodePath.join(os.homedir(), '.docker'), 'config.json');
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return j && typeof j === 'object' ? (j as DockerConfig) : undefined;
  } catch {
    return undefined;
  }
}

/** `key="value"` parameters of a WWW-Authenticate challenge. */
function challenge(header: string | undefined): { scheme: string; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const m = /^(\w+)\s*(.*)$/.exec(header.trim());
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!.toLowerCase()] = p[2]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

/** A registry session: the scheme, and an Authorization header once a challenge was answered. */
class Session {
  private auth: Promise<string | undefined> | undefined;
  constructor(
    readonly base: URL,
    private readonly creds: { username: string; password: string } | undefined,
    private readonly options: CheckImagesOptions,
  ) {}

  async get(path: string, accept: string): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { Accept: accept };
    const current = await this.auth;
    if (current) headers.Authorization = current;
    let r = await retried(url, headers, this.options);
    if (r.status === 401) {
      this.auth = this.answer(challenge(r.headers['www-authenticate'] as string | undefined));
      const a = await this.auth;
      if (!a) return r;
      r = await retried(url, { ...headers, Authorization: a }, this.options);
    }
    return r;
  }

  /** The Authorization header for a challenge: basic credentials, or a bearer token from the realm. */
  private async answer(c: ReturnType<typeof challenge>): Promise<string | undefined> {
    const basic = this.creds ? `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}` : undefined;
    if (!c) return basic;
    if (c.scheme === 'basic') return basic;
    if (c.scheme !== 'bearer' || !c.params.realm) return undefined;
    const realm = new URL(c.params.realm);
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && this.options.insecure && isLocal(realm.host))) throw new Unreachable(`token realm ${realm.href} is not https`);
    if (c.params.service) realm.searchParams.set('service', c.params.service);
    if (c.params.scope) realm.searchParams.set('scope', c.params.scope);
    const r = await retried(realm, basic ? { Authorization: basic } : {}, this.options);
    if (r.status !== 200) return undefined;
    try {
      const j = JSON.parse(r.body.toString('utf8')) as { token?: string; access_token?: string };
      const t = j.token ?? j.access_token;
      return t ? `Bearer ${t}` : undefined;
    } catch {
      return undefined;
    }
  }
}

interface Platform {
  os?: string;
  architecture?: string;
  variant?: string;
}
/** `os/arch[/variant]` of what a manifest list or an image config says (anything not a string is unknown). */
function platformText(p: unknown): string {
  const o = (p && typeof p === 'object' ? p : {}) as Platform;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '?');
  return `${str(o.os)}/${str(o.architecture)}${typeof o.variant === 'string' && o.variant ? `/${o.variant}` : ''}`;
}
function hasPlatform(have: string[], want: string): boolean {
  const [wos, warch, wvar] = want.split('/');
  return have.some((h) => {
    const [os2, arch, v] = h.split('/');
    return os2 === wos && arch === warch && (wvar === undefined || v === wvar);
  });
}

const DEFAULT_PLATFORMS = ['linux/amd64'];

/** `Kind/name (container)` of a workload, as the check's messages name it. */
function workloadText(w: NonNullable<CheckedImage['workloads']>[number]): string {
  return `${w.kind}/${w.name}${w.container ? ` (${w.container})` : ''}`;
}

/**
 * The platforms an image must have, each with why. A workload that pins its nodes to a finite set of architectures
 * can be scheduled on a node of any of them, so its image must serve every one (an image without one of them fails
 * on those nodes with `exec format error`): `os/arch` for each pinned arch and each OS of `platforms`. A workload
 * that only excludes architectures needs `platforms` less those; a workload without a pin, or an image whose
 * workloads are unknown, needs `platforms` (the cluster's). Pins that allow no architecture at all ask nothing (the
 * pod is never scheduled).
 */
export function requiredPlatforms(workloads: CheckedImage['workloads'], platforms: readonly string[] = DEFAULT_PLATFORMS, given = false): { required: Map<string, string[]>; pins: NonNullable<ImageCheck['pins']> } {
  const required = new Map<string, string[]>();
  const pins: NonNullable<ImageCheck['pins']> = [];
  const add = (p: string, why: string) => {
    const list = required.get(p) ?? [];
    if (!list.includes(why)) list.push(why);
    required.set(p, list);
  };
  const cluster = given ? '--platform' : 'the default platform (no --platform)';
  const oses = [...new Set(platforms.map((p) => p.split('/')[0]!))];
  const list = workloads && workloads.length ? workloads : [undefined];
  for (const w of list) {
    const pin = w?.arch;
    if (!w || !pin) {
      for (const p of platforms) add(p, cluster);
      continue;
    }
    const archOf = (p: string) => p.split('/')[1]!;
    const wanted = pin.allowed ? oses.flatMap((o) => pin.allowed!.map((a) => `${o}/${a}`)) : platforms.filter((p) => !pin.excluded!.includes(archOf(p)));
    const why = `${workloadText(w)}: ${pin.by.join(', ')}`;
    for (const p of wanted) add(p, why);
    pins.push({ workload: workloadText(w), platforms: wanted, by: pin.by });
  }
  return { required, pins };
}

/** Checks one reference. */
async function checkOne(reference: string, sessionFor: (registry: string) => Session | Error, options: CheckImagesOptions, required: Map<string, string[]>): Promise<Omit<ImageCheck, 'valuesPaths'>> {
  const parsed = tryParseImageReference(reference);
  if (!parsed) return { reference, status: 'invalid', message: 'not a valid image reference' };
  const n = normalizeImageReference(parsed);
  const session = sessionFor(n.registry!);
  if (session instanceof Error) return { reference, status: 'unreachable', message: session.message };
  const ref = n.tag ?? n.digest ?? 'latest';
  try {
    const r = await session.get(`/v2/${n.repository}/manifests/${ref}`, MANIFEST_TYPES);
    if (r.status === 401 || r.status === 403) return { reference, status: 'unauthorized', message: `${n.registry} refused the credentials (HTTP ${r.status}); log in with docker login, or check ~/.docker/config.json` };
    if (r.status === 404) return { reference, status: 'missing', message: `${n.registry} has no ${n.repository}:${ref}` };
    if (r.status !== 200) return { reference, status: 'unreachable', message: `${n.registry} answered HTTP ${r.status} for the manifest of ${n.repository}:${ref}` };
    const served = (r.headers['docker-content-digest'] as string | undefined) ?? `sha256:${createHash('sha256').update(r.body).digest('hex')}`;
    if (n.digest && n.tag && served !== n.digest) {
      return { reference, status: 'digest-mismatch', digest: served, message: `${n.repository}:${n.tag} is ${served} in ${n.registry}, not the pinned ${n.digest}: the runtime pulls the pinned digest, which the tag no longer names` };
    }
    let manifest: { mediaType?: string; manifests?: unknown[]; config?: { digest?: string } };
    try {
      manifest = JSON.parse(r.body.toString('utf8'));
      if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error('not an object');
    } catch {
      return { reference, status: 'unreachable', message: `${n.registry} served a manifest that is not JSON for ${n.repository}:${ref}` };
    }
    let platforms: string[];
    if (Array.isArray(manifest.manifests)) platforms = manifest.manifests.map((m) => platformText(m && typeof m === 'object' ? (m as { platform?: unknown }).platform : undefined)).filter((p) => p !== 'unknown/unknown');
    else {
      const digest = manifest.config && typeof manifest.config === 'object' ? manifest.config.digest : undefined;
      if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) return { reference, status: 'unreachable', message: `the manifest of ${n.repository}:${ref} names no image config` };
      const c = await session.get(`/v2/${n.repository}/blobs/${digest}`, '*/*');
      if (c.status !== 200) return { reference, status: 'unreachable', message: `${n.registry} answered HTTP ${c.status} for the image config of ${n.repository}:${ref}` };
      try {
        platforms = [platformText(JSON.parse(c.body.toString('utf8')) as Platform)];
      } catch {
        return { reference, status: 'unreachable', message: `the image config of ${n.repository}:${ref} is not JSON` };
      }
    }
    const missing = [...required.keys()].filter((p) => !hasPlatform(platforms, p));
    if (missing.length) {
      // why each missing platform is asked for, unless it is only the cluster's (the --platform list or its default)
      const why = [...new Set(missing.flatMap((p) => required.get(p)!.filter((w) => !w.startsWith('--platform') && !w.startsWith('the default platform'))))];
      return { reference, status: 'platform-missing', digest: served, platforms, message: `${n.repository}:${ref} is built for ${platforms.join(', ') || 'no platform'}, not ${missing.join(', ')}${why.length ? ` (pinned by ${why.join('; ')})` : ''}` };
    }
    return { reference, status: 'ok', digest: served, platforms, message: `present (${platforms.join(', ')})` };
  } catch (e) {
    if (e instanceof Unreachable) return { reference, status: 'unreachable', message: e.message };
    throw e;
  }
}

/**
 * Asks the registry each image names for its manifest: `missing` (no such tag or digest), `digest-mismatch` (the
 * tag now names another digest than the pinned one), `platform-missing` (not built for a platform of
 * `options.platforms`), `unauthorized` (credentials refused), `unreachable` (no answer, TLS, 5xx after retries).
 * Each reference is asked once, with bounded concurrency. Only this function touches the network.
 */
export async function checkImages(images: readonly CheckedImage[], options: CheckImagesOptions = {}): Promise<ImageCheck[]> {
  const paths = new Map<string, string[]>();
  // the workloads of each reference; an image whose workloads are unknown counts as one unpinned workload
  const workloadsOf = new Map<string, NonNullable<CheckedImage['workloads']>>();
  const unknown = { kind: '', name: '', container: '' };
  for (const i of images) {
    if (!i.reference) continue;
    paths.set(i.reference, [...(paths.get(i.reference) ?? []), i.valuesPath]);
    const ws = workloadsOf.get(i.reference) ?? [];
    for (const w of i.workloads?.length ? i.workloads : [unknown]) if (!ws.some((x) => x.kind === w.kind && x.name === w.name && x.container === w.container)) ws.push(w);
    workloadsOf.set(i.reference, ws);
  }
  const platforms = options.platforms ?? DEFAULT_PLATFORMS;
  const config = readDockerConfig(options);
  const sessions = new Map<string, Session | Error>();
  const sessionFor = (registry: string): Session | Error => {
    let s = sessions.get(registry);
    if (!s) {
      const host = apiHost(registry);
      if (options.insecure && !isLocal(host)) s = new Error(`--insecure allows plain HTTP on localhost only, not ${host}`);
      else s = new Session(new URL(`${options.insecure ? 'http' : 'https'}://${host}/`), credentialsFor(registry, options, config), options);
      sessions.set(registry, s);
    }
    return s;
  };
  const refs = [...paths.keys()].sort();
  const out: ImageCheck[] = new Array(refs.length);
  let next = 0;
  let done = 0;
  let inFlight = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, refs.length)) }, async () => {
    while (next < refs.length) {
      const i = next++;
      options.onProgress?.(done, refs.length, ++inFlight);
      const { required, pins } = requiredPlatforms(workloadsOf.get(refs[i]!)!, platforms, options.platforms !== undefined);
      const checked: ImageCheck = { ...(await checkOne(refs[i]!, sessionFor, options, required)), valuesPaths: paths.get(refs[i]!)! };
      checked.required = [...required].map(([platform, because]) => ({ platform, because }));
      if (pins.length) checked.pins = pins;
      out[i] = checked;
      options.onProgress?.(++done, refs.length, --inFlight);
    }
  });
  await Promise.all(workers);
  return out;
}
