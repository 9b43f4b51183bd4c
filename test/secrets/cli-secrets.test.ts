// Issue 7, "Secrets": a signing key and its passphrase never appear in what the real CLI prints
// (text or --json, verbose, on success and on every kind of failure) nor anywhere in the output
// folder, which holds no key material. test/pipeline/sign/signing.test.ts proves the same of the
// library's diagnostics and artifacts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_POLICY } from '../bad-input/cases.js';
import { cliPath } from '../helpers/cli.js';
import { dataBlobs, hasOpenssl, makePki, PASSPHRASE, pemBodyLines, privateComponents, type Pki } from '../helpers/throwaway-pki.js';

if (!hasOpenssl) console.warn('openssl not found: secrets tests skipped');

describe.skipIf(!hasOpenssl)('secrets through the CLI', () => {
  let pki: Pki;
  let dir: string;
  beforeAll(() => {
    pki = makePki();
    dir = mkdtempSync(join(tmpdir(), 'mdm-secrets-'));
    writeFileSync(join(dir, 'policy.yaml'), GOOD_POLICY);
  });
  afterAll(() => {
    rmSync(pki.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** Everything that would betray a key: its secret numbers, its PEM lines, the passphrase. */
  const secrets = () => {
    const keys = ['rsa.key', 'other.key', 'ec.key'];
    const encrypted = ['rsa-pkcs8-enc.key', 'rsa-trad-enc.key'];
    const numbers = keys.flatMap((k) => privateComponents(pki.path(k)));
    const texts = [
      PASSPHRASE,
      'PRIVATE KEY',
      ...[...keys, ...encrypted].flatMap((k) => pemBodyLines(pki.path(k))),
      ...numbers.flatMap((n) => [n.toString('base64'), n.toString('base64url'), n.toString('hex')]),
    ];
    return { numbers, texts };
  };

  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [cliPath, ...args, '--today', pki.today], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      encoding: 'utf8',
    });

  const files = (root: string): string[] =>
    readdirSync(root).flatMap((name) => {
      const p = join(root, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    });

  it('are never printed, on success or failure, and never written', () => {
    const withPass = { MDM_BLOCKLIST_SIGN_PASSPHRASE: PASSPHRASE };
    const sign = (cert: string, key: string) => ['--sign-cert', pki.path(cert), '--sign-key', pki.path(key)];
    // Signing material named by flags is the operator's: a problem with it exits 2, like a
    // missing file; in the policy's apple.signing it would be a policy error (1).
    const runs: [string, string[], Record<string, string>, number][] = [
      ['signed, encrypted key', ['compile', 'policy.yaml', '--out', 'out', '--verbose', ...sign('rsa.pem', 'rsa-pkcs8-enc.key')], withPass, 0],
      ['signed, --json', ['compile', 'policy.yaml', '--out', 'out-json', '--json', ...sign('rsa.pem', 'rsa-trad-enc.key')], withPass, 0],
      ['signed with EC', ['compile', 'policy.yaml', '--out', 'out-ec', ...sign('ec.pem', 'ec.key')], {}, 0],
      ['wrong passphrase', ['compile', 'policy.yaml', '--out', 'out-bad', '--verbose', ...sign('rsa.pem', 'rsa-pkcs8-enc.key')], { MDM_BLOCKLIST_SIGN_PASSPHRASE: `${PASSPHRASE}!` }, 2],
      ['no passphrase for an encrypted key', ['compile', 'policy.yaml', '--out', 'out-bad', '--json', ...sign('rsa.pem', 'rsa-trad-enc.key')], {}, 2],
      // validate needs no key (issue #12): it checks the certificate and says the key was not checked.
      ['no passphrase, validate', ['validate', 'policy.yaml', '--json', ...sign('rsa.pem', 'rsa-trad-enc.key')], {}, 0],
      ['a key of another certificate', ['validate', 'policy.yaml', '--verbose', ...sign('rsa.pem', 'other.key')], withPass, 2],
      ['the key given as the certificate', ['compile', 'policy.yaml', '--out', 'out-bad', ...sign('rsa.key', 'rsa.pem')], withPass, 2],
      ['an encrypted key given as the certificate', ['compile', 'policy.yaml', '--out', 'out-bad', '--json', ...sign('rsa-pkcs8-enc.key', 'rsa-pkcs8-enc.key')], withPass, 2],
      ['the chain given as a key file', ['validate', 'policy.yaml', '--sign-cert', pki.path('rsa.pem'), '--sign-key', pki.path('rsa.key'), '--sign-chain', pki.path('other.key')], withPass, 2],
    ];
    const { numbers, texts } = secrets();
    for (const [name, args, env, code] of runs) {
      const r = run(args, env);
      expect(r.status, `${name}: exit code\n${r.stderr}`).toBe(code);
      const said = r.stdout + r.stderr;
      for (const t of texts) expect(said.includes(t), `${name}: printed a secret`).toBe(false);
    }

    const written = ['out', 'out-json', 'out-ec'].flatMap((o) => files(join(dir, o)));
    expect(written.some((f) => f.includes('/signed/')), 'the signed profiles are there').toBe(true);
    expect(readdirSync(dir).filter((e) => e.startsWith('out-bad')), 'failed compiles wrote nothing').toEqual([]);
    for (const file of written) {
      const bytes = readFileSync(file);
      const blobs = [bytes, ...dataBlobs(bytes)];
      for (const n of numbers) expect(blobs.some((b) => b.includes(n)), `key bytes in ${file}`).toBe(false);
      for (const t of texts) expect(bytes.toString('latin1').includes(t), `secret text in ${file}`).toBe(false);
      expect(/\.(key|pem|p12|pfx)$/.test(file), `a key-like file in the output: ${file}`).toBe(false);
    }
  });
});
