import { chainText, reasonChain } from '../../plan/chain.js';
import { PLATFORMS, type FleetPlan, type NotEnforced, type Plan, type Platform } from '../../plan/types.js';
import type { Artifact } from '../../pipeline/targets/artifact.js';
import { summarize, type PlanSummary, type PlatformSummary } from '../../output-folder/plan-json.js';
import { MANIFEST_PATH, sha256, type Manifest, type ManifestEntry } from '../../output-folder/manifest.js';
import type { OutputState } from '../../output-folder/read-output.js';

/** An app (or, on macOS, a publisher's Team ID) that a change starts or stops blocking. */
export interface AppChange {
  identifier: string;
  /** App id, or publisher id for a Team ID. */
  id: string;
  name: string;
  /** Newly blocked: the rule that blocks it; no longer blocked: why not. */
  why: string;
}

export interface PlatformDiff {
  fleet: string;
  platform: Platform;
  /** `added`/`removed`: the fleet gains or loses the platform (or the fleet itself is new or gone). */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  blocked: AppChange[];
  unblocked: AppChange[];
  /** How many identifiers (apps and Team IDs) are blocked after the change. */
  total: number;
}

export interface FileDiff {
  path: string;
  /** `conflict`: a file the compiler would write is there but was not written by it; compile refuses. */
  change: 'added' | 'changed' | 'removed' | 'conflict';
  kind?: string;
  /** A changed file that no longer matches what the previous compile wrote: edited by hand. */
  editedByHand?: boolean;
}

export interface OutputDiff {
  out: string;
  /** `missing`: nothing written yet; `folder`: compared with its contents. */
  state: OutputState['kind'];
  /** False when the folder has no plan.json to compare apps with (apps lists then empty). */
  comparedApps: boolean;
  platforms: PlatformDiff[];
  files: FileDiff[];
  unchangedFiles: number;
  /** The folder holds exactly what the compile would write (files the compiler does not own aside). */
  upToDate: boolean;
}

/**
 * Compares what a compile would write with what the output folder holds: apps newly blocked and
 * no longer blocked per fleet and platform (from plan.json), and files added, changed, removed.
 * Pure: the folder was read by readOutput.
 */
export function diffOutput(plan: Plan, artifacts: readonly Artifact[], state: OutputState): OutputDiff {
  const before: PlanSummary | undefined = state.kind === 'missing' ? { ...summarize(plan), fleets: [] } : state.summary;
  const platforms = before ? diffPlatforms(plan, before) : [];
  const files = diffFiles(artifacts, state);
  return {
    out: state.dir,
    state: state.kind,
    comparedApps: before !== undefined,
    platforms,
    files,
    unchangedFiles: artifacts.length - files.filter((f) => f.change !== 'removed').length,
    upToDate: state.kind === 'folder' && files.length === 0,
  };
}

function diffPlatforms(plan: Plan, before: PlanSummary): PlatformDiff[] {
  const after = summarize(plan);
  const fleetIds = [...new Set([...after.fleets.map((f) => f.id), ...before.fleets.map((f) => f.id)])].sort();
  const out: PlatformDiff[] = [];
  for (const id of fleetIds) {
    const old = before.fleets.find((f) => f.id === id);
    const now = after.fleets.find((f) => f.id === id);
    const fleetPlan = plan.fleets.find((f) => f.id === id);
    for (const platform of PLATFORMS) {
      const was = old?.platforms[platform];
      const is = now?.platforms[platform];
      if (!was && !is) continue;
      const wasIds = blockedIds(was);
      const isIds = blockedIds(is);
      const blocked = [...isIds.entries()].filter(([k]) => !wasIds.has(k)).map(([, v]) => ({ ...v, why: blockedWhy(plan, fleetPlan, platform, v) }));
      const unblocked = [...wasIds.entries()].filter(([k]) => !isIds.has(k)).map(([, v]) => ({ ...v, why: unblockedWhy(fleetPlan, platform, v, !is) }));
      out.push({
        fleet: id,
        platform,
        status: !was ? 'added' : !is ? 'removed' : blocked.length + unblocked.length > 0 ? 'changed' : 'unchanged',
        blocked,
        unblocked,
        total: isIds.size,
      });
    }
  }
  return out;
}

type Entry = Omit<AppChange, 'why'> & { team: boolean };

/** Identifiers blocked on one platform, Team IDs kept apart from bundle IDs. */
function blockedIds(p: PlatformSummary | undefined): Map<string, Entry> {
  const ids = new Map<string, Entry>();
  for (const b of p?.blocked ?? []) ids.set(`id:${b.identifier}`, { identifier: b.identifier, id: b.app, name: b.name, team: false });
  for (const t of p?.teams ?? []) ids.set(`team:${t.teamId}`, { identifier: t.teamId, id: t.publisher, name: t.name, team: true });
  return ids;
}

function platformOf(fleet: FleetPlan | undefined, platform: Platform) {
  return fleet?.[platform];
}

function blockedWhy(plan: Plan, fleet: FleetPlan | undefined, platform: Platform, e: Entry): string {
  const p = platformOf(fleet, platform);
  const because = e.team
    ? p && 'teams' in p
      ? p.teams.find((t) => t.teamId === e.identifier)?.because[0]
      : undefined
    : p?.blocked.find((b) => b.identifier === e.identifier)?.because[0];
  return because ? `by ${chainText(reasonChain(plan.catalog, because, e.team ? undefined : e.id))}` : '';
}

function unblockedWhy(fleet: FleetPlan | undefined, platform: Platform, e: Entry, platformGone: boolean): string {
  if (!fleet) return 'the fleet is gone';
  if (platformGone) return `the fleet no longer has ${platform}`;
  if (e.team) return 'no publisher rule blocks it by Team ID any more';
  const p = platformOf(fleet, platform);
  const n = p?.notEnforced.find((x) => x.app.id === e.id);
  if (n) return notEnforcedWhy(n);
  const gap = p && 'enforcement' in p ? p.enforcement.gaps.find((g) => g.apps.includes(e.id)) : undefined;
  return gap ? `the fleet's devices cannot enforce it (${gap.why})` : 'no rule blocks it any more';
}

function notEnforcedWhy(n: NotEnforced): string {
  if (n.why === 'allowed' && n.exception) {
    return `allowed by the exception for ${n.exception.kind} ${n.exception.id}${n.exception.until !== undefined ? ` until ${n.exception.until}` : ''}`;
  }
  if (n.why === 'low-confidence') return `its identifier ${n.identifier ?? ''} has low-confidence evidence`;
  return 'the catalog no longer has an identifier for it here';
}

function diffFiles(artifacts: readonly Artifact[], state: OutputState): FileDiff[] {
  const byPath = (a: FileDiff, b: FileDiff) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  if (state.kind === 'missing') return artifacts.map((a): FileDiff => ({ path: a.path, change: 'added', kind: a.kind })).sort(byPath);
  const previous = new Map((state.manifest?.artifacts ?? []).map((a) => [a.path, a]));
  const owned = (path: string) => previous.has(path) || path === MANIFEST_PATH;
  const files: FileDiff[] = [];
  const incoming = new Set<string>();
  for (const a of artifacts) {
    incoming.add(a.path);
    const onDisk = state.files.get(a.path);
    if (onDisk === undefined) files.push({ path: a.path, change: 'added', kind: a.kind });
    else if (!owned(a.path)) files.push({ path: a.path, change: 'conflict', kind: a.kind });
    else if (!holds(a, onDisk, previous.get(a.path), state)) {
      const was = previous.get(a.path);
      files.push({ path: a.path, change: 'changed', kind: a.kind, ...(was && was.sha256 !== onDisk && { editedByHand: true }) });
    }
  }
  for (const [path, entry] of previous) {
    if (!incoming.has(path) && state.files.has(path)) files.push({ path, change: 'removed', kind: entry.kind });
  }
  return files.sort(byPath);
}

/**
 * The file on disk (its sha256) is what the artifact would write: the same bytes, or for a signed
 * artifact the same content signed by the same signer, untouched since the manifest recorded it.
 * An ECDSA signature differs on every run; a preview (no key) has no signature at all.
 */
function holds(a: Artifact, onDisk: string, was: ManifestEntry | undefined, state: OutputState): boolean {
  if (!a.preview && onDisk === sha256(a.bytes)) return true;
  if (a.signed) return was?.signed?.content === a.signed.content && was.signed.signer === a.signed.signer && was.sha256 === onDisk;
  return a.path === MANIFEST_PATH && state.manifest !== undefined && sameManifest(state.manifest, a.bytes);
}

/** Two manifests that differ only in the checksums and sizes of signed files list the same output. */
function sameManifest(before: Manifest, bytes: Uint8Array): boolean {
  const after = JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
  if (!after.artifacts.some((e) => e.signed)) return false;
  const bare = (m: Manifest) => JSON.stringify({ ...m, artifacts: m.artifacts.map(({ sha256: _sha, size: _size, ...e }) => (e.signed ? e : { ...e, sha256: _sha, size: _size })) });
  return bare(before) === bare(after);
}
