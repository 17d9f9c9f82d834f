// The deck's print page in a tab: written beside index.html, loaded with its fonts before
// anything is laid out, its links made to work in a PDF, a page per fragment step if asked, and
// its headings and slides fitted as the live deck fits them. print.ts then checks and prints it.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { fitCode, fitSlides, fitTexts } from '../client/fit.js';
import { KamishibaiError } from '../core/errors.js';
import { LARGE_DECK_LIMITS, largerHint, type DeckLimits } from '../core/deck-size.js';
import type { ExportOptions } from './page-outputs.js';

/** A browser step that fails with `what` in its message once `ms` have passed. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KamishibaiError(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Print pages written so far: two tabs may load one talk's at once, each from its own file. */
let printFiles = 0;

/** The print page loaded, a page per fragment step if asked, its headings and slides fitted as the live deck fits them. */
export async function openPrintPage(page: Page, options: ExportOptions, width: number, height: number): Promise<void> {
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
  await page.evaluate(loadFontsThenShow);
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
 * The print page is held unlaid (deck.hbs, #kamishibai-hold) until the faces its text needs
 * have loaded. Laid out before them, every line is shaped twice, first with the system's
 * fallback fonts, found character by character: 0.1-0.2 s of a 200-slide deck's load. Faces
 * without a unicode-range (KaTeX's) load as the layout asks for them, as before.
 */
async function loadFontsThenShow(): Promise<void> {
  try {
    const text = document.body.textContent ?? '';
    const faces = [...document.fonts].filter((face) => face.status === 'unloaded' && face.unicodeRange.toUpperCase() !== 'U+0-10FFFF');
    // As a font shorthand: the family as a CSS string (Chromium gives it unquoted), a variable
    // face's range of weights ("100 900") by its first.
    const font = (face: FontFace) => `${face.style.split(' ')[0]} ${face.weight.split(' ')[0]} 16px "${face.family.replace(/["\\]/g, '\\$&')}"`;
    // One call a family, weight and style, which loads each of its faces the text reaches: a
    // font split into a hundred ranges is one scan of the text, not a hundred.
    await Promise.all([...new Set(faces.map(font))].map((f) => document.fonts.load(f, text).catch(() => [])));
  } finally {
    document.getElementById('kamishibai-hold')?.remove();
  }
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
