// A deck's separator patterns run in linear time (RE2JS), mean what reveal.js means by them,
// and the CLI stays killable on a pattern that would keep V8's own engine busy for hours.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REVEAL_DEFAULTS, revealDialect } from '../../../src/core/dialects/reveal.js';
import { compileSeparator } from '../../../src/core/dialects/pattern.js';
import { validateDeckFields } from '../../../src/core/config.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-pattern-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * reveal.js 6's slidify on V8's engine (its plugin/markdown loop), without the notes. Group
 * names dropped: a name in both patterns is a crash there (trust-b 17), and names match nothing.
 */
function revealSlidify(text: string, separator: string, vertical: string): [string, number, number][] {
  const any = new RegExp(`${separator}|${vertical}`.replaceAll('(?<n>', '('), 'mg');
  const horizontal = new RegExp(separator);
  const out: [string, number, number][] = [];
  let [last, h, v] = [0, 0, 0];
  for (let m = any.exec(text); m; m = any.exec(text)) {
    out.push([text.slice(last, m.index), h, v]);
    if (horizontal.test(m[0])) [h, v] = [h + 1, 0];
    else v++;
    last = any.lastIndex;
  }
  out.push([text.slice(last), h, v]);
  return out;
}

const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', '-', '\\n', '.', '\\s', '\\S', '[ab]', '[\\s\\S]', '^', '$', '#', '\\b'),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => x + y),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `(${x}|${y})`),
    tie('p').map((x) => `(${x})*`),
    tie('p').map((x) => `(?:${x})+`),
    tie('p').map((x) => `(?<n>${x})?`),
    tie('p').map((x) => `(${x}){1,3}`),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `${x}(?=${y})`),
    tie('p').map((x) => `(?!${x})`),
  ),
})).p;

describe('separator patterns', () => {
  it('issue 20 item 3: "(a|a)*$" is refused at its front-matter key, it matches empty text', () => {
    const { problems } = validateDeckFields({ separator: '(a|a)*$' });
    expect(problems).toEqual([{ key: 'separator', message: expect.stringMatching(/"separator" must be .*can match empty text/) }]);
  });

  it('issue 20 item 3: an exponential pattern for V8 ("(a|a)*c" on 40 a and a b) splits at once', () => {
    const { slides, diagnostics } = revealDialect({ ...REVEAL_DEFAULTS, separator: '(a|a)*c' }).split(`# A\n${'a'.repeat(40)}b\n`, 1, 'd.md');
    expect(diagnostics).toEqual([]);
    expect(slides).toHaveLength(1);
  });

  it('a pattern that matches empty text only before some character is refused: reveal.js would loop there until out of memory', () => {
    // Found by fast-check below: "(a)*(?=b)" matches nothing before a "b", and V8's loop never moves on.
    expect(compileSeparator('(a)*(?=b)')).toMatch(/can match empty text/);
    expect(compileSeparator('\\b(?=#)')).toMatch(/can match empty text/);
    expect(compileSeparator('^\\s*$')).toMatch(/can match empty text/);
    for (const fine of ['\\n(?=# )', '^---$', '\\r?\\n---\\r?\\n', '\\n\\n\\n', '^\\bnote:']) expect(compileSeparator(fine)).not.toBeTypeOf('string');
  });

  it('names what the linear-time matcher lacks: lookbehind, lookahead not at the end, backreferences', () => {
    expect(compileSeparator('(?<=a)b')).toMatch(/lookbehind/);
    expect(compileSeparator('a(?=b)c')).toMatch(/lookahead/);
    expect(compileSeparator('(a)\\1')).toMatch(/backreferences/);
    expect(compileSeparator('\\n(?=# )')).not.toBeTypeOf('string');
  });

  it('a repeated group that can match empty text is refused: JavaScript and RE2 end such a match in different places', () => {
    // V8 matches "\n " in "\n " (an empty pass ends its loop), RE2 "\n" (it takes the empty pass): found by fast-check below.
    expect(compileSeparator('((^|\\n)){1,3}\\s')).toMatch(/repeats a group that can match empty text/);
    expect(compileSeparator('(\\r?\\n){2}---')).not.toBeTypeOf('string');
  });

  it('an optional group that can match empty text is refused too: JavaScript skips its empty pass, RE2 takes it', () => {
    // Found by fast-check below: on "ab", V8 matches "ab" (the group's "^" passes empty, so it takes "a"), RE2 "a".
    for (const optional of ['(?<n>(^|a))?[\\s\\S]', '(^|a)??b', '(^|a){0,1}b']) expect(compileSeparator(optional)).toMatch(/makes one optional/);
    for (const fine of ['(\\r?\\n)?---', '(^|a){1}b', '(^|a){1,1}b', '\\r?\\n---']) expect(compileSeparator(fine)).not.toBeTypeOf('string');
  });

  it('fast-check: any pattern on any text is refused or splits as reveal.js does', () => {
    fc.assert(
      fc.property(pattern, pattern, fc.stringMatching(/^[ab\n #-]{0,12}$/), (separator, vertical, text) => {
        const { slides, diagnostics } = revealDialect({ separator, verticalSeparator: vertical, notesSeparator: 'x^y' }).split(text, 1, 'd.md');
        if (diagnostics.length > 0) {
          expect(diagnostics[0]!.message).toMatch(/^a separator cannot be used: /);
          return;
        }
        expect(slides.map((s) => [s.body, s.h, s.v])).toEqual(revealSlidify(text, separator, vertical));
      }),
      { numRuns: 2000 },
    );
  });

});
