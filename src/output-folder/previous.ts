import { resolve } from 'node:path';
import type { DiagnosticBag } from '../common/diagnostics/diagnostic.js';
import type { Host } from '../common/host.js';
import { sha256 } from '../common/sha256.js';
import { describeProblem, openOutputFolder } from './folder.js';
import { MANIFEST_PATH, parseJson, parseManifest } from './manifest.js';

/** An earlier output folder, or what it blocked: package names by fleet id. */
export type PreviousInput = string | Readonly<Record<string, readonly string[]>>;

/** The artifact that lists exactly the compiler's own Android entries (base entries excluded). */
const MODIFY_KIND = 'amapi-modify-policy-applications';

/**
 * Reads what an earlier compile blocked on Android, per fleet, from its output folder (--previous):
 * the manifest names each fleet's modifyPolicyApplications body, and each body must still match
 * the sha256 the manifest recorded (a hand-edited body would make the removal list wrong). Every
 * file goes through the folder's one safe reader: a link out of the folder, a FIFO or /dev/zero is
 * refused at once with a message, never read.
 */
export async function readPrevious(dir: string, host: Host, display: (abs: string) => string, bag: DiagnosticBag): Promise<Map<string, string[]> | undefined> {
  const root = resolve(dir);
  const fail = (path: string, message: string) => {
    bag.add('PREVIOUS_OUTPUT_INVALID', `--previous ${display(root)}: ${message}`, { file: display(resolve(root, ...path.split('/'))) });
    return undefined;
  };
  const folder = await openOutputFolder(root, host);
  if (folder.kind !== 'folder') return fail('', folder.kind === 'missing' ? 'no such folder' : 'not a folder');
  const manifestFile = await folder.read(MANIFEST_PATH);
  if (!('bytes' in manifestFile)) return fail(MANIFEST_PATH, `${MANIFEST_PATH} ${describeProblem(manifestFile)}; is this an mdm-blocklist output folder?`);
  const manifest = parseManifest(manifestFile.bytes);
  if (!manifest) return fail(MANIFEST_PATH, `${MANIFEST_PATH} was not written by mdm-blocklist`);

  const blocked = new Map<string, string[]>();
  for (const entry of manifest.artifacts) {
    if (entry.kind !== MODIFY_KIND || typeof entry.fleet !== 'string') continue;
    const file = await folder.read(entry.path);
    if (!('bytes' in file)) {
      const listed = file.problem === 'not-plain' ? `${MANIFEST_PATH} lists a path outside the folder: ${entry.path}` : `${entry.path}, listed in ${MANIFEST_PATH}, ${describeProblem(file)}`;
      return fail(file.problem === 'not-plain' ? MANIFEST_PATH : entry.path, listed);
    }
    if (sha256(file.bytes) !== entry.sha256) return fail(entry.path, `${entry.path} differs from the sha256 in ${MANIFEST_PATH}; it was edited after it was written`);
    const body = parseJson(file.bytes) as { changes?: { application?: { packageName?: unknown; installType?: unknown } }[] } | undefined;
    if (!Array.isArray(body?.changes)) return fail(entry.path, `${entry.path} is not a modifyPolicyApplications body`);
    const names = body.changes.flatMap((c) => (c?.application?.installType === 'BLOCKED' && typeof c.application.packageName === 'string' ? [c.application.packageName] : []));
    blocked.set(entry.fleet, names);
  }
  return blocked;
}
