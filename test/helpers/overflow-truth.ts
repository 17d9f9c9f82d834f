// The overflow check against the truth: decks of generated slides whose content has a known
// size (solid boxes of marker colours around text, code, pictures and boxes), in every layout
// and theme, with and without a logo, header, footer and slide numbers. The truth is read from
// the slide PDF's pages (pdftoppm), not from the page the check measures: a slide overflows when
// a marker is cut off by the frame or drawn in the footer's band (where the chrome's ink is on an
// empty slide of the same layout).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Raster scale: pdftoppm at 48 dpi draws a 1280x720 slide at 640x360. */
export const SCALE = 0.5;
const TOP = [0x00, 0xff, 0x00];
const BOTTOM = [0xff, 0x00, 0xff];
const WIDE = [0x00, 0xff, 0xff];
const MARK_H = 16;
const MARK_W = 160;

export interface Deck {
  name: string;
  front: string[];
  /** Per layout (or Marp class): the comment that picks it. */
  looks: { name: string; directive: string; image?: boolean }[];
  header: boolean;
}

export interface Case {
  deck: string;
  look: string;
  filler: string;
  /** Expected visible size of the wide box, when there is one (CSS px). */
  wide?: number;
}

const box = (color: number[], w: number, h: number) =>
  `<div style="flex:none;width:${w}px;height:${h}px;padding:0;margin:0;border:0;background:rgb(${color.join(',')})"></div>`;

/** Fillers of known size, from fitting to far past the frame. */
const FILLERS: { name: string; md: (dir: string) => string; wide?: number }[] = [
  ...[80, 380, 520, 760].map((h) => ({ name: `box ${h}px`, md: () => box([0x80, 0x80, 0xff], 400, h) })),
  ...[2, 8].map((n) => ({ name: `list of ${n}`, md: () => Array.from({ length: n }, (_, i) => `- Item number ${i + 1} of the list`).join('\n') })),
  ...[4, 16].map((n) => ({ name: `code of ${n} lines`, md: () => '```js\n' + Array.from({ length: n }, (_, i) => `const line${i} = "${i}";`).join('\n') + '\n```' })),
  ...[200, 520].map((h) => ({ name: `picture ${h}px`, md: (dir: string) => picture(dir, h) })),
  ...[600, 1500].map((w) => ({ name: `wide ${w}px`, md: () => box(WIDE, w, 40), wide: w })),
];

function picture(dir: string, h: number): string {
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'images', `p${h}.svg`), `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="${h}"><rect width="300" height="${h}" fill="#c08040"/></svg>`);
  return `<img src="images/p${h}.svg" width="300" height="${h}" style="flex:none;max-height:none">`;
}

/** Write `deck` into `dir`: per look, an empty reference slide, then one slide per filler. */
export function writeDeck(dir: string, deck: Deck): Case[] {
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'images', 'logo.png'), readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'overflow', 'truth', 'logo.png')));
  writeFileSync(path.join(dir, 'images', 'full.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#556677"/></svg>');
  const cases: Case[] = [];
  const slides: string[] = [];
  const header = deck.header ? '<!-- .slide: data-header="A header" -->\n' : '';
  for (const look of deck.looks) {
    const image = look.image ? '![](images/full.svg)\n\n' : '';
    slides.push(`${look.directive}\n${header}${image}`);
    cases.push({ deck: deck.name, look: look.name, filler: 'reference' });
    for (const f of FILLERS) {
      slides.push(`${look.directive}\n${header}${image}${box(TOP, MARK_W, MARK_H)}\n\n## ${look.name}\n\n${f.md(dir)}\n\n${box(BOTTOM, MARK_W, MARK_H)}\n`);
      cases.push({ deck: deck.name, look: look.name, filler: f.name, ...(f.wide ? { wide: f.wide } : {}) });
    }
  }
  writeFileSync(path.join(dir, 'slides.md'), `---\n${deck.front.join('\n')}\n---\n\n${slides.join('\n---\n\n')}`);
  return cases;
}

export interface Raster {
  width: number;
  height: number;
  data: Buffer;
  start: number;
}

/** Every page of `pdf` as pixels, at SCALE. */
export function rasterise(pdf: string, dir: string): Raster[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-r', String(96 * SCALE), pdf, path.join(dir, 'p')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ppm'))
    .sort()
    .map((f) => {
      const data = readFileSync(path.join(dir, f));
      const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.toString('latin1', 0, 32))!;
      return { width: Number(m[1]), height: Number(m[2]), data, start: m[0].length };
    });
}

/** Whether the pixel at x, y is within `by` of `color` in each channel. */
function near(r: Raster, x: number, y: number, color: number[], by = 60): boolean {
  const i = r.start + 3 * (y * r.width + x);
  return Math.abs(r.data[i]! - color[0]!) <= by && Math.abs(r.data[i + 1]! - color[1]!) <= by && Math.abs(r.data[i + 2]! - color[2]!) <= by;
}

const pixel = (r: Raster, x: number, y: number) => [...r.data.subarray(r.start + 3 * (y * r.width + x), r.start + 3 * (y * r.width + x) + 3)];

/** Rows and columns where `color` is drawn. */
function extent(r: Raster, color: number[]): { top: number; bottom: number; left: number; right: number } | undefined {
  let top = Infinity, bottom = -1, left = Infinity, right = -1;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!near(r, x, y, color)) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return bottom < 0 ? undefined : { top, bottom, left, right };
}

/** The top of the chrome's ink in the lower quarter of an empty slide (or the page's bottom). */
export function bandTop(reference: Raster): number {
  const bg = pixel(reference, Math.round(reference.width / 2), Math.round(reference.height * 0.7));
  const from = Math.round(reference.height * 0.75);
  // Ink that starts above the quarter (the title layout's bar) is the slide's, not the chrome's.
  const columns = [...Array(reference.width).keys()].filter((x) => near(reference, x, from - 1, bg, 30));
  for (let y = from; y < reference.height; y++) {
    for (const x of columns) if (!near(reference, x, y, bg, 30)) return y;
  }
  return reference.height;
}

export type Truth = 'fits' | 'overflows' | 'unclear';

/**
 * What the page shows: 'overflows' when a marker is cut by the frame or reaches into the band,
 * 'fits' when all are whole and clear of it, 'unclear' within `margin` px (raster) of a limit,
 * where the box the check measures and the ink on the page may differ by a pixel or a glyph's
 * side bearing.
 */
export function truthOf(page: Raster, band: number, c: Case, margin = 6): Truth {
  const h = MARK_H * SCALE;
  const top = extent(page, TOP);
  const bottom = extent(page, BOTTOM);
  const distances: number[] = [];
  if (!top || !bottom) return 'overflows';
  // Cut by the frame's top: shorter than drawn; else its distance from the top edge.
  if (top.bottom - top.top + 1 < h - 1) return 'overflows';
  distances.push(top.top);
  if (bottom.bottom - bottom.top + 1 < h - 1) return 'overflows';
  distances.push(band - 1 - bottom.bottom);
  if (c.wide) {
    const wide = extent(page, WIDE);
    if (!wide || wide.right - wide.left + 1 < c.wide * SCALE - 2) return 'overflows';
    distances.push(wide.left, page.width - 1 - wide.right);
  }
  if (distances.some((d) => d < 0)) return 'overflows';
  return distances.some((d) => d < margin) ? 'unclear' : 'fits';
}
