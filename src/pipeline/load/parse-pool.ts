import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../common/paths.js';
import type { ParsedText, TextProblem } from './parse-text.js';
import { PositionIndex } from './positions.js';

/**
 * The worker's entry, compiled beside the library (the CLI bundle loads it from there too). Its
 * code is the library's own parseText, so a file parses the same in a worker as in-process.
 */
export const PARSE_WORKER_PATH = resolve(packageRoot, 'dist', 'pipeline', 'load', 'parse-worker.js');

/** The loader's thread parses too, hence one fewer than the cores; at most 3, since each worker is a heap of its own. */
export function defaultWorkerCount(): number {
  return Math.min(3, availableParallelism() - 1);
}

export interface ParseRequest {
  id: number;
  /** The file's bytes, already checked to be UTF-8 (a copy: the worker takes them over). */
  bytes: Uint8Array;
}

export type ParseReply =
  | {
      id: number;
      problems: TextProblem[];
      parsed?: { data: string; keys: string; nodes: Int32Array; children: Int32Array; lineStarts: Uint32Array };
    }
  /** The worker could not send this file's result exactly: parse it in-process. */
  | { id: number; here: true };

/**
 * A worker thread that parses files. `parse` never rejects: it gives undefined when the worker
 * could not parse the file (it failed to start, crashed, or the data does not survive JSON), and
 * the caller parses it in-process instead.
 */
export class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (result: ParsedText | undefined) => void>();
  private nextId = 0;
  private dead = false;

  constructor(path = PARSE_WORKER_PATH) {
    // Not the process's own options: under `node -e` the worker would run that code instead.
    this.worker = new Worker(path, { execArgv: [] });
    this.worker.on('message', (reply: ParseReply) => {
      const done = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      done?.(decode(reply));
    });
    const die = () => {
      this.dead = true;
      for (const done of this.waiting.values()) done(undefined);
      this.waiting.clear();
    };
    this.worker.on('error', die);
    this.worker.on('messageerror', die);
    this.worker.on('exit', die);
  }

  /** Files sent and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  get alive(): boolean {
    return !this.dead;
  }

  parse(bytes: Uint8Array): Promise<ParsedText | undefined> {
    if (this.dead) return Promise.resolve(undefined);
    const id = this.nextId++;
    const copy = new Uint8Array(bytes);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, bytes: copy } satisfies ParseRequest, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

function decode(reply: ParseReply): ParsedText | undefined {
  if ('here' in reply) return undefined;
  if (!reply.parsed) return { problems: reply.problems };
  const { data, keys, nodes, children, lineStarts } = reply.parsed;
  try {
    const positions = PositionIndex.fromArrays({ keys: JSON.parse(keys) as string[], nodes, children, lineStarts });
    return { problems: reply.problems, parsed: { data: JSON.parse(data) as unknown, positions, jsonSafe: true } };
  } catch {
    return undefined;
  }
}
