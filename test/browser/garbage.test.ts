import { describe, expect, it } from 'vitest';
import { COLLECT_PAST, collectionDue } from '../../src/browser/garbage.js';

/** The points at which a run of `total` units in steps of `step` collects. */
const collections = (total: number, step: number) => {
  const at: number[] = [];
  for (let done = step; done < total + step; done += step) if (collectionDue(done, step, total)) at.push(done);
  return at;
};

describe('collectionDue', () => {
  it('on a deck past 5,000 slides, collects once per 1,000 of work, whatever the step, and never after the last', () => {
    const thousands = [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000];
    expect(collections(10_000, 250)).toEqual(thousands);
    expect(collections(10_000, 200)).toEqual(thousands);
    expect(collections(5_345, 256)).toEqual([1_024, 2_048, 3_072, 4_096, 5_120]);
  });

  it('never collects on a deck of 5,000 slides or fewer (within 2,000 as usual, and most --large ones)', () => {
    expect(COLLECT_PAST).toBe(5_000);
    expect(collections(5_000, 250)).toEqual([]);
    expect(collections(2_345, 256)).toEqual([]);
    expect(collections(30, 250)).toEqual([]);
  });
});
