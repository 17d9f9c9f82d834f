import { describe, expect, it } from 'vitest';
import { splitSlides } from '../../../src/core/markdown/split.js';
import { normalizeText } from '../../../src/core/source.js';
import { cases, expectFile, readInput } from '../../helpers/fixtures.js';

describe('splitSlides', () => {
  for (const name of cases('split')) {
    it(`fixture ${name}`, () => {
      const result = splitSlides(readInput('split', name), 1, `${name}.md`);
      expectFile('split', name, 'expected.json', `${JSON.stringify(result, null, 2)}\n`);
    });
  }

  it('gives the same slides for CRLF and a BOM as for LF', () => {
    const lf = '# A\n\n---\n\n# B\nNote: n\n';
    const crlf = normalizeText(`\uFEFF${lf.replace(/\n/g, '\r\n')}`);
    expect(splitSlides(crlf, 1, 'x.md')).toEqual(splitSlides(lf, 1, 'x.md'));
  });

  it('numbers lines from the first body line', () => {
    const { slides } = splitSlides('# A\n---\n# B', 5, 'x.md');
    expect(slides.map((s) => s.line)).toEqual([5, 7]);
  });

  it('reports a fence never closed at the line that opened it, and ends it at the next separator as reveal.js does (corpus reveal-md/twemoji-en)', () => {
    const { diagnostics, slides } = splitSlides('# A\n\n```js\nx\n---\n# B\n\n~~~\ny\n~~~\n---\n# C\n\n~~~\nz\n', 10, 'deck.md');
    expect(slides.map((s) => s.body.split('\n')[0])).toEqual(['# A', '# B', '# C']);
    expect(slides[1]!.body).toContain('~~~\ny\n~~~');
    expect(diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual([
      'warning 12: code fence opened here is not closed before the next slide (line 14); it ends there, as in reveal.js; close it with a line of ```',
      'warning 23: code fence opened here is never closed: it runs to the end of the deck; close it with a line of ~~~',
    ]);
  });

  it('closes a fence only with the same character, at least as long', () => {
    const { slides } = splitSlides('````\n```\n---\n````\n---\nB', 1, 'x.md');
    expect(slides).toHaveLength(2);
  });

  it("takes reveal-md's ---- for a vertical slide, as --", () => {
    const { slides } = splitSlides('# A\n----\n## B\n--\n## C\n---\n# D', 1, 'x.md');
    expect(slides.map((s) => `${s.h}.${s.v}`)).toEqual(['0.0', '0.1', '0.2', '1.0']);
  });

  it('issue 26: reads a `Handout:` section apart from the notes, for the handout alone', () => {
    const { slides } = splitSlides('## A\n\nNote:\nSaid aloud.\n\nHandout:\nFor the reader.\n---\n## B\nNote:\nOnly said.', 1, 'x.md');
    expect(slides.map((s) => [s.notes, s.handout])).toEqual([
      ['Said aloud.', 'For the reader.'],
      ['Only said.', undefined],
    ]);
  });
});
