// The string functions sprig takes from Masterminds/goutils v1.1.1 (abbrev, abbrevboth, nospace, initials, untitle,
// swapcase, wrap, wrapWith) and Go's strings.Title, ToUpper and ToLower (sprig's `title`, `upper`, `lower`), with their
// exact rules. Several of them work on a string's bytes, not its characters, and so do odd things to text that is not
// ASCII, which Helm prints as they are: DeleteWhiteSpace and Initials read each byte as the Latin-1 character of that
// value (`nospace "é x"` is `Ã©x`), Abbreviate and Wrap cut between the bytes of a character. Strings here are this
// package's model of Go strings: a byte that is not UTF-8 is a lone surrogate (see values/gofmt goBytes/goString);
// where Go converts to runes it becomes U+FFFD.
import { goBytes, goString } from '../values/gofmt.js';
import { fromRunes, goToLower, goToUpper, isDigit, isLetter, isLower, isSpace, isTitle, isUpper, runesOf } from './xstrings.js';

/** Go's unicode.ToTitle: the upper-case mapping but for the few letters whose title case differs. */
export function goToTitle(r: number): number {
  if (r >= 0x1c4 && r <= 0x1c6) return 0x1c5; // Ǆ ǅ ǆ -> ǅ
  if (r >= 0x1c7 && r <= 0x1c9) return 0x1c8;
  if (r >= 0x1ca && r <= 0x1cc) return 0x1cb;
  if (r >= 0x1f1 && r <= 0x1f3) return 0x1f2;
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r; // Georgian Mkhedruli is its own title case
  return goToUpper(r);
}

/** Go's strings.ToUpper and ToLower: ASCII as it is, anything else rune by rune with the simple mappings. */
export function goStringsUpper(s: string): string {
  if (!NOT_ASCII.test(s)) return s.toUpperCase();
  return fromRunes(runesOf(s).map(goToUpper));
}

export function goStringsLower(s: string): string {
  if (!NOT_ASCII.test(s)) return s.toLowerCase();
  return fromRunes(runesOf(s).map(goToLower));
}

const NOT_ASCII = /[^\x00-\x7f]/;

/** Go's strings.Title: the first letter of each word (after a separator) in title case. */
export function title(s: string): string {
  const out: number[] = [];
  let prev = 0x20;
  for (const r of runesOf(s)) {
    out.push(isSeparator(prev) ? goToTitle(r) : r);
    prev = r;
  }
  return fromRunes(out);
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) return !((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f);
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** goutils.Uncapitalize (sprig's `untitle`): the first rune of each white-space separated word lower-cased. */
export function uncapitalize(s: string): string {
  if (s === '') return s;
  const runes = runesOf(s);
  let next = true;
  for (let i = 0; i < runes.length; i++) {
    if (isSpace(runes[i]!)) next = true;
    else if (next) {
      runes[i] = goToLower(runes[i]!);
      next = false;
    }
  }
  return fromRunes(runes);
}

/** goutils.SwapCase: upper and title case to lower; lower to title case at the start or after white space, else upper. */
export function swapCase(s: string): string {
  if (s === '') return s;
  const runes = runesOf(s);
  let whitespace = true;
  for (let i = 0; i < runes.length; i++) {
    const r = runes[i]!;
    if (isUpper(r) || isTitle(r)) {
      runes[i] = goToLower(r);
      whitespace = false;
    } else if (isLower(r)) {
      runes[i] = whitespace ? goToTitle(r) : goToUpper(r);
      whitespace = false;
    } else whitespace = isSpace(r);
  }
  return fromRunes(runes);
}

/** unicode.IsSpace of a byte read as a rune: ASCII white space, 0x85 and 0xA0. */
const byteIsSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0;

/** Bytes written as runes of their own value (Go's WriteRune(rune(b))): b >= 0x80 becomes a Latin-1 character. */
const latin1 = (bytes: number[]) => fromRunes(bytes);

/** goutils.DeleteWhiteSpace (sprig's `nospace`): byte by byte; unchanged when nothing is deleted. */
export function deleteWhiteSpace(s: string): string {
  if (s === '') return s;
  const b = goBytes(s);
  const kept: number[] = [];
  for (const x of b) if (!byteIsSpace(x)) kept.push(x);
  return kept.length === b.length ? s : latin1(kept);
}

/** goutils.Initials (sprig's `initials`): byte by byte, the first byte after white space. */
export function initials(s: string): string {
  if (s === '') return s;
  const out: number[] = [];
  let gap = true;
  for (const x of goBytes(s)) {
    if (byteIsSpace(x)) gap = true;
    else if (gap) {
      out.push(x);
      gap = false;
    }
  }
  return latin1(out);
}

/**
 * goutils.AbbreviateFull on bytes, with sprig's handling of its errors (an empty string): `abbrev` is offset 0.
 */
export function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  return goString(abbreviateBytes(goBytes(s), offset, maxWidth) ?? new Uint8Array(0));
}

const DOTS = [0x2e, 0x2e, 0x2e];

function abbreviateBytes(b: Uint8Array, offset: number, maxWidth: number): Uint8Array | undefined {
  if (b.length === 0) return b;
  if (maxWidth < 4) return undefined;
  if (b.length <= maxWidth) return b;
  if (offset > b.length) offset = b.length;
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  if (offset <= 4) return Uint8Array.from([...b.subarray(0, maxWidth - 3), ...DOTS]);
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < b.length) return Uint8Array.from([...DOTS, ...(abbreviateBytes(b.subarray(offset), 0, maxWidth - 3) ?? [])]);
  return Uint8Array.from([...DOTS, ...b.subarray(b.length - (maxWidth - 3))]);
}

/** goutils.WrapCustom (sprig's `wrap` and `wrapWith`), on bytes. */
export function wrapCustom(s: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (s === '') return '';
  const str = goBytes(s);
  const nl = goBytes(newLine === '' ? '\n' : newLine);
  if (wrapLength < 1) wrapLength = 1;
  const n = str.length;
  let offset = 0;
  const out: number[] = [];
  const put = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(str[i]!);
  };
  while (n - offset > wrapLength) {
    if (str[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    let at = str.subarray(offset, end).lastIndexOf(0x20) + offset;
    if (at >= offset) {
      put(offset, at);
      out.push(...nl);
      offset = at + 1;
    } else if (wrapLong) {
      put(offset, wrapLength + offset);
      out.push(...nl);
      offset += wrapLength;
    } else {
      const from = wrapLength + offset;
      const index = str.subarray(from).indexOf(0x20);
      if (index === -1) {
        put(offset, n);
        offset = n;
      } else {
        at = index + from;
        put(offset, at);
        out.push(...nl);
        offset = at + 1;
      }
    }
  }
  put(offset, n);
  return goString(Uint8Array.from(out));
}
