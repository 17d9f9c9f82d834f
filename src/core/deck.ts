// Rendered slides -> the deck page: <section> elements (nested for vertical stacks) inside
// the deck.hbs shell, with reveal.js config as JSON for the client to read.
import { slideSize, type DeckConfig } from './config.js';
import type { Slide } from './slides.js';
import type { Templates } from './templates.js';
import { escapeHtml as escapeAttr } from './html.js';
import { slideName } from './slide-name.js';


/** 'dark' or 'light' for a #rgb/#rrggbb/rgb() colour, as reveal.js decides at run time. */
export function backgroundTone(color: string | undefined): 'dark' | 'light' | undefined {
  if (!color) return undefined;
  let rgb: number[] | undefined;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(color.trim());
    if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (!rgb) return undefined;
  // reveal.js: brightness (YIQ) under 128 is dark.
  const yiq = (rgb[0]! * 299 + rgb[1]! * 587 + rgb[2]! * 114) / 1000;
  return yiq < 128 ? 'dark' : 'light';
}

function section(slide: Slide, print = false): string {
  const attrs: Record<string, string> = { ...slide.attrs };
  const tone = backgroundTone(attrs['data-background-color']);
  attrs.class = [`layout-${slide.layout}`, attrs.class, tone && `has-${tone}-background`].filter(Boolean).join(' ');
  attrs['data-line'] = String(slide.line);
  // Where the slide sits in reveal's #/h/v routes, for links inside the PDF.
  attrs['data-h'] = String(slide.h);
  attrs['data-v'] = String(slide.v);
  const attrText = Object.keys(attrs)
    .sort()
    .map((k) => (attrs[k] === '' ? ` ${k}` : ` ${k}="${escapeAttr(attrs[k]!)}"`))
    .join('');
  const notes = slide.notesHtml ? `\n<aside class="notes">${slide.notesHtml}</aside>` : '';
  // The handout's own wording, on the print page only (the handout reads it from there).
  const handout = print && slide.handoutHtml ? `\n<aside class="handout" hidden>${slide.handoutHtml}</aside>` : '';
  return `<section${attrText}>\n${slide.html.trim()}${notes}${handout}\n</section>`;
}

export function sectionsHtml(slides: Slide[]): string {
  const stacks: Slide[][] = [];
  for (const s of slides) {
    if (s.v === 0 || stacks.length === 0) stacks.push([s]);
    else stacks.at(-1)!.push(s);
  }
  return stacks.map((stack) => (stack.length === 1 ? section(stack[0]!) : `<section>\n${stack.map((s) => section(s)).join('\n')}\n</section>`)).join('\n');
}

/**
 * The print page: every slide on a page of its own, fragments in their final state, laid
 * out by CSS alone. Chromium prints it without running reveal.js, whose print view spends
 * most of a large deck's export time laying slides out in script.
 */
export function printSectionsHtml(slides: Slide[], deck: DeckConfig): string {
  const numbers = deck.slideNumber !== false;
  return slides
    .map((slide, i) => {
      const bg = slide.attrs['data-background-color'];
      const image = slide.attrs['data-background-image'];
      // reveal.js draws a gradient as the slide's background; the contrast check must see it too.
      const gradient = !image && slide.attrs['data-background-gradient'];
      const style = [bg && `background-color:${bg}`, image && `background-image:url("${image}");background-size:${slide.attrs['data-background-size'] ?? 'cover'};background-position:center`, gradient && `background-image:${gradient}`]
        .filter(Boolean)
        .join(';');
      // Marp decks number only the slides that ask for it (paginate).
      const number = numbers && slide.attrs['data-paginate'] !== 'false' ? `<div class="slide-number slide-number-pdf">${i + 1}</div>` : '';
      // Its name, for the handout and the bookmarks to call it as the notes file does.
      return `<div class="pdf-page" data-name="${escapeAttr(slideName(slide, deck.title))}"${style ? ` style="${escapeAttr(style)}"` : ''}>\n${section(slide, true)}\n${number}</div>`;
    })
    .join('\n');
}

/**
 * JSON to write inside a <script> element: no `<` at all (as \u003c, which JSON reads back the
 * same), so neither `</script` nor `<!--` (which makes the parser swallow the next <script>) can
 * reach the HTML parser.
 */
export const inlineJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderPrintPage(templates: Templates, deck: DeckConfig, slides: Slide[]): string {
  const { width, height } = slideSize(deck);
  return templates.renderDeck({ deck, lang: deck.lang, title: deck.title, width, height, slides: printSectionsHtml(slides, deck), links: {}, print: true, revealConfig: inlineJson(revealConfig(deck)) });
}

export interface PageLinks {
  pdf?: string;
  handout?: string;
  ogImage?: string;
}

/** reveal.js options from the deck config: everything the client needs, nothing more. */
export function revealConfig(deck: DeckConfig): Record<string, unknown> {
  const { width, height } = slideSize(deck);
  return {
    width,
    height,
    margin: 0,
    hash: true,
    transition: deck.transition,
    slideNumber: deck.slideNumber === true ? 'c/t' : deck.slideNumber,
    controls: deck.controls,
    progress: deck.progress,
    center: false,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    // With `time:`, each slide's planned seconds are its data-timing (timing.ts); this turns
    // on the speaker view's pacing, which reads them.
    ...(deck.time || deck.partTimes.length > 0 ? { defaultTiming: 0 } : {}),
    // reveal-md's revealOptions, checked in config.ts: they win over the settings above.
    ...deck.revealOptions,
  };
}

export function renderDeckPage(
  templates: Templates,
  deck: DeckConfig,
  slides: Slide[],
  links: PageLinks,
): string {
  const { width, height } = slideSize(deck);
  return templates.renderDeck({
    deck,
    lang: deck.lang,
    title: deck.title,
    description: deck.description,
    width,
    height,
    slides: sectionsHtml(slides),
    revealConfig: inlineJson(revealConfig(deck)),
    links,
  });
}
