// The contrast of every piece of text on the print page against what is drawn behind it, as
// WCAG 2 measures it (AA: 4.5:1, 3:1 for large text). Behind the text is found by hit-testing
// (elementsFromPoint): plain colours are composited in the page; where a picture or gradient is
// behind (a background image, an image layout's photo), the slide is photographed with its text
// made transparent and the text is measured against those pixels.
import type { Page } from 'puppeteer-core';
import type { LowContrast, SlideReport } from './inspect.js';
import { collectGarbage, collectionDue } from './garbage.js';
import { pictureAt } from './images.js';

/** A text over a picture, measured in a second step against the photographed slide. */
interface Pending {
  slide: number;
  footer: boolean;
  block: string;
  needed: number;
  /** Colour (0-255, alpha 0-1) with the opacity of its boxes folded into alpha. */
  fg: [number, number, number, number];
  /** Its line boxes, in CSS px relative to the slide's page. */
  rects: { x: number; y: number; w: number; h: number }[];
  /** Highlighted code: its highlight class. */
  code?: string;
}

interface Found {
  low: (Omit<LowContrast, 'text'> & { slide: number; block: string })[];
  pending: Pending[];
  /** Each slide's page: document offset (for the photograph). */
  tops: number[];
}

const PROBE_CLASS = 'kamishibai-contrast-probe';
/** Slides probed in one call (one task of the page's). */
const CONTRAST_PART = 250;

/**
 * Runs in the page: each text node's colour against the stack of boxes under it. Returns the
 * text under AA on plain colours, and the text that needs the picture behind it.
 */
/* eslint-disable max-lines-per-function -- runs in the page (page.evaluate), so it must be one self-contained function */
function findContrast(probeClass: string, from: number, to: number): Found {
  const channels = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  };
  const luminance = (c: number[]) => {
    const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + below[i]! * (1 - top[3]!));
  const ratio = (a: number[], b: number[]) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  const pictured = (el: Element, style: CSSStyleDeclaration) => el.matches('img, video, canvas, svg, iframe, object, embed') || style.backgroundImage !== 'none';
  type Box = { left: number; top: number; right: number; bottom: number };
  const found: Found = { low: [], pending: [], tops: [] };
  const pageOf = (section: HTMLElement) => section.closest<HTMLElement>('.pdf-page') ?? section;
  // A hit test visits every page of the document: on a deck of n slides each one cost O(n)
  // (1,500 slides: 31 s of 32). Pages are probed CHUNK at a time with the rest out of the
  // layout (display: none), so a hit test sees CHUNK pages, and a chunk's style and layout
  // cost is its own: linear in the deck.
  const CHUNK = 16;
  const away = `${probeClass}-away`;
  // The slides and their pages, found by the first call and kept in the page for the others
  // (each call finding them again would make the check quadratic). A deck's own script can
  // reach them there, as it can querySelectorAll: only to spoil its own check, which then fails.
  const kept = window as unknown as Record<string, { sections: HTMLElement[]; pages: HTMLElement[]; pageIndex: Map<HTMLElement, number> } | undefined>;
  if (from === 0) {
    const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-line]')];
    const pages = [...new Set(sections.map(pageOf))];
    kept[probeClass] = { sections, pages, pageIndex: new Map(pages.map((p, i) => [p, i])) };
    for (const p of pages) p.classList.add(away);
    document.documentElement.classList.add(probeClass);
  }
  const { sections, pages, pageIndex } = kept[probeClass]!;
  let shown = -1;
  sections.slice(from, to).forEach((section, i) => {
    const slide = from + i;
    const chunk = Math.floor(pageIndex.get(pageOf(section))! / CHUNK);
    if (chunk !== shown) {
      for (const p of pages.slice(shown * CHUNK, (shown + 1) * CHUNK)) p.classList.add(away);
      for (const p of pages.slice(chunk * CHUNK, (chunk + 1) * CHUNK)) p.classList.remove(away);
      shown = chunk;
    }
    const pageBox = pageOf(section).getBoundingClientRect();
    window.scrollTo(0, pageBox.top + window.scrollY);
    const frame = section.getBoundingClientRect();
    // Text nodes by the element that holds them, which gives them one colour, size and
    // background: each line of its words is hit-tested once, at its middle, as a paragraph
    // written in one node is (<wbr> cuts Japanese into a node per phrase, five or so a line).
    const byElement = new Map<HTMLElement, Text[]>();
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (/^[\p{Extended_Pictographic}\p{White_Space}\uFE0F\u200D]*$/u.test(node.textContent!)) continue;
      const nodes = byElement.get(node.parentElement!);
      if (nodes) nodes.push(node);
      else byElement.set(node.parentElement!, [node]);
    }
    const range = document.createRange();
    for (const [el, nodes] of byElement) {
      if (el.closest('aside.notes, .katex-mathml, svg, .slide-bg')) continue;
      const code = el.closest('code.hljs');
      if (code && el !== code && getComputedStyle(code).getPropertyValue('--kamishibai-code-style').trim() === 'named') continue;
      const style = getComputedStyle(el);
      // Outlined or shadowed text, or text filled with a picture, is read by its edge: not judged.
      if (style.visibility !== 'visible' || style.textShadow !== 'none' || parseFloat(style.webkitTextStrokeWidth) > 0 || style.backgroundClip === 'text') continue;
      let opacity = 1;
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const fg = channels(style.webkitTextFillColor || style.color);
      fg[3] *= opacity;
      if (fg[3] < 0.05) continue;
      const size = parseFloat(style.fontSize);
      const needed = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5;
      const footer = el.closest('.slide-footer') !== null;
      // Highlighted code is told by its word and its highlight class (hljs-built_in): its
      // colour is the theme's, not the author's, and a whole block quoted would not say which.
      const token = code && el !== code ? [...el.classList].find((c) => c.startsWith('hljs-')) : undefined;
      const block = token ? el : (el.closest('p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote, figcaption, footer, header, dt, dd') ?? el);
      // Its words' boxes on the slide, joined line by line.
      const lines = new Map<string, Box>();
      for (const node of nodes) {
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width <= 1 || r.height <= 1 || r.bottom <= frame.top || r.top >= frame.bottom || r.right <= frame.left || r.left >= frame.right) continue;
          const key = `${Math.round(r.top)}:${Math.round(r.bottom)}`;
          const line = lines.get(key);
          if (line) [line.left, line.right] = [Math.min(line.left, r.left), Math.max(line.right, r.right)];
          else lines.set(key, { left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        }
      }
      const rects = [...lines.values()];
      let worst = Infinity;
      const behind: Box[] = [];
      for (const r of rects.slice(0, 4)) {
        const x = Math.min(Math.max((r.left + r.right) / 2, frame.left + 1), frame.right - 1);
        const y = Math.min(Math.max((r.top + r.bottom) / 2, frame.top + 1), frame.bottom - 1);
        const stack = document.elementsFromPoint(x, y);
        const at = stack.indexOf(el);
        if (at < 0) continue; // covered, or cut off by a box: not seen here
        const layers: number[][] = [];
        let picture = false;
        for (const below of stack.slice(at)) {
          const s = getComputedStyle(below);
          if (below !== el && pictured(below, s)) {
            picture = true;
            break;
          }
          if (s.backgroundImage !== 'none') picture = true;
          const bg = channels(s.backgroundColor);
          if (bg[3] > 0) layers.push(bg);
          if (picture || bg[3] >= 1) break;
        }
        if (picture) {
          behind.push(r);
          continue;
        }
        // Paper is white under everything.
        const back = layers.reduceRight((acc, layer) => over(layer, acc), [255, 255, 255]);
        worst = Math.min(worst, ratio(over(fg, back), back));
      }
      if (behind.length > 0) {
        const rel = behind.map((r) => ({ x: r.left - frame.left, y: r.top - frame.top, w: r.right - r.left, h: r.bottom - r.top }));
        found.pending.push({ slide, footer, block: block.textContent ?? '', needed, fg, rects: rel, ...(token ? { code: token } : {}) });
      }
      if (worst < needed) found.low.push({ slide, footer, block: block.textContent ?? '', ratio: worst, needed, ...(token ? { code: token } : {}) });
    }
  });
  // The next part starts with every page away.
  for (const p of pages.slice(shown * CHUNK, (shown + 1) * CHUNK)) p.classList.add(away);
  if (to < sections.length) return found;
  delete kept[probeClass];
  for (const p of pages) p.classList.remove(away);
  document.documentElement.classList.remove(probeClass);
  window.scrollTo(0, 0);
  // Where each slide's page is in the whole document, for the photographs.
  found.tops = sections.map((section) => section.getBoundingClientRect().top);
  return found;
}
/* eslint-enable max-lines-per-function */

/**
 * Runs in the page: text over a picture against a photograph of its slide without text (a PNG
 * as a data: URL, which leaves the canvas readable). The contrast that nine tenths of the
 * pixels under the text reach.
 */
async function measurePhoto(png: string, items: Pending[]): Promise<{ ratio: number; dark: boolean }[]> {
  const img = new Image();
  img.src = `data:image/png;base64,${png}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(img, 0, 0);
  const scale = img.naturalWidth / document.querySelector<HTMLElement>('.reveal .slides section[data-line]')!.getBoundingClientRect().width;
  const lum = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = (r: number, g: number, b: number) => 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
  return items.map(({ fg, rects }) => {
    const ratios: number[] = [];
    const behind: number[] = [];
    for (const r of rects) {
      const [x, y] = [Math.max(0, Math.floor(r.x * scale)), Math.max(0, Math.floor(r.y * scale))];
      const [w, h] = [Math.min(canvas.width - x, Math.ceil(r.w * scale)), Math.min(canvas.height - y, Math.ceil(r.h * scale))];
      if (w <= 0 || h <= 0) continue;
      const data = ctx.getImageData(x, y, w, h).data;
      // Every other pixel of every other row: enough to see the picture under the words.
      for (let i = 0; i < data.length; i += 8) {
        const [br, bgc, bb] = [data[i]!, data[i + 1]!, data[i + 2]!];
        const a = fg[3];
        const l1 = luminance(fg[0] * a + br * (1 - a), fg[1] * a + bgc * (1 - a), fg[2] * a + bb * (1 - a));
        const l2 = luminance(br, bgc, bb);
        behind.push(l2);
        ratios.push((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05));
      }
    }
    ratios.sort((p, q) => p - q);
    behind.sort((p, q) => p - q);
    // Dark: its middle pixel under the words darker than mid-grey (relative luminance 0.18).
    const dark = behind.length > 0 && behind[Math.floor(behind.length / 2)]! < 0.18;
    return { ratio: ratios.length > 0 ? ratios[Math.floor(ratios.length / 10)]! : Infinity, dark };
  });
}

/** Text under WCAG AA on every slide, into each slide's report (worst first, one per block). */
export async function measureContrast(page: Page, reports: SlideReport[], width: number, height: number): Promise<void> {
  await page.addStyleTag({ content: `html.${PROBE_CLASS} .reveal * { pointer-events: auto !important; } .reveal .${PROBE_CLASS}-away { display: none !important; }` });
  // In parts, each a task of its own, with a collection between some (garbage.ts): the
  // layouts of pages shown and hidden again are garbage (3,000 slides in one call: ~230 MB more).
  const found: Found = { low: [], pending: [], tops: [] };
  const count = await page.evaluate(() => document.querySelectorAll('.reveal .slides section[data-line]').length);
  for (let from = 0; from < Math.max(count, 1); from += CONTRAST_PART) {
    const part = await page.evaluate(findContrast, PROBE_CLASS, from, from + CONTRAST_PART);
    found.low.push(...part.low);
    found.pending.push(...part.pending);
    found.tops = part.tops;
    if (collectionDue(from + CONTRAST_PART, CONTRAST_PART, count)) await collectGarbage(page);
  }
  const bySlide = new Map<number, Pending[]>();
  for (const p of found.pending) bySlide.set(p.slide, [...(bySlide.get(p.slide) ?? []), p]);
  if (bySlide.size > 0) {
    // The same probe class also makes text transparent, for the photographs.
    await page.addStyleTag({
      content: `html.${PROBE_CLASS}-photo .reveal section * { color: transparent !important; -webkit-text-fill-color: transparent !important; text-decoration-color: transparent !important; }`,
    });
    await page.evaluate((c: string) => document.documentElement.classList.add(c), `${PROBE_CLASS}-photo`);
    try {
      for (const [slide, items] of bySlide) {
        const png = Buffer.from(await pictureAt(page, found.tops[slide]!, width, height, true)).toString('base64');
        const ratios = await page.evaluate(measurePhoto, png, items);
        items.forEach((item, i) => {
          const { ratio, dark } = ratios[i]!;
          if (ratio < item.needed) found.low.push({ slide, footer: item.footer, block: item.block, ratio, needed: item.needed, picture: dark ? 'dark' : 'light', ...(item.code ? { code: item.code } : {}) });
        });
      }
    } finally {
      await page.evaluate((c: string) => {
        document.documentElement.classList.remove(c);
        window.scrollTo(0, 0);
      }, `${PROBE_CLASS}-photo`);
    }
  }
  for (const l of found.low.sort((a, b) => a.ratio - b.ratio)) {
    const report = reports[l.slide];
    const text = l.block.replace(/\s+/g, ' ').trim();
    const quoted = text.length > 48 ? `${text.slice(0, 47)}…` : text;
    // Once a text; code once a highlight class (one colour, wherever its words are).
    if (!report || report.lowContrast.some((c) => (l.code ? c.code === l.code : c.text === quoted))) continue;
    report.lowContrast.push({ text: quoted, ratio: l.ratio, needed: l.needed, footer: l.footer, ...(l.picture ? { picture: l.picture } : {}), ...(l.code ? { code: l.code } : {}) });
  }
}
