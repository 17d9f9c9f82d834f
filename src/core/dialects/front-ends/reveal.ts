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

/**
 * reveal-md reads front matter with js-yaml, which takes a quoted value running over lines that
 * are not indented (a long description:); the YAML spec and Kamishibai's parser want them
 * indented under the key. Indents them, line count unchanged, for the parse to be tried again.
 */
export function indentQuotedLines(yaml: string): string {
  // An unescaped " closes a double-quoted value; in single quotes, '' is a quote inside.
  const closes = (quote: string, text: string) => (quote === '"' ? /(^|[^\\])(\\\\)*"/.test(text) : text.replace(/''/g, '').includes("'"));
  let quote: string | undefined;
  return yaml
    .split('\n')
    .map((line) => {
      if (quote) {
        const out = /^\s/.test(line) ? line : `  ${line}`;
        if (closes(quote, line)) quote = undefined;
        return out;
      }
      const open = /^[\w-]+\s*:\s*(["'])(.*)$/.exec(line);
      if (open) {
        if (!closes(open[1]!, open[2]!)) quote = open[1];
      }
      return line;
    })
    .join('\n');
}

export const revealFrontEnd: FrontEnd = {
  name: 'reveal',
  claims: (raw) => (isRevealMd(raw) ? 'looks' : false),
  looseYaml: (yaml, named) => (named || REVEAL_MD_KEYS.some((k) => new RegExp(`^${k}\\s*:`, 'm').test(yaml)) ? indentQuotedLines(yaml) : undefined),
  read: (raw) => ({
    ...(isRevealMd(raw) ? { values: revealMdSettings(raw), tool: 'reveal-md' } : { values: raw }),
    dialect: (deck) => revealDialectFor(deck),
  }),
};
