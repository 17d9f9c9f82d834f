// The outputs made on a talk's print page, once it is loaded, fitted and measured, in the
// order they run on it: og.png first (Chromium is idle then), the slide PDF, the PNGs, the
// PowerPoint file (read from the slides as printed), and last the handout, which re-lays the
// same page. Adding an output is one entry here (and, for its flag, one row of the options
// table): print.ts runs whichever entries a talk wants.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { talkFiles } from '../core/outputs.js';
import { handoutPagesToSlides, layoutHandout } from './handout.js';
import { layoutArticle } from './handout-article.js';
import { collectGarbage, collectionDue } from './garbage.js';
import { ogImage, slidePngs } from './images.js';
import type { PptxMode, PptxReport } from './pptx-file.js';
import type { DeckConfig } from '../core/config.js';
import type { DeckLimits } from '../core/deck-size.js';

export interface ExportOptions {
  /** Folder holding the built deck (index.html). */
  dir: string;
  /** The PDFs' date (run/build-date.ts). */
  date?: Date;
  slug: string;
  deck: DeckConfig;
  /** Write the slide PDF (false for `check`). */
  pdf: boolean;
  /** Write the handout PDF. */
  handout: boolean;
  /** One PDF page per fragment step instead of the final state. */
  fragments: boolean;
  png: boolean;
  /** PowerPoint, when the deck asks for it: written, measured for check's report, or left out. */
  pptx: PptxMode;
  /** The deck as a print page (deck.ts renderPrintPage): one page per slide, no script. */
  printPage: string;
  /** Its slides, before any --pdf-fragments copies. */
  slideCount: number;
  /** Characters no font of the deck has: slides with them get a closer look. */
  uncoveredChars: string;
  /** Bound on each step (load, print), so a hung page fails instead of waiting forever. */
  timeoutMs: number;
  /** What one deck may ask for: --pdf-fragments' copies of slides count as slides. */
  limits: DeckLimits;
  /** Another talk follows on this browser (or the dev server keeps it): the tab is made blank for it, not closed. */
  reuseTab: boolean;
}

/** The loaded page and what an output may do with it. */
export interface PageWork {
  page: Page;
  options: ExportOptions;
  width: number;
  height: number;
  /** The slide (its line) each printed page shows. */
  pageSlides: number[];
  meta: { title: string; author: string; subject: string; lang: string; date?: Date };
  /** Chromium's PDF of the page as it is laid out now, within the step's limit: `pages` pages if given, else more than one, or printed again (print-alone.ts). */
  print(what: string, how: { tagged: boolean; outline: boolean }, pages?: number): Promise<Uint8Array>;
  /** A PDF written with the talk's metadata and a bookmark for each slide on `pages`. */
  writePdf(name: string, pdf: Uint8Array, title: string, pages: number[]): Promise<void>;
  /** A file of the talk's output (relative to its folder), written whole or not at all. */
  write(name: string, data: Uint8Array): Promise<void>;
}

/** What an output reports besides its files. */
export interface PageReport {
  longNotes?: number[];
  pptx?: PptxReport;
}

export interface PageOutput {
  name: string;
  wanted(options: ExportOptions): boolean;
  /** A picture of the page as it is laid out: may be made on the second tab while the first prints (print.ts): the PNGs. */
  picture?: boolean;
  make(work: PageWork): Promise<PageReport | void>;
}

// On the print tab, before its print, even when a second tab checks the deck: the checks
// (200 slides: ~0.65 s) outlast the print (~0.6 s, print-alone.ts), and this picture takes ~0.1 s.
const og: PageOutput = {
  name: 'og.png',
  wanted: (o) => o.pdf,
  make: async (w) => w.write(talkFiles(w.options.slug).og, await ogImage(w.page, w.width, w.height)),
};

/** Pages printed in one call for a large deck: Chromium lays out the whole page for every call. */
const PRINT_CHUNK = 200;

/**
 * The slide PDF. Chromium's print time grows with the square of the pages it lays out (2,000
 * plain pages: 20 s, 4,000: minutes), so a deck of more than PRINT_CHUNK slides is printed
 * PRINT_CHUNK pages at a time, the others taken out of the layout, and the parts joined
 * (4,000 pages: 9 s). Untagged: tags cost a 200-slide deck ~0.25 s in Chromium, and the deck
 * itself is the accessible version of the slides (the handout, read afterwards, is tagged).
 */
async function printSlides(w: PageWork): Promise<Uint8Array> {
  const how = { tagged: false, outline: false };
  if (w.pageSlides.length <= PRINT_CHUNK) return w.print('printing the slide PDF', how, w.pageSlides.length);
  const show = (from: number) =>
    w.page.evaluate((from: number, size: number) => {
      document.querySelectorAll<HTMLElement>('.pdf-page').forEach((p, i) => {
        const shown = from < 0 || (i >= from && i < from + size);
        if (shown) p.style.removeProperty('display');
        else p.style.setProperty('display', 'none');
        // The part's last page breaks after itself to no page (a blank one otherwise).
        if (i === from + size - 1) p.style.setProperty('break-after', 'auto');
        else p.style.removeProperty('break-after');
      });
    }, from, PRINT_CHUNK);
  const parts: Uint8Array[] = [];
  try {
    for (let from = 0; from < w.pageSlides.length; from += PRINT_CHUNK) {
      await show(from);
      parts.push(await w.print(`printing slides ${from + 1}-${Math.min(from + PRINT_CHUNK, w.pageSlides.length)} of the slide PDF`, how, Math.min(PRINT_CHUNK, w.pageSlides.length - from)));
      if (collectionDue(from + PRINT_CHUNK, PRINT_CHUNK, w.pageSlides.length)) await collectGarbage(w.page);
    }
  } finally {
    await show(-1);
  }
  return (await import('./pdf-join.js')).joinPdfs(parts);
}

const slidePdf: PageOutput = {
  name: 'slide PDF',
  wanted: (o) => o.pdf,
  make: async (w) => w.writePdf(talkFiles(w.options.slug).pdf, await printSlides(w), w.meta.title, w.pageSlides),
};

const pngs: PageOutput = {
  name: 'PNGs',
  wanted: (o) => o.png,
  picture: true,
  async make(w) {
    await mkdir(path.join(w.options.dir, 'png'), { recursive: true });
    for (const [i, png] of (await slidePngs(w.page, w.width, w.height)).entries()) await w.write(`png/slide-${String(i + 1).padStart(3, '0')}.png`, png);
  },
};

// Written by a build (with or without the PDFs); measured alone by check, for its report.
const pptx: PageOutput = {
  name: 'PowerPoint',
  wanted: (o) => !!o.deck.pptx && o.pptx !== 'skip',
  async make(w) {
    // Loaded when a deck asks for it: pptxgenjs, JSZip and fonteditor-core are ~1 MB of
    // modules, ~0.1 s that every PDF build spent loading them on its way to Chromium.
    const { exportPptx } = await import('./pptx-file.js');
    const made = await exportPptx(w.page, w.options, w.meta);
    if (made.data) await w.write(talkFiles(w.options.slug).pptx, made.data);
    return { pptx: made.report };
  },
};

const handout: PageOutput = {
  name: 'handout',
  wanted: (o) => o.handout,
  async make(w) {
    const { deck } = w.options;
    let pages: number[] = [];
    let longNotes: number[] = [];
    if (deck.handout === 'notes') {
      longNotes = await layoutHandout(w.page, deck, w.width, w.height);
      pages = await handoutPagesToSlides(w.page);
    } else await layoutArticle(w.page, deck, w.width, w.height, deck.handout === 'grid');
    // The article's outline is Chromium's, from its headings (the talk, its parts, each slide).
    const pdf = await w.print('printing the handout PDF', { tagged: true, outline: deck.handout !== 'notes' });
    await w.writePdf(talkFiles(w.options.slug).handout, pdf, `${w.meta.title} (handout)`, pages);
    return { longNotes };
  },
};

/** In the order they run on the page: the handout, which re-lays it, last. */
export const PAGE_OUTPUTS: readonly PageOutput[] = [og, slidePdf, pngs, pptx, handout];
