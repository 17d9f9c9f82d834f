// How long the talk takes to say: the notes read at the speaker's rate (characters a minute
// for Japanese, Chinese and Korean, words a minute otherwise), against the time the talk has
// (`time:`) and each part has (`partTimes:`). A warning says by how much it runs over.
import type { DeckConfig } from './config.js';
import { warning, type Diagnostic } from './errors.js';
import { htmlComments } from './markdown/comments.js';
import type { RawSlide } from './model.js';
import type { Slide } from './slides.js';

/** A slide without notes still takes this long to show and say a word about. */
export const SECONDS_WITHOUT_NOTES = 15;

const CJK = /^(ja|zh|ko)\b/i;

/** "20m", "90s", "1h30m", "1:30" (minutes:seconds) or "20" (minutes), in seconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 60;
  const clock = /^(\d+):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = /^(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min))?\s*(?:(\d+)\s*s)?$/.exec(t);
  if (!m || !(m[1] || m[2] || m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)} min${seconds % 60 >= 1 ? ` ${Math.round(seconds % 60)} s` : ''}`;

/** What one slide's notes take to say, in seconds. */
export function spokenSeconds(notes: string, lang: string, rate: number): number {
  // Comments are not said; Markdown marks are not words.
  let said = '';
  let at = 0;
  for (const c of htmlComments(notes)) {
    said += `${notes.slice(at, c.start)} `;
    at = c.end;
  }
  const text = `${said}${notes.slice(at)}`.replace(/[#*_`>[\]()-]/g, ' ');
  if (text.trim() === '') return SECONDS_WITHOUT_NOTES;
  const units = CJK.test(lang) ? [...text.replace(/[\s\p{P}]/gu, '')].length : text.split(/\s+/).filter(Boolean).length;
  return (units / rate) * 60;
}

/**
 * The warnings, and each slide's planned seconds: the time the talk (or its part) has, shared
 * among its slides as their notes share the spoken length. reveal.js's speaker view reads
 * them (data-timing) and shows, against its clock, whether the speaker is ahead or behind.
 */
export function checkTiming(deck: DeckConfig, slides: Slide[], raw: RawSlide[], file: string, keyLines: Record<string, number>): { diagnostics: Diagnostic[]; planned?: number[] } {
  if (!deck.time && deck.partTimes.length === 0) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const cjk = CJK.test(deck.lang);
  const rate = deck.speakingRate ? Number(deck.speakingRate) : cjk ? 300 : 140;
  if (!(rate > 0)) return { diagnostics: [warning(file, keyLines.speakingRate ?? 0, `speakingRate must be a number (${cjk ? 'characters' : 'words'} a minute), got "${deck.speakingRate}"`)] };
  const unit = cjk ? 'characters' : 'words';
  // Slides are rendered one for one from the raw slides, in order.
  let part = 0;
  const perSlide = slides.map((slide, i) => {
    part = slide.part ?? part;
    return { part, seconds: spokenSeconds(raw[i]?.notes ?? '', deck.lang, rate) };
  });
  const total = perSlide.reduce((sum, s) => sum + s.seconds, 0);
  const share = (indices: number[], seconds: number) => {
    const spoken = indices.reduce((sum, i) => sum + perSlide[i]!.seconds, 0);
    for (const i of indices) plan[i] = Math.max(1, Math.round((seconds * perSlide[i]!.seconds) / spoken));
  };
  const plan: number[] = perSlide.map((s) => Math.round(s.seconds));
  const talkTime = deck.time ? parseDuration(deck.time) : undefined;
  if (talkTime !== undefined) share(perSlide.map((_, i) => i), talkTime);
  if (deck.time) {
    const planned = talkTime;
    if (planned === undefined) diagnostics.push(warning(file, keyLines.time ?? 0, `time "${deck.time}" is not a duration; write it as 20m, 90s, 1h or 1:30`));
    else if (total > planned) {
      diagnostics.push(warning(file, keyLines.time ?? 0, `the talk runs long: its notes take about ${clock(total)} to say at ${rate} ${unit} a minute, over the ${clock(planned)} it has (time: ${deck.time}); cut the notes, or set speakingRate if you speak faster`));
    }
  }
  deck.partTimes.forEach((text, i) => {
    const planned = parseDuration(text);
    const name = deck.parts[i] ?? `part ${i + 1}`;
    if (planned === undefined) {
      diagnostics.push(warning(file, keyLines.partTimes ?? 0, `partTimes: "${text}" (${name}) is not a duration; write it as 5m, 90s or 1:30`));
      return;
    }
    const inPart = perSlide.flatMap((s, k) => (s.part === i + 1 ? [k] : []));
    const spoken = inPart.reduce((sum, k) => sum + perSlide[k]!.seconds, 0);
    if (inPart.length > 0) share(inPart, planned);
    if (spoken > planned) diagnostics.push(warning(file, keyLines.partTimes ?? 0, `part ${i + 1} (${name}) runs long: about ${clock(spoken)} of notes for the ${clock(planned)} it has`));
  });
  return { diagnostics, planned: plan };
}
