// Pictures of slides: og.png (the title slide, 1200x630, for link previews) and one PNG a
// slide for --png.
import type { Page } from 'puppeteer-core';

/**
 * The title slide, cropped to 1200x630, from the print page as it stands (scrolled to the
 * top, so the first slide is in the viewport). Asked of the DevTools protocol directly:
 * without capturing beyond the viewport Chromium need not paint the whole print page,
 * hundreds of slides tall, for one picture (~0.1 s instead of ~0.5 s on 200 slides).
 */
export async function ogImage(page: Page, width: number, height: number): Promise<Uint8Array> {
  // 1200x630 is wider than 16:9: scale the slide to 1200 wide and crop top and bottom.
  const scale = 1200 / width;
  const cropHeight = 630 / scale;
  // The first slide's number is left out of the picture: hidden, not removed, so that the
  // print page is not laid out again.
  const toggleNumber = (hidden: boolean) =>
    page.evaluate((hide: boolean) => {
      window.scrollTo(0, 0);
      const n = document.querySelector<HTMLElement>('.slide-number-pdf');
      if (n) n.style.visibility = hide ? 'hidden' : '';
    }, hidden);
  await toggleNumber(true);
  const cdp = await page.createCDPSession();
  try {
    const shot = await cdp.send('Page.captureScreenshot', {
      format: 'png',
      clip: { x: 0, y: (height - cropHeight) / 2, width, height: cropHeight, scale },
      captureBeyondViewport: false,
      // Faster PNG compression for a somewhat larger file: a link preview needs no smaller.
      optimizeForSpeed: true,
    });
    return Buffer.from(shot.data, 'base64');
  } finally {
    await cdp.detach();
    await toggleNumber(false);
  }
}

/** One PNG a page of the print page, at the slide's size. */
export async function slidePngs(page: Page, width: number, height: number): Promise<Uint8Array[]> {
  const tops = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => p.getBoundingClientRect().top + window.scrollY),
  );
  const pngs: Uint8Array[] = [];
  for (const y of tops) pngs.push(await pictureAt(page, y, width, height));
  // Back at the top, where the outputs after this one find the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  return pngs;
}

/**
 * A PNG of the print page's area at document offset y, scrolled into the viewport first:
 * captured within the viewport, Chromium paints one screen, not the whole print page
 * hundreds of slides tall (200 slides: ~0.1 s a picture instead of ~0.3 s, which grew with
 * the deck). The same pixels either way.
 */
export async function pictureAt(page: Page, y: number, width: number, height: number, fast = false): Promise<Uint8Array> {
  await page.evaluate((top: number) => window.scrollTo(0, top), y);
  return page.screenshot({ type: 'png', clip: { x: 0, y, width, height }, captureBeyondViewport: false, optimizeForSpeed: fast });
}
