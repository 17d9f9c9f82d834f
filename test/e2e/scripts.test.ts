// Decks in every script the project's fonts cover build with --strict, and their PDFs hold
// every character as text, in the family made for the deck's language, drawn (not blank).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfFonts, pdfInfo, pdfText } from '../helpers/pdf.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-scripts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixtures = 'test/fixtures/scripts';
const decks: Record<string, string> = { ko: 'NotoSansKR', 'zh-hans': 'NotoSansSC', 'zh-hant': 'NotoSansTC', ja: 'NotoSansJP', latin: 'NotoSans-', emoji: 'NotoSans-' };

let build: ReturnType<typeof runCli>;
beforeAll(() => {
  build = runCli(['build', ...Object.keys(decks).map((d) => path.join(fixtures, d)), '--out', tmp, '--strict'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
});

/** What a deck's slides and notes say, as characters that must come back from the PDFs. */
function sourceChars(name: string): { slides: string[]; notes: string[] } {
  const body = readFileSync(path.join(fixtures, name, 'slides.md'), 'utf8').split(/^---$/m).slice(2).join('\n');
  const [slides, notes] = body.split(/^Note:$/m);
  const chars = (s = '') => [...new Set([...s.replace(/^[#-]+ |`/gm, '')].filter((c) => /[^\s\p{Default_Ignorable_Code_Point}]/u.test(c)))];
  return { slides: chars(slides), notes: chars(notes) };
}

/** Share of a page's pixels that are strongly coloured (not grey), from poppler's PPM. */
function colouredShare(pdf: string): number {
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', pdf]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 32))!;
  const pixels = ppm.subarray(header[0].length);
  let coloured = 0;
  for (let i = 0; i < pixels.length; i += 3) if (Math.max(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) - Math.min(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) > 80) coloured++;
  return coloured / (pixels.length / 3);
}

describe('decks in Korean, Chinese, Japanese, Latin scripts and emoji', () => {
  it('build with --strict: no character without a font, no fallback font', () => {
    expect(build.stderr).not.toMatch(/warning|error/);
    expect(build.code).toBe(0);
  });

  for (const [name, family] of Object.entries(decks)) {
    it(`${name}: every character is text in the PDFs, in ${family}`, () => {
      const pdf = path.join(tmp, name, `${name}.pdf`);
      const text = pdfText(pdf);
      const { slides, notes } = sourceChars(name);
      expect(slides.filter((c) => !text.includes(c))).toEqual([]);
      const handout = pdfText(path.join(tmp, name, `${name}-handout.pdf`));
      expect(notes.filter((c) => !handout.includes(c))).toEqual([]);
      const fonts = pdfFonts(pdf);
      expect(fonts.every((f) => f.embedded)).toBe(true);
      expect(fonts.some((f) => f.name.includes(family))).toBe(true);
      // Each named as its family and weight (fontsource's files say "Noto Sans JP Thin").
      expect(fonts.filter((f) => f.type !== 'Type 3').map((f) => f.name.slice(7)).filter((n) => !/^NotoSans(JP|KR|SC|TC|Mono)?-(Regular|Bold)$/.test(n))).toEqual([]);
      // Colour emoji are Type 3 in Chromium's PDFs (their COLR layers); every other font is CID TrueType.
      if (name !== 'emoji') expect(fonts.filter((f) => f.type === 'Type 3')).toEqual([]);
      // Dated as SOURCE_DATE_EPOCH says (a reproducible build), not at the time of the export.
      expect(pdfInfo(pdf).fields.CreationDate).toMatch(/^Tue Nov 14 22:13:20 2023/);
    });
  }

  it('draws emoji in colour, from the colour font the deck ships', () => {
    const fonts = readFileSync(path.join(tmp, 'emoji', 'assets', 'fonts.css'), 'utf8');
    expect(fonts).toMatch(/--deck-font:'Noto Sans',[^;]*'Noto Color Emoji';/);
    // Emoji only: © and ↔ written alone stay in the text fonts.
    expect(/font-family:'Noto Color Emoji'[^}]*unicode-range:([^}]*)/.exec(fonts)![1]).toBe('U+200D,U+2615,U+2764,U+1F1EF,U+1F1F5,U+1F3FD,U+1F44D,U+1F469,U+1F4BB,U+1F52C,U+1F980');
    expect(pdfFonts(path.join(tmp, 'emoji', 'emoji.pdf')).some((f) => f.type === 'Type 3')).toBe(true);
    // The title slide's emoji are the page's only colour; the Latin deck's first page has none.
    expect(colouredShare(path.join(tmp, 'emoji', 'emoji.pdf'))).toBeGreaterThan(0.002);
    expect(colouredShare(path.join(tmp, 'latin', 'latin.pdf'))).toBeLessThan(0.0005);
  });
});
