// A rendered slide, as later stages (deck page, PDF, cache) see it. Rendering itself is
// in render-slide.ts, loaded only when a slide is not in the cache.
import type { Diagnostic } from './errors.js';

export interface Slide {
  /** 0-based position among all slides, vertical ones included. */
  index: number;
  h: number;
  v: number;
  /** File line where the slide starts. */
  line: number;
  title: string;
  layout: string;
  /** Inner HTML of the <section>, after the layout. */
  html: string;
  notesHtml: string;
  /** The handout's wording for the slide (`Handout:`), where it differs from the notes. */
  handoutHtml?: string;
  attrs: Record<string, string>;
  /** Files the slide names, at their lines (in `file` when another file than the deck holds them: Slidev's src:). */
  assets: { src: string; line: number; file?: string }[];
  /** The part of the talk the slide is in (<!-- part: N -->), from 1; later slides stay in it. */
  part?: number;
}

/** File line of the first line of `body` (starting at `first`) that contains `needle`. */
export function lineOf(body: string, first: number, needle: string): number {
  const i = body.split('\n').findIndex((l) => l.includes(needle));
  return i < 0 ? first : first + i;
}

export interface RenderedSlide {
  slide: Slide;
  diagnostics: Diagnostic[];
}

/**
 * Make a rendered slide's relative lines absolute, for a slide whose body starts at `line`.
 * The slide's own line is its first written line (not the blank one after `---`): what a
 * message about the whole slide (it overflows) points at.
 */
export function placeSlide(rendered: RenderedSlide, line: number, body: string, origin?: { file: string; line: number }): RenderedSlide {
  const blank = /^(?:[ \t]*\r?\n)*/.exec(body)![0].split('\n').length - 1;
  const first = body.trim() === '' ? line : line + blank;
  // Lines in another file (Slidev's src:) are said there: the slide itself sits at the deck's line.
  const at = origin ?? { line };
  return {
    slide: { ...rendered.slide, line: first, assets: rendered.slide.assets.map((a) => ({ ...a, ...at, line: a.line + at.line })) },
    diagnostics: rendered.diagnostics.map((d) => ({ ...d, ...at, line: d.line + at.line })),
  };
}
