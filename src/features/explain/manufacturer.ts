import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { madeBy } from '../../plan/made-by.js';
import type { Manufacturer, Plan, Reference } from '../../plan/types.js';

/**
 * `explain` for a device maker: what the devices report, and the policy's rule naming it. A
 * manufacturer rule has no artifact (no MDM file blocks hardware): the answer says so, with what
 * the admin can do instead.
 */
export interface ManufacturerAnswer {
  kind: 'manufacturer';
  matchedBy: 'manufacturer id' | 'manufacturer name' | 'hardwareInfo string';
  manufacturer: { id: string; name: string; manufacturer: string[]; brand: string[]; at: SourcePosition };
  /** The policy's block.manufacturers rule, when it names this maker. */
  rule?: { reason?: string; references: Reference[]; at: SourcePosition };
}

/** Makers whose id, name, or reported manufacturer/brand string is the query (case ignored). */
export function manufacturerAnswers(plan: Plan, query: string): ManufacturerAnswer[] {
  const q = query.trim().toLowerCase();
  const out: ManufacturerAnswer[] = [];
  for (const m of plan.catalog.manufacturers.values()) {
    const by = matchedBy(m, q);
    if (!by) continue;
    const rule = plan.rules.manufacturers?.find((r) => r.manufacturer.id === m.id);
    out.push({
      kind: 'manufacturer',
      matchedBy: by,
      manufacturer: { id: m.id, name: m.name, manufacturer: m.android.manufacturer, brand: m.android.brand, at: m.at },
      ...(rule && { rule: { ...(rule.reason !== undefined && { reason: rule.reason }), references: rule.references, at: rule.at } }),
    });
  }
  return out;
}

function matchedBy(m: Manufacturer, q: string): ManufacturerAnswer['matchedBy'] | undefined {
  if (m.id === q) return 'manufacturer id';
  if (m.name.toLowerCase() === q) return 'manufacturer name';
  if (madeBy(m, { manufacturer: q, brand: q })) return 'hardwareInfo string';
  return undefined;
}
