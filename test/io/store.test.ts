// writeAtomic: a reader never sees half a file, and writers of one file at once (two builds
// in one process, as a library caller may run them) each finish.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/io/store.js';

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
