// Which dialect reads a deck: reveal.js's when it sets a separator (reveal-md's front matter,
// or --separator for a deck whose separators lived in an HTML page), else Kamishibai's own.
// Marp decks (`marp: true`) are read by dialects/marp.ts, chosen in readTalk because their
// front matter must be read as Marp's before the settings are resolved.
import type { DeckConfig } from '../config.js';
import type { Dialect, DialectName } from '../model.js';
import { kamishibai } from './kamishibai.js';
import { REVEAL_DEFAULTS, revealDialect } from './reveal.js';

/** reveal-md's own default vertical separator, used when a deck sets only `separator`. */
const REVEAL_MD_VERTICAL = '\\r?\\n----\\r?\\n';

export function dialectFor(deck: Partial<DeckConfig>, chosen?: Dialect, name?: DialectName): Dialect {
  if (chosen) return chosen;
  if (name === 'kamishibai') return kamishibai;
  if (name !== 'reveal' && !deck.separator && !deck.verticalSeparator && !deck.notesSeparator) return kamishibai;
  return revealDialect({
    separator: deck.separator || REVEAL_DEFAULTS.separator,
    verticalSeparator: deck.verticalSeparator || REVEAL_MD_VERTICAL,
    notesSeparator: deck.notesSeparator || REVEAL_DEFAULTS.notesSeparator,
  });
}
