// Generators of image reference strings, shared by the recorded corpus (scripts/record-reference-corpus.mjs) and
// the fuzzer (fuzz/): valid references built from the grammar's pieces, real references, mutations of both, and
// hostile strings (separators, ports, digests, upper case, long components, IPv6 literal hosts).

export const REAL = [
  'quay.io/solo-io/gloo:1.17.0', 'quay.io/solo-io/gloo-ee:1.17.0-distroless', 'quay.io/solo-io/gloo-ee-fips:1.17.0',
  'quay.io/solo-io/gloo-envoy-wrapper:1.18.0-beta14', 'gcr.io/gloo-ee/gloo-ee-envoy-wrapper:1.16.4-fips-distroless',
  'docker.io/library/redis:7.2.4-alpine', 'redis:7.2.4', 'busybox', 'bitnami/postgresql:16.2.0-debian-12-r8',
  'registry.k8s.io/ingress-nginx/controller:v1.10.0', 'quay.io/prometheus/prometheus:v2.52.0',
  'grafana/grafana:10.4.1', 'ghcr.io/argoproj/argo-cd:v2.10.4', 'quay.io/jetstack/cert-manager-controller:v1.14.4',
  'localhost:5000/team/app:dev', 'localhost/app', '127.0.0.1:5000/x/y', 'my-registry.example.com:443/a/b/c',
  'index.docker.io/library/nginx:1.25', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'public.ecr.aws/eks/coredns:v1.11.1-eksbuild.4',
  'registry.gitlab.com/group/sub-group/project/image:latest', 'nginx@sha256:' + 'ab'.repeat(32),
  'quay.io/solo-io/gloo:1.17.0@sha256:' + '0123456789abcdef'.repeat(4), 'a.b-c_d/e__f/g---h:v1.0_X-y.z',
  '[::1]:5000/gloo:x', '[2001:db8::1]/gloo', 'Registry.Example.com/gloo', 'k8s.gcr.io/pause:3.9',
];

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = LOWER + '0123456789';
const HEX = '0123456789abcdef';
// characters that sit on the grammar's edges, and a few that only Unicode case mapping brings near it
const ODD = ['.', '_', '__', '-', '--', '/', '//', ':', '::', '@', '[', ']', '+', ' ', '\t', 'A', 'Z', '\u212a', '\u0130', 'é', '%', '!', '$', '\\', '"', '\n', '#', '?', '*', '~'];

function word(r, chars, min, max) {
  let s = '';
  const n = r.int(min, max);
  for (let i = 0; i < n; i++) s += chars[r.int(0, chars.length - 1)];
  return s;
}

export function pathComponent(r) {
  let s = word(r, ALNUM, 1, r.chance(0.1) ? 40 : 8);
  const parts = r.int(0, 3);
  for (let i = 0; i < parts; i++) s += r.pick(['.', '_', '__', '-', '--', '---']) + word(r, ALNUM, 1, 6);
  return s;
}

export function domainComponent(r) {
  const chars = r.chance(0.2) ? ALNUM + 'ABCXYZ' : ALNUM;
  if (r.chance(0.3)) return word(r, chars, 1, 1);
  return word(r, chars, 1, 1) + word(r, chars + '-', 0, r.chance(0.05) ? 70 : 10) + word(r, chars, 1, 1);
}

export function ipv6(r) {
  return r.pick([
    '::1', '::', '2001:db8::1', 'fe80::1', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'FE80::ABCD', 'a', ':', 'abc:def',
    '::ffff:1.2.3.4', 'fe80::1%eth0', 'g::1', '', '1:2:3:4:5:6:7:8:9', () => word(r, HEX + ':', 1, 50),
  ].map((x) => (typeof x === 'function' ? x() : x))[r.int(0, 14)]);
}

export function domain(r) {
  let host;
  const k = r.int(0, 9);
  if (k < 5) {
    host = domainComponent(r);
    const n = r.int(k === 0 ? 0 : 1, 4);
    for (let i = 0; i < n; i++) host += '.' + domainComponent(r);
  } else if (k < 7) host = `${r.int(0, 300)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 999)}`;
  else if (k < 8) host = 'localhost';
  else host = `[${ipv6(r)}]`;
  if (r.chance(0.35)) host += ':' + (r.chance(0.9) ? String(r.int(0, 70000)) : word(r, '0123456789', 6, 30));
  return host;
}

export function tag(r) {
  const k = r.int(0, 9);
  if (k === 0) return word(r, ALNUM + 'ABC_.-', 127, 129);
  if (k === 1) return r.pick(['latest', '1.10', 'v1.0_X-y.z', '_x', '-x', '.x', '', 'a+b', 'A', '1.17.0-distroless']);
  return word(r, ALNUM + 'ABCDEF_', 1, 1) + word(r, ALNUM + 'ABC_.-', 0, 20);
}

export function digest(r) {
  const k = r.int(0, 9);
  const hexOf = (n, up = false) => word(r, up ? HEX + 'ABCDEF' : HEX, n, n);
  if (k < 4) return 'sha256:' + hexOf(64);
  if (k === 4) return 'sha512:' + hexOf(128);
  if (k === 5) return 'sha384:' + hexOf(96);
  if (k === 6) return r.pick(['sha256', 'md5', 'sha256+b64', 'SHA256', 'sha-256', 'constructor', '__proto__', 'a.b_c']) + ':' + hexOf(r.pick([31, 32, 63, 64, 65]), r.chance(0.3));
  if (k === 7) return 'sha256:' + hexOf(64, true);
  if (k === 8) return 'sha256:' + hexOf(r.int(0, 70));
  return r.pick(['', 'sha256', 'sha256:', ':' + hexOf(64), 'sha256::' + hexOf(64)]);
}

/** A reference built from the grammar's pieces, mostly valid. */
export function generated(r) {
  let s = '';
  if (r.chance(0.6)) s += domain(r) + '/';
  const n = r.int(1, r.chance(0.05) ? 40 : 4);
  const comps = [];
  for (let i = 0; i < n; i++) comps.push(pathComponent(r));
  s += comps.join('/');
  if (r.chance(0.6)) s += ':' + tag(r);
  if (r.chance(0.25)) s += '@' + digest(r);
  return s;
}

/** One small edit of a string, at the places where the grammar decides. */
export function mutate(r, s) {
  const i = r.int(0, s.length);
  const j = Math.min(s.length, i + r.int(1, 3));
  switch (r.int(0, 11)) {
    case 0: return s.slice(0, i) + r.pick(ODD) + s.slice(i);
    case 1: return s.slice(0, i) + s.slice(j);
    case 2: return s.slice(0, i) + r.pick(ODD) + s.slice(j);
    case 3: return s.slice(0, i) + s.slice(i, j).toUpperCase() + s.slice(j);
    case 4: { const k = s.indexOf('/'); return k >= 0 ? r.pick(['a_b.c', 'A', 'host:5000', 'Host', '[::1]', 'x-', 'local_host', 'a--b.c']) + s.slice(k) : s + '/x'; }
    case 5: return s + r.pick([':', '@', '/', ':latest', '@' + digest(r), ':' + tag(r), ':5000/x']);
    case 6: return r.pick(['/', ':', '@', 'a/', 'A', '[::1]:5/', 'localhost/']) + s;
    case 7: { const k = s.lastIndexOf('/'); return k >= 0 ? s.slice(0, k + 1) + word(r, ALNUM, 200, 260) + s.slice(k + 1) : word(r, ALNUM, 250, 260); }
    case 8: return s.replace(/[:@]/, (c) => c + c);
    case 9: return s.split('').reverse().join('');
    case 10: return s.slice(0, i) + s.slice(i, j).repeat(r.int(2, 5)) + s.slice(j);
    default: return s.replace(/-/g, r.pick(['_', '__', '.', '---', '-_']));
  }
}

/** Long strings at the length limits of Go's grammar (255 for the path) and beyond. */
export function long(r) {
  const k = r.int(0, 5);
  const pathOf = (n) => {
    let p = '';
    while (p.length < n) p += (p ? '/' : '') + word(r, ALNUM, 1, 30);
    return p.slice(0, n).replace(/\/$/, 'a');
  };
  if (k === 0) return pathOf(r.int(250, 260));
  if (k === 1) return `${domain(r)}/${pathOf(r.int(250, 260))}`;
  if (k === 2) return `${word(r, LOWER, 200, 300)}.com/${pathOf(r.int(1, 60))}:${tag(r)}`;
  if (k === 3) return `${pathOf(r.int(240, 256))}:${word(r, ALNUM, 120, 130)}@sha512:${word(r, HEX, 128, 128)}`;
  if (k === 4) return `${'a-'.repeat(r.int(100, 140))}a`;
  return `x/${'a.'.repeat(r.int(50, 130))}b`;
}

/** One reference string of any family. */
export function anyReference(r) {
  const k = r.int(0, 9);
  if (k < 2) return r.pick(REAL);
  if (k < 4) return generated(r);
  if (k < 8) {
    let s = r.chance(0.5) ? r.pick(REAL) : generated(r);
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) s = mutate(r, s);
    return s;
  }
  if (k < 9) return long(r);
  return `${r.chance(0.5) ? `[${ipv6(r)}]` : domain(r)}${r.pick(['', '/', '/x', '/x:1', ':5000/x', ':/x', '/X'])}`;
}
