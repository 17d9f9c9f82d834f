// Page-side pieces of the PowerPoint measure (measure.ts) that read text: runs with their
// faces, sizes, colours and links; paragraphs; text boxes (chips kept apart); lists; tables. Run in
// the print page with the other page functions (see page-style.ts).
import type { PageContext, Paragraph, Run } from './model.js';
import { byFamily, clean, colour, contentBox, describe, isInline, px, rel, visible } from './page-style.js';
import { picture, shape } from './page-shapes.js';

/** The runs of one text node, onto the lines: a line of `pre` text (code) a line each. */
export function textRuns(ctx: PageContext, node: Node, lines: Run[][]): void {
  const parent = node.parentElement!;
  const s = getComputedStyle(parent);
  const pre = s.whiteSpace.startsWith('pre') || s.whiteSpace === 'break-spaces';
  let text = clean(ctx, node.textContent ?? '');
  if (!pre) text = text.replace(/[\t\n\r ]+/g, ' ');
  if (text === '') return;
  const link = parent.closest('a[href]');
  // Inline math: its letters are written in the text's own faces (italic where KaTeX sets them
  // so), its other symbols stay in KaTeX's (embedded: pptx/fonts.ts), raised or lowered in a
  // sub- or superscript, at its line's size (PowerPoint and LibreOffice make it smaller themselves).
  const math = parent.closest('.katex')?.parentElement;
  const script = math ? mathScript(parent) : undefined;
  const size = px(script ? getComputedStyle(parent.closest('.msupsub')!).fontSize : s.fontSize) * zoomOf(parent);
  const stack = math ? `${getComputedStyle(math).fontFamily}, ${s.fontFamily}` : s.fontFamily;
  (pre ? text.split('\n') : [text]).forEach((part, i) => {
    if (i > 0) lines.push([]);
    if (part === '') return;
    for (const piece of byFamily(ctx, stack, part)) {
      lines.at(-1)!.push({
        text: piece.text,
        font: piece.font,
        size,
        colour: colour(s.color) ?? { hex: '000000', alpha: 1 },
        bold: Number(s.fontWeight) >= 600 || undefined,
        italic: s.fontStyle === 'italic' || /KaTeX_Math/.test(s.fontFamily) || undefined,
        underline: (s.textDecorationLine.includes('underline') && !link) || undefined,
        strike: s.textDecorationLine.includes('line-through') || undefined,
        href: link?.getAttribute('href') ?? undefined,
        script,
      });
    }
  });
}

/**
 * Whether text in KaTeX's sub- and superscript boxes (.msupsub) is raised or lowered: each row
 * of the box sits `top` below a strut of the line's height, so a row above the strut's
 * height is raised. Undefined outside them.
 */
export function mathScript(el: Element): 'super' | 'sub' | undefined {
  const row = el.closest('.msupsub .vlist > span');
  const strut = row?.querySelector(':scope > .pstrut');
  if (!(row instanceof HTMLElement) || !(strut instanceof HTMLElement)) return undefined;
  const raised = -parseFloat(row.style.top) - parseFloat(strut.style.height);
  return raised > 0 ? 'super' : 'sub';
}

/** Lines of runs: a <br> or a block inside the element starts a new line (not inside math: KaTeX stacks boxes with blocks). */
export function runsOf(ctx: PageContext, root: Element | Node[], skipLists: boolean): Paragraph['runs'][] {
  const lines: Run[][] = [[]];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return textRuns(ctx, node, lines);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (el.matches('aside.notes, script, style, template, .katex-mathml') || (skipLists && el.matches('ul, ol'))) return;
    const s = getComputedStyle(el);
    if (!visible(el, s) && !isInline(s)) return;
    if (el.tagName === 'BR') return void lines.push([]);
    // Children of a flex or grid row sit side by side: a space between them, not a new line.
    const ps = el.parentElement ? getComputedStyle(el.parentElement) : undefined;
    const inRow = !!ps && /flex|grid/.test(ps.display) && !ps.flexDirection.startsWith('column');
    const block = !isInline(s) && s.display !== 'inline-block' && s.display !== 'inline-flex' && !inRow && !el.closest('.katex');
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
}

export function paragraph(el: Element, runs: Run[], list?: Paragraph['list']): Paragraph {
  const s = getComputedStyle(el);
  const align = s.textAlign === 'center' || s.textAlign === 'right' || s.textAlign === 'justify' ? s.textAlign : 'left';
  const lineHeight = (s.lineHeight === 'normal' ? px(s.fontSize) * 1.2 : px(s.lineHeight)) * zoomOf(el);
  return { runs, align, list, lineHeight, spaceBefore: 0 };
}

/**
 * Lines the element's text takes. Text set on one line stays on one line in PowerPoint,
 * whose Japanese is a little wider (no proportional "palt" forms): a box that wraps would
 * push a last word below. Boxes that overlap in height share a line (a chip taller than its words).
 */
export function lineCount(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  const boxes = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
  let lines = 0;
  let bottom = -Infinity;
  for (const b of boxes) {
    if (b.top >= bottom - 1) lines++;
    bottom = Math.max(bottom, b.bottom);
  }
  return lines;
}

/** A chip: not inline (a flex item's inline-grid is a grid), with a fill or a frame of its own. */
export function isChip(n: Node): n is Element {
  if (!(n instanceof Element)) return false;
  const cs = getComputedStyle(n);
  return !isInline(cs) && (!!colour(cs.backgroundColor) || px(cs.borderLeftWidth) > 0);
}

/**
 * A line with chips in it (a number in a circle before a label): each chip and each stretch
 * of text between them a box of its own, where the page drew it, so that PowerPoint's wider
 * Japanese cannot slide the label under the chip. False when the element is not such a line.
 */
export function segments(ctx: PageContext, el: Element, what: string): boolean {
  const nodes = [...el.childNodes];
  if (!nodes.some(isChip) || lineCount(el) > 1) return false;
  let run: Node[] = [];
  const flush = () => {
    const range = document.createRange();
    range.setStartBefore(run[0]!);
    range.setEndAfter(run.at(-1)!);
    const r = range.getBoundingClientRect();
    const paragraphs = runsOf(ctx, run, false).map((runs) => ({ ...paragraph(el, runs), align: 'left' as const }));
    if (paragraphs.length > 0 && r.width > 0) ctx.items.push({ kind: 'text', ...rel(ctx, r), w: r.width * 1.1 + 8, paragraphs, wrap: false, what });
    run = [];
  };
  for (const n of nodes) {
    if (!isChip(n)) {
      run.push(n);
      continue;
    }
    if (run.length > 0) flush();
    shape(ctx, n, getComputedStyle(n));
    const paragraphs = runsOf(ctx, n, false).map((runs) => ({ ...paragraph(n, runs), align: 'center' as const }));
    if (paragraphs.length > 0) ctx.items.push({ kind: 'text', ...contentBox(ctx, n), paragraphs, wrap: false, what: describe(n) });
  }
  if (run.length > 0) flush();
  return true;
}

/** A text block (a paragraph, a heading, a code block) as one text box, the chips inside it as shapes under it. */
export function textBlock(ctx: PageContext, el: Element, what: string, wrap = true): void {
  if (segments(ctx, el, what)) return;
  const paragraphs = runsOf(ctx, el, false).map((runs) => paragraph(el, runs));
  if (paragraphs.length === 0) return;
  for (const inner of el.querySelectorAll('*')) {
    const s = getComputedStyle(inner);
    if (visible(inner, s)) shape(ctx, inner, s);
  }
  ctx.items.push({ kind: 'text', ...roomy(ctx, el, contentBox(ctx, el), paragraphs[0]!.align), paragraphs, wrap: wrap && lineCount(el) > 1, what });
}

/**
 * A box as wide as its text (a heading sized to fit, a footer) gets the room its container
 * gives it: PowerPoint's text is a hair wider (no "palt", other spacing), and a box that fits
 * the text exactly would break its last word onto a line of its own. Only a box in a block's
 * flow that draws nothing of its own: a flex item or a framed box keeps its width.
 */
export function roomy(ctx: PageContext, el: Element, box: { x: number; y: number; w: number; h: number }, align: string) {
  const parent = el.parentElement;
  if (!parent || parent === ctx.page) return box;
  const own = getComputedStyle(el);
  const ps = getComputedStyle(parent);
  const flow = ps.display === 'block' || (/flex/.test(ps.display) && ps.flexDirection.startsWith('column'));
  if (!flow || colour(own.backgroundColor) || px(own.borderLeftWidth) + px(own.borderRightWidth) > 0) return box;
  const room = contentBox(ctx, parent);
  const left = Math.min(box.x, room.x);
  const right = Math.max(box.x + box.w, room.x + room.w);
  if (align === 'center') return { ...box, x: left, w: right - left };
  if (align === 'right') return { ...box, x: left, w: box.x + box.w - left };
  return { ...box, w: right - box.x };
}

/** A list's items as paragraphs with bullets or numbers, nested lists a level deeper. */
export function listItems(ctx: PageContext, list: Element, level: number, out: Paragraph[]): void {
  const ordered = list.tagName === 'OL';
  let n = ordered ? Number(list.getAttribute('start') ?? 1) : 1;
  for (const li of list.children) {
    if (li.tagName !== 'LI' || !visible(li, getComputedStyle(li))) continue;
    runsOf(ctx, li, true).forEach((runs, i) => out.push(paragraph(li, runs, i === 0 ? { kind: ordered ? 'number' : 'bullet', level, start: ordered ? n : undefined } : undefined)));
    n++;
    for (const sub of li.querySelectorAll(':scope > ul, :scope > ol')) listItems(ctx, sub, level + 1, out);
  }
}

/**
 * A list PowerPoint can draw as a list: its items are list items with markers, not boxes laid
 * out by flex or grid (the flow, steps and cycle components are walked as boxes).
 */
export function plainList(el: Element, s: CSSStyleDeclaration): boolean {
  return el.matches('ul, ol') && s.display === 'block' && [...el.children].every((li) => {
    const ls = getComputedStyle(li);
    return ls.display === 'list-item' && ls.listStyleType !== 'none' && colour(ls.backgroundColor) === undefined;
  });
}

/** A table as a PowerPoint table; past PowerPoint's 75 rows or columns, a picture. */
export function table(ctx: PageContext, el: HTMLTableElement): void {
  const max = 75;
  const rows = [...el.rows].filter((r) => visible(r, getComputedStyle(r)));
  if (rows.length === 0) return;
  const columns = Math.max(...rows.map((r) => r.cells.length));
  if (rows.length > max || columns > max) {
    return picture(ctx, el, 'a table too big for PowerPoint', `a table of ${rows.length} rows and ${columns} columns (PowerPoint's tables hold at most ${max} of each: split it)`);
  }
  ctx.items.push({
    kind: 'table',
    ...rel(ctx, el.getBoundingClientRect()),
    columnWidths: [...rows[0]!.cells].map((c) => c.getBoundingClientRect().width),
    rowHeights: rows.map((r) => r.getBoundingClientRect().height),
    rows: rows.map((r) => [...r.cells].map((cell) => tableCell(ctx, cell, r))),
  });
}

export function tableCell(ctx: PageContext, cell: HTMLTableCellElement, row: HTMLTableRowElement) {
  const s = getComputedStyle(cell);
  const bw = px(s.borderBottomWidth);
  const borderColour = bw > 0 && s.borderBottomStyle !== 'none' ? colour(s.borderBottomColor) : undefined;
  return {
    paragraphs: runsOf(ctx, cell, false).map((runs): Paragraph => paragraph(cell, runs)),
    fill: colour(s.backgroundColor) ?? colour(getComputedStyle(row).backgroundColor),
    border: borderColour && { colour: borderColour, width: bw },
    colspan: cell.colSpan > 1 ? cell.colSpan : undefined,
    rowspan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
  };
}

/** Computed sizes are before CSS zoom (a fitted code block, a `<!-- fit -->` slide); boxes are after it. Exported: a page function (measure.ts sends it to the page). */
export function zoomOf(el: Element): number {
  return (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
}
