// reveal.js's and reveal-md's decks: a reveal-md front matter (revealOptions, separators),
// split as reveal.js's markdown plugin splits, with reveal-md's separators by default.
import { revealDialectFor } from '../reveal.js';
import type { FrontEnd } from '../../model.js';

/** Keys only reveal-md reads (Kamishibai's revealOptions and separators are reveal-md's too). */
const REVEAL_MD_KEYS = ['revealOptions', 'separator', 'verticalSeparator', 'notesSeparator', 'preprocessor', 'template', 'listingTemplate'];

/** Whether a deck's front matter is reveal-md's: it is then split as reveal-md splits, with its separators. */
function isRevealMd(raw: Record<string, unknown>): boolean {
  return REVEAL_MD_KEYS.some((k) => Object.hasOwn(raw, k));
}

/**
 * A reveal-md deck's front matter as Kamishibai settings: the data-separator-* attributes some
 * decks set there reach reveal.js as its separators (reveal-md hands its options to the page).
 */
function revealMdSettings(raw: Record<string, unknown>): Record<string, unknown> {
  const values = { ...raw };
  const names: [string, string][] = [['data-separator', 'separator'], ['data-separator-vertical', 'verticalSeparator'], ['data-separator-notes', 'notesSeparator']];
  for (const [attr, key] of names) {
    if (typeof raw[attr] !== 'string') continue;
    values[key] ??= raw[attr];
    delete values[attr];
  }
  return values;
}

export const revealFrontEnd: FrontEnd = {
  name: 'reveal',
  claims: (raw) => (isRevealMd(raw) ? 'looks' : false),
  read: (raw) => ({
    ...(isRevealMd(raw) ? { values: revealMdSettings(raw), tool: 'reveal-md' } : { values: raw }),
    dialect: (deck) => revealDialectFor(deck),
  }),
};
