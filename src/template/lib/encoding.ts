// sprig's encodings and digests: b64enc/b64dec, b32enc/b32dec (Go's standard encodings, with Go's
// error texts returned as the result, as sprig does), sha1sum/sha256sum/sha512sum/adler32sum (hex or
// decimal), derivePassword (Master Password, scrypt through the crypto provider), encryptAES/decryptAES.
//
// Strings are Go byte strings in Helm; here they are JavaScript strings, with decoded bytes that are not
// UTF-8 kept raw as Go keeps them (goString in src/values/gofmt.ts).
import { hmacSha256, sha1, sha256, sha512 } from './_hash.js';
import { cryptoProvider, randomBytes } from './provider.js';
import { goBytes, goString } from '../../values/gofmt.js';

/** A Go string's bytes: UTF-8, with bytes that are not UTF-8 kept raw (src/values/gofmt.ts goBytes). */
export const bytesOf: (s: string) => Uint8Array = goBytes;

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base64.StdEncoding.EncodeToString */
export function base64Encode(b: Uint8Array): string {
  // the text is built as bytes and turned into a string in chunks: a string grown a character at a time costs
  // a garbage-collected piece per character (a megabyte file through b64enc)
  const out = new Uint8Array(Math.ceil(b.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out[o++] = B64_CODES[(n >> 18) & 63]!;
    out[o++] = B64_CODES[(n >> 12) & 63]!;
    out[o++] = i + 1 < b.length ? B64_CODES[(n >> 6) & 63]! : 0x3d;
    out[o++] = i + 2 < b.length ? B64_CODES[n & 63]! : 0x3d;
  }
  let text = '';
  for (let i = 0; i < out.length; i += 0x8000) text += String.fromCharCode.apply(null, out.subarray(i, i + 0x8000) as unknown as number[]);
  return text;
}

class CorruptInput extends Error {
  constructor(kind: string, at: number) {
    super(`illegal ${kind} data at input byte ${at}`);
  }
}

/** base64.StdEncoding.DecodeString, with Go's error offsets (line breaks are skipped). */
export function base64Decode(text: string): Uint8Array {
  const src = bytesOf(text);
  const out: number[] = [];
  let si = 0;
  const isNl = (c: number | undefined) => c === 0x0a || c === 0x0d;
  for (;;) {
    if (si === src.length) return new Uint8Array(out);
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let end = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        throw new CorruptInput('base64', si - j);
      }
      const c = src[si]!;
      si++;
      const v = c < 128 ? B64.indexOf(String.fromCharCode(c)) : -1;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (isNl(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d) throw new CorruptInput('base64', si - 1);
      if (j === 0 || j === 1) throw new CorruptInput('base64', si - 1);
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) throw new CorruptInput('base64', src.length);
        if (src[si] !== 0x3d) throw new CorruptInput('base64', si - 1);
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) throw new CorruptInput('base64', si);
      dlen = j;
      end = true;
      break;
    }
    const n = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    out.push((n >> 16) & 255);
    if (dlen >= 3) out.push((n >> 8) & 255);
    if (dlen >= 4) out.push(n & 255);
    if (end) return new Uint8Array(out);
  }
}

/** base32.StdEncoding.EncodeToString */
export function base32Encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [1, 2, 4, 5, 7, 8][chunk.length] ?? 8;
    for (let k = 0; k < 8; k++) out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)]! : '=';
  }
  return out;
}

/** base32.StdEncoding.DecodeString, with Go's error offsets (line breaks are removed first). */
export function base32Decode(text: string): Uint8Array {
  const src = bytesOf(text).filter((c) => c !== 0x0a && c !== 0x0d);
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < src.length && !end) {
    const dbuf = new Array<number>(8).fill(0);
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      const remaining = src.length - pos;
      if (remaining === 0) throw new CorruptInput('base32', olen - remaining - j);
      const c = src[pos]!;
      pos++;
      const left = src.length - pos;
      if (c === 0x3d && j >= 2 && left < 8) {
        if (left + j < 8 - 1) throw new CorruptInput('base32', olen);
        for (let k = 0; k < 8 - 1 - j; k++) {
          if (left > k && src[pos + k] !== 0x3d) throw new CorruptInput('base32', olen - left + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw new CorruptInput('base32', olen - left - 1);
        break;
      }
      const v = c < 128 ? B32.indexOf(String.fromCharCode(c)) : -1;
      if (v < 0) throw new CorruptInput('base32', olen - left - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (let k = 0; k < 8; k++) bits = (bits << 5n) | BigInt(dbuf[k]!);
    const bytes = [0, 0, 1, 1, 2, 3, 3, 4, 5][dlen]!;
    for (let k = 0; k < bytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
  }
  return new Uint8Array(out);
}

/** sprig's `b64enc`. */
export function b64enc(s: string): string {
  return base64Encode(bytesOf(s));
}

/** sprig's `b64dec`: the decoded text, or Go's error text as the result. */
export function b64dec(s: string): string {
  try {
    return goString(base64Decode(s));
  } catch (e) {
    return (e as Error).message;
  }
}

/** sprig's `b32enc`. */
export function b32enc(s: string): string {
  return base32Encode(bytesOf(s));
}

/** sprig's `b32dec`: the decoded text, or Go's error text as the result. */
export function b32dec(s: string): string {
  try {
    return goString(base32Decode(s));
  } catch (e) {
    return (e as Error).message;
  }
}

/** sprig's `sha1sum` (hex). */
export function sha1sum(s: string): string {
  return hex(sha1(bytesOf(s)));
}

/** sprig's `sha256sum` (hex). */
export function sha256sum(s: string): string {
  return hex(sha256(bytesOf(s)));
}

/** sprig's `sha512sum` (hex). */
export function sha512sum(s: string): string {
  return hex(sha512(bytesOf(s)));
}

/** sprig's `adler32sum` (decimal). */
export function adler32sum(s: string): string {
  let a = 1;
  let b = 0;
  for (const x of bytesOf(s)) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

const SEED = 'com.lyndir.masterpassword';
const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** sprig's `derivePassword` (Master Password algorithm; scrypt N=32768 r=8 p=2 through the provider). */
export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = bytesOf(SEED);
  const userB = bytesOf(user);
  const siteB = bytesOf(site);
  const key = cryptoProvider('derivePassword').scrypt(bytesOf(password), join(seed, u32(userB.length), userB), 32768, 8, 2, 64);
  const mac = hmacSha256(key, join(seed, u32(siteB.length), siteB, u32(counter >>> 0)));
  const temp = templates[mac[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = CHARS[temp[i]!]!;
    out += chars[mac[i + 1]! % chars.length];
  }
  return out;
}

function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(bytesOf(password).subarray(0, 32));
  return key;
}

/** sprig's `encryptAES`: AES-256-CBC, PKCS#7 padding, a random IV first, base64. */
export function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = bytesOf(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = join(content, new Uint8Array(padding).fill(padding));
  const iv = randomBytes(16);
  const ct = cryptoProvider('encryptAES').aes256Cbc(true, aesKey(password), iv, padded);
  return base64Encode(join(iv, ct));
}

/** sprig's `decryptAES`. Go panics on input shorter than a block or not whole blocks; those are errors here. */
export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = base64Decode(crypt64);
  if (crypt.length < 16) throw new Error('runtime error: slice bounds out of range [:16] with capacity ' + crypt.length);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const plain = cryptoProvider('decryptAES').aes256Cbc(false, aesKey(password), crypt.subarray(0, 16), body);
  if (plain.length === 0) throw new Error('runtime error: index out of range [-1]');
  const cut = plain.length - plain[plain.length - 1]!;
  if (cut < 0) throw new Error(`runtime error: slice bounds out of range [:${cut}]`);
  return goString(plain.subarray(0, cut));
}
