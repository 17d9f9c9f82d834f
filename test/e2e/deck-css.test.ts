// A deck's own CSS (css:, style:, a <style> in a slide) takes effect with bare selectors, as in
// reveal-md and marp-cli: the theme is a cascade layer below it (assets.ts), so `h1 {}` wins
// over the theme's `.reveal .slides section h1 {}`. A <style scoped> (Marp), and any <style> in
// a Slidev slide, stays on its own slide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePage, startBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-deck-css-'));
let browser: Browser;
beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The computed `property` of the first `selector` in the built deck's slide `slide` (1-based; the slide itself for ''). */
async function computed(talk: string, rules: [selector: string, property: string][], slide = 1): Promise<string[]> {
  const r = runCli(['build', `test/fixtures/e2e/${talk}`, '--no-pdf', '--quiet', '--out', path.join(tmp, talk)]);
  expect(r.stderr).toBe('');
  const { page, errors } = await probePage(browser, tmp);
  await page.goto(pathToFileURL(path.join(tmp, talk, talk, 'index.html')).href, { waitUntil: 'load' });
  const values = await page.evaluate(
    (list, n) => list.map(([selector, property]) => getComputedStyle(document.querySelector(`.reveal .slides > section:nth-of-type(${n}) ${selector}`.trim())!).getPropertyValue(property)),
    rules,
    slide,
  );
  expect(errors).toEqual([]);
  await page.close();
  return values;
}

describe("a deck's own CSS over the theme", () => {
  it('css: and style: in a Kamishibai deck', async () => {
    expect(await computed('deck-css-kamishibai', [['h2', 'color'], ['p', 'color']])).toEqual(['rgb(176, 0, 0)', 'rgb(0, 100, 0)']);
  });

  it("Marp's style: (section, h1) and a slide's <style>", async () => {
    const [background, colour, line] = await computed('deck-css-marp', [['', 'background-color'], ['h1', 'color'], ['h1', 'text-decoration-line']]);
    expect([background, colour, line]).toEqual(['rgb(238, 238, 255)', 'rgb(0, 0, 160)', 'underline']);
  });

  it("Marp's <style scoped> applies to its own slide alone, `section` naming the slide", async () => {
    expect(await computed('deck-css-marp-scoped', [['', 'background-color'], ['h1', 'color'], ['p', 'color']], 1)).toEqual(['rgb(255, 240, 200)', 'rgb(150, 0, 0)', 'rgb(0, 90, 0)']);
    const [background, colour] = await computed('deck-css-marp-scoped', [['', 'background-color'], ['h1', 'color']], 2);
    expect([background, colour]).not.toContain('rgb(255, 240, 200)');
    expect(colour).not.toBe('rgb(150, 0, 0)');
  });

  it("a <style> in a Slidev slide applies to that slide alone, as Slidev scopes it", async () => {
    expect(await computed('deck-css-slidev-style', [['h1', 'color']], 1)).toEqual(['rgb(150, 0, 0)']);
    expect(await computed('deck-css-slidev-style', [['h1', 'color']], 2)).not.toEqual(['rgb(150, 0, 0)']);
  });
});
