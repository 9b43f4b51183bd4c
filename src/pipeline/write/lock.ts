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

/**
 * Writers in this process queue per lock path before they touch the lock file: the file holds a
 * pid, and two holders in one process would write the same one and could not tell each other's
 * lock from a leftover. With the queue, a lock file holding this process's pid is a leftover.
 */
const queues = new Map<string, Promise<void>>();

/**
 * An exclusive lock file beside the output folder, so two compiles into one folder cannot
 * interleave. It holds the owner's pid; a lock whose process no longer exists is taken over.
 */
export async function withLock<T>(lockPath: string, options: LockOptions, body: () => Promise<T>): Promise<T> {
  const before = queues.get(lockPath) ?? Promise.resolve();
  let done!: () => void;
  const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
  queues.set(lockPath, mine);
  await before;
  try {
    return await withFileLock(lockPath, options, body);
  } finally {
    done();
    if (queues.get(lockPath) === mine) queues.delete(lockPath);
  }
}

async function withFileLock<T>(lockPath: string, options: LockOptions, body: () => Promise<T>): Promise<T> {
  const { fs } = options;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await tryCreate(fs, lockPath)) break;
    const holder = await readHolder(fs, lockPath);
    if (holder !== undefined && !alive(holder)) {
      await breakStale(fs, lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new LockedError(lockPath, holder !== undefined ? `pid ${holder}` : 'unknown');
    await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
  }
  try {
    return await body();
  } finally {
    // Should the file outlive us (its removal failed), it is a leftover: stale by its pid.
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
    if (holder !== undefined && !alive(holder)) await fs.rm(breaker, { force: true });
    else await new Promise((r) => setTimeout(r, 5));
    return;
  }
  try {
    if ((await readHolder(fs, lockPath)) === deadPid) await fs.rm(lockPath, { force: true });
  } finally {
    await fs.rm(breaker, { force: true }).catch(() => undefined);
  }
}

/** Whether a lock's holder still runs. Our own pid is a leftover: this process's writers queue. */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
