// A font's characters read from its WOFF cmap alone, against harfbuzz on the whole decoded
// WOFF2 (what Kamishibai read before): every subtable kind fontsource ships.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmapCodepoints, woffCmap } from '../../src/adapters/cmap.js';

const require = createRequire(import.meta.url);
const fileOf = (pkg: string, name: string) => path.join(path.dirname(require.resolve(`@fontsource/${pkg}/package.json`)), 'files', name);

async function harfbuzz(woff2: string): Promise<number[]> {
  const [hb, fontverter] = await Promise.all([import('harfbuzzjs'), import('fontverter')]);
  const sfnt = await fontverter.convert(readFileSync(woff2), 'sfnt');
  return [...new hb.Face(new hb.Blob(sfnt)).collectUnicodes()].sort((a, b) => a - b);
}

describe('cmapCodepoints(woffCmap(...))', () => {
  const cases = [
    ['noto-sans', 'noto-sans-latin-400-normal', 'format 4 through glyphIdArray'],
    ['noto-sans-jp', 'noto-sans-jp-latin-400-normal', 'format 4 by delta'],
    ['noto-sans-jp', 'noto-sans-jp-2-400-normal', 'format 12 beside format 4'],
    ['noto-sans-jp', 'noto-sans-jp-japanese-400-normal', 'a whole subset: 6,886 characters'],
  ];
  it.each(cases)('%s %s (%s): the characters harfbuzz finds in the WOFF2', async (pkg, name) => {
    const ours = cmapCodepoints(woffCmap(readFileSync(fileOf(pkg, `${name}.woff`)))!);
    expect(ours.length).toBeGreaterThan(50);
    expect(ours).toEqual(await harfbuzz(fileOf(pkg, `${name}.woff2`)));
  });

  it('leaves out the first character of a format 12 group that starts at glyph 0 (.notdef), as harfbuzz does', () => {
    const cmap = Buffer.alloc(4 + 8 + 16 + 12 * 2);
    cmap.writeUInt16BE(1, 2);
    cmap.writeUInt16BE(3, 4);
    cmap.writeUInt16BE(10, 6);
    cmap.writeUInt32BE(12, 8);
    cmap.writeUInt16BE(12, 12);
    cmap.writeUInt32BE(2, 24);
    [[0x41, 0x43, 0], [0x1f600, 0x1f601, 5]].forEach(([first, last, glyph], i) => {
      cmap.writeUInt32BE(first!, 28 + 12 * i);
      cmap.writeUInt32BE(last!, 32 + 12 * i);
      cmap.writeUInt32BE(glyph!, 36 + 12 * i);
    });
    expect(cmapCodepoints(cmap)).toEqual([0x42, 0x43, 0x1f600, 0x1f601]);
  });

  it('refuses a file that is not WOFF, and finds no cmap where there is none', () => {
    expect(() => woffCmap(readFileSync(fileOf('noto-sans', 'noto-sans-latin-400-normal.woff2')))).toThrow(/not a WOFF file/);
    const header = Buffer.alloc(44);
    header.write('wOFF', 0, 'latin1');
    expect(woffCmap(header)).toBeUndefined();
  });
});
