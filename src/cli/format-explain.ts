import type { SourcePosition } from '../common/diagnostics/diagnostic.js';
import type { AppAnswer, DomainAnswer, Explanation, ManufacturerAnswer, PlatformAnswer, PublisherAnswer } from '../features/explain/explain.js';
import { chainText, type ReasonChain } from '../plan/chain.js';
import { IDENTIFIER_LABELS, PLATFORM_LABELS } from '../plan/labels.js';
import type { Reference } from '../plan/types.js';
import { paint } from './print.js';
import { reportedAs } from '../plan/made-by.js';

const pos = (p: SourcePosition) => `${p.file}:${p.line}:${p.col}`;

/** The answer to `explain`, for a terminal: per fleet and platform, the status, then why. */
export function formatExplanation(e: Explanation, color: boolean): string {
  if (e.answers.length === 0) {
    return `Nothing in the catalog matches "${e.query}" (an app id, publisher id, bundle ID, package name, Team ID, web domain or name): no rule can block it.${e.suggestion !== undefined ? ` Did you mean "${e.suggestion}"?` : ''}\n`;
  }
  return e.answers.map((a) => (a.kind === 'app' ? appText(a, color) : a.kind === 'publisher' ? publisherText(a, color) : a.kind === 'domain' ? domainText(a, color) : manufacturerText(a, color))).join('\n');
}

function status(a: PlatformAnswer, color: boolean): string {
  const word = { blocked: paint(color, '31;1', 'BLOCKED'), allowed: paint(color, '32;1', 'ALLOWED'), 'not-enforced': paint(color, '33;1', 'NOT ENFORCED'), 'no-build': 'no build', 'not-blocked': 'not blocked' }[a.status];
  const label = IDENTIFIER_LABELS[a.platform];
  const detail =
    a.status === 'allowed' && a.exception
      ? `by the exception for ${a.exception.kind} ${a.exception.id}${a.exception.until !== undefined ? ` until ${a.exception.until}` : ' (no end date)'} (${pos(a.exception.at)})${a.exception.reason !== undefined ? `: ${a.exception.reason}` : ''}`
      : a.status === 'not-enforced'
        ? a.notEnforced === 'low-confidence'
          ? `${label} ${a.identifier ?? ''} has low-confidence evidence (options.includeLowConfidence is off)`
          : `no ${PLATFORM_LABELS[a.platform]} ${label} in the catalog, so no artifact can carry it`
        : a.status === 'no-build'
          ? `the app has no ${PLATFORM_LABELS[a.platform]} build (the catalog says absent), so there is nothing to block`
          : a.status === 'not-blocked'
            ? 'no rule in this fleet reaches it'
            : [a.identifier, a.team ? `Team ID ${a.team.teamId} (${a.team.publisher.name}, every app of the publisher)` : undefined].filter(Boolean).join(' and by ');
  const sep = a.status === 'not-enforced' || a.status === 'no-build' || a.status === 'not-blocked' ? ': ' : ' ';
  return `${word}${detail ? `${sep}${detail}` : ''}`;
}

function appText(a: AppAnswer, color: boolean): string {
  const lines = [paint(color, '1', `${a.app.name} (app ${a.app.id})`) + `, matched by ${a.matchedBy}`];
  if (a.app.aliases.length) lines.push(`  also known as: ${a.app.aliases.join(', ')}`);
  if (a.app.publishers.length) lines.push(`  publisher: ${a.app.publishers.map((p) => `${p.name} (${p.id})`).join(' ← ')}`);
  if (a.app.featureOf) lines.push(`  an in-app feature of ${a.app.featureOf.name} (${a.app.featureOf.id}): blocking it blocks the host app, as below`);
  const ids = Object.entries(a.app.identifiers).map(([p, v]) => `${PLATFORM_LABELS[p as keyof typeof PLATFORM_LABELS]} ${v}`);
  lines.push(`  identifiers: ${ids.length ? ids.join(' · ') : 'none'}`);
  if (a.app.preinstalled) lines.push('  pre-installed: the manufacturer ships it as a system app; on Android BLOCKED keeps Play from installing it, and the factory copy stays (docs/effect.md, "Pre-installed apps")');
  lines.push(`  catalog entry: ${pos(a.app.at)}`);
  for (const fleet of a.fleets) {
    lines.push('', `  fleet ${fleet.fleet}`);
    const width = Math.max(...fleet.platforms.map((p) => PLATFORM_LABELS[p.platform].length));
    for (const p of fleet.platforms) lines.push(`    ${PLATFORM_LABELS[p.platform].padEnd(width)}  ${status(p, color)}`);
    const chains = distinct([...fleet.platforms.flatMap((p) => p.reasons), ...fleet.platforms.flatMap((p) => p.team?.reasons ?? [])]);
    if (chains.length) {
      const allowed = fleet.platforms.some((p) => p.status === 'allowed');
      lines.push(`    ${allowed ? 'the rules the exception overrides' : 'why'}:`);
      for (const c of chains) lines.push(...chainLines(c, '      '));
    }
  }
  return lines.join('\n') + '\n';
}

function publisherText(a: PublisherAnswer, color: boolean): string {
  const p = a.publisher;
  const lines = [paint(color, '1', `${p.name} (publisher ${p.id})`) + `, matched by ${a.matchedBy}`];
  if (p.parents.length) lines.push(`  part of: ${p.parents.map((x) => `${x.name} (${x.id})`).join(' ← ')}`);
  if (p.subsidiaries.length) lines.push(`  subsidiaries: ${p.subsidiaries.map((x) => `${x.name} (${x.id})`).join(', ')}`);
  const owned = (t: { value: string; owner: { id: string; name: string } }) => `${t.value} (${t.owner.id === p.id ? 'its own' : `${t.owner.name}, subsidiary`})`;
  lines.push(`  Apple Team IDs: ${p.teamIds.length ? p.teamIds.map(owned).join(', ') : 'none in the catalog, for it or its subsidiaries'}`);
  lines.push(`  catalog entry: ${pos(p.at)}`);
  for (const t of a.teams) {
    const why = { 'low-confidence': 'its evidence is low-confidence', exception: 'an exception allows one of its apps, and a Team ID rule would block that app too', 'no-rule': 'no publisher rule in this fleet reaches it' };
    lines.push(`  fleet ${t.fleet}, macOS: Team ID ${t.teamId}${t.owner.id === p.id ? '' : ` (${t.owner.name})`} ${t.blocked ? paint(color, '31;1', 'BLOCKED') : `not blocked: ${why[t.notBlocked ?? 'no-rule']}`}`);
    for (const c of t.reasons) lines.push(...chainLines(c, '    '));
  }
  lines.push('', `  apps (${a.apps.length}):`);
  if (a.apps.length === 0) lines.push('    none in the catalog');
  for (const app of a.apps) {
    const where = app.fleets.map((f) => `${f.fleet}: ${f.platforms.map((x) => `${x.platform} ${x.status}`).join(', ')}`).join('; ');
    lines.push(`    ${app.app.name} (${app.app.id}): ${where || 'no fleet'}`);
  }
  if (a.apps.length) lines.push('', `  Run "mdm-blocklist explain <app id>" for the reasons behind one app.`);
  return lines.join('\n') + '\n';
}

function manufacturerText(a: ManufacturerAnswer, color: boolean): string {
  const m = a.manufacturer;
  const reports = reportedAs(m);
  const lines = [paint(color, '1', `${m.name} (manufacturer ${m.id})`) + `, matched by ${a.matchedBy}`, `  devices that report (hardwareInfo): ${reports}`, `  catalog entry: ${pos(m.at)}`];
  if (!a.rule) {
    lines.push('  no rule of this policy names it');
    return lines.join('\n') + '\n';
  }
  lines.push(`  ${paint(color, '33;1', 'NO ARTIFACT')}: named by block.manufacturers (${pos(a.rule.at)}), but no MDM file blocks a device by its maker.`);
  lines.push("  what you can do: restrict enrollment of these devices in your MDM, plan their retirement, and run `mdm-blocklist audit` on your inventory to find them");
  if (a.rule.reason !== undefined) lines.push(`  reason: ${a.rule.reason}`);
  for (const r of a.rule.references) lines.push(`  reference: ${reference(r)}`);
  return lines.join('\n') + '\n';
}

function domainText(a: DomainAnswer, color: boolean): string {
  const d = a.domain;
  const lines = [paint(color, '1', `${d.value} (web domain of ${d.owner.kind} ${d.owner.id}, ${d.owner.name})`) + `, ${d.confidence} confidence${d.shared ? ', shared with other services' : ''}`];
  for (const s of d.sources) lines.push(`  source: ${s.text}${s.url !== undefined ? ` <${s.url}>` : ''}`);
  if (d.note !== undefined) lines.push(`  note: ${d.note}`);
  lines.push(`  catalog entry: ${pos(d.at)}`);
  const why = {
    allowed: 'ALLOWED by an exception',
    shared: 'not blocked: shared with other services (never blocked)',
    'low-confidence': 'not blocked: low-confidence evidence (options.includeLowConfidence is off)',
    'not-blocked': 'not blocked: no rule of this fleet that blocks web domains reaches it',
  };
  for (const f of a.fleets) {
    const head = f.status === 'blocked' ? paint(color, '31;1', 'BLOCKED') : f.status === 'allowed' ? paint(color, '32;1', why.allowed) : why[f.status];
    lines.push('', `  fleet ${f.fleet}: ${head}${f.exception ? ` (${f.exception.kind} ${f.exception.id})` : ''}`);
    for (const p of f.platforms) lines.push(`    ${PLATFORM_LABELS[p.platform]}: ${p.blocked ? 'blocked in the managed browser' : `not blocked on ${p.gap!.devices} (${p.gap!.why})`}`);
    if (f.reasons.length) lines.push(`    ${f.status === 'blocked' ? 'why' : 'the rules that reach it'}:`);
    for (const c of distinct(f.reasons)) lines.push(...chainLines(c, '      '));
  }
  return lines.join('\n') + '\n';
}

function chainLines(c: ReasonChain, indent: string): string[] {
  const lines = [`${indent}${chainText(c)} (${pos(c.rule.at)})`];
  if (c.reason !== undefined) lines.push(`${indent}  reason: ${c.reason}`);
  for (const r of c.references) lines.push(`${indent}  reference: ${reference(r)}`);
  return lines;
}

function reference(r: Reference): string {
  return [r.title, r.issuer, r.date].filter(Boolean).join(', ') + ` <${r.url}>`;
}

/** The same rule reaches an app once per platform; show it once. */
function distinct(chains: ReasonChain[]): ReasonChain[] {
  const seen = new Set<string>();
  return chains.filter((c) => {
    const key = `${chainText(c)}@${pos(c.rule.at)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
