import type { Diagnostic } from '../../common/diagnostics/diagnostic.js';
import { handlebarsRuntime, precompiled, type CompileOptions, type Template } from '../../common/precompiled-templates.js';
import { chainText } from '../../plan/chain.js';
import type { Plan, Platform } from '../../plan/types.js';
import { reportStyle } from '../../pipeline/report/render.js';
import { safeHref } from '../../pipeline/report/safe-url.js';
import type { AuditResult, Finding } from './audit.js';
import { deviceFindingsView } from './device-findings.js';
import { deviceTally } from './tally.js';
import { ACTION_WORDS, INACTION_WORDS, NOTE_WORDS } from './words.js';

const PLATFORM_LABELS: Record<Platform, string> = { ios: 'iOS / iPadOS', macos: 'macOS', android: 'Android' };

let template: { render: Template; style: string; styleHash: string } | undefined;

/**
 * audit.html: the findings grouped by app, then device, in report.html's look (the same
 * stylesheet, the same Content-Security-Policy: the inline style by its hash, nothing else runs).
 * Every value is HTML-escaped by Handlebars; links only to https URLs (safeHref).
 */
export function auditHtml(plan: Plan, result: AuditResult, inventories: readonly string[]): Uint8Array {
  template ??= load();
  const model = {
    csp: { style: template.styleHash },
    style: template.style,
    policy: { name: plan.policy.name, id: plan.policy.id, ...(plan.policy.organization !== undefined && { organization: plan.policy.organization }) },
    inventories: inventories.join(', '),
    summary: summary(result),
    apps: apps(result.findings),
    makers: deviceFindingsView(result.deviceFindings, safeHref),
    diagnostics: result.diagnostics.map(diagnostic),
  };
  return new TextEncoder().encode(template.render(model));
}

/** templates/report/audit.html.hbs as the build precompiles it (src/build/templates.ts). */
export const AUDIT_TEMPLATE = { key: 'audit:audit.html', file: 'audit.html.hbs', options: { preventIndent: true, knownHelpersOnly: true, strict: false } as CompileOptions };

/** The build's audit page and report.css (the report's `style` partial): the library reads no template file. */
function load() {
  return { render: precompiled(handlebarsRuntime(), AUDIT_TEMPLATE.key), ...reportStyle() };
}

/** The same counts as the text and --json (deviceTally): devices, each counted once. */
function summary(r: AuditResult) {
  const tally = deviceTally(r.findings, r.deviceFindings);
  const flagged = r.findings.filter((f) => f.status !== 'allowed').length;
  const made = tally.madeByNamedMaker ? `, ${tally.madeByNamedMaker} devices made by a manufacturer the policy names` : '';
  const inAll = tally.withFlaggedApps && tally.madeByNamedMaker ? `; ${r.devicesWithFindings} devices with findings in all` : '';
  return {
    sentence: `${r.devices} devices and ${r.apps} installed apps read: ${flagged} flagged installs on ${tally.withFlaggedApps} devices${made}${r.findings.length > flagged ? `, ${r.findings.length - flagged} more allowed by an exception` : ''}${inAll}${r.unassigned ? `; ${r.unassigned} devices in no fleet` : ''}.`,
    platforms: (Object.keys(PLATFORM_LABELS) as Platform[]).filter((p) => r.byPlatform[p] > 0).map((p) => ({ label: PLATFORM_LABELS[p], devices: r.byPlatform[p], flagged: tally.byPlatform[p] })),
  };
}

function apps(findings: readonly Finding[]) {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.app.id, [...(groups.get(f.app.id) ?? []), f]);
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const reasons = new Map<string, object>();
    for (const f of group) {
      for (const r of f.reasons) {
        const text = chainText(r);
        if (!reasons.has(text)) {
          const references = r.references.map((x) => ({ ...x, ...(safeHref(x.url) !== undefined && { href: safeHref(x.url) }) }));
          reasons.set(text, { text, ...(r.reason !== undefined && { reason: r.reason }), at: `${r.rule.at.file}:${r.rule.at.line}:${r.rule.at.col}`, references });
        }
      }
    }
    return {
      anchor: `app-${first.app.id}`,
      name: first.app.name,
      id: first.app.id,
      count: group.length,
      publishers: first.publishers.map((p) => p.name).join(' → '),
      reasons: [...reasons.values()],
      devices: group.map(deviceRow),
    };
  });
}

function deviceRow(f: Finding) {
  const e = f.exception;
  return {
    device: f.device,
    platform: PLATFORM_LABELS[f.platform],
    fleet: f.fleet ?? 'none',
    identifier: f.identifier,
    ...(f.installed.version !== undefined && { version: f.installed.version }),
    effect: f.effect.acts.length ? f.effect.acts.map((a) => ACTION_WORDS[a]).join(' and ') : `nothing: ${INACTION_WORDS[f.effect.nothing!]}`,
    nothing: f.effect.acts.length === 0,
    notes: f.effect.notes.map((n) => NOTE_WORDS[n]),
    ...(e && { exception: `${e.kind} exception "${e.id}"${e.until !== undefined ? ` until ${e.until}` : ''}${e.reason !== undefined ? `: ${e.reason}` : ''}` }),
    inventory: `${f.inventory.file}${f.inventory.line !== undefined ? `:${f.inventory.line}:${f.inventory.col}` : ''}${f.inventory.path ? ` ${f.inventory.path}` : ''}`,
  };
}

function diagnostic(d: Diagnostic) {
  return { where: `${d.file ?? ''}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}`, severity: d.severity, code: d.code, message: d.message };
}
