// Throwaway certificates and keys for signing tests, made with the openssl CLI in a temp folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missing } from './prerequisite.js';

export const hasOpenssl = !missing('openssl', spawnSync('openssl', ['version']).status === 0);

export const PASSPHRASE = 'correct horse battery staple';

export interface Pki {
  dir: string;
  path: (name: string) => string;
  /** A day inside every certificate's validity (they are all made now, valid 30 days). */
  today: string;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * rsa.pem/rsa.key, other.key (an unrelated RSA key), ec.pem/ec.key (P-256), ed.pem/ed.key
 * (Ed25519), rsa-pkcs8-enc.key and rsa-trad-enc.key (rsa.key encrypted with PASSPHRASE), and an
 * EC chain: root.pem → int.pem → leaf.pem/leaf.key.
 */
export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-pki-'));
  const selfSigned = (name: string, keyArgs: string[]) =>
    openssl(dir, 'req', '-x509', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30', '-subj', `/CN=Test ${name}`);
  selfSigned('rsa', ['-newkey', 'rsa:2048']);
  selfSigned('ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  selfSigned('ed', ['-newkey', 'ed25519']);
  openssl(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'other.key');
  openssl(dir, 'pkey', '-in', 'rsa.key', '-aes256', '-passout', `pass:${PASSPHRASE}`, '-out', 'rsa-pkcs8-enc.key');
  openssl(dir, 'rsa', '-in', 'rsa.key', '-aes256', '-traditional', '-passout', `pass:${PASSPHRASE}`, '-out', 'rsa-trad-enc.key');

  writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  // The chain uses EC keys: generating them is quick, and RSA is covered above.
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  openssl(dir, 'req', '-x509', ...ec, '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '30', '-subj', '/CN=Test Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl(dir, 'req', '-new', ...ec, '-nodes', '-keyout', 'int.key', '-out', 'int.csr', '-subj', '/CN=Test Intermediate');
  openssl(dir, 'x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'int.pem', '-days', '30', '-extfile', 'ca.ext');
  openssl(dir, 'req', '-new', ...ec, '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=Test Leaf');
  openssl(dir, 'x509', '-req', '-in', 'leaf.csr', '-CA', 'int.pem', '-CAkey', 'int.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '30');

  const validFrom = new Date(Date.parse(new X509Certificate(readFileSync(join(dir, 'rsa.pem'))).validFrom));
  const today = new Date(validFrom.getTime() + 86_400_000).toISOString().slice(0, 10);
  return { dir, path: (name) => join(dir, name), today };
}

let written = 0;

/** `openssl cms -verify` of a DER SignedData: the content it carries, or undefined when it fails. */
export function cmsVerify(pki: Pki, signed: Uint8Array, trust: { caFile: string } | 'noverify'): Buffer | undefined {
  const input = join(pki.dir, `signed-${++written}.der`);
  const output = `${input}.out`;
  writeFileSync(input, signed);
  const trustArgs = trust === 'noverify' ? ['-noverify'] : ['-CAfile', trust.caFile, '-purpose', 'any'];
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', input, ...trustArgs, '-out', output], { stdio: 'pipe' });
  return r.status === 0 ? readFileSync(output) : undefined;
}

/** `openssl cms -cmsout -print` of a DER SignedData, for looking at its structure. */
export function cmsPrint(pki: Pki, signed: Uint8Array): string {
  const input = join(pki.dir, `print-${++written}.der`);
  writeFileSync(input, signed);
  return openssl(pki.dir, 'cms', '-cmsout', '-print', '-inform', 'DER', '-in', input).toString('utf8');
}

/** The secret numbers of a key (RSA d, p, q, dp, dq, qi; EC d), as raw bytes. */
export function privateComponents(file: string): Buffer[] {
  const jwk = createPrivateKey(readFileSync(file)).export({ format: 'jwk' });
  return (['d', 'p', 'q', 'dp', 'dq', 'qi'] as const).flatMap((k) => (jwk[k] !== undefined ? [Buffer.from(jwk[k]!, 'base64url')] : []));
}

/** Lines of a PEM file's base64 body. */
export function pemBodyLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));
}

/** The decoded contents of every <data> element of a plist (an InstallProfile's Payload). */
export function dataBlobs(bytes: Uint8Array): Buffer[] {
  return [...Buffer.from(bytes).toString('utf8').matchAll(/<data>([^<]*)<\/data>/g)].map((m) => Buffer.from(m[1]!.replace(/\s/g, ''), 'base64'));
}
