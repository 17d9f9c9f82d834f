// Measure every slide in Chromium at the deck's size, on the print page (all slides
// laid out at once, fragments in their final state): content that overflows the frame,
// images that did not load, text drawn in a font the deck does not ship.
import type { Page } from 'puppeteer-core';

/** Text under WCAG AA against what is drawn behind it (measured by contrast.ts). */
export interface LowContrast {
  /** The text (a block's text, shortened). */
  text: string;
  /** Its contrast, and what WCAG AA asks of text of its size. */
  ratio: number;
  needed: number;
  /** The text is the slide's footer (which content running into it covers: that is an overflow). */
  footer: boolean;
  /** What is behind it is a picture (a background image, a photo), and whether that is dark. */
  picture?: 'dark' | 'light';
  /** It is a word of highlighted code: its highlight class (hljs-built_in), whose colour the theme sets. */
  code?: string;
}

export interface SlideReport {
  /** 1-based slide number (vertical slides counted). */
  number: number;
  /** File line of the slide, from data-line. */
  line: number;
  title: string;
  /** How far content reaches past each edge (the bottom's limit is the footer's band, when the slide has one). */
  edges: Record<Edge, number>;
  /** How far content reaches past a box that cuts it off (a code block, overflow: hidden), and that box. */
  cut: Record<Edge, number>;
  cutBy: string;
  /** What overflows most: "text", "image \"x.png\"", "a table", ...; and whether it was measured against the footer (the slide has one). */
  culprit: string;
  overFooter: boolean;
  /** What the slide draws at its bottom, whose top limits the content: "the footer", "the logo", "the slide number". */
  band: string;
  /** A picture that overflows most: the height (px) at which it would fit. */
  fitHeight?: number;
  brokenImages: string[];
  fallbackFonts: string[];
  /** Text under WCAG AA against what is drawn behind it (contrast.ts), worst first. */
  lowContrast: LowContrast[];
  /** A diagram scaled down to fit, and the size its text is then drawn at (px), when under `minText`. */
  smallDiagramText?: number;
  /** A slide zoomed out to fit (`<!-- fit -->`): the zoom, and its smallest body text then (px), when under `minText`. */
  fitted?: { scale: number; text: number };
}

export type Edge = 'top' | 'bottom' | 'left' | 'right';

/** Text smaller than this, in px on the 1280x720 slide, is too small for a room. */
export const MIN_TEXT_PX = 16;

/**
 * Runs in the page: one report per slide. Every box of the slide's content is measured,
 * not only its text: images, video, tables, code, math, diagrams and raw HTML, also where a
 * container with overflow: hidden clips them (what is clipped is lost all the same). Content
 * in the flow must end above the footer's band when the slide has one, and everything
 * inside the frame; a box placed absolutely (a full-bleed picture) only inside the frame.
 */
/* eslint-disable max-lines-per-function -- runs in the page (page.evaluate), so it must be one self-contained function */
export async function measureSlides(page: Page): Promise<SlideReport[]> {
  return page.evaluate((minText: number) => {
    const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-line]')];
    const describe = (el: Element, text: boolean): string => {
      const media = el.closest('img, video, svg, table, pre, .katex, .katex-display, iframe, .mermaid');
      if (!media) return text ? 'text' : 'a box';
      if (media.matches('img')) return `image "${media.getAttribute('src') ?? ''}"`;
      if (media.matches('video')) return 'a video';
      if (media.matches('table')) return 'a table';
      if (media.matches('pre')) return 'a code block';
      if (media.matches('.katex, .katex-display')) return 'math';
      if (media.matches('iframe')) return 'an embedded page';
      return 'a diagram';
    };
    return sections.map((section, i) => {
      const frame = section.getBoundingClientRect();
      const body = section.querySelector<HTMLElement>(':scope > .slide-body') ?? section;
      // The footer's band: from the top of what the slide draws at its bottom (footer, slide
      // number, a logo a theme puts there) down. A logo or header at the top limits nothing.
      const bottom = [...section.querySelectorAll<HTMLElement>(':scope > .slide-footer, :scope > .slide-logo, :scope > .slide-header'), ...(section.parentElement?.querySelectorAll<HTMLElement>(':scope > .slide-number-pdf') ?? [])].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && (r.top + r.bottom) / 2 > (frame.top + frame.bottom) / 2;
      });
      const chrome = bottom.map((e) => e.getBoundingClientRect());
      // Named for the warning: a deck without a footer still has its slide number there.
      const names = [['slide-footer', 'the footer'], ['slide-logo', 'the logo'], ['slide-header', 'the header'], ['slide-number-pdf', 'the slide number']] as const;
      const band = names.find(([cls]) => bottom.some((e) => e.classList.contains(cls)))?.[1] ?? '';
      const footerTop = chrome.length > 0 ? Math.min(...chrome.map((r) => r.top)) : frame.bottom;
      const edges = { top: 0, bottom: 0, left: 0, right: 0 };
      let culprit = '';
      let overFooter = false;
      let fitHeight: number | undefined;
      // How far a box reaches past the frame's top, its bottom (or the footer's band: `limit`), left and right.
      const pastFrame = (r: DOMRect, limit: number) => ({ top: frame.top - r.top, bottom: r.bottom - limit, left: frame.left - r.left, right: r.right - frame.right });
      const consider = (past: Record<'top' | 'bottom' | 'left' | 'right', number>, what: string, footer: boolean, height?: number) => {
        if (Math.max(...Object.values(past)) > Math.max(...Object.values(edges))) {
          culprit = what;
          overFooter = footer && past.bottom > 0;
          fitHeight = height !== undefined && past.bottom > 0 ? Math.floor(height - past.bottom) : undefined;
        }
        for (const e of ['top', 'bottom', 'left', 'right'] as const) edges[e] = Math.max(edges[e], past[e]);
      };
      // What of a box shows: a container that does not let content out (a code block, overflow:
      // hidden) cuts it (`cut`, by `cutBy`); only what shows can reach past the frame.
      const cut = { top: 0, bottom: 0, left: 0, right: 0 };
      let cutBy = '';
      const shown = (from: Element | null, r: DOMRect): DOMRect | undefined => {
        let { left, top, right, bottom } = r;
        for (let e = from; e && e !== section; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const c = e.getBoundingClientRect();
          const past = { top: c.top - top, bottom: bottom - c.bottom, left: c.left - left, right: right - c.right };
          if (Math.max(...Object.values(past)) > Math.max(...Object.values(cut))) cutBy = describe(e, false);
          for (const k of ['top', 'bottom', 'left', 'right'] as const) cut[k] = Math.max(cut[k], past[k]);
          [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
        }
        return right > left && bottom > top ? new DOMRect(left, top, right - left, bottom - top) : undefined;
      };
      // Text, wherever a box puts it: each text node's own rectangles.
      const range = document.createRange();
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent!.trim() === '' || node.parentElement?.closest('aside.notes')) continue;
        range.selectNodeContents(node);
        const whole = range.getBoundingClientRect();
        if (whole.width === 0 && whole.height === 0) continue;
        const r = shown(node.parentElement, whole);
        if (!r) continue;
        const absolute = getComputedStyle(node.parentElement!).position === 'absolute';
        const limit = absolute ? frame.bottom : footerTop;
        consider(pastFrame(r, limit), describe(node.parentElement!, true), !absolute && chrome.length > 0);
      }
      // Boxes that draw something: media, tables, code, math, diagrams, and any element with a
      // background or border (raw HTML); in the flow against the footer, placed absolutely
      // against the frame. A plain paragraph's box only wraps what is measured already.
      for (const el of body.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('aside.notes, .katex-mathml, .slide-bg')) continue;
        const whole = el.getBoundingClientRect();
        if (whole.width === 0 || whole.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const drawn =
          el.matches('img, video, svg, canvas, iframe, object, embed, table, pre, .katex, .katex-display, .mermaid') ||
          style.backgroundImage !== 'none' ||
          !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(style.backgroundColor) ||
          parseFloat(style.borderBottomWidth) > 0 ||
          parseFloat(style.borderRightWidth) > 0;
        const r = drawn ? shown(el.parentElement, whole) : undefined;
        if (!r) continue;
        // Placed by position (itself or a box around it): only the frame limits it.
        let placed = false;
        for (let e: HTMLElement | null = el; e && e !== body && !placed; e = e.parentElement) placed = /absolute|fixed/.test(getComputedStyle(e).position);
        const limit = placed ? frame.bottom : footerTop;
        consider(pastFrame(r, limit), describe(el, false), !placed && chrome.length > 0, el.matches('img') ? whole.height : undefined);
      }
      // A diagram the slide scales down to fit: the size its text is then drawn at.
      let smallDiagramText: number | undefined;
      for (const svg of body.querySelectorAll<SVGSVGElement>('figure.diagram > svg')) {
        const box = svg.getBoundingClientRect();
        const view = svg.viewBox.baseVal;
        // The viewBox keeps its proportions inside the box: the tighter side sets the scale.
        const scale = view && view.width > 0 && view.height > 0 ? Math.min(box.width / view.width, box.height / view.height) : 1;
        if (scale > 0.99) continue;
        // Its labels' size (the largest: axis ticks and footnotes are smaller on purpose).
        const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent!.trim() !== '').map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        const drawn = sizes.length > 0 ? Math.max(...sizes) : undefined;
        if (drawn !== undefined && drawn < minText) smallDiagramText = Math.min(smallDiagramText ?? Infinity, drawn);
      }
      let fitted: { scale: number; text: number } | undefined;
      const scale = Number(section.dataset.fitScale ?? 1);
      if (scale < 1) {
        const sizes = [...body.querySelectorAll<HTMLElement>('p, li, td, th, blockquote')].filter((e) => e.textContent!.trim() !== '').map((e) => parseFloat(getComputedStyle(e).fontSize) * scale);
        const smallest = sizes.length > 0 ? Math.min(...sizes) : undefined;
        if (smallest !== undefined && smallest < minText) fitted = { scale, text: smallest };
      }
      const brokenImages = [...section.querySelectorAll('img')].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.getAttribute('src') ?? '');
      const heading = section.querySelector('h1, h2, h3, h4, h5, h6');
      return {
        number: i + 1,
        line: Number(section.dataset.line ?? 0),
        title: heading?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        edges,
        cut,
        cutBy,
        culprit,
        overFooter,
        band,
        ...(fitHeight !== undefined && fitHeight > 0 ? { fitHeight } : {}),
        brokenImages,
        fallbackFonts: [],
        lowContrast: [],
        ...(smallDiagramText !== undefined ? { smallDiagramText } : {}),
        ...(fitted ? { fitted } : {}),
      };
    });
  }, MIN_TEXT_PX);
}
/* eslint-enable max-lines-per-function */

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

/**
 * A slide's background picture (data-background-image: the print page's CSS background)
 * that Chromium cannot decode is simply not drawn: each is tried as an image and, when it
 * fails, reported with the slide's broken images.
 */
export async function findBrokenBackgrounds(page: Page, reports: SlideReport[]): Promise<void> {
  const broken = await page.evaluate(async () => {
    const pages = [...document.querySelectorAll<HTMLElement>('.pdf-page')];
    const tried = pages.map(async (p) => {
      const section = p.querySelector<HTMLElement>('section[data-background-image]');
      const src = section?.dataset.backgroundImage;
      if (!src || !/url\(/.test(p.style.backgroundImage)) return undefined;
      const img = new Image();
      img.src = new URL(src, document.baseURI).href;
      return img.decode().then(() => undefined, () => [Number(section!.dataset.line), src] as const);
    });
    return (await Promise.all(tried)).filter((b) => b !== undefined);
  });
  for (const [line, src] of broken) reports.find((r) => r.line === line)?.brokenImages.push(src);
}
