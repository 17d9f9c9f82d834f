// The title, metadata and bookmarks appended to a PDF as an incremental update, read back by
// pdf-lib and poppler, which parse the file independently.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { finishPdf } from '../../src/browser/pdf-meta.js';
import { dictEntries, dictText } from '../../src/browser/pdf-update.js';
import { KamishibaiError } from '../../src/core/errors.js';
import { pdfStructure } from '../helpers/pdf.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-pdf-meta-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A PDF as Chromium writes them: a classic xref table, plain dictionaries, dated now. */
async function chromiumLike(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([960, 540]);
  doc.setTitle('Chromium title');
  doc.setCreationDate(new Date('2026-11-29T05:00:23Z'));
  doc.setModificationDate(new Date('2026-11-29T05:00:23Z'));
  // Bytes 0x80-0x9F, which a windows-1252 round trip would change.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Note'), PDFString.of('\x80\x93\x9f'));
  return doc.save({ useObjectStreams: false });
}

const meta = { title: '日本の AI (とその先)', author: '著者', subject: 'Meetup #1', lang: 'ja' };

describe('finishPdf', () => {
  it('sets title, author, subject and language, and writes one bookmark per slide', async () => {
    const bookmarks = [
      { title: '表紙', page: 0 },
      { title: 'Why? (a) \\ b', page: 1 },
      { title: 'まとめ', page: 3 },
    ];
    const file = path.join(tmp, 'finished.pdf');
    writeFileSync(file, finishPdf(await chromiumLike(4), meta, bookmarks));
    const read = await pdfStructure(file);
    expect(read).toMatchObject({ title: meta.title, author: meta.author, subject: meta.subject, lang: 'ja' });
    expect(read.outline).toEqual([
      { title: '表紙', page: 0 },
      { title: 'Why? (a) \\ b', page: 1 },
      { title: 'まとめ', page: 3 },
    ]);
    // poppler reads the update as the current revision, without a complaint.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(info).toMatch(/^Title:\s+日本の AI \(とその先\)$/m);
    expect(info).toMatch(/^Pages:\s+4$/m);
    expect(info).toMatch(/^CreationDate:\s+Thu Jan {2}1 00:00:00 1970/m);
  });

  it('keeps the original bytes and appends after them', async () => {
    const original = await chromiumLike(2);
    const finished = finishPdf(original, meta, [{ title: 'A', page: 0 }]);
    const tail = new TextDecoder('latin1').decode(finished.subarray(original.length));
    expect(tail).toMatch(/\/Prev \d+/);
    // Only the export's dates in the original change, in place, so that builds are reproducible.
    const before = new TextDecoder('latin1').decode(original);
    const after = new TextDecoder('latin1').decode(finished.subarray(0, original.length));
    expect(before).toContain('D:20261129050023');
    expect(after).toBe(before.replace(/D:20261129050023/g, 'D:19700101000000'));
    expect(finishPdf(original, meta, [{ title: 'A', page: 0 }])).toEqual(finished);
  });

  it('leaves out bookmarks for pages that do not exist', async () => {
    const file = path.join(tmp, 'few.pdf');
    writeFileSync(file, finishPdf(await chromiumLike(1), meta, [{ title: 'A', page: 0 }, { title: 'B', page: 5 }]));
    expect((await pdfStructure(file)).outline).toEqual([{ title: 'A', page: 0 }]);
  });

  it('refuses, clearly, a PDF it cannot update (an xref stream)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const compressed = await doc.save({ useObjectStreams: true });
    expect(() => finishPdf(compressed, meta, [])).toThrow(KamishibaiError);
    expect(() => finishPdf(compressed, meta, [])).toThrow(/could not add the title and bookmarks to the PDF Chromium wrote: not a classic xref table/);
  });
});

describe('dictionary entries', () => {
  it('reads values of every kind, nested, with delimiters inside strings', () => {
    const text = '<</Type /Catalog /Pages 3 0 R /Names <</Dests 9 0 R>> /Kids [4 0 R 5 0 R [1 2]] /T (a (b) \\) >> c) /H <FEFF0041> /N 12.5 /B true>>';
    expect([...dictEntries(text)]).toEqual([
      ['Type', '/Catalog'],
      ['Pages', '3 0 R'],
      ['Names', '<</Dests 9 0 R>>'],
      ['Kids', '[4 0 R 5 0 R [1 2]]'],
      ['T', '(a (b) \\) >> c)'],
      ['H', '<FEFF0041>'],
      ['N', '12.5'],
      ['B', 'true'],
    ]);
    expect(dictEntries(dictText(dictEntries(text)))).toEqual(dictEntries(text));
  });
});
