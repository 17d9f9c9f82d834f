// The article handout (the default): the talk as a document a reader keeps. A header (title,
// byline, the talk's address, the title slide's words as its abstract), the parts (section
// slides) as headings with their words under them, and each slide that carries content as a
// picture beside its words: its `Handout:` wording where the deck gives one, else its notes.
// Slides without words sit small, side by side. `<!-- handout: skip -->` leaves a slide out,
// `<!-- handout: text -->` keeps its words without its picture. Page numbers and the talk's
// title sit in the page margins (@page margin boxes); the headings are the PDF's outline.
import type { Page } from 'puppeteer-core';
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

const MARGIN = 56;

/**
 * The article's stylesheet. Every rule names an ha- class of the article's own, never a bare
 * h1/h2/p: the slide pictures sit inside the article, and a rule that reached into them would
 * make a slide look other than it does in the deck.
 */
function articleStyle(paper: Paper, width: number, height: number, title: string): string {
  const text = paper.width - 2 * MARGIN;
  const small = Math.floor((text - 2 * 14) / 3);
  return `
    @page { size: ${paper.name} portrait; margin: 44px ${MARGIN}px 52px;
      @top-left { content: ${JSON.stringify(title)}; font: 9px/1.4 var(--font-body); color: #57524b; }
      @bottom-right { content: counter(page) " / " counter(pages); font: 9px/1.4 var(--font-body); color: #57524b; } }
    @page :first { @top-left { content: none; } }
    html.reveal-print, html.reveal-print body { background: var(--paper-bg) !important; }
    html.reveal-print body { width: ${text}px !important; height: auto !important; margin: 0 !important; }
    html.reveal-print .reveal .slides > .pdf-page { display: none; }
    .reveal .handout-article { width: ${text}px; color: var(--paper-fg); background: var(--paper-bg); font-family: var(--font-body); font-size: 12.5px; line-height: 1.75; text-align: start; }
    /* The deck's own rules for .reveal h1/h2/p (an accent rule under h2, balanced and pretty
       wrapping) are for slides: the article's headings and paragraphs set them back. */
    .reveal .handout-article :is(.ha-title, .ha-part, .ha-head) { border-bottom: 0; padding-bottom: 0; align-self: auto; color: var(--paper-fg); letter-spacing: 0; }
    .reveal .handout-article :is(.ha-words, .ha-abstract) :is(p, li) { text-wrap: wrap; }
    .reveal .ha-title { font-size: 24px; line-height: 1.35; margin: 0 0 6px; font-weight: 700; text-wrap: balance; }
    .reveal .ha-sub { font-size: 15px; color: var(--paper-muted); margin: 0 0 4px; }
    .reveal .ha-by { font-size: 11px; color: var(--paper-muted); margin: 0; display: flex; flex-wrap: wrap; column-gap: 1.6em; }
    .reveal .ha-url { font-size: 11px; margin: 2px 0 0; }
    .reveal .ha-url a { color: var(--paper-fg); }
    .reveal .ha-abstract { margin: 14px 0 0; font-size: 13.5px; }
    .reveal .ha-header { margin: 0 0 14px; padding-bottom: 12px; border-bottom: 1px solid var(--paper-rule); }
    .reveal .ha-part { font-size: 17px; line-height: 1.4; margin: 18px 0 8px; padding-top: 10px; border-top: 1px solid var(--paper-rule); break-after: avoid; }
    .reveal .ha-part + .ha-words { margin-bottom: 12px; }
    .reveal .ha-head { font-size: 13px; line-height: 1.5; margin: 0 0 4px; break-after: avoid; }
    .reveal .ha-slide { display: flex; gap: 18px; align-items: flex-start; margin: 0 0 16px; break-inside: avoid; }
    .reveal .ha-words { flex: 1; min-width: 0; }
    .reveal .ha-words p, .reveal .ha-words ul, .reveal .ha-words ol { margin: 0 0 .55em; }
    .reveal .ha-words ul, .reveal .ha-words ol { padding-left: 1.3em; }
    /* Japanese, Chinese and Korean set ragged, as the Latin is: justified, a line that holds a
       Latin word spaced its letters apart. Breaks keep kinsoku (line-break: strict). */
    .reveal .handout-article :is(.ha-words, .ha-abstract):is(:lang(ja), :lang(zh)), .reveal .handout-article :is(.ha-words, .ha-abstract) :is(:lang(ja), :lang(zh)) { word-break: normal; line-break: strict; text-spacing-trim: trim-start; }
    .reveal .handout-article :is(.ha-words, .ha-abstract):lang(ko), .reveal .handout-article :is(.ha-words, .ha-abstract) :lang(ko) { word-break: keep-all; line-break: strict; }
    .reveal .ha-row { display: flex; gap: 14px; margin: 0 0 16px; break-inside: avoid; }
    .reveal .ha-row figure { margin: 0; width: ${small}px; }
    .reveal .ha-row figcaption { font-size: 10.5px; color: var(--paper-muted); margin-top: 3px; line-height: 1.4; }
    /* contain: the scaled slide is laid out 1280 px tall; uncontained, a page break cuts through that layout. */
    .reveal .ha-frame { position: relative; flex: none; overflow: hidden; border: 1px solid var(--paper-rule); contain: strict; break-inside: avoid; }
    .reveal .ha-grid { display: flex; gap: 18px; height: ${Math.floor((paper.height - 44 - 52 - 3 * 18) / 3)}px; margin: 0 0 18px; break-inside: avoid; }
    .reveal .ha-lines { flex: 1; background: repeating-linear-gradient(to bottom, transparent 0 27px, var(--paper-rule) 27px 28px); }
    /* The slide as the deck lays it out: nothing of the article's type is inherited. */
    .reveal .ha-scaler { position: absolute; left: 0; top: 0; width: ${width}px; height: ${height}px; transform-origin: 0 0;
      background: var(--bg); color: var(--fg); font-family: var(--font-body); font-size: var(--size-body); line-height: 1.5; text-align: left; }
  `;
}

/**
 * Lay the print page out as the article handout, or with `grid` as three slides a page, each
 * beside ruled lines for writing.
 */
export async function layoutArticle(page: Page, deck: DeckConfig, width: number, height: number, grid = false): Promise<void> {
  const paper = paperFor(deck);
  await installSlideFrame(page);
  const text = paper.width - 2 * MARGIN;
  const info = { width, height, grid, big: Math.round(text * 0.42), small: Math.floor((text - 2 * 14) / 3), style: articleStyle(paper, width, height, deck.title) };
  const header = { title: deck.title, subtitle: deck.subtitle, by: [deck.author, deck.event, deck.date].filter(Boolean), url: deck.url, lang: deck.lang };
  await page.evaluate(writeArticle, info, header);
}

type Info = { width: number; height: number; grid: boolean; big: number; small: number; style: string };
type Header = { title: string; subtitle: string; by: string[]; url: string; lang: string };

/** Runs in the page (self-contained): the article from the print page's slides. */
/* eslint-disable max-lines-per-function -- runs in the page (page.evaluate), so it must be one self-contained function */
function writeArticle(info: Info, head: Header): void {
  const style = document.createElement('style');
  style.textContent = info.style;
  document.head.appendChild(style);
  const el = (tag: string, cls: string, textContent = '') => Object.assign(document.createElement(tag), { className: cls, textContent });
  const slides = document.querySelector('.reveal .slides')!;
  const article = el('div', 'handout-article');
  article.lang = head.lang;
  const header = el('header', 'ha-header');
  header.append(el('h1', 'ha-title', head.title));
  if (head.subtitle) header.append(el('p', 'ha-sub', head.subtitle));
  // The byline's pieces apart by space, not a "·" the deck's fonts may not have.
  const by = el('p', 'ha-by');
  for (const piece of head.by) by.append(el('span', '', piece));
  if (head.by.length > 0) header.append(by);
  if (head.url) {
    const link = Object.assign(el('a', '', head.url.replace(/^https:\/\//, '')), { href: head.url });
    el('p', 'ha-url').append(link);
    header.append(link.parentElement!);
  }
  article.append(header);
  const frameOf = (pdfPage: HTMLElement, section: HTMLElement, w: number) => {
    const frame = (window as unknown as { kamishibaiSlideFrame: SlideFrame }).kamishibaiSlideFrame(pdfPage, section, 'ha-frame', 'ha-scaler');
    // A picture of the slide, beside its words: its heading is not one of the article's, nor an
    // entry of the PDF's outline (Chromium makes the outline from the headings it tags).
    frame.setAttribute('aria-hidden', 'true');
    frame.style.width = `${w}px`;
    frame.style.height = `${Math.round((w * info.height) / info.width)}px`;
    (frame.firstElementChild as HTMLElement).style.transform = `scale(${w / info.width})`;
    return frame;
  };
  const words = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const seen = new Set<string>();
  let row: HTMLElement | undefined;
  for (const pdfPage of [...slides.querySelectorAll<HTMLElement>(':scope > .pdf-page')]) {
    const section = pdfPage.querySelector<HTMLElement>('section[data-line]');
    const line = section?.getAttribute('data-line') ?? '';
    // With a page per fragment step, each slide once, in its final state.
    if (!section || seen.has(line)) continue;
    seen.add(line);
    const first = seen.size === 1;
    const show = section.dataset.handout ?? '';
    // Its heading; else, on a statement, its first words.
    const opening = words(section.querySelector('.slide-body p:not(.part-marker *), .slide-body li:not(.part-marker li)'));
    // Its name (core/slide-name.ts), as the notes file and the bookmarks call it.
    const title = pdfPage.dataset.name || words(section.querySelector('h1, h2, h3')) || (opening.length > 60 ? `${opening.slice(0, 60)}…` : opening);
    // The handout's own wording where the deck gives it, else the speaker's notes.
    const said = section.querySelector('aside.handout') ?? section.querySelector('aside.notes');
    const body = said ? Object.assign(el('div', 'ha-words'), { innerHTML: said.innerHTML }) : undefined;
    if (body) body.lang = head.lang;
    if (info.grid) {
      // Three to a page, each beside lines to write on; the words stay in the deck.
      const cell = el('div', 'ha-grid');
      cell.dataset.line = line;
      cell.append(frameOf(pdfPage, section, info.big), el('div', 'ha-lines'));
      article.appendChild(cell);
      continue;
    }
    if (show === 'skip') continue;
    if (first && section.classList.contains('layout-title')) {
      // The title slide is the header above: its words are the abstract.
      if (body) header.append(Object.assign(body, { className: 'ha-words ha-abstract' }));
      continue;
    }
    const part = section.classList.contains('layout-section');
    if (part || show === 'text') {
      // A part: a heading (the outline's entry) and its words, no picture.
      const heading = el(part ? 'h2' : 'h3', part ? 'ha-part' : 'ha-head', title);
      heading.dataset.line = line;
      article.append(heading, ...(body ? [body] : []));
      row = undefined;
      continue;
    }
    if (!body) {
      // Slides without words: small, three to a row, each with its title.
      if (!row || row.childElementCount === 3) row = article.appendChild(el('div', 'ha-row'));
      const figure = el('figure', '');
      figure.dataset.line = line;
      figure.append(frameOf(pdfPage, section, info.small), el('figcaption', '', title));
      row.appendChild(figure);
      continue;
    }
    row = undefined;
    const block = el('div', 'ha-slide');
    block.dataset.line = line;
    body.prepend(el('h3', 'ha-head', title));
    block.append(frameOf(pdfPage, section, info.big), body);
    article.appendChild(block);
  }
  for (const p of [...slides.querySelectorAll(':scope > .pdf-page')]) p.remove();
  slides.appendChild(article);
}
/* eslint-enable max-lines-per-function */
