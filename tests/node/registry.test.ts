// checkImages against a real registry server: Debian's docker-registry (distribution 2.8) on localhost, with
// htpasswd basic auth and TLS from a CA generated here; manifests and manifest lists pushed through the HTTP API.
// Where the package (or openssl, htpasswd) is missing the real-registry tests say so and are skipped; the retry
// and timeout cases use small servers of their own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkImages } from '../../src/node/index';
import { runCli } from '../cli/run-cli';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const READY = has('docker-registry') && has('openssl') && has('htpasswd');
const maybe = READY ? describe : describe.skip;
if (!READY) console.log('registry tests skipped: docker-registry, openssl or htpasswd is not installed (apt-get install docker-registry apache2-utils openssl)');

let dir: string;
let port: number;
let server: ChildProcess | undefined;
let ca: string;
const USER = { username: 'ci', password: 's3cret-pw' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** One request to the test registry, authenticated, trusting its CA. */
function call(method: string, p: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: p, method, ca, auth: `${USER.username}:${USER.password}`, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sha = (b: Buffer | string) => `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;

async function pushBlob(repo: string, data: Buffer): Promise<string> {
  const digest = sha(data);
  const start = await call('POST', `/v2/${repo}/blobs/uploads/`);
  if (start.status !== 202) throw new Error(`upload start ${start.status} ${start.body}`);
  const loc = new URL(start.headers.location!, `https://127.0.0.1:${port}`);
  loc.searchParams.set('digest', digest);
  const put = await call('PUT', `${loc.pathname}${loc.search}`, data, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length) });
  if (put.status !== 201) throw new Error(`upload ${put.status} ${put.body}`);
  return digest;
}

/** An image manifest for one platform; returns its digest. */
async function pushImage(repo: string, tag: string, arch: string): Promise<{ digest: string; size: number }> {
  const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
  const layer = Buffer.from(`layer of ${repo} ${arch}`);
  const cd = await pushBlob(repo, config);
  const ld = await pushBlob(repo, layer);
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: cd, size: config.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: ld, size: layer.length }] });
  const r = await call('PUT', `/v2/${repo}/manifests/${tag}`, manifest, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
  if (r.status !== 201) throw new Error(`manifest ${r.status} ${r.body}`);
  return { digest: sha(manifest), size: Buffer.byteLength(manifest) };
}

async function pushIndex(repo: string, tag: string, archs: string[]): Promise<string> {
  const manifests = [];
  for (const a of archs) {
    const m = await pushImage(repo, `${tag}-${a}`, a);
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: m.digest, size: m.size, platform: { os: 'linux', architecture: a } });
  }
  const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests });
  const r = await call('PUT', `/v2/${repo}/manifests/${tag}`, index, { 'Content-Type': 'application/vnd.oci.image.index.v1+json' });
  if (r.status !== 201) throw new Error(`index ${r.status} ${r.body}`);
  return sha(index);
}

let amd64Digest: string;
let indexDigest: string;

maybe('a real registry (distribution 2.8, TLS, htpasswd)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-registry-'));
    port = await freePort();
    sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=hiv test CA']);
    sh('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
    fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    sh('openssl', ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext']);
    sh('htpasswd', ['-Bbc', 'htpasswd', USER.username, USER.password]);
    ca = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
    fs.writeFileSync(path.join(dir, 'config.yml'), [
      'version: 0.1',
      'log: { level: error }',
      `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
      `http: { addr: "127.0.0.1:${port}", tls: { certificate: ${dir}/server.crt, key: ${dir}/server.key } }`,
      `auth: { htpasswd: { realm: hiv, path: ${dir}/htpasswd } }`,
      '',
    ].join('\n'));
    server = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await call('GET', '/v2/')).status === 200) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    amd64Digest = (await pushImage('solo-io/gloo', '1.18.0-distroless', 'amd64')).digest;
    indexDigest = await pushIndex('solo-io/gloo', '1.18.0', ['amd64', 'arm64']);
    // the gloo chart 1.18.40 (rendered by the CLI tests below): the standard image for both archs, distroless amd64 only
    await pushIndex('solo-io/gloo', '1.18.40', ['amd64', 'arm64']);
    await pushImage('solo-io/gloo', '1.18.40-distroless', 'amd64');
  }, 60_000);
  afterAll(() => {
    server?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const opts = () => ({ ca, credentials: { [`127.0.0.1:${port}`]: USER }, timeoutMs: 5000 });
  const img = (ref: string) => ({ reference: `127.0.0.1:${port}/${ref}`, valuesPath: 'gloo.deployment.image' });

  test('present: an amd64-only image and a manifest list with amd64', async () => {
    const r = await checkImages([img('solo-io/gloo:1.18.0-distroless'), img('solo-io/gloo:1.18.0')], opts());
    expect(r.map((c) => [c.status, c.platforms])).toEqual([
      ['ok', ['linux/amd64', 'linux/arm64']],
      ['ok', ['linux/amd64']],
    ]);
    expect(r[1]!.digest).toBe(amd64Digest);
    expect(r[0]!.digest).toBe(indexDigest);
  });

  test('a tag missing', async () => {
    const [r] = await checkImages([img('solo-io/gloo:9.9.9')], opts());
    expect(r).toMatchObject({ status: 'missing', message: expect.stringContaining('has no solo-io/gloo:9.9.9') });
  });

  test('a digest mismatch: the tag names another digest than the pinned one', async () => {
    const [r] = await checkImages([img(`solo-io/gloo:1.18.0-distroless@sha256:${'0'.repeat(64)}`)], opts());
    expect(r).toMatchObject({ status: 'digest-mismatch', digest: amd64Digest });
  });

  test('a platform missing: distroless images are amd64 only', async () => {
    const r = await checkImages([img('solo-io/gloo:1.18.0-distroless'), img('solo-io/gloo:1.18.0')], { ...opts(), platforms: ['linux/arm64'] });
    expect(r.map((c) => c.status)).toEqual(['ok', 'platform-missing']);
    expect(r[1]!.message).toContain('built for linux/amd64, not linux/arm64');
  });

  test('wrong credentials: unauthorized, and credentials from a Docker config file work', async () => {
    const [bad] = await checkImages([img('solo-io/gloo:1.18.0')], { ...opts(), credentials: { [`127.0.0.1:${port}`]: { username: 'ci', password: 'wrong' } } });
    expect(bad!.status).toBe('unauthorized');
    const config = path.join(dir, 'docker-config.json');
    fs.writeFileSync(config, JSON.stringify({ auths: { [`127.0.0.1:${port}`]: { auth: Buffer.from(`${USER.username}:${USER.password}`).toString('base64') } } }));
    const [good] = await checkImages([img('solo-io/gloo:1.18.0')], { ca, dockerConfig: config });
    expect(good!.status).toBe('ok');
  });

  test('the CLI: images --mirror --check asks the mirror, exit 1 for what it lacks', async () => {
    fs.mkdirSync(path.join(dir, 'dc'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dc', 'config.json'), JSON.stringify({ auths: { [`127.0.0.1:${port}`]: { username: USER.username, password: USER.password } } }));
    const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.18.0', '--set', 'global.image.variant=distroless', '--mirror', `127.0.0.1:${port}`, '--check', '--ca-file', path.join(dir, 'ca.crt')], { env: { DOCKER_CONFIG: path.join(dir, 'dc') } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^ok +127\\.0\\.0\\.1:${port}/solo-io/gloo:1\\.18\\.0-distroless  present \\(linux/amd64\\)$`, 'm'));
    expect(r.stdout).toMatch(/^missing +.*solo-io\/discovery:1\.18\.0-distroless/m);
    expect(r.stdout).toMatch(/images checked: \d+ with findings, 0 could not be checked\n$/);
  });

  test('platforms from the workloads: a pod pinned to arm64 needs arm64 (not the default amd64), and the check says who pinned it', async () => {
    const pinned = { kind: 'Deployment', name: 'gloo', container: 'gloo', arch: { allowed: ['arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] } };
    const r = await checkImages([
      { ...img('solo-io/gloo:1.18.0-distroless'), workloads: [pinned] },
      { ...img('solo-io/gloo:1.18.0'), workloads: [pinned] },
    ], opts());
    expect(r.map((c) => c.status)).toEqual(['ok', 'platform-missing']);
    expect(r[1]!.message).toBe('solo-io/gloo:1.18.0-distroless is built for linux/amd64, not linux/arm64 (pinned by Deployment/gloo (gloo): nodeSelector kubernetes.io/arch=arm64)');
    expect(r[1]!.pins).toEqual([{ workload: 'Deployment/gloo (gloo)', platforms: ['linux/arm64'], by: ['nodeSelector kubernetes.io/arch=arm64'] }]);
    expect(r[0]!.required).toEqual([{ platform: 'linux/arm64', because: ['Deployment/gloo (gloo): nodeSelector kubernetes.io/arch=arm64'] }]);
    // the same amd64-only image for a workload that may land on either arch, and for an unpinned one: amd64 is enough only for the latter
    const either = { ...pinned, arch: { allowed: ['amd64', 'arm64'], by: ['nodeAffinity kubernetes.io/arch In [amd64, arm64]'] } };
    const [both] = await checkImages([{ ...img('solo-io/gloo:1.18.0-distroless'), workloads: [either] }], opts());
    expect(both).toMatchObject({ status: 'platform-missing', message: expect.stringContaining('not linux/arm64 (pinned by Deployment/gloo (gloo): nodeAffinity kubernetes.io/arch In [amd64, arm64])') });
    const [free] = await checkImages([{ ...img('solo-io/gloo:1.18.0-distroless'), workloads: [{ kind: 'Deployment', name: 'gloo', container: 'gloo' }] }], opts());
    expect(free!.status).toBe('ok');
    // --platform (the cluster's nodes) is what unpinned workloads need; a pin adds its own
    const [withCluster] = await checkImages([{ ...img('solo-io/gloo:1.18.0'), workloads: [pinned, { kind: 'Job', name: 'certgen', container: 'certgen' }] }], { ...opts(), platforms: ['linux/amd64', 'linux/s390x'] });
    expect(withCluster).toMatchObject({ status: 'platform-missing', message: 'solo-io/gloo:1.18.0 is built for linux/amd64, linux/arm64, not linux/s390x' });
  });

  describe('the CLI derives the platforms from the workloads the gloo chart renders', () => {
    const pin = () => {
      const f = path.join(dir, 'pin-arm64.yaml');
      fs.writeFileSync(f, 'gloo:\n  deployment:\n    nodeSelector:\n      kubernetes.io/arch: arm64\n');
      return f;
    };
    const env = () => {
      fs.mkdirSync(path.join(dir, 'dc'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'dc', 'config.json'), JSON.stringify({ auths: { [`127.0.0.1:${port}`]: { username: USER.username, password: USER.password } } }));
      return { DOCKER_CONFIG: path.join(dir, 'dc') };
    };
    const chart = path.join(__dirname, '..', '..', '..', 'shared', 'reference', 'charts', 'gloo-v1.18.40');
    const line = (variant: string) => new RegExp(`^(\\S+) +127\\.0\\.0\\.1:${port}/solo-io/gloo:1\\.18\\.40${variant}  (.*)$`, 'm');

    test.each([
      ['rendered (no --profile)', [] as string[]],
      ['a profile, the pins from rendering the chart', ['--profile', 'gloo']],
    ])('%s: gloo pinned to arm64 by values: distroless (amd64 only) is platform-missing, standard (amd64+arm64) is ok', (_name, extra) => {
      const base = ['images', '--chart', chart, ...extra, '-f', pin(), '--mirror', `127.0.0.1:${port}`, '--check', '--ca-file', path.join(dir, 'ca.crt')];
      const distroless = runCli([...base, '--set', 'global.image.variant=distroless'], { env: env() });
      expect(distroless.stderr).toBe('');
      expect(distroless.code).toBe(1);
      expect(line('-distroless').exec(distroless.stdout)!.slice(1)).toEqual(['platform-missing', 'solo-io/gloo:1.18.40-distroless is built for linux/amd64, not linux/arm64 (pinned by Deployment/gloo (gloo): nodeSelector kubernetes.io/arch=arm64)']);
      const standard = runCli(base, { env: env() });
      expect(line('').exec(standard.stdout)!.slice(1)).toEqual(['ok', 'present (linux/amd64, linux/arm64)']);
      // without the pin the distroless image is fine for the default linux/amd64
      const unpinned = runCli(base.filter((a) => a !== '-f' && a !== pin()).concat('--set', 'global.image.variant=distroless'), { env: env() });
      expect(line('-distroless').exec(unpinned.stdout)![1]).toBe('ok');
    });

    test('no chart with templates, the gloo profile: the pins come from the values (the chart convention the render agrees with)', () => {
      const r = runCli(['images', '--profile', 'gloo', '--chart-version', '1.18.40', '-f', pin(), '--set', 'global.image.variant=distroless', '--mirror', `127.0.0.1:${port}`, '--check', '--ca-file', path.join(dir, 'ca.crt')], { env: env() });
      expect(r.stderr).toBe('');
      expect(line('-distroless').exec(r.stdout)!.slice(1)).toEqual(['platform-missing', 'solo-io/gloo:1.18.40-distroless is built for linux/amd64, not linux/arm64 (pinned by Deployment/gloo (gloo): nodeSelector kubernetes.io/arch=arm64)']);
    });

    test('no chart with templates, another profile: the CLI says the pins cannot be derived, and checks --platform only', () => {
      const r = runCli(['images', '--profile', 'gloo-ee', '--chart-version', '1.17.0', '-f', pin(), '--mirror', `127.0.0.1:${port}`, '--check', '--ca-file', path.join(dir, 'ca.crt')], { env: env() });
      expect(r.stderr).toMatch(/^helm-image-variant: note: the architectures the workloads pin their nodes to \(nodeSelector, node affinity on kubernetes\.io\/arch\) cannot be derived: no chart with templates was given, .*; every image is checked for linux\/amd64 only/m);
      expect(r.code).toBe(1);
    });
  });

  test('without the CA the TLS handshake fails: unreachable, not a crash', async () => {
    const [r] = await checkImages([img('solo-io/gloo:1.18.0')], { credentials: opts().credentials, retries: 0 });
    expect(r!.status).toBe('unreachable');
  });
});

describe('registries that misbehave', () => {
  test('a registry that never answers: unreachable after the timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const p = (silent.address() as net.AddressInfo).port;
    const [r] = await checkImages([{ reference: `127.0.0.1:${p}/a/b:1`, valuesPath: 'x' }], { insecure: true, timeoutMs: 300, retries: 1 });
    sockets.forEach((s) => s.destroy());
    silent.close();
    expect(r).toMatchObject({ status: 'unreachable', message: expect.stringContaining('did not answer within 300 ms') });
  });

  test('429 and 500 are retried with backoff; a huge body is refused', async () => {
    let calls = 0;
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux' }));
    const manifest = JSON.stringify({ schemaVersion: 2, config: { digest: sha(config) } });
    const srv = http.createServer((req, res) => {
      if (req.url!.includes('/big/')) {
        res.writeHead(200);
        res.end(Buffer.alloc(5 * 1024 * 1024, 32));
        return;
      }
      calls++;
      if (calls === 1) return void res.writeHead(429, { 'Retry-After': '0' }).end();
      if (calls === 2) return void res.writeHead(500).end();
      if (req.url!.includes('/blobs/')) return void res.writeHead(200).end(config);
      res.writeHead(200, { 'Docker-Content-Digest': sha(manifest), 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    }).listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const p = (srv.address() as net.AddressInfo).port;
    const [r, big] = await checkImages([{ reference: `localhost:${p}/a/b:1`, valuesPath: 'x' }, { reference: `localhost:${p}/big/b:1`, valuesPath: 'y' }], { insecure: true, concurrency: 1 });
    srv.close();
    expect(r).toMatchObject({ status: 'ok', platforms: ['linux/amd64'] });
    expect(calls).toBe(4);
    expect(big).toMatchObject({ status: 'unreachable', message: expect.stringContaining('more than') });
  });

  test('--insecure is for localhost only', async () => {
    const [r] = await checkImages([{ reference: 'quay.io/solo-io/gloo:1.18.0', valuesPath: 'x' }], { insecure: true });
    expect(r).toMatchObject({ status: 'unreachable', message: expect.stringContaining('localhost only') });
  });
});

describe('hostile registry answers (seeded)', () => {
  // every answer a registry (or a man in the middle of a plain-HTTP localhost one) could give: the check ends with
  // one of its statuses, never a throw, a hang or unbounded memory
  const answers: Array<[string, (req: http.IncomingMessage, res: http.ServerResponse) => void]> = [
    ['manifest not JSON', (_q, s) => void s.writeHead(200).end('{not json')],
    ['manifest JSON of the wrong shape', (_q, s) => void s.writeHead(200).end('[1,2,3]')],
    ['manifest list of garbage platforms', (_q, s) => void s.writeHead(200).end(JSON.stringify({ manifests: [{ platform: 5 }, null, { platform: { os: {}, architecture: [] } }] }))],
    ['config digest not a digest', (_q, s) => void s.writeHead(200).end(JSON.stringify({ config: { digest: '../../etc/passwd' } }))],
    ['redirect loop', (q, s) => void s.writeHead(302, { Location: q.url! }).end()],
    ['redirect to another scheme', (_q, s) => void s.writeHead(302, { Location: 'ftp://example.com/x' }).end()],
    ['a body past the cap', (_q, s) => { s.writeHead(200); s.end(Buffer.alloc(4 * 1024 * 1024 + 10, 120)); }],
    ['slow: headers, then nothing', (_q, s) => void s.writeHead(200)],
    ['a bearer challenge with a realm elsewhere over http', (_q, s) => void s.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://example.com/token",service="x"' }).end()],
    ['a challenge that cannot be parsed', (_q, s) => void s.writeHead(401, { 'WWW-Authenticate': '!!!' }).end()],
    ['403', (_q, s) => void s.writeHead(403).end()],
    ['418', (_q, s) => void s.writeHead(418).end()],
    ['the connection dropped', (q) => q.socket.destroy()],
  ];
  test.each(answers.map(([n, f]) => [n, f] as const))('%s', async (_name, answer) => {
    const srv = http.createServer(answer).listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const p = (srv.address() as net.AddressInfo).port;
    try {
      const [r] = await checkImages([{ reference: `127.0.0.1:${p}/a/b:1`, valuesPath: 'x' }], { insecure: true, timeoutMs: 500, retries: 1 });
      expect(['unreachable', 'unauthorized', 'missing', 'platform-missing']).toContain(r!.status);
      expect(r!.message.length).toBeGreaterThan(0);
    } finally {
      srv.closeAllConnections();
      srv.close();
    }
  });
});
