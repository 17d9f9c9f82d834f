// build() as a library caller uses it: what a build of every talk does to talks built by name
// into the same folder (issue 21: they went without a word).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
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
