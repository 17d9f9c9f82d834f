// Rendered slides -> the deck page: <section> elements (nested for vertical stacks) inside
// the deck.hbs shell, with reveal.js config as JSON for the client to read.
import { slideSize, type DeckConfig } from './config.js';
import type { Slide } from './slides.js';
import type { Templates } from './templates.js';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function section(slide: Slide): string {
  const attrs: Record<string, string> = { ...slide.attrs };
  attrs.class = [`layout-${slide.layout}`, attrs.class].filter(Boolean).join(' ');
  attrs['data-line'] = String(slide.line);
  // Where the slide sits in reveal's #/h/v routes, for links inside the PDF.
  attrs['data-h'] = String(slide.h);
  attrs['data-v'] = String(slide.v);
  const attrText = Object.keys(attrs)
    .sort()
    .map((k) => (attrs[k] === '' ? ` ${k}` : ` ${k}="${escapeAttr(attrs[k]!)}"`))
    .join('');
  const notes = slide.notesHtml ? `\n<aside class="notes">${slide.notesHtml}</aside>` : '';
  return `<section${attrText}>\n${slide.html.trim()}${notes}\n</section>`;
}

export function sectionsHtml(slides: Slide[]): string {
  const stacks: Slide[][] = [];
  for (const s of slides) {
    if (s.v === 0 || stacks.length === 0) stacks.push([s]);
    else stacks.at(-1)!.push(s);
  }
  return stacks.map((stack) => (stack.length === 1 ? section(stack[0]!) : `<section>\n${stack.map(section).join('\n')}\n</section>`)).join('\n');
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
  };
}

export function renderDeckPage(
  templates: Templates,
  deck: DeckConfig,
  slides: Slide[],
  links: PageLinks,
  fontsCss: boolean,
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
    // `</` cannot end the JSON block early: the only way out of a <script> is `</script`.
    revealConfig: JSON.stringify(revealConfig(deck)).replace(/<\//g, '<\\/'),
    links,
    fontsCss,
  });
}
