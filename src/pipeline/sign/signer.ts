import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { DiagnosticCode } from '../../common/diagnostics/codes.js';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { SigningFile, SigningMaterial } from '../load/signing-material.js';

/** A checked signer: its certificate, the intermediates to embed, and (when unlocked) the key that matches. */
export interface Signer {
  certificate: Uint8Array;
  /** sha256 of the certificate's DER, hex: who signs, in every signed artifact's comparison key. */
  fingerprint: string;
  chain: Uint8Array[];
  /** Absent when the key is encrypted, no passphrase was given, and the caller only previews. */
  key?: { key: KeyObject; scheme: SignatureScheme };
}

/** WebCrypto's name for the key's signature scheme, and the digest it signs with. */
export type SignatureScheme = { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' } | { name: 'ECDSA'; namedCurve: 'P-256' | 'P-384' | 'P-521'; hash: 'SHA-256' | 'SHA-384' | 'SHA-512' };

export interface SignerOptions {
  /** The key's passphrase, from the environment (the CLI reads MDM_BLOCKLIST_SIGN_PASSPHRASE). */
  passphrase?: string;
  /** YYYY-MM-DD; the certificate must be valid then. The library never reads the clock, so without it dates are not checked. */
  today?: string;
  /**
   * Nothing will be signed (validate, plan, compile --check): a locked key (encrypted, no
   * passphrase) is noted, not refused, and the signer comes without it.
   */
  preview?: boolean;
}

const CURVES = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
} as const;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g;

function pemBlocks(text: string, label: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] === label).map((m) => m[0]);
}

type Fail = (code: DiagnosticCode, file: SigningFile, message: string) => undefined;

/**
 * Parses the signing material load read: the certificate (valid on `today`), the chain, and the
 * key, which must decrypt, be RSA or EC, and match the certificate. Messages name the files and
 * the certificate's subject, never what the key files contain.
 */
export function prepareSigner(material: SigningMaterial, options: SignerOptions, bag: DiagnosticBag): Signer | undefined {
  const fail: Fail = (code, file, message) => {
    bag.add(code, message, file.at ?? { file: file.shown });
    return undefined;
  };
  const certs = certificates(material, fail);
  if (!certs) return undefined;
  const { leaf, chain } = certs;
  const signer: Signer = { certificate: new Uint8Array(leaf.raw), fingerprint: createHash('sha256').update(leaf.raw).digest('hex'), chain: chain.map((c) => new Uint8Array(c.raw)) };
  const key = decryptKey(material, options, fail, bag);
  if (!key) return undefined;
  const unlocked = key === 'locked' ? undefined : matchingKey(key, leaf, material, fail);
  if (key !== 'locked' && !unlocked) return undefined;
  if (options.today !== undefined && !checkDates(leaf, material.cert.file, options.today, fail)) return undefined;
  return unlocked ? { ...signer, key: unlocked } : signer;
}

/** The key must be RSA or EC on a curve WebCrypto signs with, and belong to the certificate. */
function matchingKey(key: KeyObject, leaf: X509Certificate, material: SigningMaterial, fail: Fail): Signer['key'] {
  const scheme = schemeOf(key);
  const keyFile = material.key.file;
  if (!scheme) return fail('SIGN_KEY_UNSUPPORTED', keyFile, `the key in ${keyFile.shown} is ${describeKey(key)}; signing needs an RSA key or an EC key on P-256, P-384 or P-521`);
  if (!leaf.checkPrivateKey(key)) {
    return fail('SIGN_KEY_MISMATCH', keyFile, `the key in ${keyFile.shown} does not belong to the certificate in ${material.cert.file.shown} (${leaf.subject.replace(/\n/g, ', ')})`);
  }
  return { key, scheme };
}

function certificates(material: SigningMaterial, fail: Fail): { leaf: X509Certificate; chain: X509Certificate[] } | undefined {
  const [leafPem, ...bundled] = pemBlocks(material.cert.text, 'CERTIFICATE');
  const leaf = leafPem !== undefined ? parseCertificate(leafPem) : undefined;
  if (!leaf) return fail('SIGN_CERT_INVALID', material.cert.file, `${material.cert.file.shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  const chainPems = [...bundled, ...(material.chain ? pemBlocks(material.chain.text, 'CERTIFICATE') : [])];
  const chain = chainPems.map(parseCertificate);
  if (material.chain && (pemBlocks(material.chain.text, 'CERTIFICATE').length === 0 || chain.some((c) => !c))) {
    return fail('SIGN_CHAIN_INVALID', material.chain.file, `${material.chain.file.shown} must hold one or more PEM certificates`);
  }
  return { leaf, chain: chain as X509Certificate[] };
}

function checkDates(leaf: X509Certificate, file: SigningFile, today: string, fail: Fail): boolean {
  const notAfter = new Date(Date.parse(leaf.validTo));
  const notBefore = new Date(Date.parse(leaf.validFrom));
  if (notAfter < new Date(`${today}T00:00:00Z`)) {
    fail('SIGN_CERT_EXPIRED', file, `the certificate in ${file.shown} expired on ${isoDay(notAfter)}`);
    return false;
  }
  if (notBefore > new Date(`${today}T23:59:59Z`)) {
    fail('SIGN_CERT_NOT_YET_VALID', file, `the certificate in ${file.shown} is valid only from ${isoDay(notBefore)}`);
    return false;
  }
  return true;
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** Node's own errors are not passed on: a parser's message has no business near key material. */
function decryptKey(material: SigningMaterial, options: SignerOptions, fail: Fail, bag: DiagnosticBag): KeyObject | 'locked' | undefined {
  const { file, text } = material.key;
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text);
  if (!/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(text)) return fail('SIGN_KEY_INVALID', file, `${file.shown} holds no PEM private key`);
  if (encrypted && options.passphrase === undefined) {
    if (!options.preview) return fail('SIGN_KEY_ENCRYPTED', file, `the key in ${file.shown} is encrypted: put its passphrase in the environment variable MDM_BLOCKLIST_SIGN_PASSPHRASE`);
    bag.add('SIGN_KEY_NOT_CHECKED', `the key in ${file.shown} is encrypted and MDM_BLOCKLIST_SIGN_PASSPHRASE is not set: the certificate was checked, the key was not (compiling needs it)`, file.at ?? { file: file.shown });
    return 'locked';
  }
  try {
    return createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: options.passphrase! } : { key: text, format: 'pem' });
  } catch {
    return encrypted
      ? fail('SIGN_KEY_PASSPHRASE_WRONG', file, `the passphrase in MDM_BLOCKLIST_SIGN_PASSPHRASE does not decrypt the key in ${file.shown}`)
      : fail('SIGN_KEY_INVALID', file, `${file.shown} holds a private key that cannot be read`);
  }
}

function schemeOf(key: KeyObject): SignatureScheme | undefined {
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
