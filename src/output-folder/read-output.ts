import type { Host } from '../common/host.js';
import { sha256 } from '../common/sha256.js';
import { bytesOf, openOutputFolder } from './folder.js';
import { MANIFEST_PATH, parseJson, parseManifest, type Manifest } from './manifest.js';
import { isPlanSummary, PLAN_SUMMARY_PATH, type PlanSummary } from './plan-json.js';

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
 * host and the folder's one safe reader. Nothing is written. A manifest that is not
 * mdm-blocklist's counts as none; a file that is not a plain file inside the folder, as absent.
 */
export async function readOutput(dir: string, incoming: readonly string[], host: Host): Promise<OutputState> {
  const folder = await openOutputFolder(dir, host);
  if (folder.kind !== 'folder') return { dir, kind: folder.kind, files: new Map() };
  const state: OutputState = { dir, kind: 'folder', files: new Map() };
  const manifest = parseManifest(bytesOf(await folder.read(MANIFEST_PATH)));
  if (manifest) state.manifest = manifest;
  const summary = parseJson(bytesOf(await folder.read(PLAN_SUMMARY_PATH)));
  if (isPlanSummary(summary)) state.summary = summary;

  const paths = new Set([...incoming, ...(state.manifest?.artifacts.map((a) => a.path) ?? []), MANIFEST_PATH]);
  for (const path of [...paths].sort()) {
    const bytes = bytesOf(await folder.read(path));
    if (bytes) state.files.set(path, sha256(bytes));
  }
  return state;
}
