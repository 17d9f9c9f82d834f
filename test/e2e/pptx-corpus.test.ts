// --pptx on decks written for other tools (issue 24): a Marp deck and a Slidev deck of the
// public corpus (test/corpus) export, a slide per page of the slide PDF, their words as text.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { paragraphs, readPptx } from '../helpers/pptx.js';

const project = mkdtempSync(path.join(tmpdir(), 'kamishibai-pptx-corpus-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const DECKS = [
  // Builds once its plain `version: 1.0.0` metadata line is gone (test/corpus/STATUS.md).
  { tool: 'marp', name: 'dracula', file: 'slides.md', fix: (md: string) => md.replace(/^version: 1\.0\.0\n/m, '') },
  { tool: 'slidev', name: 'theme-seriph', file: 'example.md', fix: (md: string) => md },
];

describe.each(DECKS)('--pptx: the $tool deck $name', ({ tool, name, file, fix }) => {
  it('exports a slide per page of the PDF, nearly every word of each as text', async () => {
    const dir = path.join(project, name);
    cpSync(path.join(ROOT, 'test', 'corpus', tool, name), dir, { recursive: true });
    writeFileSync(path.join(dir, file), fix(readFileSync(path.join(dir, file), 'utf8')));
    const r = runCli(['build', path.join(dir, file), '--pptx', '--out', path.join(project, 'dist'), '--no-handout', '--quiet'], { cwd: project });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const slug = path.basename(file, '.md') === 'slides' ? name : path.basename(file, '.md');
    const out = (f: string) => path.join(project, 'dist', slug, f);
    const pdf = out(`${slug}.pdf`);
    const pptx = await readPptx(out(`${slug}.pptx`));
    expect(pptx.slides).toHaveLength(pdfInfo(pdf).pages);
    let words = 0;
    let found = 0;
    pptx.slides.forEach((xml, i) => {
      const text = paragraphs(xml).join(' ').replace(/\s+/g, '');
      for (const word of pdfText(pdf, { first: i + 1, last: i + 1 }).split(/\s+/).filter((w) => w.length > 1)) {
        words++;
        if (text.includes(word)) found++;
      }
    });
    // Words in pictures (a diagram's labels, math) are the PDF's only.
    expect(words).toBeGreaterThan(pptx.slides.length * 3);
    expect(found / words).toBeGreaterThan(0.9);
  }, 600_000);
});
