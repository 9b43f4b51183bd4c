import { classesLabel, deviceClasses, uncoveredClasses } from '../../plan/device-classes.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import { PLATFORMS, type FleetPlan, type GapReason, type Plan, type Source } from '../../plan/types.js';
import { safeHref } from './safe-url.js';

/**
 * The report's "Blocked websites" section (docs/web.md): per fleet, each blocked domain with whose
 * it is, where it is blocked and its first sources, and the domains reached but not blocked. One
 * collapsed table: the default report has a height budget.
 */
export interface WebView {
  fleets: { fleet: string; rows: { domain: string; owner: string; where: string; cites: string }[]; notBlocked: string[] }[];
  /** Each source once, numbered; rows cite them by number (a report shows each link once). */
  sources: { n: number; text: string; href?: string }[];
}

const GAP_WORDS: Partial<Record<GapReason, string>> = {
  'web-unsupervised': 'not on unsupervised devices',
  'web-before-14.5': 'not before iOS 14.5',
  'web-no-browser-channel': 'no browser channel (set chrome)',
};
const CHANNEL: Record<string, string> = { ios: 'iOS web filter', macos: 'Chrome (macOS)', android: 'Chrome (Android)' };
const NOT_BLOCKED = { shared: 'shared with other services', 'low-confidence': 'low-confidence evidence', allowed: 'an exception allows it' };

/** Undefined when no fleet blocks web domains. */
export function webView(plan: Plan): WebView | undefined {
  const sources: WebView['sources'] = [];
  const numbers = new Map<string, number>();
  const cite = (s: Source) => {
    const key = `${s.url ?? ''}\n${s.url === undefined ? s.text : ''}`;
    let n = numbers.get(key);
    if (n === undefined) {
      numbers.set(key, (n = sources.length + 1));
      sources.push({ n, ...sourceView(s) });
    }
    return n;
  };
  const fleets = plan.fleets.flatMap((fleet) => (fleet.web ? [fleetView(fleet, cite)] : []));
  return fleets.length ? { fleets, sources } : undefined;
}

function fleetView(fleet: FleetPlan, cite: (s: Source) => number): WebView['fleets'][number] {
  const web = fleet.web!;
  return {
    fleet: fleet.id,
    rows: web.blocked.map((d) => ({ domain: d.domain, owner: `${d.owner.name} (${d.owner.kind} ${d.owner.id})`, where: whereBlocked(fleet, d.domain), cites: d.sources.map((s) => `[${cite(s)}]`).join('') })),
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
    const uncovered = uncoveredClasses(gaps, classes);
    const all = uncovered.length === 0;
    const where = classes.filter((c) => !uncovered.includes(c));
    const words = gaps.map((g) => GAP_WORDS[g.why] ?? g.why).join(', ');
    return [`${all ? PLATFORM_LABELS[platform] : CHANNEL[platform]}: ${all ? words : `${words} (${classesLabel(where)})`}`];
  }).join('; ');
}

/**
 * A source by its address: several domains cite one page for different lines of it, so the list
 * shows the page once (`catalog show` and `explain` give each source's own words).
 */
function sourceView(s: Source): { text: string; href?: string } {
  const href = s.url !== undefined ? safeHref(s.url) : undefined;
  return { text: s.url ?? s.text, ...(href !== undefined && { href }) };
}
