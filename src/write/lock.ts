import type { WriteFs } from './write-fs.js';

export interface LockOptions {
  fs: WriteFs;
  /** How long to wait for another compile to finish with the folder. */
  timeoutMs: number;
  pollMs?: number;
}

export class LockedError extends Error {
  constructor(readonly lockPath: string, readonly holder: string) {
    super(`another mdm-blocklist process (${holder}) is writing this output folder; lock file ${lockPath}`);
  }
}

/** Lock files this process holds right now; one with our pid that is not here is a leftover. */
const held = new Set<string>();

/**
 * An exclusive lock file beside the output folder, so two compiles into one folder cannot
 * interleave. It holds the owner's pid; a lock whose process no longer exists is taken over.
 */
export async function withLock<T>(lockPath: string, options: LockOptions, body: () => Promise<T>): Promise<T> {
  const { fs } = options;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await tryCreate(fs, lockPath)) break;
    const holder = await readHolder(fs, lockPath);
    if (holder !== undefined && !alive(holder, lockPath)) {
      await breakStale(fs, lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new LockedError(lockPath, holder !== undefined ? `pid ${holder}` : 'unknown');
    await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
  }
  held.add(lockPath);
  try {
    return await body();
  } finally {
    held.delete(lockPath);
    // Should the lock file outlive us, it is stale: by its pid once this process has ended,
    // by `held` while it runs.
    await fs.rm(lockPath, { force: true }).catch(() => undefined);
  }
}


async function tryCreate(fs: WriteFs, path: string): Promise<boolean> {
  try {
    await fs.writeFile(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** The pid in a lock file; undefined while it is being written or when it is gone. */
async function readHolder(fs: WriteFs, path: string): Promise<number | undefined> {
  const text = await fs.readFile(path, 'utf8').catch(() => '');
  return /^\d+\n$/.test(text) ? Number(text) : undefined;
}

/**
 * Removes a dead process's lock. Two waiters can see the same dead pid; if both simply deleted
 * the file, the slower one could delete the lock the faster one has just created. So removal
 * happens under a second, short-lived lock, after reading the holder again.
 */
async function breakStale(fs: WriteFs, lockPath: string, deadPid: number): Promise<void> {
  const breaker = `${lockPath}.break`;
  if (!(await tryCreate(fs, breaker))) {
    // Held only for a read and a delete; a breaker left by a process that died in between
    // is removed so the lock does not stay stuck.
    const holder = await readHolder(fs, breaker);
    if (holder !== undefined && !alive(holder, breaker)) await fs.rm(breaker, { force: true });
    else await new Promise((r) => setTimeout(r, 5));
    return;
  }
  held.add(breaker);
  try {
    if ((await readHolder(fs, lockPath)) === deadPid) await fs.rm(lockPath, { force: true });
  } finally {
    held.delete(breaker);
    await fs.rm(breaker, { force: true }).catch(() => undefined);
  }
}

function alive(pid: number, lockPath: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return held.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
