// .helmignore as Helm's pkg/ignore reads it: one rule a line, `#` comments, `!` negation, a trailing `/`
// for directories only, a leading `/` anchoring at the chart root, a rule with a `/` matched against the whole
// path and one without against the base name (Go's filepath.Match syntax; `**` is refused as in Helm).

interface Rule {
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** Go's path.Match: `*` any run of non-separators, `?` one, `[...]` classes, `\\` escapes. */
export function goPathMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return false;
      let cls = pattern.slice(i + 1, close);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(re + '$', 'u').test(name);
  } catch {
    return false;
  }
}

/** The rules of a .helmignore text, plus Helm's default (`templates/.?*`). Throws Helm's error on `**`. */
export function parseHelmignore(text: string): Rule[] {
  const rules: Rule[] = [];
  const add = (raw: string) => {
    let rule = raw.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    const r: Rule = { negate: false, mustDir: false, match: () => false };
    if (rule.startsWith('!')) {
      r.negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      r.mustDir = true;
      rule = rule.replace(/\/+$/, '');
    }
    if (rule.startsWith('/')) {
      const pat = rule.slice(1);
      r.match = (p) => goPathMatch(pat, p.replace(/^\/+/, ''));
    } else if (rule.includes('/')) {
      r.match = (p) => goPathMatch(rule, p);
    } else {
      r.match = (p) => goPathMatch(rule, p.slice(p.lastIndexOf('/') + 1));
    }
    rules.push(r);
  };
  for (const line of text.split('\n')) add(line);
  add('templates/.?*');
  return rules;
}

/** Whether a chart-relative path (slash-separated) is ignored. */
export function helmIgnored(rules: Rule[], path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const r of rules) {
    if (r.negate) {
      if (r.mustDir && !isDir) return true;
      if (!r.match(path)) return true;
      continue;
    }
    if (r.mustDir && !isDir) continue;
    if (r.match(path)) return true;
  }
  return false;
}
