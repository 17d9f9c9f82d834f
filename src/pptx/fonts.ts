// The deck's fonts for PowerPoint: one TrueType file per family and weight, made from the
// deck's own cut fonts (assets/fonts.css: a family may come in several files, one per slice
// of fontsource's Unicode ranges), joined with fonteditor-core, then wrapped as Embedded
// OpenType, the format of PowerPoint's embedded-font parts (.fntdata). Hand-joined because
// no subsetter at hand merges fonts; fonteditor-core does, and writes EOT.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fonteditor from 'fonteditor-core';
import { parseFontFaces } from '../adapters/fonts.js';
import type { EmbeddedFont } from './finish.js';

export interface JoinedFont {
  family: string;
  weight: 400 | 700;
  ttf: Uint8Array;
}

// Exported by the package, missing from its types.
const { ttf2eot } = fonteditor as unknown as { ttf2eot(ttf: ArrayBuffer): ArrayBuffer };

/** Colour emoji stay with the system's emoji font: PowerPoint embeds no colour tables. */
const SKIP = /emoji/i;

async function join(files: string[]): Promise<Uint8Array> {
  const { convert } = await import('fontverter');
  const { Font } = fonteditor;
  let base: ReturnType<typeof Font.create> | undefined;
  const seen = new Set<number>();
  for (const file of files) {
    const font = Font.create(await convert(await readFile(file), 'sfnt'), { type: 'ttf', hinting: true });
    if (base) {
      // Slices share a few code points (the space, say): the first file's glyph keeps each.
      for (const glyph of font.get().glyf) glyph.unicode = (glyph.unicode ?? []).filter((u) => !seen.has(u));
      base.merge(font, { scale: 1 });
    } else base = font;
    for (const glyph of base.get().glyf) for (const u of glyph.unicode ?? []) seen.add(u);
  }
  return new Uint8Array(base!.write({ type: 'ttf', toBuffer: true, hinting: true }) as Buffer);
}

/**
 * KaTeX's faces that inline math's symbols are set in (KaTeX_Main for an arrow, KaTeX_AMS, the
 * KaTeX_Size faces for big operators), read from the KaTeX package, which ships them as
 * TrueType: the deck's own copies are woff2 only.
 */
async function katexFonts(used: Set<string>): Promise<JoinedFont[]> {
  const require = createRequire(import.meta.url);
  const joined: JoinedFont[] = [];
  for (const family of [...used].filter((f) => /^KaTeX_\w+$/.test(f)).sort()) {
    // One face a family, its upright one (KaTeX_Math has only italics): a bold run takes it too.
    const file = ['Regular', 'Italic'].map((face) => resolveOrUndefined(require, `katex/dist/fonts/${family}-${face}.ttf`)).find(Boolean);
    if (file) joined.push({ family, weight: 400, ttf: new Uint8Array(await readFile(file)) });
  }
  return joined;
}

function resolveOrUndefined(require: NodeJS.Require, id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

/** The deck's families that `used` names, as one TrueType file per family and weight. */
export async function joinDeckFonts(assetsDir: string, used: Set<string>): Promise<JoinedFont[]> {
  const css = await readFile(path.join(assetsDir, 'fonts.css'), 'utf8').catch(() => '');
  const groups = new Map<string, string[]>();
  for (const face of parseFontFaces(css, assetsDir)) {
    if (!used.has(face.family) || SKIP.test(face.family) || face.style !== 'normal') continue;
    const key = `${face.family}\n${face.weight >= 600 ? 700 : 400}`;
    groups.set(key, [...(groups.get(key) ?? []), face.file]);
  }
  const joined: JoinedFont[] = [];
  for (const [key, files] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [family, weight] = key.split('\n') as [string, string];
    joined.push({ family, weight: weight === '700' ? 700 : 400, ttf: await join(files) });
  }
  return [...joined, ...(await katexFonts(used))];
}

/** The joined fonts as PowerPoint's embedded fonts: EOT data, regular and bold per family. */
export function embeddedFonts(joined: JoinedFont[]): EmbeddedFont[] {
  const byFamily = new Map<string, EmbeddedFont>();
  for (const font of joined) {
    const entry = byFamily.get(font.family) ?? { family: font.family };
    const eot = new Uint8Array(ttf2eot(font.ttf.slice().buffer as ArrayBuffer));
    if (font.weight === 700) entry.bold = eot;
    else entry.regular = eot;
    byFamily.set(font.family, entry);
  }
  return [...byFamily.values()];
}
