// The floor in a fresh process: what any tool doing this job must do with the same libraries,
// and nothing else. Usage: node bench/child-floor.mjs <job.json>, the job holding
// { yamlFiles: [...], referenceDir, outDir }.
//
// Before the clock: the documents to serialise are read back from the compiler's own output
// (referenceDir), so the floor builds exactly the same plists and JSON.
// On the clock: read and parse every input YAML file with `yaml` the way src/pipeline/load does
// (parseDocument with a LineCounter, then toJS: a compiler that reports file:line:col needs the
// positions, and yaml.parse builds the same Document internally), build each plist with `plist`,
// stringify each JSON document, and write the same bytes to the same number of files (each
// folder made once, files written 16 at a time like the compiler's writer).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build as buildPlist, parse as parsePlist } from 'plist';
import { LineCounter, parseDocument } from 'yaml';

const { yamlFiles, referenceDir, outDir } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const outputs = walk(referenceDir)
  .sort()
  .map((file) => {
    const bytes = readFileSync(file);
    const path = relative(referenceDir, file);
    const text = bytes.toString('utf8');
    if (path.endsWith('.json')) return { path, kind: 'json', doc: JSON.parse(text), size: bytes.length };
    if (text.startsWith('<?xml') && text.includes('<!DOCTYPE plist')) return { path, kind: 'plist', doc: parsePlist(text), size: bytes.length };
    return { path, kind: 'bytes', bytes, size: bytes.length };
  });

const utf8 = new TextEncoder();
/** As many files written at once as the compiler's writer does (src/pipeline/write/write.ts). */
const WRITES_AT_ONCE = 16;
const cpuStart = cpuMs();
const start = performance.now();
const data = [];
for (const file of yamlFiles) {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false });
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
  data.push(doc.toJS({ maxAliasCount: 100 }));
}
const parsed = performance.now();
const serialised = outputs.map((o) => {
  if (o.kind === 'json') return utf8.encode(JSON.stringify(o.doc, null, 2) + '\n');
  if (o.kind === 'plist') return utf8.encode(buildPlist(o.doc, { indent: '\t' }) + '\n');
  return o.bytes;
});
const built = performance.now();
for (const dir of new Set(outputs.map((o) => dirname(join(outDir, o.path))))) await mkdir(dir, { recursive: true });
let next = 0;
const worker = async () => {
  while (next < outputs.length) {
    const i = next++;
    await writeFile(join(outDir, outputs[i].path), serialised[i]);
  }
};
await Promise.all(Array.from({ length: WRITES_AT_ONCE }, worker));
const end = performance.now();
const cpu = cpuMs() - cpuStart;

process.stdout.write(
  JSON.stringify({
    ms: end - start,
    stages: { parse: parsed - start, serialise: built - parsed, write: end - built },
    maxRssKb: process.resourceUsage().maxRSS,
    cpuMs: cpu,
    yamlFiles: yamlFiles.length,
    files: outputs.length,
    kinds: Object.fromEntries(['json', 'plist', 'bytes'].map((k) => [k, outputs.filter((o) => o.kind === k).length])),
    // Files whose rebuilt bytes differ in size from the compiler's: the floor built something else.
    sizeMismatches: outputs.filter((o, i) => serialised[i].byteLength !== o.size).map((o) => o.path),
    keep: data.length,
  }) + '\n',
);

/** User and system CPU time of this process so far, in ms: steadier than wall time on a busy machine. */
function cpuMs() {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return (userCPUTime + systemCPUTime) / 1000;
}
