import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { DiagnosticCode } from '../../common/diagnostics/codes.js';
import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';

/** Where the signing material is. Paths are absolute; `shown` is how diagnostics name them. */
export interface SigningFiles {
  cert: SigningFile;
  key: SigningFile;
  chain?: SigningFile;
  /** The key's passphrase, from the environment (the CLI reads MDM_BLOCKLIST_SIGN_PASSPHRASE). */
  passphrase?: string;
}

export interface SigningFile {
  path: string;
  shown: string;
  /** The YAML value that named the file, when the policy did. */
  at?: SourcePosition;
}

/** A checked signer: its certificate, the intermediates to embed, and the key that matches. */
export interface SigningIdentity {
  certificate: Uint8Array;
  chain: Uint8Array[];
  key: KeyObject;
  /** WebCrypto's name for the key's signature scheme, and the digest it signs with. */
  scheme: { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' } | { name: 'ECDSA'; namedCurve: 'P-256' | 'P-384' | 'P-521'; hash: 'SHA-256' | 'SHA-384' | 'SHA-512' };
}

const CURVES = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
} as const;

/** PEM certificates, keys and chains are a few kilobytes; anything far larger is the wrong file. */
const MAX_PEM_BYTES = 1024 * 1024;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g;

function pemBlocks(text: string, label: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] === label).map((m) => m[0]);
}

/**
 * Reads and checks the signing certificate, key and chain before anything is signed or written:
 * the key must decrypt, be RSA or EC, and match the certificate, and the certificate must be valid
 * on `today` (YYYY-MM-DD; the library never reads the clock, so without it dates are not checked).
 * Messages name the files and the certificate's subject, never what the key files contain.
 */
export async function loadSigningIdentity(files: SigningFiles, host: Host, today: string | undefined, bag: DiagnosticBag): Promise<SigningIdentity | undefined> {
  const fail = (code: DiagnosticCode, file: SigningFile, message: string): undefined => {
    bag.add(code, message, file.at ?? { file: file.shown });
    return undefined;
  };
  const read = async (file: SigningFile, what: string): Promise<string | undefined> => {
    try {
      const { kind, size } = await host.stat(file.path);
      if (kind !== 'file' || size > MAX_PEM_BYTES) {
        fail('SIGN_FILE_UNREADABLE', file, `the signing ${what} ${file.shown} is ${kind === 'file' ? `${size} bytes, not a PEM file (at most ${MAX_PEM_BYTES})` : `a ${kind}, not a file`}`);
        return undefined;
      }
      return new TextDecoder().decode(await host.readFile(file.path));
    } catch (e) {
      fail('SIGN_FILE_UNREADABLE', file, `cannot read the signing ${what} ${file.shown} (${(e as NodeJS.ErrnoException).code ?? 'read error'})`);
      return undefined;
    }
  };

  const certText = await read(files.cert, 'certificate');
  const keyText = await read(files.key, 'key');
  const chainText = files.chain ? await read(files.chain, 'chain') : '';
  if (certText === undefined || keyText === undefined || chainText === undefined) return undefined;

  const [leafPem, ...bundled] = pemBlocks(certText, 'CERTIFICATE');
  const leaf = leafPem !== undefined ? parseCertificate(leafPem) : undefined;
  if (!leaf) return fail('SIGN_CERT_INVALID', files.cert, `${files.cert.shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  const chainPems = [...bundled, ...(files.chain ? pemBlocks(chainText, 'CERTIFICATE') : [])];
  const chain = chainPems.map(parseCertificate);
  if (files.chain && (pemBlocks(chainText, 'CERTIFICATE').length === 0 || chain.some((c) => !c))) {
    return fail('SIGN_CHAIN_INVALID', files.chain, `${files.chain.shown} must hold one or more PEM certificates`);
  }

  const key = decryptKey(keyText, files, fail);
  if (!key) return undefined;
  const scheme = schemeOf(key);
  if (!scheme) return fail('SIGN_KEY_UNSUPPORTED', files.key, `the key in ${files.key.shown} is ${describeKey(key)}; signing needs an RSA key or an EC key on P-256, P-384 or P-521`);
  if (!leaf.checkPrivateKey(key)) {
    return fail('SIGN_KEY_MISMATCH', files.key, `the key in ${files.key.shown} does not belong to the certificate in ${files.cert.shown} (${leaf.subject.replace(/\n/g, ', ')})`);
  }
  if (today !== undefined) {
    const notAfter = new Date(Date.parse(leaf.validTo));
    const notBefore = new Date(Date.parse(leaf.validFrom));
    if (notAfter < new Date(`${today}T00:00:00Z`)) {
      return fail('SIGN_CERT_EXPIRED', files.cert, `the certificate in ${files.cert.shown} expired on ${isoDay(notAfter)}`);
    }
    if (notBefore > new Date(`${today}T23:59:59Z`)) {
      return fail('SIGN_CERT_NOT_YET_VALID', files.cert, `the certificate in ${files.cert.shown} is valid only from ${isoDay(notBefore)}`);
    }
  }
  return { certificate: new Uint8Array(leaf.raw), chain: chain.map((c) => new Uint8Array(c!.raw)), key, scheme };
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** Node's own errors are not passed on: a parser's message has no business near key material. */
function decryptKey(text: string, files: SigningFiles, fail: (code: DiagnosticCode, file: SigningFile, message: string) => undefined): KeyObject | undefined {
  const shown = files.key.shown;
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text);
  if (!/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(text)) return fail('SIGN_KEY_INVALID', files.key, `${shown} holds no PEM private key`);
  if (encrypted && files.passphrase === undefined) {
    return fail('SIGN_KEY_ENCRYPTED', files.key, `the key in ${shown} is encrypted: put its passphrase in the environment variable MDM_BLOCKLIST_SIGN_PASSPHRASE`);
  }
  try {
    return createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: files.passphrase! } : { key: text, format: 'pem' });
  } catch {
    return encrypted
      ? fail('SIGN_KEY_PASSPHRASE_WRONG', files.key, `the passphrase in MDM_BLOCKLIST_SIGN_PASSPHRASE does not decrypt the key in ${shown}`)
      : fail('SIGN_KEY_INVALID', files.key, `${shown} holds a private key that cannot be read`);
  }
}

function schemeOf(key: KeyObject): SigningIdentity['scheme'] | undefined {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  return curve !== undefined && curve in CURVES ? { name: 'ECDSA', ...CURVES[curve as keyof typeof CURVES] } : undefined;
}

function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return `${key.asymmetricKeyType ?? 'of an unknown type'}${curve !== undefined ? ` on ${curve}` : ''}`;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
