import type { AuditResult, Finding } from '../features/audit/audit.js';
import { deviceFindingsText } from '../features/audit/device-findings.js';
import { deviceTally } from '../features/audit/tally.js';
import { ACTION_WORDS, INACTION_WORDS, NOTE_WORDS } from '../features/audit/words.js';
import { chainText } from '../plan/chain.js';
import { paint, printable } from './print.js';

/** Findings grouped by app, then device: what is installed where, why it is flagged, what will act. */
export function formatAudit(result: AuditResult, color: boolean): string {
  const out: string[] = [];
  for (const group of byApp(result.findings)) {
    const first = group[0]!;
    const publishers = first.publishers.map((p) => p.name).join(' → ');
    out.push(`${paint(color, '1', printable(first.app.name))} (${first.app.id})${publishers ? ` — ${printable(publishers)}` : ''}`);
    const reasons = new Map<string, string>();
    for (const f of group) for (const r of f.reasons) reasons.set(chainText(r), referenceText(r.reason, r.references));
    for (const [chain, why] of reasons) out.push(`  flagged by ${printable(chain)}${why}`);
    for (const f of group) out.push(`  ${deviceLine(f, color)}`);
    out.push('');
  }
  out.push(...deviceFindingsText(result.deviceFindings, (t) => paint(color, '1', t), printable));
  out.push(summary(result));
  return out.join('\n') + '\n';
}

function byApp(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.app.id);
    if (g) g.push(f);
    else groups.set(f.app.id, [f]);
  }
  return [...groups.values()];
}

function deviceLine(f: Finding, color: boolean): string {
  const version = f.installed.version !== undefined ? ` ${f.installed.version}` : '';
  const where = `${f.platform}, ${f.fleet !== null ? `fleet ${f.fleet}` : 'no fleet'}`;
  const effect = f.effect.acts.length
    ? paint(color, '32', f.effect.acts.map((a) => ACTION_WORDS[a]).join(' and '))
    : paint(color, '33', `nothing: ${INACTION_WORDS[f.effect.nothing!]}`);
  const exception = f.exception ? ` (${f.exception.kind} exception "${f.exception.id}"${f.exception.until ? ` until ${f.exception.until}` : ''}${f.exception.reason ? `: ${f.exception.reason}` : ''})` : '';
  const notes = f.effect.notes.length ? `; ${f.effect.notes.map((n) => NOTE_WORDS[n]).join('; ')}` : '';
  return printable(`${f.device} (${where}) ${f.identifier}${version} → `) + effect + printable(exception + notes);
}

function referenceText(reason: string | undefined, references: readonly { title: string; url: string }[]): string {
  const parts = [...(reason !== undefined ? [reason] : []), ...references.map((r) => `${r.title} <${r.url}>`)];
  return parts.length ? ` — ${parts.join('; ')}` : '';
}

function summary(r: AuditResult): string {
  const flagged = r.findings.filter((f) => f.status !== 'allowed').length;
  const allowed = r.findings.length - flagged;
  const platforms = (Object.entries(r.byPlatform) as [string, number][]).filter(([, n]) => n > 0).map(([p, n]) => `${p} ${n}`).join(', ');
  const head = `${r.devices} device${r.devices === 1 ? '' : 's'}${platforms ? ` (${platforms})` : ''}, ${r.apps} installed app${r.apps === 1 ? '' : 's'}`;
  const tally = deviceTally(r.findings, r.deviceFindings);
  const onDevices = tally.withFlaggedApps;
  const found = r.findings.length === 0 ? 'no flagged app is installed' : `${flagged} flagged install${flagged === 1 ? '' : 's'} on ${onDevices} device${onDevices === 1 ? '' : 's'}${allowed ? `, ${allowed} more allowed by an exception` : ''}`;
  const madeDevices = tally.madeByNamedMaker;
  const made = madeDevices ? `; ${madeDevices} device${madeDevices === 1 ? '' : 's'} made by a manufacturer the policy names` : '';
  // Said only when both kinds are there: otherwise it is the one count already given.
  const inAll = onDevices && madeDevices ? `; ${r.devicesWithFindings} device${r.devicesWithFindings === 1 ? '' : 's'} with findings in all` : '';
  const unassigned = r.unassigned ? `; ${r.unassigned} device${r.unassigned === 1 ? ' is' : 's are'} in no fleet (--fleet places them)` : '';
  return `Audited ${head}: ${found}${made}${inAll}${unassigned}.`;
}
