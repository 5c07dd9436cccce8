// sprig's key and certificate functions: genPrivateKey, genCA(WithKey), genSelfSignedCert(WithKey),
// genSignedCert(WithKey), buildCustomCert. Certificates are written here as DER, in the shape Go's
// x509.CreateCertificate gives sprig's templates (v3, random 128-bit serial, CN-only names, key usage,
// server+client auth, basic constraints, subject key id for CAs, authority key id from the signer,
// DNS and IP alternative names); keys are generated and signatures made by the crypto provider.
import { sha1 } from './_hash.js';
import { base64Decode, base64Encode, bytesOf } from './encoding.js';
import { cryptoProvider, randomBytes, type KeyPairDer, type KeyType } from './provider.js';
import type { Val } from '../../values/model.js';

/** sprig's certificate struct: templates read `.Cert` and `.Key` (PEM text). */
export class Certificate {
  constructor(
    readonly Cert: string,
    readonly Key: string,
  ) {}
}

// ---- DER ----

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 255);
  return [0x80 | out.length, ...out];
}

function tlv(tag: number, body: Uint8Array | number[]): Uint8Array {
  const b = body instanceof Uint8Array ? body : new Uint8Array(body);
  const h = [tag, ...len(b.length)];
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
}

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const seq = (...parts: Uint8Array[]) => tlv(0x30, cat(...parts));
const set = (...parts: Uint8Array[]) => tlv(0x31, cat(...parts));

function oid(text: string): Uint8Array {
  const n = text.split('.').map(Number);
  const body = [40 * n[0]! + n[1]!];
  for (const v of n.slice(2)) {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift((x & 0x7f) | 0x80);
    body.push(...bytes);
  }
  return tlv(0x06, body);
}

function uint(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return tlv(0x02, b[0]! & 0x80 ? cat(new Uint8Array([0]), b) : b);
}

const bool = (v: boolean) => tlv(0x01, [v ? 0xff : 0]);
const octets = (b: Uint8Array) => tlv(0x04, b);
const bitString = (b: Uint8Array, unused = 0) => tlv(0x03, cat(new Uint8Array([unused]), b));

function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, bytesOf(`${p(y % 100)}${rest}`));
  return tlv(0x18, bytesOf(`${p(y, 4)}${rest}`));
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?*&]*$/;

function name(cn: string): Uint8Array {
  if (cn === '') return seq();
  const value = PRINTABLE.test(cn) ? tlv(0x13, bytesOf(cn)) : tlv(0x0c, bytesOf(cn));
  return seq(set(seq(oid('2.5.4.3'), value)));
}

// ---- reading DER (the signer certificate) ----

interface Node {
  tag: number;
  start: number;
  body: number;
  end: number;
}

function read(b: Uint8Array, at: number): Node {
  const tag = b[at]!;
  let l = b[at + 1]!;
  let body = at + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + b[body + i]!;
    body += n;
  }
  if (body + l > b.length) throw new Error('x509: malformed certificate');
  return { tag, start: at, body, end: body + l };
}

function children(b: Uint8Array, n: Node): Node[] {
  const out: Node[] = [];
  for (let at = n.body; at < n.end; ) {
    const c = read(b, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

/** The subject name (raw DER) and subject key id of a certificate, as x509.ParseCertificate would need. */
function signerInfo(der: Uint8Array): { subject: Uint8Array; skid?: Uint8Array } {
  const cert = read(der, 0);
  if (cert.tag !== 0x30) throw new Error('x509: malformed certificate');
  const tbs = children(der, cert)[0];
  if (!tbs || tbs.tag !== 0x30) throw new Error('x509: malformed tbs certificate');
  const f = children(der, tbs);
  const off = f[0]?.tag === 0xa0 ? 1 : 0;
  const subject = f[off + 4];
  if (!subject) throw new Error('x509: malformed tbs certificate');
  let skid: Uint8Array | undefined;
  const ext = f.find((x) => x.tag === 0xa3);
  if (ext) {
    for (const e of children(der, children(der, ext)[0]!)) {
      const parts = children(der, e);
      const id = der.subarray(parts[0]!.body, parts[0]!.end);
      if (id.length === 3 && id[0] === 0x55 && id[1] === 0x1d && id[2] === 0x0e) {
        const value = parts[parts.length - 1]!;
        const inner = read(der, value.body);
        skid = der.subarray(inner.body, inner.end);
      }
    }
  }
  return { subject: der.subarray(subject.start, subject.end), skid };
}

// ---- PEM ----

function pem(type: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${type}-----\n`;
}

/** encoding/pem's Decode of the first block: its type and bytes, or undefined. */
function pemDecode(text: string): { type: string; der: Uint8Array } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n((?:[^-]*\n)*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  try {
    return { type: m[1]!, der: base64Decode(m[2]!.replace(/\s+/g, '')) };
  } catch {
    return undefined;
  }
}

const PEM_TYPES: Record<KeyType, string> = { rsa: 'RSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY' };

function keyPem(k: KeyPairDer): string {
  return pem(PEM_TYPES[k.type], k.privateDer);
}

/** sprig's parsePrivateKeyPEM, with its error texts (the key is then read by the provider). */
function parsePrivateKeyPEM(text: string, fn: string): KeyPairDer {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  if (block.type !== 'PRIVATE KEY' && !block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -' PRIVATE KEY'.length);
  if (block.type !== 'PRIVATE KEY' && kind !== 'RSA' && kind !== 'EC') {
    if (kind === 'DSA') throw new Error('DSA keys are not supported here');
    throw new Error(`invalid private key type ${block.type}`);
  }
  try {
    return cryptoProvider(fn).importPrivateKey(text);
  } catch (e) {
    const what = block.type === 'PRIVATE KEY' ? 'decoding PEM as PKCS#8' : kind === 'RSA' ? 'parsing RSA private key from PEM' : 'parsing EC private key from PEM';
    throw new Error(`${what}: ${(e as Error).message}`);
  }
}

// ---- sprig's functions ----

/** sprig's `genPrivateKey`: "rsa" (4096 bits, the default), "ecdsa" (P-256), "ed25519"; "dsa" unsupported. */
export function genPrivateKey(typ: string): string {
  if (typ === 'dsa') return 'failed to generate dsa params: DSA keys are not supported here';
  const type: KeyType | undefined = typ === '' || typ === 'rsa' ? 'rsa' : typ === 'ecdsa' ? 'ecdsa' : typ === 'ed25519' ? 'ed25519' : undefined;
  if (!type) return `Unknown type ${typ}`;
  try {
    return keyPem(cryptoProvider('genPrivateKey').generateKeyPair(type, 4096));
  } catch (e) {
    return `failed to generate private key: ${(e as Error).message}`;
  }
}

const SIG_ALG: Record<KeyType, Uint8Array> = {
  rsa: seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, [])),
  ecdsa: seq(oid('1.2.840.10045.4.3.2')),
  ed25519: seq(oid('1.3.101.112')),
};

/** net.ParseIP: 4 bytes for IPv4 text, 16 for IPv6, undefined when not an address. */
function parseIP(s: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p, i) => p > 255 || (v4[i + 1]!.length > 1 && v4[i + 1]![0] === '0'))) return undefined;
    return new Uint8Array(parts);
  }
  if (!s.includes(':')) return undefined;
  let head = s;
  let tail4: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseIP(s.slice(lastColon + 1));
    if (!tail4) return undefined;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const a = groups(halves[0]!);
  const b = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...a, ...b].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const fill = 8 - a.length - b.length;
  if ((halves.length === 1 && fill !== 0) || (halves.length === 2 && fill < 1)) return undefined;
  const all = [...a, ...new Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...b].map((g) => parseInt(g, 16));
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 255;
  });
  if (tail4) out.set(tail4, 12);
  return out;
}

function goV(v: Val): string {
  if (v === null) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

interface Template {
  cn: string;
  ips: Uint8Array[];
  dns: string[];
  daysValid: number;
  isCA: boolean;
}

function baseTemplate(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number, isCA = false): Template {
  const ipList = (ips ?? []).map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${goV(ip)} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new Error(`error parsing ip: ${ip}`);
    // Go writes IPv4 addresses (and IPv4-mapped IPv6) as 4 bytes
    if (b.length === 16 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return b.subarray(12);
    return b;
  });
  const dnsList = (dns ?? []).map((d) => {
    if (typeof d !== 'string') throw new Error(`error processing alternate dns name: ${goV(d)} is not a string`);
    return d;
  });
  return { cn, ips: ipList, dns: dnsList, daysValid, isCA };
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function createCertificate(t: Template, subjectKey: KeyPairDer, issuer: { name: Uint8Array; skid?: Uint8Array }, signer: KeyPairDer, fn: string): Uint8Array {
  const serial = randomBytes(16);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = new Date(now.getTime() + t.daysValid * 86400_000);
  const subject = name(t.cn);
  const spki = read(subjectKey.spkiDer, 0);
  const fields = children(subjectKey.spkiDer, spki);
  const keyBits = fields[1]!;
  const publicKeyBytes = subjectKey.spkiDer.subarray(keyBits.body + 1, keyBits.end);
  const exts: Uint8Array[] = [];
  // key usage: digitalSignature (bit 0), keyEncipherment (bit 2), and keyCertSign (bit 5) for a CA
  exts.push(extension('2.5.29.15', true, t.isCA ? bitString(new Uint8Array([0xa4]), 2) : bitString(new Uint8Array([0xa0]), 5)));
  exts.push(extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))));
  exts.push(extension('2.5.29.19', true, t.isCA ? seq(bool(true)) : seq()));
  const selfSigned = issuer.name.length === subject.length && issuer.name.every((x, i) => x === subject[i]);
  const skid = t.isCA ? sha1(publicKeyBytes) : undefined;
  if (skid) exts.push(extension('2.5.29.14', false, octets(skid)));
  const akid = !selfSigned && issuer.skid && issuer.skid.length > 0 ? issuer.skid : undefined;
  if (akid) exts.push(extension('2.5.29.35', false, seq(tlv(0x80, akid))));
  if (t.dns.length || t.ips.length) {
    const names = [...t.dns.map((d) => tlv(0x82, bytesOf(d))), ...t.ips.map((ip) => tlv(0x87, ip))];
    exts.push(extension('2.5.29.17', false, seq(...names)));
  }
  const tbs = seq(
    tlv(0xa0, uint(new Uint8Array([2]))),
    uint(serial),
    SIG_ALG[signer.type],
    issuer.name,
    seq(time(now), time(notAfter)),
    subject,
    subjectKey.spkiDer,
    tlv(0xa3, seq(...exts)),
  );
  const signature = cryptoProvider(fn).sign(signer.type, signer.pkcs8Der, tbs);
  return seq(tbs, SIG_ALG[signer.type], bitString(signature));
}

function selfSigned(t: Template, key: KeyPairDer, fn: string): Certificate {
  const subject = name(t.cn);
  const der = createCertificate(t, key, { name: subject }, key, fn);
  return new Certificate(pem('CERTIFICATE', der), keyPem(key));
}

function rsa2048(fn: string): KeyPairDer {
  try {
    return cryptoProvider(fn).generateKeyPair('rsa', 2048);
  } catch (e) {
    if ((e as Error).message.includes('crypto provider')) throw e;
    throw new Error(`error generating rsa key: ${(e as Error).message}`);
  }
}

function withKey(pemKey: string, fn: string): KeyPairDer {
  try {
    return parsePrivateKeyPEM(pemKey, fn);
  } catch (e) {
    if ((e as Error).message.includes('crypto provider')) throw e;
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
}

/** sprig's `genCA`: a self-signed CA certificate with a new RSA 2048 key. */
export function genCA(cn: string, daysValid: number): Certificate {
  return selfSigned(baseTemplate(cn, null, null, daysValid, true), rsa2048('genCA'), 'genCA');
}

/** sprig's `genCAWithKey`: genCA with the given PEM private key. */
export function genCAWithKey(cn: string, daysValid: number, key: string): Certificate {
  return selfSigned(baseTemplate(cn, null, null, daysValid, true), withKey(key, 'genCAWithKey'), 'genCAWithKey');
}

/** sprig's `genSelfSignedCert`. */
export function genSelfSignedCert(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number): Certificate {
  const t = baseTemplate(cn, ips, dns, daysValid);
  return selfSigned(t, rsa2048('genSelfSignedCert'), 'genSelfSignedCert');
}

/** sprig's `genSelfSignedCertWithKey`. */
export function genSelfSignedCertWithKey(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number, key: string): Certificate {
  const k = withKey(key, 'genSelfSignedCertWithKey');
  return selfSigned(baseTemplate(cn, ips, dns, daysValid), k, 'genSelfSignedCertWithKey');
}

function signed(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number, ca: Certificate, key: KeyPairDer | undefined, fn: string): Certificate {
  const block = pemDecode(ca.Cert);
  if (!block) throw new Error('unable to decode certificate');
  let info: { subject: Uint8Array; skid?: Uint8Array };
  try {
    info = signerInfo(block.der);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
  }
  let signer: KeyPairDer;
  try {
    signer = parsePrivateKeyPEM(ca.Key, fn);
  } catch (e) {
    if ((e as Error).message.includes('crypto provider')) throw e;
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  const t = baseTemplate(cn, ips, dns, daysValid);
  const k = key ?? rsa2048(fn);
  const der = createCertificate(t, k, { name: info.subject, skid: info.skid }, signer, fn);
  return new Certificate(pem('CERTIFICATE', der), keyPem(k));
}

/** sprig's `genSignedCert`: a certificate with a new RSA 2048 key, signed by `ca`. */
export function genSignedCert(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number, ca: Certificate): Certificate {
  return signed(cn, ips, dns, daysValid, ca, undefined, 'genSignedCert');
}

/** sprig's `genSignedCertWithKey`. */
export function genSignedCertWithKey(cn: string, ips: Val[] | null, dns: Val[] | null, daysValid: number, ca: Certificate, key: string): Certificate {
  return signed(cn, ips, dns, daysValid, ca, withKey(key, 'genSignedCertWithKey'), 'genSignedCertWithKey');
}

/** sprig's `buildCustomCert`: a certificate struct from base64 PEM text, checked as sprig checks it. */
export function buildCustomCert(b64cert: string, b64key: string): Certificate {
  let cert: Uint8Array;
  let key: Uint8Array;
  try {
    cert = base64Decode(b64cert);
  } catch {
    throw new Error('unable to decode base64 certificate');
  }
  try {
    key = base64Decode(b64key);
  } catch {
    throw new Error('unable to decode base64 private key');
  }
  const decoder = new TextDecoder();
  const certText = decoder.decode(cert);
  const keyText = decoder.decode(key);
  const block = pemDecode(certText);
  if (!block) throw new Error('unable to decode certificate');
  try {
    signerInfo(block.der);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
  }
  try {
    parsePrivateKeyPEM(keyText, 'buildCustomCert');
  } catch (e) {
    if ((e as Error).message.includes('crypto provider')) throw e;
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return new Certificate(certText, keyText);
}
