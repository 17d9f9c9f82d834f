// Which dialect reads a deck: reveal.js's when it sets a separator or is a reveal-md deck
// (reveal-md's front matter: revealOptions, separators; or --separator for a deck whose
// separators lived in an HTML page), else Kamishibai's own.
// Marp decks (`marp: true`) are read by dialects/marp.ts, chosen in readTalk because their
// front matter must be read as Marp's before the settings are resolved.
import type { DeckConfig } from '../config.js';
import type { Dialect, DialectName } from '../model.js';
import { kamishibai } from './kamishibai.js';
import { REVEAL_DEFAULTS, revealDialect } from './reveal.js';

/** reveal-md's own default vertical separator, used when a deck sets only `separator`. */
const REVEAL_MD_VERTICAL = '\\r?\\n----\\r?\\n';

/** Keys only reveal-md reads (Kamishibai's revealOptions and separators are reveal-md's too). */
const REVEAL_MD_KEYS = ['revealOptions', 'separator', 'verticalSeparator', 'notesSeparator', 'preprocessor', 'template', 'listingTemplate'];

/** Whether a deck's front matter is reveal-md's: it is then split as reveal-md splits, with its separators. */
export function isRevealMd(raw: Record<string, unknown>): boolean {
  return REVEAL_MD_KEYS.some((k) => Object.hasOwn(raw, k));
}

/**
 * A reveal-md deck's front matter as Kamishibai settings: the data-separator-* attributes some
 * decks set there reach reveal.js as its separators (reveal-md hands its options to the page).
 */
export function revealMdSettings(raw: Record<string, unknown>): Record<string, unknown> {
  const values = { ...raw };
  const names: [string, string][] = [['data-separator', 'separator'], ['data-separator-vertical', 'verticalSeparator'], ['data-separator-notes', 'notesSeparator']];
  for (const [attr, key] of names) {
    if (typeof raw[attr] !== 'string') continue;
    values[key] ??= raw[attr];
    delete values[attr];
  }
  return values;
}

export function dialectFor(deck: Partial<DeckConfig>, chosen?: Dialect, name?: DialectName, revealMd = false): Dialect {
  if (chosen) return chosen;
  if (name === 'kamishibai') return kamishibai;
  if (name !== 'reveal' && !revealMd && !deck.separator && !deck.verticalSeparator && !deck.notesSeparator) return kamishibai;
  return revealDialect({
    separator: deck.separator || REVEAL_DEFAULTS.separator,
    verticalSeparator: deck.verticalSeparator || REVEAL_MD_VERTICAL,
    notesSeparator: deck.notesSeparator || REVEAL_DEFAULTS.notesSeparator,
  });
}
