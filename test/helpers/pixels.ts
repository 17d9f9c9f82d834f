// PDF pages as pixels (poppler's pdftoppm, PPM: a header and raw RGB), for tests that compare
// what two PDFs draw: a slide's picture in the handout with its page in the slide PDF, a QR code.
import { execFileSync } from 'node:child_process';

export interface Pixels {
  width: number;
  height: number;
  /** RGB, three bytes a pixel, row by row. */
  data: Uint8Array;
}

/** One page (from 1) at `dpi`, or scaled to exactly `size` pixels. */
export function pagePixels(file: string, page: number, how: { dpi: number } | { size: [number, number] }): Pixels {
  const scale = 'dpi' in how ? ['-r', String(how.dpi)] : ['-scale-to-x', String(how.size[0]), '-scale-to-y', String(how.size[1])];
  const ppm = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), ...scale, file], { maxBuffer: 256 * 1024 * 1024 });
  // "P6\n<w> <h>\n255\n" then the pixels.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), data: new Uint8Array(ppm.subarray(header[0].length)) };
}

export function crop(p: Pixels, x: number, y: number, width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) data.set(p.data.subarray(((y + row) * p.width + x) * 3, ((y + row) * p.width + x + width) * 3), row * width * 3);
  return { width, height, data };
}

/** The pixel at (x, y) is `rgb`, give or take `tolerance` a channel. */
export function isColour(p: Pixels, x: number, y: number, rgb: [number, number, number], tolerance = 2): boolean {
  const i = (y * p.width + x) * 3;
  return rgb.every((c, k) => Math.abs(p.data[i + k]! - c) <= tolerance);
}

/**
 * Share (0–1) of `block`×`block` squares whose mean colour differs by more than `threshold` in
 * some channel: averaging first lets an edge that two rasterisers put a pixel apart agree.
 */
export function difference(a: Pixels, b: Pixels, block = 4, threshold = 40): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  const across = Math.floor(a.width / block);
  const down = Math.floor(a.height / block);
  const mean = (p: Pixels, bx: number, by: number, c: number) => {
    let sum = 0;
    for (let y = 0; y < block; y++) for (let x = 0; x < block; x++) sum += p.data[((by * block + y) * p.width + bx * block + x) * 3 + c]!;
    return sum / (block * block);
  };
  let differing = 0;
  for (let by = 0; by < down; by++) {
    for (let bx = 0; bx < across; bx++) if ([0, 1, 2].some((c) => Math.abs(mean(a, bx, by, c) - mean(b, bx, by, c)) > threshold)) differing++;
  }
  return differing / (across * down);
}

/**
 * The slide pictures on a handout page: rectangles filled with the slide's background colour,
 * found down a line `left` pixels in (inside the frames' left edge) and across each one's top.
 */
export function framesOn(p: Pixels, left: number, background: [number, number, number]): { x: number; y: number; width: number; height: number }[] {
  const frames: { x: number; y: number; width: number; height: number }[] = [];
  let top = -1;
  for (let y = 0; y <= p.height; y++) {
    const inside = y < p.height && isColour(p, left, y, background);
    if (inside && top < 0) top = y;
    if (!inside && top >= 0) {
      // Only runs tall enough to be a slide (not a line of background-coloured text).
      if (y - top > 40) {
        let x0 = left;
        let x1 = left;
        while (x0 > 0 && isColour(p, x0 - 1, top + 2, background)) x0--;
        while (x1 < p.width - 1 && isColour(p, x1 + 1, top + 2, background)) x1++;
        frames.push({ x: x0, y: top, width: x1 - x0 + 1, height: y - top });
      }
      top = -1;
    }
  }
  return frames;
}
