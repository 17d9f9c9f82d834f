// print.ts: links in the PDFs. With a public address (url:, or --base-url), a relative link
// to the talk's own files is absolute under it, as README promises: a PDF mailed or
// downloaded alone still reaches them. (Without one they are words, not links: e2e/pdf.test.ts.)
// And the bookmarks name each slide as the handout and the notes file do; a fitted heading
// fills the slide's width; a footnote sits under the text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pdfStructure, pdfText } from '../helpers/pdf.js';

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-print-'));
const fixture = path.join(FIXTURES, 'print', 'absolute-links');
let result: BuildResult;

beforeAll(async () => {
  const names = path.join(FIXTURES, 'print', 'slide-names');
  result = await build({ inputs: [path.join(fixture, 'with-url'), path.join(fixture, 'base-url'), names, ...['fit-heading', 'fit-heading-centred', 'fit-heading-padded', 'footnote'].map((f) => path.join(FIXTURES, 'print', f))], outDir: out, baseUrl: 'https://site.example/talks', notes: true });
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const uris = async (file: string) => (await pdfStructure(path.join(out, file))).links.map((l) => l.uri).filter(Boolean);

describe('issue 21 item 6: links in the PDFs under url: and --base-url', () => {
  it('url: makes the talk\'s relative links absolute under it, in the slide PDF and the handout', async () => {
    expect(result.diagnostics).toEqual([]);
    const expected = ['https://talks.example/with-url/with-url-handout.pdf', 'https://talks.example/with-url/files/notes.txt', 'https://talks.example/about/', 'https://example.org/'];
    expect(await uris('with-url/with-url.pdf')).toEqual(expected);
    // The article handout's header gives the talk's address first.
    expect(await uris('with-url/with-url-handout.pdf')).toEqual(['https://talks.example/with-url', ...expected]);
  });

  it('--base-url does the same for a talk without url:', async () => {
    expect(await uris('base-url/base-url.pdf')).toEqual(['https://site.example/talks/base-url/base-url.pdf', 'https://site.example/talks/index.html']);
  });
});

describe('issue 21 item 9: one name for a slide, in the notes file, the handout and the bookmarks', () => {
  const names = ['Names of slides', 'A slide with a heading', 'Start-ups lead, and the rest follow', 'Slide 4', 'Slides are for the room'];

  it('the bookmarks', async () => {
    expect((await pdfStructure(path.join(out, 'slide-names', 'slide-names.pdf'))).outline.map((o) => o.title)).toEqual(names);
  });

  it('the notes file', () => {
    const notes = readFileSync(path.join(out, 'slide-names', 'slide-names-notes.md'), 'utf8');
    expect([...notes.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual(names.map((n, i) => `${i + 1}. ${n}`));
  });

  it('the handout', () => {
    const text = pdfText(path.join(out, 'slide-names', 'slide-names-handout.pdf')).replace(/\s+/g, ' ');
    // The article handout: the title slide is its header, the others under their names.
    for (const n of names) expect(text).toContain(n);
  });
});

describe('a heading marked <!-- fit --> in the PDF', () => {
  it.each(['fit-heading', 'fit-heading-centred'])('%s: is set as large as the slide is wide, not left at its own size (the slide body is a flex column, centring or not)', (talk) => {
    const bbox = execFileSync('pdftotext', ['-bbox', path.join(out, talk, `${talk}.pdf`), '-'], { encoding: 'utf8' });
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Fitted<\/word>/.exec(bbox)!;
    // 960 pt wide pages: the heading spans most of the width inside the padding.
    expect(Number(word[3]) - Number(word[1])).toBeGreaterThan(700);
  });

  it("teaching-fr: fills its own content box, a Marp theme's padding left out, its lines (<br>) within it, as Marp fits it", () => {
    const bbox = execFileSync('pdftotext', ['-bbox', path.join(out, 'fit-heading-padded', 'fit-heading-padded.pdf'), '-'], { encoding: 'utf8' });
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(bbox)![1]);
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"/g)].map((m) => ({ left: Number(m[1]), top: Number(m[2]), right: Number(m[3]) }));
    const lines = [...new Set(words.map((w) => w.top))].map((top) => words.filter((w) => w.top === top));
    expect(lines).toHaveLength(3);
    // The slide is 1280 px wide; the heading's padding is 120 px on each side.
    const pad = (120 * pageWidth) / 1280;
    const extents = lines.map((line) => [Math.min(...line.map((w) => w.left)), Math.max(...line.map((w) => w.right))] as const);
    for (const [left, right] of extents) {
      expect(left).toBeGreaterThanOrEqual(pad - 1);
      expect(right).toBeLessThanOrEqual(pageWidth - pad + 1);
    }
    expect(Math.max(...extents.map(([left, right]) => right - left))).toBeGreaterThan(0.95 * (pageWidth - 2 * pad));
  });
});

describe('a footnote in the PDF', () => {
  it('is under the text that cites it (marked-footnote\'s <section> is not placed as a slide)', () => {
    const bbox = execFileSync('pdftotext', ['-bbox', path.join(out, 'footnote', 'footnote.pdf'), '-'], { encoding: 'utf8' });
    const top = (word: string) => Number(new RegExp(`yMin="([\\d.]+)"[^>]*>${word}</word>`).exec(bbox)![1]);
    expect(top('source.')).toBeGreaterThan(top('claim'));
    expect(top('claim')).toBeGreaterThan(top('heading'));
  });
});
