import type { ChunkSource } from './json-stream.js';
import { JsonText, parseJson } from './json-text.js';
import type { InstalledApp, InventoryLocation, ReadContext } from './types.js';

/**
 * osqueryd's results log (osquery/osquery docs/wiki/deployment/logging.md): one JSON object a line,
 * naming the host in `hostIdentifier` (`hostname` in the docs' older examples), the scheduled
 * query in `name`, and its rows as `snapshot` (action "snapshot"), `columns` (event format,
 * action "added" or "removed") or `diffResults` {added, removed} (batch format). Rows of the macOS
 * `apps` table (specs/darwin/apps.table) carry `bundle_identifier`, `name`,
 * `bundle_short_version`; lines of other queries are passed over. Lines are applied in order: a
 * snapshot replaces what a host had, added and removed rows change it.
 */
export function looksLikeOsqueryLine(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return ('hostIdentifier' in o || 'hostname' in o) && ('snapshot' in o || 'columns' in o || 'diffResults' in o);
}

interface HostState {
  at: InventoryLocation;
  /** Installed apps as the lines so far leave them (counted; only known ones are kept). */
  count: number;
  known: Map<string, InstalledApp>;
}

type Row = Record<string, unknown>;

/** Reads a results log line by line: `lines` yields them as the file is read, so a log of any length streams. */
export function readOsqueryLog(file: string, lines: Iterable<string>, ctx: ReadContext): void {
  const hosts = new Map<string, HostState>();
  let lineNo = 0;
  for (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const source = new JsonText(file, line, lineNo - 1);
    const parsed = parseJson(source);
    if (!parsed.ok) {
      ctx.problem('INVENTORY_SYNTAX', `line ${lineNo} is not a JSON object: ${parsed.message}`, parsed.at);
      continue;
    }
    applyLine(parsed.value, source, hosts, ctx);
  }
  for (const [id, host] of hosts) {
    ctx.device({ id, format: 'osquery', platform: 'macos', at: host.at, appCount: host.count, apps: [...host.known.values()] });
  }
}

/**
 * The lines of a file read a chunk at a time, decoded as UTF-8 (a character a chunk cuts in two is
 * joined); stops at bytes that are not UTF-8, saying on which line and column they are.
 */
export function* linesOf(f: ChunkSource, notUtf8: (line: number, col: number) => void, chunk = 1 << 20): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const bytes = new Uint8Array(chunk);
  let rest = '';
  let lines = 0;
  for (;;) {
    const n = f.read(bytes, 0, bytes.length);
    let bad = false;
    try {
      rest += decoder.decode(bytes.subarray(0, n), { stream: n > 0 });
    } catch {
      // The lines before the bad bytes are read all the same, whatever the chunk size.
      bad = true;
      rest += new TextDecoder().decode(bytes.subarray(0, goodPrefix(bytes.subarray(0, n))), { stream: true });
    }
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl !== -1; nl = rest.indexOf('\n', start)) {
      lines++;
      yield rest.slice(start, nl);
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (bad) return notUtf8(lines + 1, rest.length + 1);
    if (n === 0) {
      if (rest !== '') yield rest;
      return;
    }
  }
}

/** How many of the bytes decode as UTF-8 (a sequence cut at the end counts), by halves: once per bad file. */
function goodPrefix(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

function applyLine(value: unknown, source: JsonText, hosts: Map<string, HostState>, ctx: ReadContext): void {
  if (!looksLikeOsqueryLine(value)) return ctx.problem('INVENTORY_SHAPE', 'not an osquery result line (hostIdentifier with snapshot, columns or diffResults)', source.at(0));
  const o = value as Record<string, unknown>;
  const changes = rowsOf(o);
  if (!changes) return ctx.problem('INVENTORY_SHAPE', 'the rows of this line are not a list of objects', source.at(0));
  const apps = [...changes.added, ...changes.removed].some((r) => 'bundle_identifier' in r) || (changes.replace && changes.added.length === 0 && isAppsQuery(o));
  if (!apps) return; // another query's results
  const id = o['hostIdentifier'] ?? o['hostname'];
  if (typeof id !== 'string' || id.trim() === '') return ctx.problem('INVENTORY_DEVICE_ID', 'the line names no host (hostIdentifier)', source.positionOf(['hostIdentifier']));
  let host = hosts.get(id);
  if (!host) hosts.set(id, (host = { at: source.at(0), count: 0, known: new Map() }));
  if (changes.replace) {
    host.count = 0;
    host.known.clear();
  }
  for (const row of changes.removed) {
    const b = row['bundle_identifier'];
    host.count = Math.max(0, host.count - 1);
    if (typeof b === 'string') host.known.delete(b);
  }
  for (const row of changes.added) {
    host.count++;
    const b = row['bundle_identifier'];
    if (typeof b !== 'string' || b === '' || !ctx.known(b)) continue;
    const app: InstalledApp = { identifier: b };
    const name = row['display_name'] || row['bundle_name'] || row['name'];
    if (typeof name === 'string' && name !== '') app.name = name;
    if (typeof row['bundle_short_version'] === 'string' && row['bundle_short_version'] !== '') app.version = row['bundle_short_version'];
    host.known.set(b, app);
  }
}

/** An empty snapshot of the apps query still empties the host; the query's name says it is one. */
function isAppsQuery(o: Record<string, unknown>): boolean {
  return typeof o['name'] === 'string' && /(^|[_\W])apps?($|[_\W])/i.test(o['name']);
}

function rowsOf(o: Record<string, unknown>): { replace: boolean; added: Row[]; removed: Row[] } | undefined {
  const list = (v: unknown): Row[] | undefined => (Array.isArray(v) && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)) ? (v as Row[]) : undefined);
  if ('snapshot' in o) {
    const rows = list(o['snapshot']);
    return rows && { replace: true, added: rows, removed: [] };
  }
  if ('diffResults' in o) {
    const d = o['diffResults'] as Record<string, unknown> | null;
    const added = list(d?.['added'] ?? []);
    const removed = list(d?.['removed'] ?? []);
    return added && removed && { replace: false, added, removed };
  }
  const row = list([o['columns']]);
  if (!row) return undefined;
  return o['action'] === 'removed' ? { replace: false, added: [], removed: row } : { replace: false, added: row, removed: [] };
}
