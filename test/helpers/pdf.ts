// Read real PDFs: poppler for pages, fonts and text; pdf-lib for links, outline and metadata.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';

export function pdfInfo(file: string): { pages: number; width: number; height: number; fields: Record<string, string> } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const fields = Object.fromEntries(out.split('\n').map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  const size = /([\d.]+) x ([\d.]+) pts/.exec(fields['Page size'] ?? '')!;
  return { pages: Number(fields.Pages), width: Number(size[1]), height: Number(size[2]), fields };
}

export function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const name = l.slice(0, 37).trim();
    const type = l.slice(37, 55).trim();
    const rest = l.slice(72).trim().split(/\s+/);
    return { name, type, embedded: rest[0] === 'yes' };
  });
}

/** The text layer; `raw`: in the order it is drawn (columns side by side stay apart). */
export function pdfText(file: string, pages?: { first: number; last: number }, raw = false): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), ...range, file, '-'], { encoding: 'utf8' });
}

const text = (o: PDFObject | undefined) => (o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : undefined);

export async function pdfStructure(file: string) {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const links: { page: number; uri?: string; dest?: number | string }[] = [];
  pages.forEach((page, i) => {
    const annots = page.node.Annots();
    if (!annots) return;
    for (let k = 0; k < annots.size(); k++) {
      const a = annots.lookup(k, PDFDict);
      if (a.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const action = a.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = text(action?.lookup(PDFName.of('URI')));
      let dest: PDFObject | undefined = a.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D'));
      if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
        dest = resolveNamedDest(doc, dest instanceof PDFName ? dest.decodeText() : dest.decodeText());
      }
      const target = dest instanceof PDFArray ? pageIndex.get(dest.get(0).toString()) : undefined;
      links.push({ page: i, ...(uri ? { uri } : {}), ...(target !== undefined ? { dest: target } : {}) });
    }
  });
  const outline: { title: string; page?: number }[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  for (let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
    const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
    outline.push({ title: text(item.lookup(PDFName.of('Title'))) ?? '', page: dest ? pageIndex.get(dest.get(0).toString()) : undefined });
  }
  const lang = text(doc.catalog.lookup(PDFName.of('Lang')));
  // Every title of the outline, nested items included, depth first (Chromium nests headings).
  const outlineTitles: string[] = [];
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      outlineTitles.push(text(item.lookup(PDFName.of('Title'))) ?? '');
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  return { links, outline, outlineTitles, lang, title: doc.getTitle(), author: doc.getAuthor(), subject: doc.getSubject() };
}

function resolveNamedDest(doc: PDFDocument, name: string): PDFObject | undefined {
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const stack = names ? [names] : [];
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) {
    const d = dests.lookup(PDFName.of(name));
    if (d) return d instanceof PDFDict ? d.lookup(PDFName.of('D')) : d;
  }
  while (stack.length) {
    const node = stack.pop()!;
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) stack.push(kids.lookup(i, PDFDict));
    const list = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (list) {
      for (let i = 0; i < list.size(); i += 2) {
        if (text(list.lookup(i)) === name) {
          const d = list.lookup(i + 1);
          return d instanceof PDFDict ? d.lookup(PDFName.of('D')) : d;
        }
      }
    }
  }
  return undefined;
}
