// Web fonts from npm (@fontsource), cut at build time to the characters a deck uses, so a
// deck ships tens of KB of font instead of megabytes and looks the same on every laptop and
// in every PDF. fontsource splits a CJK font into ~120 files by unicode-range; only the files
// a deck touches are subset and shipped. Results are cached: subsetting costs ~15 ms a file.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

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
  ranges: [number, number][];
}

export interface SubsetFace {
  face: FontFace;
  /** File name inside the deck's assets/fonts/. */
  name: string;
  data: Uint8Array;
  /** Characters of the deck this file covers. */
  text: string;
}

const require = createRequire(import.meta.url);

export async function loadFaces(specs: FontSpec[]): Promise<FontFace[]> {
  const faces: FontFace[] = [];
  for (const spec of specs) {
    const dir = path.dirname(require.resolve(`${spec.package}/package.json`));
    for (const weight of spec.weights) {
      const css = await readFile(path.join(dir, `${weight}.css`), 'utf8');
      faces.push(...parseFontFaces(css, dir));
    }
  }
  return faces;
}

/** Read fontsource's @font-face rules: family, weight, style, woff2 url, unicode-range. */
export function parseFontFaces(css: string, dir: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = block[1]!;
    const prop = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(body)?.[1]?.trim();
    const url = /url\(([^)]+\.woff2)\)/.exec(body)?.[1];
    if (!url) continue;
    faces.push({
      family: (prop('font-family') ?? '').replace(/['"]/g, ''),
      weight: Number(prop('font-weight') ?? 400),
      style: prop('font-style') ?? 'normal',
      file: path.join(dir, url.replace(/^['"]|['"]$/g, '')),
      ranges: parseUnicodeRange(prop('unicode-range') ?? 'U+0-10FFFF'),
    });
  }
  return faces;
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

export async function subsetFaces(faces: FontFace[], text: string, cacheDir: string): Promise<SubsetFace[]> {
  const codepoints = [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const covered = coverage(faces, codepoints);
  // A subset of spaces only has no outlines at all, and browsers reject a font whose glyf
  // table is empty ("OTS parsing error"): leave such subsets out; spaces need no glyph.
  const jobs = faces.map((face, i) => ({ face, text: String.fromCodePoint(...covered[i]!) })).filter((j) => j.text.trim().length > 0);
  await mkdir(cacheDir, { recursive: true });
  let subsetFont: typeof import('subset-font').default | undefined;
  return Promise.all(
    jobs.map(async ({ face, text }) => {
      const key = createHash('sha256').update(face.file).update('\0').update(text).digest('hex').slice(0, 16);
      const cached = path.join(cacheDir, `${key}.woff2`);
      let data: Uint8Array;
      try {
        data = await readFile(cached);
      } catch {
        subsetFont ??= (await import('subset-font')).default;
        data = await subsetFont(await readFile(face.file), text, { targetFormat: 'woff2' });
        await writeFile(cached, data);
      }
      const name = `${path.basename(face.file, '.woff2')}-${key.slice(0, 8)}.woff2`;
      return { face, name, data, text };
    }),
  );
}

const hex = (n: number) => n.toString(16).toUpperCase();

/** @font-face rules for the subset files, with unicode-range so browsers fetch only what they need. */
export function fontFaceCss(subsets: SubsetFace[], urlPrefix: string): string {
  return subsets
    .map(({ face, name }) => {
      const range = face.ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');
      return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(${urlPrefix}${name}) format('woff2');unicode-range:${range}}`;
    })
    .join('\n');
}
