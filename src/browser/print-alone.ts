// A print with no layout but its own. Chromium's print of a page lays it out in print media at
// the viewport's size as well as at the paper's (the one it prints), and for the screen again
// once printed: a 200-slide deck's print takes ~0.62 s in a build without them, ~0.9 s with
// them (~0.72 s against ~0.99 s printed on its own). Here both are made empty,
// and the page stays so until something else is made on it (shown): a tab given back after
// its last print is never laid out again.
import type { Page, PDFOptions, Viewport } from 'puppeteer-core';
import { PdfFormatError, PdfUpdate } from './pdf-update.js';

/**
 * The viewport while printing: no paper's print layout is one pixel wide, so a layout in print
 * media at this width is the one at the viewport's size, and nothing is laid out in it.
 */
const UNSEEN = { width: 1, height: 1 };

const HIDE = `@media screen, print and (width: ${UNSEEN.width}px) { html.kamishibai-print body { display: none !important; } }`;

/** The style that hides the page; it keeps the viewport to go back to. In the page, so a tab navigated elsewhere has none. */
const STYLE_ID = 'kamishibai-print-alone';

/**
 * The page printed with `options`, the layouts it does not print made empty. Chromium may
 * change which layouts it does: a print with not as many pages as asked (`pages`), or of one
 * page when not asked (an emptied print is one blank page), is printed again as it was before.
 */
export async function printAlone(page: Page, options: PDFOptions, pages?: number): Promise<Uint8Array> {
  const viewport = page.viewport();
  // A print of one page could not be told from an emptied one: printed as it is.
  if (pages === 1 || !viewport) {
    await shown(page);
    return page.pdf(options);
  }
  await hidden(page, viewport);
  const pdf = await page.pdf(options);
  const printed = pageCount(pdf);
  if (printed !== undefined && (pages === undefined ? printed > 1 : printed === pages)) return pdf;
  await shown(page);
  return page.pdf(options);
}

async function hidden(page: Page, viewport: Viewport): Promise<void> {
  const added = await page.evaluate(
    (id: string, css: string, keep: string) => {
      if (document.getElementById(id)) return false;
      const style = document.createElement('style');
      style.id = id;
      style.textContent = css;
      style.dataset.viewport = keep;
      document.head.append(style);
      return true;
    },
    STYLE_ID,
    HIDE,
    JSON.stringify(viewport),
  );
  if (added) await page.setViewport(UNSEEN);
}

/** The page as it was before printAlone hid it, for what is made on it next; as it is if not hidden. */
export async function shown(page: Page): Promise<void> {
  const kept = await page.evaluate((id: string) => document.getElementById(id)?.dataset.viewport, STYLE_ID);
  if (kept === undefined) return;
  // The viewport first, while nothing is laid out, then the page shown: laid out once, when next asked.
  await page.setViewport(JSON.parse(kept) as Viewport);
  await page.evaluate((id: string) => document.getElementById(id)?.remove(), STYLE_ID);
}

function pageCount(pdf: Uint8Array): number | undefined {
  try {
    return new PdfUpdate(pdf).pages().length;
  } catch (e) {
    if (e instanceof PdfFormatError) return undefined;
    throw e;
  }
}
