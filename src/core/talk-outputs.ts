// The files a run adds to a talk beside its deck page without a browser, one entry each:
// the run option that asks for it (RunOptions, from cli/options.ts) and how it is made from
// the rendered talk. Another such output is one module and one line in TALK_OUTPUTS. The
// outputs drawn on the print page (PDFs, og.png, PNGs, pptx) are made by browser/print.ts.
import type { DeckConfig } from './config.js';
import { renderDeckPage } from './deck.js';
import { diagnostic, type Diagnostic } from './errors.js';
import type { OutputFile, RawSlide, TalkFile } from './model.js';
import { notesDocument } from './notes-text.js';
import { talkFiles } from './outputs.js';
import { inlineDeck, MAX_INLINE_BYTES } from './single-file.js';
import type { Slide } from './slides.js';
import type { Templates } from './templates.js';

/** A talk rendered: what an output is made from. */
export interface RenderedTalk {
  slug: string;
  /** The deck file as messages show it. */
  file: string;
  deck: DeckConfig;
  slides: Slide[];
  raw: RawSlide[];
  templates: Templates;
  /** The talk's files so far: the deck page, its assets, and the outputs before this one. */
  files: TalkFile[];
  /** Reads a copied file's bytes (BuildEnv.readFile), for an output that must hold them. */
  readFile(file: string): Promise<Uint8Array>;
}

export interface TalkOutput {
  /** The run option that asks for it. */
  option: string;
  make(talk: RenderedTalk): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }>;
}

/** --notes: each slide's title and notes as Markdown (notes-text.ts). */
const notes: TalkOutput = {
  option: 'notes',
  make: async (t) => ({ files: [{ path: talkFiles(t.slug).notes, data: notesDocument(t.deck, t.slides, t.raw) }], diagnostics: [] }),
};

/** --single-file: the deck page with its fonts, images and script inlined (single-file.ts). */
const singleFile: TalkOutput = {
  option: 'singleFile',
  async make(t) {
    // Only what may go in is read: a file over the limit is named, not loaded.
    const inline = await Promise.all(t.files.map(async (f) => ('from' in f && f.size <= MAX_INLINE_BYTES ? { path: f.path, data: await t.readFile(f.from) } : f)));
    // Without the PDF links: alone on a USB stick, there is no PDF beside it.
    const single = inlineDeck(renderDeckPage(t.templates, t.deck, t.slides, {}), inline);
    const lineOf = (ref: string) => t.slides.flatMap((s) => s.assets).find((a) => a.src === ref)?.line ?? 0;
    const diagnostics = single.problems.map((p) => diagnostic(p.severity, t.file, lineOf(p.ref), `--single-file: ${p.message}`));
    const failed = diagnostics.some((d) => d.severity === 'error');
    return { files: failed ? [] : [{ path: talkFiles(t.slug).singleFile, data: single.html }], diagnostics };
  },
};

/** In the order they are made: a later one may use an earlier one's files. */
export const TALK_OUTPUTS: readonly TalkOutput[] = [notes, singleFile];
