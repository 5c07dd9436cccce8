// Go's time package as sprig's date functions use it: Format and Parse with Go's reference-time layouts
// (Mon Jan 2 15:04:05 MST 2006), Duration's String and ParseDuration, and the sprig functions over them.
//
// Zones: "UTC" exactly; IANA names (Europe/Berlin) through Intl, whose offsets are the tz database's;
// "Local" is the zone the JavaScript environment runs in (Helm's is its machine's). Zone abbreviations
// come from Intl's en-US short names where they are letters (EST, PST, UTC), otherwise Go's numeric
// form (+01) is written; the tz database's own abbreviations (CET) are not available in a browser-safe way.
import { GoInt } from '../../values/model.js';

/** A Go time.Time: an instant (Unix seconds and nanoseconds) in a zone. */
export class GoTime {
  constructor(
    readonly unixSec: bigint,
    readonly nsec: number,
    readonly zone: string,
    /** fixed offset in seconds, for a time parsed with a numeric offset (Go's FixedZone) */
    readonly fixedOffset?: number,
    readonly fixedName?: string,
  ) {}

  /** time.Time.String() (without Go's monotonic clock reading). */
  String(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }
  toString(): string {
    return this.String();
  }
  /** time.Time.Unix() */
  Unix(): GoInt {
    return new GoInt(this.unixSec);
  }
  In(zone: string): GoTime {
    return new GoTime(this.unixSec, this.nsec, zone);
  }
  Add(d: bigint): GoTime {
    const total = this.unixSec * 1_000_000_000n + BigInt(this.nsec) + d;
    const sec = total >= 0n ? total / 1_000_000_000n : -((-total + 999_999_999n) / 1_000_000_000n);
    return new GoTime(sec, Number(total - sec * 1_000_000_000n), this.zone, this.fixedOffset, this.fixedName);
  }
}

/** The zone JavaScript runs in, standing for Go's time.Local. */
function localZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const ZONE_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** Whether Go's time.LoadLocation would find the zone ("" and "UTC" are UTC, "Local" the local zone). */
export function validZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Go opens the zone's file by name: the case must be exact ("utc" is not found)
    if (resolved.toLowerCase() === zone.toLowerCase() && resolved !== zone) return false;
    return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone);
  } catch {
    return false;
  }
}

function zoneInfo(t: GoTime): { offset: number; name: string } {
  if (t.fixedOffset !== undefined) return { offset: t.fixedOffset, name: t.fixedName ?? '' };
  const zone = t.zone === 'Local' ? localZone() : t.zone;
  if (zone === '' || zone === 'UTC' || zone === 'Etc/UTC') return { offset: 0, name: 'UTC' };
  const f = zoneFormatter(zone);
  if (!f) return { offset: 0, name: 'UTC' };
  const offset = offsetAt(f, Number(t.unixSec) * 1000);
  // before a zone's first transition Go uses the zone's first zone type: the tz database's local mean time
  // (LMT) for places, "-00" where the database starts with no time at all (Antarctic stations)
  const first = firstTransition(zone, f);
  if (first !== undefined && Number(t.unixSec) * 1000 < first.at) return { offset, name: first.initial === 0 ? '-00' : 'LMT' };
  return { offset, name: abbreviation(zone, new Date(Number(t.unixSec) * 1000)) ?? modernAbbreviation(zone, f, offset) ?? numericZoneName(offset) };
}

/**
 * Intl names a zone's times by its metazone, which begins in the 20th century: an older time whose offset is
 * one the zone still uses today (New York's -05:00 of 1883) takes today's name for it (EST), as the tz
 * database's rules do for most places.
 */
function modernAbbreviation(zone: string, f: Intl.DateTimeFormat, offset: number): string | undefined {
  for (const ms of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
    if (offsetAt(f, ms) === offset) return abbreviation(zone, new Date(ms));
  }
  return undefined;
}

function zoneFormatter(zone: string): Intl.DateTimeFormat | undefined {
  let f = ZONE_FORMATTERS.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short',
      });
    } catch {
      return undefined;
    }
    ZONE_FORMATTERS.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC in seconds at an instant (ms), from the local time Intl shows for it. */
function offsetAt(f: Intl.DateTimeFormat, ms: number): number {
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  // year 0 and before are 1 BC and before (the era makes them distinct from year 1)
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const asUtc = utcMs(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 1000);
}

// JavaScript's dates reach 271,821 BC; Go's zero time (year 1) and the tz database's first transitions (1835
// to 1970s) are well inside
const FAR_PAST_MS = -8_000_000_000_000_000;
const FIRST_TRANSITION = new Map<string, { at: number; initial: number } | null>();

/**
 * When a place's first zone type ends (the instant its offset first changes) and that type's offset, for
 * zones named Area/Location (Etc/ zones and the old names like EST have no local mean time); undefined for
 * a zone whose offset never changes.
 */
function firstTransition(zone: string, f: Intl.DateTimeFormat): { at: number; initial: number } | undefined {
  if (!zone.includes('/') || zone.startsWith('Etc/')) return undefined;
  let r = FIRST_TRANSITION.get(zone);
  if (r === undefined) {
    r = null;
    const initial = offsetAt(f, FAR_PAST_MS);
    let hi = Date.UTC(2000, 0, 1);
    if (offsetAt(f, hi) !== initial || offsetAt(f, Date.UTC(2000, 6, 1)) !== initial) {
      if (offsetAt(f, hi) === initial) hi = Date.UTC(2000, 6, 1);
      // the offset is the initial one before the transition and another after it: bisect to the second
      let lo = FAR_PAST_MS;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetAt(f, mid) === initial) lo = mid;
        else hi = mid;
      }
      r = { at: hi, initial };
    }
    FIRST_TRANSITION.set(zone, r);
  }
  return r ?? undefined;
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  return dt.getTime();
}

// The tz database's abbreviations are not exposed to JavaScript; English locales' short names are
// them for most zones that have letters (EST, CET, IST, AEST), and zones without one get Go's numeric form
const NAME_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'en-IE'];

function abbreviation(zone: string, date: Date): string | undefined {
  for (const locale of NAME_LOCALES) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
      if (part && /^[A-Z]{2,5}$/.test(part.value) && !/^(GMT|UTC)$/.test(part.value)) return part.value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function numericZoneName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  return `${sign}${String(h).padStart(2, '0')}${m ? String(m).padStart(2, '0') : ''}`;
}

// Go's stdTZ for a zone without a name (a parsed numeric offset): sign, hours and minutes
function fixedZoneName(offset: number): string {
  const z = Math.trunc(offset / 60);
  const a = Math.abs(z);
  return `${z < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Civil {
  year: number;
  month: number;
  day: number;
  yday: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

function civil(sec: bigint): Civil {
  const days = Number(sec >= 0n ? sec / 86400n : -((-sec + 86399n) / 86400n));
  const rem = Number(sec - BigInt(days) * 86400n);
  // days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const jan1 = daysFromCivil(year, 1, 1);
  return {
    year, month, day, yday: days - jan1 + 1, weekday: (((days + 4) % 7) + 7) % 7,
    hour: Math.floor(rem / 3600), minute: Math.floor((rem % 3600) / 60), second: rem % 60,
  };
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// ---- layouts ----

type Std =
  | 'Jan' | 'January' | 'Mon' | 'Monday' | 'MST' | '01' | '02' | '03' | '04' | '05' | '06' | '002' | '15' | '1' | '2006' | '2'
  | '_2' | '__2' | '3' | '4' | '5' | 'PM' | 'pm'
  | '-070000' | '-07:00:00' | '-0700' | '-07:00' | '-07' | 'Z070000' | 'Z07:00:00' | 'Z0700' | 'Z07:00' | 'Z07'
  | { frac: '0' | '9'; n: number; sep: string };

function startsWithLowerCase(s: string): boolean {
  return s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
}

/** Go's nextStdChunk: the layout split into literal text and standard elements. */
function chunks(layout: string): Array<{ lit: string } | Std> {
  const out: Array<{ lit: string } | Std> = [];
  let lit = '';
  const push = (std: Std, len: number, i: number): number => {
    if (lit) out.push({ lit });
    lit = '';
    out.push(std);
    return i + len;
  };
  for (let i = 0; i < layout.length; ) {
    const rest = layout.slice(i);
    const c = layout[i]!;
    let next: number | undefined;
    switch (c) {
      case 'J':
        if (rest.startsWith('January')) next = push('January', 7, i);
        else if (rest.startsWith('Jan') && !startsWithLowerCase(rest.slice(3))) next = push('Jan', 3, i);
        break;
      case 'M':
        if (rest.startsWith('Monday')) next = push('Monday', 6, i);
        else if (rest.startsWith('Mon') && !startsWithLowerCase(rest.slice(3))) next = push('Mon', 3, i);
        else if (rest.startsWith('MST')) next = push('MST', 3, i);
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6') next = push(rest.slice(0, 2) as Std, 2, i);
        else if (rest.startsWith('002')) next = push('002', 3, i);
        break;
      case '1':
        next = rest.startsWith('15') ? push('15', 2, i) : push('1', 1, i);
        break;
      case '2':
        next = rest.startsWith('2006') ? push('2006', 4, i) : push('2', 1, i);
        break;
      case '_':
        if (rest.startsWith('_2')) {
          if (rest.startsWith('_2006')) {
            lit += '_';
            next = push('2006', 4, i + 1);
          } else next = push('_2', 2, i);
        } else if (rest.startsWith('__2')) next = push('__2', 3, i);
        break;
      case '3': case '4': case '5':
        next = push(c as Std, 1, i);
        break;
      case 'P':
        if (rest.startsWith('PM')) next = push('PM', 2, i);
        break;
      case 'p':
        if (rest.startsWith('pm')) next = push('pm', 2, i);
        break;
      case '-':
      case 'Z':
        for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
          if (rest.startsWith(c + z)) {
            next = push((c + z) as Std, z.length + 1, i);
            break;
          }
        }
        break;
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          const ch = rest[1] as '0' | '9';
          let j = 1;
          while (j < rest.length && rest[j] === ch) j++;
          if (!(rest[j]! >= '0' && rest[j]! <= '9')) next = push({ frac: ch, n: j - 1, sep: c }, j, i);
        }
        break;
    }
    if (next === undefined) {
      lit += c;
      i++;
    } else i = next;
  }
  if (lit) out.push({ lit });
  return out;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function zoneText(std: string, offset: number): string {
  if (std[0] === 'Z' && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  switch (std.slice(1)) {
    case '070000': return `${sign}${hh}${mm}${ss}`;
    case '07:00:00': return `${sign}${hh}:${mm}:${ss}`;
    case '0700': return `${sign}${hh}${mm}`;
    case '07:00': return `${sign}${hh}:${mm}`;
    default: return `${sign}${hh}`;
  }
}

/** time.Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const { offset, name } = zoneInfo(t);
  const c = civil(t.unixSec + BigInt(offset));
  let out = '';
  for (const std of chunks(layout)) {
    if (typeof std === 'object' && 'lit' in std) {
      out += std.lit;
      continue;
    }
    if (typeof std === 'object') {
      const digits = String(t.nsec).padStart(9, '0');
      if (std.frac === '0') out += std.sep + digits.slice(0, std.n);
      else {
        const trimmed = digits.slice(0, std.n).replace(/0+$/, '');
        if (trimmed) out += std.sep + trimmed;
      }
      continue;
    }
    switch (std) {
      case 'Jan': out += MONTH_NAMES[c.month - 1]!.slice(0, 3); break;
      case 'January': out += MONTH_NAMES[c.month - 1]; break;
      case 'Mon': out += DAY_NAMES[c.weekday]!.slice(0, 3); break;
      case 'Monday': out += DAY_NAMES[c.weekday]; break;
      case 'MST': out += name || fixedZoneName(offset); break;
      case '01': out += pad(c.month, 2); break;
      case '1': out += String(c.month); break;
      case '02': out += pad(c.day, 2); break;
      case '2': out += String(c.day); break;
      case '_2': out += String(c.day).padStart(2, ' '); break;
      case '__2': out += String(c.yday).padStart(3, ' '); break;
      case '002': out += pad(c.yday, 3); break;
      case '03': out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2); break;
      case '3': out += String(c.hour % 12 === 0 ? 12 : c.hour % 12); break;
      case '15': out += pad(c.hour, 2); break;
      case '04': out += pad(c.minute, 2); break;
      case '4': out += String(c.minute); break;
      case '05': out += pad(c.second, 2); break;
      case '5': out += String(c.second); break;
      case '06': out += pad(((c.year % 100) + 100) % 100, 2); break;
      case '2006': out += pad(c.year, 4); break;
      case 'PM': out += c.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += c.hour >= 12 ? 'pm' : 'am'; break;
      default: out += zoneText(std, offset);
    }
  }
  return out;
}

// ---- durations ----

const NS = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n } as Record<string, bigint>;
const INT64_MAX = 2n ** 63n - 1n;

function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch.codePointAt(0)! < 0x20) out += `\\x${ch.codePointAt(0)!.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** time.ParseDuration: nanoseconds, or an Error with Go's text. */
export function parseDuration(orig: string): bigint {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration ${quoteGo(orig)}`);
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const intPart = m[1]!;
    const fracPart = m[2];
    if (intPart === '' && (fracPart === undefined || fracPart === '')) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    if (i === 0) throw new Error(`time: missing unit in duration ${quoteGo(orig)}`);
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = NS[u];
    if (unit === undefined) throw new Error(`time: unknown unit ${quoteGo(u)} in duration ${quoteGo(orig)}`);
    const v = BigInt(intPart || '0');
    if (v > INT64_MAX / unit) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
    let part = v * unit;
    if (fracPart) {
      // Go keeps the fraction's leading digits that fit, then scales
      let f = 0n;
      let scale = 1n;
      for (const ch of fracPart) {
        if (f > INT64_MAX / 10n) break;
        f = f * 10n + BigInt(ch.charCodeAt(0) - 48);
        scale *= 10n;
      }
      part += (f * unit) / scale;
    }
    d += part;
    if (d > INT64_MAX) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
  }
  return neg ? -d : d;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let s = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) s = String(digit) + s;
    v /= 10n;
  }
  return [print ? `.${s}` : '', v];
}

/** time.Duration.String(). */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  if (u === 0n) return '0s';
  let out: string;
  if (u < 1_000_000_000n) {
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** time.Duration.Round(m): halfway values away from zero. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}

// ---- sprig's functions ----

/** What sprig's date functions accept as a date: a time, or Go integers (int, int64, int32). */
export type DateArg = GoTime | GoInt | { goInt: number } | unknown;

function asTime(date: unknown, now: () => GoTime): GoTime {
  if (date instanceof GoTime) return date;
  if (date instanceof GoInt) return new GoTime(date.value, 0, 'Local');
  if (typeof date === 'object' && date !== null && typeof (date as { goInt?: unknown }).goInt === 'number') {
    return new GoTime(BigInt((date as { goInt: number }).goInt), 0, 'Local');
  }
  // float64 (every number from values), strings and the rest: sprig uses the current time
  return now();
}

/** The current time (time.Now). */
export function now(): GoTime {
  const ms = Date.now();
  return new GoTime(BigInt(Math.floor(ms / 1000)), (ms % 1000) * 1_000_000, 'Local');
}

/** sprig's `dateInZone` (also `date_in_zone`): an unknown zone falls back to UTC. */
export function dateInZone(layout: string, date: DateArg, zone: string, clock: () => GoTime = now): string {
  const t = asTime(date, clock);
  return formatTime(t.In(validZone(zone) ? (zone === '' ? 'UTC' : zone) : 'UTC'), layout);
}

/** sprig's `date`: dateInZone with "Local". */
export function date(layout: string, d: DateArg, clock: () => GoTime = now): string {
  return dateInZone(layout, d, 'Local', clock);
}

/** sprig's `htmlDate`. */
export function htmlDate(d: DateArg, clock: () => GoTime = now): string {
  return dateInZone('2006-01-02', d, 'Local', clock);
}

/** sprig's `htmlDateInZone`. */
export function htmlDateInZone(d: DateArg, zone: string, clock: () => GoTime = now): string {
  return dateInZone('2006-01-02', d, zone, clock);
}

/** sprig's `dateModify` (`date_modify`): a bad duration leaves the date as it is. */
export function dateModify(fmt: string, d: GoTime): GoTime {
  try {
    return d.Add(parseDuration(fmt));
  } catch {
    return d;
  }
}

/** sprig's `mustDateModify`. */
export function mustDateModify(fmt: string, d: GoTime): GoTime {
  return d.Add(parseDuration(fmt));
}

/** sprig's `ago`: the time since `date`, rounded to seconds. */
export function ago(d: DateArg, clock: () => GoTime = now): string {
  const t = asTime(d, clock);
  const n = clock();
  const since = (n.unixSec - t.unixSec) * 1_000_000_000n + BigInt(n.nsec - t.nsec);
  return durationString(roundDuration(since, 1_000_000_000n));
}

/**
 * sprig's `duration`: seconds given as a string or an int64 (GoInt); anything else (a template's
 * int constant, a float64 from values) counts as 0, as in sprig.
 */
export function duration(sec: unknown): string {
  let n = 0n;
  if (typeof sec === 'string') {
    n = /^[+-]?[0-9]+$/.test(sec) ? BigInt(sec) : 0n;
    if (n > INT64_MAX || n < -INT64_MAX - 1n) n = n > 0n ? INT64_MAX : -INT64_MAX - 1n;
  } else if (sec instanceof GoInt) n = sec.value;
  return durationString(BigInt.asIntN(64, n * 1_000_000_000n));
}

/** sprig's `durationRound`: a duration string, an int64 of nanoseconds, or a time (since then). */
export function durationRound(v: unknown, clock: () => GoTime = now): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt) d = v.value;
  else if (v instanceof GoTime) {
    const n = clock();
    d = (n.unixSec - v.unixSec) * 1_000_000_000n + BigInt(n.nsec - v.nsec);
  }
  const u = d < 0n ? -d : d;
  const HOUR = 3_600_000_000_000n;
  const steps: Array<[bigint, string]> = [
    [HOUR * 24n * 365n, 'y'], [HOUR * 24n * 30n, 'mo'], [HOUR * 24n, 'd'], [HOUR, 'h'], [60_000_000_000n, 'm'], [1_000_000_000n, 's'],
  ];
  for (const [size, unit] of steps) if (u > size) return `${u / size}${unit}`;
  return '0s';
}

/** sprig's `unixEpoch`. */
export function unixEpoch(d: GoTime): string {
  return String(d.unixSec);
}

// ---- parsing ----

function parseError(value: string, layout: string, valueElem: string, layoutElem: string, msg = ''): Error {
  if (msg) return new Error(`parsing time ${quoteGo(value)}${msg}`);
  return new Error(`parsing time ${quoteGo(value)} as ${quoteGo(layout)}: cannot parse ${quoteGo(valueElem)} as ${quoteGo(layoutElem)}`);
}

function stdText(std: Std): string {
  if (typeof std === 'object' && 'lit' in std) return (std as { lit: string }).lit;
  return typeof std === 'object' ? std.sep + std.frac.repeat(std.n) : std;
}

/** time.ParseInLocation for the layouts charts use; the zone is "Local" unless the text gives an offset. */
export function parseTime(layout: string, value: string, zone = 'Local'): GoTime {
  const parts = chunks(layout);
  let v = value;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nsec = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let zoneName: string | undefined;
  let yday = -1;
  const num = (min: number, max: number, elem: string): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(v);
    if (!m) throw parseError(value, layout, v, elem);
    v = v.slice(m[0].length);
    return Number(m[0]);
  };
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (typeof p === 'object' && 'lit' in p) {
      if (!v.startsWith(p.lit)) throw parseError(value, layout, v, p.lit);
      v = v.slice(p.lit.length);
      continue;
    }
    const elem = stdText(p);
    const before = v;
    if (typeof p === 'object') {
      if (!(v[0] === '.' || v[0] === ',') || !(v[1]! >= '0' && v[1]! <= '9')) {
        if (p.frac === '9') continue;
        throw parseError(value, layout, v, elem);
      }
      const m = /^[.,]([0-9]+)/.exec(v)!;
      if (p.frac === '0' && m[1]!.length !== p.n) throw parseError(value, layout, v, elem);
      nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
      v = v.slice(m[0].length);
      continue;
    }
    switch (p) {
      case '2006': {
        const m = /^[0-9]{4}/.exec(v);
        if (!m) throw parseError(value, layout, v, elem);
        year = Number(m[0]);
        v = v.slice(4);
        break;
      }
      case '06': {
        const y = num(2, 2, elem);
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case 'January':
      case 'Jan': {
        const names = MONTH_NAMES.map((n) => (p === 'Jan' ? n.slice(0, 3) : n));
        const i = names.findIndex((n) => v.slice(0, n.length).toLowerCase() === n.toLowerCase());
        if (i < 0) throw parseError(value, layout, v, elem);
        month = i + 1;
        v = v.slice(names[i]!.length);
        break;
      }
      case 'Monday':
      case 'Mon': {
        const names = DAY_NAMES.map((n) => (p === 'Mon' ? n.slice(0, 3) : n));
        const i = names.findIndex((n) => v.slice(0, n.length).toLowerCase() === n.toLowerCase());
        if (i < 0) throw parseError(value, layout, v, elem);
        v = v.slice(names[i]!.length);
        break;
      }
      case '01': case '1':
        month = num(p === '01' ? 2 : 1, 2, elem);
        if (month < 1 || month > 12) throw parseError(value, layout, before, elem, ': month out of range');
        break;
      case '02': case '2': case '_2':
        if (p === '_2' && v[0] === ' ') v = v.slice(1);
        day = num(p === '02' ? 2 : 1, 2, elem);
        break;
      case '002': case '__2':
        if (p === '__2') v = v.replace(/^ {1,2}/, '');
        yday = num(p === '002' ? 3 : 1, 3, elem);
        break;
      case '15':
        hour = num(1, 2, elem);
        if (hour > 23) throw parseError(value, layout, before, elem, ': hour out of range');
        break;
      case '03': case '3':
        hour = num(p === '03' ? 2 : 1, 2, elem);
        if (hour > 12) throw parseError(value, layout, before, elem, ': hour out of range');
        break;
      case '04': case '4':
        minute = num(p === '04' ? 2 : 1, 2, elem);
        if (minute > 59) throw parseError(value, layout, before, elem, ': minute out of range');
        break;
      case '05': case '5':
        second = num(p === '05' ? 2 : 1, 2, elem);
        if (second > 59) throw parseError(value, layout, before, elem, ': second out of range');
        // a fraction after seconds is read even when the layout has none
        if ((v[0] === '.' || v[0] === ',') && v[1]! >= '0' && v[1]! <= '9' && !(typeof parts[k + 1] === 'object' && 'frac' in (parts[k + 1] as object))) {
          const m = /^[.,]([0-9]+)/.exec(v)!;
          nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
          v = v.slice(m[0].length);
        }
        break;
      case 'PM': case 'pm': {
        const s = v.slice(0, 2);
        if (s.toUpperCase() === 'PM') pm = true;
        else if (s.toUpperCase() === 'AM') pm = false;
        else throw parseError(value, layout, v, elem);
        v = v.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT[+-]?[0-9]*|[A-Z]{3,5})/.exec(v);
        if (!m) throw parseError(value, layout, v, elem);
        zoneName = m[1]!;
        if (zoneName === 'UTC') offset = 0;
        v = v.slice(m[0].length);
        break;
      }
      default: {
        if (p[0] === 'Z' && v[0] === 'Z') {
          v = v.slice(1);
          offset = 0;
          zoneName = 'UTC';
          break;
        }
        const shapes: Record<string, RegExp> = {
          '070000': /^([+-])([0-9]{2})([0-9]{2})([0-9]{2})/, '07:00:00': /^([+-])([0-9]{2}):([0-9]{2}):([0-9]{2})/,
          '0700': /^([+-])([0-9]{2})([0-9]{2})/, '07:00': /^([+-])([0-9]{2}):([0-9]{2})/, '07': /^([+-])([0-9]{2})/,
        };
        const m = shapes[p.slice(1)]!.exec(v);
        if (!m) throw parseError(value, layout, v, elem);
        const sec = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
        offset = m[1] === '-' ? -sec : sec;
        v = v.slice(m[0].length);
      }
    }
  }
  if (v !== '') throw new Error(`parsing time ${quoteGo(value)}: extra text: ${quoteGo(v)}`);
  if (pm === true && hour < 12) hour += 12;
  else if (pm === false && hour === 12) hour = 0;
  if (yday >= 0) {
    const jan1 = daysFromCivil(year, 1, 1);
    const c = civil(BigInt(jan1 + yday - 1) * 86400n);
    month = c.month;
    day = c.day;
  }
  const dim = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > dim) throw new Error(`parsing time ${quoteGo(value)}: day out of range`);
  const local = BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + minute * 60 + second);
  if (offset !== undefined) {
    if (offset === 0 && zoneName === 'UTC') return new GoTime(local, nsec, 'UTC');
    return new GoTime(local - BigInt(offset), nsec, zone, offset, zoneName ?? '');
  }
  // no offset in the text: the wall time is in `zone`
  const guess = new GoTime(local, nsec, zone);
  const off1 = zoneInfo(guess).offset;
  const t = new GoTime(local - BigInt(off1), nsec, zone);
  const off2 = zoneInfo(t).offset;
  return off2 === off1 ? t : new GoTime(local - BigInt(off2), nsec, zone);
}

/** sprig's `toDate`: the parsed time, or Go's zero time when parsing fails. */
export function toDate(layout: string, value: string): GoTime {
  try {
    return parseTime(layout, value, 'Local');
  } catch {
    return new GoTime(-62135596800n, 0, 'UTC');
  }
}

/** sprig's `mustToDate`. */
export function mustToDate(layout: string, value: string): GoTime {
  return parseTime(layout, value, 'Local');
}
