// The case converters of huandu/xstrings v1.5.0, the version the sprig of both Helm 3.17.1 and Helm 4.1.4
// vendors: sprig's `snakecase` (ToSnakeCase) and `kebabcase` (ToKebabCase).
//
// ToSnakeCase and ToKebabCase cut the text into words of one type (a run of connectors: `-`, `_`, white space;
// a run of punctuation; an upper-case word, `HTTP` of `HTTPServer` or `Server`; a lower-case word; a run of
// digits; a run of anything else), lower-case the upper-case words and connectors, and join them with the
// connector by rules about which word follows which: punctuation and "other" runs (symbols such as `+`, `<`)
// are not words to these rules, so `"%+d"` becomes `%+-d` and `"<nil> x"` becomes `<-nil->-x`. Go works on
// UTF-8 runes; an invalid one (and U+FFFD itself, which decodes as utf8.RuneError) is skipped over into the
// rune after it. Case mapping is Go's simple one rune to one rune mapping (unicode.ToLower/ToUpper).

const enum W {
  invalid,
  number,
  upper,
  alphabet,
  connector,
  punct,
  other,
}

const RUNE_ERROR = 0xfffd;
// Go's unicode classes of a rune (unicode.IsUpper, IsLetter, IsSpace, ...), shared with goutils.ts
const is = (re: RegExp) => (r: number) => re.test(String.fromCodePoint(r));
export const isUpper = is(/\p{Lu}/u);
export const isLower = is(/\p{Ll}/u);
export const isTitle = is(/\p{Lt}/u);
export const isLetter = is(/\p{L}/u);
export const isDigit = is(/\p{Nd}/u);
const isNumber = is(/\p{N}/u);
const isPunct = is(/\p{P}/u);
export const isSpace = is(/\p{White_Space}/u);
const isConnector = (r: number) => r === 0x2d || r === 0x5f || isSpace(r);

/** xstrings' isAlphabet: a letter, not a common CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** Go's unicode.ToLower: the simple mapping, one rune to one rune. */
export function goToLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ: simple lower-case mapping i (JavaScript's full mapping adds a dot)
  const s = String.fromCodePoint(r).toLowerCase();
  const cp = s.codePointAt(0)!;
  return s.length === String.fromCodePoint(cp).length ? cp : r;
}

/** Go's unicode.ToUpper: the simple mapping (ß has none and stays ß). */
export function goToUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  // Greek letters with ypogegrammeni: JavaScript's full mapping makes two characters, the simple one a single
  // title-case letter (ᾳ -> ᾼ, ᾀ -> ᾈ)
  if (r >= 0x1f80 && r <= 0x1fa7 && (r & 0xf) < 8) return r + 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
  const s = String.fromCodePoint(r).toUpperCase();
  const cp = s.codePointAt(0)!;
  return s.length === String.fromCodePoint(cp).length ? cp : r;
}

/** The text as Go's runes: lone surrogates (not UTF-8) as utf8.RuneError, like U+FFFD itself. */
export function runesOf(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out.push(cp >= 0xd800 && cp <= 0xdfff ? RUNE_ERROR : cp);
  }
  return out;
}

interface Word {
  type: W;
  runes: number[];
}

/** nextWord over runes[from..]: the word and where the rest starts. */
function nextWord(runes: number[], from: number): { word: Word; next: number } {
  const n = runes.length;
  let i = from;
  // nextValidRune: the first rune that is not RuneError from j, its end; prev when none is left
  const valid = (j: number, prev: number): { r: number; end: number } => {
    while (j < n) {
      if (runes[j] !== RUNE_ERROR) return { r: runes[j]!, end: j + 1 };
      j++;
    }
    return { r: prev, end: n };
  };
  let { r, end } = valid(i, RUNE_ERROR);
  let offset = end;
  if (r === RUNE_ERROR) return { word: { type: W.invalid, runes: runes.slice(from, offset) }, next: offset };
  // `rem`: where `remaining` starts (as Go slices it: by the size of the last valid rune read, which includes
  // the invalid runes skipped before it)
  let rem = end;
  let type: W;
  const run = (pred: (x: number) => boolean) => {
    while (rem < n) {
      const v = valid(rem, r);
      r = v.r;
      if (!pred(r)) break;
      offset = v.end;
      rem = v.end;
    }
  };
  if (isConnector(r)) {
    type = W.connector;
    run(isConnector);
  } else if (isPunct(r)) {
    type = W.punct;
    run(isPunct);
  } else if (isUpper(r)) {
    type = W.upper;
    if (rem < n) {
      const v = valid(rem, r);
      r = v.r;
      if (isUpper(r)) {
        let prevEnd = offset;
        offset = v.end;
        rem = v.end;
        while (rem < n) {
          const w = valid(rem, r);
          r = w.r;
          if (!isUpper(r)) break;
          prevEnd = offset;
          offset = w.end;
          rem = w.end;
        }
        // "HTTPStatus": the `S` starts the next word
        if (rem < n && isAlphabet(r)) {
          offset = prevEnd;
          rem = offset;
        }
      } else if (isAlphabet(r)) {
        offset = v.end;
        rem = v.end;
        run((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) {
    type = W.alphabet;
    run((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    type = W.number;
    run(isNumber);
  } else {
    type = W.other;
    run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  i = offset;
  return { word: { type, runes: runes.slice(from, i) }, next: i };
}

function toLower(out: number[], w: Word, connector: number): void {
  if (w.type !== W.upper && w.type !== W.connector) {
    out.push(...w.runes);
    return;
  }
  for (const r of w.runes) out.push(isConnector(r) ? connector : isUpper(r) ? goToLower(r) : r);
}

/** xstrings' camelCaseToLowerCase (ToSnakeCase with `_`, ToKebabCase with `-`). */
function camelCaseToLowerCase(s: string, connector: number): string {
  if (s.length === 0) return '';
  const runes = runesOf(s);
  const n = runes.length;
  const out: number[] = [];
  let { word, next } = nextWord(runes, 0);
  const more = () => ({ word, next } = next < n ? nextWord(runes, next) : { word: { type: W.invalid, runes: [] }, next });
  // the type of the word read last (a function: `more` changes it behind the compiler's back)
  const wt = (): W => word.type;
  while (next < n) {
    if (wt() !== W.connector) toLower(out, word, connector);
    const prev = word;
    more();
    switch (prev.type) {
      case W.number:
        while (wt() === W.alphabet || wt() === W.number) {
          toLower(out, word, connector);
          more();
        }
        if (wt() !== W.invalid && wt() !== W.punct && wt() !== W.connector) out.push(connector);
        break;
      case W.connector:
        toLower(out, prev, connector);
        break;
      case W.punct:
        break;
      default: {
        if (wt() !== W.number) {
          if (wt() !== W.connector && wt() !== W.punct) out.push(connector);
          break;
        }
        if (next >= n) break;
        const last = word;
        more();
        // a number is part of the word before it ("Bld4Floor" => "bld4_floor")
        if (wt() !== W.alphabet) {
          toLower(out, { type: W.number, runes: last.runes }, connector);
          if (wt() !== W.connector && wt() !== W.punct) out.push(connector);
          break;
        }
        // lower-case letters after a number: the connector goes before the number ("HTTP2xx" => "http_2xx")
        out.push(connector);
        toLower(out, { type: W.number, runes: last.runes }, connector);
        while (wt() === W.alphabet || wt() === W.number) {
          toLower(out, word, connector);
          more();
        }
        if (wt() !== W.invalid && wt() !== W.connector && wt() !== W.punct) out.push(connector);
      }
    }
  }
  toLower(out, word, connector);
  return fromRunes(out);
}

export const toSnakeCase = (s: string): string => camelCaseToLowerCase(s, 0x5f);
export const toKebabCase = (s: string): string => camelCaseToLowerCase(s, 0x2d);

/**
 * xstrings' ToPascalCase, sprig's `camelcase`: the first rune that is not a connector and every rune after a
 * connector are upper-cased (that connector dropped); in a word that began upper-case, the upper-case runes that
 * follow are lower-cased until one that is not upper-case (`HTTP_server` is `HttpServer`, `aBC_dEF` is
 * `ABCDEF`); connectors at the start, runs of connectors but their last, and a connector at the end are kept. A
 * text of connectors alone keeps them and repeats the last (xstrings' one-rune special case reached with the last
 * connector).
 */
export function toPascalCase(s: string): string {
  const runes = runesOf(s);
  if (runes.length === 0) return '';
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let wordUpper = false;
  while (i < runes.length) {
    r0 = runes[i++]!;
    if (!isConnector(r0)) {
      wordUpper = isUpper(r0);
      r0 = goToUpper(r0);
      break;
    }
    out.push(r0);
  }
  if (i === runes.length) {
    // the one-rune special case: r0 is the upper-cased rune, or the last connector (written once already)
    out.push(r0);
    return fromRunes(out);
  }
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      wordUpper = isUpper(r0);
      r0 = goToUpper(r0);
    } else {
      if (wordUpper) {
        if (isUpper(r0)) r0 = goToLower(r0);
        else wordUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return fromRunes(out);
}

export function fromRunes(runes: number[]): string {
  let text = '';
  for (let k = 0; k < runes.length; k += 4096) text += String.fromCodePoint(...runes.slice(k, k + 4096));
  return text;
}
