import { basename, dirname, join } from 'node:path';
import { writeNewFile, type WriteFs } from './write-fs.js';

export interface LockOptions {
  fs: WriteFs;
  /** How long to wait for another compile to finish with the folder. */
  timeoutMs: number;
  pollMs?: number;
  /** Stops waiting for another compile's lock (the process was told to stop). */
  signal?: AbortSignal;
}

/**
 * How old a lock file without a readable pid must be before it is taken over. The protocol below
 * never leaves such a lock (its contents appear at once), so one is the leftover of a crash in an
 * older version, a full disk, or a hand edit; the wait only lets an older writer finish its write.
 */
export const EMPTY_LOCK_STALE_MS = 10_000;

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
 * interleave. It holds the owner's pid; a lock whose process no longer exists is taken over, and
 * so is one without a readable pid once it is EMPTY_LOCK_STALE_MS old.
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
    if (await isStale(fs, lockPath, holder)) {
      await breakStale(fs, lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new LockedError(lockPath, holderText(holder));
    options.signal?.throwIfAborted();
    await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
  }
  try {
    // Under the lock, no other writer of this folder is between writing and linking its draft.
    await removeDeadDrafts(fs, lockPath);
    return await body();
  } finally {
    // Should the file outlive us (its removal failed), it is a leftover: stale by its pid.
    await fs.rm(lockPath, { force: true }).catch(() => undefined);
  }
}

/** What a lock file says about its holder: a pid, or why there is none. */
type Holder = { pid: number } | { missing: true } | { unreadable: string };

function holderText(holder: Holder): string {
  if ('pid' in holder) return `pid ${holder.pid}`;
  if ('missing' in holder) return 'unknown';
  return `unknown: the lock file ${holder.unreadable}; it is taken over once ${EMPTY_LOCK_STALE_MS / 1000} seconds old`;
}

/** The draft a process writes its lock's contents to before linking it into place. */
const draftPath = (lockPath: string, pid: number) => `${lockPath}.${pid}.draft`;

/**
 * Creates the lock with its contents in one step: the pid goes into a draft file, flushed, which
 * is then hard-linked to the lock's name (a link fails if the name exists, like O_EXCL, and the
 * file appears whole). Where the file system has no hard links, the lock is written in place:
 * should that write be cut short, the empty lock goes stale by age.
 */
async function tryCreate(fs: WriteFs, path: string): Promise<boolean> {
  const bytes = Buffer.from(`${process.pid}\n`);
  const draft = draftPath(path, process.pid);
  await fs.rm(draft, { force: true });
  try {
    await writeNewFile(fs, draft, bytes);
  } catch (e) {
    // A full disk: nothing of ours stays behind.
    await fs.rm(draft, { force: true }).catch(() => undefined);
    throw e;
  }
  try {
    await fs.link(draft, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createInPlace(fs, path, bytes);
    throw e;
  } finally {
    // A draft that cannot be removed now is removed under the lock, by us or the next writer.
    await fs.rm(draft, { force: true }).catch(() => undefined);
  }
}

async function createInPlace(fs: WriteFs, path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    await writeNewFile(fs, path, bytes);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** The pid in a lock file, or why there is none. */
async function readHolder(fs: WriteFs, path: string): Promise<Holder> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { missing: true } : { unreadable: `cannot be read (${code ?? 'error'})` };
  }
  if (/^\d+\n$/.test(text)) return { pid: Number(text) };
  return { unreadable: text === '' ? 'is empty' : 'holds no pid' };
}

/** A lock of a process that no longer runs, or one without a pid that is old enough. */
async function isStale(fs: WriteFs, lockPath: string, holder: Holder): Promise<boolean> {
  if ('pid' in holder) return !alive(holder.pid);
  if ('missing' in holder) return false; // released just now: the next try takes it
  const stat = await fs.lstat(lockPath).catch(() => undefined);
  return stat !== undefined && Date.now() - stat.mtimeMs >= EMPTY_LOCK_STALE_MS;
}

/**
 * Removes a stale lock. Two waiters can see the same stale lock; if both simply deleted the
 * file, the slower one could delete the lock the faster one has just created. So removal happens
 * under a second, short-lived lock, after checking the lock is still the same stale one.
 */
async function breakStale(fs: WriteFs, lockPath: string, seen: Holder): Promise<void> {
  const breaker = `${lockPath}.break`;
  if (!(await tryCreate(fs, breaker))) {
    // Held only for a read and a delete; a breaker left by a process that died in between
    // (or one without a pid, once old) is removed so the lock does not stay stuck.
    const holder = await readHolder(fs, breaker);
    if (await isStale(fs, breaker, holder)) await fs.rm(breaker, { force: true });
    else await new Promise((r) => setTimeout(r, 5));
    return;
  }
  try {
    const now = await readHolder(fs, lockPath);
    if (JSON.stringify(now) === JSON.stringify(seen) && (await isStale(fs, lockPath, now))) await fs.rm(lockPath, { force: true });
  } finally {
    await fs.rm(breaker, { force: true }).catch(() => undefined);
  }
}

/** Drafts (of the lock and its breaker) left by processes that died before removing them. */
async function removeDeadDrafts(fs: WriteFs, lockPath: string): Promise<void> {
  const prefix = basename(lockPath);
  const draft = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.break)?\\.(\\d+)\\.draft$`);
  const entries = await fs.readdir(dirname(lockPath)).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = draft.exec(entry)?.[1];
    if (pid !== undefined && !alive(Number(pid))) await fs.rm(join(dirname(lockPath), entry), { force: true }).catch(() => undefined);
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
