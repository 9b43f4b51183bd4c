import { kindInWords, readRegular, type EntryKind } from '../../common/read-regular.js';
import { MAX_OUTPUT_FILE_BYTES } from '../../output-folder/folder.js';
import { basename, dirname, join, resolve } from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import type { Artifact } from '../targets/artifact.js';
import { isPlainRelativePath } from '../../output-folder/artifact-path.js';
import { inParallel } from './in-parallel.js';
import { LockedError, withLock } from './lock.js';
import { MANIFEST_PATH, parseManifest } from '../../output-folder/manifest.js';
import { makeFolders, nodeWriteFs, syncDir, writeNewFile, type WriteFs } from './write-fs.js';

export interface WriteOptions {
  /** How long to wait for another compile writing the same folder (default 30 s). */
  lockTimeoutMs?: number;
  /** The file operations to use (default: Node's); tests inject failures here. */
  fs?: WriteFs;
  /**
   * Once aborted, the write stops before the old folder is swapped out (waiting for the lock
   * included) and leaves the folder as it was; after that point it finishes.
   */
  signal?: AbortSignal;
}

class StoppedError extends Error {}

class ConflictError extends Error {}
class InvalidPathError extends Error {}

/** What lives beside the output folder while the compiler works, named after it. */
export function besideNames(name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    lock: `.${name}.mdm-blocklist.lock`,
    staging: `.${name}.tmp-`,
    old: `.${name}.old-`,
    // mkdtemp adds six characters; matching them exactly keeps other folders' leftovers apart.
    isStaging: (entry: string) => new RegExp(`^\\.${escaped}\\.tmp-[A-Za-z0-9]{6}$`).test(entry),
    isOld: (entry: string) => new RegExp(`^\\.${escaped}\\.old-[A-Za-z0-9]{6}$`).test(entry),
  };
}

/** Files written at once: enough to keep libuv's four threads and the disk busy. */
const WRITES_AT_ONCE = 16;

/**
 * Writes all artifacts or none. The new folder is built beside the old one (the user's own files
 * hard-linked across, the compiler's files from the previous manifest left behind), every file
 * and folder flushed to disk, then swapped in with two renames. Files the compiler did not make
 * are never deleted or overwritten. A compile that died part-way is cleaned up by the next one:
 * if it died between the two renames, the previous output is put back.
 */
export async function writeOutput(outDir: string, artifacts: readonly Artifact[], options: WriteOptions = {}): Promise<Diagnostic[]> {
  const bag = new DiagnosticBag();
  const fs = options.fs ?? nodeWriteFs;
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  const names = besideNames(name);
  let ownerKept = true;
  try {
    checkPaths(artifacts);
    if (target === parent) throw new ConflictError(`${outDir} is the root of the file system; choose a folder for the output`);
    await makeFolders(fs, parent);
    const stopIfAsked = () => {
      if (options.signal?.aborted) throw new StoppedError(`stopped before ${outDir} was replaced; the folder is as it was`);
    };
    stopIfAsked();
    const lockOptions = { fs, timeoutMs: options.lockTimeoutMs ?? 30_000, ...(options.signal && { signal: options.signal }) };
    await withLock(join(parent, names.lock), lockOptions, async () => {
      await recoverLeftovers(fs, parent, name);
      const existing = await fs.lstat(target).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      if (existing?.isSymbolicLink()) throw new ConflictError(`${outDir} is a symbolic link; give --out the real folder it points to`);
      if (existing && !existing.isDirectory()) throw new ConflictError(`${outDir} exists and is not a folder`);
      const owned = existing ? await ownedPaths(fs, target) : new Set<string>();
      const kept = existing ? await alreadyWritten(fs, target, artifacts, owned) : new Set<string>();
      // Every file already holds these bytes and nothing else of ours is there: the folder is
      // left as it is (mtimes too, for tools that sync by them).
      if (kept.size === artifacts.length && owned.size === artifacts.length) return;
      // The new folder is made inside a private one (mkdtemp's is mode 0700), so it gets the
      // mode a folder made here would get, and the group of a setgid parent.
      const stagingRoot = await fs.mkdtemp(join(parent, names.staging));
      const staging = join(stagingRoot, name);
      try {
        await fs.mkdir(staging);
        const folders: FolderModes = new Map();
        if (existing) {
          // Owner and group first, so the folders made inside inherit a setgid group.
          folders.set('', existing);
          ownerKept &&= await keepMode(fs, staging, { ...existing, mode: existing.mode | 0o700 });
          await carryUserFiles(fs, target, staging, owned, incomingPaths(artifacts), '', folders);
        }
        const file = (a: Artifact) => join(staging, ...a.path.split('/'));
        for (const folder of new Set(artifacts.map((a) => dirname(file(a))))) await fs.mkdir(folder, { recursive: true });
        // An unchanged file is linked across, not rewritten: its bytes are on disk already.
        await inParallel(artifacts, WRITES_AT_ONCE, (a) => (kept.has(a.path) ? fs.link(join(target, ...a.path.split('/')), file(a)).catch(() => writeNewFile(fs, file(a), a.bytes)) : writeNewFile(fs, file(a), a.bytes)));
        ownerKept &&= await restoreModes(fs, staging, folders);
        await syncTree(fs, staging);
        // The last point at which stopping leaves the old folder: from here the swap finishes.
        stopIfAsked();
        if (existing) await swapIn(fs, staging, target, await fs.mkdtemp(join(parent, names.old)));
        else await fs.rename(staging, target);
        // The new output is in place: failing to flush the parent or to tidy up is not a failed write.
        await syncDir(fs, parent).catch(() => undefined);
      } finally {
        await fs.rm(stagingRoot, { recursive: true, force: true }).catch(() => undefined);
      }
    });
    if (!ownerKept) {
      bag.add('OUTPUT_OWNER_CHANGED', `${outDir} (or a folder of yours in it) could not keep its owner or group: only root can give a folder to another user, so the new one belongs to whoever compiled`);
    }
  } catch (e) {
    if (e instanceof LockedError) bag.add('OUTPUT_LOCKED', e.message);
    else if (e instanceof StoppedError || (options.signal?.aborted && e === options.signal.reason)) bag.add('OUTPUT_IO', `stopped before ${outDir} was replaced; the folder is as it was`);
    else if (e instanceof ConflictError) bag.add('OUTPUT_CONFLICT', e.message);
    else if (e instanceof InvalidPathError) bag.add('OUTPUT_INVALID', e.message);
    else bag.add('OUTPUT_IO', ioMessage(outDir, e));
  }
  return bag.items;
}

/**
 * Moves the current folder into `old` and the staged one into its place. On failure the current
 * folder goes back; should even that fail, recoverLeftovers puts it back on the next compile.
 * Once swapped, the folder moved aside is removed (or, failing that, by the next compile).
 */
async function swapIn(fs: WriteFs, staging: string, target: string, old: string): Promise<void> {
  const aside = join(old, basename(target));
  try {
    await fs.rename(target, aside);
  } catch (e) {
    await fs.rm(old, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  try {
    await fs.rename(staging, target);
  } catch (e) {
    await fs
      .rename(aside, target)
      .then(() => fs.rm(old, { recursive: true, force: true }))
      .catch(() => undefined);
    throw e;
  }
  await fs.rm(old, { recursive: true, force: true }).catch(() => undefined);
}

function ioMessage(outDir: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? err.message;
  return `cannot write ${outDir}: ${code}${err.syscall ? ` (${err.syscall}${err.path ? ` ${err.path}` : ''})` : ''}; the folder is as it was`;
}

/** Artifact paths are relative, forward-slashed and stay inside the folder: a defect otherwise. */
function checkPaths(artifacts: readonly Artifact[]): void {
  const seen = new Set<string>();
  for (const { path, preview } of artifacts) {
    if (preview) throw new InvalidPathError(`${path} was built without the signing key (a preview); compile with the key to write it`);
    if (!isPlainRelativePath(path)) {
      throw new InvalidPathError(`artifact path "${path}" is not a plain relative path`);
    }
    if (seen.has(path)) throw new InvalidPathError(`two artifacts have the path "${path}"`);
    seen.add(path);
  }
}

interface Incoming {
  files: Set<string>;
  /** Every folder an artifact needs (default, default/ios, …). */
  folders: Set<string>;
}

function incomingPaths(artifacts: readonly Artifact[]): Incoming {
  const files = new Set(artifacts.map((a) => a.path));
  const folders = new Set<string>();
  for (const path of files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return { files, folders };
}

/**
 * Puts right what a compile that died while writing left beside the folder: a previous output
 * moved aside but never replaced goes back; staging folders and swapped-out outputs are removed.
 * Runs under the lock, so nothing else is using them.
 */
async function recoverLeftovers(fs: WriteFs, parent: string, name: string): Promise<void> {
  const names = besideNames(name);
  const target = join(parent, name);
  for (const entry of await fs.readdir(parent)) {
    if (names.isOld(entry)) {
      const moved = join(parent, entry, name);
      const targetMissing = !(await fs.lstat(target).catch(() => undefined));
      if (targetMissing && (await fs.lstat(moved).catch(() => undefined))) await fs.rename(moved, target);
      await fs.rm(join(parent, entry), { recursive: true, force: true });
    } else if (names.isStaging(entry)) {
      await fs.rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** Paths the previous compile wrote, from its manifest. A manifest.json that is not ours is the user's. */
async function ownedPaths(fs: WriteFs, dir: string): Promise<Set<string>> {
  const owned = new Set<string>();
  let text: string;
  try {
    // Through the safe reader, under the lock: a named pipe here must not stall every compile.
    text = (await readRegular(fs.open, join(dir, MANIFEST_PATH), MAX_OUTPUT_FILE_BYTES, { noFollow: true })).toString('utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { kind?: EntryKind };
    if (err.code === 'ENOENT') return owned; // the compiler owns nothing here yet
    const what = err.code === 'ENOTREG' ? kindInWords(err.kind ?? 'other') : err.code === 'ELOOP' ? 'a symbolic link' : err.code === 'EFBIG' ? `a file of more than ${MAX_OUTPUT_FILE_BYTES} bytes` : undefined;
    if (what) throw new ConflictError(`${MANIFEST_PATH} in the output folder is ${what}, not a regular file mdm-blocklist wrote; move it away or choose another --out`);
    throw e;
  }
  // The output folder's format is output-folder's to read: a manifest that is not ours is refused.
  const manifest = parseManifest(new TextEncoder().encode(text));
  if (!manifest) {
    throw new ConflictError(`${MANIFEST_PATH} in the output folder was not written by mdm-blocklist; move it away or choose another --out`);
  }
  owned.add(MANIFEST_PATH);
  for (const a of manifest.artifacts) owned.add(a.path);
  return owned;
}

/**
 * The artifacts whose file in the folder is one the previous compile wrote (in its manifest) and
 * is still a plain file holding exactly the artifact's bytes, byte for byte, not by hash: a file
 * the user edited since is written again.
 */
async function alreadyWritten(fs: WriteFs, dir: string, artifacts: readonly Artifact[], owned: Set<string>): Promise<Set<string>> {
  const same = new Set<string>();
  await inParallel(
    artifacts.filter((a) => owned.has(a.path)),
    WRITES_AT_ONCE,
    async (a) => {
      const path = join(dir, ...a.path.split('/'));
      const stat = await fs.lstat(path).catch(() => undefined);
      if (!stat?.isFile() || stat.size !== a.bytes.byteLength) return;
      const bytes = await readRegular(fs.open, path, a.bytes.byteLength, { noFollow: true }).catch(() => undefined);
      if (bytes && Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength).equals(bytes)) same.add(a.path);
    },
  );
  return same;
}

/**
 * Recreates everything in `from` the compiler does not own inside `to`, by hard links. Folders
 * that held only the compiler's files are not carried, so a removed fleet leaves no empty folder.
 * A user's file, link or folder where an artifact (or a folder an artifact needs) goes is a
 * conflict: it is never overwritten, and never written through.
 */
async function carryUserFiles(fs: WriteFs, from: string, to: string, owned: Set<string>, incoming: Incoming, prefix: string, folders: FolderModes): Promise<void> {
  const entries = await fs.readdir(join(from, prefix), { withFileTypes: true });
  if (entries.length === 0 && prefix) {
    await fs.mkdir(join(to, prefix), { recursive: true });
    return;
  }
  const conflict = (rel: string, what: string) =>
    new ConflictError(`${rel} in the output folder is ${what} mdm-blocklist did not write (it is not in manifest.json), where the compiler writes; move it away or choose another --out`);
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (incoming.files.has(rel)) throw conflict(rel, 'a folder');
      folders.set(rel, await fs.lstat(join(from, rel)));
      await carryUserFiles(fs, from, to, owned, incoming, rel, folders);
      continue;
    }
    if (owned.has(rel)) continue;
    if (incoming.files.has(rel) || incoming.folders.has(rel)) throw conflict(rel, entry.isSymbolicLink() ? 'a link' : 'a file');
    const src = join(from, rel);
    const dst = join(to, rel);
    await fs.mkdir(dirname(dst), { recursive: true });
    if (entry.isSymbolicLink()) await fs.symlink(await fs.readlink(src), dst);
    else await fs.link(src, dst).catch(() => fs.copyFile(src, dst));
  }
}

/** The mode, owner and group of each folder of the previous output, by relative path ('' the folder itself). */
type FolderModes = Map<string, FolderMode>;
type FolderMode = { mode: number; uid: number; gid: number };

/**
 * Gives each folder of the new output that the previous one had that folder's mode, owner and
 * group (a 2775 folder of group www stays so for the web server reading it). Deepest first, so a
 * folder made read-only does not stop its own folders being set.
 */
async function restoreModes(fs: WriteFs, staging: string, folders: FolderModes): Promise<boolean> {
  let kept = true;
  const deepestFirst = [...folders.keys()].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1));
  for (const rel of deepestFirst) {
    const path = rel ? join(staging, ...rel.split('/')) : staging;
    // A folder that held only the compiler's files of a removed fleet is not in the new output.
    if (await fs.lstat(path).then((st) => st.isDirectory(), () => false)) kept = (await keepMode(fs, path, folders.get(rel)!)) && kept;
  }
  return kept;
}

/**
 * Sets a folder's owner, group and mode (permissions, setgid and sticky bits). Only root can give
 * a folder to another user: then the group alone is kept if it can be, and false says what was not.
 */
async function keepMode(fs: WriteFs, path: string, want: FolderMode): Promise<boolean> {
  const have = await fs.lstat(path);
  let kept = true;
  const chown = have.uid !== want.uid || have.gid !== want.gid;
  if (chown) {
    try {
      await fs.chown(path, want.uid, want.gid);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
      kept = false;
      if (have.gid !== want.gid) await fs.chown(path, -1, want.gid).catch(() => undefined);
    }
  }
  // After chown: changing the owner clears the setgid bit.
  if (chown || (have.mode & 0o7777) !== (want.mode & 0o7777)) await fs.chmod(path, want.mode & 0o7777);
  return kept;
}

/** Flushes every folder of the staged tree, deepest first, so the renames publish complete files. */
async function syncTree(fs: WriteFs, dir: string): Promise<void> {
  // Folders are independent: flushing them side by side only has to finish before the swap.
  const entries = await fs.readdir(dir, { withFileTypes: true });
  await Promise.all([...entries.filter((e) => e.isDirectory()).map((e) => syncTree(fs, join(dir, e.name))), syncDir(fs, dir)]);
}
