// font-plan.ts: the code points of a deck's text, the key of its font plan (fonts.ts), as
// `for (const c of text)` reads them: pairs of surrogates as one, a lone one as itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codepointsOf } from '../../src/adapters/font-plan.js';

const byIterator = (text: string) => [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);

describe('codepointsOf', () => {
  it('gives what the string iterator gives, distinct and ascending, for any UTF-16 text', () => {
    // 'binary' units: any code unit, lone and paired surrogates among them.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(codepointsOf(text)).toEqual(byIterator(text));
      }),
    );
  });

  it('reads kanji, emoji with VS16, flags, and surrogates cut at either end', () => {
    const text = '\uDE00漢字 ❤️ 🇯🇵 a\uD83D';
    expect(codepointsOf(text)).toEqual(byIterator(text));
    expect(codepointsOf(text)).toContain(0x1f1ef);
    expect(codepointsOf(text)).toContain(0xd83d);
    expect(codepointsOf('')).toEqual([]);
  });
});
