// build() as a library caller uses it: what a build of every talk does to talks built by name
// into the same folder (issue 21: they went without a word).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a build of every talk', () => {
  it('says which talks built by name it removes from the output', async () => {
    const root = path.join(tmp, 'project');
    mkdirSync(path.join(root, 'slides', 'mine'), { recursive: true });
    writeFileSync(path.join(root, 'slides', 'mine', 'slides.md'), '# Mine\n');
    const loose = path.join(tmp, 'loose');
    mkdirSync(loose);
    writeFileSync(path.join(loose, 'talk.md'), '# Loose\n');
    const outDir = path.join(tmp, 'out');
    expect((await build({ root, inputs: [path.join(loose, 'talk.md')], outDir, pdf: false })).ok).toBe(true);
    expect(existsSync(path.join(outDir, 'talk', 'index.html'))).toBe(true);
    const all = await build({ root, outDir, pdf: false });
    expect(all.ok).toBe(true);
    expect(existsSync(path.join(outDir, 'talk'))).toBe(false);
    expect(all.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^removed .*talk\/ from the output: a build of every talk keeps only the talks in slides\//)]));
  }, 120_000);
});

describe('a build of one talk', () => {
  it('issue 20 item 20, again: refuses to replace a folder another deck (one whose name gives the same folder) was built into, built one at a time', async () => {
    const root = path.join(tmp, 'same-folder');
    for (const name of ['日本語 トーク', '日本語-トーク']) {
      mkdirSync(path.join(root, 'slides', name), { recursive: true });
      writeFileSync(path.join(root, 'slides', name, 'slides.md'), `# ${name}\n`);
    }
    const outDir = path.join(tmp, 'same-out');
    const first = await build({ root, inputs: ['日本語 トーク'], outDir, pdf: false });
    expect(first.ok).toBe(true);
    const folder = first.talks[0]!.slug;
    const second = await build({ root, inputs: ['日本語-トーク'], outDir, pdf: false });
    expect(second.ok).toBe(false);
    expect(second.diagnostics.map((d) => d.message)).toEqual([`builds into the output folder "${folder}", which holds the build of another deck (日本語 トーク/slides.md); rename one of the two so their names differ in a letter or digit, or build this one with another --out`]);
    expect(readFileSync(path.join(outDir, folder, 'index.html'), 'utf8')).toContain('日本語 トーク');
    // The same deck again is its own folder: rebuilt, not refused.
    expect((await build({ root, inputs: ['日本語 トーク'], outDir, pdf: false, force: true })).ok).toBe(true);
  }, 120_000);
});
