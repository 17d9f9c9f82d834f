// One talk's browser outputs, from the deck's print page loaded once (every slide on a page
// of its own, see deck.ts; a deck checked on a second tab loads it there too): the overflow,
// contrast and font checks, then the outputs of page-outputs.ts (og.png, the slide PDF, PNGs,
// PowerPoint, the handout). Files are written to a temp name and renamed, so a failed export
// leaves no partial PDF.
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { slideSize } from '../core/config.js';
import { finishPdf, bookmarkTitles, type Bookmark } from './pdf-meta.js';
import { findBrokenBackgrounds, findFallbackFonts, measureSlides, type SlideReport } from './inspect.js';
import { measureContrast } from './contrast.js';
import { givePageBack, openPage, type Refused } from './launch.js';
import { pageLog } from './page-log.js';
import { writeAtomic } from '../io/store.js';
import { openPrintPage, withTimeout } from './print-page.js';
import { printAlone, shown } from './print-alone.js';
import type { PptxReport } from './pptx-file.js';
import { PAGE_OUTPUTS, type ExportOptions, type PageOutput, type PageReport, type PageWork } from './page-outputs.js';

export type { ExportOptions } from './page-outputs.js';

export interface ExportResult {
  slides: SlideReport[];
  /** Requests refused: off the machine, or local files outside the talk's output. */
  refused: Refused;
  /** Errors the page logged. */
  pageErrors: string[];
  /** Font families whose files failed to load. */
  failedFonts: string[];
  /** Handout pages whose notes ran past one A4 page, by slide number. */
  longNotes: number[];
  files: string[];
  /** What the PowerPoint export could not keep editable, or had to drop. */
  pptx?: PptxReport;
}

/**
 * One talk through every browser output it wants: its print page loaded and fitted, checked
 * (overflow, fonts, backgrounds, contrast), then each of PAGE_OUTPUTS in turn (page-outputs.ts).
 * A deck in CHECK_BESIDE is checked on a second tab, which then makes its PNGs (--png), while
 * the first makes og.png and prints.
 */
export async function exportTalk(browser: Browser, options: ExportOptions): Promise<ExportResult> {
  const refused: Refused = { network: [], outside: [] };
  const files: string[] = [];
  const { width, height } = slideSize(options.deck);
  const beside = checkTab(browser, options, refused, width, height);
  const page = await openPage(browser, options.dir, refused);
  const log = pageLog(page);
  let done = false;
  let aside: Promise<PageReport[]> | undefined;
  try {
    await openPrintPage(page, options, width, height);
    const checked = beside ? beside.then((tab) => checkPage(tab.page, options, width, height)) : checkPage(page, options, width, height);
    // Awaited after the outputs; failing meanwhile is not an unhandled rejection.
    checked.catch(() => {});
    if (!beside) await checked;
    const pageSlides = await pagesToSlides(page);
    // Each slide's name (core/slide-name.ts), as the notes file and the handout call it.
    const names = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.pdf-page')].map((p) => [Number(p.querySelector('section[data-line]')?.getAttribute('data-line')), p.dataset.name ?? ''] as const));
    const named = new Map(names);
    const bookmarks = async (pages: number[]): Promise<Bookmark[]> => {
      const { slides } = await checked;
      const titles = bookmarkTitles(slides.map((s) => named.get(s.line) || s.title));
      return slides.map((s, i) => ({ title: titles[i]!, page: pages.indexOf(s.line) })).filter((b) => b.page >= 0);
    };
    const meta = pdfMeta(options);
    const work: PageWork = {
      page,
      options,
      width,
      height,
      pageSlides,
      meta,
      print: (what, how, pages) => withTimeout(printAlone(page, { printBackground: true, preferCSSPageSize: true, ...how, timeout: options.timeoutMs }, pages), options.timeoutMs, what),
      writePdf: async (name, pdf, title, pages) => work.write(name, finishPdf(pdf, { ...meta, title }, await bookmarks(pages))),
      async write(name, data) {
        const file = path.join(options.dir, name);
        await writeAtomic(file, data);
        files.push(file);
      },
    };
    const outputs = PAGE_OUTPUTS.filter((o) => o.wanted(options));
    const pictures = beside ? outputs.filter((o) => o.picture) : [];
    aside = beside ? Promise.all([beside, checked]).then(([tab]) => makeOutputs(pictures, { ...work, page: tab.page })) : undefined;
    aside?.catch(() => {});
    const reports = await makeOutputs(outputs.filter((o) => !pictures.includes(o)), work);
    reports.push(...((await aside) ?? []));
    const { slides, failedFonts } = await checked;
    done = true;
    const longNotes = reports.flatMap((r) => r.longNotes ?? []);
    const pptx = reports.find((r) => r.pptx)?.pptx;
    return { slides, refused, pageErrors: log.errors(), longNotes, failedFonts, files, ...(pptx ? { pptx } : {}) };
  } finally {
    // The second tab's outputs end before its tab closes, even when the first tab failed.
    await aside?.catch(() => {});
    await givePageBack(page, done && options.reuseTab);
    log.stop();
    await beside?.then((tab) => tab.close(), () => {});
  }
}

function pdfMeta(options: ExportOptions): PageWork['meta'] {
  const { deck } = options;
  return { title: deck.title, author: deck.author, subject: deck.description || deck.subtitle || deck.event, lang: deck.lang, date: options.date };
}

async function makeOutputs(outputs: readonly PageOutput[], work: PageWork): Promise<PageReport[]> {
  const reports: PageReport[] = [];
  for (const output of outputs) {
    // As laid out for the screen, if a print left it hidden (print-alone.ts).
    await shown(work.page);
    reports.push((await output.make(work)) ?? {});
  }
  return reports;
}

/** What the browser checks on a fitted print page: each slide's report, and the fonts that failed to load. */
async function checkPage(page: Page, options: ExportOptions, width: number, height: number): Promise<{ slides: SlideReport[]; failedFonts: string[] }> {
  const slides = await measureSlides(page);
  const failedFonts = await findFallbackFonts(page, slides, options.uncoveredChars);
  await findBrokenBackgrounds(page, slides);
  await measureContrast(page, slides, width, height);
  return { slides, failedFonts };
}

/**
 * Decks of this many slides are checked on a second tab while the first prints: the checks
 * and the print each keep one of two cores busy (200 slides: 0.15 s of measuring and 0.45 s
 * of contrast, beside 0.1 s for og.png and 0.6 s of printing). A smaller deck gains less than
 * the second load costs; a larger one would hold the deck twice in memory.
 */
const CHECK_BESIDE = { min: 100, max: 1000 };

/** The second tab with the print page loaded, when the deck is in CHECK_BESIDE and an output is wanted. */
function checkTab(browser: Browser, options: ExportOptions, refused: Refused, width: number, height: number): Promise<{ page: Page; close(): Promise<void> }> | undefined {
  const { min, max } = CHECK_BESIDE;
  if (options.slideCount < min || options.slideCount > max || !PAGE_OUTPUTS.some((o) => o.wanted(options))) return undefined;
  const tab = openPage(browser, options.dir, refused).then(async (page) => {
    // Its dialogs dismissed; what it logs, the first tab logs too.
    const log = pageLog(page);
    const close = async () => {
      await givePageBack(page, false);
      log.stop();
    };
    await openPrintPage(page, options, width, height).catch(async (e: unknown) => {
      await close();
      throw e;
    });
    return { page, close };
  });
  // Awaited by the check; failing before that is not an unhandled rejection.
  tab.catch(() => {});
  return tab;
}

/** For each PDF page, the data-line of the slide on it (pages repeat a slide per fragment step). */
function pagesToSlides(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => Number(p.querySelector('section[data-line]')?.getAttribute('data-line') ?? -1)),
  );
}

