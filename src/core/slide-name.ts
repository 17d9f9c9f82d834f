// A slide's one name, wherever a slide is listed: the notes file (--notes), the handout and
// the PDF's bookmarks. Its heading; on the title slide, the talk's title; else its first
// words (a statement, a quote, a picture's caption); else "Slide N", N as its page number.
import { parseDocument } from 'htmlparser2';
import { findOne, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { decodeHTML } from 'entities';
import type { Slide } from './slides.js';

const FIRST_WORDS = 60;

export function slideName(slide: Slide, deckTitle: string): string {
  if (slide.title) return slide.title;
  if (slide.layout === 'title' && deckTitle) return deckTitle;
  const words = firstWords(slide.html);
  return words || `Slide ${slide.index + 1}`;
}

/** The text of the slide's first paragraph, list item or quote, not the chrome around it. */
function firstWords(html: string): string {
  const chrome = (e: Element | null): boolean => !!e?.attribs && (/\b(part-marker|slide-header|slide-footer|footnotes)\b/.test(e.attribs.class ?? '') || chrome(e.parent as Element | null));
  const first = findOne((e) => /^(p|li|blockquote|figcaption|td)$/.test(e.name) && !chrome(e) && textContent(e).trim() !== '', parseDocument(html, { decodeEntities: false }).children, true);
  const text = first ? decodeHTML(textContent(first)).replace(/\s+/g, ' ').trim() : '';
  return text.length > FIRST_WORDS ? `${text.slice(0, FIRST_WORDS).trimEnd()}…` : text;
}
