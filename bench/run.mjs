// npm run bench [-- --quick] [-- --runs N] [-- --keep]
//
// Compiles synthetic catalogs of 1,000 / 10,000 / 100,000 apps into 1 and 20 fleets and sets each
// compile beside its floor (the same YAML parsed, the same plists and JSON built, the same bytes
// written, nothing else), each measurement in a fresh process; then times the CLI's cold start on
// the default policy against `node -e 0`. Prints a table and writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'dist', 'cli.js');

/** What the issue asks of the compiler (issue #8). */
const TARGETS = { ratio: 1.5, scaling: 11, rss: 2, coldStart: 2.5 };

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const quick = !!args.quick;
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const fleetCounts = [1, 20];
/** Runs per measurement (the median is reported): fewer for the big catalog, whose run is long and steady. */
const runsFor = (size) => (args.runs ? Number(args.runs) : quick ? 1 : size >= 100_000 ? 1 : 3);
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
console.log(`mdm-blocklist benchmark (${quick ? 'quick' : 'full'}): ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);

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
  const coldStart = measureColdStart();
  const scaling = fleetCounts.flatMap((fleets) =>
    sizes.slice(1).map((size) => {
      const from = rows.find((r) => r.size === size / 10 && r.fleets === fleets);
      const to = rows.find((r) => r.size === size && r.fleets === fleets);
      return { fleets, from: size / 10, to: size, timeRatio: to.compile.ms / from.compile.ms };
    }),
  );
  const verdicts = judge(rows, scaling, coldStart);
  const results = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    floor:
      'the same YAML files read and parsed with yaml (parseDocument with a LineCounter, then toJS, as src/load does), the same plist documents built with plist, the same JSON documents stringified, the same bytes written to the same number of files',
    rows,
    scaling,
    coldStart,
    targets: verdicts,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  console.log('\n' + report(results));
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
  for (let run = 0; run < runsFor(size); run++) {
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
    compile: { ms: compile.ms, peakMb: compile.maxRssKb / 1024, stages: medianStages(compiles) },
    floor: { ms: floor.ms, peakMb: floor.maxRssKb / 1024, kinds: floor.kinds, sizeMismatches: floor.sizeMismatches },
    ratio: compile.ms / floor.ms,
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

/** Whole process, wall time as the shell sees it: `mdm-blocklist compile` of the default policy beside `node -e 0`. */
function measureColdStart() {
  const out = join(work, 'cold');
  const time = (argv) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, argv, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - t;
    if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
    return elapsed;
  };
  const compileArgv = [cli, 'compile', '--out', out, '--quiet'];
  time(compileArgv); // fills the file cache; not counted
  time(['-e', '0']);
  const cliRuns = [];
  const nodeRuns = [];
  for (let i = 0; i < coldRuns; i++) {
    nodeRuns.push(time(['-e', '0']));
    cliRuns.push(time(compileArgv));
  }
  const cliMs = median(cliRuns);
  const nodeMs = median(nodeRuns);
  return { runs: coldRuns, command: 'node dist/cli.js compile --out <tmp> --quiet', cliMs, nodeMs, ratio: cliMs / nodeMs };
}

function judge(rows, scaling, coldStart) {
  const biggest = rows.find((r) => r.size === sizes.at(-1) && r.fleets === 20);
  const worstScaling = scaling.reduce((a, b) => (b.timeRatio > a.timeRatio ? b : a));
  const worstRss = rows.reduce((a, b) => (b.rssRatio > a.rssRatio ? b : a));
  const verdict = (name, value, limit, where) => ({ name, value: Number(value.toFixed(2)), limit, met: value <= limit, where, ...(value > limit && { missedByPercent: Number(((value / limit - 1) * 100).toFixed(1)) }) });
  return [
    verdict('compile time / floor time', biggest.ratio, TARGETS.ratio, `${fmtSize(biggest.size)} apps × 20 fleets`),
    verdict('time for 10× the catalog', worstScaling.timeRatio, TARGETS.scaling, `${fmtSize(worstScaling.from)} → ${fmtSize(worstScaling.to)} apps × ${worstScaling.fleets} fleets (worst)`),
    verdict('peak RSS / floor peak RSS', worstRss.rssRatio, TARGETS.rss, `${fmtSize(worstRss.size)} apps × ${worstRss.fleets} fleets (worst)`),
    verdict('CLI cold start / node -e 0', coldStart.ratio, TARGETS.coldStart, 'default policy'),
  ];
}

function report({ rows, scaling, coldStart, targets }) {
  const table = (head, body) => {
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
    const line = (cells) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
    return [line(head), '|' + widths.map((w, i) => (i < 2 ? ':' : '-') + '-'.repeat(w) + (i < 2 ? '-' : ':')).join('|') + '|', ...body.map(line)].join('\n');
  };
  const main = table(
    ['size', 'fleets', 'compile ms', 'floor ms', 'ratio', 'peak MB', 'floor peak MB', 'RSS ratio'],
    rows.map((r) => [fmtSize(r.size), String(r.fleets), ms(r.compile.ms), ms(r.floor.ms), `${r.ratio.toFixed(2)}×`, r.compile.peakMb.toFixed(0), r.floor.peakMb.toFixed(0), `${r.rssRatio.toFixed(2)}×`]),
  );
  const stageNames = [...new Set(rows.flatMap((r) => Object.keys(r.compile.stages)))];
  const stages = table(
    ['size', 'fleets', ...stageNames],
    rows.map((r) => [fmtSize(r.size), String(r.fleets), ...stageNames.map((n) => ms(r.compile.stages[n] ?? 0))]),
  );
  const scale = table(
    ['catalog', 'fleets', 'time ratio'],
    scaling.map((s) => [`${fmtSize(s.from)} → ${fmtSize(s.to)}`, String(s.fleets), `${s.timeRatio.toFixed(2)}×`]),
  );
  const cold = `CLI cold start (median of ${coldStart.runs}): ${ms(coldStart.cliMs)} ms; node -e 0: ${ms(coldStart.nodeMs)} ms; ratio ${coldStart.ratio.toFixed(2)}×`;
  const verdicts = targets.map((t) => `${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.value.toFixed(2)}× (target ≤ ${t.limit}×) at ${t.where}${t.met ? '' : `, over by ${t.missedByPercent}%`}`);
  return [main, '', 'Compile time per stage (ms, median run):', '', stages, '', 'Scaling (compile time, 10× the catalog):', '', scale, '', cold, '', 'Targets:', ...verdicts].join('\n');
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
