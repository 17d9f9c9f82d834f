// Which dialect reads a deck. Today there is one, Kamishibai's own; Marp (`marp: true`) and
// Slidev (a headmatter) decks will pick theirs here from the front matter.
import type { DeckConfig } from '../config.js';
import type { Dialect } from '../model.js';
import { kamishibai } from './kamishibai.js';

export function dialectFor(_front: Partial<DeckConfig>, chosen?: Dialect): Dialect {
  return chosen ?? kamishibai;
}
