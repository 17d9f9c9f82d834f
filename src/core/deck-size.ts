// How much one deck may ask of the browser. The limits scanner (markdown/limits.ts) bounds the
// Markdown parser; these bound Chromium, which lays out, measures and prints the whole deck
// as one page, so its time grows with slides and elements (and a little faster than both).
// Measured on two cores (npm run bench): 2,000 one-line slides build with both PDFs in ~14 s,
// a 5,000-row table in ~9 s; 10,000 slides take ~3 minutes, a 25,000-row table 45 s. Those
// are the usual limits; --large (a run option, never the deck's own) gives ten times each, for
// a deck its owner trusts: a conference's CI with everyone's talks keeps the usual ones.
import { error, type Diagnostic } from './errors.js';

/** A talk is text for a room; 2 MB of Markdown is far past any real deck. */
export const MAX_DECK_BYTES = 2 * 1024 * 1024;

/** A day-long workshop is ~300 slides; past this a talk is several talks. */
export const MAX_SLIDES = 2_000;
/** HTML elements in all slides and notes (a table row of three cells is four). */
export const MAX_ELEMENTS = 50_000;
/** Mermaid diagrams in one deck, each drawn in Chromium (~30–60 ms). */
export const MAX_DIAGRAMS = 300;

/** What one deck may ask for: its Markdown's bytes, its slides, its elements, its diagrams. */
export interface DeckLimits {
  bytes: number;
  slides: number;
  elements: number;
  diagrams: number;
}

export const DECK_LIMITS: DeckLimits = Object.freeze({ bytes: MAX_DECK_BYTES, slides: MAX_SLIDES, elements: MAX_ELEMENTS, diagrams: MAX_DIAGRAMS });

/** --large: ten times each (10,000 one-line slides build in ~3 minutes, Chromium's largest process ~1.2 GB: browser/garbage.ts). */
export const LARGE_DECK_LIMITS: DeckLimits = Object.freeze({ bytes: 10 * MAX_DECK_BYTES, slides: 10 * MAX_SLIDES, elements: 10 * MAX_ELEMENTS, diagrams: 10 * MAX_DIAGRAMS });

const n = (count: number) => count.toLocaleString('en');

/**
 * What --large allows, in words. Made when an error needs it: the first number formatted in
 * a process costs ~15 ms (Intl's data loaded), which every run paid when this was a constant.
 */
const largeAmount = (k: keyof DeckLimits): string =>
  k === 'bytes' ? `${LARGE_DECK_LIMITS.bytes / 1024 / 1024} MB` : `${n(LARGE_DECK_LIMITS[k])} ${k}`;

/**
 * The way past a usual limit, for a deck its owner trusts: `needs` is what the deck asks of
 * each limit it is over or near. Named only when --large allows every one of them; `allows`
 * says what --large allows, in the error's own words.
 */
export function largerHint(limits: DeckLimits, needs: Partial<DeckLimits>, allows?: string): string {
  const keys = Object.keys(needs) as (keyof DeckLimits)[];
  const helps = keys.some((k) => limits[k] < LARGE_DECK_LIMITS[k]) && keys.every((k) => needs[k]! <= LARGE_DECK_LIMITS[k]);
  return helps ? ` (or, for a deck you trust, build it with --large, which allows ${allows ?? keys.map(largeAmount).join(' and ')})` : '';
}

/** A start tag; not `<wbr>`, the line-break chances Japanese text gets, which Chromium lays out as nothing. */
const ELEMENT = /<(?!wbr[\s/>])[a-zA-Z]/gi;

/** The slide past the limit, at its line; none when the deck is within it. */
export function slideCountError(lines: number[], file: string, limits: DeckLimits = DECK_LIMITS): Diagnostic | undefined {
  const max = limits.slides;
  if (lines.length <= max) return undefined;
  return error(file, lines[max]!, `deck has ${n(lines.length)} slides; Kamishibai builds up to ${n(max)} (this is slide ${n(max + 1)}): split the talk into several decks${largerHint(limits, { slides: lines.length })}`);
}

/** Elements in a piece of HTML: each start tag. */
export function elementCount(html: string): number {
  return html.match(ELEMENT)?.length ?? 0;
}

/** Past the limit in all: an error at the slide with the most, which is where to cut. */
export function elementsError(slides: { line: number; html: string; notesHtml: string }[], file: string, limits: DeckLimits = DECK_LIMITS): Diagnostic | undefined {
  let total = 0;
  let biggest = { line: 0, count: -1 };
  for (const slide of slides) {
    const count = elementCount(slide.html) + elementCount(slide.notesHtml);
    total += count;
    if (count > biggest.count) biggest = { line: slide.line, count };
  }
  if (total <= limits.elements) return undefined;
  return error(
    file,
    biggest.line,
    `deck has ${n(total)} HTML elements, over the ${n(limits.elements)} Kamishibai lays out in time (a table row of three cells is four); this slide has the most (${n(biggest.count)}): shorten it, move the data to a linked file, or split the talk${largerHint(limits, { elements: total })}`,
  );
}

/** Past the limit: an error at the first diagram over. */
export function diagramsError(fenceLines: number[], count: number, file: string, limits: DeckLimits = DECK_LIMITS): Diagnostic | undefined {
  const max = limits.diagrams;
  if (count <= max) return undefined;
  return error(file, fenceLines[max] ?? 0, `deck has ${n(count)} Mermaid diagrams; Kamishibai draws up to ${n(max)} (this is diagram ${n(max + 1)}): draw the rest as images, or split the talk${largerHint(limits, { diagrams: count })}`);
}
