// finishPptx on files pptxgenjs writes (write.ts): dated, notes as paragraphs, one <a:pPr>
// a paragraph, fonts listed and stored.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { finishPptx, singleParagraphProperties } from '../../src/pptx/finish.js';
import { writePptx, type PptxDeck } from '../../src/pptx/write.js';
import type { Run } from '../../src/pptx/model.js';

const run = (text: string, extra: Partial<Run> = {}): Run => ({ text, font: 'Noto Sans', size: 32, colour: { hex: '111111', alpha: 1 }, ...extra });
const deck: PptxDeck = {
  title: 'T',
  author: 'A',
  subject: '',
  lang: 'en',
  width: 1280,
  height: 720,
  notes: ['First paragraph.\n\nSecond paragraph.'],
  slides: [
    {
      line: 1,
      items: [{ kind: 'text', x: 10, y: 10, w: 600, h: 100, wrap: true, what: 'p', paragraphs: [{ runs: [run('plain '), run('bold', { bold: true }), run(' end')], align: 'left', lineHeight: 40, spaceBefore: 0 }] }],
    },
  ],
};
const date = new Date('2024-01-02T03:04:06Z');
const part = async (file: Uint8Array, name: string) => (await JSZip.loadAsync(file)).file(name)!.async('string');

describe('finishPptx', () => {
  it('leaves one <a:pPr> a paragraph, before its runs (pptxgenjs writes one per run)', async () => {
    const raw = await writePptx(deck);
    expect((await part(raw, 'ppt/slides/slide1.xml')).match(/<a:pPr/g)!.length).toBeGreaterThan(1);
    const xml = await part(await finishPptx(raw, { date, lang: 'en', fonts: [] }), 'ppt/slides/slide1.xml');
    const paragraphs = [...xml.matchAll(/<a:p>(.*?)<\/a:p>/gs)].map((m) => m[1]!);
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]!.match(/<a:pPr/g)).toHaveLength(1);
    expect(paragraphs[0]).toMatch(/^<a:pPr/);
    expect(paragraphs[0]!.match(/<a:t>/g)).toHaveLength(3);
  });

  it('keeps a paragraph without properties as it is', () => {
    const xml = '<a:p><a:r><a:t>x</a:t></a:r></a:p><a:p><a:pPr algn="l"/><a:r><a:t>y</a:t></a:r><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>z</a:t></a:r></a:p>';
    expect(singleParagraphProperties(xml)).toBe('<a:p><a:r><a:t>x</a:t></a:r></a:p><a:p><a:pPr algn="l"/><a:r><a:t>y</a:t></a:r><a:r><a:t>z</a:t></a:r></a:p>');
  });

  it('dates every part and the document alike, and writes the notes a paragraph each', async () => {
    const file = await finishPptx(await writePptx(deck), { date, lang: 'en', fonts: [] });
    const zip = await JSZip.loadAsync(file);
    for (const entry of Object.values(zip.files)) expect(entry.date.getTime()).toBe(date.getTime());
    expect(await part(file, 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:06Z</dcterms:created>');
    const notes = await part(file, 'ppt/notesSlides/notesSlide1.xml');
    expect(notes).toContain('<a:t>First paragraph.</a:t>');
    expect(notes).toContain('<a:t>Second paragraph.</a:t>');
    // The same deck gives the same bytes.
    expect(Buffer.from(await finishPptx(await writePptx(deck), { date, lang: 'en', fonts: [] })).equals(Buffer.from(file))).toBe(true);
  });

  it('lists embedded fonts in presentation.xml and stores their parts', async () => {
    const file = await finishPptx(await writePptx(deck), { date, lang: 'en', fonts: [{ family: 'Noto "Sans"', regular: new Uint8Array([1, 2, 3]), bold: new Uint8Array([4]) }] });
    const presentation = await part(file, 'ppt/presentation.xml');
    expect(presentation).toMatch(/<p:notesSz[^>]*\/><p:embeddedFontLst><p:embeddedFont><p:font typeface="Noto &quot;Sans&quot;"\/><p:regular r:id="rIdKamishibaiFont1"\/><p:bold r:id="rIdKamishibaiFont2"\/><\/p:embeddedFont><\/p:embeddedFontLst>/);
    expect(presentation).toContain('embedTrueTypeFonts="1"');
    expect(await part(file, '[Content_Types].xml')).toContain('Extension="fntdata"');
    expect([...(await (await JSZip.loadAsync(file)).file('ppt/fonts/font1.fntdata')!.async('uint8array'))]).toEqual([1, 2, 3]);
  });

  it('gives an SVG picture a real PNG fallback (pptxgenjs in Node stores the SVG text there)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>';
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const withPicture: PptxDeck = { ...deck, slides: [{ line: 1, items: [{ kind: 'picture', x: 0, y: 0, w: 10, h: 10, svg, png, why: 'a diagram' }] }] };
    const media = async (file: Uint8Array, ext: string) => {
      const zip = await JSZip.loadAsync(file);
      const name = Object.keys(zip.files).find((n) => n.startsWith('ppt/media/') && n.endsWith(ext))!;
      return zip.file(name)!.async('uint8array');
    };
    const file = await finishPptx(await writePptx(withPicture), { date, lang: 'en', fonts: [], pngs: new Map([[svg, png]]) });
    expect([...(await media(file, '.png'))]).toEqual([...png]);
    expect(new TextDecoder().decode(await media(file, '.svg'))).toBe(svg);
  });
});
