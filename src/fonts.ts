// Web fonts from npm (@fontsource), cut at build time to the characters a deck uses, so a
// deck ships tens of KB of font instead of megabytes and looks the same on every laptop and
// in every PDF. fontsource ships a CJK font twice: whole subsets (japanese-400.css: every
// JIS character in one file) and ~120 slices by unicode-range (400.css). Each character is
// drawn from as few files as possible (the whole subset first, slices only for rarer
// characters): a Japanese deck gets one file a weight instead of ~35, which Chromium loads,
// lays out and prints ~0.4 s faster on a 200-slide deck. Subsets are written as WOFF, not
// WOFF2: WOFF2's Brotli costs ~0.4 s a file to encode, WOFF ~15 ms for a file 30 % larger.
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { hashOf, writeAtomic } from './store.js';

export interface FontSpec {
  /** npm package, e.g. @fontsource/noto-sans-jp */
  package: string;
  weights: number[];
}

export interface FontFace {
  family: string;
  weight: number;
  style: string;
  /** Absolute path of the woff2 file. */
  file: string;
  /** Its size in bytes: of two files that draw the same characters, the smaller is cut. */
  size: number;
  ranges: [number, number][];
}

export interface SubsetFace {
  face: FontFace;
  /** File name inside the deck's assets/fonts/. */
  name: string;
  data: Uint8Array;
  /** Characters of the deck this file draws. */
  text: string;
}

const require = createRequire(import.meta.url);

export async function loadFaces(specs: FontSpec[]): Promise<FontFace[]> {
  const faces: FontFace[] = [];
  for (const spec of specs) {
    const dir = path.dirname(require.resolve(`${spec.package}/package.json`));
    const cssFiles = await readdir(dir);
    for (const weight of spec.weights) {
      const sliced = parseFontFaces(await readFile(path.join(dir, `${weight}.css`), 'utf8'), dir);
      // The whole subsets of this weight that 400.css does not already name (japanese-400.css).
      const known = new Set(sliced.map((f) => f.file));
      const whole: ParsedFace[] = [];
      for (const name of cssFiles.filter((f) => f.endsWith(`-${weight}.css`) && /^[a-z][a-z-]*-\d+\.css$/.test(f)).sort()) {
        whole.push(...parseFontFaces(await readFile(path.join(dir, name), 'utf8'), dir).filter((f) => !known.has(f.file)));
      }
      for (const face of [...sliced, ...whole]) {
        faces.push({ ...face, size: (await stat(face.file)).size, ranges: face.ranges ?? (await cmapRanges(face.file)) });
      }
    }
  }
  return faces;
}

type ParsedFace = Omit<FontFace, 'size' | 'ranges'> & { ranges?: [number, number][] };

/** Read fontsource's @font-face rules: family, weight, style, woff2 url, unicode-range if any. */
export function parseFontFaces(css: string, dir: string): ParsedFace[] {
  const faces: ParsedFace[] = [];
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = block[1]!;
    const prop = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(body)?.[1]?.trim();
    const url = /url\(([^)]+\.woff2)\)/.exec(body)?.[1];
    if (!url) continue;
    const range = prop('unicode-range');
    faces.push({
      family: (prop('font-family') ?? '').replace(/['"]/g, ''),
      weight: Number(prop('font-weight') ?? 400),
      style: prop('font-style') ?? 'normal',
      file: path.join(dir, url.replace(/^['"]|['"]$/g, '')),
      ...(range ? { ranges: parseUnicodeRange(range) } : {}),
    });
  }
  return faces;
}

/** A font file as plain TrueType/OpenType, decoded once per process (the dev server cuts it again after edits). */
const sfntCache = new Map<string, Promise<Buffer>>();
// One decode at a time: wawoff2 returns a view of its WebAssembly memory, which a second
// decode started before the first's result is copied out overwrites.
let decoding: Promise<unknown> = Promise.resolve();
function sfntOf(file: string): Promise<Buffer> {
  let sfnt = sfntCache.get(file);
  if (!sfnt) {
    sfnt = decoding.then(async () => (await import('fontverter')).convert(await readFile(file), 'sfnt'));
    decoding = sfnt.catch(() => {});
    sfntCache.set(file, sfnt);
  }
  return sfnt;
}

/**
 * Decode the large whole-subset files now, in the background: the dev server's first edit
 * that brings in a character new to the deck then cuts them in ~30 ms instead of ~0.4 s.
 */
export function decodeAhead(faces: FontFace[]): void {
  for (const face of faces) if (face.size > 256 * 1024) sfntOf(face.file).catch(() => {});
}

/** The characters a font file has (its cmap), as ranges: for whole subsets, whose CSS gives none. */
async function cmapRanges(file: string): Promise<[number, number][]> {
  const hb = await import('harfbuzzjs');
  const codepoints = [...new hb.Face(new hb.Blob(await sfntOf(file))).collectUnicodes()].sort((x, y) => x - y);
  return toRanges(codepoints);
}

/** Sorted codepoints as ranges of consecutive ones. */
export function toRanges(sorted: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const cp of sorted) {
    const last = ranges.at(-1);
    if (last && cp === last[1] + 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}

export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    if (a!.includes('?')) return [parseInt(a!.replace(/\?/g, '0'), 16), parseInt(a!.replace(/\?/g, 'F'), 16)];
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}

/**
 * For each face, the codepoints (of a sorted, unique list) it covers. Walks each range over
 * the list with a binary search: fontsource's ~250 faces of ~100 ranges each against a
 * thousand distinct characters would otherwise be tens of millions of comparisons.
 */
export function coverage(faces: FontFace[], sorted: number[]): number[][] {
  const lowerBound = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return faces.map((face) => {
    const hits: number[] = [];
    for (const [a, b] of face.ranges) for (let i = lowerBound(a); i < sorted.length && sorted[i]! <= b; i++) hits.push(sorted[i]!);
    return hits.sort((x, y) => x - y);
  });
}

/** Codepoints that no face covers: they would be drawn in a fallback font. */
export function uncovered(faces: FontFace[], codepoints: Iterable<number>): number[] {
  const sorted = [...new Set(codepoints)].sort((a, b) => a - b);
  const covered = new Set(coverage(faces, sorted).flat());
  return sorted.filter((cp) => cp > 0x20 && !covered.has(cp));
}

/**
 * Which file draws each character: for each family, weight and style, the file that draws
 * the most of the characters still unassigned, then the next (of two that draw as many, the
 * smaller file). A Japanese deck ends up with its weight's whole "japanese" file alone; a
 * character outside it brings in one slice.
 */
export function assignFaces(faces: FontFace[], sorted: number[]): { face: FontFace; codepoints: number[] }[] {
  const covered = coverage(faces, sorted);
  const groups = new Map<string, number[]>();
  faces.forEach((f, i) => {
    const key = `${f.family}\0${f.weight}\0${f.style}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const assigned: { face: FontFace; codepoints: number[] }[] = [];
  for (const members of groups.values()) {
    const left = new Set(members.flatMap((i) => covered[i]!));
    while (left.size > 0) {
      let best = -1;
      let bestCount = 0;
      for (const i of members) {
        const count = covered[i]!.reduce((n, cp) => n + (left.has(cp) ? 1 : 0), 0);
        if (count > bestCount || (count === bestCount && count > 0 && faces[i]!.size < faces[best]!.size)) {
          best = i;
          bestCount = count;
        }
      }
      const codepoints = covered[best]!.filter((cp) => left.has(cp));
      for (const cp of codepoints) left.delete(cp);
      assigned.push({ face: faces[best]!, codepoints });
    }
  }
  return assigned;
}

export async function subsetFaces(faces: FontFace[], text: string, cacheDir: string): Promise<SubsetFace[]> {
  const codepoints = [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  // A subset of spaces only has no outlines at all, and browsers reject a font whose glyf
  // table is empty ("OTS parsing error"): leave such subsets out; spaces need no glyph.
  const jobs = assignFaces(faces, codepoints)
    .map(({ face, codepoints }) => ({ face, text: String.fromCodePoint(...codepoints) }))
    .filter((j) => j.text.trim().length > 0);
  await mkdir(cacheDir, { recursive: true });
  let subsetFont: typeof import('subset-font').default | undefined;
  return Promise.all(
    jobs.map(async ({ face, text }) => {
      const key = hashOf(face.file, text).slice(0, 16);
      const cached = path.join(cacheDir, `${key}.woff`);
      let data: Uint8Array;
      try {
        data = await readFile(cached);
      } catch {
        subsetFont ??= (await import('subset-font')).default;
        data = await subsetFont(await sfntOf(face.file), text, { targetFormat: 'woff' });
        await writeAtomic(cached, data);
      }
      const name = `${path.basename(face.file, '.woff2')}-${key.slice(0, 8)}.woff`;
      return { face, name, data, text };
    }),
  );
}

const hex = (n: number) => n.toString(16).toUpperCase();

/**
 * @font-face rules for the subset files. Each names exactly the characters its file draws
 * (unicode-range), so that a browser looks for each character in the one file that has it.
 */
export function fontFaceCss(subsets: SubsetFace[], urlPrefix: string): string {
  return subsets
    .map(({ face, name, text }) => {
      const sorted = [...text].map((c) => c.codePointAt(0)!).sort((a, b) => a - b);
      const range = toRanges(sorted)
        .map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`))
        .join(',');
      return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(${urlPrefix}${name}) format('woff');unicode-range:${range}}`;
    })
    .join('\n');
}
