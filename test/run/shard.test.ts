// --shard K/N: every talk in exactly one share, shares balanced by deck size, the same on every run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, pickShard, shardProblem } from '../../src/run/shard.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-shard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Talks whose decks are these many bytes. */
const talks = (sizes: number[]) =>
  sizes.map((size, i) => {
    const file = path.join(tmp, `t${i}.md`);
    writeFileSync(file, 'x'.repeat(size));
    return { slug: `t${String(i).padStart(2, '0')}`, file };
  });

describe('--shard K/N', () => {
  it('reads K/N and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(shardProblem(parseShard('2/3'), '2/3')).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3']) expect(shardProblem(parseShard(bad), bad)).toContain(`got "${bad}"`);
  });

  it('puts every talk in exactly one share, balanced by size rather than by name order', async () => {
    // One big deck and many small ones: by name order the first share would take the big one and more.
    const list = talks([9000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    const shares = await Promise.all([1, 2, 3].map((index) => pickShard(list, { index, count: 3 })));
    expect(shares.flat().map((t) => t.slug).sort()).toEqual(list.map((t) => t.slug));
    expect(shares[0]!.map((t) => t.slug)).toEqual(['t00']);
    expect(shares.map((s) => s.length)).toEqual([1, 5, 4]);
  });

  it('gives the same shares on every run, whatever order the talks come in', async () => {
    const list = talks([300, 200, 200, 100, 500, 50, 50]);
    const once = await pickShard(list, { index: 2, count: 3 });
    const again = await pickShard([...list].reverse(), { index: 2, count: 3 });
    expect(again.map((t) => t.slug).sort()).toEqual(once.map((t) => t.slug).sort());
  });
});
