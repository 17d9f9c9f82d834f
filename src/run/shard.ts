// --shard K/N: the K-th of N shares of the talks, for N machines building one site (the Pages
// workflow's matrix). Shares are balanced by deck size, the best measure of a talk's build
// time at hand: the largest deck first, each to the share with the least so far (ties to the
// lower share, decks of one size in name order), so the same talks give the same shares on
// every machine.
import { stat } from 'node:fs/promises';
import type { TalkSource } from '../core/model.js';

/** Share `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** "K/N" as a shard; one that is no shard (0/0 for words) is found by shardProblem. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  return m ? { index: Number(m[1]), count: Number(m[2]) } : { index: 0, count: 0 };
}

/** What is wrong with a shard (`shown` as its caller wrote it), or undefined. */
export function shardProblem(s: Shard, shown: string): string | undefined {
  const { index, count } = s;
  if (Number.isInteger(index) && Number.isInteger(count) && count >= 1 && index >= 1 && index <= count) return undefined;
  return `--shard takes K/N, the K-th of N shares with 1 <= K <= N (such as 2/3); got "${shown}"`;
}

export async function pickShard<T extends Pick<TalkSource, 'file' | 'slug'>>(talks: T[], shard: Shard): Promise<T[]> {
  const sized = await Promise.all(talks.map(async (t) => ({ t, size: await stat(t.file).then((s) => s.size, () => 0) })));
  sized.sort((a, b) => b.size - a.size || (a.t.slug < b.t.slug ? -1 : a.t.slug > b.t.slug ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const mine: T[] = [];
  for (const { t, size } of sized) {
    const least = load.indexOf(Math.min(...load));
    // Every deck weighs at least a little: empty ones still spread.
    load[least]! += size + 1;
    if (least === shard.index - 1) mine.push(t);
  }
  return talks.filter((t) => mine.includes(t));
}
