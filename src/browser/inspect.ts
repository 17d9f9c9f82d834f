// Measure every slide in Chromium at the deck's size, in reveal's print view (all slides
// laid out at once, fragments in their final state): content that overflows the frame,
// images that did not load, text drawn in a font the deck does not ship.
import type { Page } from 'puppeteer';

export interface SlideReport {
  /** 1-based slide number (vertical slides counted). */
  number: number;
  /** File line of the slide, from data-line. */
  line: number;
  title: string;
  overflowX: number;
  overflowY: number;
  brokenImages: string[];
  fallbackFonts: string[];
}

/** Runs in the page: one report per slide. */
export async function measureSlides(page: Page): Promise<SlideReport[]> {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-line]')];
    return sections.map((section, i) => {
      // Content may overflow .slide-body (flex) rather than the section; take the larger.
      const boxes = [section, ...section.querySelectorAll<HTMLElement>('.slide-body')];
      const overflowY = Math.max(0, ...boxes.map((b) => b.scrollHeight - b.clientHeight));
      const overflowX = Math.max(0, ...boxes.map((b) => b.scrollWidth - b.clientWidth));
      const brokenImages = [...section.querySelectorAll('img')].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.getAttribute('src') ?? '');
      const heading = section.querySelector('h1, h2, h3, h4, h5, h6');
      return {
        number: i + 1,
        line: Number(section.dataset.line ?? 0),
        title: heading?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        overflowX,
        overflowY,
        brokenImages,
        fallbackFonts: [],
      };
    });
  });
}

/**
 * Fonts Chromium actually used for each slide's text, through the DevTools protocol: a
 * font that is not one of the deck's web fonts (isCustomFont) is a system fallback, drawn
 * because the deck's fonts lack a glyph, and different on every laptop.
 */
export async function findFallbackFonts(page: Page, reports: SlideReport[]): Promise<void> {
  const client = await page.createCDPSession();
  try {
    await client.send('DOM.enable');
    await client.send('CSS.enable');
    const { root } = await client.send('DOM.getDocument', { depth: 0 });
    const { nodeIds: sections } = await client.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.reveal .slides section[data-line]' });
    await Promise.all(
      sections.map(async (sectionId, i) => {
        const report = reports[i];
        if (!report) return;
        const { nodeIds } = await client.send('DOM.querySelectorAll', { nodeId: sectionId, selector: '*' });
        const used = await Promise.all([sectionId, ...nodeIds].map((nodeId) => client.send('CSS.getPlatformFontsForNode', { nodeId })));
        for (const { fonts } of used) {
          for (const { familyName, isCustomFont } of fonts) {
            if (!isCustomFont && !report.fallbackFonts.includes(familyName)) report.fallbackFonts.push(familyName);
          }
        }
      }),
    );
  } finally {
    await client.detach();
  }
}
