// --pptx on what PowerPoint cannot take as it is (issue 24): a CSS effect, a table past
// PowerPoint's 75 rows, characters XML forbids. `check` names each at its slide's line; the
// build still writes every output, the PowerPoint file without them.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

const project = mkdtempSync(path.join(tmpdir(), 'kamishibai-pptx-limits-'));
cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
cpSync(path.join(FIXTURES, 'pptx', 'limits'), path.join(project, 'slides', 'limits'), { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));
const deck = 'slides/limits/slides.md';

describe('--pptx: what PowerPoint cannot take', () => {
  it('check names each element that becomes a picture, and the characters left out, at its slide\'s line', () => {
    const r = runCli(['check', 'limits'], { cwd: project });
    expect(r.code).toBe(0);
    const pptx = r.stderr.split('\n').filter((l) => l.includes('PowerPoint'));
    // In reading order, by line.
    expect(pptx).toEqual([
      `${deck}:6:1: warning: slide 1: in the PowerPoint file, div (a gradient) becomes a picture, not editable there`,
      `${deck}:12:1: warning: slide 2: the PowerPoint file leaves out U+0007, U+000C: control characters XML cannot hold; delete them from the slide`,
      `${deck}:18:1: warning: slide 3: in the PowerPoint file, a table of 91 rows and 2 columns (PowerPoint's tables hold at most 75 of each: split it) becomes a picture, not editable there`,
    ]);
    expect(existsSync(path.join(project, 'dist'))).toBe(false);
  });

  it('build writes every output; the PowerPoint file holds no character XML forbids, the big table as a picture', async () => {
    const r = runCli(['build', 'limits', '--quiet'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('PowerPoint'))).toHaveLength(3);
    const out = (f: string) => path.join(project, 'dist', 'limits', f);
    expect(pdfInfo(out('limits.pdf')).pages).toBe(4);
    expect(pdfText(out('limits.pdf'), { first: 3, last: 3 })).toContain('row 1');
    expect(existsSync(out('limits-handout.pdf'))).toBe(true);
    expect(readFileSync(out('index.html'), 'utf8')).toContain('row 90');
    const zip = await JSZip.loadAsync(readFileSync(out('limits.pptx')));
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      // eslint-disable-next-line no-control-regex -- looking for what XML 1.0 forbids
      expect(await zip.file(name)!.async('string'), name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
    const slide = (n: number) => zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    expect(await slide(2)).toContain('A bell');
    expect(await slide(3)).not.toContain('<a:tbl>');
    expect(await slide(3)).toMatch(/<p:pic>.*descr="a table too big for PowerPoint"/s);
    expect(await slide(4)).toContain('Nothing to report here.');
  });
});
