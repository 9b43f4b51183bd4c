// Signed profiles (issue 3, "Signing"): DER CMS SignedData that openssl verifies, carrying the
// unsigned profile byte for byte; bad signing material is an error before anything is built, and
// no key or passphrase ever appears in what the compiler returns.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type CompileOptions, type CompileResult } from '../../../src/index.js';
import { cmsPrint, cmsVerify, dataBlobs, hasOpenssl, makePki, PASSPHRASE, pemBodyLines, privateComponents, type Pki } from '../../helpers/throwaway-pki.js';

const golden = join(import.meta.dirname, '..', '..', 'golden');
const iosPolicy = join(golden, 'remove-application-commands', 'supervised-ios-17', 'policy.yaml');
const macPolicy = join(golden, 'macos-santa-profile', 'macos-santa', 'policy.yaml');

if (!hasOpenssl) console.warn('openssl not found: signing tests skipped');

describe.skipIf(!hasOpenssl)('signing', () => {
  let pki: Pki;
  beforeAll(() => {
    pki = makePki();
  });
  afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));

  const sign = (policy: string, cert: string, key: string, extra: Partial<CompileOptions> = {}) =>
    compile(policy, { today: pki.today, signing: { cert: pki.path(cert), key: pki.path(key) }, ...extra });
  const bytesOf = (r: CompileResult, path: string) => {
    const a = r.artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`${path} not in ${r.artifacts.map((x) => x.path).join(', ')}`);
    return a.bytes;
  };
  const codes = (r: CompileResult) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

  it('writes a signed copy beside each unsigned profile, carrying it byte for byte', async () => {
    const r = await sign(iosPolicy, 'rsa.pem', 'rsa.key');
    expect(codes(r)).toEqual([]);
    const unsigned = bytesOf(r, 'phones/ios/restrictions.mobileconfig');
    const signed = bytesOf(r, 'phones/ios/signed/restrictions.mobileconfig');
    expect(r.artifacts.find((a) => a.path === 'phones/ios/signed/restrictions.mobileconfig')?.kind).toBe('apple-profile-signed');
    expect(cmsVerify(pki, signed, 'noverify')?.equals(Buffer.from(unsigned))).toBe(true);
    expect(cmsVerify(pki, signed, { caFile: pki.path('rsa.pem') })?.equals(Buffer.from(unsigned))).toBe(true);
    expect(cmsVerify(pki, signed, { caFile: pki.path('root.pem') })).toBeUndefined();
  });

  it('signs Santa profiles too', async () => {
    const r = await sign(macPolicy, 'rsa.pem', 'rsa.key');
    const signed = bytesOf(r, 'macs/macos/signed/santa.mobileconfig');
    expect(cmsVerify(pki, signed, 'noverify')?.equals(Buffer.from(bytesOf(r, 'macs/macos/santa.mobileconfig')))).toBe(true);
  });

  it('puts the signed bytes in the InstallProfile command', async () => {
    const r = await sign(iosPolicy, 'rsa.pem', 'rsa.key');
    const command = Buffer.from(bytesOf(r, 'phones/ios/commands/install-restrictions.plist')).toString('utf8');
    const payload = /<key>Payload<\/key>\s*<data>([^<]+)<\/data>/.exec(command)![1]!.replace(/\s/g, '');
    expect(Buffer.from(payload, 'base64').equals(Buffer.from(bytesOf(r, 'phones/ios/signed/restrictions.mobileconfig')))).toBe(true);
  });

  it('is deterministic with an RSA key: no signingTime, same bytes every run', async () => {
    const a = await sign(iosPolicy, 'rsa.pem', 'rsa.key');
    const b = await sign(iosPolicy, 'rsa.pem', 'rsa.key');
    const path = 'phones/ios/signed/restrictions.mobileconfig';
    expect(Buffer.from(bytesOf(a, path)).equals(Buffer.from(bytesOf(b, path)))).toBe(true);
    const printed = cmsPrint(pki, bytesOf(a, path));
    expect(printed).toContain('pkcs7-signedData');
    expect(printed).toContain('messageDigest');
    expect(printed).not.toContain('signingTime');
  });

  it('signs with an EC P-256 key', async () => {
    const r = await sign(iosPolicy, 'ec.pem', 'ec.key');
    expect(codes(r)).toEqual([]);
    const signed = bytesOf(r, 'phones/ios/signed/restrictions.mobileconfig');
    expect(cmsVerify(pki, signed, { caFile: pki.path('ec.pem') })?.equals(Buffer.from(bytesOf(r, 'phones/ios/restrictions.mobileconfig')))).toBe(true);
  });

  it('embeds the chain, so a device that trusts only the root can verify', async () => {
    const withChain = await compile(iosPolicy, { today: pki.today, signing: { cert: pki.path('leaf.pem'), key: pki.path('leaf.key'), chain: pki.path('int.pem') } });
    const without = await sign(iosPolicy, 'leaf.pem', 'leaf.key');
    const path = 'phones/ios/signed/restrictions.mobileconfig';
    expect(cmsVerify(pki, bytesOf(withChain, path), { caFile: pki.path('root.pem') })).toBeDefined();
    expect(cmsVerify(pki, bytesOf(without, path), { caFile: pki.path('root.pem') })).toBeUndefined();
  });

  it('decrypts an encrypted key with the passphrase it is given, PKCS#8 or traditional', async () => {
    for (const key of ['rsa-pkcs8-enc.key', 'rsa-trad-enc.key']) {
      const r = await sign(iosPolicy, 'rsa.pem', key, { signingPassphrase: PASSPHRASE });
      expect(codes(r), key).toEqual([]);
      expect(r.artifacts.some((a) => a.kind === 'apple-profile-signed')).toBe(true);
    }
  });

  describe('refuses bad signing material before anything is built', () => {
    const cases: [string, () => Promise<CompileResult>, string][] = [
      ['a missing certificate', () => sign(iosPolicy, 'nope.pem', 'rsa.key'), 'SIGN_FILE_UNREADABLE'],
      ['a folder where the key belongs', () => compile(iosPolicy, { today: pki.today, signing: { cert: pki.path('rsa.pem'), key: pki.dir } }), 'SIGN_FILE_UNREADABLE'],
      ['a key where the certificate belongs', () => sign(iosPolicy, 'rsa.key', 'rsa.key'), 'SIGN_CERT_INVALID'],
      ['a certificate where the key belongs', () => sign(iosPolicy, 'rsa.pem', 'ec.pem'), 'SIGN_KEY_INVALID'],
      ['a key that is not the certificate’s', () => sign(iosPolicy, 'rsa.pem', 'other.key'), 'SIGN_KEY_MISMATCH'],
      ['an EC key for an RSA certificate', () => sign(iosPolicy, 'rsa.pem', 'ec.key'), 'SIGN_KEY_MISMATCH'],
      ['an expired certificate', () => sign(iosPolicy, 'rsa.pem', 'rsa.key', { today: '2099-01-01' }), 'SIGN_CERT_EXPIRED'],
      ['a certificate not valid yet', () => sign(iosPolicy, 'rsa.pem', 'rsa.key', { today: '2000-01-01' }), 'SIGN_CERT_NOT_YET_VALID'],
      ['an encrypted key without a passphrase', () => sign(iosPolicy, 'rsa.pem', 'rsa-pkcs8-enc.key'), 'SIGN_KEY_ENCRYPTED'],
      ['a wrong passphrase', () => sign(iosPolicy, 'rsa.pem', 'rsa-trad-enc.key', { signingPassphrase: 'wrong horse' }), 'SIGN_KEY_PASSPHRASE_WRONG'],
      ['an Ed25519 key', () => sign(iosPolicy, 'ed.pem', 'ed.key'), 'SIGN_KEY_UNSUPPORTED'],
      ['a chain file without certificates', () => compile(iosPolicy, { today: pki.today, signing: { cert: pki.path('rsa.pem'), key: pki.path('rsa.key'), chain: pki.path('rsa.key') } }), 'SIGN_CHAIN_INVALID'],
    ];
    for (const [name, run, code] of cases) {
      it(name, async () => {
        const r = await run();
        expect(r.ok).toBe(false);
        expect(r.artifacts).toEqual([]);
        expect(codes(r)).toEqual([code]);
      });
    }
  });

  it('never lets a passphrase or key material into diagnostics or artifacts', async () => {
    const runs = [
      await sign(iosPolicy, 'rsa.pem', 'rsa-pkcs8-enc.key', { signingPassphrase: PASSPHRASE }),
      await sign(iosPolicy, 'rsa.pem', 'rsa-trad-enc.key', { signingPassphrase: `${PASSPHRASE}!` }),
      await sign(iosPolicy, 'rsa.pem', 'other.key', { signingPassphrase: PASSPHRASE }),
      await sign(macPolicy, 'ec.pem', 'ec.key', { signingPassphrase: PASSPHRASE }),
    ];
    // The private parts of each key (a PEM key also holds its public key, which the certificate
    // carries legitimately), and the encrypted files' ciphertext lines.
    const privateParts = ['rsa.key', 'other.key', 'ec.key'].flatMap((k) => privateComponents(pki.path(k)));
    const texts = [PASSPHRASE, 'PRIVATE KEY', ...['rsa-pkcs8-enc.key', 'rsa-trad-enc.key'].flatMap((k) => pemBodyLines(pki.path(k)))];
    for (const r of runs) {
      const said = JSON.stringify(r.diagnostics);
      for (const a of r.artifacts) {
        const blobs = [Buffer.from(a.bytes), ...dataBlobs(a.bytes)];
        for (const part of privateParts) expect(blobs.some((b) => b.includes(part)), `private key bytes in ${a.path}`).toBe(false);
        for (const t of texts) expect(Buffer.from(a.bytes).toString('latin1').includes(t), `secret text in ${a.path}`).toBe(false);
      }
      for (const part of privateParts) for (const enc of ['base64', 'base64url', 'hex'] as const) expect(said.includes(part.toString(enc))).toBe(false);
      for (const t of texts.filter((x) => x !== 'PRIVATE KEY')) expect(said.includes(t), 'a secret in diagnostics').toBe(false);
    }
  });

  describe('apple.signing in the policy', () => {
    const policyWith = (signing: string) => {
      const dir = join(pki.dir, `policy-${Math.random().toString(36).slice(2)}`);
      mkdirSync(join(dir, 'certs'), { recursive: true });
      for (const f of ['rsa.pem', 'rsa.key', 'other.key']) writeFileSync(join(dir, 'certs', f), readFileSync(pki.path(f)));
      const text = readFileSync(iosPolicy, 'utf8').replace(/^fleets:/m, `apple:\n  signing:\n${signing}\n\nfleets:`);
      writeFileSync(join(dir, 'policy.yaml'), text);
      return join(dir, 'policy.yaml');
    };

    it('reads paths relative to the policy file', async () => {
      const r = await compile(policyWith('    cert: certs/rsa.pem\n    key: certs/rsa.key'), { today: pki.today });
      expect(codes(r)).toEqual([]);
      expect(r.artifacts.map((a) => a.path)).toContain('phones/ios/signed/restrictions.mobileconfig');
    });

    it('points at the YAML line of a bad key', async () => {
      const r = await compile(policyWith('    cert: certs/rsa.pem\n    key: certs/other.key'), { today: pki.today });
      const d = r.diagnostics.find((x) => x.code === 'SIGN_KEY_MISMATCH');
      expect(d?.file).toMatch(/policy\.yaml$/);
      expect(d?.line).toBeGreaterThan(1);
    });

    it('refuses key material in place of a path, without repeating it', async () => {
      const pem = readFileSync(pki.path('rsa.key'), 'utf8').split('\n')[0]!;
      const r = await compile(policyWith(`    cert: certs/rsa.pem\n    key: "${pem}"`), { today: pki.today });
      expect(codes(r)).toEqual(['SCHEMA_VALUE']);
      expect(JSON.stringify(r.diagnostics)).not.toContain('PRIVATE KEY');
    });

    it('is overridden by the signing option', async () => {
      const r = await compile(policyWith('    cert: certs/rsa.pem\n    key: certs/other.key'), { today: pki.today, signing: { cert: pki.path('ec.pem'), key: pki.path('ec.key') } });
      expect(codes(r)).toEqual([]);
    });
  });
});
