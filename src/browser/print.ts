// One talk's browser outputs, from a single load of the deck's print page (every slide on a
// page of its own, see deck.ts): the overflow check, the slide PDF and slide PNGs, then the
// same page re-laid as an A4 handout (slide above, notes below) for the handout PDF; og.png
// from a second page holding the title slide, made meanwhile. Files are written to a temp
// name and renamed, so a failed export leaves no partial PDF.
import { rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { slideSize, type DeckConfig } from '../config.js';
import { finishPdf, bookmarkTitles, type Bookmark } from './pdf-meta.js';
import { measureSlides, findFallbackFonts, type SlideReport } from './inspect.js';
import { openPage } from './launch.js';
import { KamishibaiError } from '../errors.js';
import { handoutStrings } from '../strings.js';

export interface ExportOptions {
  /** Folder holding the built deck (index.html). */
  dir: string;
  slug: string;
  deck: DeckConfig;
  /** Write the slide PDF (false for `check`). */
  pdf: boolean;
  /** Write the handout PDF. */
  handout: boolean;
  /** One PDF page per fragment step instead of the final state. */
  fragments: boolean;
  png: boolean;
  og: boolean;
  /** The deck as a print page (deck.ts renderPrintPage): one page per slide, no script. */
  printPage: string;
  /** The same for the title slide alone, for og.png. */
  titlePage: string;
  /** Characters no font of the deck has: slides with them get a closer look. */
  uncoveredChars: string;
  /** Bound on each step (load, print), so a hung page fails instead of waiting forever. */
  timeoutMs: number;
}

export interface ExportResult {
  slides: SlideReport[];
  /** Non-local requests the page tried (and we refused). */
  blocked: string[];
  /** Errors the page logged. */
  pageErrors: string[];
  /** Font families whose files failed to load. */
  failedFonts: string[];
  /** Handout pages whose notes ran past one A4 page, by slide number. */
  longNotes: number[];
  files: string[];
}

async function atomicWrite(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KamishibaiError(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function exportTalk(browser: Browser, options: ExportOptions): Promise<ExportResult> {
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const files: string[] = [];
  const page = await openPage(browser, blocked);
  page.on('pageerror', (e) => pageErrors.push((e as Error).message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  try {
    const { width, height } = slideSize(options.deck);
    await page.setViewport({ width, height });
    // The print pages sit beside index.html (same assets) only while they are printed.
    const printFile = path.join(options.dir, `print-${process.pid}.html`);
    const titleFile = path.join(options.dir, `title-${process.pid}.html`);
    await writeFile(printFile, options.printPage);
    // og.png comes from a page of its own holding the title slide alone, made while the
    // main page loads and prints: capturing it from a print page hundreds of pages tall
    // costs Chromium most of a second.
    let og: Promise<void> = Promise.resolve();
    if (options.og) {
      await writeFile(titleFile, options.titlePage);
      const file = path.join(options.dir, 'og.png');
      og = ogImage(browser, pathToFileURL(titleFile).href, width, height, options.timeoutMs).then((png) => atomicWrite(file, png));
      og.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
      files.push(file);
    }
    try {
      await withTimeout(loadPrintPage(page, pathToFileURL(printFile).href, options.timeoutMs, options.deck.url), options.timeoutMs, 'loading the deck for print');
    } finally {
      await rm(printFile, { force: true });
    }
    if (options.fragments) await separateFragments(page);

    const slides = await measureSlides(page);
    const failedFonts = await findFallbackFonts(page, slides, options.uncoveredChars);
    const pageSlides = await pagesToSlides(page);
    const titles = bookmarkTitles(slides.map((s) => s.title));
    const bookmarks = (pages: number[]): Bookmark[] =>
      slides.map((s, i) => ({ title: titles[i]!, page: pages.indexOf(s.line) })).filter((b) => b.page >= 0);
    const meta = {
      title: options.deck.title,
      author: options.deck.author,
      subject: options.deck.description || options.deck.subtitle || options.deck.event,
      lang: options.deck.lang,
    };
    // Tagged (accessible structure) for the handout, the document people read afterwards; the
    // slide PDF goes without: tags cost a 200-slide deck ~0.25 s in Chromium and ~0.5 s in
    // pdf-lib, and the deck itself is the accessible version of the slides.
    const print = (what: string, tagged: boolean) =>
      withTimeout(page.pdf({ printBackground: true, preferCSSPageSize: true, tagged, outline: false, timeout: options.timeoutMs }), options.timeoutMs, what);
    // Finishing a PDF (pdf-lib, in Node) runs while Chromium does the next thing.
    const finishing: Promise<void>[] = [];
    const finish = (file: string, pdf: Uint8Array, title: string, pages: number[]) => {
      files.push(file);
      finishing.push(finishPdf(pdf, { ...meta, title }, bookmarks(pages)).then((bytes) => atomicWrite(file, bytes)));
    };

    try {
      if (options.pdf) finish(path.join(options.dir, `${options.slug}.pdf`), await print('printing the slide PDF', false), meta.title, pageSlides);
      if (options.png) files.push(...(await slidePngs(page, options.dir, width, height)));
      let longNotes: number[] = [];
      if (options.handout) {
        longNotes = await layoutHandout(page, options.deck, width, height);
        const pages = await handoutPagesToSlides(page);
        finish(path.join(options.dir, `${options.slug}-handout.pdf`), await print('printing the handout PDF', true), `${meta.title} (handout)`, pages);
      }
      await Promise.all([...finishing, og]);
      return { slides, blocked, pageErrors, longNotes, failedFonts, files };
    } finally {
      await Promise.allSettled([...finishing, og]);
      await rm(titleFile, { force: true });
    }
  } finally {
    await page.close().catch(() => {});
  }
}

async function loadPrintPage(page: Page, url: string, timeoutMs: number, publicUrl: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await page.evaluate(async (base: string) => {
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
    // A relative link (the closing slide's PDF links) would point into the exporting
    // machine's file system: make it absolute against the deck's public url, or drop it.
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const href = a.getAttribute('href')!;
      if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      if (base) a.setAttribute('href', new URL(href, base.endsWith('/') ? base : `${base}/`).href);
      else a.removeAttribute('href');
    }
  }, publicUrl);
}

/**
 * --pdf-fragments: a page per fragment step, as reveal.js's print view makes them: page k
 * of a slide shows the fragments of the first k steps (by data-fragment-index, then order).
 */
async function separateFragments(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const pdfPage of [...document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page')]) {
      const fragments = [...pdfPage.querySelectorAll<HTMLElement>('.fragment')];
      if (fragments.length === 0) continue;
      const steps = new Map<number, number[]>();
      fragments.forEach((f, i) => {
        const index = f.dataset.fragmentIndex !== undefined ? Number(f.dataset.fragmentIndex) : 1000 + i;
        steps.set(index, [...(steps.get(index) ?? []), i]);
      });
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
  });
}

/** For each PDF page, the data-line of the slide on it (pages repeat a slide per fragment step). */
function pagesToSlides(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => Number(p.querySelector('section[data-line]')?.getAttribute('data-line') ?? -1)),
  );
}

function handoutPagesToSlides(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    // A handout page may run onto the next A4 sheet; count sheets by height.
    const sheet = 1123;
    const lines: number[] = [];
    for (const p of document.querySelectorAll<HTMLElement>('.handout-page')) {
      const sheets = Math.max(1, Math.round(p.offsetHeight / sheet));
      lines.push(Number(p.dataset.line), ...Array<number>(sheets - 1).fill(-1));
    }
    return lines;
  });
}

/** The title slide, cropped to 1200x630 for link previews. */
async function ogImage(browser: Browser, url: string, width: number, height: number, timeoutMs: number): Promise<Uint8Array> {
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

async function slidePngs(page: Page, dir: string, width: number, height: number): Promise<string[]> {
  const out = path.join(dir, 'png');
  await mkdir(out, { recursive: true });
  // reveal makes each print page 1 px shorter than the slide; clip the slide's own size.
  const tops = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => p.getBoundingClientRect().top + window.scrollY),
  );
  const files: string[] = [];
  for (const [i, y] of tops.entries()) {
    const file = path.join(out, `slide-${String(i + 1).padStart(3, '0')}.png`);
    await atomicWrite(file, await page.screenshot({ type: 'png', clip: { x: 0, y, width, height } }));
    files.push(file);
  }
  return files;
}

/**
 * Re-lay the print page as an A4 handout: per slide, a header (talk, event, slide number),
 * the slide scaled to the page width, and its notes. Returns slides whose notes ran past
 * one A4 page.
 */
async function layoutHandout(page: Page, deck: DeckConfig, width: number, height: number): Promise<number[]> {
  return page.evaluate(
    (info) => {
      const A4 = { width: 794, height: 1123 };
      const frameWidth = A4.width - 2 * 56;
      const scale = frameWidth / info.width;
      const style = document.createElement('style');
      style.textContent = `
        @page { size: A4 portrait; margin: 0; }
        html.reveal-print body { width: ${A4.width}px !important; height: auto !important; }
        html.reveal-print .reveal .slides .handout-page { position: relative; box-sizing: border-box; width: ${A4.width}px; min-height: ${A4.height}px;
          padding: 40px 56px 56px; break-after: page; background: #fff; color: #1f1d1a; font-size: 16px; line-height: 1.8; overflow: visible; }
        html.reveal-print .reveal .slides .handout-page:last-child { break-after: auto; }
        .handout-header { display: flex; justify-content: space-between; gap: 16px; font-size: 11px; color: #57524b; border-bottom: 1px solid #d9d4cb; padding-bottom: 6px; margin-bottom: 16px; }
        .handout-frame { position: relative; width: ${frameWidth}px; height: ${info.height * scale}px; overflow: hidden; border: 1px solid #d9d4cb; }
        .handout-scaler { position: absolute; left: 0; top: 0; width: ${info.width}px; height: ${info.height}px; transform: scale(${scale}); transform-origin: 0 0;
          background: var(--bg); color: var(--fg); font-size: var(--size-body); line-height: 1.5; }
        .handout-notes { margin-top: 24px; font-size: 16px; }
        .handout-notes p, .handout-notes ul, .handout-notes ol { margin: 0 0 .8em; }
        .handout-notes ul, .handout-notes ol { padding-left: 1.4em; display: block; }
        .handout-notes .none { color: #57524b; font-style: italic; }
        .handout-footer { position: absolute; left: 56px; right: 56px; bottom: 24px; display: flex; justify-content: space-between; font-size: 11px; color: #57524b; }
      `;
      document.head.appendChild(style);
      const slides = document.querySelector('.reveal .slides')!;
      const pages = [...slides.querySelectorAll<HTMLElement>(':scope > .pdf-page')];
      const seen = new Set<string>();
      const total = new Set(pages.map((p) => p.querySelector('section[data-line]')?.getAttribute('data-line'))).size;
      const long: number[] = [];
      let n = 0;
      for (const pdfPage of pages) {
        const section = pdfPage.querySelector<HTMLElement>('section[data-line]');
        const line = section?.getAttribute('data-line') ?? '';
        pdfPage.remove();
        // With a page per fragment step, the handout keeps each slide once, in its final state.
        if (!section || seen.has(line)) continue;
        seen.add(line);
        n++;
        const sheet = document.createElement('div');
        sheet.className = 'handout-page';
        sheet.dataset.line = line;
        const header = document.createElement('div');
        header.className = 'handout-header';
        header.innerHTML = `<span></span><span></span>`;
        header.children[0]!.textContent = info.title;
        header.children[1]!.textContent = [info.event, info.date].filter(Boolean).join(' · ');
        const frame = document.createElement('div');
        frame.className = 'handout-frame';
        const scaler = document.createElement('div');
        scaler.className = 'handout-scaler';
        // The slide's own background (data-background-*) is on its page.
        for (const prop of ['background-color', 'background-image', 'background-size', 'background-position']) {
          const value = pdfPage.style.getPropertyValue(prop);
          if (value) scaler.style.setProperty(prop, value);
        }
        section.style.left = '0px';
        section.style.top = '0px';
        section.querySelectorAll('.fragment').forEach((f) => f.classList.add('visible'));
        scaler.appendChild(section);
        frame.appendChild(scaler);
        const notes = document.createElement('div');
        notes.className = 'handout-notes';
        const aside = section.querySelector('aside.notes');
        if (aside) notes.innerHTML = aside.innerHTML;
        else notes.innerHTML = '<p class="none"></p>';
        if (!aside) notes.firstElementChild!.textContent = info.noNotes;
        const footer = document.createElement('div');
        footer.className = 'handout-footer';
        footer.innerHTML = '<span></span><span></span>';
        footer.children[0]!.textContent = info.author;
        footer.children[1]!.textContent = `${n} / ${total}`;
        sheet.append(header, frame, notes, footer);
        slides.appendChild(sheet);
        if (sheet.offsetHeight > A4.height + 1) long.push(n);
      }
      return long;
    },
    {
      width,
      height,
      title: deck.title,
      event: deck.event,
      date: deck.date,
      author: deck.author,
      noNotes: handoutStrings(deck.lang).noNotes,
    },
  );
}
