// Rebuild only what changed, the cases for `count` talks: a talk whose output was made from what
// it is now is left as it is, byte for byte (not even rewritten); an edited talk is built again;
// --force builds all. up-to-date.test.ts runs them on 6 talks, up-to-date.scale.test.ts on 30.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { snapshot, talkName, writeTalks } from './talks.js';

const slugs = (list: { source: { slug: string } }[]) => list.map((b) => b.source.slug).sort();
/** The files under out/<talk>/ of the talks given, from a snapshot. */
const of = (snap: ReturnType<typeof snapshot>, talks: string[]) => [...snap].filter(([p]) => talks.includes(p.split(path.sep)[0]!));

/** The cases on `count` talks (at least 5: talks 2 to 5 each play a part). */
export function upToDateCases(count: number): void {
  describe(`a build of ${count} talks`, () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kamishibai-uptodate-'));
    const out = path.join(root, 'dist');
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    writeTalks(root, count);
    const run = (extra: Parameters<typeof build>[0] = {}) => build({ root, outDir: out, pdf: false, ...extra });
    const all = Array.from({ length: count }, (_, i) => talkName(i + 1));
    const last = talkName(count);
    let first: ReturnType<typeof snapshot>;

    it('builds every talk the first time and records what each was made from', async () => {
      const r = await run();
      expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
      expect(slugs(r.builds)).toEqual(all);
      first = snapshot(out);
      expect(first.has(path.join('talk-01', 'made-from.json'))).toBe(true);
    }, 300_000);

    it('leaves every talk as it is when nothing changed, and says so', async () => {
      const r = await run();
      expect(r.ok).toBe(true);
      expect(r.builds).toEqual([]);
      expect(r.upToDate!.sort()).toEqual(all);
      expect(snapshot(out)).toEqual(first);
    }, 300_000);

    it('after one talk is edited, builds that one alone; the others stay byte for byte, untouched', async () => {
      appendFileSync(path.join(root, 'slides', 'talk-02', 'slides.md'), '\n---\n\n# One more slide\n');
      const r = await run();
      expect(r.ok).toBe(true);
      expect(slugs(r.builds)).toEqual(['talk-02']);
      expect(r.upToDate).toHaveLength(count - 1);
      const now = snapshot(out);
      const others = all.filter((t) => t !== 'talk-02');
      expect(of(now, others)).toEqual(of(first, others));
      expect(now.get(path.join('talk-02', 'index.html'))!.hash).not.toBe(first.get(path.join('talk-02', 'index.html'))!.hash);
    }, 300_000);

    it('builds a talk again when a file in its folder changed or a file of its output is gone', async () => {
      writeFileSync(path.join(root, 'slides', 'talk-03', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      rmSync(path.join(out, 'talk-04', 'talk.json'));
      const r = await run();
      expect(slugs(r.builds)).toEqual(['talk-03', 'talk-04']);
      expect(existsSync(path.join(out, 'talk-04', 'talk.json'))).toBe(true);
    }, 300_000);

    it('writes the talk list again when it was removed, leaving the talks as they are', async () => {
      const before = snapshot(out);
      rmSync(path.join(out, 'index.html'));
      const r = await run();
      expect(r.written).toBe(true);
      expect(r.builds).toEqual([]);
      const now = snapshot(out);
      expect(of(now, all)).toEqual(of(before, all));
      expect(now.get('index.html')!.hash).toBe(before.get('index.html')!.hash);
    }, 300_000);

    it('removes the output of a talk whose folder was deleted, and lists it no more', async () => {
      rmSync(path.join(root, 'slides', 'talk-05'), { recursive: true });
      const before = snapshot(out);
      const r = await run();
      expect(r.ok).toBe(true);
      expect(r.builds).toEqual([]);
      expect(existsSync(path.join(out, 'talk-05'))).toBe(false);
      expect(readFileSync(path.join(out, 'index.html'), 'utf8')).not.toContain('talk-05/');
      expect(of(snapshot(out), ['talk-01', last])).toEqual(of(before, ['talk-01', last]));
    }, 300_000);

    it('builds every talk again with --force or other options, to the same bytes', async () => {
      const before = snapshot(out);
      const forced = await run({ force: true });
      expect(forced.builds).toHaveLength(count - 1);
      const after = snapshot(out);
      expect([...after].map(([p, f]) => [p, f.hash])).toEqual([...before].map(([p, f]) => [p, f.hash]));
      const other = await run({ baseUrl: 'https://example.org/talks/' });
      expect(other.builds).toHaveLength(count - 1);
    }, 300_000);
  });
}
