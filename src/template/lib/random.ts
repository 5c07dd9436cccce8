// sprig's random functions: real randomness from the platform's CSPRNG (charts embed these values in
// Secrets), in the character sets and shapes sprig gives. Tested by shape, as nothing else is stable.
import { base64Encode } from './encoding.js';
import { randomBytes } from './provider.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** A uniform integer in [0, n) without modulo bias. */
export function randomBelow(n: number): number {
  if (n <= 0) throw new Error('invalid argument to Intn');
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const b = randomBytes(4);
    const v = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (v < limit) return v % n;
  }
}

function randomFrom(chars: string, count: number): string {
  // goutils refuses a negative count; sprig ignores the error and returns ""
  if (count < 0) return '';
  let out = '';
  for (let i = 0; i < count; i++) out += chars[randomBelow(chars.length)];
  return out;
}

/** sprig's `randAlphaNum`: letters and digits. */
export function randAlphaNum(count: number): string {
  return randomFrom(LOWER + UPPER + DIGITS, count);
}

/** sprig's `randAlpha`: letters. */
export function randAlpha(count: number): string {
  return randomFrom(LOWER + UPPER, count);
}

/** sprig's `randNumeric`: digits. */
export function randNumeric(count: number): string {
  return randomFrom(DIGITS, count);
}

let ASCII = '';
for (let c = 32; c < 127; c++) ASCII += String.fromCharCode(c);

/** sprig's `randAscii`: printable ASCII, space to tilde. */
export function randAscii(count: number): string {
  return randomFrom(ASCII, count);
}

/** sprig's `randBytes`: `count` random bytes, base64. A negative count is Go's makeslice panic. */
export function randBytes(count: number): string {
  if (count < 0) throw new Error('runtime error: makeslice: len out of range');
  return base64Encode(randomBytes(count));
}

/** sprig's `randInt`: min + rand.Intn(max - min); Go panics when max <= min. */
export function randInt(min: number, max: number): number {
  return randomBelow(max - min) + min;
}

/** sprig's `uuidv4`: a random (version 4, RFC 4122 variant) UUID. */
export function uuidv4(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** sprig's `shuffle` (xstrings.Shuffle): the characters of `s` in random order. */
export function shuffle(s: string): string {
  const runes = Array.from(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return runes.join('');
}
