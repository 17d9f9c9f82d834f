// Kamishibai's own dialect: `---` between slides (not inside code fences), `Note:` for notes;
// a deck whose settings name reveal.js separators (from the project or --separator) is split
// as reveal.js splits, unless --dialect kamishibai says otherwise.
import { kamishibai } from '../kamishibai.js';
import { revealDialectFor } from '../reveal.js';
import { REVEAL_THEMES } from '../../foreign-keys.js';
import type { FrontEnd } from '../../model.js';

export const kamishibaiFrontEnd: FrontEnd = {
  name: 'kamishibai',
  claims: () => false,
  read: (raw, { named }) => ({
    values: raw,
    // A reveal.js theme by name (theme: night) marks a deck written for reveal.js (vscode-reveal,
    // a reveal.js page): keys Kamishibai does not know are then its own (logoImg), one warning.
    ...(typeof raw.theme === 'string' && Object.hasOwn(REVEAL_THEMES, raw.theme) ? { tool: 'reveal.js' } : {}),
    dialect(deck) {
      if (named || (!deck.separator && !deck.verticalSeparator && !deck.notesSeparator)) return kamishibai;
      return revealDialectFor(deck);
    },
  }),
};
