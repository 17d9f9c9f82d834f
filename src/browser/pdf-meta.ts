// Chrome writes neither author nor subject, and its outline follows heading levels (slides
// nested under section slides, slides without a heading left out). pdf-lib sets the
// metadata and writes one bookmark per slide, pointing at the slide's first page.
import type { PDFDocument, PDFRef, PDFDict, PDFArray } from 'pdf-lib';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  lang: string;
  keywords?: string[];
}

export interface Bookmark {
  title: string;
  /** 0-based page index. */
  page: number;
}

/** Unique, non-empty bookmark titles: a repeated slide title gets its slide number. */
export function bookmarkTitles(titles: string[]): string[] {
  const count = new Map<string, number>();
  for (const t of titles) count.set(t, (count.get(t) ?? 0) + 1);
  return titles.map((t, i) => (!t ? `Slide ${i + 1}` : (count.get(t) ?? 0) > 1 ? `${t} (${i + 1})` : t));
}

type PdfLib = typeof import('pdf-lib');

export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, bookmarks: Bookmark[]): Promise<Uint8Array> {
  const lib = await import('pdf-lib');
  // Parse and write without yielding to the event loop between objects: nothing else runs.
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.lang);
  doc.setCreator('Kamishibai');
  doc.setProducer('Kamishibai (Chromium, pdf-lib)');
  // Fixed dates keep the output byte-identical from one build to the next.
  const epoch = new Date(0);
  doc.setCreationDate(epoch);
  doc.setModificationDate(epoch);
  writeOutline(lib, doc, bookmarks);
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

function writeOutline({ PDFName, PDFNumber, PDFHexString }: PdfLib, doc: PDFDocument, bookmarks: Bookmark[]): void {
  const pages = doc.getPages();
  const valid = bookmarks.filter((b) => b.page >= 0 && b.page < pages.length);
  if (valid.length === 0) return;
  const context = doc.context;
  const outlinesRef = context.nextRef();
  const refs: PDFRef[] = valid.map(() => context.nextRef());
  valid.forEach((b, i) => {
    const item = context.obj({}) as PDFDict;
    item.set(PDFName.of('Title'), PDFHexString.fromText(b.title));
    item.set(PDFName.of('Parent'), outlinesRef);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    const dest = context.obj([pages[b.page]!.ref, PDFName.of('Fit')]) as PDFArray;
    item.set(PDFName.of('Dest'), dest);
    context.assign(refs[i]!, item);
  });
  const outlines = context.obj({}) as PDFDict;
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), refs[0]!);
  outlines.set(PDFName.of('Last'), refs.at(-1)!);
  outlines.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
