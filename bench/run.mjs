// npm run bench [-- --quick] [-- --cold] [-- --audit] [-- --runs N] [-- --keep]
//
// Compiles synthetic catalogs of 1,000 / 10,000 / 100,000 apps into 1 and 20 fleets and sets each
// compile beside its floor (the same YAML parsed, the same plists and JSON built, the same bytes
// written, nothing else), each measurement in a fresh process; then times the CLI's cold start on
// the default policy against `node -e 0`; then audits synthetic AMAPI inventories of 1,000 /
// 10,000 / 100,000 devices against a floor that JSON-parses the same files (bench/audit.mjs;
// --audit runs only those rows). Prints a table and writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { auditReport, measureAudit } from './audit.mjs';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
/** The installed command, as package.json's bin names it. */
const cli = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['mdm-blocklist']);

/** What the issue asks of the compiler (issue #8). */
const TARGETS = { ratio: 1.5, scaling: 11, rss: 2, coldStart: 2.5 };

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    cold: { type: 'boolean' },
    runs: { type: 'string' },
    keep: { type: 'boolean' },
    audit: { type: 'boolean' },
  },
});
/** --audit: the audit rows only (issue #18). */
const auditOnly = !!args.audit;
const quick = !!args.quick;
/** --cold: the CLI's cold start only. */
const sizes = args.cold || auditOnly ? [] : quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const fleetCounts = [1, 20];
/**
 * Runs per measurement (the median is reported): three where a run takes seconds, one where it
 * takes tens of seconds (10,000 apps × 20 fleets writes 50,000 files), so a full run stays near
 * five minutes on two cores.
 */
const runsFor = (size, fleets) => (args.runs ? Number(args.runs) : quick ? 1 : size >= 100_000 || (size >= 10_000 && fleets > 1) ? 1 : 3);
const coldRuns = quick ? 5 : 15;

if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(cli)) {
  console.error('bench: dist/ is missing; run "npm run build" first (npm install runs it).');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-bench-'));
const started = performance.now();
const machine = {
  nproc: availableParallelism(),
  cpu: cpuModel(),
  node: process.version,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
};
const mode = auditOnly ? `audit only${quick ? ', quick' : ''}` : args.cold ? 'cold start only' : quick ? 'quick' : 'full';
console.log(`mdm-blocklist benchmark (${mode}): ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);

try {
  const rows = [];
  for (const size of sizes) {
    const dir = join(work, `apps-${size}`);
    const { policies, catalogFiles } = generate(dir, { apps: size, fleetCounts });
    for (const fleets of fleetCounts) {
      rows.push(measure(size, fleets, policies[fleets], catalogFiles, join(work, 'out', `${size}-${fleets}`)));
      const r = rows.at(-1);
      console.log(`  ${fmtSize(size)} apps × ${fleets} fleets: compile ${ms(r.compile.ms)}, floor ${ms(r.floor.ms)} (${r.ratio.toFixed(2)}×)`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const coldStart = auditOnly ? undefined : measureColdStart();
  const audit = args.cold ? undefined : await measureAudit(work, { quick, runs: args.runs ? Number(args.runs) : undefined });
  const scaling = fleetCounts.flatMap((fleets) =>
    sizes.slice(1).map((size) => {
      const from = rows.find((r) => r.size === size / 10 && r.fleets === fleets);
      const to = rows.find((r) => r.size === size && r.fleets === fleets);
      return { fleets, from: size / 10, to: size, timeRatio: to.compile.ms / from.compile.ms };
    }),
  );
  const verdicts = [...(coldStart ? judge(rows, scaling, coldStart) : []), ...(audit?.targets ?? [])];
  const results = {
    date: new Date().toISOString(),
    mode,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    floor:
      'the same YAML files read and parsed with yaml (parseDocument with a LineCounter, then toJS, as src/pipeline/load does), the same plist documents built with plist, the same JSON documents stringified, the same bytes written to the same number of files',
    rows,
    scaling,
    coldStart,
    audit,
    auditFloor: 'the same inventory files read and JSON-parsed one after another (TextDecoder, JSON.parse), nothing else',
    targets: verdicts,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  console.log('\n' + [coldStart ? report(results) : '', audit ? auditReport(audit, table) : ''].filter(Boolean).join('\n\n'));
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote bench/results/latest.json (${results.seconds} s)`);
} finally {
  if (args.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Compile and floor runs alternate, so a busy moment on the machine hits both alike. */
function measure(size, fleets, policy, catalogFiles, outBase) {
  const referenceDir = `${outBase}-reference`;
  const compiles = [];
  const floors = [];
  for (let run = 0; run < runsFor(size, fleets); run++) {
    const out = run === 0 ? referenceDir : `${outBase}-compile-${run}`;
    const compile = child('child-compile.mjs', [policy, out]);
    if (compile.errors.length) throw new Error(`the synthetic policy did not compile:\n${compile.errors.join('\n')}`);
    compiles.push(compile);
    if (run > 0) rmSync(out, { recursive: true, force: true });
    const job = join(work, 'floor-job.json');
    const floorOut = `${outBase}-floor-${run}`;
    writeFileSync(job, JSON.stringify({ yamlFiles: [policy, ...catalogFiles], referenceDir, outDir: floorOut }));
    floors.push(child('child-floor.mjs', [job]));
    rmSync(floorOut, { recursive: true, force: true });
  }
  rmSync(referenceDir, { recursive: true, force: true });
  const compile = medianRun(compiles);
  const floor = medianRun(floors);
  const blocked = compile.blocked.map((b) => b.ios + b.macos + b.android);
  return {
    size,
    fleets,
    runs: compiles.length,
    files: compile.files,
    blockedPerFleet: { min: Math.min(...compile.blocked.map((b) => Math.max(b.ios, b.android))), max: Math.max(...compile.blocked.map((b) => Math.max(b.ios, b.android))) },
    identifiersBlocked: blocked.reduce((a, b) => a + b, 0),
    compile: { ms: compile.ms, cpuMs: median(compiles.map((c) => c.cpuMs)), peakMb: compile.maxRssKb / 1024, stages: medianStages(compiles) },
    floor: { ms: floor.ms, cpuMs: median(floors.map((f) => f.cpuMs)), peakMb: floor.maxRssKb / 1024, stages: medianStages(floors), kinds: floor.kinds, sizeMismatches: floor.sizeMismatches },
    ratio: compile.ms / floor.ms,
    cpuRatio: median(compiles.map((c) => c.cpuMs)) / median(floors.map((f) => f.cpuMs)),
    rssRatio: compile.maxRssKb / floor.maxRssKb,
  };
}

function child(script, argv) {
  const r = spawnSync(process.execPath, [join(here, script), ...argv], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, cwd: root });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** The run with the median time; its peak RSS goes with it. */
function medianRun(runs) {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
}

function medianStages(runs) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.stages)))];
  return Object.fromEntries(names.map((n) => [n, median(runs.map((r) => r.stages[n] ?? 0))]));
}

function median(list) {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Whole process, wall time as the shell sees it (and the children's CPU time, where the OS
 * reports it): `mdm-blocklist compile` of the default policy beside `node -e 0`, runs alternating.
 * Also an admin's own policy that includes the shipped catalog, whose own file is parsed cold.
 */
function measureColdStart() {
  const own = join(work, 'own-policy.yaml');
  writeFileSync(
    own,
    readFileSync(join(root, 'policies', 'clean-network.yaml'), 'utf8')
      .replace(/^id: .*$/m, 'id: org.example.own-blocklist')
      .replace(/^(\s+- )(catalog\/index\.yaml)$/m, '$1builtin:$2'),
  );
  const time = (argv) => {
    const cpu = childrenCpuMs();
    const t = performance.now();
    const r = spawnSync(process.execPath, argv, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - t;
    if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
    const used = childrenCpuMs();
    return { ms: elapsed, cpuMs: cpu === undefined || used === undefined ? undefined : used - cpu };
  };
  // The default policy twice: into the folder the previous run wrote (which a compile of an
  // unchanged policy leaves as it is) and into a new folder each time (every file written).
  const commands = {
    node: () => ['-e', '0'],
    default: () => [cli, 'compile', '--out', join(work, 'cold-default'), '--quiet'],
    fresh: (i) => [cli, 'compile', '--out', join(work, `cold-fresh-${i}`), '--quiet'],
    own: () => [cli, 'compile', own, '--out', join(work, 'cold-own'), '--quiet'],
  };
  for (const argv of Object.values(commands)) time(argv('warm')); // fills the file cache; not counted
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < coldRuns; i++) for (const [k, argv] of Object.entries(commands)) runs[k].push(time(argv(i)));
  const summary = (k) => {
    const cpu = runs[k].map((r) => r.cpuMs);
    return { ms: median(runs[k].map((r) => r.ms)), ...(cpu.every((c) => c !== undefined) && { cpuMs: median(cpu) }) };
  };
  const node = summary('node');
  const result = (k, command) => {
    const s = summary(k);
    return { command, ...s, ratio: s.ms / node.ms, ...(s.cpuMs !== undefined && node.cpuMs && { cpuRatio: s.cpuMs / node.cpuMs }) };
  };
  return {
    runs: coldRuns,
    node: { command: 'node -e 0', ...node },
    defaultPolicy: result('default', `node ${relative(root, cli)} compile --out <tmp> --quiet (the folder the previous run wrote)`),
    freshFolder: result('fresh', `node ${relative(root, cli)} compile --out <new tmp folder> --quiet`),
    ownPolicy: result('own', `node ${relative(root, cli)} compile own-policy.yaml --out <tmp> --quiet (the default policy as an admin's own file, including builtin:catalog/index.yaml)`),
  };
}

/** CPU time (user + system) of this process's finished children, from /proc; undefined elsewhere. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of stat(5), cutime and cstime, in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function judge(rows, scaling, coldStart) {
  const verdict = (name, value, limit, where) => ({ name, value: Number(value.toFixed(2)), limit, met: value <= limit, where, ...(value > limit && { missedByPercent: Number(((value / limit - 1) * 100).toFixed(1)) }) });
  const verdicts = [];
  if (rows.length) {
    const biggest = rows.find((r) => r.size === sizes.at(-1) && r.fleets === 20);
    const worstScaling = scaling.reduce((a, b) => (b.timeRatio > a.timeRatio ? b : a));
    const worstRss = rows.reduce((a, b) => (b.rssRatio > a.rssRatio ? b : a));
    verdicts.push(
      verdict('compile time / floor time', biggest.ratio, TARGETS.ratio, `${fmtSize(biggest.size)} apps × 20 fleets`),
      verdict('time for 10× the catalog', worstScaling.timeRatio, TARGETS.scaling, `${fmtSize(worstScaling.from)} → ${fmtSize(worstScaling.to)} apps × ${worstScaling.fleets} fleets (worst)`),
      verdict('peak RSS / floor peak RSS', worstRss.rssRatio, TARGETS.rss, `${fmtSize(worstRss.size)} apps × ${worstRss.fleets} fleets (worst)`),
    );
  }
  const worstStart = coldStart.freshFolder.ratio > coldStart.defaultPolicy.ratio ? ['freshFolder', 'default policy into a new folder'] : ['defaultPolicy', 'default policy, output unchanged'];
  verdicts.push(verdict('CLI cold start / node -e 0', coldStart[worstStart[0]].ratio, TARGETS.coldStart, worstStart[1]));
  return verdicts;
}

/** A Markdown table; the first `left` columns are labels, the rest numbers. */
function table(head, body, left = 2) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i < left ? ':' : '-') + '-'.repeat(w) + (i < left ? '-' : ':')).join('|') + '|', ...body.map(line)].join('\n');
}

function report({ rows, scaling, coldStart, targets }) {
  const main = table(
    ['size', 'fleets', 'compile ms', 'floor ms', 'ratio', 'CPU ratio', 'peak MB', 'floor peak MB', 'RSS ratio'],
    rows.map((r) => [
      fmtSize(r.size),
      String(r.fleets),
      ms(r.compile.ms),
      ms(r.floor.ms),
      `${r.ratio.toFixed(2)}×`,
      `${r.cpuRatio.toFixed(2)}×`,
      r.compile.peakMb.toFixed(0),
      r.floor.peakMb.toFixed(0),
      `${r.rssRatio.toFixed(2)}×`,
    ]),
  );
  // The compile's stages as compile() reports them (onProgress), the floor's own beside.
  const stageNames = [...new Set(rows.flatMap((r) => Object.keys(r.compile.stages)))];
  const stageMs = (r, n) => r.compile.stages[n] ?? 0;
  const floorNames = ['parse', 'serialise', 'write'];
  const stages = table(
    ['size', 'fleets', ...stageNames, ...floorNames.map((n) => `floor ${n}`)],
    rows.map((r) => [fmtSize(r.size), String(r.fleets), ...stageNames.map((n) => ms(stageMs(r, n))), ...floorNames.map((n) => ms(r.floor.stages[n] ?? 0))]),
  );
  const scale = table(
    ['catalog', 'fleets', 'time ratio'],
    scaling.map((s) => [`${fmtSize(s.from)} → ${fmtSize(s.to)}`, String(s.fleets), `${s.timeRatio.toFixed(2)}×`]),
  );
  const times = (x) => (x === undefined ? '–' : `${x.toFixed(2)}×`);
  const coldRow = (name, r) => [name, ms(r.ms), times(r.ratio ?? 1), r.cpuMs === undefined ? '–' : ms(r.cpuMs), times(r.cpuRatio ?? (r.ratio === undefined ? 1 : undefined))];
  const cold = table(
    ['whole process', 'wall ms', 'ratio', 'CPU ms', 'CPU ratio'],
    [coldRow('node -e 0', coldStart.node), coldRow('compile, default policy, output unchanged', coldStart.defaultPolicy), coldRow('compile, default policy, new folder', coldStart.freshFolder), coldRow('compile, own policy + shipped catalog', coldStart.ownPolicy)],
    1,
  );
  // The audit's targets are printed with its rows (bench/audit.mjs).
  const verdicts = targets.filter((t) => !t.name.startsWith('audit')).map((t) => `${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.value.toFixed(2)}× (target ≤ ${t.limit}×) at ${t.where}${t.met ? '' : `, over by ${t.missedByPercent}%`}`);
  const sections = rows.length ? [main, '', 'Time per stage (ms, median of the runs; targets includes signing, report includes the manifest):',
    '',
    stages,
    '',
    'Scaling (compile time, 10× the catalog):',
    '',
    scale,
    '',
  ] : [];
  return [
    ...sections,
    `CLI cold start (median of ${coldStart.runs} alternating runs):`,
    '',
    cold,
    '',
    'Targets:',
    ...verdicts,
  ].join('\n');
}

function ms(v) {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

function fmtSize(n) {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return cpus()[0]?.model ?? 'unknown';
}
