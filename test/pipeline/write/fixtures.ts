import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { compileText, type Artifact } from '../../../src/index.js';
import { TODAY } from '../../helpers/compile.js';

/** Two fleets: alpha (iOS and Android) and beta (iOS). */
export const POLICY_A = `version: 1
id: org.example.atomic
name: Atomic A
fleets:
  alpha: { ios: {}, android: { mode: fully-managed } }
  beta: { ios: {} }
block:
  apps:
    - { id: tiktok, name: TikTok, ios: { bundleId: com.zhiliaoapp.musically }, android: { package: com.zhiliaoapp.musically } }
`;

/** Only alpha, blocking something else: compiling B over A removes beta/. */
export const POLICY_B = `version: 1
id: org.example.atomic
name: Atomic B
fleets:
  alpha: { ios: {}, android: { mode: fully-managed } }
block:
  apps:
    - { id: wechat, name: WeChat, ios: { bundleId: com.tencent.xin }, android: { package: com.tencent.mm } }
`;

export async function artifactsOf(policy: string): Promise<Artifact[]> {
  const result = await compileText(policy, { today: TODAY, baseDir: '/nonexistent' });
  if (!result.ok) throw new Error(`fixture does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.artifacts;
}

/** The files a user keeps in the output folder, which every compile must keep. */
export const USER_FILES = {
  'README.txt': 'notes by the admin\n',
  'alpha/ios/notes.md': 'pushed on Monday\n',
  'beta/extra/keep.txt': 'kept after beta is gone\n',
};

/** A pid that belonged to a process and is now free: what a crashed compile leaves in its lock. */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** Makes a fresh temporary folder per call; each is removed after the test that made it. */
export function temporaryFolders(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
