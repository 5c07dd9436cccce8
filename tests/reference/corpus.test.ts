// Every case of the recorded reference corpus (scripts/record-reference-corpus.mjs): parseImageReference and
// tryParseImageReference give Go distribution/reference v0.6.0's verdict, its parts, and an error code that
// matches Go's error; normalizeImageReference gives ParseNormalizedNamed's domain and path.
import fs from 'node:fs';
import path from 'node:path';
import { ImageReferenceError, normalizeImageReference, parseImageReference, tryParseImageReference, type ImageReferenceErrorCode } from '../../src/index';

interface Case {
  ref: string;
  ok: boolean;
  err?: string;
  domain?: string;
  path?: string;
  tag?: string;
  digest?: string;
  normalized?: { domain: string; path: string };
}

const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, 'corpus.json'), 'utf8')) as { cases: Case[] };

// Go's error (left) and the codes that say the same thing (ours are finer: which part is wrong)
const CODES: Array<[RegExp, ImageReferenceErrorCode[]]> = [
  [/^repository name must have at least one component$/, ['REFERENCE_EMPTY']],
  [/^repository name must be lowercase$/, ['REFERENCE_NAME_NOT_LOWERCASE']],
  [/^repository name must not be more than 255 characters$/, ['REFERENCE_NAME_TOO_LONG']],
  [/^unsupported digest algorithm$/, ['REFERENCE_UNSUPPORTED_DIGEST']],
  [/^invalid checksum digest (length|format)$/, ['REFERENCE_INVALID_DIGEST']],
  [/^invalid reference format$/, ['REFERENCE_INVALID_FORMAT', 'REFERENCE_INVALID_TAG', 'REFERENCE_INVALID_DOMAIN', 'REFERENCE_INVALID_DIGEST']],
];

// Docker's rule for which first component names a registry (the others are Docker Hub namespaces), and a
// bracketed IPv6 host, which can be nothing else
const dockerDomain = (d: string) => d.includes('.') || d.includes(':') || d === 'localhost' || d !== d.toLowerCase() || d.startsWith('[');

test('the corpus is large and balanced', () => {
  expect(corpus.cases.length).toBeGreaterThanOrEqual(5000);
  const valid = corpus.cases.filter((c) => c.ok).length;
  expect(valid).toBeGreaterThan(1000);
  expect(corpus.cases.length - valid).toBeGreaterThan(1000);
  expect(corpus.cases.filter((c) => c.ref.includes('[') && c.ok).length).toBeGreaterThan(50);
});

test('every case agrees with Go', () => {
  const disagreements: string[] = [];
  for (const c of corpus.cases) {
    let got: ReturnType<typeof parseImageReference> | undefined;
    let err: unknown;
    try {
      got = parseImageReference(c.ref);
    } catch (e) {
      err = e;
    }
    const safe = tryParseImageReference(c.ref);
    const say = (what: string) => disagreements.push(`${JSON.stringify(c.ref)}: ${what}`);
    if (c.ok) {
      if (!got) {
        say(`Go accepts it, we refuse it: ${(err as Error).message}`);
        continue;
      }
      const registry = c.domain !== undefined && dockerDomain(c.domain) ? c.domain : undefined;
      const name = c.domain !== undefined ? `${c.domain}/${c.path}` : c.path;
      const want = { registry, repository: registry !== undefined ? c.path : name, tag: c.tag, digest: c.digest };
      const have = { registry: got.registry, repository: got.repository, tag: got.tag, digest: got.digest };
      if (JSON.stringify(have) !== JSON.stringify(want)) say(`parts ${JSON.stringify(have)}, Go ${JSON.stringify(want)}`);
      if (JSON.stringify(safe) !== JSON.stringify(got)) say('tryParseImageReference differs from parseImageReference');
      // (ParseNormalizedNamed leaves the domain empty where Docker's rule and the grammar disagree: `a_b.c/x`)
      if (c.normalized?.domain) {
        const n = normalizeImageReference(got);
        if (n.registry !== c.normalized.domain || n.repository !== c.normalized.path) {
          say(`normalized ${n.registry}/${n.repository}, Go ${c.normalized.domain}/${c.normalized.path}`);
        }
      }
    } else {
      if (got) {
        say(`Go refuses it (${c.err}), we accept it`);
        continue;
      }
      if (!(err instanceof ImageReferenceError)) {
        say(`untyped error ${String(err)}`);
        continue;
      }
      if (safe !== undefined) say('tryParseImageReference accepts it');
      const allowed = CODES.find(([re]) => re.test(c.err!))?.[1];
      if (!allowed) say(`Go error ${JSON.stringify(c.err)} has no code mapping`);
      else if (!allowed.includes(err.code)) say(`code ${err.code}, Go says ${JSON.stringify(c.err)}`);
      if (!err.message.includes(JSON.stringify(c.ref.length > 80 ? `${c.ref.slice(0, 77)}...` : c.ref)) && err.code !== 'REFERENCE_EMPTY') {
        say(`the message does not quote the reference: ${err.message}`);
      }
    }
  }
  expect(disagreements.slice(0, 30)).toEqual([]);
  expect(disagreements.length).toBe(0);
});
