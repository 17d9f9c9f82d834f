// The slides as PowerPoint reads them, measured on the print page (print.ts has it laid out
// and fitted already): measure.ts reads each slide in the page, then the pictures it listed
// are taken here, each of its own element only, and each background drawn with a picture or
// a gradient is taken with the slide's content hidden.
import type { Page } from 'puppeteer-core';
import { measureScript, HIDE_CONTENT_CLASS } from '../pptx/measure.js';
import type { Item, MeasuredSlide, PageSlide } from '../pptx/model.js';

export interface PptxMeasure {
  slides: MeasuredSlide[];
  /** Elements that became pictures but for a limit of PowerPoint's (a CSS effect, a table's size), by slide line. */
  pictured: { line: number; what: string }[];
  /** Characters XML cannot hold, dropped from a slide's text, by slide line. */
  dropped: { line: number; chars: string[] }[];
  /** Each slide's speaker notes, a line per paragraph. */
  notes: string[];
}

const shot = async (page: Page, clip: { x: number; y: number; w: number; h: number }) =>
  page.screenshot({ type: 'png', clip: { x: clip.x, y: clip.y, width: Math.max(1, clip.w), height: Math.max(1, clip.h), scale: 2 }, captureBeyondViewport: true, omitBackground: true });

export async function measurePptx(page: Page, cjkFamily: string): Promise<PptxMeasure> {
  const measured = (await page.evaluate(measureScript(cjkFamily))) as PageSlide[];
  const pictured: PptxMeasure['pictured'] = [];
  const slides: MeasuredSlide[] = [];
  for (const s of measured) {
    const items: Item[] = [];
    for (const item of s.items) {
      if (item.kind !== 'pending-picture') {
        items.push(item);
        continue;
      }
      if (item.report) pictured.push({ line: s.line, what: item.report });
      const { shot: clip, svg, why, x, y, w, h } = item;
      items.push({ kind: 'picture', x, y, w, h, why, svg, png: await shot(page, clip) });
    }
    let backgroundPicture: Uint8Array | undefined;
    if (s.backgroundPicture) backgroundPicture = await backgroundAlone(page, s);
    slides.push({ line: s.line, background: s.background, backgroundPicture, items });
  }
  return { slides, pictured, notes: measured.map((s) => s.notes), dropped: measured.filter((s) => s.dropped.length > 0).map((s) => ({ line: s.line, chars: s.dropped })) };
}

async function backgroundAlone(page: Page, s: PageSlide): Promise<Uint8Array> {
  await page.evaluate(
    (cls: string, line: number) => {
      const style = document.createElement('style');
      style.id = cls;
      style.textContent = `.${cls} section[data-line] * , .${cls} .slide-number { visibility: hidden !important; }`;
      document.head.appendChild(style);
      document.querySelector(`section[data-line="${line}"]`)?.closest('.pdf-page')?.classList.add(cls);
    },
    HIDE_CONTENT_CLASS,
    s.line,
  );
  try {
    return await shot(page, s.frame);
  } finally {
    await page.evaluate((cls: string) => {
      document.getElementById(cls)?.remove();
      for (const e of document.querySelectorAll(`.${cls}`)) e.classList.remove(cls);
    }, HIDE_CONTENT_CLASS);
  }
}
