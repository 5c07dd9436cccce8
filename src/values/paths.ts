// Paths into values: Helm's dotted form (`global.image.variant`, `a.list[0].b`, `\.` for a dot inside a
// key) or a JSON pointer (`/global/image/variant`).

/** Splits a dotted path or JSON pointer into keys (strings) and list indexes (numbers). */
export function parsePath(path: string): Array<string | number> {
  if (path === '') return [];
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
  }
  const out: Array<string | number> = [];
  let cur = '';
  let pendingKey = true;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && i + 1 < path.length) {
      cur += path[++i];
    } else if (c === '.') {
      if (pendingKey) out.push(cur);
      cur = '';
      pendingKey = true;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      const idx = end > i ? path.slice(i + 1, end) : '';
      if (end < 0 || !/^[0-9]+$/.test(idx)) {
        cur += c;
        continue;
      }
      if (pendingKey && (cur !== '' || out.length === 0)) out.push(cur);
      out.push(Number(idx));
      cur = '';
      pendingKey = false;
      i = end;
    } else {
      cur += c;
      pendingKey = true;
    }
  }
  if (pendingKey) out.push(cur);
  return out;
}

/** The dotted form of a path of keys and indexes. */
export function formatPath(parts: Array<string | number>): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out === '' ? '' : '.') + p.replace(/\\/g, '\\\\').replace(/\./g, '\\.');
  }
  return out;
}

/** The JSON pointer of a path of keys and indexes. */
export function formatPointer(parts: Array<string | number>): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
