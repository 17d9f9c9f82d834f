// Runs in the print page (each slide on a .pdf-page, fragments in their final state, fitted):
// reads every slide as Chromium drew it into the objects PowerPoint has. Text blocks
// (paragraphs, headings, quotes, lists) become text boxes with their runs, so text reflows
// when edited; tables become tables; boxes with a fill or border become shapes; images,
// diagrams, math (and text whose inline math stacks fractions or roots) and anything drawn
// with an effect PowerPoint lacks become pictures, of that element only (the caller
// screenshots the boxes listed in `shots`). Sent to the page as source text
// (measureScript): it and the page functions of page-*.ts, each a top-level
// function that uses only its arguments, the page's globals and the other page functions.
import type { Colour, PageContext, PageSlide, Paragraph } from './model.js';
import * as style from './page-style.js';
import * as text from './page-text.js';
import * as shapes from './page-shapes.js';
import { clean, colour, contentBox, describe, fontCoverage, isInline, visible } from './page-style.js';
import { listItems, plainList, table, textBlock } from './page-text.js';
import { effect, picture, pseudo, shape } from './page-shapes.js';

/** Classes the caller adds to hide content while it screenshots a slide's background alone. */
export const HIDE_CONTENT_CLASS = 'kamishibai-pptx-background-only';

/** One element of a slide and what is inside it, as PowerPoint objects onto ctx.items. */
export function walk(ctx: PageContext, el: Element, section: Element): void {
  if (el.matches('aside.notes, script, style, template, .slide-background, wbr')) return;
  const s = getComputedStyle(el);
  if (!visible(el, s)) return;
  const root = el === section;
  if (el.matches(pictures())) return picture(ctx, el, el.matches('img, video, canvas') ? 'an image' : el.matches('svg, .mermaid') ? 'a diagram' : el.matches('iframe, object, embed') ? 'an embedded page' : 'math');
  // The slide's own box is its background (set on the slide, or pictured with the content hidden).
  const fx = root ? undefined : effect(s);
  // A background picture is a picture anyway (a Marp-style `bg` image): nothing to report.
  if (fx) return picture(ctx, el, `${describe(el)} (${fx}, a CSS effect PowerPoint lacks)`, fx === 'a background picture' ? undefined : `${describe(el)} (${fx})`);
  if (!root) shape(ctx, el, s);
  pseudo(ctx, el, '::before');
  pseudo(ctx, el, '::after');
  if (el instanceof HTMLTableElement) return table(ctx, el);
  // Text with inline math that stacks boxes (KaTeX's .vlist-t: a fraction, a root, an accent)
  // other than sub- and superscripts, which PowerPoint text raises and lowers: a line of
  // text has no place for them. Pictured like display math, unreported as it is.
  if (el.tagName !== 'PRE' && [...el.querySelectorAll('.katex .vlist-t')].some((v) => !v.closest('.msupsub')) && (plainList(el, s) || isTextBlock(el))) {
    return picture(ctx, el, 'math');
  }
  if (el.tagName === 'PRE') return textBlock(ctx, el.querySelector('code') ?? el, 'a code block', false);
  if (plainList(el, s)) {
    const paragraphs: Paragraph[] = [];
    listItems(ctx, el, 0, paragraphs);
    if (paragraphs.length > 0) ctx.items.push({ kind: 'text', ...contentBox(ctx, el), paragraphs, wrap: true, what: 'a list' });
    return;
  }
  if (isTextBlock(el)) return textBlock(ctx, el, describe(el));
  for (const child of [...el.children].filter((c) => visible(c, getComputedStyle(c)))) walk(ctx, child, section);
}

/** What becomes a picture whole (a page function: the page has no module constants). */
export function pictures(): string {
  return 'img, video, canvas, iframe, object, embed, svg, .katex, .katex-display, mjx-container, .mermaid';
}

/** Whether the element is one block of text: text of its own, or only inline children (math among them). */
export function isTextBlock(el: Element): boolean {
  const children = [...el.children].filter((c) => visible(c, getComputedStyle(c)));
  const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
  const allInline = children.every((c) => {
    const cs = getComputedStyle(c);
    return (isInline(cs) || cs.display === 'inline-block') && !c.matches(pictures()) && !c.querySelector(pictures());
  });
  return ownText || (children.length > 0 && allInline && el.textContent!.trim() !== '');
}

/** The slide's background colour, and whether a picture or gradient draws it (then shot with the content hidden). */
export function slideBackground(page: HTMLElement, section: Element): { background?: Colour; backgroundPicture: boolean } {
  const pageStyle = getComputedStyle(page);
  const layer = page.querySelector<HTMLElement>('.slide-background');
  const background = colour(layer ? getComputedStyle(layer).backgroundColor : '') ?? colour(getComputedStyle(section).backgroundColor) ?? colour(pageStyle.backgroundColor);
  const backgroundPicture =
    [layer, ...(layer ? layer.querySelectorAll('*') : [])].some((e) => e && getComputedStyle(e).backgroundImage !== 'none') ||
    getComputedStyle(section).backgroundImage !== 'none' ||
    pageStyle.backgroundImage !== 'none';
  return { background, backgroundPicture };
}

/** Notes are hidden on the print page: read by structure (a paragraph or item a line), not by layout. */
export function notesText(ctx: PageContext, section: Element): string {
  const lines: string[] = [];
  const notesOf = (el: Element, depth: number) => {
    for (const child of el.children) {
      if (child.matches('ul, ol')) notesOf(child, depth + 1);
      else if (child.matches('li')) {
        const own = [...child.childNodes].filter((n) => !(n instanceof Element && n.matches('ul, ol'))).map((n) => n.textContent).join('');
        lines.push(`${'  '.repeat(Math.max(0, depth - 1))}• ${clean(ctx, own).replace(/\s+/g, ' ').trim()}`);
        for (const sub of child.querySelectorAll(':scope > ul, :scope > ol')) notesOf(sub, depth + 1);
      } else lines.push(clean(ctx, child.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  };
  const aside = section.querySelector('aside.notes');
  if (aside && aside.children.length === 0) lines.push(clean(ctx, aside.textContent ?? '').trim());
  else if (aside) notesOf(aside, 0);
  return lines.filter((l) => l !== '').join('\n');
}

export function measureForPptx(cjkFamily: string): PageSlide[] {
  const coverage = fontCoverage();
  const slides: PageSlide[] = [];
  for (const page of document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page')) {
    const section = page.querySelector<HTMLElement>('section[data-line]');
    if (!section) continue;
    const frame = page.getBoundingClientRect();
    const ctx: PageContext = { cjkFamily, coverage, frame, page, items: [], dropped: [] };
    const { background, backgroundPicture } = slideBackground(page, section);
    for (const child of page.children) walk(ctx, child, section);
    slides.push({
      notes: notesText(ctx, section),
      line: Number(section.dataset.line),
      frame: { x: frame.left + window.scrollX, y: frame.top + window.scrollY, w: frame.width, h: frame.height },
      background,
      backgroundPicture,
      items: ctx.items,
      dropped: [...new Set(ctx.dropped)],
    });
  }
  // With --pdf-fragments a slide has a page per step: the last one is its final state.
  const last = new Map<number, PageSlide>();
  for (const s of slides) last.set(s.line, s);
  return [...last.values()];
}

/** The page functions, declared in the page before measureForPptx runs. */
const PAGE_FUNCTIONS: ((...args: never[]) => unknown)[] = [...Object.values(style), ...Object.values(text), ...Object.values(shapes), walk, pictures, isTextBlock, slideBackground, notesText];

/** The script that measures the print page: every page function, then the measure. */
export function measureScript(cjkFamily: string): string {
  return `(() => {\n${PAGE_FUNCTIONS.map(String).join('\n')}\nreturn (${measureForPptx.toString()})(${JSON.stringify(cjkFamily)});\n})()`;
}
