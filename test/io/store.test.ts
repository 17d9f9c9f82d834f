// writeAtomic: a reader never sees half a file, and writers of one file at once (two builds
// in one process, as a library caller may run them) each finish. cacheStore: the one cache
// store, entries by namespace and key, anything unreadable a miss. memoryCache: a process's
// values made once a key.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheStore, memoryCache, writeAtomic } from '../../src/io/store.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('writes of one file at once in one process all succeed, leaving one whole file and nothing aside', async () => {
    const file = path.join(tmp, 'cache', 'entry.json');
    const texts = Array.from({ length: 8 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(100_000) }));
    await Promise.all(texts.map((t) => writeAtomic(file, t)));
    expect(texts).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(path.dirname(file))).toEqual(['entry.json']);
  });
});

const dir = path.join(tmp, 'store');

describe('cacheStore', () => {
  it('gives back what was put, as JSON or bytes, each namespace a folder', async () => {
    const store = cacheStore(dir);
    expect(await store.getJson('slides', 'abc')).toBeUndefined();
    expect(await store.get('subsets', 'f.woff')).toBeUndefined();
    await store.putJson('slides', 'abc', { a: [1, 'two'] });
    await store.put('subsets', 'f.woff', new Uint8Array([0, 1, 255]));
    expect(await store.getJson('slides', 'abc')).toEqual({ a: [1, 'two'] });
    expect([...(await store.get('subsets', 'f.woff'))!]).toEqual([0, 1, 255]);
    expect(readdirSync(dir).sort()).toEqual(['slides', 'subsets']);
    expect(readdirSync(path.join(dir, 'slides'))).toEqual(['abc.json']);
  });

  it('reads an entry cut short or of an older format as a miss, and a put replaces it', async () => {
    const store = cacheStore(dir);
    await store.putJson('bundles', 'k', [1]);
    writeFileSync(path.join(dir, 'bundles', 'k.json'), '[{"path": "a.css", "base');
    expect(await store.getJson('bundles', 'k')).toBeUndefined();
    await store.putJson('bundles', 'k', [2]);
    expect(await store.getJson('bundles', 'k')).toEqual([2]);
    expect(readdirSync(path.join(dir, 'bundles'))).toEqual(['k.json']);
  });
});

describe('memoryCache', () => {
  it('makes a value once a key, keeps the last `limit` keys, and forgets a value whose making failed', async () => {
    const made: string[] = [];
    const cache = memoryCache<string>(2);
    const make = (key: string) => cache(key, async () => (made.push(key), `value of ${key}`));
    expect(await make('a')).toBe('value of a');
    expect(await make('a')).toBe('value of a');
    await make('b');
    await make('c'); // past the limit: "a" goes
    await make('b');
    await make('a');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
    await expect(cache('bad', () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(await cache('bad', async () => 'made again')).toBe('made again');
  });
});
