// Runs in the print page (each slide on a .pdf-page, fragments in their final state, fitted):
// reads every slide as Chromium drew it into the objects PowerPoint has. Text blocks
// (paragraphs, headings, quotes, lists) become text boxes with their runs, so text reflows
// when edited; tables become tables; boxes with a fill or border become shapes; images,
// diagrams, math and anything drawn with an effect PowerPoint lacks become pictures, of that
// element only (the caller screenshots the boxes listed in `shots`). Self-contained: it is
// sent to the page as source text, so it may use nothing from outside its own body.
import type { Colour, Item, Paragraph, Run } from './model.js';

export interface PageSlide {
  line: number;
  /** The slide's frame in page coordinates (for screenshots). */
  frame: { x: number; y: number; w: number; h: number };
  background?: Colour;
  /** The background is a picture or a gradient: the caller screenshots it with the content hidden. */
  backgroundPicture: boolean;
  /** Items in drawing order; pictures carry `shot` (page coordinates) instead of pixels. */
  items: (Item | PendingPicture)[];
  /** Characters XML cannot hold (control characters), dropped from the text. */
  dropped: string[];
  /** The speaker notes as text: a line per paragraph or list item. */
  notes: string;
}

export interface PendingPicture {
  kind: 'pending-picture';
  x: number;
  y: number;
  w: number;
  h: number;
  shot: { x: number; y: number; w: number; h: number };
  svg?: string;
  why: string;
  /** What `check` tells the author: set for what could have been editable (a CSS effect, a table too big). */
  report?: string;
}

/** Classes the caller adds to hide content while it screenshots a slide's background alone. */
export const HIDE_CONTENT_CLASS = 'kamishibai-pptx-background-only';

export function measureForPptx(cjkFamily: string): PageSlide[] {
  const px = (v: string): number => parseFloat(v) || 0;
  const colour = (css: string): Colour | undefined => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
    if (!m) return undefined;
    const alpha = m[4] === undefined ? 1 : Number(m[4]);
    if (alpha === 0) return undefined;
    const hex = [m[1], m[2], m[3]].map((c) => Math.round(Number(c)).toString(16).padStart(2, '0')).join('').toUpperCase();
    return { hex, alpha };
  };
  // Which family draws a character: the first of the stack whose faces cover it (their
  // unicode-range, as the deck's cut fonts declare it), as Chromium chooses.
  const coverage = new Map<string, [number, number][]>();
  for (const face of document.fonts) {
    const name = face.family.replace(/^["']|["']$/g, '');
    for (const m of face.unicodeRange.matchAll(/U\+([0-9a-f]+)(?:-([0-9a-f]+))?/gi)) {
      coverage.set(name, [...(coverage.get(name) ?? []), [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)]]);
    }
  }
  const drawnBy = (names: string[], cp: number) => names.find((n) => coverage.get(n)?.some(([a, b]) => cp >= a && cp <= b));
  /** The text cut where the family drawing it changes (a circled digit in a Latin run comes from the CJK face). */
  const byFamily = (css: string, text: string): { text: string; font: string }[] => {
    const names = css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
    const parts: { text: string; font: string }[] = [];
    for (const ch of text) {
      const font = drawnBy(names, ch.codePointAt(0)!);
      const last = parts.at(-1);
      if (last && (font === undefined || font === last.font || /\s/.test(ch))) last.text += ch;
      else parts.push({ text: ch, font: font ?? '' });
    }
    return parts.map((p) => ({ text: p.text, font: p.font ? p.font.replace(/[^\p{L}\p{N} _-]/gu, '') : family(css, p.text) }));
  };
  const family = (css: string, text: string): string => {
    const names = css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
    // A run holding kana, kanji or hangul is drawn by the deck's CJK family (the page's
    // stack may lead with a Latin one, which has no such glyph).
    const cjk = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(text);
    const chosen = cjk ? (names.find((n) => /\b(JP|KR|SC|TC|CJK)\b/.test(n)) ?? cjkFamily) : (names[0] ?? 'sans-serif');
    return chosen.replace(/[^\p{L}\p{N} _-]/gu, '');
  };
  const dropped: string[] = [];
  // Characters XML 1.0 forbids: a run holding one would make the whole file unreadable.
  const clean = (text: string): string =>
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
      dropped.push(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      return '';
    });
  const visible = (el: Element, s: CSSStyleDeclaration) => s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && (el as HTMLElement).getClientRects().length > 0;
  const isInline = (s: CSSStyleDeclaration) => s.display === 'inline' || s.display === 'contents';
  const SVG_PAINT = ['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];
  const TABLE_MAX = 75;
  const PICTURES = 'img, video, canvas, iframe, object, embed, svg, .katex, .katex-display, mjx-container, .mermaid';

  const slides: PageSlide[] = [];
  for (const pdfPage of document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page')) {
    const section = pdfPage.querySelector<HTMLElement>('section[data-line]');
    if (!section) continue;
    const frameRect = pdfPage.getBoundingClientRect();
    const origin = { x: frameRect.left + window.scrollX, y: frameRect.top + window.scrollY };
    const rel = (r: DOMRect) => ({ x: r.left - frameRect.left, y: r.top - frameRect.top, w: r.width, h: r.height });
    const items: PageSlide['items'] = [];
    dropped.length = 0;

    const runsOf = (root: Element | Node[], skipLists: boolean): Paragraph['runs'][] => {
      // Lines of runs: a <br> or a block inside the element starts a new line.
      const lines: Run[][] = [[]];
      const pre = (s: CSSStyleDeclaration) => s.whiteSpace.startsWith('pre') || s.whiteSpace === 'break-spaces';
      const visit = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement!;
          const s = getComputedStyle(parent);
          let text = clean(node.textContent ?? '');
          if (!pre(s)) text = text.replace(/[\t\n\r ]+/g, ' ');
          if (text === '') return;
          const link = parent.closest('a[href]');
          const parts = pre(s) ? text.split('\n') : [text];
          parts.forEach((part, i) => {
            if (i > 0) lines.push([]);
            if (part === '') return;
            const c = colour(s.color) ?? { hex: '000000', alpha: 1 };
            // Inline math is set in KaTeX's fonts, which the deck does not embed: its letters are
            // written in the text's own faces (italic where KaTeX sets them so), its other
            // symbols stay in KaTeX's.
            const math = parent.closest('.katex')?.parentElement;
            const stack = math ? `${getComputedStyle(math).fontFamily}, ${s.fontFamily}` : s.fontFamily;
            for (const piece of byFamily(stack, part)) lines.at(-1)!.push({
              text: piece.text,
              font: piece.font,
              size: px(s.fontSize),
              colour: c,
              bold: Number(s.fontWeight) >= 600 || undefined,
              italic: s.fontStyle === 'italic' || /KaTeX_Math/.test(s.fontFamily) || undefined,
              underline: (s.textDecorationLine.includes('underline') && !link) || undefined,
              strike: s.textDecorationLine.includes('line-through') || undefined,
              href: link?.getAttribute('href') ?? undefined,
            });
          });
          return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        const el = node as Element;
        if (el.matches('aside.notes, script, style, template, .katex-mathml')) return;
        if (skipLists && el.matches('ul, ol')) return;
        const s = getComputedStyle(el);
        if (!visible(el, s) && !isInline(s)) return;
        if (el.tagName === 'BR') {
          lines.push([]);
          return;
        }
        // Children of a flex or grid row sit side by side: a space between them, not a new line.
        const ps = el.parentElement ? getComputedStyle(el.parentElement) : undefined;
        const inRow = !!ps && /flex|grid/.test(ps.display) && !ps.flexDirection.startsWith('column');
        const block = !isInline(s) && s.display !== 'inline-block' && s.display !== 'inline-flex' && !inRow;
        if (inRow && lines.at(-1)!.length > 0) lines.at(-1)!.at(-1)!.text += ' ';
        if (block && lines.at(-1)!.length > 0) lines.push([]);
        el.childNodes.forEach(visit);
        if (block && lines.at(-1)!.length > 0) lines.push([]);
      };
      (Array.isArray(root) ? root : [...root.childNodes]).forEach(visit);
      // Trim the spaces CSS would not draw at the start and end of each line.
      for (const line of lines) {
        if (line.length === 0) continue;
        line[0]!.text = line[0]!.text.replace(/^ +/, '');
        line[line.length - 1]!.text = line[line.length - 1]!.text.replace(/ +$/, '');
      }
      return lines.filter((l) => l.some((r) => r.text !== ''));
    };
    const paragraph = (el: Element, runs: Run[], list?: Paragraph['list']): Paragraph => {
      const s = getComputedStyle(el);
      const align = s.textAlign === 'center' || s.textAlign === 'right' || s.textAlign === 'justify' ? s.textAlign : 'left';
      const lineHeight = s.lineHeight === 'normal' ? px(s.fontSize) * 1.2 : px(s.lineHeight);
      return { runs, align, list, lineHeight, spaceBefore: 0 };
    };
    const contentBox = (el: Element) => {
      const s = getComputedStyle(el);
      const r = rel(el.getBoundingClientRect());
      const l = px(s.paddingLeft) + px(s.borderLeftWidth);
      const t = px(s.paddingTop) + px(s.borderTopWidth);
      return { x: r.x + l, y: r.y + t, w: r.w - l - px(s.paddingRight) - px(s.borderRightWidth), h: r.h - t - px(s.paddingBottom) - px(s.borderBottomWidth) };
    };
    // An SVG drawn by the page's CSS (a cycle's track: fill none, a stroke) carries its computed
    // paint, or PowerPoint fills every shape black.
    const svgWithStyles = (el: SVGSVGElement, r: DOMRect) => {
      const copy = el.cloneNode(true) as SVGSVGElement;
      const to = [copy, ...copy.querySelectorAll('*')];
      [el, ...el.querySelectorAll('*')].forEach((e, i) => {
        const s = getComputedStyle(e);
        const own = to[i]!.getAttribute('style') ?? '';
        to[i]!.setAttribute('style', `${SVG_PAINT.map((name) => `${name}:${s.getPropertyValue(name)}`).join(';')};${own}`);
      });
      copy.setAttribute('width', String(r.width));
      copy.setAttribute('height', String(r.height));
      return new XMLSerializer().serializeToString(copy);
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
    const picture = (el: Element, why: string, report?: string) => {
      const whole = el.getBoundingClientRect();
      // What the slide shows of it: a table far past the frame is not shot whole.
      const left = Math.max(whole.left, frameRect.left);
      const top = Math.max(whole.top, frameRect.top);
      const r = new DOMRect(left, top, Math.min(whole.right, frameRect.right) - left, Math.min(whole.bottom, frameRect.bottom) - top);
      if (r.width < 1 || r.height < 1) return;
      const svg = el instanceof SVGSVGElement && r.width === whole.width && r.height === whole.height ? svgWithStyles(el, r) : undefined;
      items.push({ kind: 'pending-picture', ...rel(r), shot: { x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height }, svg, why, report });
    };
    const side = (s: CSSStyleDeclaration, name: 'Top' | 'Right' | 'Bottom' | 'Left') => {
      const width = px(s.getPropertyValue(`border-${name.toLowerCase()}-width`));
      const style = s.getPropertyValue(`border-${name.toLowerCase()}-style`);
      const c = width > 0 && style !== 'none' && style !== 'hidden' ? colour(s.getPropertyValue(`border-${name.toLowerCase()}-color`)) : undefined;
      return c && { colour: c, width, dash: style === 'dashed' || style === 'dotted' ? (style as 'dashed' | 'dotted') : undefined };
    };
    const shape = (el: Element, s: CSSStyleDeclaration) => {
      const fill = colour(s.backgroundColor);
      const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((n) => side(s, n));
      const same = sides.every((b) => b && b.colour.hex === sides[0]!.colour.hex && b.width === sides[0]!.width);
      const box = rel(el.getBoundingClientRect());
      if (fill || same) items.push({ kind: 'shape', ...box, fill, border: same ? sides[0] : undefined, radius: px(s.borderTopLeftRadius) });
      if (same) return;
      // Borders on some sides only (a rule under a heading): a line each.
      const [top, right, bottom, left] = sides;
      const line = (x: number, y: number, w: number, h: number, b: NonNullable<typeof top>) => items.push({ kind: 'shape', x, y, w, h, fill: b.colour, radius: 0 });
      if (top) line(box.x, box.y, box.w, top.width, top);
      if (bottom) line(box.x, box.y + box.h - bottom.width, box.w, bottom.width, bottom);
      if (left) line(box.x, box.y, left.width, box.h, left);
      if (right) line(box.x + box.w - right.width, box.y, right.width, box.h, right);
    };
    // ::before and ::after placed absolutely (an accent bar, an arrow drawn with borders, a
    // step's number): a plain filled rectangle is a shape, anything else a picture of its box
    // (the theme's decoration, not reported: the author has nothing to change).
    const pseudo = (el: Element, which: '::before' | '::after') => {
      const ps = getComputedStyle(el, which);
      if (ps.content === 'none' || ps.content === 'normal' || ps.display === 'none' || ps.position !== 'absolute' || ps.visibility === 'hidden') return;
      const own = getComputedStyle(el);
      const cb = own.position !== 'static' ? el : (el as HTMLElement).offsetParent;
      if (!cb) return;
      const r = cb.getBoundingClientRect();
      const cs = getComputedStyle(cb);
      const inner = { x: r.left + px(cs.borderLeftWidth), y: r.top + px(cs.borderTopWidth), w: r.width - px(cs.borderLeftWidth) - px(cs.borderRightWidth), h: r.height - px(cs.borderTopWidth) - px(cs.borderBottomWidth) };
      const w = px(ps.width) + px(ps.paddingLeft) + px(ps.paddingRight) + px(ps.borderLeftWidth) + px(ps.borderRightWidth);
      const h = px(ps.height) + px(ps.paddingTop) + px(ps.paddingBottom) + px(ps.borderTopWidth) + px(ps.borderBottomWidth);
      const m = /^matrix\(([^)]+)\)$/.exec(ps.transform)?.[1]?.split(',').map(Number);
      const left = inner.x + (ps.left !== 'auto' ? px(ps.left) : inner.w - px(ps.right) - w) + (m?.[4] ?? 0);
      const top = inner.y + (ps.top !== 'auto' ? px(ps.top) : inner.h - px(ps.bottom) - h) + (m?.[5] ?? 0);
      if (w < 1 || h < 1) return;
      const box = { x: left - frameRect.left, y: top - frameRect.top, w, h };
      const fill = colour(ps.backgroundColor);
      const plain = fill && px(ps.borderTopWidth) + px(ps.borderLeftWidth) === 0 && (ps.content === '""' || ps.content === "''") && ps.backgroundImage === 'none';
      if (plain) items.push({ kind: 'shape', ...box, fill, radius: px(ps.borderTopLeftRadius) });
      else items.push({ kind: 'pending-picture', ...box, shot: { x: left + window.scrollX, y: top + window.scrollY, w, h }, why: `${describe(el)}${which}` });
    };
    /** The CSS effect PowerPoint lacks that the element is drawn with, if any. */
    const effect = (s: CSSStyleDeclaration) =>
      s.backgroundImage !== 'none' && s.backgroundImage !== '' ? (s.backgroundImage.startsWith('url(') ? 'a background picture' : 'a gradient')
      : s.filter !== 'none' ? 'filter'
      : s.clipPath !== 'none' ? 'clip-path'
      : s.maskImage !== 'none' ? 'mask'
      : s.transform !== 'none' && !/^matrix\(1, 0, 0, 1,/.test(s.transform) ? 'transform'
      : undefined;
    // A box as wide as its text (a heading sized to fit, a footer) gets the room its container
    // gives it: PowerPoint's text is a hair wider (no "palt", other spacing), and a box that
    // fits the text exactly would break its last word onto a line of its own.
    const roomy = (el: Element, box: { x: number; y: number; w: number; h: number }, align: string) => {
      const parent = el.parentElement;
      if (!parent || parent === pdfPage) return box;
      // Only a box in a block's flow that draws nothing of its own: a flex item or a framed
      // box keeps its width (its text is laid out in it, centred or not).
      const own = getComputedStyle(el);
      const ps = getComputedStyle(parent);
      const flow = ps.display === 'block' || (/flex/.test(ps.display) && ps.flexDirection.startsWith('column'));
      if (!flow || colour(own.backgroundColor) || px(own.borderLeftWidth) + px(own.borderRightWidth) > 0) return box;
      const room = contentBox(parent);
      const left = Math.min(box.x, room.x);
      const right = Math.max(box.x + box.w, room.x + room.w);
      if (align === 'center') return { ...box, x: left, w: right - left };
      if (align === 'right') return { ...box, x: left, w: box.x + box.w - left };
      return { ...box, w: right - box.x };
    };
    // Text set on one line stays on one line in PowerPoint, whose Japanese is a little wider
    // (it has no proportional "palt" forms): a box that wraps would push a last word below.
    const lineCount = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      // Boxes that overlap in height share a line (a chip taller than the words beside it).
      const boxes = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const b of boxes) {
        if (b.top >= bottom - 1) lines++;
        bottom = Math.max(bottom, b.bottom);
      }
      return lines;
    };
    const chip = (n: Node): n is Element => {
      if (!(n instanceof Element)) return false;
      const cs = getComputedStyle(n);
      // Not inline (a flex item's inline-grid is a grid), with a fill or a frame of its own.
      return !isInline(cs) && (!!colour(cs.backgroundColor) || px(cs.borderLeftWidth) > 0);
    };
    // A line with chips in it (a number in a circle before a label): each chip and each stretch
    // of text between them a box of its own, where the page drew it, so that PowerPoint's
    // wider Japanese cannot slide the label under the chip.
    const segments = (el: Element, what: string): boolean => {
      const nodes = [...el.childNodes];
      if (!nodes.some(chip) || lineCount(el) > 1) return false;
      let run: Node[] = [];
      const flush = () => {
        const range = document.createRange();
        range.setStartBefore(run[0]!);
        range.setEndAfter(run.at(-1)!);
        const r = range.getBoundingClientRect();
        const paragraphs = runsOf(run, false).map((runs) => ({ ...paragraph(el, runs), align: 'left' as const }));
        if (paragraphs.length > 0 && r.width > 0) items.push({ kind: 'text', ...rel(r), w: r.width * 1.1 + 8, paragraphs, wrap: false, what });
        run = [];
      };
      for (const n of nodes) {
        if (!chip(n)) {
          run.push(n);
          continue;
        }
        if (run.length > 0) flush();
        const cs = getComputedStyle(n);
        shape(n, cs);
        const paragraphs = runsOf(n, false).map((runs) => ({ ...paragraph(n, runs), align: 'center' as const }));
        if (paragraphs.length > 0) items.push({ kind: 'text', ...contentBox(n), paragraphs, wrap: false, what: describe(n) });
      }
      if (run.length > 0) flush();
      return true;
    };
    const textBlock = (el: Element, what: string, wrap = true) => {
      if (segments(el, what)) return;
      const paragraphs = runsOf(el, false).map((runs) => paragraph(el, runs));
      if (paragraphs.length === 0) return;
      // Chips inside the text (a number in a circle, a highlighted word): their boxes, under it.
      for (const inner of el.querySelectorAll('*')) {
        const s = getComputedStyle(inner);
        if (visible(inner, s)) shape(inner, s);
      }
      items.push({ kind: 'text', ...roomy(el, contentBox(el), paragraphs[0]!.align), paragraphs, wrap: wrap && lineCount(el) > 1, what });
    };
    const listItems = (list: Element, level: number, out: Paragraph[]) => {
      const ordered = list.tagName === 'OL';
      let n = ordered ? Number(list.getAttribute('start') ?? 1) : 1;
      for (const li of list.children) {
        if (li.tagName !== 'LI') continue;
        const s = getComputedStyle(li);
        if (!visible(li, s)) continue;
        runsOf(li, true).forEach((runs, i) => out.push(paragraph(li, runs, i === 0 ? { kind: ordered ? 'number' : 'bullet', level, start: ordered ? n : undefined } : undefined)));
        n++;
        for (const sub of li.querySelectorAll(':scope > ul, :scope > ol')) listItems(sub, level + 1, out);
      }
    };
    // A list PowerPoint can draw as a list: its items are list items with markers, not boxes
    // laid out by flex or grid (the flow, steps and cycle components are walked as boxes).
    const plainList = (el: Element, s: CSSStyleDeclaration) =>
      el.matches('ul, ol') && s.display === 'block' && [...el.children].every((li) => {
        const ls = getComputedStyle(li);
        return ls.display === 'list-item' && ls.listStyleType !== 'none' && colour(ls.backgroundColor) === undefined;
      });
    const table = (el: HTMLTableElement) => {
      const rows = [...el.rows].filter((r) => visible(r, getComputedStyle(r)));
      const first = rows[0];
      if (!first) return;
      // PowerPoint makes tables of at most 75 rows and 75 columns: a bigger one is a picture.
      const columns = Math.max(...rows.map((r) => r.cells.length));
      if (rows.length > TABLE_MAX || columns > TABLE_MAX) {
        return picture(el, 'a table too big for PowerPoint', `a table of ${rows.length} rows and ${columns} columns (PowerPoint's tables hold at most ${TABLE_MAX} of each: split it)`);
      }
      const columnWidths = [...first.cells].map((c) => c.getBoundingClientRect().width);
      items.push({
        kind: 'table',
        ...rel(el.getBoundingClientRect()),
        columnWidths,
        rowHeights: rows.map((r) => r.getBoundingClientRect().height),
        rows: rows.map((r) =>
          [...r.cells].map((cell) => {
            const s = getComputedStyle(cell);
            const bw = px(s.borderBottomWidth);
            const borderColour = bw > 0 && s.borderBottomStyle !== 'none' ? colour(s.borderBottomColor) : undefined;
            return {
              paragraphs: runsOf(cell, false).map((runs) => paragraph(cell, runs)),
              fill: colour(s.backgroundColor) ?? colour(getComputedStyle(r).backgroundColor),
              border: borderColour && { colour: borderColour, width: bw },
              colspan: cell.colSpan > 1 ? cell.colSpan : undefined,
              rowspan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
            };
          }),
        ),
      });
    };
    const walk = (el: Element) => {
      if (el.matches('aside.notes, script, style, template, .slide-background, wbr')) return;
      const s = getComputedStyle(el);
      if (!visible(el, s)) return;
      const root = el === section;
      if (el.matches(PICTURES)) return picture(el, el.matches('img, video, canvas') ? 'an image' : el.matches('svg, .mermaid') ? 'a diagram' : el.matches('iframe, object, embed') ? 'an embedded page' : 'math');
      // The slide's own box is its background (set on the slide, or pictured with the content hidden).
      const fx = root ? undefined : effect(s);
      // A background picture is a picture anyway (a Marp-style `bg` image): nothing to report.
      if (fx) return picture(el, `${describe(el)} (${fx}, a CSS effect PowerPoint lacks)`, fx === 'a background picture' ? undefined : `${describe(el)} (${fx})`);
      if (!root) shape(el, s);
      pseudo(el, '::before');
      pseudo(el, '::after');
      if (el instanceof HTMLTableElement) return table(el);
      if (el.tagName === 'PRE') return textBlock(el.querySelector('code') ?? el, 'a code block', false);
      if (plainList(el, s)) {
        const paragraphs: Paragraph[] = [];
        listItems(el, 0, paragraphs);
        if (paragraphs.length > 0) items.push({ kind: 'text', ...contentBox(el), paragraphs, wrap: true, what: 'a list' });
        return;
      }
      const children = [...el.children].filter((c) => visible(c, getComputedStyle(c)));
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      const allInline = children.every((c) => {
        const cs = getComputedStyle(c);
        return (isInline(cs) || cs.display === 'inline-block') && !c.matches(PICTURES) && !c.querySelector(PICTURES);
      });
      if (ownText || (children.length > 0 && allInline && el.textContent!.trim() !== '')) return textBlock(el, describe(el));
      for (const child of children) walk(child);
    };

    const pageStyle = getComputedStyle(pdfPage);
    const bgLayer = pdfPage.querySelector<HTMLElement>('.slide-background');
    const bgStyle = bgLayer ? getComputedStyle(bgLayer) : undefined;
    const background = colour(bgStyle?.backgroundColor ?? '') ?? colour(getComputedStyle(section).backgroundColor) ?? colour(pageStyle.backgroundColor);
    const backgroundPicture =
      [bgLayer, ...(bgLayer ? bgLayer.querySelectorAll('*') : [])].some((e) => e && getComputedStyle(e).backgroundImage !== 'none') ||
      getComputedStyle(section).backgroundImage !== 'none' ||
      pageStyle.backgroundImage !== 'none';
    for (const child of pdfPage.children) walk(child);
    // Notes are hidden on the print page: read by structure (a paragraph or item a line), not by layout.
    const notesLines: string[] = [];
    const notesOf = (el: Element, depth: number) => {
      for (const child of el.children) {
        if (child.matches('ul, ol')) notesOf(child, depth + 1);
        else if (child.matches('li')) {
          const own = [...child.childNodes].filter((n) => !(n instanceof Element && n.matches('ul, ol'))).map((n) => n.textContent).join('');
          notesLines.push(`${'  '.repeat(Math.max(0, depth - 1))}• ${clean(own).replace(/\s+/g, ' ').trim()}`);
          for (const sub of child.querySelectorAll(':scope > ul, :scope > ol')) notesOf(sub, depth + 1);
        } else notesLines.push(clean(child.textContent ?? '').replace(/\s+/g, ' ').trim());
      }
    };
    const aside = section.querySelector('aside.notes');
    if (aside && aside.children.length === 0) notesLines.push(clean(aside.textContent ?? '').trim());
    else if (aside) notesOf(aside, 0);
    slides.push({
      notes: notesLines.filter((l) => l !== '').join('\n'),
      line: Number(section.dataset.line),
      frame: { x: origin.x, y: origin.y, w: frameRect.width, h: frameRect.height },
      background,
      backgroundPicture,
      items,
      dropped: [...new Set(dropped)],
    });
  }
  // With --pdf-fragments a slide has a page per step: the last one is its final state.
  const last = new Map<number, PageSlide>();
  for (const s of slides) last.set(s.line, s);
  return [...last.values()];
}
