// Go's fmt as templates reach it (print, printf, println, and every place a value becomes text): verbs, flags,
// widths and precisions, and the `%!verb(type=value)` forms fmt writes instead of failing.
import { formatFloatG, formatGoV, goBytes, goQuote, goQuoteRune, goString } from '../values/gofmt.js';
import type { Val } from '../values/model.js';
import { elemOf, GoFuncVal, GoInt, GoNum, GoStruct, isUnsigned, sortedKeys, typeName, type TVal } from './value.js';

const TOO_LARGE = 1_000_000;

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
  plusV: boolean;
  sharpV: boolean;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

function runeLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function pad(s: string, f: Flags, zeroOk = true): string {
  if (f.wid === undefined) return s;
  const n = f.wid - runeLen(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero && zeroOk ? '0' : ' ').repeat(n) + s;
}

/** Exact decimal digits of a finite non-negative double: value = 0.digits × 10^dp. */
function exactDigits(x: number): { d: string; dp: number } {
  if (x === 0) return { d: '', dp: 0 };
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  exp -= 1075;
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    const k = -exp;
    digits = (mant * 5n ** BigInt(k)).toString();
    dp = digits.length - k;
  }
  const stripped = digits.replace(/0+$/, '');
  return { d: stripped, dp };
}

/** Rounds decimal digits to nd digits, half to even (exact input). */
function roundDigits(d: string, dp: number, nd: number): { d: string; dp: number } {
  if (nd < 0) return { d: '', dp };
  if (nd >= d.length) return { d, dp };
  const next = d.charCodeAt(nd) - 48;
  let up = false;
  if (next > 5) up = true;
  else if (next === 5) {
    const rest = d.slice(nd + 1);
    if (/[1-9]/.test(rest)) up = true;
    else up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  let out = d.slice(0, nd);
  if (up) {
    let i = out.length - 1;
    const arr = out.split('');
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      arr.unshift('1');
      dp++;
      arr.pop();
      if (nd === 0) arr.push('1');
    } else arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
    out = arr.join('');
    if (nd === 0 && !out) {
      out = '1';
      dp++;
    }
  }
  return { d: out.replace(/0+$/, ''), dp };
}

function shortest(x: number): { d: string; dp: number } {
  if (x === 0) return { d: '', dp: 0 };
  const s = x.toExponential();
  const e = s.indexOf('e');
  const d = s.slice(0, e).replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

function fmtE(d: string, dp: number, prec: number, verb: string): string {
  const digs = d.padEnd(prec + 1, '0');
  let s = digs[0] ?? '0';
  if (prec > 0) s += '.' + digs.slice(1, prec + 1);
  const exp = d === '' ? 0 : dp - 1;
  const ae = Math.abs(exp);
  return `${s}${verb}${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

function fmtF(d: string, dp: number, prec: number): string {
  let ip: string;
  if (dp > 0) ip = d.slice(0, dp).padEnd(dp, '0');
  else ip = '0';
  let s = ip;
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = dp + i;
      frac += j >= 0 && j < d.length ? d[j] : '0';
    }
    s += '.' + frac;
  }
  return s;
}

/** strconv.FormatFloat(x, verb, prec, 64) for verbs e E f g G; prec -1 = shortest. */
export function formatFloat(x: number, verb: string, prec: number): string {
  if (prec < 0 && verb === 'g') return formatFloatG(x);
  if (verb === 'x' || verb === 'X') return hexFloat(x, prec, verb === 'X');
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let { d, dp } = prec < 0 ? shortest(abs) : exactDigits(abs);
  let out: string;
  switch (verb) {
    case 'e':
    case 'E':
      if (prec >= 0) ({ d, dp } = roundDigits(d, dp, prec + 1));
      out = fmtE(d, dp, prec < 0 ? Math.max(d.length - 1, 0) : prec, verb);
      break;
    case 'f':
    case 'F':
      if (prec >= 0) ({ d, dp } = roundDigits(d, dp, dp + prec));
      out = fmtF(d, dp, prec < 0 ? Math.max(d.length - dp, 0) : prec);
      break;
    default: {
      // g / G
      let eprec = prec;
      if (prec >= 0) {
        if (prec === 0) eprec = 1;
        ({ d, dp } = roundDigits(d, dp, eprec));
      }
      const shortestMode = prec < 0;
      if (eprec > d.length && d.length >= dp) eprec = d.length;
      if (shortestMode) eprec = 6;
      const exp = dp - 1;
      if (d === '') {
        out = '0';
        break;
      }
      if (exp < -4 || exp >= eprec) {
        out = fmtE(d, dp, Math.max(d.length - 1, 0), verb === 'G' ? 'E' : 'e');
      } else {
        out = fmtF(d, dp, Math.max(d.length - dp, 0));
      }
    }
  }
  return neg ? '-' + out : out;
}

/** strconv.FormatFloat(x, 'b', -1, 64): 4503599627370496p-52. */
function binaryFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const neg = dv.getUint32(0) >>> 31 === 1;
  let exp = (dv.getUint32(0) >>> 20) & 0x7ff;
  let mant = (BigInt(dv.getUint32(0) & 0xfffff) << 32n) | BigInt(dv.getUint32(4));
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  const e = exp - 1075;
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}

/** Go-syntax representation (%#v) of a value. */
function goSyntax(v: TVal, top: boolean): string {
  if (v === undefined || v === null) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatFloatG(v);
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) return `${typeName(v)}{${v.map((x) => goSyntax(x, false)).join(', ')}}`;
  if (v instanceof GoStruct || v instanceof GoFuncVal || v instanceof Uint8Array) return typeName(v);
  const m = v as Record<string, TVal>;
  return `${typeName(v)}{${sortedKeys(m).map((k) => `${goQuote(k)}:${goSyntax(m[k], false)}`).join(', ')}}`;
}

/** strconv.FormatFloat(x, 'x', prec, 64): 0x1.8p+01. */
function hexFloat(x: number, prec: number, upper: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  let out: string;
  if (x === 0) out = '0x0' + (prec > 0 ? '.' + '0'.repeat(prec) : '') + 'p+00';
  else {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, Math.abs(x));
    let exp = (dv.getUint32(0) >>> 20) & 0x7ff;
    let mant = (BigInt(dv.getUint32(0) & 0xfffff) << 32n) | BigInt(dv.getUint32(4));
    if (exp === 0) {
      exp = 1;
      while (!(mant & (1n << 52n))) {
        mant <<= 1n;
        exp--;
      }
      mant &= (1n << 52n) - 1n;
    }
    const e = exp - 1023;
    let frac = mant.toString(16).padStart(13, '0');
    let lead = 1;
    let ee = e;
    if (prec >= 0 && prec < 13) {
      // round half to even at prec hex digits
      const full = (1n << 52n) | mant;
      const shift = BigInt(4 * (13 - prec));
      let q = full >> shift;
      const rem = full & ((1n << shift) - 1n);
      const half = 1n << (shift - 1n);
      if (rem > half || (rem === half && (q & 1n))) q++;
      if (q >> BigInt(4 * prec) >= 2n) {
        q >>= 1n;
        ee++;
      }
      lead = Number(q >> BigInt(4 * prec));
      frac = prec ? (q & ((1n << BigInt(4 * prec)) - 1n)).toString(16).padStart(prec, '0') : '';
    } else {
      frac = frac.replace(/0+$/, '');
      if (prec > 13) frac = frac.padEnd(prec, '0');
    }
    const ae = Math.abs(ee);
    out = `0x${lead}${frac ? '.' + frac : ''}p${ee < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (upper) out = out.toUpperCase();
  return neg ? '-' + out : out;
}

class Printer {
  buf = '';
  constructor(readonly budget?: (n: number) => void) {}

  badVerb(verb: string, v: TVal, f: Flags = noFlags()): void {
    if (v === undefined || v === null) this.buf += `%!${verb}(<nil>)`;
    else {
      this.buf += `%!${verb}(${typeName(v)}=`;
      // Go prints the value with %v and the flags, width and precision given for the bad verb
      this.printValue(v, 'v', f, 1);
      this.buf += ')';
    }
  }

  fmtInteger(v: bigint, unsigned: boolean, base: number, verb: string, f: Flags): void {
    const negative = !unsigned && v < 0n;
    let u = negative ? -v : v;
    if (unsigned && u < 0n) u = u + (1n << 64n);
    let prec = 0;
    if (f.prec !== undefined) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        this.buf += f.wid !== undefined ? ' '.repeat(Math.max(0, f.wid)) : '';
        return;
      }
    } else if (f.zero && f.wid !== undefined) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let digits = u.toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (f.plus) digits = '+' + digits;
    else if (f.space) digits = ' ' + digits;
    this.buf += pad(digits, f, false);
  }

  fmtFloatVerb(v: number, verb: string, prec: number, f: Flags): void {
    const p = f.prec !== undefined ? f.prec : prec;
    let num = formatFloat(v, verb === 'F' ? 'f' : verb, p);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.buf += pad(num, f, false);
      return;
    }
    if (f.sharp && verb !== 'b') {
      // Go's fmtFloat: keep a decimal point, and pad %#g/%#x to the precision's significant digits
      let digits = verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x' ? (p === -1 ? 6 : p) : 0;
      let tail = '';
      let hasPoint = false;
      let sawNonzero = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i]!;
        if (c === '.') hasPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzero = true;
          if (sawNonzero) digits--;
        }
      }
      if (!hasPoint) {
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      if (digits > 0) num += '0'.repeat(digits);
      num += tail;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && f.wid !== undefined && f.wid > num.length) {
        this.buf += num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
        return;
      }
      this.buf += pad(num, f, false);
      return;
    }
    this.buf += pad(num.slice(1), f, true);
  }

  fmtString(s: string, verb: string, f: Flags): void {
    switch (verb) {
      case 'v':
      case 's': {
        if (f.prec !== undefined) s = Array.from(s).slice(0, f.prec).join('');
        this.buf += pad(s, f);
        return;
      }
      case 'x':
      case 'X': {
        const bytes = goBytes(s);
        let out = '';
        const n = f.prec !== undefined ? Math.min(f.prec, bytes.length) : bytes.length;
        for (let i = 0; i < n; i++) {
          if (f.space && i > 0) out += ' ';
          if (f.sharp && (f.space || i === 0)) out += verb === 'x' ? '0x' : '0X';
          let h = bytes[i]!.toString(16).padStart(2, '0');
          if (verb === 'X') h = h.toUpperCase();
          out += h;
        }
        this.buf += pad(out, f);
        return;
      }
      case 'q': {
        if (f.prec !== undefined) s = Array.from(s).slice(0, f.prec).join('');
        if (f.sharp && !/[`\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) this.buf += pad('`' + s + '`', f);
        else if (f.plus) this.buf += pad(goQuote(s).replace(/[^\x00-\x7f]/gu, (c) => { const cp = c.codePointAt(0)!; return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`; }), f);
        else this.buf += pad(goQuote(s), f);
        return;
      }
    }
    this.badVerb(verb, s, f);
  }

  printValue(v: TVal, verb: string, f: Flags, depth: number): void {
    if (verb === 'T') {
      this.buf += pad(v === undefined || v === null ? '<nil>' : typeName(v), f);
      return;
    }
    if (v === undefined || v === null) {
      if (depth === 0 && verb !== 'v') this.badVerb(verb, v);
      else this.buf += pad('<nil>', f);
      return;
    }
    if (f.sharpV && verb === 'v') {
      this.buf += pad(goSyntax(v, depth === 0), f);
      return;
    }
    if (v instanceof GoStruct && v.str && !v.pointerString && 'vsqxX'.includes(verb)) {
      this.fmtString(v.str(), verb, f);
      return;
    }
    switch (typeof v) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.buf += pad(String(v), f);
        else this.badVerb(verb, v, f);
        return;
      case 'string':
        this.fmtString(v, verb, f);
        return;
      case 'number':
        switch (verb) {
          case 'v':
            this.fmtFloatVerb(v, 'g', -1, f);
            return;
          case 'x':
          case 'X':
            this.fmtFloatVerb(v, verb, -1, f);
            return;
          case 'b':
            this.buf += pad(binaryFloat(v), f);
            return;
          case 'g':
          case 'G':
            this.fmtFloatVerb(v, verb, -1, f);
            return;
          case 'f':
          case 'F':
          case 'e':
          case 'E':
            this.fmtFloatVerb(v, verb, 6, f);
            return;
        }
        this.badVerb(verb, v, f);
        return;
    }
    if (v instanceof GoInt) {
      const u = isUnsigned(v);
      switch (verb) {
        case 'v':
        case 'd':
          this.fmtInteger(v.value, u, 10, verb, f);
          return;
        case 'b':
          this.fmtInteger(v.value, u, 2, verb, f);
          return;
        case 'o':
        case 'O':
          this.fmtInteger(v.value, u, 8, verb, f);
          return;
        case 'x':
        case 'X':
          this.fmtInteger(v.value, u, 16, verb, f);
          return;
        case 'c':
          this.buf += pad(validRune(v.value), f);
          return;
        case 'q':
          this.buf += pad(goQuoteRune(validRune(v.value)), f);
          return;
        case 'U': {
          const h = (v.value < 0n ? v.value + (1n << 64n) : v.value).toString(16).toUpperCase().padStart(4, '0');
          this.buf += pad(`U+${h}`, f);
          return;
        }
      }
      this.badVerb(verb, v, f);
      return;
    }
    if (v instanceof Uint8Array) {
      if ('sqxX'.includes(verb)) {
        this.fmtString(goString(v), verb, f);
        return;
      }
      this.buf += '[';
      v.forEach((b, i) => {
        if (i) this.buf += ' ';
        this.printValue(new GoNum(BigInt(b), 'uint8'), verb, f, depth + 1);
      });
      this.buf += ']';
      return;
    }
    if (Array.isArray(v)) {
      this.buf += '[';
      for (let i = 0; i < v.length; i++) {
        if (i) this.buf += ' ';
        this.printValue(v[i], verb, f, depth + 1);
      }
      this.buf += ']';
      return;
    }
    if (v instanceof GoFuncVal) {
      this.buf += '0xc000000000';
      return;
    }
    if (v instanceof GoStruct) {
      if (v.typeName.startsWith('*') && depth === 0) this.buf += '&';
      else if (v.typeName.startsWith('*')) {
        this.buf += '0xc000000000';
        return;
      }
      this.buf += '{';
      const fields = v.pointerString?.printed ?? v.fields;
      Object.keys(fields).forEach((k, i) => {
        if (i) this.buf += ' ';
        if (f.plusV) this.buf += `${k}:`;
        this.printValue(fields[k], verb, f, depth + 1);
      });
      this.buf += '}';
      return;
    }
    const m = v as Record<string, TVal>;
    this.buf += 'map[';
    sortedKeys(m).forEach((k, i) => {
      if (i) this.buf += ' ';
      this.printValue(k, verb, f, depth + 1);
      this.buf += ':';
      this.printValue(m[k], verb, f, depth + 1);
    });
    this.buf += ']';
    void elemOf;
  }
}

function validRune(n: bigint): string {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return '\ufffd';
  return String.fromCodePoint(Number(n));
}

/** fmt.Sprint: operands separated by a space where neither side is a string. */
export function sprint(args: TVal[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printValue(a, 'v', noFlags(), 0);
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: operands always separated by a space, and a newline. */
export function sprintln(args: TVal[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.buf += ' ';
    p.printValue(a, 'v', noFlags(), 0);
  });
  return p.buf + '\n';
}

/** Go's %v of one value (how an action prints a value). */
export function formatV(v: TVal): string {
  // plain values (Helm's maps, lists, strings, numbers) print by the values layer's definition of %v
  return formatGoV(v as Val, printOther);
}

function printOther(x: unknown, depth: number): string {
  const p = new Printer();
  p.printValue(x as TVal, 'v', noFlags(), depth);
  return p.buf;
}

/**
 * fmt.Sprintf. `limit` bounds the output (widths and precisions are honoured as Go does, up to 10^6, so
 * one verb can write a megabyte); `onLimit` is called when a write would pass it.
 */
export function sprintf(format: string, args: TVal[], limit = Infinity, onLimit?: () => never): string {
  const p = new Printer();
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  let i = 0;
  const check = () => {
    if (p.buf.length > limit && onLimit) onLimit();
  };
  const parseNum = (start: number): [number | undefined, number] => {
    let j = start;
    let n = 0;
    let any = false;
    while (j < end && format[j]! >= '0' && format[j]! <= '9') {
      if (n > TOO_LARGE) return [undefined, end];
      n = n * 10 + (format.charCodeAt(j) - 48);
      any = true;
      j++;
    }
    return [any ? n : undefined, j];
  };
  const argIndex = (): boolean => {
    // [n] explicit argument index
    if (i < end && format[i] === '[') {
      reordered = true;
      const close = format.indexOf(']', i);
      if (close < 0) return false;
      const n = Number(format.slice(i + 1, close));
      if (!/^\d+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
        i = close + 1;
        argNum = -1;
        return true;
      }
      argNum = n - 1;
      i = close + 1;
    }
    return true;
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      p.buf += format.slice(i);
      break;
    }
    p.buf += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    flags: while (i < end) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
      i++;
    }
    argIndex();
    let badWidth = false;
    let badPrec = false;
    if (i < end && format[i] === '*') {
      i++;
      const a = args[argNum];
      if (argNum >= 0 && argNum < args.length && a instanceof GoNum && a.kind === 'int') {
        f.wid = Number(a.value);
        if (f.wid < 0) {
          f.minus = true;
          f.zero = false;
          f.wid = -f.wid;
        }
        if (f.wid > TOO_LARGE) {
          badWidth = true;
          f.wid = undefined;
        }
      } else badWidth = true;
      argNum++;
    } else {
      const [n, j] = parseNum(i);
      if (n !== undefined) f.wid = n;
      i = j;
    }
    if (i + 1 <= end && format[i] === '.') {
      i++;
      argIndex();
      if (i < end && format[i] === '*') {
        i++;
        const a = args[argNum];
        if (argNum >= 0 && argNum < args.length && a instanceof GoNum && a.kind === 'int') {
          f.prec = Number(a.value);
          if (f.prec < 0) f.prec = undefined;
        } else badPrec = true;
        argNum++;
      } else {
        const [n, j] = parseNum(i);
        f.prec = n ?? 0;
        i = j;
      }
    }
    argIndex();
    if (badWidth) p.buf += '%!(BADWIDTH)';
    if (badPrec) p.buf += '%!(BADPREC)';
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      p.buf += '%';
      continue;
    }
    if (argNum < 0 || argNum >= args.length) {
      p.buf += argNum < 0 ? `%!${verb}(BADINDEX)` : `%!${verb}(MISSING)`;
      if (argNum < 0) argNum = args.length;
      continue;
    }
    if (verb === 'w') {
      p.badVerb(verb, args[argNum]);
      argNum++;
      continue;
    }
    if (verb === 'v') {
      if (f.sharp) {
        f.sharp = false;
        f.sharpV = true;
      }
      if (f.plus) {
        f.plus = false;
        f.plusV = true;
      }
    }
    p.printValue(args[argNum++], verb, f, 0);
    check();
  }
  if (!reordered && argNum < args.length) {
    p.buf += '%!(EXTRA ';
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) p.buf += ', ';
      const a = args[k];
      if (a === undefined || a === null) p.buf += '<nil>';
      else {
        p.buf += typeName(a) + '=';
        p.printValue(a, 'v', noFlags(), 0);
      }
    }
    p.buf += ')';
  }
  check();
  return p.buf;
}
