// Building the inputs of a render case: values written as plain JS objects, turned into -f files, --set and
// --set-string arguments. Shared by the corpus recorders (record-gloo-renders.mjs, record-gloo-ee-renders.mjs) so
// both write values files the same way.

/** A scalar written verbatim into a values file (e.g. `1.10`, which YAML reads as a float). */
export const raw = (t) => ({ $raw: t });
export const isRaw = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && '$raw' in v;
export const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !isRaw(v);

// Plain scalars that YAML 1.1 or 1.2 would read as something other than a string.
const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
function scalarText(v) {
  if (isRaw(v)) return v.$raw;
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return /^[A-Za-z][A-Za-z0-9_./-]*$/.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
}

function yamlLines(v, ind) {
  const pad = ' '.repeat(ind);
  const out = [];
  for (const [k, x] of Object.entries(v)) {
    const key = scalarText(k);
    if (isMap(x) && Object.keys(x).length) out.push(`${pad}${key}:`, ...yamlLines(x, ind + 2));
    else if (isMap(x)) out.push(`${pad}${key}: {}`);
    else if (Array.isArray(x)) {
      if (!x.length) { out.push(`${pad}${key}: []`); continue; }
      out.push(`${pad}${key}:`);
      for (const item of x) {
        if (isMap(item) && Object.keys(item).length) {
          const inner = yamlLines(item, ind + 4);
          inner[0] = `${pad}  - ${inner[0].slice(ind + 4)}`;
          out.push(...inner);
        } else out.push(`${pad}  - ${isMap(item) ? '{}' : scalarText(item)}`);
      }
    } else out.push(`${pad}${key}: ${scalarText(x)}`);
  }
  return out;
}
/** The YAML text of a values object (block style, keys in insertion order). */
export const toYaml = (obj) => yamlLines(obj, 0).join('\n') + '\n';

/** Sets a dotted path in a values object, creating (or replacing non-map) intermediate maps. */
export function setPath(o, dotted, v) {
  const keys = dotted.split('.');
  let cur = o;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isMap(cur[keys[i]])) cur[keys[i]] = {};
    cur = cur[keys[i]];
  }
  cur[keys[keys.length - 1]] = v;
}

/** Text of a value for `--set` (typed by Helm) — or null when --set cannot express it. */
export function setText(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? String(v) : null;
  if (typeof v === 'string') {
    if (/^(true|false|null)$/.test(v) || /^[0-9]+$/.test(v) || /[,\\{}\[\]=]/.test(v)) return null;
    return v;
  }
  return null;
}

/** One case under construction. */
export class Case {
  constructor(name) { this.name = name; this.files = []; this.set = []; this.setString = []; this.cur = null; }
  /** Starts a new -f file (object, or a text given as {text}). */
  file(obj = {}) { this.cur = obj; this.files.push(obj); return this; }
  /** Puts `path: v` into the current -f file (a new one when there is none). */
  f(p, v) { if (!this.cur) this.file({}); setPath(this.cur, p, v); return this; }
  s(p, v) {
    const t = setText(v);
    if (t === null) throw new Error(`${this.name}: --set cannot express ${JSON.stringify(v)} for ${p}`);
    this.set.push(`${p}=${t}`);
    return this;
  }
  ss(p, v) { this.setString.push(`${p}=${v}`); return this; }
  /** Assigns through the channel chosen: 'file' | 'set' | 'setString'. */
  via(ch, p, v) { return ch === 'set' ? this.s(p, v) : ch === 'setString' ? this.ss(p, v) : this.f(p, v); }
  done() {
    const c = { name: this.name };
    if (this.files.length) c.valuesFiles = this.files.map((f) => (typeof f.text === 'string' && Object.keys(f).length === 1 ? f.text : toYaml(f)));
    if (this.set.length) c.set = this.set;
    if (this.setString.length) c.setString = this.setString;
    return c;
  }
}

/** Picks a channel (values file, --set, --set-string) that can carry the value, at random. */
export function channelFor(r, v) {
  if (isRaw(v) || Array.isArray(v) || isMap(v)) return 'file';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'file';
  const canSet = setText(v) !== null;
  if (typeof v === 'string') {
    if (!canSet) return r.chance(0.6) ? 'file' : 'setString';
    return r.weighted([[5, 'file'], [3, 'set'], [2, 'setString']]);
  }
  return canSet && r.chance(0.4) ? 'set' : 'file';
}

/** Now and then (probability p) splits the assignments of a case's only -f file into two files. */
export function maybeSplitFile(c, r, p = 0.2) {
  if (c.files.length === 1 && r.chance(p)) {
    const f0 = c.files[0];
    const keys = Object.keys(f0);
    if (keys.length > 1) {
      const moved = r.sample(keys, Math.floor(keys.length / 2));
      const f1 = {};
      for (const k of moved) { f1[k] = f0[k]; delete f0[k]; }
      c.files.push(f1);
    }
  }
}

/** The four digest keys of a Solo image block, and the variants that select them. */
export const DIGEST_FIELDS = ['digest', 'fipsDigest', 'distrolessDigest', 'fipsDistrolessDigest'];
export const VARIANTS = ['standard', 'fips', 'distroless', 'fips-distroless'];
// A made-up digest starts with a mark naming the field it was written to, so a render shows which one was selected.
const DIGEST_MARK = { digest: 'aa', fipsDigest: 'ff', distrolessDigest: 'dd', fipsDistrolessDigest: 'fd' };
const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
/** A made-up digest for `field` (sha256:<mark><14 random hex digits>). */
export const digestValue = (r, field) => `sha256:${DIGEST_MARK[field]}${hex(r, 14)}`;
