// sprig's `bcrypt` and `htpasswd`: golang.org/x/crypto/bcrypt's GenerateFromPassword at the default cost
// (10), in plain JavaScript. Blowfish's initial state is the fractional hexadecimal digits of pi (P-array
// then the four S-boxes); they are computed here once, on first use, instead of carrying the table.
import { bytesOf } from './encoding.js';
import { randomBytes } from './provider.js';

const WORDS = 18 + 4 * 256;

let PI_WORDS: Uint32Array | undefined;

// arctan(1/x) * 2^bits, by the Taylor series, in BigInt fixed point
function arctanInv(x: bigint, bits: bigint): bigint {
  const one = 1n << bits;
  let term = one / x;
  const x2 = x * x;
  let sum = term;
  for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
    term /= x2;
    sum += (sign * term) / n;
  }
  return sum;
}

/** The first 1042 32-bit words of pi's fraction (Machin's formula, with guard bits). */
function piWords(): Uint32Array {
  if (PI_WORDS) return PI_WORDS;
  const bits = BigInt(WORDS * 32 + 64);
  const pi = 16n * arctanInv(5n, bits) - 4n * arctanInv(239n, bits);
  let frac = (pi - (3n << bits)) >> 64n; // drop the guard bits
  const out = new Uint32Array(WORDS);
  for (let i = WORDS - 1; i >= 0; i--) {
    out[i] = Number(frac & 0xffffffffn);
    frac >>= 32n;
  }
  PI_WORDS = out;
  return out;
}

class Blowfish {
  p: Uint32Array;
  s: Uint32Array; // four boxes of 256, one after another

  constructor() {
    const pi = piWords();
    this.p = pi.slice(0, 18);
    this.s = pi.slice(18);
  }

  f(x: number): number {
    const s = this.s;
    return ((((s[x >>> 24]! + s[256 + ((x >>> 16) & 255)]!) | 0) ^ s[512 + ((x >>> 8) & 255)]!) + s[768 + (x & 255)]!) | 0;
  }

  encrypt(l: number, r: number): [number, number] {
    const p = this.p;
    let xl = l ^ p[0]!;
    let xr = r;
    for (let i = 1; i <= 16; i += 2) {
      xr ^= this.f(xl) ^ p[i]!;
      xl ^= this.f(xr) ^ p[i + 1]!;
    }
    xr ^= p[17]!;
    return [xr >>> 0, xl >>> 0];
  }

  /** blowfish.ExpandKey (salt undefined) or expandKeyWithSalt. */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let kpos = 0;
    const word = (b: Uint8Array, at: { pos: number }) => {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | b[at.pos]!;
        at.pos = (at.pos + 1) % b.length;
      }
      return w >>> 0;
    };
    const kAt = { pos: kpos };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i]! ^ word(key, kAt)) >>> 0;
    kpos = kAt.pos;
    const sAt = { pos: 0 };
    let l = 0;
    let r = 0;
    const step = (): [number, number] => {
      if (salt) {
        l ^= word(salt, sAt);
        r ^= word(salt, sAt);
      }
      [l, r] = this.encrypt(l, r);
      return [l, r];
    };
    for (let i = 0; i < 18; i += 2) {
      step();
      this.p[i] = l;
      this.p[i + 1] = r;
    }
    for (let i = 0; i < 1024; i += 2) {
      step();
      this.s[i] = l;
      this.s[i + 1] = r;
    }
  }
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's base64: its own alphabet, no padding. */
function encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const chars = i + 2 < b.length ? 4 : i + 1 < b.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function decode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const chunk = s.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < chunk.length ? ALPHABET.indexOf(chunk[k]!) : 0);
    const bytes = chunk.length === 4 ? 3 : chunk.length - 1;
    for (let k = 0; k < bytes; k++) out.push((n >> (16 - 8 * k)) & 255);
  }
  return new Uint8Array(out);
}

const MAGIC = bytesOf('OrpheanBeholderScryDoubt');

/** The bcrypt hash of `password` with a 22-character salt (bcrypt base64) and a cost. */
export function bcryptHash(password: Uint8Array, cost: number, salt22: string): string {
  if (password.length > 72) throw new Error('bcrypt: password length exceeds 72 bytes');
  const csalt = decode(salt22).subarray(0, 16);
  const ckey = new Uint8Array(password.length + 1);
  ckey.set(password);
  const c = new Blowfish();
  c.expand(ckey, csalt);
  for (let i = 0; i < 2 ** cost; i++) {
    c.expand(ckey);
    c.expand(csalt);
  }
  const data = MAGIC.slice();
  const dv = new DataView(data.buffer);
  for (let i = 0; i < 24; i += 8) {
    let l = dv.getUint32(i);
    let r = dv.getUint32(i + 4);
    for (let j = 0; j < 64; j++) [l, r] = c.encrypt(l, r);
    dv.setUint32(i, l);
    dv.setUint32(i + 4, r);
  }
  return `$2a$${String(cost).padStart(2, '0')}$${salt22}${encode(data.subarray(0, 23))}`;
}

/** sprig's `bcrypt`: a `$2a$10$` hash with a random salt; failures are the result text, as in sprig. */
export function bcrypt(input: string): string {
  try {
    return bcryptHash(bytesOf(input), 10, encode(randomBytes(16)));
  } catch (e) {
    return `failed to encrypt string with bcrypt: ${(e as Error).message}`;
  }
}

/** sprig's `htpasswd`: `user:bcrypt(password)`; a user name with `:` is refused in the result text. */
export function htpasswd(username: string, password: string): string {
  if (username.includes(':')) return `invalid username: ${username}`;
  return `${username}:${bcrypt(password)}`;
}
