// print-page.ts: the print page is laid out only once the fonts its text needs have loaded
// (a layout before them shapes every line twice, the first time with the system's fallback
// fonts: 0.1-0.2 s of a 200-slide deck's load). The page is the core's real print page, its
// fonts.css written here: a face whose range covers the text, with a variable weight and a
// quote in its family's name; one whose range the text does not reach; one with no range.
// And on a public deck, where the double layout lost an emoji: drawn as a box, with no warning.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { givePageBack, launchBrowser, openPage } from '../../src/browser/launch.js';
import { openPrintPage } from '../../src/browser/print-page.js';
import { DECK_LIMITS } from '../../src/core/deck-size.js';
import { ROOT } from '../helpers/cli.js';
import { buildInMemory } from '../helpers/memory-env.js';
import { pdfFonts, pdfText } from '../helpers/pdf.js';
import { build } from '../../src/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-print-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FONTS_CSS = `
@font-face { font-family: 'Deck "Sans"'; font-weight: 100 900; src: url(fonts/latin.woff) format('woff'); unicode-range: U+20-7E; }
@font-face { font-family: 'Deck "Sans"'; font-weight: 100 900; src: url(fonts/cyrillic.woff) format('woff'); unicode-range: U+400-4FF; }
@font-face { font-family: 'Math'; src: url(fonts/math.woff) format('woff'); }
body { font-family: 'Deck "Sans"', sans-serif; }
`;

describe('the print page', () => {
  it('is laid out only once the faces its text needs have loaded, and only those', async () => {
    mkdirSync(path.join(dir, 'assets', 'fonts'), { recursive: true });
    const woff = path.join(ROOT, 'node_modules', '@fontsource', 'noto-sans', 'files', 'noto-sans-latin-400-normal.woff');
    for (const name of ['latin', 'cyrillic', 'math']) copyFileSync(woff, path.join(dir, 'assets', 'fonts', `${name}.woff`));
    writeFileSync(path.join(dir, 'assets', 'fonts.css'), FONTS_CSS);
    const { built } = await buildInMemory('# A slide\n\nSome text to lay out.\n');
    const browser = (await launchBrowser({})) as unknown as Browser;
    onTestFinished(() => browser.close());
    const page = await openPage(browser, dir, { network: [], outside: [] });
    // What the fonts were when the page was first shown: the hold's removal, seen as it happens.
    await page.evaluateOnNewDocument(() => {
      let held = false;
      new MutationObserver((_, observer) => {
        held ||= !!document.getElementById('kamishibai-hold');
        if (!held || document.getElementById('kamishibai-hold')) return;
        (window as unknown as { shown: string[][] }).shown = [...document.fonts].map((f) => [f.family, f.unicodeRange, f.status]);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const options = { dir, slug: 'talk', deck: built.deck, pdf: true, handout: false, fragments: false, png: false, pptx: 'skip' as const, printPage: built.printPage(), slideCount: 1, uncoveredChars: '', timeoutMs: 30_000, limits: DECK_LIMITS, reuseTab: false };
    await openPrintPage(page, options, 1280, 720);
    const shown = await page.evaluate(() => (window as unknown as { shown?: string[][] }).shown);
    expect(shown).toEqual([
      ['Deck "Sans"', 'U+20-7E', 'loaded'],
      ['Deck "Sans"', 'U+400-4FF', 'unloaded'],
      ['Math', 'U+0-10FFFF', 'unloaded'],
    ]);
    expect(await page.$eval('h1', (h) => [h.offsetHeight > 0, getComputedStyle(h).fontFamily])).toEqual([true, '"Deck \\"Sans\\"", sans-serif']);
    await givePageBack(page, false);
  });
});

describe('a public deck whose theme names system fonts (corpus/marp/npmsec-en)', () => {
  it('draws the emoji of its title in the colour emoji font, not as a box', async () => {
    const deck = path.join(ROOT, 'test', 'corpus', 'marp', 'npmsec-en', 'source', 'node-package-security-risks.md');
    const out = path.join(dir, 'npmsec');
    const r = await build({ inputs: [deck], outDir: out, handout: false });
    expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    const pdf = path.join(out, 'node-package-security-risks', 'node-package-security-risks.pdf');
    expect(pdfText(pdf, { first: 1, last: 1 })).toContain('🛡️ NPM Security');
    // Chromium prints colour emoji as a Type 3 font; a box would be a glyph of Liberation Sans.
    expect(pdfFonts(pdf).map((f) => f.type)).toContain('Type 3');
  }, 120_000);
});
