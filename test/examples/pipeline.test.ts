import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';
import { missing } from '../helpers/prerequisite.js';

/** examples/pipeline/ci.sh, run as a CI job would: from a copy of the folder, with the built CLI. */
const example = resolve(import.meta.dirname, '../../examples/pipeline');
const SECRET = 'not-a-real-key-3f9a';
const TOKEN = 'ya29.not-a-real-token';

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-pipeline-'));
  cpSync(example, dir, { recursive: true });
  return dir;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so a server in this process can answer the script's requests. */
function ci(dir: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile('sh', [join(dir, 'ci.sh'), ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: dir, MDM_BLOCKLIST: `${process.execPath} ${cliPath}`, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** One local HTTP server standing in for NanoMDM, KMFDDM and AMAPI; it records every request. */
async function fakeApis() {
  const requests: { method: string; url: string; auth: string; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '', body });
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { artifacts: { path: string; kind: string }[] };

describe('examples/pipeline/ci.sh', () => {
  it('check: passes while out/ is current, fails (exit 1) once the policy changes without a recompile', async () => {
    const dir = copy();
    const ok = await ci(dir, ['check']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid \(0 errors/);
    expect(ok.stdout).toMatch(/out\/ is up to date/);

    writeFileSync(join(dir, 'policy.yaml'), readFileSync(join(dir, 'policy.yaml'), 'utf8').replace('    - id: quick-chat\n', '    - id: quick-chat\n    - id: snoop-vpn\n'));
    const stale = await ci(dir, ['check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/out\/ is out of date/);

    const broken = copy();
    writeFileSync(join(broken, 'policy.yaml'), 'version: 1\nid: com.example.x\nname: X\nblock:\n  apps: [{ id: nowhere }]\n');
    expect((await ci(broken, ['check'])).code).toBe(1);
  });

  it('refuses an unknown step with exit 2', async () => {
    expect((await ci(copy(), ['ship-it'])).code).toBe(2);
  });

  it('deploy, dry run: shows a request for every artifact an MDM takes, with secrets as $NAMES', async () => {
    const dir = copy();
    const run = await ci(dir, ['deploy'], { DRY_RUN: '1', NANOMDM_API_KEY: SECRET, AMAPI_TOKEN: TOKEN });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stdout).toContain('$NANOMDM_API_KEY');
    expect(run.stdout).toContain('Bearer $AMAPI_TOKEN');
    for (const a of manifest(dir).artifacts.filter((x) => x.kind.startsWith('apple-') || x.kind.startsWith('amapi-'))) {
      expect(run.stdout, a.path).toContain(`# ${a.path}:`);
    }
  });

  const haveCurl = !missing('curl', spawnSync('curl', ['--version']).status === 0);
  it.skipIf(!haveCurl)('deploy: sends each artifact to NanoMDM, KMFDDM and AMAPI with the credentials from the environment', async () => {
    const { base, requests, server } = await fakeApis();
    const env = {
      NANOMDM_URL: base,
      NANOMDM_API_KEY: SECRET,
      NANOMDM_ENROLLMENT_IDS: 'UDID-1,UDID-2',
      KMFDDM_URL: `${base}/ddm`,
      KMFDDM_API_KEY: SECRET,
      KMFDDM_SET: 'blocklist',
      KMFDDM_ENROLLMENT_IDS: 'UDID-1,UDID-2',
      AMAPI_URL: `${base}/amapi/v1`,
      AMAPI_TOKEN: TOKEN,
      AMAPI_ENTERPRISE: 'LC0123abcd',
    };
    try {
      const dir = copy();
      const run = await ci(dir, ['deploy'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain(SECRET);
      const artifacts = manifest(dir).artifacts;
      const ofKind = (kind: string) => artifacts.filter((a) => a.kind === kind).map((a) => readFileSync(join(dir, 'out', a.path), 'utf8'));

      // Every command plist, each with a fresh CommandUUID (the committed one was queued before).
      const nano = requests.filter((r) => r.url.startsWith('/v1/enqueue/'));
      const commands = ofKind('apple-command');
      expect(commands.length).toBeGreaterThan(0);
      expect(nano).toHaveLength(commands.length);
      const uuid = (plist: string) => /<key>CommandUUID<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)![1]!;
      const requestType = (plist: string) => /<key>RequestType<\/key>\s*<string>(\w+)<\/string>/.exec(plist)![1]!;
      for (const r of nano) expect(r).toMatchObject({ method: 'PUT', url: '/v1/enqueue/UDID-1,UDID-2', auth: `Basic ${Buffer.from(`nanomdm:${SECRET}`).toString('base64')}` });
      expect(nano.map((r) => requestType(r.body)).sort()).toEqual(commands.map(requestType).sort());
      for (const r of nano) expect(commands.map(uuid)).not.toContain(uuid(r.body));
      expect(nano.every((r) => /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/.test(uuid(r.body)))).toBe(true);

      // Each declaration stored as it is and put in the set, then the enrollments put in the set.
      const ddm = requests.filter((r) => r.url.startsWith('/ddm/'));
      for (const r of ddm) expect(r.auth).toBe(`Basic ${Buffer.from(`kmfddm:${SECRET}`).toString('base64')}`);
      const declarations = ofKind('apple-declaration').map((d) => JSON.parse(d) as { Identifier: string });
      expect(declarations.length).toBeGreaterThan(0);
      expect(ddm.filter((r) => r.url === '/ddm/v1/declarations').map((r) => JSON.parse(r.body))).toEqual(declarations);
      expect(ddm.filter((r) => r.url.startsWith('/ddm/v1/set-declarations/')).map((r) => r.url)).toEqual(
        declarations.map((d) => `/ddm/v1/set-declarations/blocklist?declaration=${d.Identifier}`),
      );
      expect(ddm.slice(-2).map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /ddm/v1/enrollment-sets/UDID-1?set=blocklist', 'PUT /ddm/v1/enrollment-sets/UDID-2?set=blocklist']);

      // Only the blocklist's part of each Android policy: its entries. The fleet has no base
      // policy, so no patch: it would set the store mode of a policy nobody has seen (issue #13).
      const amapi = requests.filter((r) => r.url.startsWith('/amapi/'));
      for (const r of amapi) expect(r.auth).toBe(`Bearer ${TOKEN}`);
      const field = '/amapi/v1/enterprises/LC0123abcd/policies/field';
      expect(amapi.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual([`POST ${field}:modifyPolicyApplications`]);
      expect(JSON.parse(amapi[0]!.body).changes.length).toBeGreaterThan(0);

      // Or the whole policy, when the pipeline owns it.
      requests.length = 0;
      expect((await ci(dir, ['deploy'], { ...env, AMAPI_SEND: 'policy' })).code).toBe(0);
      const whole = requests.filter((r) => r.url.startsWith('/amapi/'));
      expect(whole.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH ${field}`]);
      expect(JSON.parse(whole[0]!.body)).toEqual(JSON.parse(readFileSync(join(dir, 'out', 'field', 'android', 'policy.json'), 'utf8')));
    } finally {
      server.close();
    }
  });
});
