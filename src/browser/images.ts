// Pictures of slides: og.png (the title slide, 1200x630, for link previews) and one PNG a
// slide for --png.
import type { Browser, Page } from 'puppeteer';
import { openPage } from './launch.js';

/** The title slide, from a page of its own, cropped to 1200x630. */
export async function ogImage(browser: Browser, url: string, width: number, height: number, timeoutMs: number): Promise<Uint8Array> {
  const page = await openPage(browser, []);
  try {
    await page.setViewport({ width, height });
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.evaluate(async () => {
      document.documentElement.classList.add('kamishibai-capture');
      await document.fonts.ready;
    });
    // 1200x630 is wider than 16:9: scale the slide to 1200 wide and crop top and bottom.
    const scale = 1200 / width;
    const cropHeight = 630 / scale;
    return await page.screenshot({ type: 'png', clip: { x: 0, y: (height - cropHeight) / 2, width, height: cropHeight, scale } });
  } finally {
    await page.close().catch(() => {});
  }
}

/** One PNG a page of the print page, at the slide's size. */
export async function slidePngs(page: Page, width: number, height: number): Promise<Uint8Array[]> {
  const tops = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => p.getBoundingClientRect().top + window.scrollY),
  );
  const pngs: Uint8Array[] = [];
  for (const y of tops) pngs.push(await page.screenshot({ type: 'png', clip: { x: 0, y, width, height } }));
  return pngs;
}
