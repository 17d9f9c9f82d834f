// Raw slides -> rendered slides: Markdown to HTML (render.ts), comment directives
// (directives.ts), then the slide's layout template. Reports unknown layouts and bad math
// with the file line they come from.
import type { DeckConfig } from './config.js';
import { error, warning, type Diagnostic } from './errors.js';
import { readDirectives } from './markdown/directives.js';
import type { MarkdownToHtml } from './markdown/render.js';
import type { RawSlide } from './markdown/split.js';
import type { Templates } from './templates.js';
import { suggestKey } from './config.js';

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
  attrs: Record<string, string>;
  assets: { src: string; line: number }[];
}

/** File line of the first line of `body` (starting at `first`) that contains `needle`. */
export function lineOf(body: string, first: number, needle: string): number {
  const i = body.split('\n').findIndex((l) => l.includes(needle));
  return i < 0 ? first : first + i;
}

export function renderSlides(
  raw: RawSlide[],
  md: MarkdownToHtml,
  templates: Templates,
  deck: DeckConfig,
  file: string,
): { slides: Slide[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const slides = raw.map((s, index): Slide => {
    const d = readDirectives(md(s.body), { fragments: deck.fragments });
    const notes = s.notes ? md(s.notes) : '';
    let layout = d.layout ?? (index === 0 && s.body.trim() === '' ? 'title' : 'default');
    if (!templates.layouts.includes(layout)) {
      const hint = suggestKey(layout, templates.layouts);
      diagnostics.push(
        error(
          file,
          lineOf(s.body, s.line, 'layout'),
          `unknown layout "${layout}"; ${hint ? `did you mean "${hint}"? ` : ''}layouts in templates/layouts/: ${templates.layouts.join(', ')}`,
        ),
      );
      layout = 'default';
    }
    for (const message of d.mathErrors) {
      diagnostics.push(warning(file, lineOf(s.body, s.line, '$'), `math could not be rendered: ${message}`));
    }
    const context = {
      content: d.html.trim(),
      columns: d.columns,
      heading: d.heading,
      hasColumns: d.columns.length > 0,
      title: d.title,
      deck,
      index,
      number: index + 1,
      total: raw.length,
    };
    return {
      index,
      h: s.h,
      v: s.v,
      line: s.line,
      title: d.title,
      layout,
      html: templates.renderLayout(layout, context),
      notesHtml: notes,
      attrs: d.attrs,
      assets: d.assets.map((src) => ({ src, line: lineOf(`${s.body}\n${s.notes}`, s.line, src) })),
    };
  });
  return { slides, diagnostics };
}
