// Functions whose output is random: checked by shape (charset, length, format), and keys and
// certificates by parsing and verifying them with node:crypto.
import * as nodeCrypto from 'node:crypto';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import * as rnd from '../../../src/template/lib/random';
import { bcrypt, bcryptHash, htpasswd } from '../../../src/template/lib/bcrypt';
import * as x from '../../../src/template/lib/x509';
import { decryptAES, encryptAES, b64enc } from '../../../src/template/lib/encoding';
import { installCryptoProvider, nodeCryptoProvider, type NodeCryptoLike } from '../../../src/template/lib/provider';

describe('random strings', () => {
  test.each([
    ['randAlphaNum', rnd.randAlphaNum, /^[A-Za-z0-9]*$/],
    ['randAlpha', rnd.randAlpha, /^[A-Za-z]*$/],
    ['randNumeric', rnd.randNumeric, /^[0-9]*$/],
    ['randAscii', rnd.randAscii, /^[\x20-\x7e]*$/],
  ] as const)('%s: charset and length', (_name, fn, re) => {
    for (const n of [0, 1, 5, 64, 1000]) {
      const s = fn(n);
      expect(s).toHaveLength(n);
      expect(s).toMatch(re);
    }
    expect(fn(-1)).toBe('');
    // 1000 characters from a set of at least 10 use more than one of them
    expect(new Set(fn(1000)).size).toBeGreaterThan(5);
  });

  test('randBytes is base64 of n bytes', () => {
    for (const n of [0, 1, 2, 3, 32, 100]) expect(Buffer.from(rnd.randBytes(n), 'base64')).toHaveLength(n);
    expect(rnd.randBytes(16)).not.toBe(rnd.randBytes(16));
  });

  test('randInt is in [min, max) and Go refuses an empty range', () => {
    for (let i = 0; i < 200; i++) {
      const v = rnd.randInt(-3, 4);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThan(4);
    }
    expect(() => rnd.randInt(5, 5)).toThrow('invalid argument to Intn');
  });

  test('uuidv4 is a version 4, RFC 4122 UUID', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const u = rnd.uuidv4();
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(u);
    }
    expect(seen.size).toBe(50);
  });

  test('shuffle keeps the characters', () => {
    const s = 'héllo wörld 😀 abc';
    const t = rnd.shuffle(s);
    expect(Array.from(t).sort()).toEqual(Array.from(s).sort());
  });
});

describe('bcrypt (plain JavaScript, no provider)', () => {
  // vectors of the OpenBSD / John the Ripper bcrypt test suites
  test.each([
    ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy'],
  ])('known hash of %j', (pw, hash) => {
    expect(bcryptHash(new TextEncoder().encode(pw), 5, hash.slice(7, 29))).toBe(hash);
  });

  test('bcrypt and htpasswd: $2a$10$, random salt, and a hash of the password', () => {
    const h = bcrypt('secret');
    expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptHash(new TextEncoder().encode('secret'), 10, h.slice(7, 29))).toBe(h);
    expect(bcrypt('secret')).not.toBe(h);
    const line = htpasswd('admin', 'pw');
    expect(line).toMatch(/^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptHash(new TextEncoder().encode('pw'), 10, line.slice(13, 35))).toBe(line.slice(6));
  });
});

describe('with the node:crypto provider', () => {
  beforeAll(() => installCryptoProvider(nodeCryptoProvider(nodeCrypto as unknown as NodeCryptoLike)));
  afterAll(() => installCryptoProvider(undefined));

  test.each([
    ['ecdsa', 'EC PRIVATE KEY', 'ec'],
    ['ed25519', 'PRIVATE KEY', 'ed25519'],
  ])('genPrivateKey %s writes %s', (type, block, keyType) => {
    const pem = x.genPrivateKey(type);
    expect(pem).toMatch(new RegExp(`^-----BEGIN ${block}-----\\n([A-Za-z0-9+/=]{1,64}\\n)+-----END ${block}-----\\n$`));
    expect(createPrivateKey(pem).asymmetricKeyType).toBe(keyType);
  });

  test('genPrivateKey rsa is 4096 bits in PKCS#1; unknown types as sprig says', () => {
    const pem = x.genPrivateKey('rsa');
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(x.genPrivateKey('foo')).toBe('Unknown type foo');
  });

  test('genCA, genSignedCert: parse, verify, carry the names and usages', () => {
    const ca = x.genCA('my-ca', 365);
    const caCert = new X509Certificate(ca.Cert);
    expect(caCert.subject).toBe('CN=my-ca');
    expect(caCert.ca).toBe(true);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(createPrivateKey(ca.Key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const days = (Date.parse(caCert.validTo) - Date.parse(caCert.validFrom)) / 86400_000;
    expect(days).toBe(365);

    const leaf = x.genSignedCert('svc.ns.svc', ['10.0.0.1', '::1'], ['svc', 'svc.ns.svc.cluster.local'], 30, ca);
    const leafCert = new X509Certificate(leaf.Cert);
    expect(leafCert.ca).toBe(false);
    expect(leafCert.issuer).toBe('CN=my-ca');
    expect(leafCert.verify(caCert.publicKey)).toBe(true);
    expect(leafCert.checkIssued(caCert)).toBe(true);
    expect(leafCert.subjectAltName).toBe('DNS:svc, DNS:svc.ns.svc.cluster.local, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(leafCert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    // the key in .Key is the certificate's key
    expect(createPublicKey(leaf.Key).export({ format: 'pem', type: 'spki' })).toBe(leafCert.publicKey.export({ format: 'pem', type: 'spki' }));
  });

  test('genSelfSignedCert and the WithKey forms with ECDSA and Ed25519 keys', () => {
    const self = x.genSelfSignedCert('self', null, ['a.example'], 1);
    const c = new X509Certificate(self.Cert);
    expect(c.verify(c.publicKey)).toBe(true);
    expect(c.subjectAltName).toBe('DNS:a.example');
    for (const type of ['ecdsa', 'ed25519']) {
      const key = x.genPrivateKey(type);
      const ca = x.genCAWithKey('ca-' + type, 10, key);
      const caCert = new X509Certificate(ca.Cert);
      expect(caCert.verify(caCert.publicKey)).toBe(true);
      const leaf = x.genSignedCertWithKey('leaf', null, null, 10, ca, x.genPrivateKey(type));
      expect(new X509Certificate(leaf.Cert).verify(caCert.publicKey)).toBe(true);
      const selfWithKey = x.genSelfSignedCertWithKey('s', ['1.2.3.4'], null, 10, key);
      expect(selfWithKey.Key).toBe(key);
      expect(new X509Certificate(selfWithKey.Cert).subjectAltName).toBe('IP Address:1.2.3.4');
    }
  });

  test('argument errors as sprig words them', () => {
    expect(() => x.genSelfSignedCert('a', ['300.1.1.1'], null, 1)).toThrow('error parsing ip: 300.1.1.1');
    expect(() => x.genSelfSignedCert('a', [5], null, 1)).toThrow('error parsing ip: 5 is not a string');
    expect(() => x.genSelfSignedCert('a', null, [true], 1)).toThrow('error processing alternate dns name: true is not a string');
    expect(() => x.genCAWithKey('a', 1, 'nope')).toThrow('parsing private key: no PEM data in input');
    expect(() => x.genSignedCert('a', null, null, 1, new x.Certificate('x', 'y'))).toThrow('unable to decode certificate');
  });

  test('buildCustomCert checks and returns the decoded PEM', () => {
    const ca = x.genCA('c', 1);
    const built = x.buildCustomCert(b64enc(ca.Cert), b64enc(ca.Key));
    expect(built.Cert).toBe(ca.Cert);
    expect(built.Key).toBe(ca.Key);
    expect(() => x.buildCustomCert('!!', b64enc(ca.Key))).toThrow('unable to decode base64 certificate');
    expect(() => x.buildCustomCert(b64enc('x'), b64enc(ca.Key))).toThrow('unable to decode certificate');
  });

  test('encryptAES / decryptAES round trip with a random IV', () => {
    for (const [k, t] of [['key', 'hello'], ['a much longer key that exceeds thirty-two bytes', 'x'.repeat(100)]]) {
      const a = encryptAES(k!, t!);
      expect(a).not.toBe(encryptAES(k!, t!));
      expect(Buffer.from(a, 'base64').length % 16).toBe(0);
      expect(decryptAES(k!, a)).toBe(t);
    }
  });
});

test('without a provider, key functions fail clearly', () => {
  installCryptoProvider(undefined);
  expect(() => x.genCA('a', 1)).toThrow('genCA needs a crypto provider');
  expect(x.genPrivateKey('rsa')).toMatch(/needs a crypto provider/);
});
