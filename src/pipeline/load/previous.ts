import { resolve, sep } from 'node:path';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import { MANIFEST_PATH, sha256, type Manifest } from '../write/manifest.js';

/** An earlier output folder, or what it blocked: package names by fleet id. */
export type PreviousInput = string | Readonly<Record<string, readonly string[]>>;

/** The artifact that lists exactly the compiler's own Android entries (base entries excluded). */
const MODIFY_KIND = 'amapi-modify-policy-applications';

/**
 * Reads what an earlier compile blocked on Android, per fleet, from its output folder: the
 * manifest names each fleet's modifyPolicyApplications body, and each body must still match the
 * sha256 the manifest recorded (a hand-edited body would make the removal list wrong).
 */
export async function readPrevious(dir: string, host: Host, display: (abs: string) => string, bag: DiagnosticBag): Promise<Map<string, string[]> | undefined> {
  const root = resolve(dir);
  const fail = (file: string, message: string) => {
    bag.add('PREVIOUS_OUTPUT_INVALID', `--previous ${display(root)}: ${message}`, { file: display(file) });
    return undefined;
  };
  const manifestFile = resolve(root, MANIFEST_PATH);
  const manifest = await readJson(host, manifestFile);
  if (!manifest.ok) return fail(manifestFile, `cannot read ${MANIFEST_PATH} (${manifest.why}); is this an mdm-blocklist output folder?`);
  const m = manifest.value as Partial<Manifest> | null;
  if (m?.generator !== 'mdm-blocklist' || !Array.isArray(m.artifacts)) return fail(manifestFile, `${MANIFEST_PATH} was not written by mdm-blocklist`);

  const blocked = new Map<string, string[]>();
  for (const entry of m.artifacts) {
    if (entry?.kind !== MODIFY_KIND || typeof entry.fleet !== 'string' || typeof entry.path !== 'string') continue;
    const file = resolve(root, ...entry.path.split('/'));
    if (!file.startsWith(root + sep)) return fail(manifestFile, `${MANIFEST_PATH} lists a path outside the folder: ${entry.path}`);
    const bytes = await host.readFile(file).catch(() => undefined);
    if (!bytes) return fail(file, `${entry.path} is listed in ${MANIFEST_PATH} but cannot be read`);
    if (sha256(bytes) !== entry.sha256) return fail(file, `${entry.path} differs from the sha256 in ${MANIFEST_PATH}; it was edited after it was written`);
    const body = parse(bytes) as { changes?: { application?: { packageName?: unknown; installType?: unknown } }[] } | undefined;
    if (!Array.isArray(body?.changes)) return fail(file, `${entry.path} is not a modifyPolicyApplications body`);
    const names = body.changes.flatMap((c) => (c?.application?.installType === 'BLOCKED' && typeof c.application.packageName === 'string' ? [c.application.packageName] : []));
    blocked.set(entry.fleet, names);
  }
  return blocked;
}

async function readJson(host: Host, file: string): Promise<{ ok: true; value: unknown } | { ok: false; why: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await host.readFile(file);
  } catch (e) {
    return { ok: false, why: String((e as NodeJS.ErrnoException).code ?? 'read error') };
  }
  const value = parse(bytes);
  return value === undefined ? { ok: false, why: 'not JSON' } : { ok: true, value };
}

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
