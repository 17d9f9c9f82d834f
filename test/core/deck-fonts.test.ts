// A character no bundled font has (issue 23: U+21DB in a Spanish Marp deck, Hebrew letters in a
// Portuguese one) is a warning at its line, not an error: the viewer's system font draws it.
// French written in decomposed form (a + U+0302) is drawn from the fonts' composed letters.
import { describe, expect, it } from 'vitest';
import { deckFonts } from '../../src/core/deck-fonts.js';
import { loadEnv, projectPaths } from '../../src/run/project.js';
import { ROOT } from '../helpers/cli.js';

const { env } = await loadEnv(projectPaths(ROOT));

describe('characters no bundled font has', () => {
  it('trust-b/issue 23 (incide-es, marpstyle-ia-pt): are a warning at their line, and the fonts are still cut', async () => {
    const source = 'line one\nA ⇛ B\n\nשלום';
    const r = await deckFonts('<p>A ⇛ B</p><p>שלום</p>', source, env!, 'talk.md', 'en');
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 2], ['warning', 4]]);
    expect(r.diagnostics[0]!.message).toMatch(/"⇛" U\+21DB: in none of the deck's fonts.*--strict/);
    expect(r.value.files.length).toBeGreaterThan(1);
  }, 60_000);

  it('trust-b 11, issue 23 (teaching-fr): French in decomposed form (a + U+0302) is covered by the composed letters', async () => {
    const text = 'Ça a\u0302 c\u0327a';
    const r = await deckFonts(`<p>${text}</p>`, text, env!, 'talk.md', 'fr');
    expect(r.diagnostics).toEqual([]);
  }, 60_000);
});
