// `check` measures the contrast of every text against what is drawn behind it (colour or
// picture) and warns under WCAG AA; code and headings take colours that suit their background.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfStructure } from '../helpers/pdf.js';

const fixture = (name: string) => `test/fixtures/contrast/${name}`;
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes(': warning: '));

describe('contrast', () => {
  it('trust 20-2: code on a dark slide takes dark-slide colours; a title over a dark photo is reported with its line and text', () => {
    const r = runCli(['check', fixture('dark-slides'), '--strict']);
    expect(warnings(r.stderr)).toEqual([
      expect.stringMatching(/dark-slides\/slides\.md:23:1: warning: slide 3: text "A title over a night photo" has a contrast of 1\.\d\d:1 against what is behind it, under the 3:1 WCAG AA asks.*; it is over a dark picture: give the slide light text with <!-- \.slide: class="invert" -->/),
    ]);
    expect(r.code).toBe(1);
  });

  it('a deck of 100 slides or more is checked on a second tab while the first prints, 250 slides a call: build warns as check does, at the same lines, across the calls', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-contrast-'));
    try {
      cpSync(fixture('dark-slides'), dir, { recursive: true });
      const deck = path.join(dir, 'slides.md');
      // Faint text on the first slide after the first 250 and on the last, besides one within.
      const faint = [104, 246, 247, 299];
      const more = Array.from({ length: 300 }, (_, i) => `## More ${i + 1}\n\n${faint.includes(i) ? `<span style="color: #c8c8c8">Too faint to read ${i}</span>` : 'Plain text'}`);
      // An overflowing slide past the first 250, for the overflow measured on the second tab.
      more[260] = `## Too long\n\n${Array.from({ length: 30 }, (_, j) => `- item ${j}`).join('\n')}`;
      writeFileSync(deck, `${readFileSync(deck, 'utf8')}\n---\n\n${more.join('\n\n---\n\n')}\n`);
      const faintAt = (i: number) => expect.stringMatching(new RegExp(`slides\\.md:\\d+:1: warning: slide ${i + 4}: text "Too faint to read ${i}" has a contrast of 1\\.\\d\\d:1`));
      const checked = runCli(['check', dir]);
      const built = runCli(['build', dir, '--no-handout', '--out', path.join(dir, 'out')]);
      expect(built.code).toBe(0);
      expect(warnings(built.stderr)).toEqual(warnings(checked.stderr));
      expect(warnings(built.stderr)).toEqual([
        expect.stringMatching(/slides\.md:23:1: warning: slide 3: text "A title over a night photo" has a contrast of 1\.\d\d:1/),
        ...faint.slice(0, 3).map((i) => faintAt(i)),
        expect.stringMatching(/slides\.md:\d+:1: warning: slide 264 overflows the frame/),
        faintAt(299),
      ]);
      // og.png, made on the first tab before its print while the second checks.
      const talk = path.join(dir, 'out', path.basename(dir));
      const og = readFileSync(path.join(talk, 'og.png'));
      expect({ w: og.readUInt32BE(16), h: og.readUInt32BE(20) }).toEqual({ w: 1200, h: 630 });
      // The slide PDF's bookmarks, named from the second tab's reports: one a slide, each to its page.
      const { outline } = await pdfStructure(path.join(talk, `${path.basename(dir)}.pdf`));
      expect(outline.map((b) => b.page)).toEqual(Array.from({ length: 303 }, (_, i) => i));
      expect(outline[263]?.title).toBe('Too long');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('trust 20-2: the fix the warning names for a title over a dark photo makes it readable, and --strict passes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-contrast-'));
    try {
      cpSync(fixture('dark-slides'), dir, { recursive: true });
      const deck = path.join(dir, 'slides.md');
      writeFileSync(deck, readFileSync(deck, 'utf8').replace('![bg](images/night.png)', '<!-- .slide: class="invert" -->\n\n![bg](images/night.png)'));
      const r = runCli(['check', dir, '--strict']);
      expect(warnings(r.stderr)).toEqual([]);
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("trust 20-2: Marp's invert keeps code readable, _color whitens the heading too; a title over a dark photo is reported", () => {
    const r = runCli(['check', fixture('marp')]);
    expect(warnings(r.stderr)).toEqual([expect.stringMatching(/marp\/slides\.md:24:1: warning: slide 3: text "A title over a night photo" has a contrast of 1\.\d\d:1/)]);
  });

  it('trust 20-2, again: a dark data-background-gradient is drawn on the print page and measured: black text on it is reported, invert passes', () => {
    const r = runCli(['check', fixture('gradient'), '--strict']);
    expect(warnings(r.stderr)).toEqual([expect.stringMatching(/gradient\/slides\.md:11:1: warning: slide 2: text "Gradient dark" has a contrast of 1\.\d\d:1/)]);
    expect(r.code).toBe(1);
  });

  it("the default code colours pass the check's own line on the default themes, light and dark slides (print, echo were 2.98:1)", () => {
    for (const theme of ['kamishibai', 'kamishibai-dark']) {
      const r = runCli(['check', fixture('code-palette'), '--strict', '--theme', theme]);
      expect(warnings(r.stderr), theme).toEqual([]);
      expect(r.code, theme).toBe(0);
    }
  });

  it('names a word of code under the line by its word and highlight class, once a slide, with the CSS that fixes it', () => {
    // The deck's own colour for built-ins (print, echo): light, so under the line on light slides.
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-contrast-'));
    try {
      cpSync(fixture('code-palette'), dir, { recursive: true });
      const deck = path.join(dir, 'slides.md');
      writeFileSync(deck, `${readFileSync(deck, 'utf8')}\n<style>.reveal .hljs-built_in { color: #f0b090; }</style>\n`);
      const r = runCli(['check', dir, '--strict']);
      // print and echo share the class: one warning; on the dark slide the light colour passes.
      expect(warnings(r.stderr)).toEqual([
        expect.stringMatching(/slides\.md:5:1: warning: slide 1: text "print" has a contrast of 1\.\d\d:1 .*; it is code coloured as \.hljs-built_in: give that class a colour of more contrast in the deck's CSS \(\.reveal \.hljs-built_in \{ color: \.\.\. \}\)$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Japanese cut into a node per phrase (<wbr>) is judged by its element, line by line: faint text once, and a black title of two lines over a dark photo', () => {
    const r = runCli(['check', fixture('japanese')]);
    expect(warnings(r.stderr)).toEqual([
      expect.stringMatching(/japanese\/slides\.md:6:1: warning: slide 1: text "薄すぎて読めない文章は、いくつの句に分かれていても、ここで一度だけ報告される。" has a contrast of 1\.\d\d:1 against what is behind it, under the 3:1/),
      expect.stringMatching(/japanese\/slides\.md:14:1: warning: slide 2: text "夜の写真の上に置いた黒い見出しは、読めないので報告される" has a contrast of 1\.\d\d:1 .*; it is over a dark picture/),
    ]);
  });

  it('draws the line at WCAG AA exactly: 4.5:1 for small text, 3:1 for large; pictures and caption bands measured as drawn', () => {
    const r = runCli(['check', fixture('edges')]);
    expect(warnings(r.stderr).sort()).toEqual([
      expect.stringMatching(/edges\/slides\.md:5:1: warning: slide 1: text "Large grey #969696 is 2\.96 to 1" has a contrast of 2\.9\d:1 against what is behind it, under the 3:1/),
      expect.stringMatching(/edges\/slides\.md:5:1: warning: slide 1: text "Small grey #777 is 4\.48 to 1 on white" has a contrast of 4\.4\d:1 against what is behind it, under the 4\.5:1/),
    ]);
  });

  it('trust 20-1: a logo at the top of every slide is no overflow; the starter deck with it passes --strict', () => {
    const r = runCli(['check', 'test/fixtures/overflow/logo', '--strict']);
    expect(warnings(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
  });
});
