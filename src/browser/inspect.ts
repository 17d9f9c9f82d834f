// Measure every slide in Chromium at the deck's size, on the print page (all slides
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
      // Where the slide's content is drawn, text included, whether or not a box clips it
      // (a code block hides what is too wide for it): a Range over the whole slide.
      const frame = section.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(section);
      const content = range.getBoundingClientRect();
      let overflowY = Math.max(0, content.bottom - frame.bottom, frame.top - content.top);
      let overflowX = Math.max(0, content.right - frame.right, frame.left - content.left);
      // A code block clips what is too wide or tall for it, even well inside the frame.
      for (const pre of section.querySelectorAll('pre')) {
        const box = pre.getBoundingClientRect();
        range.selectNodeContents(pre);
        const code = range.getBoundingClientRect();
        overflowX = Math.max(overflowX, code.right - box.right);
        overflowY = Math.max(overflowY, code.bottom - box.bottom);
      }
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
 * Text drawn in a font the deck does not ship, which looks different on every laptop:
 * - a font file that failed to load;
 * - an element whose font-family names no font the deck ships (a theme naming a system font);
 * - characters that none of the deck's fonts has (found at build time): for the slides
 *   holding them, Chromium is asked (DevTools protocol) which font it really used.
 * Asking for every element of every slide would cost a second on a 200-slide deck.
 */
export async function findFallbackFonts(page: Page, reports: SlideReport[], uncoveredChars: string): Promise<string[]> {
  const found = await page.evaluate((chars: string) => {
    const shipped = new Set([...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, '')));
    const failed = [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family.replace(/["']/g, ''));
    const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-line]')];
    const perSlide = sections.map((section) => {
      const families = new Set<string>();
      for (const el of section.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('.katex, aside.notes')) continue;
        if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '')) continue;
        const first = getComputedStyle(el).fontFamily.split(',')[0]!.trim().replace(/["']/g, '');
        if (!shipped.has(first)) families.add(first);
      }
      const suspect = chars !== '' && [...chars].some((c) => section.textContent!.includes(c));
      return { families: [...families], suspect };
    });
    return { failed: [...new Set(failed)], perSlide };
  }, uncoveredChars);
  found.perSlide.forEach((s, i) => reports[i]?.fallbackFonts.push(...s.families));
  const suspects = found.perSlide.flatMap((s, i) => (s.suspect ? [i] : []));
  if (suspects.length > 0) await askChromium(page, reports, suspects);
  return found.failed;
}

async function askChromium(page: Page, reports: SlideReport[], indices: number[]): Promise<void> {
  const client = await page.createCDPSession();
  try {
    await client.send('DOM.enable');
    await client.send('CSS.enable');
    const { root } = await client.send('DOM.getDocument', { depth: 0 });
    const { nodeIds: sections } = await client.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.reveal .slides section[data-line]' });
    await Promise.all(
      indices.map(async (i) => {
        const report = reports[i];
        const sectionId = sections[i];
        if (!report || sectionId === undefined) return;
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
