// Which font files a deck ships: as few as possible per weight, each cut to the characters it
// draws, on fontsource's real Noto Sans JP; and which family draws what, on the project's own
// templates/fonts.json (Noto Sans, JP, KR, SC, TC, Mono, Color Emoji).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import { convert } from 'fontverter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignFaces, emojiCodepoints, familyOrder, planFaces } from '../../src/adapters/font-plan.js';
import { fontFaceCss, loadFaces, planFonts, planFontsCached, subsetFaces, toRanges, type FontFace, type FontSpec } from '../../src/adapters/fonts.js';

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
    expect(planFaces([japanese], '日本語のスライドABC', 'ja').missing).toEqual([]);
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
    const plan = await planFonts(faces, text, 'ja');
    const subsets = await subsetFaces(plan, path.join(tmp, 'cache'));
    expect(subsets).toHaveLength(2);
    const css = fontFaceCss(subsets, 'fonts/', plan);
    expect(css.split('\n')).toHaveLength(3);
    expect(css.split('\n')[0]).toBe(":root{--deck-font:'Noto Sans JP';--deck-font-mono:'Noto Sans JP'}");
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
    const cut = async () => subsetFaces(await planFonts(faces, 'あ', 'ja'), cache);
    const [first] = await cut();
    const [again] = await cut();
    expect(again!.data).toEqual(first!.data);
    expect(again!.name).toBe(first!.name);
    // What the cache holds is what comes back: marked files show it was not cut again.
    const cached = readdirSync(path.join(cache, 'subsets'));
    expect(cached).toHaveLength(2);
    for (const f of cached) writeFileSync(path.join(cache, 'subsets', f), `marked ${f}`);
    const marked = await cut();
    expect(marked.map((s) => new TextDecoder().decode(s.data)).sort()).toEqual(cached.map((f) => `marked ${f}`).sort());
  });
});

describe('the font plan, cached', () => {
  it('plans text with the characters of text planned before without reading the faces, to the same plan', async () => {
    const cache = path.join(tmp, 'plans');
    let reads = 0;
    const read = async () => (reads++, faces);
    const plan = (text: string, key = 'faces-1') => planFontsCached(key, read, text, 'ja', cache);
    const first = await plan('日本語のスライド ABC');
    expect(first).toEqual(await planFonts(faces, '日本語のスライド ABC', 'ja'));
    expect(reads).toBe(1);
    // The same characters in another order and number: the same plan, from the cache.
    expect(await plan('ABC スライドの日本語 語')).toEqual(first);
    expect(reads).toBe(1);
    // A new character, other faces (the engine or fonts.json changed), another language: planned again.
    await plan('日本語のスライド ABCD');
    await plan('日本語のスライド ABC', 'faces-2');
    await planFontsCached('faces-1', read, '日本語のスライド ABC', 'zh-Hant', cache);
    expect(reads).toBe(4);
  });

  it('plans again when the same characters are shown as emoji (VS16), which another family draws', async () => {
    const cache = path.join(tmp, 'plans-emoji');
    const read = async () => faces;
    // The same set of characters; only in the second is ☺ followed by VS16, shown as an emoji.
    await planFontsCached('k', read, '☺ x\uFE0F', 'ja', cache);
    expect(await planFontsCached('k', read, '☺\uFE0F x', 'ja', cache)).toEqual(await planFonts(faces, '☺\uFE0F x', 'ja'));
    expect(readdirSync(path.join(cache, 'plans'))).toHaveLength(2);
  });
});

describe("the project's fonts, by script", () => {
  let all: FontFace[];
  beforeAll(async () => {
    all = await loadFaces(JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'templates', 'fonts.json'), 'utf8')) as FontSpec[]);
  });
  const familiesOf = (plan: { jobs: { face: FontFace; codepoints: number[] }[] }, text: string) =>
    [...text].map((c) => [...new Set(plan.jobs.filter((j) => j.face.role !== 'mono' && j.codepoints.includes(c.codePointAt(0)!)).map((j) => j.face.family))].join('+'));

  it("puts the family made for the deck's language first", () => {
    expect(familyOrder(all, 'ko')[0]).toBe('Noto Sans KR');
    expect(familyOrder(all, 'zh')[0]).toBe('Noto Sans SC');
    expect(familyOrder(all, 'zh-Hans-CN')[0]).toBe('Noto Sans SC');
    expect(familyOrder(all, 'zh-TW')[0]).toBe('Noto Sans TC');
    expect(familyOrder(all, 'zh-Hant-HK')[0]).toBe('Noto Sans TC');
    expect(familyOrder(all, 'ja')[0]).toBe('Noto Sans JP');
    expect(familyOrder(all, 'cs')).toEqual(['Noto Sans', 'Noto Sans JP', 'Noto Sans KR', 'Noto Sans SC', 'Noto Sans TC', 'Noto Sans Mono', 'Noto Color Emoji']);
  });

  it('draws a kanji in the shapes of the deck language, and each character from one family only', async () => {
    const text = '説明 説明';
    expect(familiesOf(await planFonts(all, text, 'ja'), '説')).toEqual(['Noto Sans JP']);
    expect(familiesOf(await planFonts(all, text, 'zh-Hant'), '説')).toEqual(['Noto Sans TC']);
    const korean = await planFonts(all, '한국어 Miško 日本', 'ko');
    expect(familiesOf(korean, '한M日')).toEqual(['Noto Sans KR', 'Noto Sans KR', 'Noto Sans KR']);
    expect(korean.stack[0]).toBe('Noto Sans KR');
  });

  it("checks a slice's real characters: Noto Sans JP's latin-ext slice claims š but lacks it", async () => {
    const slice = all.find((f) => f.file.endsWith('noto-sans-jp-latin-ext-400-normal.woff2'))!;
    expect(slice.ranges.some(([a, b]) => a <= 0x161 && 0x161 <= b)).toBe(true);
    const trusting = planFaces(all, 'Miško 日本', 'ja');
    expect(familiesOf(trusting, 'š')).toEqual(['Noto Sans JP']);
    const checked = await planFonts(all, 'Miško 日本', 'ja');
    expect(familiesOf(checked, 'šM')).toEqual(['Noto Sans', 'Noto Sans JP']);
    expect(checked.stack).toEqual(['Noto Sans JP', 'Noto Sans']);
    expect(checked.missing).toEqual([]);
  });

  it("draws a footnote's way back (↑, as render.ts writes it) in each language's text font: ↩ was in the emoji font alone", async () => {
    for (const lang of ['en', 'ja', 'ko']) {
      const plan = await planFonts(all, 'A claim ↑', lang);
      expect(familiesOf(plan, '↑')[0], lang).toMatch(/^Noto Sans( JP| KR)?$/);
      expect(plan.stack, lang).not.toContain('Noto Color Emoji');
    }
    expect(familiesOf(await planFonts(all, 'A claim ↩', 'en'), '↩')).toEqual(['Noto Color Emoji']);
  });

  it('sends emoji to the emoji font, and © or ↔ written alone to the text font', async () => {
    expect([...emojiCodepoints('☕ ❤️ 👍🏽 🇯🇵 © ↔ ❤')].map((c) => String.fromCodePoint(c)).join('')).toBe('☕❤\uFE0F👍🏽🇯🇵');
    const plan = await planFonts(all, 'Rust 🦀 ❤️ ©', 'en');
    expect(familiesOf(plan, 'R🦀❤©')).toEqual(['Noto Sans', 'Noto Color Emoji', 'Noto Color Emoji', 'Noto Sans']);
    expect(plan.stack).toEqual(['Noto Sans', 'Noto Color Emoji']);
  });

  it('names a character no family has', async () => {
    expect((await planFonts(all, 'Ethiopic ሀ', 'en')).missing).toEqual([0x1200]);
  });
});

describe('decomposed (NFD) text', () => {
  it('trust-b 11: builds Latin accents and Japanese voiced marks written decomposed, as the composed text builds', async () => {
    const { build } = await import('../../src/index.js');
    const { ROOT } = await import('../helpers/cli.js');
    const out = path.join(tmp, 'nfd');
    const result = await build({ root: ROOT, inputs: [path.resolve(import.meta.dirname, '..', 'fixtures', 'fonts', 'nfd')], outDir: out, pdf: false });
    expect(result.diagnostics).toEqual([]);
    const page = readFileSync(path.join(out, 'nfd', 'index.html'), 'utf8');
    expect(page).toContain('Hôtel Crème brûlée');
    expect(page).toContain('がくせい、ぽん');
  }, 60_000);
});
