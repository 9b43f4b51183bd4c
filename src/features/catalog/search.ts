import { CatalogIndex } from '../../plan/catalog-index.js';
import type { Catalog } from '../../plan/types.js';
import { appIdentifiers, publisherIdentifiers } from './fields.js';

/** How a search text matched, best first. */
export const MATCH_RANKS = ['exact', 'prefix', 'substring'] as const;
export type MatchRank = (typeof MATCH_RANKS)[number];

export interface SearchHit {
  kind: 'app' | 'publisher';
  id: string;
  name: string;
  rank: MatchRank;
  /** What matched: "id", "name", "alias", "legal name", or an identifier's label ("iOS bundle ID", …). */
  field: string;
  /** The matched value as the catalog writes it. */
  value: string;
  /**
   * Who is behind the entry, nearest first: an app's publisher and that publisher's parents
   * (TikTok Pte. Ltd. → ByteDance); a publisher's parents. Empty when none is known.
   */
  publishers: { id: string; name: string }[];
}

interface Candidate {
  field: string;
  value: string;
  /** Names before identifiers when two matches rank alike. */
  order: number;
}

/**
 * Apps and publishers whose id, name, alias, legal name or any identifier (bundle ID, package,
 * App Store id, Team ID) contains the text, case-insensitively: exact matches first, then
 * prefixes, then substrings; each entry once, with its best match.
 */
export function searchCatalog(catalog: Catalog, text: string): SearchHit[] {
  const needle = fold(text);
  if (!needle) return [];
  const hits: (SearchHit & { order: number })[] = [];
  const index = new CatalogIndex(catalog);
  const upFrom = (publisher: string | undefined) => (publisher === undefined ? [] : index.ancestry(publisher).reverse().map((p) => ({ id: p.id, name: p.name })));
  const consider = (kind: SearchHit['kind'], id: string, name: string, candidates: Candidate[]) => {
    let best: (SearchHit & { order: number }) | undefined;
    for (const c of candidates) {
      const rank = matchRank(fold(c.value), needle);
      if (!rank) continue;
      const hit = { kind, id, name, rank, field: c.field, value: c.value, publishers: [] as SearchHit['publishers'], order: c.order };
      if (!best || compareHits(hit, best) < 0) best = hit;
    }
    if (best) {
      const publisher = kind === 'app' ? catalog.apps.get(id)!.publisher : catalog.publishers.get(id)!.parent;
      best.publishers = upFrom(publisher);
      hits.push(best);
    }
  };
  for (const app of catalog.apps.values()) {
    consider('app', app.id, app.name, [
      { field: 'id', value: app.id, order: 0 },
      { field: 'name', value: app.name, order: 1 },
      ...app.aliases.map((value) => ({ field: 'alias', value, order: 2 })),
      ...appIdentifiers(app).map(({ label, identifier }) => ({ field: label, value: identifier.value, order: 4 })),
    ]);
  }
  for (const p of catalog.publishers.values()) {
    consider('publisher', p.id, p.name, [
      { field: 'id', value: p.id, order: 0 },
      { field: 'name', value: p.name, order: 1 },
      ...p.aliases.map((value) => ({ field: 'alias', value, order: 2 })),
      ...p.legalNames.map((value) => ({ field: 'legal name', value, order: 3 })),
      ...publisherIdentifiers(p).map(({ label, identifier }) => ({ field: label, value: identifier.value, order: 4 })),
    ]);
  }
  return hits.sort(compareHits).map(({ order: _order, ...hit }) => hit);
}

function compareHits(a: SearchHit & { order: number }, b: SearchHit & { order: number }): number {
  return (
    MATCH_RANKS.indexOf(a.rank) - MATCH_RANKS.indexOf(b.rank) ||
    a.order - b.order ||
    (a.kind === b.kind ? 0 : a.kind === 'publisher' ? -1 : 1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function matchRank(value: string, needle: string): MatchRank | undefined {
  if (value === needle) return 'exact';
  if (value.startsWith(needle)) return 'prefix';
  if (value.includes(needle)) return 'substring';
  return undefined;
}

/** Case and width folded, so "ＱＱ" finds "QQ" and "wechat" finds "WeChat". */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}
