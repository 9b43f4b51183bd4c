// Big include lists are parsed in worker threads (src/pipeline/load/file-parser.ts); the outcome must be
// that of parsing one file after the other. The worker runs the built dist/pipeline/load/parse-worker.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticBag } from '../../../src/common/diagnostics/diagnostic.js';
import type { ParallelOptions } from '../../../src/pipeline/load/file-parser.js';
import { load } from '../../../src/pipeline/load/load.js';
import { PARSE_WORKER_PATH, ParseWorker } from '../../../src/pipeline/load/parse-pool.js';
import { structuralTokens } from '../../../src/pipeline/load/parse-yaml.js';
import { repoRoot } from '../../helpers/cli.js';
import { located } from '../../helpers/compile.js';
import { memoryHost } from '../../helpers/memory-host.js';
import { missing } from '../../helpers/prerequisite.js';

const app = (part: number, i: number) =>
  `  - id: app-${part}-${i}\n    name: "App ${part}.${i}"\n    ios: { bundleId: com.example.p${part}.a${i} }\n    android: { package: com.example.p${part}.a${i} }\n`;
const part = (n: number, extra = '') => `version: 1\n${extra}apps:\n${Array.from({ length: 40 }, (_, i) => app(n, i)).join('')}`;

/** A policy including an index that includes six catalog parts, some of them unusual. */
const files = (overrides: Record<string, string> = {}): Record<string, string> => ({
  'p.yaml': 'version: 1\nid: com.example.p\nname: P\ninclude: [catalog/index.yaml]\nblock:\n  apps: [{ id: app-1-0 }]\n',
  'catalog/index.yaml': 'version: 1\ninclude: [part-1.yaml, part-2.yaml, part-3.yaml, part-4.yaml, part-5.yaml, part-6.yaml]\n',
  'catalog/part-1.yaml': part(1),
  // Includes a later part itself: that part is loaded here, depth-first, not at its place in the index.
  'catalog/part-2.yaml': part(2, 'include: [part-5.yaml]\n'),
  // Numbers JSON cannot carry, which the worker hands back to be parsed in-process.
  'catalog/part-3.yaml': part(3, 'notes: { nan: .nan, inf: -.inf, zero: -0 }\n'),
  'catalog/part-4.yaml': part(4, 'shared: &s { x: 1 }\nagain: *s\n'),
  'catalog/part-5.yaml': part(5),
  'catalog/part-6.yaml': part(6, 'unknown: !custom tag\n'),
  ...overrides,
});

async function loadWith(tree: Record<string, string>, parallel: ParallelOptions, maxValues?: number) {
  const { host, root } = memoryHost(tree);
  const bag = new DiagnosticBag();
  const result = await load(`${root}/p.yaml`, { host, displayBase: root, parallel, ...(maxValues !== undefined && { maxValues }) }, bag);
  const loaded = result.files.map((f) => ({ file: f.source.displayPath, role: f.role, data: f.source.data, positions: f.source.positions?.toTables() }));
  return { files: loaded, diagnostics: bag.items };
}

const sequential: ParallelOptions = { workers: 0 };
const inWorkers: ParallelOptions = { workers: 2, minBytes: 0 };

const scripts = mkdtempSync(join(tmpdir(), 'mdm-parse-worker-'));
afterAll(() => rmSync(scripts, { recursive: true, force: true }));
const script = (name: string, code: string) => {
  const path = join(scripts, name);
  writeFileSync(path, code);
  return path;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe.skipIf(missing('dist/ (npm run build)', existsSync(PARSE_WORKER_PATH)))('parsing in worker threads (needs npm run build)', () => {
  it('gives the same files, data, positions and diagnostics as parsing one file after the other', async () => {
    const parse = vi.spyOn(ParseWorker.prototype, 'parse');
    const parallel = await loadWith(files(), inWorkers);
    const answered = await Promise.all(parse.mock.results.map((r) => r.value as ReturnType<ParseWorker['parse']>));
    expect(answered.filter((a) => a?.parsed).length, 'workers parsed files').toBeGreaterThan(0);
    const one = await loadWith(files(), sequential);
    expect(parallel.files.map((f) => f.file)).toEqual(['p.yaml', 'catalog/index.yaml', 'catalog/part-1.yaml', 'catalog/part-2.yaml', 'catalog/part-5.yaml', 'catalog/part-3.yaml', 'catalog/part-4.yaml', 'catalog/part-6.yaml']);
    expect(parallel).toStrictEqual(one);
    const notes = parallel.files.find((f) => f.file === 'catalog/part-3.yaml')!.data as { notes: Record<string, number> };
    expect(Object.is(notes.notes.zero, -0) && Number.isNaN(notes.notes.nan)).toBe(true);
    expect(located(parallel.diagnostics)).toEqual(['catalog/part-6.yaml:2:10 YAML_WARNING']);
  });

  it('reports an error in a file parsed by a worker at its line and column', async () => {
    const broken = files({ 'catalog/part-4.yaml': part(4).replace('  - id: app-4-3\n', '  - id: app-4-3\n    id: again\n') });
    const parse = vi.spyOn(ParseWorker.prototype, 'parse');
    const parallel = await loadWith(broken, inWorkers);
    expect(parse.mock.calls.some(([bytes]) => Buffer.from(bytes).toString().includes('id: again'))).toBe(true);
    expect(located(parallel.diagnostics)).toEqual(['catalog/part-4.yaml:16:5 YAML_DUPLICATE_KEY', 'catalog/part-6.yaml:2:10 YAML_WARNING']);
    expect(parallel).toStrictEqual(await loadWith(broken, sequential));
  });

  it('charges the value cap in include order, and parses nothing ahead that the cap then refuses', async () => {
    const tree = files();
    const before = ['p.yaml', 'catalog/index.yaml', 'catalog/part-1.yaml', 'catalog/part-2.yaml'].map((f) => structuralTokens(tree[f]!));
    const cap = before.reduce((a, b) => a + b, 0) + 10;
    const parse = vi.spyOn(ParseWorker.prototype, 'parse');
    const parallel = await loadWith(tree, inWorkers, cap);
    const refused = parallel.diagnostics.filter((d) => d.code === 'FILE_TOO_LARGE').map((d) => d.file);
    expect(refused).toEqual(['catalog/part-5.yaml', 'catalog/part-3.yaml', 'catalog/part-4.yaml', 'catalog/part-6.yaml']);
    expect(parse.mock.calls.some(([bytes]) => Buffer.from(bytes).toString() === tree['catalog/part-1.yaml'])).toBe(true);
    for (const file of refused) expect(parse.mock.calls.some(([bytes]) => Buffer.from(bytes).toString() === tree[file!])).toBe(false);
    expect(parallel).toStrictEqual(await loadWith(tree, sequential, cap));
  });

  it.each([
    ['cannot start', 'missing.mjs', undefined],
    ['exits at once', 'exits.mjs', 'process.exit(3);\n'],
    ['throws on a text', 'throws.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom'); });\n"],
    [
      'answers with broken JSON',
      'garbage.mjs',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, problems: [], parsed: { data: '{', keys: '[]', nodes: new Int32Array(0), children: new Int32Array(0), lineStarts: new Uint32Array(0) } }));\n",
    ],
  ])('parses in-process when the worker %s', async (_what, name, code) => {
    const workerPath = code === undefined ? join(scripts, name) : script(name, code);
    const parse = vi.spyOn(ParseWorker.prototype, 'parse');
    const parallel = await loadWith(files(), { ...inWorkers, workerPath });
    expect(parse).toHaveBeenCalled();
    for (const { value } of parse.mock.results) expect(await (value as ReturnType<ParseWorker['parse']>)).toBeUndefined();
    expect(parallel).toStrictEqual(await loadWith(files(), sequential));
  });

  it('parses in workers from the built library under node -e, with a host that reads synchronously', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdm-parallel-'));
    try {
      for (const [name, text] of Object.entries(files())) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      const dist = (file: string) => JSON.stringify(pathToFileURL(join(repoRoot, 'dist', file)).href);
      const child = `
        import { Worker } from 'node:worker_threads';
        let sent = 0;
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (...args) { sent++; return post.apply(this, args); };
        const { load } = await import(${dist('pipeline/load/load.js')});
        const { nodeHost } = await import(${dist('common/host.js')});
        const { DiagnosticBag } = await import(${dist('common/diagnostics/diagnostic.js')});
        const result = await load(${JSON.stringify(join(dir, 'p.yaml'))}, { host: nodeHost, parallel: { minBytes: 0, workers: 1 } }, new DiagnosticBag());
        process.stdout.write(JSON.stringify({ sent, files: result.files.length }));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const { sent, files: loaded } = JSON.parse(r.stdout) as { sent: number; files: number };
      expect(loaded).toBe(8);
      expect(sent, 'files sent to the worker').toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts no worker for a policy smaller than the threshold', async () => {
    const parse = vi.spyOn(ParseWorker.prototype, 'parse');
    const small = await loadWith(files(), {});
    expect(parse).not.toHaveBeenCalled();
    expect(small.files).toHaveLength(8);
  });
});
