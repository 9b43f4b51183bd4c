// Deterministic synthetic inputs for the benchmark: a catalog of `apps` apps across 500
// publishers in several files, and a policy that blocks 100 publishers plus single apps so that
// each fleet ends up with about 3,000 blocked apps (the AMAPI cap on Policy.applications).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PUBLISHERS = 500;
export const BLOCKED_PUBLISHERS = 100;
export const SINGLE_APPS = 100;
/** Apps of the blocked publishers: with the single apps, about 3,000 per fleet once the catalog is big enough. */
const BLOCKED_PUBLISHER_APPS = 2_850;
/** Catalog files, 10 publishers each: at 100,000 apps each holds about 2,400 apps (1.2 MB). */
const CATALOG_FILES = 50;

/** mulberry32: a small seeded PRNG, so every run generates the same bytes. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['zen', 'tri', 'vo', 'lux', 'ka', 'mi', 'ra', 'no', 'tel', 'qua', 'sun', 'bit', 'neo', 'ori', 'pax', 'dy', 'fa', 'go', 'hu', 'ji'];
const WORDS = ['photo', 'video', 'chat', 'cloud', 'music', 'maps', 'browser', 'wallet', 'news', 'games', 'shop', 'notes', 'mail', 'live', 'cam', 'scan', 'vpn', 'clean', 'fit', 'read'];
const SUFFIXES = ['Technology Co., Ltd.', 'Network Technology Co., Ltd.', 'Holdings Limited', 'Software Inc.', 'Mobile Pte. Ltd.'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Writes `<dir>/catalog/*.yaml` and, for each fleet count n, `<dir>/policy-<n>.yaml` (all
 * including the same catalog); returns each policy's path. Every fleet has iOS, macOS and
 * Android with every option that adds an artifact.
 */
export function generate(dir, { apps, fleetCounts, seed = 8 }) {
  const rnd = prng(seed * 1_000_003 + apps);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const word = (n) => Array.from({ length: n }, () => pick(SYLLABLES)).join('');
  const teamId = () => Array.from({ length: 10 }, () => pick(ALNUM)).join('');

  const publishers = Array.from({ length: PUBLISHERS }, (_, i) => {
    const stem = `${word(2)}${i}`;
    return { id: `${stem}-tech`, stem, name: `${cap(stem)} ${pick(SUFFIXES)}`, teams: rnd() < 0.3 ? [teamId(), teamId()] : [teamId()], apps: [] };
  });
  // Ten blocked publishers own a subsidiary each among the blocked ones: rules reach apps twice.
  for (let i = 0; i < 10; i++) publishers[BLOCKED_PUBLISHERS - 1 - i].parent = publishers[i].id;

  // Blocked publishers share a fixed number of apps (all of them at 1,000 apps would be 60%).
  const blockedApps = Math.min(BLOCKED_PUBLISHER_APPS, Math.floor(apps * 0.6));
  for (let a = 0; a < apps; a++) {
    const owner = a < blockedApps ? Math.floor(rnd() * BLOCKED_PUBLISHERS) : BLOCKED_PUBLISHERS + Math.floor(rnd() * (PUBLISHERS - BLOCKED_PUBLISHERS));
    publishers[owner].apps.push(a);
  }

  const catalogDir = join(dir, 'catalog');
  mkdirSync(catalogDir, { recursive: true });
  const files = [];
  const appId = (p, a) => `${p.stem}-app${a}`;
  const perFile = PUBLISHERS / CATALOG_FILES;
  for (let f = 0; f < CATALOG_FILES; f++) {
    const name = `part-${String(f + 1).padStart(2, '0')}.yaml`;
    writeFileSync(join(catalogDir, name), catalogFile(publishers.slice(f * perFile, (f + 1) * perFile), rnd, appId));
    files.push(name);
  }
  writeFileSync(join(catalogDir, 'index.yaml'), `# Synthetic catalog (seed ${seed}): ${apps} apps, ${PUBLISHERS} publishers.\nversion: 1\ninclude:\n${files.map((f) => `  - ${f}\n`).join('')}`);

  // Single apps: from publishers nobody blocks whole, spread over the catalog.
  const others = publishers.slice(BLOCKED_PUBLISHERS).flatMap((p) => p.apps.map((a) => appId(p, a)));
  const singles = Array.from({ length: Math.min(SINGLE_APPS, others.length) }, (_, i) => others[Math.floor((i * others.length) / SINGLE_APPS)]);

  const policies = {};
  for (const fleets of fleetCounts) {
    const fleetIds = Array.from({ length: fleets }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`);
    policies[fleets] = join(dir, `policy-${fleets}.yaml`);
    writeFileSync(policies[fleets], policyFile({ publishers, singles, fleetIds, rnd: prng(seed + fleets), appId }));
  }
  return { policies, catalogFiles: files.map((f) => join(catalogDir, f)).concat(join(catalogDir, 'index.yaml')) };
}

function catalogFile(publishers, rnd, appId) {
  const out = ['# Synthetic catalog part: identifiers and sources are made up, shaped like real ones.', 'version: 1', 'publishers:'];
  for (const p of publishers) {
    out.push(`  - id: ${p.id}`, `    name: "${p.name}"`, '    legalNames:', `      - "${p.name}"`);
    if (p.parent) out.push(`    parent: ${p.parent}`);
    out.push('    country: CN', '    apple:', '      teamIds:');
    for (const t of p.teams) {
      out.push(`        - value: ${t}`, '          confidence: high', '          sources:', `            - "codesign of ${cap(p.stem)}.app: TeamIdentifier=${t}"`);
    }
    out.push('    sources:', `      - text: "Store seller page of ${p.name}"`, `        url: https://apps.apple.com/developer/${p.stem}/id${1_000_000 + p.apps.length}`);
  }
  out.push('apps:');
  for (const p of publishers) {
    for (const a of p.apps) {
      const id = appId(p, a);
      const product = `${WORDS[a % WORDS.length]}${a}`;
      const bundle = `com.${p.stem}.${product}`;
      const confidence = rnd() < 0.02 ? 'low' : rnd() < 0.05 ? 'medium' : 'high';
      out.push(`  - id: ${id}`, `    name: "${cap(p.stem)} ${cap(product)}"`, `    publisher: ${p.id}`, `    confidence: ${confidence}`);
      if (rnd() < 0.95) {
        out.push(
          '    ios:',
          '      bundleId:',
          `        value: ${bundle}`,
          '        sources:',
          `          - "iTunes lookup ${1_400_000_000 + a}: bundleId ${bundle}"`,
          `      appStoreId: ${1_400_000_000 + a}`,
          `      teamId: ${p.teams[0]}`,
        );
      }
      if (rnd() < 0.25) out.push('    macos:', `      bundleId: ${bundle}.mac`, `      teamId: ${p.teams[0]}`);
      if (rnd() < 0.9) {
        out.push(
          '    android:',
          '      package:',
          `        value: ${bundle}`,
          '        sources:',
          `          - text: Google Play listing`,
          `            url: https://play.google.com/store/apps/details?id=${bundle}`,
        );
      }
    }
  }
  return out.join('\n') + '\n';
}

function policyFile({ publishers, singles, fleetIds, rnd, appId }) {
  const modes = ['fully-managed', 'company-owned-work-profile', 'personally-owned-work-profile'];
  const iosVersions = ['15.0', '17.0', '26.0'];
  const out = [
    '# Synthetic benchmark policy: 100 publishers and single apps, every target on.',
    'version: 1',
    'id: dev.example.bench',
    'name: Benchmark blocklist',
    'organization: Example Organization',
    'description: Synthetic policy generated by bench/generate.mjs.',
    'include:',
    '  - catalog/index.yaml',
    'references:',
    '  feed-2026:',
    '    title: Threat-intelligence feed of flagged apps',
    '    url: https://intel.example.org/feeds/flagged-apps',
    '    issuer: Example Security Office',
    '    date: "2026-01-15"',
    'fleets:',
  ];
  fleetIds.forEach((f, i) => {
    out.push(
      `  ${f}:`,
      `    description: Fleet ${i + 1}`,
      '    ios:',
      `      minVersion: "${iosVersions[i % iosVersions.length]}"`,
      `      legacyKeys: ${i % 2 === 0}`,
      '      removeApps: true',
      '    macos:',
      '      santa: true',
      '    android:',
      `      mode: ${modes[i % modes.length]}`,
    );
  });
  const scoped = fleetIds.filter((_, i) => i % 2 === 0);
  out.push('block:', '  publishers:');
  publishers.slice(0, BLOCKED_PUBLISHERS).forEach((p, i) => {
    out.push(`    - id: ${p.id}`, `      reason: "Flagged by the feed (${p.name})"`, '      references:', '        - feed-2026');
    if (i % 10 === 9 && scoped.length < fleetIds.length) out.push(`      fleets: [${scoped.join(', ')}]`);
  });
  out.push('  apps:');
  singles.forEach((id, i) => {
    out.push(`    - id: ${id}`, '      references:', '        - feed-2026');
    if (i % 20 === 19 && scoped.length < fleetIds.length) out.push(`      fleets: [${scoped.join(', ')}]`);
  });
  for (let i = 0; i < 5; i++) {
    const stem = `inline${i}${Math.floor(rnd() * 1000)}`;
    out.push(`    - id: ${stem}`, `      name: Sideloaded ${stem}`, `      ios: { bundleId: com.${stem}.app }`, `      android: { package: com.${stem}.app }`, '      reason: Seen in the field, not in the catalog');
  }
  // Exceptions: two apps of blocked publishers stay allowed in the first fleet.
  out.push('allow:');
  for (const p of publishers.slice(20, 22)) {
    if (p.apps.length) out.push(`  - app: ${appId(p, p.apps[0])}`, `    fleets: [${fleetIds[0]}]`, '    until: "2099-12-31"', '    reason: Needed by a pilot group');
  }
  return out.join('\n') + '\n';
}

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
