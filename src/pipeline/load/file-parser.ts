import { DiagnosticBag, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import type { ParseWorker } from './parse-pool.js';
import type { ParsedText } from './parse-text.js';
import { finishParse, parseHere, prepareFile, type ParseBudget, type PreparedFile } from './parse-yaml.js';
import { readFileOrReport } from './read-file.js';
import type { SourceFile } from './source-file.js';

export interface ParallelOptions {
  /**
   * Parse in worker threads once the files one include list names hold this many bytes
   * (default 1 MiB): below that, starting a worker costs more than it saves.
   */
  minBytes?: number;
  /** Worker threads (default: one fewer than the cores, at most 3; 0 parses in-process). */
  workers?: number;
  /** The worker's entry (default PARSE_WORKER_PATH). */
  workerPath?: string;
}

const DEFAULT_MIN_BYTES = 1024 * 1024;
/** Files handed to a worker before it answers, so it never waits for this thread to send more. */
const AHEAD_PER_WORKER = 2;

/** A file named by an include list, not loaded yet. */
export interface PlannedFile {
  real: string;
  shown: string;
  size: number;
}

/** A file read, and maybe parsed, before its turn. */
interface FileAhead {
  /** What reading it reported, for the bag at its turn. */
  diagnostics: Diagnostic[];
  prepared?: PreparedFile;
  /** Its parse, started when its values fit what the cap had left then. */
  parse?: Promise<ParsedText>;
}

interface Job extends PlannedFile {
  started?: Promise<FileAhead>;
  /** Tokens of the cap set aside for the parse started ahead. */
  reserved: number;
  parsed: boolean;
}

/**
 * Reads and parses a policy's files for the loader, which asks for them one by one in include
 * order. When an include list names big files, they are parsed ahead in worker threads while
 * this thread parses too; results, diagnostics and the value cap are still taken in include
 * order, so the outcome is that of parsing one file after the other. A parse ahead starts only
 * if the file's values fit what the cap has left after the parses already ahead, so a hostile
 * include list is not parsed past the cap.
 */
export class FileParser {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private next = 0;
  /** Set once the files to parse are big enough for workers: they start (and the pool module loads) then. */
  private starting: Promise<void> | undefined;
  private workers: { worker: ParseWorker; busy: number }[] = [];
  private reserved = 0;
  /** A parse ahead did not fit the cap: none starts until a file's turn frees some. */
  private starved = false;

  constructor(
    private readonly host: Host,
    private readonly budget: ParseBudget,
    private readonly bag: DiagnosticBag,
    private readonly options: ParallelOptions = {},
  ) {}

  /**
   * The files an include list names that are not loaded yet, in order. Resolves once the workers
   * run, if these files are the first big enough for them.
   */
  async plan(files: readonly PlannedFile[]): Promise<void> {
    const fresh = files.filter((f) => !this.jobs.has(f.real));
    if (!this.starting) {
      const bytes = fresh.reduce((sum, f) => sum + f.size, 0);
      if (bytes < (this.options.minBytes ?? DEFAULT_MIN_BYTES) || this.options.workers === 0) return;
      // Awaited: with a host that reads synchronously, nothing else would let the import finish.
      // Without the pool module, files are parsed here.
      await (this.starting = this.startWorkers().catch(() => undefined));
    }
    for (const f of fresh) {
      if (this.jobs.has(f.real)) continue; // named twice in the list
      const job: Job = { ...f, reserved: 0, parsed: false };
      this.jobs.set(f.real, job);
      this.queue.push(job);
    }
    this.pump();
  }

  /** Reads and parses a file at its turn, charging its values to the cap. */
  async parse(real: string, shown: string): Promise<SourceFile | undefined> {
    const job = this.jobs.get(real);
    if (!job) {
      const bytes = await readFileOrReport(this.host, real, shown, this.bag);
      return bytes && finishParse(prepareFile(bytes, real), this.finishing(real, shown, undefined));
    }
    const ahead = await this.turn(job);
    this.bag.items.push(...ahead.diagnostics);
    try {
      return ahead.prepared && (await finishParse(ahead.prepared, this.finishing(real, shown, ahead.parse)));
    } finally {
      this.jobs.delete(real);
      this.reserved -= job.reserved;
      if (this.starved) {
        this.starved = false;
        this.pump();
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.close()));
  }

  private async startWorkers(): Promise<void> {
    const { ParseWorker, defaultWorkerCount } = await import('./parse-pool.js');
    const count = this.options.workers ?? defaultWorkerCount();
    this.workers = Array.from({ length: count }, () => ({ worker: new ParseWorker(this.options.workerPath), busy: 0 }));
  }

  private finishing(absPath: string, displayPath: string, ahead: Promise<ParsedText> | undefined) {
    return { absPath, displayPath, bag: this.bag, budget: this.budget, parse: (text: string) => ahead ?? parseHere(text) };
  }

  /** A file's read and parse, started now if not yet; while a worker parses it, parses later files here. */
  private async turn(job: Job): Promise<FileAhead> {
    job.started ??= this.start(job, undefined);
    const ahead = await job.started;
    while (ahead.parse && !job.parsed) {
      const spare = this.starved ? undefined : this.unstarted();
      if (!spare) break;
      spare.started = this.start(spare, 'here');
      await (await spare.started).parse?.catch(() => undefined);
      // Lets the workers' answers in (and the workers get more to do) before the next decision:
      // a host that reads synchronously never gives the event loop a turn otherwise.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return ahead;
  }

  private unstarted(): Job | undefined {
    while (this.next < this.queue.length && this.queue[this.next]!.started) this.next++;
    return this.queue[this.next];
  }

  /** Hands files to workers with room for more. */
  private pump(): void {
    for (const slot of this.workers) {
      while (slot.worker.alive && slot.busy < AHEAD_PER_WORKER && !this.starved) {
        const job = this.unstarted();
        if (!job) return;
        slot.busy++;
        const started = (job.started = this.start(job, slot.worker));
        // The slot is taken until the file is read and, if it went to the worker, parsed.
        void started
          .then((ahead) => ahead.parse)
          .catch(() => undefined)
          .then(() => {
            slot.busy--;
            this.pump();
          });
      }
    }
  }

  /**
   * Reads a file and, when `where` is given and its values fit the cap's rest, starts its parse
   * there (a worker, or this thread).
   */
  private async start(job: Job, where: ParseWorker | 'here' | undefined): Promise<FileAhead> {
    const read = new DiagnosticBag();
    const bytes = await readFileOrReport(this.host, job.real, job.shown, read);
    const ahead: FileAhead = { diagnostics: read.items };
    if (!bytes) return ahead;
    const prepared = (ahead.prepared = prepareFile(bytes, job.real));
    if (!where || prepared.kind !== 'text') return ahead;
    if (this.reserved + prepared.tokens > this.budget.tokens) {
      this.starved = true;
      return ahead;
    }
    this.reserved += job.reserved = prepared.tokens;
    const { text, bytes: utf8 } = prepared;
    const parse = where === 'here' ? parseHere(text) : where.parse(utf8).then((parsed) => parsed ?? parseHere(text));
    ahead.parse = parse.finally(() => (job.parsed = true));
    // Marks it handled: a parse whose file the cap then refuses is never awaited.
    ahead.parse.catch(() => undefined);
    return ahead;
  }
}
