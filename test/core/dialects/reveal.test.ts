// reveal.js's slidify, in-process: lines, stacks, notes, and separators that would hang it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVEAL_DEFAULTS, revealDialect } from '../../../src/core/dialects/reveal.js';
import { readTalk } from '../../../src/core/pipeline.js';
import { memoryEnv } from '../../helpers/memory-env.js';

describe('the reveal.js dialect', () => {
  it('gives each slide its file line, its place in the stacks, and its notes line', () => {
    const d = revealDialect({ ...REVEAL_DEFAULTS, verticalSeparator: '\\r?\\n----\\r?\\n' });
    const { slides } = d.split('\n# A\n----\n## B\nNote: b\n---\n## C\n', 5, 'd.md');
    expect(slides.map((s) => [s.h, s.v, s.line, s.notesLine, s.notes])).toEqual([
      [0, 0, 5, 0, ''],
      [0, 1, 8, 9, 'b'],
      [1, 0, 11, 0, ''],
    ]);
  });

  it('refuses a separator that matches nothing, where reveal.js would loop forever', () => {
    const { diagnostics } = revealDialect({ separator: '^', notesSeparator: 'x^' }).split('a\nb\n', 1, 'd.md');
    expect(diagnostics[0]!.message).toMatch(/can match empty text/);
  });

  it('trust-b 17: a group name in both separators splits as reveal.js does, without a crash', () => {
    const { slides, diagnostics } = revealDialect({ separator: '^(?<s>---)$', verticalSeparator: '^(?<s>--)$', notesSeparator: 'Note:' }).split('# A\n--\n# B\n---\n# C\n', 1, 'd.md');
    expect(diagnostics).toEqual([]);
    expect(slides.map((s) => [s.h, s.v])).toEqual([[0, 0], [0, 1], [1, 0]]);
  });

  it('splits before a trailing lookahead as reveal.js does (the match stops where the lookahead starts)', () => {
    const { slides } = revealDialect({ separator: '\\n(?=# )', notesSeparator: 'x^y' }).split('# One\ntext\n# Two\n## not\n# Three', 1, 'd.md');
    expect(slides.map((s) => s.body)).toEqual(['# One\ntext', '# Two\n## not', '# Three']);
  });

  it('never throws or hangs on random text and separators', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('\\r?\\n---\\r?\\n', '^\\n\\n\\n', '<!--s-->', '^', '$', '\\n*', 'a*'), (text, separator) => {
        const { slides } = revealDialect({ ...REVEAL_DEFAULTS, separator }).split(text, 1, 'd.md');
        for (const s of slides) expect(s.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('is chosen by a separator in the front matter (or from the command line), else Kamishibai\'s own', async () => {
    const dialect = async (text: string, flags: Record<string, string> = {}, dialectName?: string) => {
      const env = await memoryEnv({ '/talk/slides.md': text }, { flagsDeck: flags, ...(dialectName ? { dialectName } : {}) });
      return (await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env)).dialect;
    };
    expect(await dialect('# A\n')).toBe('kamishibai');
    expect(await dialect('---\nseparator: "<!--s-->"\n---\n\n# A\n')).toBe('reveal');
    expect(await dialect('---\nnotesSeparator: "^Speaker:"\n---\n\n# A\n')).toBe('reveal');
    expect(await dialect('# A\n', { separator: '<!--s-->' })).toBe('reveal');
    // Named, a dialect is kept whatever the settings say; and a deck without front matter is read in it too.
    expect(await dialect('# A\n', { separator: '<!--s-->' }, 'kamishibai')).toBe('kamishibai');
    expect(await dialect('# A\n\n---\n\n# B\n', {}, 'marp')).toBe('marp');
  });
});
