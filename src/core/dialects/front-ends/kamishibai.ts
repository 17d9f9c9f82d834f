// Kamishibai's own dialect: `---` between slides (not inside code fences), `Note:` for notes;
// a deck whose settings name reveal.js separators (from the project or --separator) is split
// as reveal.js splits, unless --dialect kamishibai says otherwise.
import { kamishibai } from '../kamishibai.js';
import { revealDialectFor } from '../reveal.js';
import type { FrontEnd } from '../../model.js';

export const kamishibaiFrontEnd: FrontEnd = {
  name: 'kamishibai',
  claims: () => false,
  read: (raw, { named }) => ({
    values: raw,
    dialect(deck) {
      if (named || (!deck.separator && !deck.verticalSeparator && !deck.notesSeparator)) return kamishibai;
      return revealDialectFor(deck);
    },
  }),
};
