import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';
import type { SourceFile } from '../load/source-file.js';
import type { FragmentDoc } from '../../plan/document.js';
import type { Catalog, ManufacturerRule } from '../../plan/types.js';
import { evidence, references } from './evidence.js';
import { reportedAs } from '../../plan/made-by.js';

/*
 * Device makers: catalog entries (`manufacturers:`) and the policy's `block.manufacturers` rules.
 * A maker is named by the strings Android reports, which AMAPI carries as Device.hardwareInfo
 * manufacturer and brand; nothing here produces an artifact (compile says so, audit uses them).
 */

/** Adds the file's manufacturers to the catalog, refusing an id defined twice. */
export function addManufacturers(catalog: Catalog, source: SourceFile, bag: DiagnosticBag): void {
  const doc = source.data as FragmentDoc;
  for (const [i, m] of (doc.manufacturers ?? []).entries()) {
    const path = ['manufacturers', i];
    const first = catalog.manufacturers.get(m.id)?.at;
    if (first) {
      bag.add('DUPLICATE_ID', `manufacturer id "${m.id}" is already defined at ${first.file}:${first.line}:${first.col}`, source.positionOf([...path, 'id']));
      continue;
    }
    catalog.manufacturers.set(m.id, {
      id: m.id,
      name: m.name,
      ...(m.publisher !== undefined && { publisher: m.publisher }),
      android: { manufacturer: m.android.manufacturer ?? [], brand: m.android.brand ?? [] },
      ...(m.note !== undefined && { note: m.note }),
      ...evidence(m.sources, source, path),
      at: source.positionOf(path),
    });
  }
}

/** A manufacturer's publisher must be in the catalog (checked once every file is read). */
export function checkManufacturerPublishers(catalog: Catalog, bag: DiagnosticBag): void {
  for (const m of catalog.manufacturers.values()) {
    if (m.publisher !== undefined && !catalog.publishers.has(m.publisher)) {
      bag.add('UNKNOWN_PUBLISHER', `manufacturer "${m.id}" names publisher "${m.publisher}", which is not in the catalog`, m.at);
    }
  }
}

/** The block.manufacturers rules of every file; an unknown id is refused with the ids it may mean. */
export function collectManufacturerRules(files: readonly LoadedFile[], catalog: Catalog, bag: DiagnosticBag): ManufacturerRule[] {
  const out: ManufacturerRule[] = [];
  for (const { source } of files) {
    const doc = source.data as FragmentDoc;
    for (const [i, rule] of (doc.block?.manufacturers ?? []).entries()) {
      const path = ['block', 'manufacturers', i];
      const manufacturer = catalog.manufacturers.get(rule.id);
      if (!manufacturer) {
        const known = [...catalog.manufacturers.keys()].sort();
        const hint = known.length ? ` (the catalog knows: ${known.join(', ')})` : ' (the catalog has no manufacturers)';
        bag.add('UNKNOWN_MANUFACTURER', `unknown manufacturer "${rule.id}"${hint}`, source.positionOf([...path, 'id']));
        continue;
      }
      out.push({
        manufacturer,
        ...(rule.reason !== undefined && { reason: rule.reason }),
        references: references(rule.references, catalog, source, path, bag),
        at: source.positionOf(path),
      });
    }
  }
  return out;
}

/**
 * What compile says for each rule: there is no artifact, and what the admin can do instead.
 * One warning per rule, at the rule.
 */
export function reportManufacturerRules(rules: readonly ManufacturerRule[], bag: DiagnosticBag): void {
  for (const r of rules) {
    const m = r.manufacturer;
    const strings = reportedAs(m.android);
    bag.add(
      'MANUFACTURER_NO_ARTIFACT',
      `manufacturer rule "${m.id}" (${m.name}) has no artifact: no MDM file blocks a device by its maker. Restrict enrollment of devices whose hardwareInfo reports ${strings} in your MDM's enrollment restrictions, plan their retirement, and run \`mdm-blocklist audit\` on your device inventory to find them`,
      r.at,
    );
  }
}
