// sprig's urlParse and urlJoin over Go's net/url (Parse, Hostname, Userinfo.String, URL.String), for the
// URLs charts handle: scheme, userinfo, host, path, query, fragment, opaque.
import { GoError, kindName, newMap, type TVal } from './value.js';
import { goBytes, goQuote, goString } from '../values/gofmt.js';

const validUserinfo = (s: string) => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

const enc = goBytes;

type Mode = 'path' | 'host' | 'userinfo' | 'fragment' | 'segment';

/** Go's shouldEscape for the modes URL.String uses. */
function shouldEscape(c: number, mode: Mode): boolean {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return false;
  if (mode === 'host') {
    if ("!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  }
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'userinfo':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'fragment':
        return false;
      default:
        return true;
    }
  }
  if (mode === 'fragment' && "!()*".includes(ch)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of enc(s)) {
    if (b < 0x80 && !shouldEscape(b, mode)) out += String.fromCharCode(b);
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function unescape(s: string, what: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = s.slice(i, i + 3);
        throw new GoError(`unable to parse url: parse ${goQuote(what)}: invalid URL escape ${goQuote(bad)}`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else for (const b of enc(s[i]!)) bytes.push(b);
  }
  return goString(new Uint8Array(bytes));
}

/** sprig urlParse: the parts of a URL as a dict. */
export function urlParse(raw: string): TVal {
  // url.Parse cuts the fragment off first and parses the rest, naming only the rest in its errors; the fragment
  // is unescaped last, its error naming the whole text
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  let rest = u;
  let scheme = '';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) throw new GoError(`unable to parse url: parse ${goQuote(u)}: missing protocol scheme`);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let opaque = '';
  let host = '';
  let userinfo = '';
  let path = '';
  // net/url: a relative reference's first path segment cannot hold a colon (RFC 3986 3.3; it would read as a scheme)
  if (!scheme && !rest.startsWith('/') && (rest.split('/')[0] ?? '').includes(':')) {
    throw new GoError(`unable to parse url: parse ${goQuote(u)}: first path segment in URL cannot contain colon`);
  }
  if (scheme && !rest.startsWith('/')) {
    opaque = rest;
  } else {
    if ((scheme || true) && rest.startsWith('//')) {
      const after = rest.slice(2);
      const slash = after.indexOf('/');
      const authority = slash >= 0 ? after.slice(0, slash) : after;
      rest = slash >= 0 ? after.slice(slash) : '';
      const at = authority.lastIndexOf('@');
      host = at >= 0 ? authority.slice(at + 1) : authority;
      if (at >= 0) {
        const ui = authority.slice(0, at);
        if (!validUserinfo(ui)) throw new GoError(`unable to parse url: parse ${goQuote(u)}: net/url: invalid userinfo`);
        const colon = ui.indexOf(':');
        const user = unescape(colon >= 0 ? ui.slice(0, colon) : ui, u);
        userinfo = escape(user, 'userinfo') + (colon >= 0 ? ':' + escape(unescape(ui.slice(colon + 1), u), 'userinfo') : '');
      }
      host = unescape(host, u);
    }
    path = unescape(rest, u);
  }
  let hostname = host;
  if (hostname.startsWith('[')) {
    const end = hostname.indexOf(']');
    hostname = end >= 0 ? hostname.slice(1, end) : hostname.slice(1);
  } else {
    const colon = hostname.lastIndexOf(':');
    if (colon >= 0) hostname = hostname.slice(0, colon);
  }
  const fragment = hash >= 0 ? unescape(raw.slice(hash + 1), raw) : '';
  const d = newMap() as Record<string, TVal>;
  Object.assign(d, { scheme, host, hostname, path, query, opaque, fragment, userinfo });
  return d;
}

/** sprig urlJoin: a URL from a dict of parts (url.URL.String). */
export function urlJoin(d: Record<string, TVal> | null): string {
  const get = (k: string): string => {
    if (!d || !Object.prototype.hasOwnProperty.call(d, k)) return '';
    const v = d[k];
    if (typeof v !== 'string') {
      throw new GoError(`unable to parse ${k} key, must be of type string, but ${kindName(v)} found`);
    }
    return v;
  };
  const scheme = get('scheme');
  const host = get('host');
  const path = get('path');
  const query = get('query');
  const opaque = get('opaque');
  const fragment = get('fragment');
  const userinfo = get('userinfo');
  let out = '';
  if (scheme) out += scheme + ':';
  if (opaque) out += opaque;
  else {
    if (scheme || host || userinfo) {
      if (host || path || userinfo) out += '//';
      if (userinfo) {
        if (!validUserinfo(userinfo)) throw new GoError(`unable to parse userinfo in dict: parse ${goQuote(`proto://${userinfo}@host`)}: net/url: invalid userinfo`);
        const colon = userinfo.indexOf(':');
        const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
        out += escape(unescape(user, userinfo), 'userinfo');
        if (colon >= 0) out += ':' + escape(unescape(userinfo.slice(colon + 1), userinfo), 'userinfo');
        out += '@';
      }
      if (host) out += escape(host, 'host');
    }
    if (path && !path.startsWith('/') && host) out += '/';
    if (out === '' && /^[^/]*:/.test(path)) out += './';
    out += escape(path, 'path');
  }
  if (query) out += '?' + query;
  if (fragment) out += '#' + escape(fragment, 'fragment');
  return out;
}
