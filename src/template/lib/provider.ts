// The synchronous crypto provider behind the functions that need more than hashing: key generation,
// signing, scrypt (derivePassword), AES (encryptAES/decryptAES) and bcrypt's Blowfish. renderChart is
// synchronous and the core runs in browsers, so nothing here imports `node:`; the Node entry installs a
// provider built from node:crypto with {@link nodeCryptoProvider}. Without one, these functions fail
// with a clear error (the hash, encoding and random functions never need it: they are plain JavaScript
// over globalThis.crypto.getRandomValues).

/** Key types sprig's genPrivateKey knows (dsa is refused: node:crypto cannot write Go's DSA form). */
export type KeyType = 'rsa' | 'ecdsa' | 'ed25519';

/** A generated key pair as DER. */
export interface KeyPairDer {
  type: KeyType;
  /** PKCS#1 (RSA), SEC 1 (ECDSA P-256) or PKCS#8 (Ed25519): the forms Go's sprig writes. */
  privateDer: Uint8Array;
  /** SubjectPublicKeyInfo */
  spkiDer: Uint8Array;
  /** PKCS#8 of the private key, for signing */
  pkcs8Der: Uint8Array;
}

export interface CryptoProvider {
  /** Key generation: RSA of `bits`, ECDSA on P-256, Ed25519. */
  generateKeyPair(type: KeyType, bits?: number): KeyPairDer;
  /** Imports a PEM private key (PKCS#1, SEC 1 or PKCS#8) as a key pair; throws on a bad key. */
  importPrivateKey(pem: string): KeyPairDer;
  /** Signs `data` with SHA-256 (RSA PKCS#1 v1.5, ECDSA) or pure Ed25519; the key is PKCS#8 DER. */
  sign(type: KeyType, pkcs8Der: Uint8Array, data: Uint8Array): Uint8Array;
  /** scrypt key derivation. */
  scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, keyLen: number): Uint8Array;
  /** AES-256-CBC without padding over whole blocks. */
  aes256Cbc(encrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
}

let installed: CryptoProvider | undefined;

/** Installs the provider (the Node entry does this with nodeCryptoProvider(require('node:crypto'))). */
export function installCryptoProvider(p: CryptoProvider | undefined): void {
  installed = p;
}

/** The installed provider, or an Error naming the function that needs one. */
export function cryptoProvider(fn: string): CryptoProvider {
  if (!installed) throw new Error(`${fn} needs a crypto provider: none is installed (import helm-image-variant/node, or call installCryptoProvider)`);
  return installed;
}

/** Cryptographically strong random bytes from the platform (Web Crypto, in browsers and Node 20+). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
  if (!c) throw new Error('no source of secure random numbers (globalThis.crypto) in this environment');
  for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** The parts of node:crypto the provider uses (structural, so that this module imports nothing). */
export interface NodeCryptoLike {
  generateKeyPairSync(type: string, options: Record<string, unknown>): { privateKey: unknown; publicKey: unknown };
  createPrivateKey(key: unknown): { export(o: Record<string, unknown>): unknown; asymmetricKeyType?: string };
  createPublicKey(key: unknown): { export(o: Record<string, unknown>): unknown };
  sign(alg: string | null | undefined, data: Uint8Array, key: unknown): Uint8Array;
  scryptSync(password: Uint8Array, salt: Uint8Array, keylen: number, options: Record<string, number>): Uint8Array;
  createCipheriv(alg: string, key: Uint8Array, iv: Uint8Array): { setAutoPadding(p: boolean): unknown; update(d: Uint8Array): Uint8Array; final(): Uint8Array };
  createDecipheriv(alg: string, key: Uint8Array, iv: Uint8Array): { setAutoPadding(p: boolean): unknown; update(d: Uint8Array): Uint8Array; final(): Uint8Array };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A provider over node:crypto (pass the module: `nodeCryptoProvider(require('node:crypto'))`). */
export function nodeCryptoProvider(crypto: NodeCryptoLike): CryptoProvider {
  const pairOf = (type: KeyType, privateKey: unknown): KeyPairDer => {
    // a KeyObject already (from generateKeyPairSync or createPrivateKey) is used as it is
    const k = typeof (privateKey as { export?: unknown }).export === 'function' ? (privateKey as ReturnType<NodeCryptoLike['createPrivateKey']>) : crypto.createPrivateKey(privateKey);
    const pkcs8Der = new Uint8Array(k.export({ format: 'der', type: 'pkcs8' }) as Uint8Array);
    const privateDer =
      type === 'rsa'
        ? new Uint8Array(k.export({ format: 'der', type: 'pkcs1' }) as Uint8Array)
        : type === 'ecdsa'
          ? new Uint8Array(k.export({ format: 'der', type: 'sec1' }) as Uint8Array)
          : pkcs8Der;
    const spkiDer = new Uint8Array(crypto.createPublicKey(k).export({ format: 'der', type: 'spki' }) as Uint8Array);
    return { type, privateDer, spkiDer, pkcs8Der };
  };
  return {
    generateKeyPair(type, bits = 4096) {
      const opts: Record<string, unknown> = type === 'rsa' ? { modulusLength: bits } : type === 'ecdsa' ? { namedCurve: 'P-256' } : {};
      const { privateKey } = crypto.generateKeyPairSync(type === 'ecdsa' ? 'ec' : type, opts);
      return pairOf(type, privateKey);
    },
    importPrivateKey(pem) {
      const k = crypto.createPrivateKey(pem);
      const t = k.asymmetricKeyType;
      const type: KeyType = t === 'rsa' ? 'rsa' : t === 'ec' ? 'ecdsa' : t === 'ed25519' ? 'ed25519' : (() => {
        throw new Error(`unsupported key type ${t}`);
      })();
      return pairOf(type, k);
    },
    sign(type, pkcs8Der, data) {
      const key = crypto.createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
      return new Uint8Array(crypto.sign(type === 'ed25519' ? null : 'sha256', data, type === 'ecdsa' ? { key, dsaEncoding: 'der' } : key));
    },
    scrypt(password, salt, N, r, p, keyLen) {
      return new Uint8Array(crypto.scryptSync(password, salt, keyLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }));
    },
    aes256Cbc(encrypt, key, iv, data) {
      const c = encrypt ? crypto.createCipheriv('aes-256-cbc', key, iv) : crypto.createDecipheriv('aes-256-cbc', key, iv);
      c.setAutoPadding(false);
      return concat(new Uint8Array(c.update(data)), new Uint8Array(c.final()));
    },
  };
}
