import { PLATFORM_LABELS } from '../../plan/labels.js';
import type { Artifact } from '../targets/artifact.js';
import { importGuide } from './import-guide.js';

/*
 * Files are shown in groups ("17 RemoveApplication commands in default/ios/commands/"), each with
 * its full paths in a list that opens on demand, and with where to import it said once per kind
 * in the import guide: 17 paths in one table cell made a column thousands of pixels tall.
 */

/** Files of one kind (and command) in one fleet and platform. */
export interface FileGroupView {
  /** One file: what it is; several: "17 RemoveApplication commands, in default/ios/commands/". */
  label: string;
  /** For the summary: the file's name, or "17 RemoveApplication commands". */
  short: string;
  /** The import guide entry it follows. */
  guide: string;
  guideAnchor: string;
  paths: string[];
  /** One file: its path is shown beside the label, no list to open. */
  single: boolean;
  /** "fleet default, iOS / iPadOS" where the list is not already under one. */
  scope?: string;
}

/** One entry per kind written: what it is and where it goes, said once. */
export interface ImportGuideView {
  anchor: string;
  what: string;
  where: string;
  count: number;
}

/** The MDM command a command plist carries, to tell RemoveApplication from InstallProfile. */
function requestType(a: Artifact): string | undefined {
  const data = a.data as { Command?: { RequestType?: unknown } } | undefined;
  const type = data?.Command?.RequestType;
  return typeof type === 'string' ? type : undefined;
}

/** "17 RemoveApplication commands", "2 files: DDM declaration (JSON)". */
function countedNoun(a: Artifact, n: number): string {
  const type = requestType(a);
  if (type !== undefined) return `${n} ${type} command${n === 1 ? '' : 's'}`;
  return `${n} file${n === 1 ? '' : 's'}: ${importGuide(a.kind).what}`;
}

export const guideAnchor = (kind: string) => `import-${kind.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`;

/** The folder all the paths share, with its slash, or '' at the top. */
function commonFolder(paths: readonly string[]): string {
  let prefix = paths[0]!.slice(0, paths[0]!.lastIndexOf('/') + 1);
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}

/**
 * Groups sorted by their first path (which is also the order AMAPI's request bodies are sent in:
 * modify, patch, remove). `withScope`: name the fleet and platform, where the list is not under them.
 */
export function fileGroups(artifacts: readonly Artifact[], withScope: boolean): FileGroupView[] {
  const groups = new Map<string, Artifact[]>();
  for (const a of artifacts) {
    const key = `${a.fleet ?? ''}|${a.platform ?? ''}|${a.kind}|${requestType(a) ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const views = [...groups.values()].map((list) => {
    const first = list[0]!;
    const paths = list.map((a) => a.path).sort(cmp);
    const single = paths.length === 1;
    const type = requestType(first);
    const label = single ? (type !== undefined ? `${type} command` : importGuide(first.kind).what) : `${countedNoun(first, paths.length)}, in ${commonFolder(paths) || './'}`;
    const scope = withScope && first.fleet !== undefined ? `fleet ${first.fleet}${first.platform !== undefined ? `, ${PLATFORM_LABELS[first.platform]}` : ''}` : undefined;
    const short = single ? paths[0]!.slice(paths[0]!.lastIndexOf('/') + 1) : countedNoun(first, paths.length);
    return { label, short, guide: importGuide(first.kind).what, guideAnchor: guideAnchor(first.kind), paths, single, ...(scope !== undefined && { scope }) };
  });
  return views.sort((a, b) => cmp(a.paths[0]!, b.paths[0]!));
}

/** The import guide: each kind written, once, in the order of its first file. */
export function importGuides(artifacts: readonly Artifact[]): ImportGuideView[] {
  const byKind = new Map<string, { first: string; count: number }>();
  for (const a of artifacts) {
    const entry = byKind.get(a.kind);
    if (!entry) byKind.set(a.kind, { first: a.path, count: 1 });
    else {
      entry.count += 1;
      if (a.path < entry.first) entry.first = a.path;
    }
  }
  return [...byKind.entries()]
    .sort((a, b) => cmp(a[1].first, b[1].first))
    .map(([kind, { count }]) => ({ anchor: guideAnchor(kind), ...importGuide(kind), count }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
