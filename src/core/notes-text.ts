// `--notes`: the talk's notes as one Markdown file (<talk>-notes.md), each slide's title and
// its notes as written, for transcripts, captions and translators.
import type { DeckConfig } from './config.js';
import type { RawSlide } from './model.js';
import type { Slide } from './slides.js';
import { slideName } from './slide-name.js';

export function notesDocument(deck: DeckConfig, slides: Slide[], raw: RawSlide[]): string {
  const about = [deck.subtitle, [deck.author, deck.event, deck.date].filter(Boolean).join(' · ')].filter(Boolean);
  const parts = [`# ${deck.title}`, ...about];
  slides.forEach((slide, i) => {
    // Slides are rendered one for one from the raw slides, in order.
    const source = raw[i];
    parts.push(`## ${i + 1}. ${slideName(slide, deck.title)}`);
    if (source?.notes.trim()) parts.push(source.notes.trim());
  });
  return `${parts.join('\n\n')}\n`;
}
