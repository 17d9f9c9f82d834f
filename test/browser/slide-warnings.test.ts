// slide-warnings.ts: what a slide's report tells the speaker, and the fix it names.
import { describe, expect, it } from 'vitest';
import type { SlideReport } from '../../src/browser/inspect.js';
import { foldAcrossSlides, slideWarnings } from '../../src/browser/slide-warnings.js';
import type { Diagnostic } from '../../src/core/errors.js';

const none = { top: 0, bottom: 0, left: 0, right: 0 };
const report = (over: Partial<SlideReport>): SlideReport => ({
  number: 2,
  line: 9,
  title: 'A',
  edges: none,
  cut: none,
  cutBy: '',
  culprit: 'text',
  overFooter: false,
  band: '',
  brokenImages: [],
  fallbackFonts: [],
  lowContrast: [],
  ...over,
});

describe('slideWarnings', () => {
  it('names what the content runs into at the bottom: the footer, or the slide number of a deck without one', () => {
    const into = (band: string) => slideWarnings(report({ edges: { ...none, bottom: 40 }, overFooter: true, band }))[0];
    expect(into('the footer')).toBe('slide 2 overflows the frame by 40 px at the bottom, into the footer; shorten it or split it in two');
    expect(into('the slide number')).toBe('slide 2 overflows the frame by 40 px at the bottom, into the slide number; shorten it or split it in two');
    expect(slideWarnings(report({ edges: { ...none, bottom: 40 }, band: 'the footer' }))[0]).not.toContain('into');
  });

  it('asks for a picture that overflows to be given the height at which it fits', () => {
    const [w] = slideWarnings(report({ edges: { ...none, bottom: 100 }, overFooter: true, band: 'the slide number', culprit: 'image "images/big.png"', fitHeight: 504 }));
    expect(w).toBe('slide 2 overflows the frame by 100 px at the bottom, into the slide number (image "images/big.png"); give the picture a height that fits, h:504 in its alt text (![h:504](images/big.png)), or split the slide');
    // Past the side, not the bottom: no height to give.
    expect(slideWarnings(report({ edges: { ...none, right: 30 }, culprit: 'image "wide.png"' }))[0]).toMatch(/\(image "wide\.png"\); shorten it or split it in two$/);
  });

  it('tells code by its highlight class, and text over a dark picture by the slide class that lightens it', () => {
    const [code, photo] = slideWarnings(
      report({
        lowContrast: [
          { text: 'print', ratio: 2.98, needed: 3, footer: false, code: 'hljs-built_in' },
          { text: 'Night', ratio: 1.2, needed: 3, footer: false, picture: 'dark' },
        ],
      }),
    );
    expect(code).toBe('slide 2: text "print" has a contrast of 2.98:1 against what is behind it, under the 3:1 WCAG AA asks of text this size; it is code coloured as .hljs-built_in: give that class a colour of more contrast in the deck\'s CSS (.reveal .hljs-built_in { color: ... })');
    expect(photo).toMatch(/text "Night" has a contrast of 1\.20:1 .*class="invert"/);
  });

  it('says a faint footer once, by the overflow that covers it', () => {
    const ws = slideWarnings(report({ edges: { ...none, bottom: 10 }, overFooter: true, band: 'the footer', lowContrast: [{ text: 'A footer', ratio: 2, needed: 4.5, footer: true }] }));
    expect(ws).toHaveLength(1);
  });
});

describe('foldAcrossSlides', () => {
  const w = (line: number, message: string): Diagnostic => ({ severity: 'warning', file: 'slides.md', line, col: 1, message });
  const font = (n: number) => `slide ${n}: text drawn in fallback font "Fira Sans", which the deck does not ship (a theme naming a system font, or a glyph no font has)`;

  it('says a warning shared by three slides or more once, at the first, naming the slides', () => {
    const folded = foldAcrossSlides([w(3, font(1)), w(9, 'slide 2 overflows the frame by 40 px at the bottom; shorten it or split it in two'), w(9, font(2)), w(20, font(5)), w(31, font(7)), w(40, font(9))]);
    expect(folded.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '3: slides 1, 2, 5 and 2 more: text drawn in fallback font "Fira Sans", which the deck does not ship (a theme naming a system font, or a glyph no font has)',
      '9: slide 2 overflows the frame by 40 px at the bottom; shorten it or split it in two',
    ]);
  });

  it('keeps a warning on one or two slides as it is, and errors never fold', () => {
    const e: Diagnostic = { ...w(5, font(3)), severity: 'error' };
    const kept = [w(3, font(1)), w(9, font(2)), e, { ...e, line: 6 }, { ...e, line: 7 }];
    expect(foldAcrossSlides(kept)).toEqual(kept);
  });
});
