import { promises } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The file operations the writer and its lock use. Production passes Node's; the atomic-write
 * tests pass one that fails, or stops the process, at a chosen step.
 */
export type WriteFs = Pick<
  typeof promises,
  'chmod' | 'chown' | 'copyFile' | 'link' | 'lstat' | 'mkdir' | 'mkdtemp' | 'open' | 'readdir' | 'readFile' | 'readlink' | 'rename' | 'rm' | 'symlink' | 'writeFile'
>;

export const nodeWriteFs: WriteFs = promises;

/**
 * Flushes a folder's entries to disk, so a rename survives a power cut. Some systems (Windows)
 * cannot open a folder for this; there it is skipped, not an error.
 */
export async function syncDir(fs: WriteFs, dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

/** Writes a new file (never through an existing one) and flushes it before returning. */
export async function writeNewFile(fs: WriteFs, path: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes a folder and the folders above it that are missing, trying each once. Node's recursive
 * mkdir retries a folder that keeps answering ENOENT though its parent exists (a path under
 * /proc/self/), and spins there forever.
 */
export async function makeFolders(fs: WriteFs, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw e;
    await makeFolders(fs, dirname(dir));
    await fs.mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
