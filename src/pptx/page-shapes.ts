// Page-side pieces of the PowerPoint measure (measure.ts) that make shapes and pictures:
// boxes with a fill or border, pseudo-element bars, pictures of one element only. Run in the print page with the other page functions (see page-style.ts).
import type { PageContext } from './model.js';
import { colour, describe, px, rel } from './page-style.js';

/** An SVG drawn by the page's CSS (a cycle's track: fill none, a stroke) with its computed paint, or PowerPoint fills every shape black. */
export function svgWithStyles(el: SVGSVGElement, r: DOMRect): string {
  const paint = ['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];
  const copy = el.cloneNode(true) as SVGSVGElement;
  const to = [copy, ...copy.querySelectorAll('*')];
  [el, ...el.querySelectorAll('*')].forEach((e, i) => {
    const s = getComputedStyle(e);
    const own = to[i]!.getAttribute('style') ?? '';
    to[i]!.setAttribute('style', `${paint.map((name) => `${name}:${s.getPropertyValue(name)}`).join(';')};${own}`);
  });
  copy.setAttribute('width', String(r.width));
  copy.setAttribute('height', String(r.height));
  return new XMLSerializer().serializeToString(copy);
}

/** A picture of the element, of what the slide shows of it (a table far past the frame is not shot whole). */
export function picture(ctx: PageContext, el: Element, why: string, report?: string): void {
  const whole = el.getBoundingClientRect();
  const left = Math.max(whole.left, ctx.frame.left);
  const top = Math.max(whole.top, ctx.frame.top);
  const r = new DOMRect(left, top, Math.min(whole.right, ctx.frame.right) - left, Math.min(whole.bottom, ctx.frame.bottom) - top);
  if (r.width < 1 || r.height < 1) return;
  const svg = el instanceof SVGSVGElement && r.width === whole.width && r.height === whole.height ? svgWithStyles(el, r) : undefined;
  ctx.items.push({ kind: 'pending-picture', ...rel(ctx, r), shot: { x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height }, svg, why, report });
}

export function side(s: CSSStyleDeclaration, name: 'top' | 'right' | 'bottom' | 'left') {
  const width = px(s.getPropertyValue(`border-${name}-width`));
  const style = s.getPropertyValue(`border-${name}-style`);
  const c = width > 0 && style !== 'none' && style !== 'hidden' ? colour(s.getPropertyValue(`border-${name}-color`)) : undefined;
  return c && { colour: c, width, dash: style === 'dashed' || style === 'dotted' ? (style as 'dashed' | 'dotted') : undefined };
}

/** The element's fill and border as a shape; borders on some sides only (a rule under a heading) as a line each. */
export function shape(ctx: PageContext, el: Element, s: CSSStyleDeclaration): void {
  const fill = colour(s.backgroundColor);
  const sides = (['top', 'right', 'bottom', 'left'] as const).map((n) => side(s, n));
  const same = sides.every((b) => b && b.colour.hex === sides[0]!.colour.hex && b.width === sides[0]!.width);
  const box = rel(ctx, el.getBoundingClientRect());
  if (fill || same) ctx.items.push({ kind: 'shape', ...box, fill, border: same ? sides[0] : undefined, radius: px(s.borderTopLeftRadius) });
  if (same) return;
  const [top, right, bottom, left] = sides;
  const line = (x: number, y: number, w: number, h: number, b: NonNullable<typeof top>) => ctx.items.push({ kind: 'shape', x, y, w, h, fill: b.colour, radius: 0 });
  if (top) line(box.x, box.y, box.w, top.width, top);
  if (bottom) line(box.x, box.y + box.h - bottom.width, box.w, bottom.width, bottom);
  if (left) line(box.x, box.y, left.width, box.h, left);
  if (right) line(box.x + box.w - right.width, box.y, right.width, box.h, right);
}

/**
 * ::before and ::after placed absolutely (an accent bar, an arrow drawn with borders, a
 * step's number): a plain filled rectangle is a shape, anything else a picture of its box
 * (the theme's decoration, not reported: the author has nothing to change).
 */
export function pseudo(ctx: PageContext, el: Element, which: '::before' | '::after'): void {
  const ps = getComputedStyle(el, which);
  if (ps.content === 'none' || ps.content === 'normal' || ps.display === 'none' || ps.position !== 'absolute' || ps.visibility === 'hidden') return;
  const cb = getComputedStyle(el).position !== 'static' ? el : (el as HTMLElement).offsetParent;
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
  const box = { x: left - ctx.frame.left, y: top - ctx.frame.top, w, h };
  const fill = colour(ps.backgroundColor);
  const plain = fill && px(ps.borderTopWidth) + px(ps.borderLeftWidth) === 0 && (ps.content === '""' || ps.content === "''") && ps.backgroundImage === 'none';
  if (plain) ctx.items.push({ kind: 'shape', ...box, fill, radius: px(ps.borderTopLeftRadius) });
  else ctx.items.push({ kind: 'pending-picture', ...box, shot: { x: left + window.scrollX, y: top + window.scrollY, w, h }, why: `${describe(el)}${which}` });
}

/** The CSS effect PowerPoint lacks that the element is drawn with, if any. */
export function effect(s: CSSStyleDeclaration): string | undefined {
  if (s.backgroundImage !== 'none' && s.backgroundImage !== '') return s.backgroundImage.startsWith('url(') ? 'a background picture' : 'a gradient';
  if (s.filter !== 'none') return 'filter';
  if (s.clipPath !== 'none') return 'clip-path';
  if (s.maskImage !== 'none') return 'mask';
  if (s.transform !== 'none' && !/^matrix\(1, 0, 0, 1,/.test(s.transform)) return 'transform';
  return undefined;
}
