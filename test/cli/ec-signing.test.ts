// Issue #12: an ECDSA (P-256) signature differs on every run. The InstallProfile CommandUUID is
// derived from what was signed and the signer's certificate, so it stays put, and `compile --check`
// right after a compile compares signed files by content and signer, not by their bytes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parsePlist } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { hasOpenssl, makePki, type Pki } from '../helpers/throwaway-pki.js';

const policy = join(import.meta.dirname, '..', '..', 'examples', 'apple-fleets', 'policy.yaml');
const command = 'phones/ios/commands/install-restrictions.plist';

describe.skipIf(!hasOpenssl)('signing with an EC P-256 key (issue #12)', () => {
  let pki: Pki;
  let dir: string;
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, isTTY: false, env: {}, cwd: dir, today: pki.today };
    return { code: await main(argv, io), stdout, stderr };
  };
  const sign = ['--sign-cert', '', '--sign-key', ''];
  const commandOf = (out: string) => parsePlist(readFileSync(join(dir, out, command), 'utf8')) as { CommandUUID: string; Command: { Payload: Buffer } };
  beforeAll(() => {
    pki = makePki();
    dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-ec-'));
    sign[1] = pki.path('ec.pem');
    sign[3] = pki.path('ec.key');
  });
  afterAll(() => {
    rmSync(pki.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same CommandUUIDs on two compiles, though the signatures differ', async () => {
    expect((await run(['compile', policy, '--out', 'a', ...sign])).code).toBe(0);
    expect((await run(['compile', policy, '--out', 'b', ...sign])).code).toBe(0);
    const [a, b] = [commandOf('a'), commandOf('b')];
    expect(Buffer.compare(a.Command.Payload, b.Command.Payload)).not.toBe(0); // ECDSA: a fresh signature each run
    expect(a.CommandUUID).toBe(b.CommandUUID);
  });

  it('finds the folder up to date with compile --check right after a compile', async () => {
    expect((await run(['compile', policy, '--out', 'c', ...sign])).code).toBe(0);
    const check = await run(['compile', policy, '--out', 'c', '--check', ...sign]);
    expect(check.stderr).not.toContain('error');
    expect(check.stdout).toContain('c/ is up to date');
    expect(check.code).toBe(0);
  });

  it('still finds a signed file edited by hand', async () => {
    expect((await run(['compile', policy, '--out', 'd', ...sign])).code).toBe(0);
    const signed = join(dir, 'd', 'phones/ios/signed/restrictions.mobileconfig');
    const bytes = readFileSync(signed);
    bytes[bytes.length - 1]! ^= 1;
    (await import('node:fs')).writeFileSync(signed, bytes);
    const check = await run(['compile', policy, '--out', 'd', '--check', ...sign]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('phones/ios/signed/restrictions.mobileconfig');
  });
});
