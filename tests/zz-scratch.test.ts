import { loadValues } from '../src/index';
const t = (name: string, f: () => unknown) => {
  const s = Date.now();
  try { const r = f() as any; console.log(name, 'OK', Date.now() - s, 'ms', JSON.stringify(r?.values ?? r).slice(0, 80)); }
  catch (e: any) { console.log(name, 'ERR', e.constructor.name, e.code, String(e.message).slice(0, 150), JSON.stringify(e.location), Date.now() - s, 'ms'); }
};
test('x', () => {
  const bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + 'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`).join('\n') + '\n';
  t('bomb', () => loadValues({ valuesFiles: [{ name: 'f0.yaml', text: bomb }] }));
  for (const n of [999, 1000, 1099, 1100, 1500, 2000, 20000]) {
    t('flow' + n, () => loadValues({ chartValues: 'a: ' + '['.repeat(n) + ']'.repeat(n) }));
  }
  for (const n of [1000, 1099, 1100, 3000]) {
    let block = ''; for (let i = 0; i < n; i++) block += ' '.repeat(i) + 'k:\n';
    t('block' + n, () => loadValues({ chartValues: block }));
  }
  t('proto', () => { const r = loadValues({ chartValues: '__proto__: {polluted: yes}\nconstructor: {prototype: {x: 1}}\n', set: ['__proto__.y=1', 'a.__proto__.z=2'], setJson: ['{"__proto__": {"w": 3}}'] }); return { v: r.values, polluted: ({} as any).polluted, y: ({} as any).y, keys: Object.keys(r.values), own: Object.prototype.hasOwnProperty.call(r.values, '__proto__'), json: r.toJson() }; });
  t('utf8', () => loadValues({ valuesFiles: [{ name: 'bad.yaml', text: new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]) }] }));
  t('nul', () => loadValues({ valuesFiles: [{ name: 'bin.yaml', text: new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x0a]) }] }));
  t('big', () => loadValues({ valuesFiles: [{ name: 'big.yaml', text: 'a: ' + 'x'.repeat(33 * 1024 * 1024) }] }));
  t('setdeep', () => loadValues({ set: [Array.from({ length: 40 }, (_, i) => 'k' + i).join('.') + '=1'] }));
  t('setjsondeep', () => loadValues({ setJson: ['a=' + '['.repeat(100000) + ']'.repeat(100000)] }));
  t('setjsonbaredeep', () => loadValues({ setJson: ['{"a":' + '['.repeat(100000) + ']'.repeat(100000) + '}'] }));
  t('setindexbig', () => loadValues({ set: ['a[65536]=1'] }));
  t('setmanyindex', () => loadValues({ set: [Array.from({ length: 2000 }, (_, i) => `a${i}[65536]=1`).join(',')] }));
  t('setdotnest', () => loadValues({ set: ['a' + '[0].a'.repeat(3000) + '=1'] }));
  t('setlistnest', () => loadValues({ set: ['a' + '[0]'.repeat(5000) + '=1'] }));
  t('x'+'x'.repeat(0)+'keys', () => loadValues({ chartValues: Array.from({ length: 200000 }, (_, i) => `k${i}: ${i}`).join('\n') }));
});
