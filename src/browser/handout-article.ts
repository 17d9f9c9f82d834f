// The article handout (the default): the talk as a document to read. Each slide's picture
// beside its notes, flowing from page to page; slides without notes side by side, small;
// the talk's parts (section slides) as headings, which are the PDF's outline. Page numbers
// and the talk's title sit in the page margins (@page margin boxes).
import type { Page } from 'puppeteer';
import type { DeckConfig } from '../core/config.js';
import { installSlideFrame, type SlideFrame } from './slide-frame.js';

export interface Paper {
  name: 'A4' | 'Letter';
  width: number;
  height: number;
}

/** A4, or US Letter where it is the paper people have (`lang` en-US, en-CA, es-US, fr-CA). */
export function paperFor(deck: DeckConfig): Paper {
  const letter = deck.paper ? deck.paper.toLowerCase() === 'letter' : /^(en-(us|ca)|es-us|fr-ca)$/i.test(deck.lang);
  return letter ? { name: 'Letter', width: 816, height: 1056 } : { name: 'A4', width: 794, height: 1123 };
}

/**
 * Lay the print page out as the article handout, or with `grid` as three slides a page, each
 * beside ruled lines for writing (runs in the page; self-contained).
 */
export async function layoutArticle(page: Page, deck: DeckConfig, width: number, height: number, grid = false): Promise<void> {
  const paper = paperFor(deck);
  await installSlideFrame(page);
  await page.evaluate(
    (info) => {
      const margin = 56;
      const text = info.paper.width - 2 * margin;
      const big = Math.round(text * 0.42);
      const small = Math.floor((text - 2 * 14) / 3);
      const quote = (s: string) => JSON.stringify(s);
      const style = document.createElement('style');
      style.textContent = `
        @page { size: ${info.paper.name} portrait; margin: 44px ${margin}px 52px;
          @top-left { content: ${quote(info.title)}; font: 9px/1.4 var(--font-body); color: #57524b; }
          @bottom-right { content: counter(page) " / " counter(pages); font: 9px/1.4 var(--font-body); color: #57524b; } }
        @page :first { @top-left { content: none; } }
        html.reveal-print, html.reveal-print body { background: var(--paper-bg) !important; }
        html.reveal-print body { width: ${text}px !important; height: auto !important; margin: 0 !important; }
        html.reveal-print .reveal .slides > .pdf-page { display: none; }
        .reveal .handout-article { width: ${text}px; color: var(--paper-fg); background: var(--paper-bg); font-family: var(--font-body); font-size: 12.5px; line-height: 1.75; text-align: start; }
        .reveal .handout-article h1 { font-size: 24px; line-height: 1.35; margin: 0 0 6px; text-wrap: balance; }
        .reveal .handout-article .ha-sub { font-size: 15px; color: var(--paper-muted); margin: 0 0 4px; }
        .reveal .handout-article .ha-by { font-size: 11px; color: var(--paper-muted); margin: 0 0 22px; padding-bottom: 10px; border-bottom: 1px solid var(--paper-rule); }
        .reveal .handout-article h2 { font-size: 17px; margin: 18px 0 10px; padding-top: 10px; border-top: 1px solid var(--paper-rule); break-after: avoid; }
        .reveal .handout-article h3 { font-size: 13px; margin: 0 0 4px; break-after: avoid; }
        .reveal .ha-slide { display: flex; gap: 18px; align-items: flex-start; margin: 0 0 16px; break-inside: avoid; }
        .reveal .ha-slide .ha-frame { flex: none; break-inside: avoid; }
        .reveal .ha-notes { flex: 1; min-width: 0; }
        .reveal .ha-notes p, .reveal .ha-notes ul, .reveal .ha-notes ol { margin: 0 0 .55em; }
        .reveal .ha-notes ul, .reveal .ha-notes ol { padding-left: 1.3em; }
        /* A justified CJK column breaks between any two characters (kinsoku kept by line-break:
           strict), as a book does: breaking only between phrases, as the slides do, left lines
           short and justify spread their letters apart. Korean keeps its words whole. */
        .reveal .ha-notes:lang(ja), .reveal .ha-notes:lang(zh), .reveal .ha-notes:lang(ko) { text-align: justify; line-break: strict; text-spacing-trim: trim-start; }
        .reveal .ha-notes:lang(ja), .reveal .ha-notes :lang(ja), .reveal .ha-notes:lang(zh) { word-break: normal; }
        .reveal .ha-notes:lang(ko) { word-break: keep-all; }
        .reveal .ha-row { display: flex; gap: 14px; margin: 0 0 16px; break-inside: avoid; }
        .reveal .ha-row figure { margin: 0; width: ${small}px; }
        .reveal .ha-row figcaption { font-size: 10.5px; color: var(--paper-muted); margin-top: 3px; line-height: 1.4; }
        /* contain: the scaled slide is laid out 1280 px tall; uncontained, a page break cuts through that layout. */
        .reveal .ha-frame { position: relative; overflow: hidden; border: 1px solid var(--paper-rule); contain: strict; break-inside: avoid; }
        .reveal .ha-grid { display: flex; gap: 18px; height: ${Math.floor((info.paper.height - 44 - 52 - 3 * 18) / 3)}px; margin: 0 0 18px; break-inside: avoid; }
        .reveal .ha-lines { flex: 1; background: repeating-linear-gradient(to bottom, transparent 0 27px, var(--paper-rule) 27px 28px); }
        .reveal .ha-scaler { position: absolute; left: 0; top: 0; width: ${info.width}px; height: ${info.height}px; transform-origin: 0 0;
          background: var(--bg); color: var(--fg); font-size: var(--size-body); line-height: 1.5; }
      `;
      document.head.appendChild(style);
      const slides = document.querySelector('.reveal .slides')!;
      const article = document.createElement('div');
      article.className = 'handout-article';
      article.lang = info.lang;
      const header = document.createElement('div');
      for (const [tag, cls, value] of [['h1', '', info.title], ['p', 'ha-sub', info.subtitle], ['p', 'ha-by', [info.author, info.event, info.date].filter(Boolean).join(' · ')]] as const) {
        if (!value) continue;
        const el = document.createElement(tag);
        if (cls) el.className = cls;
        el.textContent = value;
        header.appendChild(el);
      }
      article.appendChild(header);
      const frameOf = (pdfPage: HTMLElement, section: HTMLElement, w: number) => {
        const frame = (window as unknown as { kamishibaiSlideFrame: SlideFrame }).kamishibaiSlideFrame(pdfPage, section, 'ha-frame', 'ha-scaler');
        frame.style.width = `${w}px`;
        frame.style.height = `${Math.round((w * info.height) / info.width)}px`;
        (frame.firstElementChild as HTMLElement).style.transform = `scale(${w / info.width})`;
        return frame;
      };
      const seen = new Set<string>();
      let row: HTMLElement | undefined;
      let n = 0;
      for (const pdfPage of [...slides.querySelectorAll<HTMLElement>(':scope > .pdf-page')]) {
        const section = pdfPage.querySelector<HTMLElement>('section[data-line]');
        const line = section?.getAttribute('data-line') ?? '';
        // With a page per fragment step, each slide once, in its final state.
        if (!section || seen.has(line)) continue;
        seen.add(line);
        n++;
        // Its name (core/slide-name.ts), as the notes file and the bookmarks call it.
        const title = pdfPage.dataset.name || `Slide ${n}`;
        const aside = section.querySelector('aside.notes');
        if (info.grid) {
          // Three to a page, each beside lines to write on; the notes stay in the deck.
          const cell = document.createElement('div');
          cell.className = 'ha-grid';
          cell.dataset.line = line;
          const lines = document.createElement('div');
          lines.className = 'ha-lines';
          cell.append(frameOf(pdfPage, section, big), lines);
          article.appendChild(cell);
          continue;
        }
        if (section.classList.contains('layout-section') && title) {
          const part = document.createElement('h2');
          part.textContent = title;
          article.appendChild(part);
          row = undefined;
        }
        if (!aside) {
          // Slides without notes: small, three to a row, each with its number and title.
          if (!row || row.childElementCount === 3) {
            row = document.createElement('div');
            row.className = 'ha-row';
            article.appendChild(row);
          }
          const figure = document.createElement('figure');
          figure.dataset.line = line;
          const caption = document.createElement('figcaption');
          caption.textContent = `${n}. ${title}`;
          figure.append(frameOf(pdfPage, section, small), caption);
          row.appendChild(figure);
          continue;
        }
        row = undefined;
        const block = document.createElement('div');
        block.className = 'ha-slide';
        block.dataset.line = line;
        const notes = document.createElement('div');
        notes.className = 'ha-notes';
        notes.lang = info.lang;
        const heading = document.createElement('h3');
        heading.textContent = `${n}. ${title}`;
        notes.appendChild(heading);
        notes.insertAdjacentHTML('beforeend', aside.innerHTML);
        aside.remove();
        block.append(frameOf(pdfPage, section, big), notes);
        article.appendChild(block);
      }
      for (const p of [...slides.querySelectorAll(':scope > .pdf-page')]) p.remove();
      slides.appendChild(article);
    },
    { width, height, paper, grid, title: deck.title, subtitle: deck.subtitle, author: deck.author, event: deck.event, date: deck.date, lang: deck.lang },
  );
}
