// The handout: the print page re-laid as A4, one sheet a slide (header, the slide scaled to
// the page width, its notes, footer), after the slide PDF has been printed from it.
import type { Page } from 'puppeteer-core';
import type { DeckConfig } from '../core/config.js';
import { handoutStrings } from '../core/strings.js';
import { installSlideFrame, type SlideFrame } from './slide-frame.js';

/**
 * Re-lay the print page as an A4 handout: per slide, a header (talk, event, slide number),
 * the slide scaled to the page width, and its notes. Returns slides whose notes ran past
 * one A4 page. Long, on purpose: its body runs in the page (page.evaluate), so it must be one
 * self-contained function, and half of it is the handout's stylesheet.
 */
/* eslint-disable max-lines-per-function -- runs in the page (page.evaluate), so it must be one self-contained function */
export async function layoutHandout(page: Page, deck: DeckConfig, width: number, height: number): Promise<number[]> {
  await installSlideFrame(page);
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
          padding: 40px 56px 56px; break-after: page; background: var(--paper-bg); color: var(--paper-fg); font-size: 16px; line-height: 1.8; overflow: visible; }
        html.reveal-print .reveal .slides .handout-page:last-child { break-after: auto; }
        .handout-header { display: flex; justify-content: space-between; gap: 16px; font-size: 11px; color: var(--paper-muted); border-bottom: 1px solid var(--paper-rule); padding-bottom: 6px; margin-bottom: 16px; }
        .handout-frame { position: relative; width: ${frameWidth}px; height: ${info.height * scale}px; overflow: hidden; border: 1px solid var(--paper-rule); }
        .handout-scaler { position: absolute; left: 0; top: 0; width: ${info.width}px; height: ${info.height}px; transform: scale(${scale}); transform-origin: 0 0;
          background: var(--bg); color: var(--fg); font-size: var(--size-body); line-height: 1.5; }
        .handout-notes { margin-top: 24px; font-size: 16px; }
        .handout-notes p, .handout-notes ul, .handout-notes ol { margin: 0 0 .8em; }
        .handout-notes ul, .handout-notes ol { padding-left: 1.4em; display: block; }
        .handout-notes .none { color: var(--paper-muted); font-style: italic; }
        .handout-footer { position: absolute; left: 56px; right: 56px; bottom: 24px; display: flex; justify-content: space-between; font-size: 11px; color: var(--paper-muted); }
      `;
      document.head.appendChild(style);
      const slides = document.querySelector('.reveal .slides')!;
      const pages = [...slides.querySelectorAll<HTMLElement>(':scope > .pdf-page')];
      const seen = new Set<string>();
      const total = new Set(pages.map((p) => p.querySelector('section[data-line]')?.getAttribute('data-line'))).size;
      const long: number[] = [];
      const made: HTMLElement[] = [];
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
        // ' / ', not '·': the deck's fonts hold ASCII, a '·' the deck never uses falls back.
        header.children[1]!.textContent = [info.event, info.date].filter(Boolean).join(' / ');
        const frame = (window as unknown as { kamishibaiSlideFrame: SlideFrame }).kamishibaiSlideFrame(pdfPage, section, 'handout-frame', 'handout-scaler');
        const notes = document.createElement('div');
        notes.className = 'handout-notes';
        // The handout's own wording (`Handout:`) where the deck gives one, else the notes.
        const aside = section.querySelector('aside.handout') ?? section.querySelector('aside.notes');
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
        made.push(sheet);
      }
      // Measured once all are in: a read after each append would lay the page out again each
      // time, which grows with the square of the deck's length.
      made.forEach((sheet, i) => {
        if (sheet.offsetHeight > A4.height + 1) long.push(i + 1);
      });
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
/* eslint-enable max-lines-per-function */

/** For each handout sheet, the data-line of its slide (-1 for a sheet its notes ran onto). */
export function handoutPagesToSlides(page: Page): Promise<number[]> {
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
