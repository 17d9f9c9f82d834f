// What pptxgenjs leaves to do, done on its zip: the file dated like the PDFs (every part and
// the document properties, so the same source gives the same bytes), speaker notes kept as
// paragraphs (pptxgenjs writes them as one run with line breaks inside), one paragraph
// property block a paragraph, real PNG fallbacks for SVG pictures, and the deck's fonts embedded (PowerPoint's embedded-font
// parts, listed in presentation.xml).
import JSZip from 'jszip';

export interface EmbeddedFont {
  /** The family as slides name it. */
  family: string;
  regular?: Uint8Array;
  bold?: Uint8Array;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One <a:p> per line of the notes: pptxgenjs puts every line in one <a:t>. */
function notesParagraphs(xml: string, lang: string): string {
  return xml.replace(/<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/, (_, text: string) =>
    text
      .split(/\r?\n/)
      .map((line) => (line === '' ? `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>` : `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${line}</a:t></a:r></a:p>`))
      .join(''),
  );
}

/**
 * One <a:pPr> a paragraph, first: pptxgenjs writes one before every run, which the schema
 * forbids and PowerPoint 2016 reports as damage (PptxGenJS pull request 1083).
 */
export function singleParagraphProperties(xml: string): string {
  return xml.replace(/<a:p>(.*?)<\/a:p>/gs, (_, body: string) => `<a:p>${body.replace(/(?!^)<a:pPr\b(?:[^>]*\/>|[^>]*>.*?<\/a:pPr>)/gs, '')}</a:p>`);
}

function embedFonts(zip: JSZip, presentation: string, rels: string, types: string, fonts: EmbeddedFont[]) {
  let list = '';
  let n = 0;
  for (const font of fonts) {
    const faces: string[] = [];
    for (const [face, data] of [['regular', font.regular], ['bold', font.bold]] as const) {
      if (!data) continue;
      const id = `rIdKamishibaiFont${++n}`;
      zip.file(`ppt/fonts/font${n}.fntdata`, data);
      rels = rels.replace('</Relationships>', `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="fonts/font${n}.fntdata"/></Relationships>`);
      faces.push(`<p:${face} r:id="${id}"/>`);
    }
    if (faces.length > 0) list += `<p:embeddedFont><p:font typeface="${escapeXml(font.family)}"/>${faces.join('')}</p:embeddedFont>`;
  }
  if (list === '') return { presentation, rels, types };
  // The list's place in the schema: after notesSz, before defaultTextStyle.
  presentation = presentation
    .replace(/ (embedTrueTypeFonts|saveSubsetFonts)="[^"]*"/g, '')
    .replace('<p:presentation ', '<p:presentation embedTrueTypeFonts="1" saveSubsetFonts="1" ')
    .replace(/(<p:notesSz[^>]*\/>)/, `$1<p:embeddedFontLst>${list}</p:embeddedFontLst>`);
  if (!types.includes('Extension="fntdata"')) types = types.replace('<Default ', '<Default Extension="fntdata" ContentType="application/x-fontdata"/><Default ');
  return { presentation, rels, types };
}

/**
 * pptxgenjs in Node stores an SVG's own text as its PNG fallback (it draws PNGs only in a
 * browser): each is replaced by the PNG of the same picture, found by its SVG text.
 */
async function pngFallbacks(zip: JSZip, pngs: Map<string, Uint8Array>): Promise<void> {
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/media\/[^/]+\.png$/.test(n))) {
    const data = await zip.file(name)!.async('uint8array');
    if (data[0] !== 0x3c) continue; // a PNG starts 0x89 'PNG'; an SVG with '<'
    const png = pngs.get(new TextDecoder().decode(data));
    if (png) zip.file(name, png);
  }
}

export async function finishPptx(file: Uint8Array, options: { date: Date; lang: string; fonts: EmbeddedFont[]; pngs?: Map<string, Uint8Array> }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  if (options.pngs) await pngFallbacks(zip, options.pngs);
  const iso = options.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  zip.file('docProps/core.xml', (await text('docProps/core.xml')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${iso}`));
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))) {
    zip.file(name, notesParagraphs(await text(name), options.lang));
  }
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
    zip.file(name, singleParagraphProperties(await text(name)));
  }
  const embedded = embedFonts(zip, await text('ppt/presentation.xml'), await text('ppt/_rels/presentation.xml.rels'), await text('[Content_Types].xml'), options.fonts);
  zip.file('ppt/presentation.xml', embedded.presentation);
  zip.file('ppt/_rels/presentation.xml.rels', embedded.rels);
  zip.file('[Content_Types].xml', embedded.types);
  // Every part dated alike, in a fixed order: the same deck gives the same bytes.
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1))) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: options.date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
