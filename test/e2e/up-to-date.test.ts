// Rebuild only what changed, with PDFs, outside any git checkout: a build with nothing
// changed leaves the PDFs untouched; --force makes them again to the same bytes, since a PDF
// is dated by its deck file, never by the build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { snapshot, writeTalks } from '../helpers/talks.js';

const root = mkdtempSync(path.join(tmpdir(), 'kamishibai-uptodate-pdf-'));
const out = path.join(root, 'dist');
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeTalks(root, 2, 3);

describe('talks with PDFs', () => {
  it('are left untouched when nothing changed, and made again to the same bytes with --force', async () => {
    const first = await build({ root, outDir: out });
    expect(first.ok, JSON.stringify(first.diagnostics)).toBe(true);
    const made = snapshot(out);
    expect(made.has(path.join('talk-01', 'talk-01.pdf'))).toBe(true);
    const again = await build({ root, outDir: out });
    expect(again.builds).toEqual([]);
    expect(snapshot(out)).toEqual(made);
    // Whole seconds apart at least: a PDF dated by the build would differ.
    await new Promise((r) => setTimeout(r, 1100));
    const forced = await build({ root, outDir: out, force: true });
    expect(forced.builds).toHaveLength(2);
    const hashes = (s: ReturnType<typeof snapshot>) => [...s].map(([p, f]) => [p, f.hash]);
    expect(hashes(snapshot(out))).toEqual(hashes(made));
  }, 300_000);
});
