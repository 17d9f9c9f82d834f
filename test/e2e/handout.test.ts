// The article handout of the first talk, as a reader keeps it: a few A4 pages that read as the
// essay, every slide and every note in it, in order, with an outline to move through it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { pdfInfo, pdfStructure, pdfText } from '../helpers/pdf.js';
import { paperFor } from '../../src/browser/handout-article.js';
import { DEFAULTS } from '../../src/core/config.js';

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-handout-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const TALKS = ['japan-ai', 'japan-ai-en'];

beforeAll(() => {
  const r = runCli(['build', ...TALKS.map((t) => `slides/${t}`), '--out', out, '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

/** Each slide's notes as the deck writes them, in order. */
function notesOf(slug: string): string[] {
  const source = readFileSync(path.join(ROOT, 'slides', slug, 'slides.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return source.split(/^---$/m).map((slide) => slide.split(/^Note:$/m)[1]?.trim() ?? '');
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(TALKS)('the article handout of %s', (slug) => {
  const file = () => path.join(out, slug, `${slug}-handout.pdf`);

  it('is a few A4 pages (the notes layout took 17)', () => {
    const info = pdfInfo(file());
    expect(info.pages).toBeLessThanOrEqual(6);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
  });

  it('holds every note, whole and in order', () => {
    const text = squash(pdfText(file(), undefined, true));
    const notes = notesOf(slug);
    expect(notes).toHaveLength(17);
    let at = 0;
    notes.forEach((note, i) => {
      // Each line of the notes, as text; Markdown marks are not printed.
      for (const line of note.split('\n').map((l) => squash(l.replace(/[*_`]/g, ''))).filter(Boolean)) {
        const found = text.indexOf(line.slice(0, 40), at);
        expect(found, `slide ${i + 1}: ${line.slice(0, 40)}`).toBeGreaterThanOrEqual(at);
        at = found;
      }
    });
  });

  it('has an outline: the talk, its parts and every slide, numbered in order', async () => {
    const titles = (await pdfStructure(file())).outlineTitles ?? [];
    const numbered = titles.filter((t) => /^\d+\. /.test(t)).map((t) => Number(t.split('.')[0]));
    expect(numbered).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });
});

describe('paper', () => {
  it('is Letter where people use it, A4 elsewhere, or as set', () => {
    expect(paperFor({ ...DEFAULTS, lang: 'en-US' }).name).toBe('Letter');
    expect(paperFor({ ...DEFAULTS, lang: 'en' }).name).toBe('A4');
    expect(paperFor({ ...DEFAULTS, lang: 'ja' }).name).toBe('A4');
    expect(paperFor({ ...DEFAULTS, lang: 'ja', paper: 'Letter' }).name).toBe('Letter');
  });
});

describe('the grid handout', () => {
  it('puts three slides on a page, each beside lines to write on', () => {
    const dir = path.join(out, 'grid-talk');
    const deck = readFileSync(path.join(ROOT, 'slides', 'japan-ai-en', 'slides.md'), 'utf8').replace(/^---\n/, '---\nhandout: grid\n');
    const src = mkdtempSync(path.join(tmpdir(), 'kamishibai-grid-'));
    try {
      writeFileSync(path.join(src, 'slides.md'), deck);
      const built = runCli(['build', src, '--out', dir, '--quiet']);
      expect(built.code).toBe(0);
      const pages = pdfInfo(path.join(dir, path.basename(src), `${path.basename(src)}-handout.pdf`)).pages;
      // 17 slides, three a page, the first page also holding the title.
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(pages).toBeLessThanOrEqual(7);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
