import { describe, expect, it } from 'vitest';
import { inParallel } from '../../../src/pipeline/write/in-parallel.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('inParallel', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inParallel([...Array(50).keys()], 4, async (i) => {
      most = Math.max(most, ++running);
      await tick();
      done.push(i);
      running--;
    });
    expect(done.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(most).toBe(4);
  });

  it('rejects with the first failure after the running tasks settle, and starts no new ones', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = inParallel([...Array(20).keys()], 3, async (i) => {
      started.push(i);
      await tick();
      settled++;
      if (i === 1) throw new Error('disk full');
    });
    await expect(run).rejects.toThrow('disk full');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(20);
  });
});
