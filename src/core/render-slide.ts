// Raw slide -> rendered slide: Markdown to HTML (render.ts), comment directives
// (directives.ts), then the slide's layout template. Reports unknown layouts and bad math.
import { suggestKey, type DeckConfig } from './config.js';
import { error, warning, type Diagnostic } from './errors.js';
import { MAX_HTML_DEPTH, readDirectives, type SlideDirectives } from './markdown/directives.js';
import type { TexRenderer } from './markdown/math.js';
import { QR_MAX_BYTES, type QrFigure } from './qr.js';
import type { MarkdownToHtml } from './markdown/render.js';
import type { RawSlide } from './model.js';
import { lineOf, type RenderedSlide, type Slide } from './slides.js';
import type { Templates } from './templates.js';
import { escapeHtml } from './html.js';

/**
 * Render one slide. Lines in the result (slide.line, diagnostics) are relative to the
 * slide's first line, so a cached result stays right when slides above it grow or shrink;
 * placeSlide() makes them absolute.
 */
/**
 * Lines of the URLs of a slide, in the order they appear in it: the n-th use of one URL is
 * on the n-th line that holds it (the slide's HTML keeps the order of its text).
 */
function urlLines(text: string): (url: string) => number {
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  return (url) => {
    const n = seen.get(url) ?? 0;
    seen.set(url, n + 1);
    const whole = new RegExp(`(^|[("'=\\s])${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[)"'\\s>])`);
    const holding = lines.flatMap((l, i) => (whole.test(l) ? [i] : []));
    return holding[Math.min(n, holding.length - 1)] ?? 0;
  };
}

/** A <meta http-equiv="refresh"> as Markdown passes it through (in code it is escaped, and stays). */
const REFRESH = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?\s*refresh\b[^>]*>/gi;
const REFRESH_PROBLEM = '<meta http-equiv="refresh"> would take the deck away from itself (and stop its PDF); remove it, and link with <a href> instead';

export function renderSlide(
  raw: RawSlide,
  index: number,
  total: number,
  md: MarkdownToHtml,
  templates: Templates,
  deck: DeckConfig,
  file: string,
  tex?: TexRenderer,
  qr?: QrFigure,
  chromeMarkdown = false,
): RenderedSlide {
  const s = { ...raw, line: 0 };
  const d = readDirectives(md(s.body), { fragments: deck.fragments, tex, url: deck.url, qr, index, ...(raw.attrs ? { attrs: raw.attrs } : {}), ...(raw.ownStyles ? { ownStyles: raw.ownStyles } : {}), ...(raw.headingInColumn ? { headingInColumn: true } : {}) });
  // Notes and handout text are on the page too: a refresh there is taken out the same way.
  let refresh = d.refresh ?? false;
  const page = (text: string, how?: { rawHtml: 'text' }) => md(text, how).replace(REFRESH, () => ((refresh = true), ''));
  const notes = s.notes ? page(s.notes, raw.notesHtmlAsText ? { rawHtml: 'text' } : undefined) : '';
  const wanted = d.layout ?? raw.layout ?? (index === 0 && s.body.trim() === '' ? 'title' : 'default');
  const layout = templates.layouts.includes(wanted) ? wanted : 'default';
  const lineOfUrl = urlLines(`${s.body}\n${s.notes}`);
  const diagnostics = slideProblems(s.body, d, wanted, templates, deck, file, lineOfUrl);
  if (refresh) diagnostics.push(error(file, refreshLine(raw), REFRESH_PROBLEM));
  const part = d.part;
  // A column left empty (a QR code of a talk with no address yet) is left out: the rest centres.
  const columns = d.columns.filter((c) => c !== '');
  const footer = raw.attrs?.['data-footer'] ?? d.attrs['data-footer'] ?? deck.footer;
  const header = raw.attrs?.['data-header'] ?? d.attrs['data-header'];
  const context = {
    content: d.html.trim(),
    columns,
    heading: d.heading,
    hasColumns: columns.length > 0,
    title: d.title,
    // A slide's own header and footer (Marp's directives, or data-header/data-footer) over the deck's.
    deck: { ...deck, footer },
    header,
    ...(chromeMarkdown ? { footerHtml: footer && inlineMarkdown(footer, md), headerHtml: header && inlineMarkdown(header, md) } : {}),
    index,
    number: index + 1,
    total,
    // The "where are we" marker: every part, this slide's marked current.
    parts: part ? deck.parts.map((name, i) => ({ name, number: i + 1, current: i + 1 === part, done: i + 1 < part })) : [],
  };
  const slide: Slide = {
    index,
    h: s.h,
    v: s.v,
    line: 0,
    title: d.title,
    layout,
    html: templates.renderLayout(layout, context) + (d.styles ?? ''),
    notesHtml: notes,
    ...(s.handout ? { handoutHtml: page(s.handout) } : {}),
    attrs: mergeAttrs(raw.attrs ?? {}, d.attrs),
    assets: d.assets.map((src) => ({ src, line: lineOfUrl(src) })),
    ...(part !== undefined ? { part } : {}),
  };
  return { slide, diagnostics };
}

/** The line of a slide's refresh, from its first: in the body, else in the notes (which start at their own line). */
function refreshLine(raw: RawSlide): number {
  const lineIn = (text: string) => (text.search(/http-equiv/i) < 0 ? -1 : text.slice(0, text.search(/http-equiv/i)).split('\n').length - 1);
  const inBody = lineIn(raw.body);
  const inNotes = lineIn(raw.notes);
  return inBody >= 0 ? inBody : inNotes >= 0 ? raw.notesLine + 1 - raw.line + inNotes : 0;
}

/** What is wrong with a rendered slide: its layout, its part, the URLs it loads, its HTML depth, its math. */
function slideProblems(body: string, d: SlideDirectives, layout: string, templates: Templates, deck: DeckConfig, file: string, lineOfUrl: (url: string) => number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!templates.layouts.includes(layout)) {
    const hint = suggestKey(layout, templates.layouts);
    diagnostics.push(
      error(file, lineOf(body, 0, 'layout'), `unknown layout "${layout}"; ${hint ? `did you mean "${hint}"? ` : ''}layouts in templates/layouts/: ${templates.layouts.join(', ')}`),
    );
  }
  const part = d.part;
  if (part !== undefined && !(Number.isInteger(part) && part >= 1 && part <= deck.parts.length)) {
    diagnostics.push(
      error(file, lineOf(body, 0, 'part'), deck.parts.length === 0 ? 'a slide names a part, but the front matter lists no "parts"' : `part must be a number from 1 to ${deck.parts.length} (the "parts" in the front matter)`),
    );
  }
  for (const url of d.remote) {
    diagnostics.push(warning(file, lineOfUrl(url), `"${url}" would be fetched from the network, and decks must work offline: save it in the talk's folder and link it relatively`));
  }
  for (const url of d.fileUrls) {
    diagnostics.push(error(file, lineOfUrl(url), `"${url}" is a file: URL; a deck may only use files in its own folder: copy the file there and name it relatively`));
  }
  if (d.tooDeep) diagnostics.push(error(file, 0, `this slide's HTML is nested ${d.tooDeep}+ elements deep; Kamishibai takes up to ${MAX_HTML_DEPTH}: flatten it`));
  if (d.rawTex) {
    diagnostics.push(warning(file, lineOf(body, 0, d.rawTex.split(/\s+/)[0]!), `TeX left as text ("${d.rawTex}"): close its $$ or put it between $...$, $$...$$, \\(...\\) or \\[...\\]`));
  }
  for (const text of d.qrTooLong) {
    const size = new TextEncoder().encode(text).length.toLocaleString('en-US');
    // Its text as written, or (the talk's url: in the front matter) the <!-- qr --> comment.
    const needle = [text.slice(0, 40), '<!-- qr', '<!--qr'].find((n) => body.includes(n)) ?? '';
    diagnostics.push(error(file, lineOf(body, 0, needle), `this QR code holds ${size} bytes; a QR code holds up to ${QR_MAX_BYTES.toLocaleString('en-US')}: link a short address instead`));
  }
  // The formula's own line: where its TeX (the start of it, up to a line break) is written.
  for (const { message, tex } of d.mathErrors) diagnostics.push(warning(file, lineOf(body, 0, tex.trim().split('\n')[0]!.slice(0, 40) || '$'), `math could not be rendered: ${message}`));
  return diagnostics;
}


/** A dialect's attributes for the slide, then its comment directives': classes and styles add up, the rest the directive wins. */
function mergeAttrs(dialect: Record<string, string>, directives: Record<string, string>): Record<string, string> {
  const merged = { ...dialect, ...directives };
  for (const [key, sep] of [['class', ' '], ['style', ';']] as const) {
    const both = [dialect[key], directives[key]].filter(Boolean);
    if (both.length > 0) merged[key] = both.join(sep);
  }
  return merged;
}

/**
 * A Marp header or footer as marp-cli draws it by default: inline Markdown (bold, code, web
 * links), its raw HTML shown as text, and no pictures (a picture there is not among the
 * deck's files). Anything else (a block such as a heading, a link to a file) stays the text
 * it was: it was never checked as the slide's own links are.
 */
function inlineMarkdown(text: string, md: MarkdownToHtml): string {
  const html = md(text.replace(/</g, '&lt;').replace(/!\[/g, '!\\['));
  const inline = /^<p>([\s\S]*)<\/p>\s*$/.exec(html)?.[1];
  return inline === undefined || /\shref="(?!https?:|mailto:)/i.test(inline) ? escapeHtml(text) : inline;
}
