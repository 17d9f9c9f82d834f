// One talk's browser outputs, from a single load of the deck's print page (every slide on a
// page of its own, see deck.ts): the overflow, contrast and font checks, then the outputs of
// page-outputs.ts (og.png, the slide PDF, PNGs, PowerPoint, the handout). Files are written
// to a temp name and renamed, so a failed export leaves no partial PDF.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { fitCode, fitSlides, fitTexts } from '../client/fit.js';
import { slideSize } from '../core/config.js';
import { finishPdf, bookmarkTitles, type Bookmark } from './pdf-meta.js';
import { findBrokenBackgrounds, findFallbackFonts, measureSlides, type SlideReport } from './inspect.js';
import { measureContrast } from './contrast.js';
import { givePageBack, openPage, type Refused } from './launch.js';
import { pageLog } from './page-log.js';
import { writeAtomic } from '../io/store.js';
import { KamishibaiError } from '../core/errors.js';
import { LARGE_DECK_LIMITS, largerHint, type DeckLimits } from '../core/deck-size.js';
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

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KamishibaiError(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One talk through every browser output it wants: its print page loaded and fitted, checked
 * (overflow, fonts, backgrounds, contrast), then each of PAGE_OUTPUTS in turn (page-outputs.ts).
 * A deck in CHECK_BESIDE is checked on a second tab, which then makes the pictures, while the
 * first prints.
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
      print: (what, how) => withTimeout(page.pdf({ printBackground: true, preferCSSPageSize: true, ...how, timeout: options.timeoutMs }), options.timeoutMs, what),
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
    await givePageBack(page, done);
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
  for (const output of outputs) reports.push((await output.make(work)) ?? {});
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
 * and the print each keep one of two cores busy (200 slides: 0.15 s of measuring, 0.4 s of
 * contrast and 0.15 s for og.png, beside 0.85 s of printing). A smaller deck gains less than
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

/** Print pages written so far: two tabs may load one talk's at once, each from its own file. */
let printFiles = 0;

/** The print page loaded, a page per fragment step if asked, its headings and slides fitted as the live deck fits them. */
async function openPrintPage(page: Page, options: ExportOptions, width: number, height: number): Promise<void> {
  await page.setViewport({ width, height });
  // The print page sits beside index.html (same assets) only while it loads.
  const printFile = path.join(options.dir, `print-${process.pid}-${++printFiles}.html`);
  await writeFile(printFile, options.printPage);
  try {
    await withTimeout(loadPrintPage(page, pathToFileURL(printFile).href, options.timeoutMs, options.deck.url), options.timeoutMs, 'loading the deck for print');
  } finally {
    await rm(printFile, { force: true });
  }
  if (options.fragments) await separateFragments(page, options.limits);
  await page.evaluate(`(${fitTexts.toString()})(document, ${height}); (${fitCode.toString()})(document); (${fitSlides.toString()})(document);`);
}

async function loadPrintPage(page: Page, url: string, timeoutMs: number, publicUrl: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  // The deck starts only if its settings block reads as JSON and ends where it should (a `<!--`
  // in it would make the parser swallow the deck's script): the same HTML is here, checked.
  const starts = await page.evaluate(() => {
    try {
      JSON.parse(document.getElementById('kamishibai-config')?.textContent ?? '');
    } catch {
      return false;
    }
    return document.getElementById('kamishibai-after-config')?.parentElement === document.body;
  });
  if (!starts) throw new KamishibaiError('the deck would not start: its settings block (reveal.js options from the front matter) is cut short in the page; look for "<!--" or "<script" in a front-matter value');
  await page.evaluate(async (base: string) => {
    // Laid out first: a web font is asked for by the layout that needs it, and fonts.ready
    // asked before that has nothing to wait for.
    void document.body.offsetHeight;
    await document.fonts.ready;
    await Promise.all(
      [...document.images].map((img) =>
        img.complete
          ? undefined
          : new Promise((resolve) => {
              img.addEventListener('load', resolve, { once: true });
              img.addEventListener('error', resolve, { once: true });
            }),
      ),
    );
    // Links between slides (#/2, #/2/1, #/some-id) become links to the slide's element,
    // which Chromium turns into links inside the PDF.
    const all = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-line]')];
    all.forEach((s, i) => {
      if (!s.id) s.id = `slide-${i + 1}`;
    });
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) {
      const [h, v = '0'] = a.getAttribute('href')!.slice(2).split('/');
      const target = /^\d+$/.test(h ?? '')
        ? all.find((s) => s.dataset.h === h && s.dataset.v === (/^\d+$/.test(v) ? v : '0'))
        : document.getElementById(h ?? '');
      if (target) a.setAttribute('href', `#${target.id}`);
    }
    // A link to the talk's own files (the closing slide's PDFs) or the site's root (/x) means
    // something in a PDF passed on only against the talk's public url: absolute against it.
    // Without one it is left as its words (a file name), not a link that breaks once copied.
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const href = a.getAttribute('href')!;
      if (href.startsWith('#') || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue;
      // A url written without its last slash (https://x/my-talk) still names the talk's folder.
      if (base) a.setAttribute('href', new URL(href, /\/[^/.]+$/.test(new URL(base).pathname) ? `${base}/` : base).href);
      else a.replaceWith(...a.childNodes);
    }
  }, publicUrl);
}

/**
 * --pdf-fragments: a page per fragment step, as reveal.js's print view makes them: page k
 * of a slide shows the fragments of the first k steps (by data-fragment-index, then order).
 */
async function separateFragments(page: Page, limits: DeckLimits): Promise<void> {
  const over = await page.evaluate((maxPages: number, maxElements: number) => {
    const stepsOf = (pdfPage: HTMLElement) => {
      const steps = new Map<number, number[]>();
      [...pdfPage.querySelectorAll<HTMLElement>('.fragment')].forEach((f, i) => {
        const index = f.dataset.fragmentIndex !== undefined ? Number(f.dataset.fragmentIndex) : 1000 + i;
        const same = steps.get(index);
        if (same) same.push(i);
        else steps.set(index, [i]);
      });
      return steps;
    };
    const pdfPages = [...document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page')].map((pdfPage) => ({ pdfPage, steps: stepsOf(pdfPage) }));
    // Each step is a copy of its slide: count what the copies would add before making any.
    let pages = pdfPages.length;
    let copied = 0;
    for (const { pdfPage, steps } of pdfPages) {
      pages += steps.size;
      copied += steps.size * pdfPage.getElementsByTagName('*').length;
    }
    if (pages > maxPages || copied > maxElements) return { pages, copied };
    for (const { pdfPage, steps } of pdfPages) {
      if (steps.size === 0) continue;
      const fragments = [...pdfPage.querySelectorAll<HTMLElement>('.fragment')];
      const order = [...steps.keys()].sort((a, b) => a - b);
      let last = pdfPage;
      order.forEach((_, k) => {
        const shown = new Set(order.slice(0, k + 1).flatMap((key) => steps.get(key)!));
        const copy = pdfPage.cloneNode(true) as HTMLElement;
        const copyFragments = [...copy.querySelectorAll<HTMLElement>('.fragment')];
        copyFragments.forEach((f, i) => f.classList.toggle('step-hidden', !shown.has(i)));
        last.after(copy);
        last = copy;
      });
      fragments.forEach((f) => f.classList.add('step-hidden'));
    }
    const style = document.createElement('style');
    style.textContent = 'html.kamishibai-print .reveal .fragment.step-hidden { opacity: 0; visibility: hidden; }';
    document.head.appendChild(style);
    return undefined;
  }, limits.slides, limits.elements);
  if (over) {
    throw new KamishibaiError(
      `--pdf-fragments would print ${over.pages.toLocaleString('en')} pages holding ${over.copied.toLocaleString('en')} copied elements (a page per fragment step); Kamishibai prints up to ${limits.slides.toLocaleString('en')} pages and ${limits.elements.toLocaleString('en')} copied elements: build without --pdf-fragments, or show long lists whole (fragments: false)${largerHint(limits, { slides: over.pages, elements: over.copied }, `${LARGE_DECK_LIMITS.slides.toLocaleString('en')} pages and ${LARGE_DECK_LIMITS.elements.toLocaleString('en')} copied elements`)}`,
    );
  }
}

/** For each PDF page, the data-line of the slide on it (pages repeat a slide per fragment step). */
function pagesToSlides(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => Number(p.querySelector('section[data-line]')?.getAttribute('data-line') ?? -1)),
  );
}

