// Marp's front matter read as Marp reads it: its global directives as Kamishibai settings,
// its local ones (`class`, `paginate`, `_class`...) as what the first slide starts with, its
// loose YAML, and which decks are Marp's at all. The split is marp.ts.
import { FIELDS, MAX_REPEATED_TEXT } from '../config.js';
import { suggestKey } from '../suggest.js';
import { error, warning, type Diagnostic } from '../errors.js';
import { withoutRemoteImports } from './marp-theme.js';

/** Marp's local directives, which a slide inherits from the slides before it. */
const LOCAL = ['paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize', 'color'] as const;
/** Global directives: meaningful in the front matter; in a comment, Marp applies them to the whole deck. */
export const GLOBAL = ['theme', 'style', 'headingDivider', 'size', 'math', 'title', 'author', 'description', 'image', 'keywords', 'url', 'lang', 'marp'];

/** Marp's three themes, drawn by Kamishibai's; `theme`: the deck's own theme CSS, which places the content itself. */
export type MarpLook = 'default' | 'gaia' | 'uncover' | 'theme';

export type Locals = Partial<Record<(typeof LOCAL)[number], string>>;

export interface MarpSettings {
  /** Front-matter values for Kamishibai's config. */
  values: Record<string, unknown>;
  locals: Locals;
  /** Scoped local directives in the front matter (`_class: lead`): the first slide's only. */
  firstSlide: Locals;
  headingDivider?: number[];
  /** A theme that is not one of Marp's own: looked up by name among the deck's CSS files (marp-theme.ts). */
  theme?: { name: string; line: number };
  /** Which of Marp's own themes the deck names: gaia keeps content at the top, the others centre it. */
  look: MarpLook;
  diagnostics: Diagnostic[];
}

export const isLocal = (key: string): key is (typeof LOCAL)[number] => (LOCAL as readonly string[]).includes(key);

const LOOSE = new RegExp(`^((?:(["']?)_?(?:${[...LOCAL, ...GLOBAL].filter((k) => k !== 'marp').join('|')})\\2)\\s*:)(\\s*)(.+)$`);

/**
 * Marp's loose YAML, line for line (Marpit's directives/yaml.js): a directive's value that
 * does not start with one of YAML's special characters is a string as written, so
 * `style: @import url(...)` reads. Used only where the YAML does not parse as it is.
 */
export function looseMarpYaml(yaml: string): string {
  return yaml
    .split('\n')
    .map((line) =>
      line.replace(LOOSE, (all, key: string, _quote: string, spaces: string, value: string) => {
        const trimmed = value.trim();
        return trimmed === '' || `["'{|>~&*`.includes(trimmed[0]!) ? all : `${key}${spaces}"${trimmed.split('"').join('\\"')}"`;
      }),
    )
    .join('\n');
}

/** Keys only Marp gives meaning to: a deck that has one, without `marp: true`, is a Marp deck (marp-cli reads every deck as one). */
const MARP_ONLY = ['paginate', 'headingDivider', 'header', 'size', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize'];

export function looksLikeMarp(front: Record<string, unknown>): boolean {
  return Object.keys(front).some((k) => MARP_ONLY.includes(k) || (k.startsWith('_') && isLocal(k.slice(1)))) || front.theme === 'gaia' || front.theme === 'uncover';
}

/** Marp's front matter as Kamishibai settings, and the local directives the first slide starts with. */
export function marpSettings(front: Record<string, unknown>, file: string, keyLines: Record<string, number>): MarpSettings {
  const values: Record<string, unknown> = {};
  const locals: Locals = {};
  const firstSlide: Locals = {};
  const diagnostics: Diagnostic[] = [];
  let headingDivider: number[] | undefined;
  let theme: MarpSettings['theme'];
  let look: MarpLook = 'default';
  // Keys Marp itself ignores (plain metadata such as version:) or reads for its HTML head only.
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(front)) {
    if (key === 'marp' || key === 'math') continue; // math is always KaTeX, at build time
    if (isLocal(key) && String(value).length > MAX_REPEATED_TEXT) diagnostics.push(tooLong(key, String(value), file, keyLines[key] ?? 0));
    else if (isLocal(key)) locals[key] = String(value);
    else if (key.startsWith('_') && isLocal(key.slice(1))) firstSlide[key.slice(1) as keyof Locals] = String(value);
    else if (key === 'theme' && typeof value === 'string' && ['default', 'gaia', 'uncover'].includes(value)) {
      // Marp's three looks are drawn by Kamishibai's default theme; `invert` and `lead` classes work.
      values.theme = 'kamishibai';
      look = value as MarpLook;
      if (value !== 'default') diagnostics.push(warning(file, keyLines.theme ?? 0, `Marp's "${value}" theme is drawn with Kamishibai's theme (classes lead and invert work); set theme: kamishibai-dark or a CSS file for another look`));
    } else if (key === 'theme' && typeof value === 'string' && !value.endsWith('.css')) theme = { name: value, line: keyLines.theme ?? 0 };
    else if (key === 'style' && typeof value === 'string' && value !== withoutRemoteImports(value)) {
      // marp-cli fetches these when it renders; a Kamishibai deck works offline.
      values.style = withoutRemoteImports(value);
      diagnostics.push(warning(file, keyLines.style ?? 0, 'style: @import from the network left out, as decks work offline; save the stylesheet beside the deck and @import it by its file name'));
    } else if (key === 'size') {
      if (value === '4:3' || value === '16:9') values.aspectRatio = value;
      else diagnostics.push(warning(file, keyLines.size ?? 0, `size "${String(value)}": Kamishibai slides are 16:9 or 4:3 (aspectRatio)`));
    } else if (key === 'headingDivider') headingDivider = dividerLevels(value);
    else if (Object.hasOwn(FIELDS, key)) values[key] = value;
    else ignored.push(key);
  }
  if (ignored.length > 0) diagnostics.push(ignoredKeys(ignored, file, keyLines));
  return { values, locals, firstSlide, look, ...(headingDivider ? { headingDivider } : {}), ...(theme ? { theme } : {}), diagnostics };
}

/** headingDivider's levels: N is every level down to N; a list names each (`[2, 3]`, in a comment as text). */
export function dividerLevels(value: unknown): number[] {
  const list = typeof value === 'string' && /^\s*\[.*\]\s*$/.test(value) ? value.trim().slice(1, -1).split(',') : value;
  const levels = (Array.isArray(list) ? list : [list]).map(Number).filter((n) => n >= 1 && n <= 6);
  const max = Array.isArray(list) ? undefined : levels[0];
  return max !== undefined ? Array.from({ length: max }, (_, i) => i + 1) : levels;
}

/** One warning for the Marp deck's keys Kamishibai leaves out, with the Kamishibai key each one may have meant. */
function ignoredKeys(keys: string[], file: string, keyLines: Record<string, number>): Diagnostic {
  const named = keys.map((k) => {
    const hint = suggestKey(k, Object.keys(FIELDS));
    return hint ? `${k} (did you mean ${hint}?)` : k;
  });
  return warning(file, keyLines[keys[0]!] ?? 0, `front-matter key${keys.length > 1 ? 's' : ''} ${named.join(', ')}: not a setting Kamishibai uses (Marp ignores ${keys.length > 1 ? 'them or puts them' : 'it or puts it'} in the page's head); left out`);
}

/** A directive every later slide inherits, too long to repeat on each (a 100 KB footer on 300 slides: a 30 MB page). */
export function tooLong(key: string, value: string, file: string, line: number): Diagnostic {
  return error(file, line, `"${key}" is ${value.length} characters long; every slide after it repeats it, so Kamishibai takes up to ${MAX_REPEATED_TEXT} (write it as _${key} for one slide)`);
}
