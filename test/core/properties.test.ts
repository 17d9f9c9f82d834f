// Property-based tests (fast-check): random decks through the pure stages never throw, and
// every diagnostic names a line inside the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/core/markdown/frontmatter.js';
import { splitSlides } from '../../src/core/markdown/split.js';
import { marpDialect } from '../../src/core/dialects/marp.js';
import { slidevDialect } from '../../src/core/dialects/slidev.js';
import { htmlComments } from '../../src/core/markdown/comments.js';
import { checkLimits } from '../../src/core/markdown/limits.js';
import { readDirectives } from '../../src/core/markdown/directives.js';
import { createMarkdown } from '../../src/core/markdown/render.js';
import type { Diagnostic } from '../../src/core/errors.js';

/** Lines a deck is made of: separators, fences, notes, directives, front-matter-like lines, and anything. */
const line = fc.oneof(
  fc.constantFrom('---', '--', '----', '```', '~~~', '````js', '   ```', 'Note:', 'notes: x', '', '# Title', '- item', '> quote', '1. one', '<!-- .slide: class="x" -->', '<!-- .element: class="fragment" -->', '<!-- layout: two-column -->', '<!-- column -->', '<!-- part: 2 -->', 'title: T', 'parts: [a, b]', '*a*a*a', '[a](b)', '<div>', '</div>', '![x](images/a.png)', '&rarr; $x^2$'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const deck = fc.array(line, { maxLength: 60 }).map((ls) => ls.join('\n'));

const inside = (ds: Diagnostic[], first: number, count: number) => ds.every((d) => d.line >= first && d.line < first + count && d.file === 'd.md');

describe('property: random decks', () => {
  it('the splitter never throws, keeps every slide line inside the file, in order', () => {
    fc.assert(
      fc.property(deck, fc.integer({ min: 1, max: 50 }), (text, first) => {
        const { slides, diagnostics } = splitSlides(text, first, 'd.md');
        const count = text.split('\n').length;
        expect(inside(diagnostics, first, count)).toBe(true);
        for (const s of slides) expect(s.line).toBeGreaterThanOrEqual(first);
        for (const s of slides) expect(s.line).toBeLessThanOrEqual(first + count);
        expect(slides.map((s) => s.line)).toEqual([...slides.map((s) => s.line)].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('the Marp and Slidev dialects never throw, and keep every slide and warning line inside the file, in order', () => {
    const foreign = fc.array(fc.oneof(line, fc.constantFrom('***', '___', '<!-- _class: lead -->', '<!-- paginate: true -->', '<!-- theme: gaia -->', '<!-- a note', '-->', '<!-- fit -->', 'layout: center', 'class: x', '::right::', '<v-clicks>', '</v-clicks>', '<Tweet id="1" />', '{{ $slidev }}', '![bg left:30%](a.png)')), { maxLength: 60 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(foreign, fc.integer({ min: 1, max: 50 }), (text, first) => {
        const count = text.split('\n').length;
        for (const dialect of [marpDialect({}, [1, 2]), slidevDialect({})]) {
          const { slides, diagnostics } = dialect.split(text, first, 'd.md');
          expect(diagnostics.every((d) => d.line >= first - 1 && d.line <= first + count)).toBe(true);
          for (const s of slides) expect(s.line).toBeGreaterThanOrEqual(first);
          for (const s of slides) expect(s.line).toBeLessThanOrEqual(first + count);
          expect(slides.map((s) => s.line)).toEqual([...slides.map((s) => s.line)].sort((a, b) => a - b));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the limits check never throws and names lines inside the file', () => {
    fc.assert(
      fc.property(deck, (text) => {
        expect(inside(checkLimits(text, 3, 'd.md'), 3, text.split('\n').length)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('front matter never throws, whatever its YAML, and names lines inside it', async () => {
    const key = fc.oneof(fc.constantFrom('title', 'lang', 'parts', 'constructor', 'toString', '__proto__', 'theme', 'slideNumber', '<<', '&a x', '*a'), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.constantFrom('1', 'true', '[a, b]', '{a: 1}', '*a', '&a [1]', '"unclosed', '|', '- x', ''), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 12 }), async (pairs) => {
        const yaml = pairs.map(([k, v]) => `${k}: ${v}`);
        const fm = await parseFrontMatter(['---', ...yaml, '---', '# x'].join('\n'), 'd.md');
        expect(inside(fm.diagnostics, 1, yaml.length + 2)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown and directives never throw on random slides', () => {
    const md = createMarkdown({ lang: 'en' });
    fc.assert(
      fc.property(deck, fc.boolean(), (text, fragments) => {
        const d = readDirectives(md(text), { fragments });
        expect(typeof d.html).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: HTML comments', () => {
  it('are found as the regular expression finds them, in one pass', () => {
    const text = fc.array(fc.constantFrom('<!--', '-->', '<!-- a -->', 'x', '\n', '-', '<', '!'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(htmlComments(t).map((c) => [c.start, c.end, c.content])).toEqual([...t.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => [m.index, m.index + m[0].length, m[1]]));
      }),
      { numRuns: 500 },
    );
  });
});
