// Page-side helpers of the PowerPoint measure (measure.ts): reading computed styles, the
// family that draws each character, the characters XML forbids. Every function here runs in
// the print page, sent as source text with the others (PAGE_FUNCTIONS in measure.ts): each
// may use only its arguments, the page's globals and the other page functions.
import type { Colour, PageContext } from './model.js';

export function px(v: string): number {
  return parseFloat(v) || 0;
}

export function colour(css: string): Colour | undefined {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : Number(m[4]);
  if (alpha === 0) return undefined;
  const hex = [m[1], m[2], m[3]].map((c) => Math.round(Number(c)).toString(16).padStart(2, '0')).join('').toUpperCase();
  return { hex, alpha };
}

/** Each family's code points, from the unicode-range of its faces (the deck's cut fonts declare theirs). */
export function fontCoverage(): Map<string, [number, number][]> {
  const coverage = new Map<string, [number, number][]>();
  for (const face of document.fonts) {
    const name = face.family.replace(/^["']|["']$/g, '');
    for (const m of face.unicodeRange.matchAll(/U\+([0-9a-f]+)(?:-([0-9a-f]+))?/gi)) {
      coverage.set(name, [...(coverage.get(name) ?? []), [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)]]);
    }
  }
  return coverage;
}

export function stackOf(css: string): string[] {
  return css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
}

/**
 * The text cut where the family drawing it changes: the first of the stack whose faces cover
 * a character draws it, as in Chromium (a circled digit in a Latin run comes from the CJK face).
 */
export function byFamily(ctx: PageContext, css: string, text: string): { text: string; font: string }[] {
  const names = stackOf(css);
  const parts: { text: string; font: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font = names.find((n) => ctx.coverage.get(n)?.some(([a, b]) => cp >= a && cp <= b));
    const last = parts.at(-1);
    if (last && (font === undefined || font === last.font || /\s/.test(ch))) last.text += ch;
    else parts.push({ text: ch, font: font ?? '' });
  }
  return parts.map((p) => ({ text: p.text, font: p.font ? p.font.replace(/[^\p{L}\p{N} _-]/gu, '') : fallbackFamily(ctx, css, p.text) }));
}

/** Text no face of the stack covers: kana, kanji or hangul to the deck's CJK family, the rest to the first. */
export function fallbackFamily(ctx: PageContext, css: string, text: string): string {
  const names = stackOf(css);
  const cjk = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(text);
  const chosen = cjk ? (names.find((n) => /\b(JP|KR|SC|TC|CJK)\b/.test(n)) ?? ctx.cjkFamily) : (names[0] ?? 'sans-serif');
  return chosen.replace(/[^\p{L}\p{N} _-]/gu, '');
}

/** The text without the characters XML 1.0 forbids (one would make the whole file unreadable), noted. */
export function clean(ctx: PageContext, text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
    ctx.dropped.push(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    return '';
  });
}

export function visible(el: Element, s: CSSStyleDeclaration): boolean {
  return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && (el as HTMLElement).getClientRects().length > 0;
}

export function isInline(s: CSSStyleDeclaration): boolean {
  return s.display === 'inline' || s.display === 'contents';
}

export function describe(el: Element): string {
  return `${el.tagName.toLowerCase()}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
}

/** A box in the slide's coordinates. */
export function rel(ctx: PageContext, r: DOMRect): { x: number; y: number; w: number; h: number } {
  return { x: r.left - ctx.frame.left, y: r.top - ctx.frame.top, w: r.width, h: r.height };
}

export function contentBox(ctx: PageContext, el: Element): { x: number; y: number; w: number; h: number } {
  const s = getComputedStyle(el);
  const r = rel(ctx, el.getBoundingClientRect());
  const l = px(s.paddingLeft) + px(s.borderLeftWidth);
  const t = px(s.paddingTop) + px(s.borderTopWidth);
  return { x: r.x + l, y: r.y + t, w: r.w - l - px(s.paddingRight) - px(s.borderRightWidth), h: r.h - t - px(s.paddingBottom) - px(s.borderBottomWidth) };
}
