// Issue #12: a question about a policy never needs its signing key. The policy below names an
// encrypted key in apple.signing and no passphrase is set; every question must still answer.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { hasOpenssl, makePki, PASSPHRASE, type Pki } from '../helpers/throwaway-pki.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'apple-fleets', 'policy.yaml');

describe.skipIf(!hasOpenssl)('a policy whose apple.signing key is encrypted, no passphrase set (issue #12)', () => {
  let pki: Pki;
  let dir: string;
  let policy: string;
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, isTTY: false, env: {}, cwd: dir, today: pki.today };
    return { code: await main(argv, io), stdout, stderr };
  };
  beforeAll(() => {
    pki = makePki();
    dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-locked-'));
    copyFileSync(pki.path('rsa.pem'), join(dir, 'signer.pem'));
    copyFileSync(pki.path('rsa-pkcs8-enc.key'), join(dir, 'signer.key'));
    policy = join(dir, 'policy.yaml');
    writeFileSync(policy, `${readFileSync(example, 'utf8')}\napple:\n  signing: { cert: signer.pem, key: signer.key }\n`);
  });
  afterAll(() => {
    rmSync(pki.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('compile still refuses: signing needs the passphrase', async () => {
    const r = await run(['compile', 'policy.yaml', '--out', 'out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SIGN_KEY_ENCRYPTED');
  });

  it.each([
    ['explain', ['explain', 'acme-video', '--policy', 'policy.yaml']],
    ['catalog show', ['catalog', 'show', 'acme-video', '--policy', 'policy.yaml']],
    ['catalog search', ['catalog', 'search', 'acme', '--policy', 'policy.yaml']],
    ['catalog lint', ['catalog', 'lint', 'policy.yaml']],
    ['validate', ['validate', 'policy.yaml']],
    ['plan', ['plan', 'policy.yaml', '--out', 'never-written']],
  ])('%s answers (exit 0) without touching the key', async (_name, argv) => {
    const r = await run(argv);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
  });

  it('plan and compile --check without the passphrase find a folder compiled with it up to date', async () => {
    let stderr = '';
    const io: CliIO = { stdout: () => {}, stderr: (t) => void (stderr += t), color: false, isTTY: false, env: { MDM_BLOCKLIST_SIGN_PASSPHRASE: PASSPHRASE }, cwd: dir, today: pki.today };
    expect(await main(['compile', 'policy.yaml', '--out', 'signed-out'], io), stderr).toBe(0);
    const plan = await run(['plan', 'policy.yaml', '--out', 'signed-out']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes: signed-out/ is up to date.');
    const check = await run(['compile', 'policy.yaml', '--out', 'signed-out', '--check']);
    expect(check.stdout + check.stderr).toContain('signed-out/ is up to date');
    expect(check.code).toBe(0);
  });

  it('compile refuses to write what was built without the key', async () => {
    const { compile, writeOutput } = await import('../../src/index.js');
    const r = await compile(policy, { today: pki.today, preview: true, report: false });
    expect(r.ok).toBe(true);
    expect(r.artifacts.some((a) => a.preview)).toBe(true);
    const written = await writeOutput(join(dir, 'preview-out'), r.artifacts);
    expect(written.map((d) => d.code)).toEqual(['OUTPUT_INVALID']);
  });
});
