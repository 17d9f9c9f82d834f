// Web fonts from npm (@fontsource), cut at build time to the characters a deck uses, so a
// deck ships tens of KB of font instead of megabytes and looks the same on every laptop and
// in every PDF. fontsource ships a CJK font twice: whole subsets (japanese-400.css: every
// JIS character in one file) and ~120 slices by unicode-range (400.css). Each character is
// drawn from as few files as possible (the whole subset first, slices only for rarer
// characters): a Japanese deck gets one file a weight instead of ~35, which Chromium loads,
// lays out and prints ~0.4 s faster on a 200-slide deck. Subsets are written as WOFF, not
// WOFF2: WOFF2's Brotli costs ~0.4 s a file to encode, WOFF ~15 ms for a file 30 % larger.
//
// Several families (templates/fonts.json) share the work by script: each character goes to
// the first family of the deck's stack that has it, the stack led by the family made for the
// deck's `lang` (Noto Sans KR for ko, SC for zh-Hans, ...), so that a kanji takes Japanese
// or Chinese shapes as its deck's language wants and no character is cut twice.
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { codepointsOf, emojiCodepoints, planFaces, type FontFace, type FontPlan } from './font-plan.js';
import { buildSfnt, renameFont, sfntTables } from './sfnt.js';
import { cmapCodepoints, woffCmap } from './cmap.js';
import { cacheStore, hashOf, type CacheStore } from '../io/store.js';

export interface FontSpec {
  /** npm package, e.g. @fontsource/noto-sans-jp */
  package: string;
  weights: number[];
  /** Languages (BCP 47 prefixes such as ko, zh-Hant) whose decks draw from this family first. */
  lang?: string[];
  /**
   * text (the default): in the deck's stack; mono: first for code; emoji: first for emoji.
   * An emoji font is shipped whole (less its SVG table), not cut: harfbuzzjs's WebAssembly
   * build drops the colour tables (COLR, CPAL) when it subsets, leaving blank glyphs.
   */
  role?: 'text' | 'mono' | 'emoji';
}

export interface SubsetFace {
  face: FontFace;
  /** File name inside the deck's assets/fonts/. */
  name: string;
  data: Uint8Array;
  /** Characters of the deck this file draws. */
  text: string;
}

export type { FontFace };

const require = createRequire(import.meta.url);

export async function loadFaces(specs: FontSpec[]): Promise<FontFace[]> {
  const faces: FontFace[] = [];
  for (const spec of specs) {
    const dir = path.dirname(require.resolve(`${spec.package}/package.json`));
    const cssFiles = await readdir(dir);
    const role = spec.role ?? 'text';
    for (const weight of spec.weights) {
      // Emoji come from the whole font alone: fontsource's emoji slices hold SVG glyphs only,
      // which Chromium does not draw; the whole file also has the COLR glyphs it does draw.
      const sliced = role === 'emoji' ? [] : parseFontFaces(await readFile(path.join(dir, `${weight}.css`), 'utf8'), dir);
      // The whole subsets of this weight that 400.css does not already name (japanese-400.css).
      const known = new Set(sliced.map((f) => f.file));
      const whole: ParsedFace[] = [];
      for (const name of cssFiles.filter((f) => f.endsWith(`-${weight}.css`) && /^[a-z][a-z-]*-\d+\.css$/.test(f)).sort()) {
        whole.push(...parseFontFaces(await readFile(path.join(dir, name), 'utf8'), dir).filter((f) => !known.has(f.file)));
      }
      for (const face of [...sliced, ...whole]) {
        const size = (await stat(face.file)).size;
        const ranges = face.ranges ?? (await cmapRanges(face.file));
        faces.push({ ...face, size, ranges, exact: face.ranges === undefined, role, lang: spec.lang ?? [] });
      }
    }
  }
  return faces;
}

type ParsedFace = Omit<FontFace, 'size' | 'ranges' | 'exact' | 'role' | 'lang'> & { ranges?: [number, number][] };

/**
 * Read @font-face rules: family, weight, style, the first url (fontsource lists woff2 first;
 * a built deck's fonts.css names its cut woff files), unicode-range if any.
 */
export function parseFontFaces(css: string, dir: string): ParsedFace[] {
  const faces: ParsedFace[] = [];
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = block[1]!;
    const prop = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(body)?.[1]?.trim();
    const url = /url\(([^)]+\.woff2?)\)/.exec(body)?.[1];
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
 * Decode the large whole-subset files the deck draws from now, in the background: the dev
 * server's first edit that brings in a character new to the deck then cuts them in ~30 ms
 * instead of ~0.4 s. Only the families the deck uses (`families`): the others (KR, SC, TC
 * and the emoji font for a Japanese deck) would cost seconds of decoding for nothing.
 */
export function decodeAhead(faces: FontFace[], families: Set<string>): void {
  for (const face of faces) if (face.size > 256 * 1024 && families.has(face.family)) sfntOf(face.file).catch(() => {});
}

/**
 * The characters a font file has (its cmap), as ranges: for whole subsets, whose CSS gives
 * none. Read from the WOFF copy fontsource ships beside each WOFF2 (a tenth of the time);
 * a font without one is decoded whole.
 */
async function cmapRanges(file: string): Promise<[number, number][]> {
  // A WOFF copy that is not there, or that cannot be read as one, is no answer: decode the file.
  const fromWoff = await readFile(file.replace(/\.woff2$/, '.woff'))
    .then((woff) => cmapCodepoints(woffCmap(woff)!))
    .catch(() => undefined);
  if (fromWoff) return toRanges(fromWoff);
  const hb = await import('harfbuzzjs');
  return toRanges([...new hb.Face(new hb.Blob(await sfntOf(file))).collectUnicodes()].sort((x, y) => x - y));
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
 * Each non-exact face's own character map within its declared ranges: read from the file
 * once, then kept in the cache (ranges/exact.json, by file and size), so that a build does
 * not load a WOFF2 decoder to check files it checked before.
 */
const exactRanges = new Map<string, Promise<[number, number][]>>();
let savedRanges: Promise<Record<string, { size: number; ranges: [number, number][] }>> | undefined;
let saving: Promise<unknown> = Promise.resolve();
function exactOf(face: FontFace, cacheDir: string | undefined): Promise<[number, number][]> {
  let ranges = exactRanges.get(face.file);
  if (!ranges) {
    const store = cacheDir ? cacheStore(cacheDir) : undefined;
    savedRanges ??= (store?.getJson<Record<string, { size: number; ranges: [number, number][] }>>('ranges', 'exact') ?? Promise.resolve(undefined)).then((saved) => saved ?? {});
    ranges = savedRanges.then(async (saved) => {
      const known = saved[face.file];
      if (known && known.size === face.size) return known.ranges;
      const cmap = await cmapRanges(face.file);
      const inside = (cp: number) => face.ranges.some(([a, b]) => cp >= a && cp <= b);
      const exact = toRanges(cmap.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)).filter(inside));
      saved[face.file] = { size: face.size, ranges: exact };
      // One write at a time (writeAtomic's temporary file is named after this process); a
      // cache that cannot be written only costs the next build a check.
      if (store) await (saving = saving.then(() => store.putJson('ranges', 'exact', saved)).catch(() => {}));
      return exact;
    });
    exactRanges.set(face.file, ranges);
  }
  return ranges;
}

/**
 * The plan for a deck's text, checked against the files themselves: fontsource's
 * unicode-range can claim characters a file lacks (Noto Sans JP's latin-ext slice claims
 * "š"), and a file cut to nothing but those fails to load. Each chosen file's character map
 * is read (lazily: only files a deck uses) and the plan made again until every file has
 * what it is given; the character then goes to the next family that has it.
 */
export async function planFonts(faces: FontFace[], text: string, lang: string | undefined, cacheDir?: string): Promise<FontPlan> {
  let current = faces;
  const memo = new Map<FontFace, Map<string, number[]>>();
  for (;;) {
    const plan = planFaces(current, text, lang, memo);
    const unsure = [...new Set(plan.jobs.filter((j) => !j.face.exact).map((j) => j.face))];
    if (unsure.length === 0) return plan;
    const exact = new Map(await Promise.all(unsure.map(async (f) => [f.file, await exactOf(f, cacheDir)] as const)));
    current = current.map((f) => (exact.has(f.file) ? { ...f, ranges: exact.get(f.file)!, exact: true } : f));
  }
}

/**
 * planFonts, kept in the cache by all it depends on: the faces (`facesKey`: fonts.json and the
 * engine, its font packages among it), the language, the deck's characters and which of them
 * are shown as emoji. Text planned before needs neither the faces table (1.5 MB of JSON) nor
 * the plan again: ~130 ms of a 30-slide build, and every rebuild that adds no new character.
 */
export async function planFontsCached(facesKey: string, faces: () => Promise<FontFace[]>, text: string, lang: string | undefined, cacheDir: string): Promise<FontPlan> {
  const store = cacheStore(cacheDir);
  const key = hashOf(facesKey, lang ?? '', codepointsOf(text).join(','), [...emojiCodepoints(text)].sort((a, b) => a - b).join(',')).slice(0, 24);
  const saved = await store.getJson<FontPlan>('plans', key);
  if (saved) return saved;
  const plan = await planFonts(await faces(), text, lang, cacheDir);
  // A cache that cannot be written only costs the next build a plan.
  await store.putJson('plans', key, plan).catch(() => {});
  return plan;
}

/** The plan's files, as WOFF: cut to their characters (cached in `cacheDir`); the emoji font whole, less its SVG table. */
export async function subsetFaces(plan: FontPlan, cacheDir: string): Promise<SubsetFace[]> {
  // A subset of spaces only has no outlines at all, and browsers reject a font whose glyf
  // table is empty ("OTS parsing error"): leave such subsets out; spaces need no glyph.
  const jobs = plan.jobs
    .map(({ face, codepoints }) => ({ face, text: String.fromCodePoint(...codepoints) }))
    .filter((j) => j.text.trim().length > 0);
  const store = cacheStore(cacheDir);
  let subsetFont: typeof import('subset-font').default | undefined;
  return Promise.all(
    jobs.map(async ({ face, text }): Promise<SubsetFace> => {
      if (face.role === 'emoji') {
        const data = await withoutSvg(face.file, store);
        return { face, name: `${path.basename(face.file, '.woff2')}-${hashOf(face.file).slice(0, 8)}.woff`, data, text };
      }
      // 'named': cut files carry the family's real name (renameFont), unlike older cached ones.
      const key = hashOf(face.file, text, 'named').slice(0, 16);
      let data = await store.get('subsets', `${key}.woff`);
      if (!data) {
        subsetFont ??= (await import('subset-font')).default;
        const cut = await subsetFont(await sfntOf(face.file), text, { targetFormat: 'sfnt' });
        data = await (await import('fontverter')).convert(renameFont(Buffer.from(cut), face.family, face.weight), 'woff');
        await store.put('subsets', `${key}.woff`, data);
      }
      const name = `${path.basename(face.file, '.woff2')}-${key.slice(0, 8)}.woff`;
      return { face, name, data, text };
    }),
  );
}

/**
 * A colour font without its SVG table, as WOFF (cached): Chromium draws the COLR glyphs and
 * never the SVG ones, which are four fifths of Noto Color Emoji (5.8 -> 2.9 MB).
 */
async function withoutSvg(file: string, store: CacheStore): Promise<Uint8Array> {
  const key = `${hashOf(file, 'no-svg').slice(0, 16)}.woff`;
  const cached = await store.get('subsets', key);
  if (cached) return cached;
  const sfnt = await sfntOf(file);
  const kept = sfntTables(sfnt).filter((t) => t.tag !== 'SVG ');
  const data = await (await import('fontverter')).convert(buildSfnt(sfnt.readUInt32BE(0), kept), 'woff');
  await store.put('subsets', key, data);
  return data;
}

const hex = (n: number) => n.toString(16).toUpperCase();
const families = (names: string[]) => names.map((n) => `'${n}'`).join(',');

/**
 * The deck's font stacks as CSS variables (--deck-font, --deck-font-mono, which the themes
 * use), and @font-face rules for its files. Each rule names exactly the characters its file
 * draws (unicode-range), so that a browser looks for each character in the one file that has
 * it. An emoji family has one weight and serves them all, never synthesised bold.
 */
export function fontFaceCss(subsets: SubsetFace[], urlPrefix: string, plan: Pick<FontPlan, 'stack' | 'monoStack'>): string {
  const faces = subsets.map(({ face, name, text }) => {
    const sorted = [...text].map((c) => c.codePointAt(0)!).sort((a, b) => a - b);
    const range = toRanges(sorted)
      .map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`))
      .join(',');
    const weight = face.role === 'emoji' ? '100 900' : face.weight;
    return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${weight};font-display:block;src:url(${urlPrefix}${name}) format('woff');unicode-range:${range}}`;
  });
  return [`:root{--deck-font:${families(plan.stack)};--deck-font-mono:${families(plan.monoStack)}}`, ...faces].join('\n');
}
