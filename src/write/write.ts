import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Artifact } from '../targets/artifact.js';
import { inParallel } from './in-parallel.js';
import { LockedError, withLock } from './lock.js';
import { MANIFEST_PATH, type Manifest } from './manifest.js';

export interface WriteOptions {
  /** How long to wait for another compile writing the same folder (default 30 s). */
  lockTimeoutMs?: number;
}

class ConflictError extends Error {}

/** Files written at once: enough to keep libuv's four threads and the disk busy. */
const WRITES_AT_ONCE = 16;

/**
 * Writes all artifacts or none. The new folder is built beside the old one (the user's own files
 * hard-linked across, the compiler's files from the previous manifest left behind), then swapped
 * in with two renames. Files the compiler did not make are never deleted or overwritten.
 */
export async function writeOutput(outDir: string, artifacts: readonly Artifact[], options: WriteOptions = {}): Promise<Diagnostic[]> {
  const bag = new DiagnosticBag();
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  try {
    await fs.mkdir(parent, { recursive: true });
    await withLock(join(parent, `.${name}.mdm-blocklist.lock`), { timeoutMs: options.lockTimeoutMs ?? 30_000 }, async () => {
      const existing = await fs.lstat(target).catch(() => undefined);
      if (existing && !existing.isDirectory()) throw new ConflictError(`${outDir} exists and is not a folder`);
      const owned = existing ? await ownedPaths(target) : new Set<string>();
      const staging = await fs.mkdtemp(join(parent, `.${name}.tmp-`));
      try {
        if (existing) await carryUserFiles(target, staging, owned, new Set(artifacts.map((a) => a.path)), '');
        const file = (a: Artifact) => join(staging, ...a.path.split('/'));
        for (const folder of new Set(artifacts.map((a) => dirname(file(a))))) await fs.mkdir(folder, { recursive: true });
        await inParallel(artifacts, WRITES_AT_ONCE, (a) => fs.writeFile(file(a), a.bytes));
        if (existing) {
          const old = await fs.mkdtemp(join(parent, `.${name}.old-`));
          await fs.rename(target, join(old, name));
          await fs.rename(staging, target);
          await fs.rm(old, { recursive: true, force: true });
        } else {
          await fs.rename(staging, target);
        }
      } catch (e) {
        await fs.rm(staging, { recursive: true, force: true });
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof LockedError) bag.add('OUTPUT_LOCKED', e.message);
    else if (e instanceof ConflictError) bag.add('OUTPUT_CONFLICT', e.message);
    else bag.add('OUTPUT_IO', `cannot write ${outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return bag.items;
}

/** Paths the previous compile wrote, from its manifest. */
async function ownedPaths(dir: string): Promise<Set<string>> {
  const owned = new Set<string>([MANIFEST_PATH]);
  try {
    const manifest = JSON.parse(await fs.readFile(join(dir, MANIFEST_PATH), 'utf8')) as Manifest;
    if (manifest.generator === 'mdm-blocklist' && Array.isArray(manifest.artifacts)) {
      for (const a of manifest.artifacts) if (typeof a?.path === 'string') owned.add(a.path);
    }
  } catch {
    // No manifest, or not ours: the compiler owns nothing here yet.
  }
  return owned;
}

/**
 * Recreates everything in `from` the compiler does not own inside `to`, by hard links. Folders
 * that held only the compiler's files are not carried, so a removed fleet leaves no empty folder.
 */
async function carryUserFiles(from: string, to: string, owned: Set<string>, incoming: Set<string>, prefix: string): Promise<number> {
  const entries = await fs.readdir(join(from, prefix), { withFileTypes: true });
  if (entries.length === 0 && prefix) {
    await fs.mkdir(join(to, prefix), { recursive: true });
    return 1;
  }
  let carried = 0;
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      carried += await carryUserFiles(from, to, owned, incoming, rel);
      continue;
    }
    if (owned.has(rel)) continue;
    if (incoming.has(rel)) {
      throw new ConflictError(`${rel} in the output folder was not written by mdm-blocklist (it is not in manifest.json); move it away or choose another --out`);
    }
    const src = join(from, rel);
    const dst = join(to, rel);
    await fs.mkdir(dirname(dst), { recursive: true });
    if (entry.isSymbolicLink()) await fs.symlink(await fs.readlink(src), dst);
    else await fs.link(src, dst).catch(() => fs.copyFile(src, dst));
    carried++;
  }
  return carried;
}
