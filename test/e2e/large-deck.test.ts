// A deck of more slides than Chromium prints at once (page-outputs.ts PRINT_CHUNK): the slide
// PDF is printed in parts and joined, and reads as one printed whole: a page a slide, in
// order, no blank page between parts, a bookmark on every slide, its metadata.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfInfo, pdfStructure, pdfText } from '../helpers/pdf.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-large-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a deck printed in parts', () => {
  it('450 slides: 450 pages in order, each with its slide, one bookmark each', async () => {
    const count = 450;
    writeFileSync(path.join(tmp, 'many.md'), `---\ntitle: Many\n---\n\n${Array.from({ length: count }, (_, i) => `## Slide ${i + 1}\n\nx`).join('\n\n---\n\n')}\n`);
    const r = runCli(['build', path.join(tmp, 'many.md'), '--out', path.join(tmp, 'out'), '--no-handout']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = path.join(tmp, 'out', 'many', 'many.pdf');
    expect(pdfInfo(pdf).pages).toBe(count);
    expect(pdfInfo(pdf).fields.Title).toBe('Many');
    // Each side of each join, and the last page.
    for (const page of [1, 200, 201, 400, 401, 450]) expect(pdfText(pdf, { first: page, last: page })).toMatch(new RegExp(`^Slide ${page}\\b`));
    const { outline } = await pdfStructure(pdf);
    expect(outline).toHaveLength(count);
    expect(outline[300]).toEqual({ title: 'Slide 301', page: 300 });
  }, 300_000);
});
