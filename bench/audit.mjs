// The audit rows of `npm run bench` (issue #18): `mdm-blocklist audit` of the shipped default
// policy against synthetic AMAPI inventories of 1,000 / 10,000 / 100,000 devices × 150 apps, set
// beside a floor that only reads and JSON-parses the same files. Each run in a fresh process;
// audit and floor runs alternate so a busy moment hits both alike.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS_PER_DEVICE, generateInventory } from './generate-inventory.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const POLICY = join(root, 'policies', 'clean-network.yaml');

/** What the issue asks of audit: time and peak memory against the floor, linear growth. */
export const AUDIT_TARGETS = { ratio: 1.5, rss: 2, scaling: 11 };

export async function measureAudit(work, { quick, runs }) {
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const flagged = await flaggedPackages();
  const rows = [];
  for (const devices of sizes) {
    const dir = join(work, `inventory-${devices}`);
    const { files, bytes } = generateInventory(dir, { devices, flagged });
    const n = runs ?? (devices >= 100_000 ? 1 : 3);
    const audits = [];
    const floors = [];
    for (let i = 0; i < n; i++) {
      audits.push(child('child-audit.mjs', [POLICY, ...files]));
      floors.push(child('child-audit-floor.mjs', files));
    }
    rmSync(dir, { recursive: true, force: true });
    const a = medianRun(audits);
    const f = medianRun(floors);
    if (a.devices !== devices || f.devices !== devices) throw new Error(`audit read ${a.devices} devices and the floor ${f.devices}, of ${devices}`);
    rows.push({
      devices,
      appReports: devices * APPS_PER_DEVICE,
      files: files.length,
      inventoryMb: bytes / 2 ** 20,
      runs: n,
      findings: a.findings,
      audit: { ms: a.ms, resolveMs: a.resolveMs, cpuMs: a.cpuMs, peakMb: a.maxRssKb / 1024 },
      floor: { ms: f.ms, cpuMs: f.cpuMs, peakMb: f.maxRssKb / 1024 },
      ratio: a.ms / f.ms,
      cpuRatio: a.cpuMs / f.cpuMs,
      rssRatio: a.maxRssKb / f.maxRssKb,
    });
    const r = rows.at(-1);
    console.log(`  audit ${fmt(devices)} devices: audit ${ms(r.audit.ms)} (+ policy ${ms(r.audit.resolveMs)}), floor ${ms(r.floor.ms)} (${r.ratio.toFixed(2)}×), peak ${r.audit.peakMb.toFixed(0)} / ${r.floor.peakMb.toFixed(0)} MB`);
  }
  const scaling = sizes.slice(1).map((to) => {
    const from = rows.find((r) => r.devices === to / 10);
    const next = rows.find((r) => r.devices === to);
    return { from: to / 10, to, timeRatio: next.audit.ms / from.audit.ms };
  });
  return { rows, scaling, targets: judge(rows, scaling) };
}

/** The default fleet's blocked Android packages: the apps the synthetic devices have installed. */
async function flaggedPackages() {
  const { resolvePolicy } = await import(join(root, 'dist', 'index.js'));
  const { plan } = await resolvePolicy(POLICY, { today: '2026-11-28' });
  return plan.fleets.flatMap((f) => f.android?.blocked.map((b) => b.identifier) ?? []);
}

function judge(rows, scaling) {
  const verdict = (name, value, limit, where) => ({ name, value: Number(value.toFixed(2)), limit, met: value <= limit, where });
  const big = rows.filter((r) => r.devices >= 10_000);
  const worst = (key) => big.reduce((a, b) => (b[key] > a[key] ? b : a));
  const worstScaling = scaling.reduce((a, b) => (b.timeRatio > a.timeRatio ? b : a));
  return [
    verdict('audit time / floor time', worst('ratio').ratio, AUDIT_TARGETS.ratio, `${fmt(worst('ratio').devices)} devices (worst of 10k and up)`),
    verdict('audit peak RSS / floor peak RSS', worst('rssRatio').rssRatio, AUDIT_TARGETS.rss, `${fmt(worst('rssRatio').devices)} devices (worst of 10k and up)`),
    verdict('audit time for 10× the devices', worstScaling.timeRatio, AUDIT_TARGETS.scaling, `${fmt(worstScaling.from)} → ${fmt(worstScaling.to)} devices (worst)`),
  ];
}

export function auditReport({ rows, scaling, targets }, table) {
  const main = table(
    ['devices', 'app reports', 'files', 'MB', 'audit ms', 'floor ms', 'ratio', 'CPU ratio', 'peak MB', 'floor peak MB', 'RSS ratio', 'policy ms', 'findings'],
    rows.map((r) => [
      fmt(r.devices),
      r.appReports.toLocaleString('en-US'),
      String(r.files),
      r.inventoryMb.toFixed(0),
      ms(r.audit.ms),
      ms(r.floor.ms),
      `${r.ratio.toFixed(2)}×`,
      `${r.cpuRatio.toFixed(2)}×`,
      r.audit.peakMb.toFixed(0),
      r.floor.peakMb.toFixed(0),
      `${r.rssRatio.toFixed(2)}×`,
      ms(r.audit.resolveMs),
      String(r.findings),
    ]),
    1,
  );
  const scale = table(['devices', 'time ratio'], scaling.map((s) => [`${fmt(s.from)} → ${fmt(s.to)}`, `${s.timeRatio.toFixed(2)}×`]), 1);
  const verdicts = targets.map((t) => `${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.value.toFixed(2)}× (target ≤ ${t.limit}×) at ${t.where}`);
  return ['Audit (AMAPI pages of 100 devices × 150 apps; audit ms excludes resolving the policy, shown apart):', '', main, '', 'Audit scaling (10× the devices):', '', scale, '', 'Audit targets:', ...verdicts].join('\n');
}

function child(script, argv) {
  const r = spawnSync(process.execPath, [join(here, script), ...argv], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, cwd: root });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

function medianRun(runs) {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
}

function ms(v) {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

function fmt(n) {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}
