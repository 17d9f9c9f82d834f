// Which dialect reads a deck: reveal.js's when it sets a separator (reveal-md's front matter,
// or --separator for a deck whose separators lived in an HTML page), else Kamishibai's own.
// Marp (`marp: true`) and Slidev (a headmatter) decks will pick theirs here too.
import type { DeckConfig } from '../config.js';
import type { Dialect } from '../model.js';
import { kamishibai } from './kamishibai.js';
import { REVEAL_DEFAULTS, revealDialect } from './reveal.js';

/** reveal-md's own default vertical separator, used when a deck sets only `separator`. */
const REVEAL_MD_VERTICAL = '\\r?\\n----\\r?\\n';

export function dialectFor(deck: Partial<DeckConfig>, chosen?: Dialect): Dialect {
  if (chosen) return chosen;
  if (!deck.separator && !deck.verticalSeparator && !deck.notesSeparator) return kamishibai;
  return revealDialect({
    separator: deck.separator || REVEAL_DEFAULTS.separator,
    verticalSeparator: deck.verticalSeparator || REVEAL_MD_VERTICAL,
    notesSeparator: deck.notesSeparator || REVEAL_DEFAULTS.notesSeparator,
  });
}
