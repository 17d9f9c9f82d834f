// One typed schema for a deck's front matter and the project config file, with defaults.
// Precedence (settled in resolveDeckConfig): CLI flags > front matter > config file > defaults.
import { decodeHTML } from 'entities';
import { foreignKey } from './foreign-keys.js';
import { checkRevealOptions } from './reveal-options.js';
import { suggestKey } from './suggest.js';
import { compileSeparator } from './dialects/pattern.js';

export { suggestKey } from './suggest.js';

type FieldType = 'string' | 'boolean' | 'string|boolean' | 'string[]' | 'regex' | 'object';

interface Field {
  type: FieldType;
  /** Allowed values, when the field is an enumeration. */
  values?: readonly string[];
  default: unknown;
  doc: string;
  /** Text repeated on every slide: its length (a list: its count and each item's length) is capped, so the page grows with the deck, not with text x slides. */
  repeated?: true;
}

/** A footer, a header, a part's name: shown on every slide, so a long one multiplies the page. */
export const MAX_REPEATED_TEXT = 500;
/**
 * Parts in the "where are we" marker, which every slide of a part shows in full, names and
 * markup: more than 20 cannot be read on one line, and their names together are capped like
 * one footer, so a slide's marker stays under ~1.5 KB however the deck is written.
 */
export const MAX_PARTS = 20;

/**
 * The footer and the part names, as HTML, times the slides that draw them: a deck of 20,000
 * one-letter slides with a 500-character footer made a 53 MB page from 160 KB. 4 MB of
 * repeated text is a 500-character footer on 8,000 slides.
 */
export const MAX_REPEATED_TOTAL = 4_000_000;

/** The footer's problem when it is drawn on too many slides for its length; undefined when it is not. */
export function repeatedOnSlides(deck: DeckConfig, slides: number): string | undefined {
  const html = (text: string) => text.replace(/[&<>"']/g, '&amp;').length;
  const each = html(deck.footer) + deck.parts.reduce((n, name) => n + html(name), 0);
  if (each * slides <= MAX_REPEATED_TOTAL) return undefined;
  return `the footer${deck.parts.length > 0 ? ' and the part names' : ''} (${each} characters as HTML) would be drawn on each of ${slides} slides, ${Math.round((each * slides) / 1e6)} MB of page; shorten ${deck.parts.length > 0 ? 'them' : 'it'} to ${Math.floor(MAX_REPEATED_TOTAL / slides)} characters for this many slides`;
}

/** Every front-matter key: its type, its default and what it does. DeckConfig is derived from it. */
export const FIELDS = {
  title: { type: 'string', default: '', doc: 'Talk title: <title>, title slide, PDF metadata, index page.' },
  subtitle: { type: 'string', default: '', doc: 'Shown under the title on the title slide.' },
  author: { type: 'string', default: '', doc: 'Speaker name(s): title slide, PDF author.' },
  date: { type: 'string', default: '', doc: 'Date of the talk, e.g. 2026-12-05.' },
  event: { type: 'string', default: '', doc: 'Event or meetup name: title slide, footer, handout header.' },
  description: { type: 'string', default: '', doc: 'One-sentence summary for <meta description> and Open Graph.' },
  url: { type: 'string', default: '', doc: 'Public URL of the deck, for og:url.' },
  lang: { type: 'string', default: 'en', doc: 'BCP 47 language of the deck: sets <html lang> (ja picks Japanese glyphs).' },
  theme: { type: 'string', default: 'kamishibai', doc: 'kamishibai, kamishibai-dark, a reveal.js theme (white, moon...), or a CSS file relative to the deck.' },
  aspectRatio: { type: 'string', values: ['16:9', '4:3', '16:10'], default: '16:9', doc: 'Slide shape; height is always 720 px.' },
  transition: { type: 'string', values: ['none', 'fade', 'slide', 'convex', 'concave', 'zoom'], default: 'slide', doc: 'reveal.js slide transition.' },
  slideNumber: { type: 'string|boolean', default: 'c/t', doc: 'Show slide numbers: true, false, or a reveal.js format such as "c/t".' },
  fragments: { type: 'boolean', default: false, doc: 'Reveal list items one by one on every slide.' },
  controls: { type: 'boolean', default: true, doc: 'Show the arrow controls.' },
  progress: { type: 'boolean', default: true, doc: 'Show the progress bar.' },
  css: { type: 'string', default: '', doc: 'Extra CSS file, relative to the deck, loaded after the theme: set its custom properties (--accent, --bg...) there.' },
  style: { type: 'string', default: '', doc: "CSS written in the front matter (Marp's style), loaded after the theme and css; url()s in it are relative to the deck." },
  footer: { type: 'string', default: '', repeated: true, doc: 'Text in the footer of every slide (event name, hashtag).' },
  logo: { type: 'string', default: '', doc: 'Image shown in the corner of every slide, relative to the deck.' },
  pdf: { type: 'boolean', default: true, doc: 'Export the slide PDF and the handout for this deck.' },
  pptx: { type: 'boolean', default: false, doc: 'Also export <talk>.pptx: an editable PowerPoint file (text, lists, tables, notes, fonts embedded), made from the slides as the PDF draws them.' },
  handout: { type: 'string', values: ['article', 'notes', 'grid'], default: 'article', doc: 'The handout: article (the talk to read: each slide beside its notes, flowing page to page), notes (a page a slide, its notes under it) or grid (three slides a page, each beside lines for writing).' },
  paper: { type: 'string', values: ['', 'A4', 'Letter'], default: '', doc: 'The handout\'s paper: A4 or Letter; by default Letter for en-US, en-CA, es-US and fr-CA, else A4.' },
  highlightTheme: { type: 'string', default: 'auto', doc: 'Code colours: auto (follows the theme: dark for a dark theme), light, dark, or a highlight.js style by name (monokai, github-dark, base16/zenburn...), as reveal-md takes it.' },
  separator: { type: 'regex', default: '', doc: 'reveal.js/reveal-md slide separator, a regular expression (e.g. "^\\n\\n\\n"); reads the deck as reveal.js does.' },
  verticalSeparator: { type: 'regex', default: '', doc: 'reveal.js/reveal-md vertical slide separator, a regular expression; default with separator: "\\r?\\n----\\r?\\n".' },
  notesSeparator: { type: 'regex', default: '', doc: 'reveal.js/reveal-md speaker-notes separator, a regular expression; default "^s*notes?:" as in reveal.js.' },
  revealOptions: { type: 'object', default: {}, doc: 'reveal.js settings, as reveal-md takes them (e.g. { transition: fade, loop: true }); each key checked against reveal.js.' },
  scripts: { type: 'string[]', default: [], doc: 'JavaScript files next to the deck (reveal-md scripts), loaded after reveal.js in the deck page and copied with it.' },
  parts: { type: 'string[]', default: [], repeated: true, doc: 'Names of the parts of the talk, for the "where are we" marker; a slide joins part N with <!-- part: N -->.' },
  time: { type: 'string', default: '', doc: 'The time the talk has (20m, 5m, 1h, 90s): the build estimates the spoken length from the notes and warns when it runs over.' },
  partTimes: { type: 'string[]', default: [], doc: 'The time each part has, in the order of parts (e.g. [2m, 8m, 8m, 2m]); each part\'s notes are checked against it.' },
  speakingRate: { type: 'string', default: '', doc: 'How fast you speak: characters a minute for ja, zh and ko (default 300), words a minute otherwise (default 140).' },
} as const satisfies Record<string, Field>;

export type DeckKey = keyof typeof FIELDS;

/** The value a field holds: one of its values for an enumeration, else what its type says. */
type ValueOf<F> = F extends { values: readonly (infer V)[] }
  ? V
  : F extends { type: 'boolean' }
    ? boolean
    : F extends { type: 'string|boolean' }
      ? string | boolean
      : F extends { type: 'string[]' }
        ? string[]
        : F extends { type: 'object' }
          ? Record<string, unknown>
          : string;

export type DeckConfig = { -readonly [K in DeckKey]: ValueOf<(typeof FIELDS)[K]> };

export const DEFAULTS = Object.fromEntries(Object.entries(FIELDS).map(([key, field]) => [key, field.default])) as DeckConfig;

const HEIGHT = 720;
const WIDTHS: Record<DeckConfig['aspectRatio'], number> = { '16:9': 1280, '4:3': 960, '16:10': 1152 };

export function slideSize(config: DeckConfig): { width: number; height: number } {
  return { width: WIDTHS[config.aspectRatio], height: HEIGHT };
}

export interface KeyProblem {
  key: string;
  message: string;
  /** Default error; a key another tool defines is a warning. */
  severity?: 'warning';
}


function typeOk(field: Field, value: unknown): boolean {
  switch (field.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'string|boolean':
      return typeof value === 'string' || typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'regex':
      return typeof value === 'string' && regexProblem(value) === undefined;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * Why a separator pattern from a deck may not be used: it does not compile, it matches empty
 * text, or it needs what the linear-time matcher lacks (dialects/pattern.ts).
 */
export function regexProblem(source: string): string | undefined {
  const compiled = compileSeparator(source);
  return typeof compiled === 'string' ? compiled : undefined;
}

/** Strings with a shape of their own, checked before any page or browser uses them. */
const SHAPES: Record<string, (value: string) => string | undefined> = {
  lang: (v) => {
    try {
      Intl.getCanonicalLocales(v);
      return undefined;
    } catch {
      return `"lang" must be a BCP 47 language tag such as en, ja or pt-BR, got ${JSON.stringify(v.slice(0, 60))}`;
    }
  },
  url: (v) =>
    URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)
      ? undefined
      : `"url" must be the talk's public address, starting with https:// or http://, got ${JSON.stringify(v.slice(0, 80))}`,
};

/**
 * Check raw front matter (or config) against the schema. Returns the valid part and one
 * problem per bad key; callers attach file and line. `tool` names the deck's own tool (Marp,
 * Slidev, reveal-md) when the deck is another tool's: keys neither it nor Kamishibai define are
 * then its themes' and addons' (growSeed, logos, coverAuthor...), which that tool carries on
 * past, so they are one warning listing them, not errors.
 */
export function validateDeckFields(raw: Record<string, unknown>, tool?: string): {
  values: Partial<DeckConfig>;
  problems: KeyProblem[];
} {
  const values: Record<string, unknown> = {};
  const problems: KeyProblem[] = [];
  const known = Object.keys(FIELDS);
  const others: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    // Own keys only: `constructor` or `toString` in a deck are typos, not Object's methods.
    const field: Field | undefined = Object.hasOwn(FIELDS, key) ? (FIELDS as Record<string, Field>)[key] : undefined;
    const foreign = field ? undefined : foreignKey(key);
    if (foreign) {
      problems.push({ key, message: foreign, severity: 'warning' });
      continue;
    }
    if (!field && tool) {
      others.push(key);
      continue;
    }
    if (!field) {
      const hint = suggestKey(key, known);
      problems.push({
        key,
        message: `unknown front-matter key "${key}"${hint ? `; did you mean "${hint}"?` : `; known keys: ${known.join(', ')}`}`,
      });
      continue;
    }
    // YAML reads a bare number (a year, 2026) where a string is wanted: accept it as text.
    // YAML reads 20 and [2, 5] as numbers; string settings take them as written.
    const coerced =
      field.type === 'string' && typeof value === 'number' ? String(value) : field.type === 'string[]' && Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? String(v) : v)) : value;
    const problem = valueProblem(key, field, coerced, value);
    if (problem) {
      problems.push({ key, message: problem });
      continue;
    }
    const tooLong = field.repeated ? repeatedProblem(key, coerced as string | string[]) : undefined;
    if (tooLong) {
      problems.push({ key, message: tooLong });
      // The build fails on it; its slides are still checked against as many (nameless) parts as
      // Kamishibai takes, so each `<!-- part: N -->` is not reported again as naming no part.
      if (Array.isArray(coerced)) values[key] = coerced.slice(0, MAX_PARTS).map(() => '');
      continue;
    }
    if (key === 'revealOptions') {
      const { passed, problems: dropped } = checkRevealOptions(coerced as Record<string, unknown>);
      for (const message of dropped) problems.push({ key, message, severity: 'warning' });
      values[key] = passed;
      continue;
    }
    values[key] = coerced;
  }
  if (others.length > 0) problems.push({ key: others[0]!, message: othersMessage(others, tool!, known), severity: 'warning' });
  return { values: values as Partial<DeckConfig>, problems };
}

/** Why a value (YAML's numbers taken as text: `coerced`) does not fit its field: its type, its pattern, its choices, its shape. */
function valueProblem(key: string, field: Field, coerced: unknown, value: unknown): string | undefined {
  const badPattern = field.type === 'regex' && typeof coerced === 'string' ? regexProblem(coerced) : undefined;
  if (badPattern) return `"${key}" must be a regular expression reveal.js can use: ${badPattern}`;
  if (!typeOk(field, coerced)) return `"${key}" must be ${describeType(field)}, got ${JSON.stringify(value)}`;
  if (field.values && typeof coerced === 'string' && !field.values.includes(coerced)) {
    const hint = suggestKey(coerced, field.values);
    return `"${key}" must be one of ${field.values.map((v) => `"${v}"`).join(', ')}, got "${coerced}"${hint ? `; did you mean "${hint}"?` : ''}`;
  }
  return typeof coerced === 'string' && coerced !== '' ? SHAPES[key]?.(coerced) : undefined;
}

function othersMessage(keys: string[], tool: string, known: string[]): string {
  const named = keys.map((k) => {
    const hint = suggestKey(k, known);
    return `"${k}"${hint && hint !== k ? ` (Kamishibai's nearest is "${hint}")` : ''}`;
  });
  const list = named.length > 12 ? `${named.slice(0, 12).join(', ')} and ${named.length - 12} more` : named.join(', ');
  return `${list} ${keys.length > 1 ? 'are' : 'is'} not ${keys.length > 1 ? 'settings' : 'a setting'} of Kamishibai; ${tool} or its theme and addons may read ${keys.length > 1 ? 'them' : 'it'}, Kamishibai leaves ${keys.length > 1 ? 'them' : 'it'} out`;
}

function repeatedProblem(key: string, value: string | string[]): string | undefined {
  if (typeof value === 'string') {
    return value.length > MAX_REPEATED_TEXT ? `"${key}" is ${value.length} characters long; it is drawn on every slide, so Kamishibai takes up to ${MAX_REPEATED_TEXT}` : undefined;
  }
  if (value.length > MAX_PARTS) return `"${key}" lists ${value.length} parts; every slide of a part shows them all, so Kamishibai takes up to ${MAX_PARTS}`;
  const total = value.reduce((sum, v) => sum + v.length, 0);
  return total > MAX_REPEATED_TEXT ? `the names in "${key}" are ${total} characters in all; every slide of a part shows them all, so Kamishibai takes up to ${MAX_REPEATED_TEXT} in all (shorten them: the marker is one line)` : undefined;
}

function describeType(field: Field): string {
  if (field.values) return `one of ${field.values.map((v) => `"${v}"`).join(', ')}`;
  switch (field.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'string|boolean':
      return 'true, false or a string';
    case 'string[]':
      return 'a list of strings';
    case 'regex':
      return 'a regular expression (as reveal.js takes it; escape \\ in YAML double quotes)';
    case 'object':
      return 'key: value lines, indented under it';
  }
}

/** Project-wide settings (kamishibai.config.ts). */
export interface ProjectConfig {
  /** Defaults for every deck's front matter. */
  deck?: Partial<DeckConfig>;
}

/** Typed helper for kamishibai.config.ts. */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}

/** Merge in precedence order: flags > front matter > project config > defaults. */
export function resolveDeckConfig(
  frontMatter: Partial<DeckConfig>,
  project: Partial<DeckConfig> = {},
  flags: Partial<DeckConfig> = {},
): DeckConfig {
  const deck = { ...DEFAULTS, ...project, ...frontMatter, ...flags };
  // Text shown as text (title, meta tags, PDF metadata): entities written in it, as reveal-md
  // decks do, are characters, so that they are escaped once and never show as "&amp;rarr;".
  for (const key of ['title', 'subtitle', 'author', 'event', 'description', 'footer'] as const) deck[key] = decodeHTML(deck[key]);
  return deck;
}
