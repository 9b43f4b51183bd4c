import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';
import type { FragmentDoc } from '../../plan/document.js';
import type { Catalog, Rules } from '../../plan/types.js';
import { references } from './evidence.js';
import { collectManufacturerRules } from './manufacturers.js';

export type { AllowRule, BlockRule, Rules } from '../../plan/types.js';

/** Gathers block and allow rules from every file, checking the ids and references they name. */
export function collectRules(files: readonly LoadedFile[], catalog: Catalog, bag: DiagnosticBag): Rules {
  const rules: Rules = { block: [], allow: [] };
  for (const { source } of files) {
    const doc = source.data as FragmentDoc;
    const kinds = [
      ['publisher', doc.block?.publishers ?? [], 'publishers'],
      ['app', doc.block?.apps ?? [], 'apps'],
    ] as const;
    for (const [kind, list, key] of kinds) {
      for (const [i, rule] of list.entries()) {
        const path = ['block', key, i];
        const known = kind === 'app' ? catalog.apps.has(rule.id) : catalog.publishers.has(rule.id);
        if (!known) {
          unknownId(kind, rule.id, catalog, source.positionOf([...path, 'id']), bag);
          continue;
        }
        rules.block.push({
          kind,
          id: rule.id,
          ...(rule.reason !== undefined && { reason: rule.reason }),
          references: references(rule.references, catalog, source, path, bag),
          ...(rule.webDomains !== undefined && { webDomains: rule.webDomains }),
          ...(rule.fleets && { fleets: rule.fleets }),
          at: source.positionOf(path),
          fleetsAt: source.positionOf([...path, 'fleets']),
        });
      }
    }
    for (const [i, rule] of (doc.allow ?? []).entries()) {
      const path = ['allow', i];
      const kind = rule.app !== undefined ? 'app' : 'publisher';
      const id = (rule.app ?? rule.publisher)!;
      const known = kind === 'app' ? catalog.apps.has(id) : catalog.publishers.has(id);
      if (!known) {
        unknownId(kind, id, catalog, source.positionOf([...path, kind]), bag);
        continue;
      }
      rules.allow.push({
        kind,
        id,
        ...(rule.until !== undefined && { until: rule.until }),
        ...(rule.reason !== undefined && { reason: rule.reason }),
        references: references(rule.references, catalog, source, path, bag),
        ...(rule.fleets && { fleets: rule.fleets }),
        at: source.positionOf(path),
        fleetsAt: source.positionOf([...path, 'fleets']),
      });
    }
  }
  const manufacturers = collectManufacturerRules(files, catalog, bag);
  if (manufacturers.length > 0) rules.manufacturers = manufacturers;
  return rules;
}

function unknownId(kind: 'app' | 'publisher', id: string, catalog: Catalog, at: SourcePosition, bag: DiagnosticBag): void {
  const other = kind === 'app' ? catalog.publishers.has(id) : catalog.apps.has(id);
  const hint = other ? ` ("${id}" is ${kind === 'app' ? 'a publisher: block it under block.publishers' : 'an app: block it under block.apps'})` : '';
  bag.add(kind === 'app' ? 'UNKNOWN_APP' : 'UNKNOWN_PUBLISHER', `unknown ${kind} "${id}"${hint}`, at);
}
