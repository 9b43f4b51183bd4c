import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import { nodeHost, type Host } from '../../common/host.js';
import { byCodeUnit } from '../../common/compare.js';
import { reasonChain, type Named, type ReasonChain } from '../../plan/chain.js';
import type { FleetPlan, Plan, Platform, Reference } from '../../plan/types.js';
import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { manufacturerFindings, sortDeviceFindings, type DeviceFinding } from './device-findings.js';
import { planInaction, type Effect } from './effect.js';
import { FlagIndex, type Flag } from './flag-index.js';
import { ModelEffects } from './model-effect.js';
import { deviceTally } from './tally.js';
import { INVENTORY_LIMITS, readInventories, type InventoryInput } from './inventory/read-inventories.js';
import type { InstalledApp, InventoryDevice, InventoryFormat, InventoryLocation } from './inventory/types.js';

export type { InventoryInput };

export interface AuditOptions {
  /** The file system the inventories are read through (default: Node's). */
  host?: Host;
  limits?: Partial<typeof INVENTORY_LIMITS>;
}

/** One flagged app installed on one device, with why it is flagged and what will act on it. */
export interface Finding {
  device: string;
  platform: Platform;
  /** The device's fleet, or null when it is in none (unassigned). */
  fleet: string | null;
  format: InventoryFormat;
  /** The inventory file, and where in it the device is (a JSON pointer, or a line). */
  inventory: InventoryLocation;
  identifier: string;
  /** As the inventory names and versions it. */
  installed: { name?: string; version?: string };
  app: Named;
  /** The app's publisher, then each parent, outermost first. */
  publishers: Named[];
  status: Flag['status'];
  /** Each rule that flags it: the rule, the publishers down to the app, its references. */
  reasons: ReasonChain[];
  exception?: { kind: 'app' | 'publisher'; id: string; until?: string; reason?: string; references: Reference[]; at: SourcePosition };
  effect: Effect;
}

export interface AuditResult {
  findings: Finding[];
  /** Devices made by a manufacturer the policy names (block.manufacturers), whether or not they have a flagged app. */
  deviceFindings: DeviceFinding[];
  /** Devices read. */
  devices: number;
  /** Of them, the devices with a flagged install (one an exception allows does not count) or a device-level finding: deviceTally's. */
  devicesWithFindings: number;
  /** Devices in no fleet: matched against every fleet's flags, nothing acts on them. */
  unassigned: number;
  /** Installed apps the inventories list, flagged or not. */
  apps: number;
  byPlatform: Record<Platform, number>;
  diagnostics: Diagnostic[];
}

/**
 * Checks device inventories against a resolved policy: every flagged app that is installed, per
 * device, with the rule that flags it, any exception, and what the policy's artifacts will do to it.
 * Reads the inventories one file at a time; never resolves the policy again.
 */
export async function audit(plan: Plan, inputs: readonly InventoryInput[], options: AuditOptions = {}): Promise<AuditResult> {
  const bag = new DiagnosticBag();
  const index = new FlagIndex(plan);
  const state = new AuditState(plan, index, bag);
  await readInventories(
    inputs,
    options.host ?? nodeHost,
    {
      known: (identifier) => index.known.has(identifier),
      device: (device, input) => state.add(device, input),
      problem: (code, message, at) => bag.add(code, message, at),
    },
    { ...INVENTORY_LIMITS, ...options.limits },
  );
  await state.settleEffects();
  return state.result(sortDiagnostics(bag.items));
}

/** A finding's effect until settleEffects answers it (never in a result). */
const UNSETTLED: Effect = Object.freeze({ acts: [], notes: [] }) as Effect;

class AuditState {
  private readonly findings: Finding[] = [];
  private readonly deviceFindings: DeviceFinding[] = [];
  /**
   * The ids of the devices read, Android and Apple apart: what memory an audit keeps per device
   * (about 100 bytes), to skip one listed twice. The id strings are the reader's own, not copies.
   */
  private readonly seen = { android: new Set<string>(), apple: new Set<string>() };
  private readonly reasons = new Map<Flag, ReasonChain[]>();
  private readonly models: ModelEffects;
  /** Findings whose effect the fleet's artifacts decide: answered once every inventory is read (settleEffects). */
  private readonly pending: { finding: Finding; fleet: FleetPlan; appId: string; userEnrollment: boolean }[] = [];
  private devices = 0;
  private unassigned = 0;
  private apps = 0;
  private readonly byPlatform: Record<Platform, number> = { ios: 0, macos: 0, android: 0 };

  constructor(
    private readonly plan: Plan,
    private readonly index: FlagIndex,
    private readonly bag: DiagnosticBag,
  ) {
    this.models = new ModelEffects(plan);
  }

  add(device: InventoryDevice, input: InventoryInput): void {
    const seen = this.seen[device.format === 'amapi' ? 'android' : 'apple'];
    if (seen.has(device.id)) return this.bag.add('INVENTORY_DUPLICATE_DEVICE', `device ${device.id} was already read from another inventory; this one is skipped`, device.at);
    seen.add(device.id);
    const placed = this.place(device, input);
    if (!placed) return;
    const { fleet, platform } = placed;
    this.devices++;
    this.apps += device.appCount;
    this.byPlatform[platform]++;
    if (!fleet) this.unassigned++;
    const made = manufacturerFindings(this.plan, device, fleet?.id ?? null, platform);
    this.deviceFindings.push(...made);
    for (const app of device.apps) {
      const flag = this.index.lookup(fleet?.id, platform, app.identifier);
      if (flag) this.findings.push(this.finding(device, app, flag, fleet, platform));
    }
  }

  /** The device's fleet (AMAPI policyName, else the input's --fleet) and its platform. */
  private place(device: InventoryDevice, input: InventoryInput): { fleet: FleetPlan | undefined; platform: Platform } | undefined {
    const byPolicy = device.policyName !== undefined ? this.plan.fleets.find((f) => f.android?.settings.policyName === device.policyName) : undefined;
    const implicit = this.plan.fleets.length === 1 && this.plan.fleets[0]!.implicit ? this.plan.fleets[0] : undefined;
    let fleet = byPolicy ?? (input.fleet !== undefined ? this.plan.fleets.find((f) => f.id === input.fleet) : implicit);
    const platform = device.platform !== 'apple' ? device.platform : (input.platform ?? appleOf(fleet ? [fleet] : this.plan.fleets));
    if (!platform) {
      this.bag.add('INVENTORY_PLATFORM_UNKNOWN', `device ${device.id}: an MDM response does not say whether it came from iOS or macOS, and ${fleet ? `fleet "${fleet.id}" has both` : 'the device has no fleet'}; give --platform ios or --platform macos`, device.at);
      return undefined;
    }
    if (fleet && !this.index.hasPlatform(fleet.id, platform)) {
      this.bag.add('INVENTORY_FLEET_PLATFORM', `device ${device.id} is ${platform} but fleet "${fleet.id}" has no ${platform} settings; audited as unassigned`, device.at);
      fleet = undefined;
    }
    return { fleet, platform };
  }

  private finding(device: InventoryDevice, app: InstalledApp, flag: Flag, fleet: FleetPlan | undefined, platform: Platform): Finding {
    const catalogApp = this.plan.catalog.apps.get(flag.app.id);
    const f: Finding = {
      device: device.id,
      platform,
      fleet: fleet?.id ?? null,
      format: device.format,
      inventory: device.at,
      identifier: app.identifier,
      installed: { ...(app.name !== undefined && { name: app.name }), ...(app.version !== undefined && { version: app.version }) },
      app: { id: flag.app.id, name: flag.app.name },
      publishers: this.publishers(catalogApp?.publisher),
      status: flag.status,
      reasons: this.reasonsOf(flag),
      effect: planInaction(flag, fleet) ?? UNSETTLED,
    };
    if (f.effect === UNSETTLED) this.pending.push({ finding: f, fleet: fleet!, appId: flag.app.id, userEnrollment: device.userEnrollment === true });
    const e = flag.exception;
    if (e) f.exception = { kind: e.kind, id: e.id, ...(e.until !== undefined && { until: e.until }), ...(e.reason !== undefined && { reason: e.reason }), references: e.references, at: e.at };
    return f;
  }

  /**
   * What the effect model says the fleet's artifacts do, for each finding the plan alone does not
   * decide (an exception, no identifier, no fleet). The artifacts are built only when one needs them.
   */
  async settleEffects(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.models.load();
    for (const p of this.pending) p.finding.effect = this.models.effect(p.fleet, p.finding.platform, p.appId, p.finding.identifier, p.userEnrollment);
    this.pending.length = 0;
  }

  private publishers(id: string | undefined): Named[] {
    const chain: Named[] = [];
    const publishers = this.plan.catalog.publishers;
    for (let p = id !== undefined ? publishers.get(id) : undefined; p && chain.length <= publishers.size; p = p.parent !== undefined ? publishers.get(p.parent) : undefined) {
      chain.push({ id: p.id, name: p.name });
    }
    return chain.reverse();
  }

  private reasonsOf(flag: Flag): ReasonChain[] {
    let r = this.reasons.get(flag);
    if (!r) this.reasons.set(flag, (r = flag.because.map((b) => reasonChain(this.plan.catalog, b, flag.app.id))));
    return r;
  }

  result(diagnostics: Diagnostic[]): AuditResult {
    const findings = this.findings.sort((a, b) => byCodeUnit(a.app.name, b.app.name) || byCodeUnit(a.app.id, b.app.id) || byCodeUnit(a.device, b.device) || byCodeUnit(a.identifier, b.identifier));
    const devicesWithFindings = deviceTally(findings, this.deviceFindings).withFindings;
    return { findings, deviceFindings: sortDeviceFindings(this.deviceFindings), devices: this.devices, devicesWithFindings, unassigned: this.unassigned, apps: this.apps, byPlatform: this.byPlatform, diagnostics };
  }
}

/** The one Apple platform these fleets have, if only one. */
function appleOf(fleets: readonly FleetPlan[]): 'ios' | 'macos' | undefined {
  const ios = fleets.some((f) => f.ios);
  const macos = fleets.some((f) => f.macos);
  return ios !== macos ? (ios ? 'ios' : 'macos') : undefined;
}
