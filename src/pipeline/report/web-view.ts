import { classesLabel, deviceClasses, gapCovers } from '../../plan/device-classes.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import { PLATFORMS, type FleetPlan, type GapReason, type Plan, type Source } from '../../plan/types.js';
import { safeHref } from './safe-url.js';

/**
 * The report's "Blocked websites" section (docs/web.md): per fleet, each blocked domain with whose
 * it is, where it is blocked and its first sources, and the domains reached but not blocked. One
 * collapsed table: the default report has a height budget.
 */
export interface WebView {
  fleet: string;
  rows: { domain: string; owner: string; where: string; sources: { text: string; href?: string }[] }[];
  notBlocked: string[];
}

const GAP_WORDS: Partial<Record<GapReason, string>> = {
  'web-unsupervised': 'not on unsupervised devices',
  'web-before-14.5': 'not before iOS 14.5',
  'web-no-browser-channel': 'no browser channel (set chrome)',
};
const CHANNEL: Record<string, string> = { ios: 'iOS web filter', macos: 'Chrome (macOS)', android: 'Chrome (Android)' };
const NOT_BLOCKED = { shared: 'shared with other services', 'low-confidence': 'low-confidence evidence', allowed: 'an exception allows it' };

export function webViews(plan: Plan): WebView[] {
  return plan.fleets.flatMap((fleet) => (fleet.web ? [webView(fleet)] : []));
}

function webView(fleet: FleetPlan): WebView {
  const web = fleet.web!;
  return {
    fleet: fleet.id,
    rows: web.blocked.map((d) => ({ domain: d.domain, owner: `${d.owner.name} (${d.owner.kind} ${d.owner.id})`, where: whereBlocked(fleet, d.domain), sources: d.sources.slice(0, 2).map(sourceView) })),
    notBlocked: web.notEnforced.map((n) => `${n.domain} (${NOT_BLOCKED[n.why]}${n.exception ? `: ${n.exception.kind} ${n.exception.id}` : ''})`),
  };
}

/** "iOS web filter; Chrome (Android); macOS: no browser channel (set chrome)". */
function whereBlocked(fleet: FleetPlan, domain: string): string {
  const web = fleet.web!;
  return PLATFORMS.flatMap((platform) => {
    const p = web[platform];
    if (!p) return [];
    const gaps = p.gaps.filter((g) => g.domains?.includes(domain));
    if (gaps.length === 0) return [CHANNEL[platform]!];
    const classes = deviceClasses(fleet, platform);
    const where = classes.filter((c) => gaps.some((g) => gapCovers(g, c)));
    const all = where.length === classes.length;
    const words = gaps.map((g) => GAP_WORDS[g.why] ?? g.why).join(', ');
    return [`${all ? PLATFORM_LABELS[platform] : CHANNEL[platform]}: ${all ? words : `${words} (${classesLabel(where)})`}`];
  }).join('; ');
}

function sourceView(s: Source): { text: string; href?: string } {
  const href = s.url !== undefined ? safeHref(s.url) : undefined;
  return { text: s.text, ...(href !== undefined && { href }) };
}
