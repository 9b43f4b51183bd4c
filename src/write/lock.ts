import { promises as fs } from 'node:fs';

export interface LockOptions {
  /** How long to wait for another compile to finish with the folder. */
  timeoutMs: number;
  pollMs?: number;
}

export class LockedError extends Error {
  constructor(readonly lockPath: string, readonly holder: string) {
    super(`another mdm-blocklist process (${holder}) is writing this output folder; lock file ${lockPath}`);
  }
}

/**
 * An exclusive lock file beside the output folder, so two compiles into one folder cannot
 * interleave. A lock left by a process that no longer exists is taken over.
 */
export async function withLock<T>(lockPath: string, options: LockOptions, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = (await fs.readFile(lockPath, 'utf8').catch(() => '')).trim();
      if (holder && !alive(Number(holder))) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new LockedError(lockPath, holder ? `pid ${holder}` : 'unknown');
      await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
    }
  }
  try {
    return await body();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
