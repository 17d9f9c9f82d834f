// Which font files a deck ships: as few as possible per weight, each cut to the characters it
// draws, on fontsource's real Noto Sans JP.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import { convert } from 'fontverter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignFaces, fontFaceCss, loadFaces, subsetFaces, toRanges, uncovered, type FontFace } from '../src/fonts.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-fonts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let faces: FontFace[];
beforeAll(async () => {
  faces = await loadFaces([{ package: '@fontsource/noto-sans-jp', weights: [400, 700] }]);
});

const codepoints = (text: string) => [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
const files = (text: string) => assignFaces(faces, codepoints(text)).map((a) => path.basename(a.face.file));

describe('choosing font files', () => {
  it('reads the character map of whole subsets, whose CSS names no range', () => {
    const japanese = faces.find((f) => f.file.endsWith('noto-sans-jp-japanese-400-normal.woff2'))!;
    expect(japanese.ranges.length).toBeGreaterThan(100);
    expect(uncovered([japanese], codepoints('日本語のスライドABC'))).toEqual([]);
  });

  it('draws a Japanese deck, Latin included, from one file a weight', () => {
    const text = '日本はなぜDeepSeekを生めなかったのか。AI 2025';
    const chosen = assignFaces(faces, codepoints(text));
    expect(chosen.map((a) => path.basename(a.face.file))).toEqual(['noto-sans-jp-japanese-400-normal.woff2', 'noto-sans-jp-japanese-700-normal.woff2']);
    for (const a of chosen) expect(a.codepoints).toEqual(codepoints(text));
  });

  it('draws an English deck from the small Latin file, not the Japanese one', () => {
    expect(files('Hello, meetup!')).toEqual(['noto-sans-jp-latin-400-normal.woff2', 'noto-sans-jp-latin-700-normal.woff2']);
  });

  it('adds a slice only for a character the whole subset lacks', () => {
    // 塚 U+FA10 (a compatibility kanji) is not in fontsource's japanese subset.
    const chosen = assignFaces(faces.filter((f) => f.weight === 400), codepoints('日本\uFA10'));
    expect(chosen).toHaveLength(2);
    expect(path.basename(chosen[0]!.face.file)).toBe('noto-sans-jp-japanese-400-normal.woff2');
    expect(chosen[1]!.codepoints).toEqual([0xfa10]);
    expect(path.basename(chosen[1]!.face.file)).toMatch(/^noto-sans-jp-\d+-400-normal\.woff2$/);
  });

  it('turns sorted codepoints into ranges', () => {
    expect(toRanges([0x20, 0x21, 0x22, 0x41, 0x3042, 0x3043])).toEqual([
      [0x20, 0x22],
      [0x41, 0x41],
      [0x3042, 0x3043],
    ]);
  });
});

describe('cutting them', () => {
  it('writes WOFF files holding exactly the characters each @font-face names', async () => {
    const text = '紙芝居 Kamishibai';
    const subsets = await subsetFaces(faces, text, path.join(tmp, 'cache'));
    expect(subsets).toHaveLength(2);
    const css = fontFaceCss(subsets, 'fonts/');
    expect(css.split('\n')).toHaveLength(2);
    for (const s of subsets) {
      expect(new TextDecoder().decode(s.data.slice(0, 4))).toBe('wOFF');
      expect(css).toContain(`src:url(fonts/${s.name}) format('woff')`);
      const cmap = [...new Face(new Blob(await convert(s.data, 'sfnt'))).collectUnicodes()].sort((a, b) => a - b);
      expect(cmap).toEqual(codepoints(text.replace(/ /g, '')).concat(0x20).sort((a, b) => a - b));
    }
    // Cut from each weight's own file, even when both are decoded at once.
    expect(subsets[0]!.data).not.toEqual(subsets[1]!.data);
    expect(css).toContain('unicode-range:U+20,U+4B,U+61-62,U+68-69,U+6D,U+73,U+5C45,U+7D19,U+829D}');
  });

  it('reuses a cut file from the cache', async () => {
    const cache = path.join(tmp, 'cache2');
    const [first] = await subsetFaces(faces, 'あ', cache);
    const [again] = await subsetFaces(faces, 'あ', cache);
    expect(again!.data).toEqual(first!.data);
    expect(again!.name).toBe(first!.name);
    // What the cache holds is what comes back: marked files show it was not cut again.
    const cached = readdirSync(cache);
    expect(cached).toHaveLength(2);
    for (const f of cached) writeFileSync(path.join(cache, f), `marked ${f}`);
    const marked = await subsetFaces(faces, 'あ', cache);
    expect(marked.map((s) => new TextDecoder().decode(s.data)).sort()).toEqual(cached.map((f) => `marked ${f}`).sort());
  });
});
