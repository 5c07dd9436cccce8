// Helm's `toToml`: BurntSushi/toml's Encoder (v1.4.0 in Helm 3.17.1, v1.6.0 in Helm 4.1.4) over Go
// values, returning the encoder's error text instead of failing, as Helm does. The releases differ in
// floats: v1.4.0 writes strconv 'f' digits plus ".0" (1e6 -> 1000000.0), v1.6.0 writes 'g' digits and
// adds ".0" only without an exponent (1e6 -> 1e+06).
import { formatFloatG } from '../../values/gofmt.js';
import { GoInt, isMap, type GoMap, type Val } from '../../values/model.js';
import { isGoNil } from './nil.js';

class TomlError extends Error {}

const CONTROL: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

function quoted(s: string): string {
  return `"${s.replace(/["\\\x00-\x1f\x7f]/g, (c) => CONTROL[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

const BARE = /^[A-Za-z0-9_-]+$/;

function keyPart(k: string): string {
  if (k === '') return '""';
  return BARE.test(k) ? k : quoted(k);
}

/** strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
function formatFloatF(v: number): string {
  const g = formatFloatG(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(g);
  if (!m) return g;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) return m[1]! + (digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`);
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
}

function floatText(v: number, release: 3 | 4): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  if (release === 3) {
    const s = formatFloatF(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const s = formatFloatG(v);
  return s.includes('e') || s.includes('.') ? s : `${s}.0`;
}

type Kind = 'nil' | 'table' | 'tableArray' | 'value';

function isNilVal(v: Val | undefined): boolean {
  return v === null || v === undefined;
}

// BurntSushi's tomlTypeOfGo: an array is an array of tables when every element is a map (a nil element
// is an error wherever the array is looked at)
function kindOf(v: Val | undefined): Kind {
  if (isNilVal(v) || (isGoNil(v) && isMap(v))) return 'nil';
  if (isMap(v)) return 'table';
  if (Array.isArray(v)) {
    if (isGoNil(v)) return 'nil';
    if (v.length === 0) return 'value';
    let all = true;
    for (const x of v) {
      if (isNilVal(x)) throw new TomlError('toml: cannot encode array with nil element');
      if (!isMap(x)) all = false;
    }
    return all ? 'tableArray' : 'value';
  }
  return 'value';
}

class Encoder {
  out = '';
  written = false;
  constructor(readonly release: 3 | 4) {}

  write(s: string): void {
    this.out += s;
    this.written = true;
  }

  newline(): void {
    if (this.written) this.write('\n');
  }

  indent(key: string[]): string {
    return '  '.repeat(Math.max(0, key.length - 1));
  }

  element(v: Val): void {
    if (typeof v === 'string') this.write(quoted(v));
    else if (typeof v === 'boolean') this.write(v ? 'true' : 'false');
    else if (typeof v === 'number') this.write(floatText(v, this.release));
    else if (v instanceof GoInt) this.write(v.toString());
    else if (Array.isArray(v)) {
      this.write('[');
      v.forEach((x, i) => {
        this.element(x);
        if (i !== v.length - 1) this.write(', ');
      });
      this.write(']');
    } else if (isMap(v)) this.map([], v, true);
    else throw new TomlError('toml: cannot encode array with nil element');
  }

  keyValue(key: string[], v: Val, inline: boolean): void {
    if (key.length === 0) {
      this.element(v);
      return;
    }
    this.write(`${this.indent(key)}${keyPart(key[key.length - 1]!)} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  encode(key: string[], v: Val): void {
    const kind = kindOf(v);
    if (kind === 'nil') return;
    if (kind === 'table') this.table(key, v as GoMap);
    else if (kind === 'tableArray') {
      if (key.length === 0) throw new TomlError('toml: top-level values must be Go maps or structs');
      for (const t of v as GoMap[]) {
        this.newline();
        this.write(`${this.indent(key)}[[${key.map(keyPart).join('.')}]]`);
        this.newline();
        this.map(key, t, false);
      }
    } else this.keyValue(key, v, false);
  }

  table(key: string[], m: GoMap): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indent(key)}[${key.map(keyPart).join('.')}]`);
      this.newline();
    }
    this.map(key, m, false);
  }

  map(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of Object.keys(m)) {
      const kind = kindOf(m[k]);
      (kind === 'table' || kind === 'tableArray' ? sub : direct).push(k);
    }
    const byBytes = (a: string, b: string) => (Buffer_compare(a, b));
    const writeKeys = (keys: string[], trailComma: boolean) => {
      keys.sort(byBytes);
      keys.forEach((k, i) => {
        const v = m[k]!;
        if (kindOf(v) === 'nil') return;
        if (inline) {
          this.keyValue([k], v, true);
          if (trailComma || i !== keys.length - 1) this.write(', ');
        } else this.encode([...key, k], v);
      });
    };
    if (inline) this.write('{');
    writeKeys(direct, sub.length > 0);
    writeKeys(sub, false);
    if (inline) this.write('}');
  }
}

// Go compares map keys as bytes (UTF-8), which orders like code points
function Buffer_compare(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Helm's `toToml`: the TOML text, or the encoder's error text (nil is an error). `release`: Helm 3 or 4's BurntSushi/toml. */
export function toToml(v: Val, release: 3 | 4 = 4): string {
  // nil reaches reflection as an invalid Value: Go panics, and the template call fails
  if (v === null) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  const e = new Encoder(release);
  try {
    e.encode([], v);
  } catch (err) {
    if (err instanceof TomlError) return err.message;
    throw err;
  }
  return e.out;
}
