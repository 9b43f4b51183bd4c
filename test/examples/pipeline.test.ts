import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';

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

  const haveCurl = spawnSync('curl', ['--version']).status === 0;
  it.skipIf(!haveCurl)('deploy: sends each artifact to NanoMDM and AMAPI with the credentials from the environment', async () => {
    const { base, requests, server } = await fakeApis();
    try {
      const dir = copy();
      const run = await ci(dir, ['deploy'], {
        NANOMDM_URL: base,
        NANOMDM_API_KEY: SECRET,
        NANOMDM_ENROLLMENT_IDS: 'UDID-1,UDID-2',
        AMAPI_URL: `${base}/amapi/v1`,
        AMAPI_TOKEN: TOKEN,
        AMAPI_ENTERPRISE: 'LC0123abcd',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain(SECRET);

      const nano = requests.filter((r) => r.url.startsWith('/v1/enqueue/'));
      expect(nano.length).toBeGreaterThan(0);
      for (const r of nano) {
        expect(r).toMatchObject({ method: 'PUT', url: '/v1/enqueue/UDID-1,UDID-2', auth: `Basic ${Buffer.from(`nanomdm:${SECRET}`).toString('base64')}` });
        expect(r.body).toMatch(/<key>CommandUUID<\/key>\s*<string>[0-9A-F-]{36}<\/string>/);
      }
      expect(nano.map((r) => /<key>RequestType<\/key>\s*<string>(\w+)<\/string>/.exec(r.body)![1])).toContain('InstallProfile');

      // Only the blocklist's part of each Android policy: its entries first, then the fields it owns.
      const amapi = requests.filter((r) => r.url.startsWith('/amapi/'));
      for (const r of amapi) expect(r.auth).toBe(`Bearer ${TOKEN}`);
      const field = '/amapi/v1/enterprises/LC0123abcd/policies/field';
      expect(amapi.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual([`POST ${field}:modifyPolicyApplications`, `PATCH ${field}`]);
      expect(JSON.parse(amapi[0]!.body).changes.length).toBeGreaterThan(0);
      expect(amapi[1]!.url).toMatch(/\?updateMask=[\w.,]*playStoreMode/);
      expect(JSON.parse(amapi[1]!.body)).toMatchObject({ playStoreMode: 'BLACKLIST' });

      // Or the whole policy, when the pipeline owns it.
      requests.length = 0;
      expect((await ci(dir, ['deploy'], { AMAPI_SEND: 'policy', AMAPI_URL: `${base}/amapi/v1`, AMAPI_TOKEN: TOKEN, AMAPI_ENTERPRISE: 'LC0123abcd', NANOMDM_URL: base, NANOMDM_API_KEY: SECRET, NANOMDM_ENROLLMENT_IDS: 'UDID-1' })).code).toBe(0);
      const whole = requests.filter((r) => r.url.startsWith('/amapi/'));
      expect(whole.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH ${field}`]);
      expect(JSON.parse(whole[0]!.body)).toEqual(JSON.parse(readFileSync(join(dir, 'out', 'field', 'android', 'policy.json'), 'utf8')));
    } finally {
      server.close();
    }
  });

  it.skipIf(!haveCurl)('deploy: re-sends command plists with a fresh CommandUUID and stores DDM declarations in a KMFDDM set', async () => {
    const { base, requests, server } = await fakeApis();
    try {
      // An output folder as the Apple targets write it: a profile with its InstallProfile command,
      // a RemoveApplication command, and a declaration with its activation.
      const dir = copy();
      const out = join(dir, 'out');
      const command = (type: string, uuid: string) =>
        `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>Command</key>\n\t<dict>\n\t\t<key>RequestType</key>\n\t\t<string>${type}</string>\n\t</dict>\n\t<key>CommandUUID</key>\n\t<string>${uuid}</string>\n</dict>\n</plist>\n`;
      const files: Record<string, [string, string]> = {
        'phones/ios/restrictions.mobileconfig': ['apple-profile', '<plist version="1.0"><dict/></plist>\n'],
        'phones/ios/commands/install-restrictions.plist': ['apple-command', command('InstallProfile', 'FIXED-INSTALL')],
        'phones/ios/commands/remove-com.example.quickchat.plist': ['apple-command', command('RemoveApplication', 'FIXED-REMOVE')],
        'phones/ios/ddm/activation.json': ['apple-declaration', JSON.stringify({ Type: 'com.apple.activation.simple', Identifier: 'com.example.pipeline.phones.ios.activation', ServerToken: 't', Payload: {} })],
        'phones/ios/ddm/app-settings.json': ['apple-declaration', JSON.stringify({ Type: 'com.apple.configuration.app.settings', Identifier: 'com.example.pipeline.phones.ios.app-settings', ServerToken: 't', Payload: {} })],
      };
      for (const [path, [, body]] of Object.entries(files)) {
        mkdirSync(join(out, path, '..'), { recursive: true });
        writeFileSync(join(out, path), body);
      }
      writeFileSync(join(out, 'manifest.json'), JSON.stringify({ format: 1, generator: 'mdm-blocklist', artifacts: Object.entries(files).sort().map(([path, [kind]]) => ({ path, kind, fleet: 'phones', platform: 'ios', sha256: '', size: 0 })) }));

      const run = await ci(dir, ['deploy'], {
        NANOMDM_URL: base,
        NANOMDM_API_KEY: SECRET,
        NANOMDM_ENROLLMENT_IDS: 'UDID-1',
        KMFDDM_URL: `${base}/ddm`,
        KMFDDM_API_KEY: SECRET,
        KMFDDM_SET: 'blocklist',
        KMFDDM_ENROLLMENT_IDS: 'UDID-1,UDID-2',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('# phones/ios/restrictions.mobileconfig: sent by its InstallProfile command');

      const nano = requests.filter((r) => r.url.startsWith('/v1/enqueue/'));
      expect(nano.map((r) => /<string>(InstallProfile|RemoveApplication)<\/string>/.exec(r.body)![1])).toEqual(['InstallProfile', 'RemoveApplication']);
      for (const r of nano) {
        expect(r.body).not.toMatch(/FIXED-/);
        expect(r.body).toMatch(/<key>CommandUUID<\/key>\n\t<string>[0-9A-F]{8}-[0-9A-F-]{27}<\/string>/);
      }

      const ddm = requests.filter((r) => r.url.startsWith('/ddm/'));
      for (const r of ddm) expect(r.auth).toBe(`Basic ${Buffer.from(`kmfddm:${SECRET}`).toString('base64')}`);
      expect(ddm.map((r) => `${r.method} ${r.url}`)).toEqual([
        'PUT /ddm/v1/declarations',
        'PUT /ddm/v1/set-declarations/blocklist?declaration=com.example.pipeline.phones.ios.activation',
        'PUT /ddm/v1/declarations',
        'PUT /ddm/v1/set-declarations/blocklist?declaration=com.example.pipeline.phones.ios.app-settings',
        'PUT /ddm/v1/enrollment-sets/UDID-1?set=blocklist',
        'PUT /ddm/v1/enrollment-sets/UDID-2?set=blocklist',
      ]);
      expect(JSON.parse(ddm[2]!.body).Type).toBe('com.apple.configuration.app.settings');
    } finally {
      server.close();
    }
  });
});
