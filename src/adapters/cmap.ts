// The characters a font has, read from its cmap table alone. Decoding the WOFF2 file
// (fontverter's WebAssembly decoder, which rebuilds every glyph) and handing it to harfbuzz
// took ~0.9 s for fontsource's nine whole subsets, the first build's font cost. fontsource
// ships each file as WOFF too, whose tables are compressed one by one: inflating the cmap
// alone gives the same characters for all 940 faces of fonts.json in ~0.15 s.
// Hand-written because no font library at hand reads one table without parsing or decoding
// the rest: this is WOFF's 44-byte header, its 20-byte table records, and the cmap's two
// subtable formats that Unicode fonts use (4 and 12).
import { inflateSync } from 'node:zlib';

/** The cmap table of a WOFF (1.0) font, or undefined if it has none. */
export function woffCmap(woff: Buffer): Buffer | undefined {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF file');
  for (let i = 0, count = woff.readUInt16BE(12); i < count; i++) {
    const at = 44 + 20 * i;
    if (woff.toString('latin1', at, at + 4) !== 'cmap') continue;
    const [offset, stored, length] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)];
    const data = woff.subarray(offset, offset + stored);
    return stored < length ? inflateSync(data) : data;
  }
  return undefined;
}

/** The codepoints a cmap maps to a glyph, sorted: from its Unicode subtable, format 12 (all planes) before 4 (the BMP). */
export function cmapCodepoints(cmap: Buffer): number[] {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => {
    const at = 4 + 8 * i;
    return { platform: cmap.readUInt16BE(at), encoding: cmap.readUInt16BE(at + 2), table: cmap.subarray(cmap.readUInt32BE(at + 4)) };
  });
  const unicode = subtables.filter((s) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10)));
  const full = unicode.find((s) => s.table.readUInt16BE(0) === 12);
  if (full) return format12(full.table);
  const bmp = unicode.find((s) => s.table.readUInt16BE(0) === 4);
  return bmp ? format4(bmp.table) : [];
}

function format12(table: Buffer): number[] {
  const seen = new Set<number>();
  for (let g = 0, groups = table.readUInt32BE(12); g < groups; g++) {
    const at = 16 + 12 * g;
    const [first, last, glyph] = [table.readUInt32BE(at), table.readUInt32BE(at + 4), table.readUInt32BE(at + 8)];
    // A group starting at glyph 0 (.notdef) does not map its first character.
    for (let c = glyph === 0 ? first + 1 : first; c <= last && c <= 0x10ffff; c++) seen.add(c);
  }
  return [...seen].sort((a, b) => a - b);
}

function format4(table: Buffer): number[] {
  const segments = table.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const codepoints = new Set<number>();
  for (let s = 0; s < segments; s++) {
    const [first, last] = [table.readUInt16BE(starts + 2 * s), table.readUInt16BE(ends + 2 * s)];
    const delta = table.readUInt16BE(deltas + 2 * s);
    const rangeOffset = table.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = first; c <= last && c !== 0xffff; c++) if (glyphOf(table, c, c - first, delta, rangeOffset ? rangeOffsets + 2 * s + rangeOffset : 0) !== 0) codepoints.add(c);
  }
  return [...codepoints].sort((a, b) => a - b);
}

/** Format 4's glyph for character `c`, the `index`-th of its segment: c plus the delta, or (at `array`) a glyphIdArray entry plus the delta. */
function glyphOf(table: Buffer, c: number, index: number, delta: number, array: number): number {
  if (!array) return (c + delta) & 0xffff;
  const at = array + 2 * index;
  const glyph = at + 2 <= table.length ? table.readUInt16BE(at) : 0;
  return glyph && (glyph + delta) & 0xffff;
}
