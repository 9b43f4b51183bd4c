// The CLI's signing flags and CommandUUID salt; the passphrase comes from the environment only.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { hasOpenssl, makePki, PASSPHRASE, type Pki } from '../helpers/throwaway-pki.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'apple-fleets');
const policy = join(example, 'policy.yaml');

function run(argv: string[], env: Record<string, string> = {}, today = '2026-06-01') {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, isTTY: false, env, cwd: process.cwd(), today };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

describe.skipIf(!hasOpenssl)('compile --sign-*', () => {
  let pki: Pki;
  let out: string;
  beforeAll(() => {
    pki = makePki();
    out = mkdtempSync(join(tmpdir(), 'mdm-blocklist-cli-'));
  });
  afterAll(() => {
    rmSync(pki.dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('writes unsigned and signed profiles, reading the passphrase from the environment', async () => {
    const dir = join(out, 'signed');
    const r = await run(['compile', policy, '--out', dir, '--sign-cert', pki.path('rsa.pem'), '--sign-key', pki.path('rsa-pkcs8-enc.key')], { MDM_BLOCKLIST_SIGN_PASSPHRASE: PASSPHRASE }, pki.today);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('error');
    expect(existsSync(join(dir, 'phones/ios/restrictions.mobileconfig'))).toBe(true);
    expect(readFileSync(join(dir, 'phones/ios/signed/restrictions.mobileconfig'))[0]).toBe(0x30); // DER SEQUENCE
    expect(r.stdout + r.stderr).not.toContain(PASSPHRASE);
  });

  it('exits 2 and writes nothing when the key does not match', async () => {
    const dir = join(out, 'mismatch');
    const r = await run(['compile', policy, '--out', dir, '--sign-cert', pki.path('rsa.pem'), '--sign-key', pki.path('other.key')], {}, pki.today);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SIGN_KEY_MISMATCH');
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 2 for an encrypted key without MDM_BLOCKLIST_SIGN_PASSPHRASE', async () => {
    const r = await run(['compile', policy, '--out', join(out, 'locked'), '--sign-cert', pki.path('rsa.pem'), '--sign-key', pki.path('rsa-trad-enc.key')], {}, pki.today);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SIGN_KEY_ENCRYPTED');
    expect(existsSync(join(out, 'locked'))).toBe(false);
  });

  it('validates without the passphrase, saying the key was not checked (issue #12)', async () => {
    const r = await run(['validate', policy, '--verbose', '--sign-cert', pki.path('rsa.pem'), '--sign-key', pki.path('rsa-trad-enc.key')], {}, pki.today);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('info SIGN_KEY_NOT_CHECKED');
  });
});

describe('compile flags', () => {
  it('refuses a key without a certificate', async () => {
    const r = await run(['compile', policy, '--sign-key', 'k.pem']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sign-cert');
  });

  it('has no flag for the passphrase', async () => {
    expect((await run(['compile', policy, '--sign-passphrase', 'x'])).code).toBe(2);
  });

  it('salts CommandUUIDs with --command-uuid-salt', async () => {
    const base = mkdtempSync(join(tmpdir(), 'mdm-blocklist-salt-'));
    try {
      const uuid = (dir: string) => /<key>CommandUUID<\/key>\s*<string>([^<]+)</.exec(readFileSync(join(dir, 'phones/ios/commands/remove-com.acme.chat.plist'), 'utf8'))![1];
      expect((await run(['compile', policy, '--out', join(base, 'a'), '-q'])).code).toBe(0);
      expect((await run(['compile', policy, '--out', join(base, 'b'), '-q', '--command-uuid-salt', 'ci-run-7'])).code).toBe(0);
      expect(uuid(join(base, 'b'))).not.toBe(uuid(join(base, 'a')));
      expect(uuid(join(base, 'a'))).toBe(uuid(join(example, 'out')));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
