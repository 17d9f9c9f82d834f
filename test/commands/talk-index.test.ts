// Three CI jobs build a share of the talks each (--shard K/N); their folders, copied into
// one, become one site with `kamishibai index`.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { writeIndex } from '../../src/commands/talk-index.js';
import { talkName, writeTalks } from '../helpers/talks.js';

const root = mkdtempSync(path.join(tmpdir(), 'kamishibai-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeTalks(root, 7);
const all = Array.from({ length: 7 }, (_, i) => talkName(i + 1));
const joined = path.join(root, 'site');

describe('shards joined by index', () => {
  it('--shard 1/3, 2/3 and 3/3 into three folders build every talk once', async () => {
    const built: string[] = [];
    for (const index of [1, 2, 3]) {
      const out = path.join(root, `shard-${index}`);
      const r = await build({ root, outDir: out, pdf: false, shard: { index, count: 3 } });
      expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
      built.push(...r.builds.map((b) => b.source.slug));
      mkdirSync(joined, { recursive: true });
      cpSync(out, joined, { recursive: true });
    }
    expect(built.sort()).toEqual(all);
  }, 300_000);

  it('copied together and run through index, the talk list names every talk, and a build finds them all up to date', async () => {
    const r = await writeIndex({ root, outDir: joined });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    expect(r.talks).toEqual(all);
    const page = readFileSync(path.join(joined, 'index.html'), 'utf8');
    for (const t of all) expect(page).toContain(`href="${t}/index.html"`);
    const again = await build({ root, outDir: joined, pdf: false });
    expect(again.builds).toEqual([]);
    expect(again.upToDate!.sort()).toEqual(all);
  }, 300_000);

  it('refuses a folder holding anything but built talks, and writes nothing', async () => {
    const before = readdirSync(joined).sort();
    writeFileSync(path.join(joined, 'notes.txt'), 'mine');
    const r = await writeIndex({ root, outDir: joined });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(/notes\.txt is not a talk a build made .*move it out/);
    expect(readdirSync(joined).sort()).toEqual([...before, 'notes.txt'].sort());
  }, 300_000);
});
