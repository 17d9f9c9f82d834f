// --single-file: the deck alone in a folder, opened from file://, with the network refused.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { probePage, startBrowser } from '../helpers/browser.js';

declare const Reveal: typeof import('reveal.js').default;

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-single-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('--single-file', () => {
  it('opens from file:// with no other file beside it and no request out', async () => {
    const r = await build({ inputs: [path.join(FIXTURES, 'e2e', 'deck')], outDir: out, pdf: false, singleFile: true });
    expect(r.diagnostics).toEqual([]);
    const alone = mkdtempSync(path.join(tmpdir(), 'kamishibai-alone-'));
    copyFileSync(path.join(out, 'deck', 'deck.html'), path.join(alone, 'deck.html'));
    expect(readdirSync(alone)).toEqual(['deck.html']);
    const browser = await startBrowser();
    try {
      const { page, errors, blocked } = await probePage(browser);
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(path.join(alone, 'deck.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
      // A font loads once a layout asks for it, which may come after Reveal is ready: waited
      // for (fonts.ready, asked too early, found none loaded once in the headless shell).
      await page.waitForFunction(() => [...document.fonts].some((f) => f.family === 'Noto Sans' && f.status === 'loaded'), { timeout: 15_000 });
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          slides: Reveal.getTotalSlides(),
          fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
          image: (document.querySelector('img[alt="red square"]') as HTMLImageElement).naturalWidth,
        };
      });
      expect(state.slides).toBe(5);
      expect(state.fonts).toContain('Noto Sans');
      expect(state.image).toBe(40);
      // Only the page itself and data: URLs.
      expect(requests.filter((u) => !u.startsWith('data:') && !u.endsWith('/deck.html'))).toEqual([]);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
