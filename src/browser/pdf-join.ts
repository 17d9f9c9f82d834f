// PDFs joined into one, page after page: the parts of a large deck's slide PDF (page-outputs.ts).
// pdf-lib copies each part's pages with what they use; saved without object streams, so the
// result is a classic xref table that pdf-update.ts can add the metadata and bookmarks to.
import { PDFDocument } from 'pdf-lib';

export async function joinPdfs(parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    const doc = await PDFDocument.load(part, { updateMetadata: false });
    for (const page of await joined.copyPages(doc, doc.getPageIndices())) joined.addPage(page);
  }
  return joined.save({ useObjectStreams: false });
}
