import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { byCodeUnit } from '../../common/compare.js';
import { madeBy, reportedAs } from '../../plan/made-by.js';
import type { Named } from '../../plan/chain.js';
import type { Plan, Platform, Reference } from '../../plan/types.js';
import type { InventoryDevice, InventoryFormat, InventoryLocation } from './inventory/types.js';

/*
 * Device-level findings (issue #20): a device made by a manufacturer the policy names under
 * block.manufacturers, whether or not it has a flagged app. The device reports its maker in AMAPI
 * Device.hardwareInfo (manufacturer, brand); matching ignores case (src/plan/made-by.ts). No file
 * the compiler writes acts on hardware, so a finding says what the admin can do instead.
 */

export interface DeviceFinding {
  device: string;
  platform: Platform;
  fleet: string | null;
  format: InventoryFormat;
  inventory: InventoryLocation;
  /** What the device reports (AMAPI hardwareInfo). */
  reported: { manufacturer?: string; brand?: string };
  manufacturer: Named;
  /** The block.manufacturers rule: its reason, references and place in the policy. */
  rule: { reason?: string; references: Reference[]; at: SourcePosition };
}

/** What a device finding means for the admin, in one sentence (text, JSON readers read `rule`). */
const DEVICE_FINDING_ACTION = 'no file blocks a device: restrict its enrollment in your MDM and plan its retirement';

/** The findings for one device: one per named manufacturer that made it. */
export function manufacturerFindings(plan: Plan, device: InventoryDevice, fleet: string | null, platform: Platform): DeviceFinding[] {
  const hw = device.hardwareInfo;
  if (!hw || !plan.rules.manufacturers) return [];
  return plan.rules.manufacturers
    .filter((r) => madeBy(r.manufacturer, hw))
    .map((r) => ({
      device: device.id,
      platform,
      fleet,
      format: device.format,
      inventory: device.at,
      reported: { ...(hw.manufacturer !== undefined && { manufacturer: hw.manufacturer }), ...(hw.brand !== undefined && { brand: hw.brand }) },
      manufacturer: { id: r.manufacturer.id, name: r.manufacturer.name },
      rule: { ...(r.reason !== undefined && { reason: r.reason }), references: r.references, at: r.at },
    }));
}

export function sortDeviceFindings(list: DeviceFinding[]): DeviceFinding[] {
  return list.sort((a, b) => byCodeUnit(a.manufacturer.name, b.manufacturer.name) || byCodeUnit(a.device, b.device));
}

/** The text audit prints for them: one block per manufacturer, then its devices. */
export function deviceFindingsText(list: readonly DeviceFinding[], bold: (s: string) => string, clean: (s: string) => string): string[] {
  const out: string[] = [];
  for (const group of byManufacturer(list)) {
    const first = group[0]!;
    const rule = first.rule;
    out.push(`${bold(clean(first.manufacturer.name))} (manufacturer ${first.manufacturer.id}): ${group.length} device${group.length === 1 ? '' : 's'}; ${DEVICE_FINDING_ACTION}`);
    out.push(`  named by block.manufacturers (${rule.at.file}:${rule.at.line}:${rule.at.col})${rule.reason !== undefined ? `: ${clean(rule.reason)}` : ''}`);
    for (const r of rule.references) out.push(`  reference: ${clean(r.title)} <${clean(r.url)}>`);
    for (const f of group) out.push(`  ${clean(f.device)} (${f.platform}, ${f.fleet !== null ? `fleet ${f.fleet}` : 'no fleet'}) reports ${reportedText(f)}`);
    out.push('');
  }
  return out;
}

function reportedText({ reported }: DeviceFinding): string {
  return reportedAs({ manufacturer: reported.manufacturer !== undefined ? [reported.manufacturer] : [], brand: reported.brand !== undefined ? [reported.brand] : [] });
}

function byManufacturer(list: readonly DeviceFinding[]): DeviceFinding[][] {
  const groups = new Map<string, DeviceFinding[]>();
  for (const f of list) {
    let group = groups.get(f.manufacturer.id);
    if (!group) groups.set(f.manufacturer.id, (group = []));
    group.push(f);
  }
  return [...groups.values()];
}

/** audit.html's "Devices by maker" section: one entry per manufacturer with its rule and devices. */
export function deviceFindingsView(list: readonly DeviceFinding[], href: (url: string) => string | undefined) {
  return byManufacturer(list).map((group) => {
    const first = group[0]!;
    const { rule } = first;
    return {
      anchor: `maker-${first.manufacturer.id}`,
      name: first.manufacturer.name,
      id: first.manufacturer.id,
      count: group.length,
      action: DEVICE_FINDING_ACTION,
      rule: `block.manufacturers ${rule.at.file}:${rule.at.line}:${rule.at.col}`,
      ...(rule.reason !== undefined && { reason: rule.reason }),
      references: rule.references.map((x) => ({ title: x.title, url: x.url, ...(href(x.url) !== undefined && { href: href(x.url) }) })),
      devices: group.map((f) => ({
        device: f.device,
        platform: f.platform,
        fleet: f.fleet ?? 'none',
        reported: reportedText(f),
        inventory: `${f.inventory.file}${f.inventory.line !== undefined ? `:${f.inventory.line}:${f.inventory.col}` : ''}${f.inventory.path ? ` ${f.inventory.path}` : ''}`,
      })),
    };
  });
}
