// The real PDFs, read back with poppler and pdf-lib.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pdfFonts, pdfInfo, pdfStructure, pdfText } from '../helpers/pdf.js';

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-pdf-'));
const deckDir = path.join(out, 'pdf-deck');
const slidesPdf = path.join(deckDir, 'pdf-deck.pdf');
const handoutPdf = path.join(deckDir, 'pdf-deck-handout.pdf');
let result: BuildResult;

beforeAll(async () => {
  result = await build({ inputs: [path.join(FIXTURES, 'e2e', 'pdf-deck')], outDir: out, png: true });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('slide PDF', () => {
  it('builds without a diagnostic and links the PDFs from the deck and the index', async () => {
    expect(result.diagnostics).toEqual([]);
    const page = readFileSync(path.join(deckDir, 'index.html'), 'utf8');
    expect(page).toContain('href="pdf-deck.pdf"');
    expect(page).toContain('href="pdf-deck-handout.pdf"');
    expect(page).toContain('<meta property="og:image" content="og.png">');
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="pdf-deck/pdf-deck.pdf"');
    expect(index).toContain('href="pdf-deck/pdf-deck-handout.pdf"');
  });

  it('is byte-identical when built again from the same input (PDFs, og.png, pages)', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'kamishibai-pdf-again-'));
    try {
      await build({ inputs: [path.join(FIXTURES, 'e2e', 'pdf-deck')], outDir: again, png: true });
      for (const f of ['pdf-deck.pdf', 'pdf-deck-handout.pdf', 'og.png', 'index.html']) {
        expect(readFileSync(path.join(again, 'pdf-deck', f)).equals(readFileSync(path.join(deckDir, f))), f).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('has one 960x540 pt page per slide, vertical slides included', () => {
    expect(pdfInfo(slidesPdf)).toMatchObject({ pages: 5, width: 960, height: 540 });
  });

  it('embeds every font, none as Type 3', () => {
    const fonts = pdfFonts(slidesPdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.embedded).toBe(true);
      expect(f.type).not.toMatch(/Type 3/);
    }
  });

  it('extracts the Japanese text exactly: no stray spaces, no U+200B', () => {
    const text = pdfText(slidesPdf);
    expect(text).not.toContain('\u200b');
    for (const line of ['変われない日本で', '資金の投じ方', 'リスクマネーがほとんど存在しない', '短期的な収益を求める傾向が強い', '規模の経済がAI競争を左右する。', '国内ユーザーを増やして、育てる。']) {
      expect(text.split(/[\n\f]/)).toContain(line);
    }
  });

  it('shows fragments in their final state', () => {
    expect(pdfText(slidesPdf, { first: 2, last: 2 })).toContain('短期的な収益を求める傾向が強い');
  });

  it('has working external links and links between slides; a link to the talk\'s own files, without an address, is its words', async () => {
    const { links } = await pdfStructure(slidesPdf);
    expect(links).toEqual(
      expect.arrayContaining([
        { page: 2, uri: 'https://revealjs.com/' },
        { page: 2, dest: 0 },
        { page: 2, dest: 4 },
      ]),
    );
    // issue 26: a relative link breaks once the PDF is passed on; with no url it is not a link.
    expect(links.filter((l) => 'uri' in l && !/^https:/.test(String(l.uri)))).toEqual([]);
    expect(pdfText(slidesPdf, { first: 3, last: 3 })).toContain('the handout');
    expect(execFileSync('pdfinfo', ['-url', handoutPdf], { encoding: 'utf8' })).not.toMatch(/pdf-deck-handout\.pdf/);
  });

  it('has one bookmark per slide, from the slide titles, and the metadata', async () => {
    const s = await pdfStructure(slidesPdf);
    expect(s.outline).toEqual([
      { title: '変われない日本で', page: 0 },
      { title: '資金の投じ方', page: 1 },
      { title: 'Links', page: 2 },
      { title: '研究開発のスケール', page: 3 },
      { title: 'まとめ', page: 4 },
    ]);
    expect(s).toMatchObject({ title: '変われない日本で', author: '山田 花子', subject: 'A deck for testing the PDF output', lang: 'ja' });
  });

  it('writes og.png at 1200x630 and one PNG per slide', () => {
    const png = (f: string) => {
      const b = readFileSync(f);
      return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
    };
    expect(png(path.join(deckDir, 'og.png'))).toEqual({ w: 1200, h: 630 });
    const pngs = readdirSync(path.join(deckDir, 'png'));
    expect(pngs).toHaveLength(5);
    expect(png(path.join(deckDir, 'png', pngs[0]!))).toEqual({ w: 1280, h: 720 });
    // Each its own slide (the page is scrolled to each in turn): five different pictures.
    expect(new Set(pngs.map((f) => readFileSync(path.join(deckDir, 'png', f)).toString('base64'))).size).toBe(5);
  });
});

describe('handout PDF', () => {
  it('has an A4 page per slide with the slide, its notes, title, event and page number', () => {
    const info = pdfInfo(handoutPdf);
    expect(info.pages).toBe(5);
    expect(Math.round(info.width)).toBe(595);
    expect(Math.round(info.height)).toBe(842);
    const page2 = pdfText(handoutPdf, { first: 2, last: 2 });
    expect(page2).toContain('資金の投じ方');
    expect(page2.replace(/\n/g, '')).toContain('日本の投資環境では、短期的な収益を求める傾向が強く、失敗を前提としたリスクマネーがほとんど存在しません。');
    expect(page2).toContain('変われない日本で');
    expect(page2).toContain('Tokyo Meetup');
    expect(page2).toMatch(/2\s*\/\s*5/);
  });

  it('still shows a slide without notes', () => {
    expect(pdfText(handoutPdf, { first: 3, last: 3 })).toContain('(このスライドにノートはありません)');
  });

  it('has bookmarks and embedded, non-Type 3 fonts too', async () => {
    const s = await pdfStructure(handoutPdf);
    expect(s.outline.map((o) => o.page)).toEqual([0, 1, 2, 3, 4]);
    for (const f of pdfFonts(handoutPdf)) expect(f.type).not.toMatch(/Type 3/);
  });
});

describe('PDF options and size', () => {
  it('--pdf-fragments prints a page per fragment step', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-frag-'));
    try {
      await build({ inputs: [path.join(FIXTURES, 'e2e', 'pdf-deck')], outDir: dir, pdfFragments: true });
      // The steps slide has two fragments: 3 pages for it, 1 for each of the other four.
      expect(pdfInfo(path.join(dir, 'pdf-deck', 'pdf-deck.pdf')).pages).toBe(7);
      expect(pdfInfo(path.join(dir, 'pdf-deck', 'pdf-deck-handout.pdf')).pages).toBe(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issue 27 case 16: refuses --pdf-fragments past 2,000 pages before copying any, and writes no PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-frag-many-'));
    try {
      const deck = path.join(dir, 'src', 'lists');
      mkdirSync(deck, { recursive: true });
      // 50 slides of 100 items shown one by one: 5,050 pages (a 50 KB deck took minutes, then failed).
      const slides = Array.from({ length: 50 }, (_, i) => `## L${i}\n\n${Array.from({ length: 100 }, (_, j) => `- item ${j}`).join('\n')}`);
      writeFileSync(path.join(deck, 'slides.md'), `---\ntitle: Lists\nfragments: true\n---\n\n${slides.join('\n\n---\n\n')}\n`);
      const built = await build({ inputs: [deck], outDir: path.join(dir, 'out'), pdfFragments: true });
      expect(built.diagnostics.map((d) => d.message)).toEqual([
        '--pdf-fragments would print 5,050 pages holding 525,000 copied elements (a page per fragment step); Kamishibai prints up to 2,000 pages and 50,000 copied elements: build without --pdf-fragments, or show long lists whole (fragments: false); no PDF written for this talk',
      ]);
      expect(existsSync(path.join(dir, 'out', 'lists', 'lists.pdf'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a 30-slide Japanese text deck well under 2 MB', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-size-'));
    try {
      const deck = path.join(dir, 'src', 'thirty');
      mkdirSync(deck, { recursive: true });
      const slides = Array.from({ length: 30 }, (_, i) => `## スライド${i + 1}: 日本のAI企業\n\n- 海外資本を積極的に受け入れる\n- 特化戦略を取る\n- 人材を呼び込む\n\nNote: ノート${i + 1}。`);
      writeFileSync(path.join(deck, 'slides.md'), `---\ntitle: 三十枚\nlang: ja\n---\n\n${slides.join('\n\n---\n\n')}\n`);
      await build({ inputs: [deck], outDir: path.join(dir, 'out') });
      const size = statSync(path.join(dir, 'out', 'thirty', 'thirty.pdf')).size;
      expect(pdfInfo(path.join(dir, 'out', 'thirty', 'thirty.pdf')).pages).toBe(30);
      expect(size).toBeLessThan(1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no temp file beside the PDFs', () => {
    expect(readdirSync(deckDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(slidesPdf)).toBe(true);
  });
});

describe('entities as authors write them', () => {
  it('show as the characters they name, in the deck, its title and meta tags, and the PDF text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-entities-'));
    try {
      mkdirSync(path.join(dir, 'ents'));
      writeFileSync(
        path.join(dir, 'ents', 'slides.md'),
        "---\ntitle: Library &rarr; Framework\n---\n\n## Kubernetes' API &amp; more\n\nA&emsp;B &nbsp;C &copy; &#x2192; 5 &lt; 6\n\nNote: notes &rarr; too\n",
      );
      const built = await build({ inputs: [path.join(dir, 'ents')], outDir: path.join(dir, 'out') });
      expect(built.diagnostics).toEqual([]);
      const page = readFileSync(path.join(dir, 'out', 'ents', 'index.html'), 'utf8');
      expect(page).toContain('<title>Library → Framework</title>');
      expect(page).toContain('<meta property="og:title" content="Library → Framework">');
      expect(page).not.toMatch(/&amp;(rarr|emsp|nbsp|copy|#)/);
      const text = pdfText(path.join(dir, 'out', 'ents', 'ents.pdf'));
      expect(text).toContain("Kubernetes' API & more");
      // pdftotext lays out by position (an em space may become a gap or a line): the characters, then.
      for (const ch of ['©', '→', '<']) expect(text).toContain(ch);
      expect(text).not.toMatch(/&(rarr|emsp|nbsp|copy|amp|lt|#x2192);/);
      expect(pdfText(path.join(dir, 'out', 'ents', 'ents-handout.pdf'))).toContain('notes → too');
      expect((await pdfStructure(path.join(dir, 'out', 'ents', 'ents.pdf'))).title).toBe('Library → Framework');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a long deck', () => {
  it('trust-b 16: 600 slides with notes print whole: a page a slide, and a handout page a slide (no time asserted)', async () => {
    const dir = path.join(out, 'long', 'long');
    mkdirSync(dir, { recursive: true });
    const slides = Array.from({ length: 600 }, (_, i) => `## Slide ${i + 1}\n\nx\n\nNote:\nSaid ${i + 1}.`);
    writeFileSync(path.join(dir, 'slides.md'), `---\ntitle: Long\nhandout: notes\n---\n\n${slides.join('\n\n---\n\n')}\n`);
    const r = await build({ inputs: [dir], outDir: path.join(out, 'long-out') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pdfInfo(path.join(out, 'long-out', 'long', 'long.pdf')).pages).toBe(600);
    expect(pdfInfo(path.join(out, 'long-out', 'long', 'long-handout.pdf')).pages).toBe(600);
  }, 600_000);
});
