import type { ChunkSource } from './json-stream.js';

/**
 * The file as the JSON reader reads it, keeping what was read until the format is known. An
 * osquery results log is JSON too, told from an AMAPI response only by its first object's keys
 * (amapi.ts); it is then read as lines from its first byte, from the bytes kept and then the rest
 * of the file, so every inventory is opened and read once. The AMAPI reader lets go as soon as the
 * file is AMAPI (a page's devices, an array, or a first Device read), so a devices.list response
 * keeps only what comes before its devices; an osquery log, its first line and a chunk.
 */
export class KeptSource implements ChunkSource {
  private kept: Uint8Array[] | undefined;

  /** `head`: the bytes already read from the file (to tell its format). */
  constructor(
    private readonly file: ChunkSource,
    head: Uint8Array,
  ) {
    this.kept = [head];
  }

  read(into: Uint8Array, offset: number, length: number): number {
    const n = this.file.read(into, offset, length);
    if (this.kept && n > 0) this.kept.push(into.slice(offset, offset + n));
    return n;
  }

  /** The file is AMAPI: nothing will be read again. */
  letGo(): void {
    this.kept = undefined;
  }

  /**
   * The file from its first byte again: the bytes kept, then the rest of the file. A read is
   * filled as a read of the file would be (kept bytes, then the file), so the log reader sees the
   * chunks it would have seen reading the file from its start.
   */
  fromStart(): ChunkSource {
    const kept = this.kept;
    // amapi.ts lets go only where its answer is AMAPI, never before answering 'osquery'.
    if (!kept) throw new Error('KeptSource.fromStart after letGo');
    this.kept = undefined;
    let part = 0;
    let at = 0;
    return {
      read: (into, offset, length) => {
        let n = 0;
        for (; n < length && part < kept.length; part++, at = 0) {
          const bytes = kept[part]!;
          const take = Math.min(length - n, bytes.length - at);
          into.set(bytes.subarray(at, at + take), offset + n);
          n += take;
          at += take;
          if (at < bytes.length) break;
        }
        return n < length ? n + this.file.read(into, offset + n, length - n) : n;
      },
    };
  }
}
