import type { SourcePosition } from '../common/diagnostics/diagnostic.js';
import type { Catalog, Provenance, Reference } from './types.js';

export interface Named {
  id: string;
  name: string;
}

/**
 * One reason an app is blocked, spelled out with names, as the report and `explain` show it:
 * the rule, the publishers from the rule's down to the app's own, the catalog entry, the references.
 */
export interface ReasonChain {
  rule: { kind: 'app' | 'publisher'; id: string; name: string; at: SourcePosition };
  /** Publisher rules: the rule's publisher, then each subsidiary down to the app's publisher. */
  publishers: Named[];
  /** When the rule named an in-app feature (WeChat Pay) that blocks its host app. */
  feature?: Named;
  /** The catalog entry of the app that is blocked; absent when a whole publisher is (macOS Team IDs). */
  app?: Named & { at: SourcePosition };
  reason?: string;
  references: Reference[];
}

/** Turns a provenance (ids only) into names from the catalog; `appId` undefined for a publisher's Team ID. */
export function reasonChain(catalog: Catalog, because: Provenance, appId?: string): ReasonChain {
  const app = appId !== undefined ? catalog.apps.get(appId) : undefined;
  const last = because.via.at(-1);
  // resolve appends a feature's app id to `via`; app and publisher ids never collide (ID_COLLISION).
  const featureId = last !== undefined && catalog.apps.has(last) ? last : undefined;
  const publisherIds = featureId !== undefined ? because.via.slice(0, -1) : because.via;
  const ruleName = because.rule === 'app' ? catalog.apps.get(because.ruleId)?.name : catalog.publishers.get(because.ruleId)?.name;
  const chain: ReasonChain = {
    rule: { kind: because.rule, id: because.ruleId, name: ruleName ?? because.ruleId, at: because.at },
    publishers: publisherIds.map((id) => ({ id, name: catalog.publishers.get(id)?.name ?? id })),
    references: because.references,
  };
  if (app) chain.app = { id: app.id, name: app.name, at: app.at };
  if (featureId !== undefined) chain.feature = { id: featureId, name: catalog.apps.get(featureId)!.name };
  if (because.reason !== undefined) chain.reason = because.reason;
  return chain;
}

/** `publisher rule "bytedance": ByteDance → TikTok Pte. Ltd. → TikTok`, one line. */
export function chainText(chain: ReasonChain): string {
  const host = chain.app?.name ?? '';
  const steps = [
    ...chain.publishers.map((p) => p.name),
    ...(chain.feature ? [`${chain.feature.name} (a feature of ${host})`] : chain.app ? [chain.app.name] : []),
  ];
  const head = `${chain.rule.kind} rule "${chain.rule.id}"`;
  return chain.rule.kind === 'app' && !chain.feature ? head : `${head}: ${steps.join(' → ')}`;
}
