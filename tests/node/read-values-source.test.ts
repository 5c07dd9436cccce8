import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadValues, ValuesError } from '../../src/index';
import { MAX_VALUES_BYTES } from '../../src/values/yaml/read';
import { readValuesSource, readValuesSourceSync } from '../../src/node/index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-node-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('reads bytes that loadValues checks as UTF-8', async () => {
  const f = path.join(dir, 'ok.yaml');
  fs.writeFileSync(f, 'global:\n  image:\n    variant: distroless\n');
  const src = await readValuesSource(f, 'ok.yaml');
  expect(src.text).toBeInstanceOf(Uint8Array);
  const r = loadValues({ valuesFiles: [src] });
  expect(r.values).toEqual({ global: { image: { variant: 'distroless' } } });
  expect(r.locate('global.image.variant')).toEqual({ file: 'ok.yaml', line: 3, column: 14 });
});

test.each([
  ['missing file', () => path.join(dir, 'nope.yaml'), 'no such file or directory'],
  ['directory', () => dir, 'is a directory'],
  // a FIFO has no writer here: reading it would block forever, so it must be refused before the read
  ['FIFO', () => { const f = path.join(dir, 'fifo'); if (!fs.existsSync(f)) execFileSync('mkfifo', [f]); return f; }, 'not a regular file'],
  // a -> b -> a: ELOOP in Go's words, a typed error (it escaped raw before)
  ['symlink loop', () => { const f = path.join(dir, 'loop.yaml'); if (!fs.lstatSync(f, { throwIfNoEntry: false })) { fs.symlinkSync('loop.yaml.b', f); fs.symlinkSync('loop.yaml', `${f}.b`); } return f; }, 'loop.yaml: too many levels of symbolic links'],
  ['file over the size limit', () => { const f = path.join(dir, 'big.yaml'); if (!fs.existsSync(f)) fs.writeFileSync(f, Buffer.alloc(MAX_VALUES_BYTES + 1, 0x61)); return f; }, 'over the limit'],
])('refuses a %s, with or without waiting', async (_n, p, text) => {
  await expect(readValuesSource(p())).rejects.toThrow(ValuesError);
  await expect(readValuesSource(p())).rejects.toThrow(text);
  expect(() => readValuesSourceSync(p())).toThrow(ValuesError);
  expect(() => readValuesSourceSync(p())).toThrow(text);
});

test('the synchronous read gives the same source as the promise', async () => {
  const f = path.join(dir, 'same.yaml');
  fs.writeFileSync(f, 'a: 1.10\nb: "\u00e9"\n');
  const sync = readValuesSourceSync(f, 'same.yaml');
  expect(sync.text).toBeInstanceOf(Uint8Array);
  expect(sync).toEqual(await readValuesSource(f, 'same.yaml'));
  expect(loadValues({ valuesFiles: [sync] }).values).toEqual({ a: 1.1, b: '\u00e9' });
});

test('a binary file is read, then refused by loadValues with a location', async () => {
  const f = path.join(dir, 'bin');
  fs.writeFileSync(f, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]));
  const src = await readValuesSource(f, 'bin');
  expect(() => loadValues({ valuesFiles: [src] })).toThrow(expect.objectContaining({ code: 'YAML_CONTROL_CHARACTER' }));
});
