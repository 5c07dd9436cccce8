// The function table a Helm template sees: text/template's builtins, sprig's GenericFuncMap minus `env` and
// `expandenv`, and Helm's own functions (pkg/engine/funcs.go plus include, tpl, required, fail, lookup).
// Leaf libraries (./lib) are wired here; a function whose library is not written yet is registered so that
// templates parse as in Helm, and fails when called with a clear "not implemented" error.
import { builtinFuncs } from './funcs.js';
import { registerSprig } from './sprig.js';
import { chargeOutput, type Budget } from './exec.js';
import { GoError, isGoMap, newMap, type GoFunc, type TVal } from './value.js';
import { GoInt, type Val } from '../values/model.js';
import * as json from './lib/json.js';
import * as yaml from './lib/yaml.js';
import * as encoding from './lib/encoding.js';
import * as random from './lib/random.js';
import * as regex from './lib/regex.js';
import * as semver from './lib/semver.js';
import * as time from './lib/time.js';
import * as toml from './lib/toml.js';
import { fromToml, isTableArray } from './lib/toml-decode.js';
import * as bcrypt from './lib/bcrypt.js';
import * as x509 from './lib/x509.js';
import { urlJoin, urlParse } from './url.js';
import { GoNum, GoStruct, tagElem } from './value.js';

// Library objects behind the engine's GoStructs (a time.Time, a sprig certificate), to hand back to the library.
const BACKING = new WeakMap<GoStruct, unknown>();

/** A Go time.Time as templates see it: methods, and String() for printing. */
function timeObject(t: time.GoTime): GoStruct {
  const f = (fn: (...a: TVal[]) => TVal, params: string[] = []): GoFunc => ({ params, fn });
  const o = new GoStruct('time.Time', {}, {
    Unix: f(() => t.Unix()),
    String: f(() => t.String()),
    Format: f((layout) => time.formatTime(t, layout as string), ['string']),
    UTC: f(() => timeObject(t.In('UTC'))),
  }, { str: () => t.String() });
  BACKING.set(o, t);
  return o;
}

/** What a template value is for the library's date functions (Go's int vs int64 vs time.Time). */
function dateArg(v: TVal): unknown {
  if (v instanceof GoStruct && BACKING.get(v) instanceof time.GoTime) return BACKING.get(v);
  if (v instanceof GoNum) return v.kind === 'int' ? { goInt: Number(v.value) } : v;
  return v;
}

function certObject(c: x509.Certificate): GoStruct {
  const o = new GoStruct('sprig.certificate', { Cert: c.Cert, Key: c.Key });
  BACKING.set(o, c);
  return o;
}

/**
 * A Masterminds *semver.Version as templates see it: its methods, and String() for printing. IncMajor/IncMinor/
 * IncPatch and SetPrerelease/SetMetadata return a semver.Version value (not a pointer), which the comparison
 * methods, taking a *semver.Version, refuse as Go does.
 */
function semverObject(v: semver.SemverVersion, release: semver.SemverRelease, pointer = true): GoStruct {
  const f = (fn: () => TVal): GoFunc => ({ params: [], fn });
  const PTR = '*semver.Version';
  const other = (x: TVal) => BACKING.get(x as GoStruct) as semver.SemverVersion;
  const cmp = (fn: (o: semver.SemverVersion) => TVal): GoFunc => ({ params: [PTR], fn: (o) => fn(other(o)) });
  // (Version, error): the library's refusal is the call's error
  const set = (fn: (x: string) => semver.SemverVersion): GoFunc => ({
    params: ['string'],
    fn: (x) => {
      try {
        return semverObject(fn(x as string), release, false);
      } catch (e) {
        throw new GoError((e as Error).message);
      }
    },
  });
  // methods with a value receiver: what a semver.Version value has (text/template cannot take its address)
  const methods: Record<string, GoFunc> = {
    Major: f(() => new GoNum(v.major, 'uint64')),
    Minor: f(() => new GoNum(v.minor, 'uint64')),
    Patch: f(() => new GoNum(v.patch, 'uint64')),
    Prerelease: f(() => v.Prerelease()),
    Metadata: f(() => v.Metadata()),
    String: f(() => v.String()),
    IncMajor: f(() => semverObject(v.IncMajor(), release, false)),
    IncMinor: f(() => semverObject(v.IncMinor(), release, false)),
    IncPatch: f(() => semverObject(v.IncPatch(), release, false)),
    SetPrerelease: set((x) => v.SetPrerelease(x, release)),
    SetMetadata: set((x) => v.SetMetadata(x, release)),
  };
  // and with a pointer receiver
  if (pointer) {
    Object.assign(methods, {
      Original: f(() => v.Original()),
      Compare: cmp((x) => new GoNum(BigInt(v.Compare(x)), 'int')),
      LessThan: cmp((x) => v.LessThan(x)),
      LessThanEqual: cmp((x) => v.LessThanEqual(x)),
      GreaterThan: cmp((x) => v.GreaterThan(x)),
      GreaterThanEqual: cmp((x) => v.GreaterThanEqual(x)),
      Equal: cmp((x) => v.Equal(x)),
    });
  }
  const o = new GoStruct(pointer ? PTR : 'semver.Version', {}, methods, { str: () => v.String() });
  BACKING.set(o, v);
  return o;
}

/** encoding/json's omitempty: false, 0, "", nil, and empty slices and maps are left out. */
function jsonEmpty(v: TVal): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return true;
  if (v instanceof GoNum || v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  return isGoMap(v) && Object.keys(v).length === 0;
}

/**
 * A value as the encoders see it: a time.Time is its MarshalJSON text (RFC 3339 with nanoseconds), which is
 * also what toYaml (JSON first) prints; a struct with a JSON layout its fields in that order; a map-like named
 * type its entries; bytes their base64. Other values are returned as they are, uncopied.
 */
function marshalable(x: TVal): TVal {
  if (x instanceof GoStruct) {
    const b = BACKING.get(x);
    if (b instanceof time.GoTime) return time.formatTime(b, '2006-01-02T15:04:05.999999999Z07:00');
    // a map-like named type (.Files, a map[string][]byte): its entries
    if (x.mapLike && !x.json) return marshalable(x.mapLike as TVal);
    if (!x.json) return x;
    const out = newMap() as Record<string, TVal>;
    for (const [field, name, omitEmpty] of x.json) {
      const f = x.fields[field];
      if (omitEmpty && jsonEmpty(f)) continue;
      out[name] = marshalable(f);
    }
    return json.markJsonStruct(out);
  }
  // encoding/json writes a []byte as its standard base64
  if (x instanceof Uint8Array) return encoding.base64Encode(x);
  if (Array.isArray(x)) {
    let out: TVal[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const e = marshalable(x[i]);
      if (e !== x[i]) (out ??= x.slice())[i] = e;
    }
    return out ?? x;
  }
  if (x && typeof x === 'object' && !(x instanceof GoNum) && !(x instanceof Uint8Array) && Object.getPrototypeOf(x) === null) {
    let out: Record<string, TVal> | undefined;
    for (const k of Object.keys(x)) {
      const e = marshalable((x as Record<string, TVal>)[k]);
      if (e !== (x as Record<string, TVal>)[k]) (out ??= Object.assign(newMap(), x) as Record<string, TVal>)[k] = e;
    }
    return out ?? x;
  }
  return x;
}

/** What Helm's functions need from the engine running them. */
export interface HelmFuncContext {
  helmVersion: 3 | 4;
  budget: Budget;
  include(name: string, data: TVal): string;
  tpl(text: string, data: TVal, parentName: string): string;
  currentName(): string;
}

/** sprig functions (v3.3.0 GenericFuncMap) whose implementation belongs to the leaf libraries in ./lib. */
export const LIB_FUNCTIONS = [
  'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate',
  'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch',
  'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'shuffle', 'sha1sum', 'sha256sum', 'sha512sum', 'adler32sum',
  'b64enc', 'b64dec', 'b32enc', 'b32dec', 'bcrypt', 'htpasswd', 'genPrivateKey', 'derivePassword', 'buildCustomCert',
  'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey',
  'encryptAES', 'decryptAES', 'randBytes', 'uuidv4', 'semver', 'semverCompare',
  'regexMatch', 'mustRegexMatch', 'regexFindAll', 'mustRegexFindAll', 'regexFind', 'mustRegexFind', 'regexReplaceAll',
  'mustRegexReplaceAll', 'regexReplaceAllLiteral', 'mustRegexReplaceAllLiteral', 'regexSplit', 'mustRegexSplit',
  'regexQuoteMeta', 'urlParse', 'urlJoin',
  'fromJson', 'toJson', 'toPrettyJson', 'toRawJson', 'mustFromJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson',
  'toToml', 'fromToml', 'toYaml', 'mustToYaml', 'toYamlPretty', 'fromYaml', 'fromYamlArray', 'fromJsonArray',
];

type LibEntry = { params: string[]; variadic?: string; fn: (...a: TVal[]) => TVal };

/** The lib functions available now, with their Go signatures. */
function libFunctions(helm: 3 | 4): Record<string, LibEntry> {
  const v = (x: TVal) => (x === undefined ? null : marshalable(x)) as Val;
  const out: Record<string, LibEntry> = {
    toJson: { params: ['any'], fn: (x) => json.toJson(v(x)) },
    mustToJson: { params: ['any'], fn: (x) => json.mustToJson(v(x)) },
    toPrettyJson: { params: ['any'], fn: (x) => json.toPrettyJson(v(x)) },
    mustToPrettyJson: { params: ['any'], fn: (x) => json.mustToPrettyJson(v(x)) },
    toRawJson: { params: ['any'], fn: (x) => json.toRawJson(v(x)) },
    mustToRawJson: { params: ['any'], fn: (x) => json.mustToRawJson(v(x)) },
    fromJson: { params: ['string'], fn: (s) => (json.fromJson(s as string) ?? newMap()) as TVal },
    mustFromJson: { params: ['string'], fn: (s) => json.mustFromJson(s as string) as TVal },
    fromJsonArray: { params: ['string'], fn: (s) => (json.fromJsonArray(s as string) ?? []) as TVal },
    toYaml: { params: ['any'], fn: (x) => yaml.toYaml(v(x)) },
    fromYaml: { params: ['string'], fn: (s) => yaml.fromYaml(s as string) as TVal },
    toYamlPretty: { params: ['any'], fn: (x) => yaml.toYamlPretty(v(x)) },
    fromYamlArray: { params: ['string'], fn: (s) => yaml.fromYamlArray(s as string) as TVal },
  };
  const S = 'string';
  const n = (x: TVal) => Number((x as GoInt).value);
  const strs = (xs: string[]) => tagElem(xs, 'string') as TVal;
  for (const name of ['b64enc', 'b64dec', 'b32enc', 'b32dec', 'sha1sum', 'sha256sum', 'sha512sum', 'adler32sum'] as const) {
    out[name] = { params: [S], fn: (x) => encoding[name](x as string) };
  }
  out.derivePassword = { params: ['uint32', S, S, S, S], fn: (c, t, p, u, st) => encoding.derivePassword(n(c), t as string, p as string, u as string, st as string) };
  out.encryptAES = { params: [S, S], fn: (p, t) => encoding.encryptAES(p as string, t as string) };
  out.decryptAES = { params: [S, S], fn: (p, t) => encoding.decryptAES(p as string, t as string) };
  for (const name of ['randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'randBytes'] as const) {
    out[name] = { params: ['int'], fn: (c) => random[name](n(c)) };
  }
  out.uuidv4 = { params: [], fn: () => random.uuidv4() };
  out.shuffle = { params: [S], fn: (x) => random.shuffle(x as string) };
  out.regexMatch = { params: [S, S], fn: (r, x) => regex.regexMatch(r as string, x as string) };
  out.mustRegexMatch = { params: [S, S], fn: (r, x) => regex.mustRegexMatch(r as string, x as string) };
  out.regexFindAll = { params: [S, S, 'int'], fn: (r, x, c) => strs(regex.regexFindAll(r as string, x as string, n(c))) };
  out.mustRegexFindAll = { params: [S, S, 'int'], fn: (r, x, c) => strs(regex.mustRegexFindAll(r as string, x as string, n(c))) };
  out.regexFind = { params: [S, S], fn: (r, x) => regex.regexFind(r as string, x as string) };
  out.mustRegexFind = { params: [S, S], fn: (r, x) => regex.mustRegexFind(r as string, x as string) };
  out.regexReplaceAll = { params: [S, S, S], fn: (r, x, t) => regex.regexReplaceAll(r as string, x as string, t as string) };
  out.mustRegexReplaceAll = { params: [S, S, S], fn: (r, x, t) => regex.mustRegexReplaceAll(r as string, x as string, t as string) };
  out.regexReplaceAllLiteral = { params: [S, S, S], fn: (r, x, t) => regex.regexReplaceAllLiteral(r as string, x as string, t as string) };
  out.mustRegexReplaceAllLiteral = { params: [S, S, S], fn: (r, x, t) => regex.mustRegexReplaceAllLiteral(r as string, x as string, t as string) };
  out.regexSplit = { params: [S, S, 'int'], fn: (r, x, c) => strs(regex.regexSplit(r as string, x as string, n(c))) };
  out.mustRegexSplit = { params: [S, S, 'int'], fn: (r, x, c) => strs(regex.mustRegexSplit(r as string, x as string, n(c))) };
  out.regexQuoteMeta = { params: [S], fn: (x) => regex.regexQuoteMeta(x as string) };
  out.semverCompare = { params: [S, S], fn: (c, v) => semver.semverCompare(c as string, v as string, helm) };
  out.semver = { params: [S], fn: (v) => semverObject(semver.semver(v as string, helm), helm) };
  const T = 'time.Time';
  const tm = (v: TVal) => BACKING.get(v as GoStruct) as time.GoTime;
  out.now = { params: [], fn: () => timeObject(time.now()) };
  out.date = { params: [S, 'any'], fn: (l, d) => time.date(l as string, dateArg(d)) };
  out.dateInZone = { params: [S, 'any', S], fn: (l, d, z) => time.dateInZone(l as string, dateArg(d), z as string) };
  out.date_in_zone = out.dateInZone;
  out.htmlDate = { params: ['any'], fn: (d) => time.htmlDate(dateArg(d)) };
  out.htmlDateInZone = { params: ['any', S], fn: (d, z) => time.htmlDateInZone(dateArg(d), z as string) };
  out.dateModify = { params: [S, T], fn: (m, d) => timeObject(time.dateModify(m as string, tm(d))) };
  out.date_modify = out.dateModify;
  out.mustDateModify = { params: [S, T], fn: (m, d) => timeObject(time.mustDateModify(m as string, tm(d))) };
  out.must_date_modify = out.mustDateModify;
  out.ago = { params: ['any'], fn: (d) => time.ago(dateArg(d)) };
  out.duration = { params: ['any'], fn: (d) => time.duration(dateArg(d)) };
  out.durationRound = { params: ['any'], fn: (d) => time.durationRound(dateArg(d)) };
  out.unixEpoch = { params: [T], fn: (d) => time.unixEpoch(tm(d)) };
  out.toDate = { params: [S, S], fn: (l, v) => timeObject(time.toDate(l as string, v as string)) };
  out.mustToDate = { params: [S, S], fn: (l, v) => timeObject(time.mustToDate(l as string, v as string)) };
  // times become time.Time structs, `[[x]]` arrays Go's []map[string]interface {}
  const fromTomlValue = (x: unknown): TVal => {
    if (x instanceof time.GoTime) return timeObject(x);
    if (Array.isArray(x)) {
      const a = x.map(fromTomlValue);
      return isTableArray(x) ? tagElem(a, 'map[string]interface {}') : a;
    }
    if (x && typeof x === 'object' && !(x instanceof GoNum) && Object.getPrototypeOf(x) === null) {
      const m = newMap();
      for (const [k, e] of Object.entries(x)) m[k] = fromTomlValue(e) as Val;
      return m;
    }
    return x as TVal;
  };
  out.fromToml = { params: [S], fn: (s) => fromTomlValue(fromToml(s as string, helm)) };
  out.toToml = { params: ['any'], fn: (x) => toml.toToml(v(x), helm) };
  out.bcrypt = { params: [S], fn: (x) => bcrypt.bcrypt(x as string) };
  out.htpasswd = { params: [S, S], fn: (u, p) => bcrypt.htpasswd(u as string, p as string) };
  const L = '[]interface {}';
  const list = (x: TVal) => (x ?? null) as Val[] | null;
  const cert = (x: TVal) => BACKING.get(x as GoStruct) as x509.Certificate;
  out.genPrivateKey = { params: [S], fn: (t) => x509.genPrivateKey(t as string) };
  out.genCA = { params: [S, 'int'], fn: (cn, d) => certObject(x509.genCA(cn as string, n(d))) };
  out.genCAWithKey = { params: [S, 'int', S], fn: (cn, d, k) => certObject(x509.genCAWithKey(cn as string, n(d), k as string)) };
  out.genSelfSignedCert = { params: [S, L, L, 'int'], fn: (cn, i, d, days) => certObject(x509.genSelfSignedCert(cn as string, list(i), list(d), n(days))) };
  out.genSelfSignedCertWithKey = { params: [S, L, L, 'int', S], fn: (cn, i, d, days, k) => certObject(x509.genSelfSignedCertWithKey(cn as string, list(i), list(d), n(days), k as string)) };
  out.genSignedCert = { params: [S, L, L, 'int', 'sprig.certificate'], fn: (cn, i, d, days, ca) => certObject(x509.genSignedCert(cn as string, list(i), list(d), n(days), cert(ca))) };
  out.genSignedCertWithKey = { params: [S, L, L, 'int', 'sprig.certificate', S], fn: (cn, i, d, days, ca, k) => certObject(x509.genSignedCertWithKey(cn as string, list(i), list(d), n(days), cert(ca), k as string)) };
  out.buildCustomCert = { params: [S, S], fn: (c, k) => certObject(x509.buildCustomCert(c as string, k as string)) };
  out.urlParse = { params: [S], fn: (x) => urlParse(x as string) };
  out.urlJoin = { params: ['map[string]interface {}'], fn: (x) => urlJoin(x as Record<string, TVal> | null) };
  if (helm === 4) out.mustToYaml = { params: ['any'], fn: (x) => yaml.mustToYaml(v(x)) };
  return out;
}

/** Function names each Helm version registers beyond sprig (pkg/engine/funcs.go and the engine's own). */
export function helmExtraNames(helm: 3 | 4): string[] {
  const names = ['toToml', 'fromToml', 'toYaml', 'toYamlPretty', 'fromYaml', 'fromYamlArray', 'toJson', 'fromJson', 'fromJsonArray', 'include', 'tpl', 'required', 'lookup', 'fail', 'getHostByName'];
  if (helm === 4) names.push('mustToYaml', 'mustToJson');
  return names;
}

/** Wraps a library function: a plain Error's message is Go's error text, returned as the call's error. */
function wrapLib(fn: (...a: TVal[]) => TVal): (...a: TVal[]) => TVal {
  return (...a) => {
    try {
      return fn(...a);
    } catch (e) {
      if (e instanceof GoError || e instanceof RangeError) throw e;
      if (e instanceof Error) throw new GoError(e.message);
      throw e;
    }
  };
}

/** Builds the whole table for one render. */
export function buildFuncs(ctx: HelmFuncContext, o: { goVersion: number; maxOutput: number }): Map<string, GoFunc> {
  const m = builtinFuncs({
    goVersion: o.goVersion,
    maxOutput: o.maxOutput,
    onLimit: () => {
      chargeOutput(ctx.budget, Infinity);
      throw new RangeError('printf output');
    },
  });
  const def = (name: string, params: string[], fn: (...a: TVal[]) => TVal, variadic?: string) => {
    const f: GoFunc = { params, fn, name };
    if (variadic !== undefined) f.variadic = variadic;
    m.set(name, f);
  };
  registerSprig(def, Math.floor(o.maxOutput / 64));
  for (const name of LIB_FUNCTIONS) {
    def(name, [], () => {
      throw new GoError(`${name} is not implemented yet by helm-image-variant's template engine`);
    }, 'any');
    m.get(name)!.stub = true;
  }
  const libs = libFunctions(ctx.helmVersion);
  for (const [name, e] of Object.entries(libs)) def(name, e.params, wrapLib(e.fn), e.variadic);
  if (ctx.helmVersion === 3) m.delete('mustToYaml');
  // Helm's own
  // a nil data argument is Go's zero reflect.Value in the executed template (no value, not a nil interface)
  def('include', ['string', 'any'], (name, data) => ctx.include(name as string, data ?? undefined));
  def('tpl', ['string', 'any'], (text, data) => ctx.tpl(text as string, data ?? undefined, 'gotpl'));
  def('required', ['string', 'any'], (warn, val) => {
    if (val === null || val === undefined || val === '') throw new GoError(`HELM_ERR_START${warn as string}HELM_ERR_END`);
    return val;
  });
  def('fail', ['string'], (msg) => {
    throw new GoError(`HELM_ERR_START${msg as string}HELM_ERR_END`);
  });
  def('lookup', ['string', 'string', 'string', 'string'], () => newMap());
  def('getHostByName', ['string'], () => '');
  return m;
}

/** The function table of a Helm version without an engine behind include/tpl: for listings and tests. */
export function functionTable(helm: 3 | 4): Map<string, GoFunc> {
  const budget = { steps: 0, output: 0, limits: { maxSteps: 1, maxOutput: 1 << 20, maxDepth: 1 } };
  const none = () => {
    throw new GoError('no engine');
  };
  return buildFuncs({ helmVersion: helm, budget, include: none, tpl: none, currentName: () => 'gotpl' }, { goVersion: helm === 4 ? 25 : 23, maxOutput: 1 << 20 });
}
