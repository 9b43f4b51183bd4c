import { join } from 'node:path';
import type { Host } from '../common/host.js';
import { within } from '../pipeline/load/within.js';
import { isPlainRelativePath } from '../pipeline/write/artifact-path.js';
import { PLAN_SUMMARY_PATH, type PlanSummary } from '../pipeline/targets/summary/plan-summary.js';
import { MANIFEST_PATH, sha256, type Manifest } from '../pipeline/write/manifest.js';

/** What an output folder holds now, as far as comparing it with a new compile needs. */
export interface OutputState {
  dir: string;
  kind: 'missing' | 'folder' | 'not-a-folder';
  /** The manifest of the compile that wrote the folder, when there is one mdm-blocklist wrote. */
  manifest?: Manifest;
  /** sha256 of each file looked at (the manifest's and the incoming paths); absent: no such file. */
  files: Map<string, string>;
  /** The previous compile's plan.json, when it has one in the known format. */
  summary?: PlanSummary;
}

/**
 * Reads the folder's manifest.json, plan.json and the files either compile names, through the
 * host. Nothing is written. A manifest that is not mdm-blocklist's counts as none.
 */
export async function readOutput(dir: string, incoming: readonly string[], host: Host): Promise<OutputState> {
  const stat = await host.stat(dir).catch(() => undefined);
  if (!stat) return { dir, kind: 'missing', files: new Map() };
  if (stat.kind !== 'directory') return { dir, kind: 'not-a-folder', files: new Map() };

  const real = await host.realpath(dir);
  // The manifest comes from the folder, perhaps from a pull request: only plain paths to regular
  // files inside it are read (not ../../, not a link out of it, not /dev/zero).
  const read = async (path: string) => {
    if (!isPlainRelativePath(path)) return undefined;
    const file = join(dir, ...path.split('/'));
    const target = await host.realpath(file).catch(() => undefined);
    if (target === undefined || !within(real, target) || (await host.stat(target)).kind !== 'file') return undefined;
    return host.readFile(target).catch(() => undefined);
  };
  const state: OutputState = { dir, kind: 'folder', files: new Map() };
  const manifest = parseJson(await read(MANIFEST_PATH));
  if (isManifest(manifest)) state.manifest = manifest;
  const summary = parseJson(await read(PLAN_SUMMARY_PATH));
  if (isSummary(summary)) state.summary = summary;

  const paths = new Set([...incoming, ...(state.manifest?.artifacts.map((a) => a.path) ?? []), MANIFEST_PATH]);
  for (const path of [...paths].sort()) {
    const bytes = await read(path);
    if (bytes) state.files.set(path, sha256(bytes));
  }
  return state;
}

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function isManifest(v: unknown): v is Manifest {
  const m = v as Manifest | undefined;
  return m?.generator === 'mdm-blocklist' && Array.isArray(m.artifacts) && m.artifacts.every((a) => typeof a?.path === 'string' && typeof a.sha256 === 'string');
}

function isSummary(v: unknown): v is PlanSummary {
  const s = v as PlanSummary | undefined;
  return (
    s?.generator === 'mdm-blocklist' &&
    s.format === 1 &&
    Array.isArray(s.fleets) &&
    s.fleets.every((f) => typeof f?.id === 'string' && typeof f.platforms === 'object' && f.platforms !== null && Object.values(f.platforms).every((p) => Array.isArray(p?.blocked)))
  );
}
