import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { ReferenceDoc, SourceDoc } from '../../plan/document.js';
import type { Catalog, Reference, Source } from '../../plan/types.js';
import type { DocPath, SourceFile } from '../load/source-file.js';

/*
 * What catalog entries and rules cite, as the plan keeps it: the sources of an identifier, a
 * publisher, an absence or a manufacturer, and the references of a block, allow or manufacturer
 * rule. One reading for all of them, so a source or a reference key means the same everywhere.
 */

/** The sources under `path`, and where each is written, so lint can point at one that has no URL. */
export function evidence(docs: readonly SourceDoc[] | undefined, source: SourceFile, path: DocPath): { sources: Source[]; sourcesAt: SourcePosition[] } {
  const list = docs ?? [];
  return { sources: list.map(toSource), sourcesAt: source.itemPositionsOf([...path, 'sources'], list.length) };
}

function toSource(s: SourceDoc): Source {
  return typeof s === 'string' ? { text: s } : { ...s };
}

/** A rule's references: written out, or a key of the catalog's `references:` (an unknown key is UNKNOWN_REFERENCE at it). */
export function references(list: readonly (string | ReferenceDoc)[] | undefined, catalog: Catalog, source: SourceFile, path: DocPath, bag: DiagnosticBag): Reference[] {
  return (list ?? []).flatMap((r, k) => {
    if (typeof r !== 'string') return [{ ...r }];
    const found = catalog.references.get(r);
    if (found) return [found];
    bag.add('UNKNOWN_REFERENCE', `reference "${r}" is not defined under references:`, source.positionOf([...path, 'references', k]));
    return [];
  });
}
