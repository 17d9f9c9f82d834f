// <talk>.pptx from the print page: measured (pptx.ts), written (pptx/write.ts), then dated,
// its notes kept as paragraphs and the deck's fonts embedded (pptx/finish.ts). For `check`,
// measured only: what would become a picture, what XML cannot hold.
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { DeckConfig } from '../core/config.js';
import { finishPptx } from '../pptx/finish.js';
import { writePptx } from '../pptx/write.js';
import { embeddedFonts, joinDeckFonts } from '../pptx/fonts.js';
import type { Item, Paragraph } from '../pptx/model.js';
import { measurePptx, type PptxMeasure } from './pptx.js';
import { slideSize } from '../core/config.js';

export interface PptxReport {
  pictured: PptxMeasure['pictured'];
  dropped: PptxMeasure['dropped'];
}

/** The CJK family PowerPoint draws kana, hanzi and hangul in: the one the deck's language leads with. */
export function cjkFamily(lang: string): string {
  if (/^ko\b/i.test(lang)) return 'Noto Sans KR';
  if (/^zh-(Hant|TW|HK|MO)\b/i.test(lang)) return 'Noto Sans TC';
  if (/^zh\b/i.test(lang)) return 'Noto Sans SC';
  return 'Noto Sans JP';
}

/** What a run does with a deck's PowerPoint: write it, measure it for check's report, or leave it out. */
export type PptxMode = 'write' | 'measure' | 'skip';

export async function exportPptx(
  page: Page,
  options: { dir: string; deck: DeckConfig; date?: Date; pptx: PptxMode },
  meta: { title: string; author: string; subject: string },
): Promise<{ data?: Uint8Array; report: PptxReport }> {
  const measured = await measurePptx(page, cjkFamily(options.deck.lang));
  const report = { pictured: measured.pictured, dropped: measured.dropped };
  // `check` measures for its report and writes nothing.
  if (options.pptx !== 'write') return { report };
  const { width, height } = slideSize(options.deck);
  const written = await writePptx({
    ...meta,
    lang: options.deck.lang,
    width,
    height,
    slides: measured.slides,
    notes: measured.notes,
  });
  const fonts = embeddedFonts(await joinDeckFonts(path.join(options.dir, 'assets'), usedFamilies(measured.slides.flatMap((s) => s.items))));
  const pngs = new Map(measured.slides.flatMap((s) => s.items).flatMap((i) => (i.kind === 'picture' && i.svg && i.png ? [[i.svg, i.png] as const] : [])));
  return { data: await finishPptx(written, { date: options.date ?? new Date(), lang: options.deck.lang, fonts, pngs }), report };
}

function usedFamilies(items: Item[]): Set<string> {
  const paragraphs: Paragraph[] = items.flatMap((i) => (i.kind === 'text' ? i.paragraphs : i.kind === 'table' ? i.rows.flat().flatMap((c) => c.paragraphs) : []));
  return new Set(paragraphs.flatMap((p) => p.runs.map((r) => r.font)));
}
