// How much one deck may ask of the browser. The limits scanner (markdown/limits.ts) bounds the
// Markdown parser; these bound Chromium, which lays out, measures and prints the whole deck
// as one page, so its time grows with slides and elements (and a little faster than both).
// Measured on two cores (npm run bench): 2,000 one-line slides build with both PDFs in ~14 s,
// a 5,000-row table in ~9 s; 10,000 slides took 2 minutes, a 25,000-row table 45 s.
import { error, type Diagnostic } from './errors.js';

/** A day-long workshop is ~300 slides; past this a talk is several talks. */
export const MAX_SLIDES = 2_000;
/** HTML elements in all slides and notes (a table row of three cells is four). */
export const MAX_ELEMENTS = 50_000;
/** Mermaid diagrams in one deck, each drawn in Chromium (~30–60 ms). */
export const MAX_DIAGRAMS = 300;

/** A start tag; not `<wbr>`, the line-break chances Japanese text gets, which Chromium lays out as nothing. */
const ELEMENT = /<(?!wbr[\s/>])[a-zA-Z]/gi;

/** The slide past MAX_SLIDES, at its line; none when the deck is within it. */
export function slideCountError(lines: number[], file: string): Diagnostic | undefined {
  if (lines.length <= MAX_SLIDES) return undefined;
  return error(file, lines[MAX_SLIDES]!, `deck has ${lines.length.toLocaleString('en')} slides; Kamishibai builds up to ${MAX_SLIDES.toLocaleString('en')} (this is slide ${(MAX_SLIDES + 1).toLocaleString('en')}): split the talk into several decks`);
}

/** Elements in a piece of HTML: each start tag. */
export function elementCount(html: string): number {
  return html.match(ELEMENT)?.length ?? 0;
}

/** Past MAX_ELEMENTS in all: an error at the slide with the most, which is where to cut. */
export function elementsError(slides: { line: number; html: string; notesHtml: string }[], file: string): Diagnostic | undefined {
  let total = 0;
  let biggest = { line: 0, count: -1 };
  for (const slide of slides) {
    const count = elementCount(slide.html) + elementCount(slide.notesHtml);
    total += count;
    if (count > biggest.count) biggest = { line: slide.line, count };
  }
  if (total <= MAX_ELEMENTS) return undefined;
  return error(
    file,
    biggest.line,
    `deck has ${total.toLocaleString('en')} HTML elements, over the ${MAX_ELEMENTS.toLocaleString('en')} Kamishibai lays out in time (a table row of three cells is four); this slide has the most (${biggest.count.toLocaleString('en')}): shorten it, move the data to a linked file, or split the talk`,
  );
}

/** Past MAX_DIAGRAMS: an error at the first diagram over. */
export function diagramsError(fenceLines: number[], count: number, file: string): Diagnostic | undefined {
  if (count <= MAX_DIAGRAMS) return undefined;
  return error(file, fenceLines[MAX_DIAGRAMS] ?? 0, `deck has ${count} Mermaid diagrams; Kamishibai draws up to ${MAX_DIAGRAMS} (this is diagram ${MAX_DIAGRAMS + 1}): draw the rest as images, or split the talk`);
}
