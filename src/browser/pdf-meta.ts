// Chrome writes neither author nor subject, and its outline follows heading levels (slides
// nested under section slides, slides without a heading left out). Kamishibai sets the
// metadata and writes one bookmark per slide, pointing at the slide's first page, in an
// incremental update of Chromium's file (pdf-update.ts).
import { dictEntries, dictText, PdfFormatError, PdfUpdate, textString } from './pdf-update.js';
import { KamishibaiError } from '../core/errors.js';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  lang: string;
  keywords?: string[];
  /** Creation and modification date (run/build-date.ts); the Unix epoch when not given. */
  date?: Date;
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

/** A PDF date string, in UTC: D:YYYYMMDDHHmmSS. */
export function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
}

export function finishPdf(bytes: Uint8Array, meta: PdfMeta, bookmarks: Bookmark[]): Uint8Array {
  try {
    const pdf = new PdfUpdate(bytes);
    const pages = pdf.pages();
    const info = pdf.info();
    // Chromium's own information dictionary stays in the file, superseded: its dates are
    // the time of the export, set to the fixed ones where they stand.
    // A fixed date (not the export's time) keeps the output the same from one build to the next.
    const date = pdfDate(meta.date ?? new Date(0));
    if (pdf.inOriginal(info)) {
      pdf.editInPlace(info, (text) => text.replace(/\(D:\d{14}/g, `(${date}`));
    }
    const entries: [string, string][] = [
      ['Title', textString(meta.title)],
      ...(meta.author ? [['Author', textString(meta.author)] as [string, string]] : []),
      ...(meta.subject ? [['Subject', textString(meta.subject)] as [string, string]] : []),
      ...(meta.keywords?.length ? [['Keywords', textString(meta.keywords.join(' '))] as [string, string]] : []),
      ['Creator', textString('Kamishibai')],
      ['Producer', textString('Kamishibai (Chromium)')],
      ['CreationDate', `(${date}+00'00')`],
      ['ModDate', `(${date}+00'00')`],
    ];
    pdf.set(info, dictText(new Map(entries)));

    const catalog = dictEntries(pdf.object(pdf.root));
    catalog.set('Lang', textString(meta.lang));
    catalog.set('ViewerPreferences', '<</DisplayDocTitle true>>');
    const outline = writeOutline(pdf, pages, bookmarks);
    if (outline !== undefined) {
      catalog.set('Outlines', `${outline} 0 R`);
      catalog.set('PageMode', '/UseOutlines');
    }
    pdf.set(pdf.root, dictText(catalog));
    return pdf.save();
  } catch (e) {
    if (e instanceof PdfFormatError) throw new KamishibaiError(`could not add the title and bookmarks to the PDF Chromium wrote: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The outline: one item per bookmark, in order, each opening its page whole. Returns its number. */
function writeOutline(pdf: PdfUpdate, pages: number[], bookmarks: Bookmark[]): number | undefined {
  const valid = bookmarks.filter((b) => b.page >= 0 && b.page < pages.length);
  if (valid.length === 0) return undefined;
  const root = pdf.allocate();
  const items = valid.map(() => pdf.allocate());
  valid.forEach((b, i) => {
    const item = new Map([
      ['Title', textString(b.title)],
      ['Parent', `${root} 0 R`],
      ...(i > 0 ? [['Prev', `${items[i - 1]} 0 R`] as [string, string]] : []),
      ...(i < items.length - 1 ? [['Next', `${items[i + 1]} 0 R`] as [string, string]] : []),
      ['Dest', `[${pages[b.page]} 0 R /Fit]`],
    ]);
    pdf.set(items[i]!, dictText(item));
  });
  pdf.set(root, dictText(new Map([['Type', '/Outlines'], ['First', `${items[0]} 0 R`], ['Last', `${items.at(-1)} 0 R`], ['Count', String(items.length)]])));
  return root;
}
