// The files a deck refers to: images, backgrounds and embedded pages with what they link
// (checked and copied),
// its theme, its own CSS and its logo. Each must be a file inside the talk's folder
// (adapters/confine.ts); each one that is not is an error with the line that names it.
import type { DeckConfig } from './config.js';
import { error, warning, type Checked, type Diagnostic } from './errors.js';
import { isPage, isStylesheet, pageLinks } from './page-links.js';
import { REVEAL_THEMES } from './foreign-keys.js';
import { suggestKey } from './suggest.js';
import type { BuildEnv, StyleInput, TalkFile } from './model.js';
import type { Slide } from './slides.js';

/** Where a file from above the talk's folder (allowed by --root) is published, beside the deck (adapters/confine.ts). */
export const ROOT_COPY = '_root';

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)([?#].*)?$/i;

/** Local files the slides name: each must be inside the talk's folder; copied beside index.html at the same relative path. */
export async function collectMedia(
  slides: Slide[],
  deck: DeckConfig,
  deckDir: string,
  file: string,
  lines: { logo: number; scripts: number },
  env: BuildEnv,
  generated: (rel: string) => string | undefined = () => undefined,
): Promise<Checked<TalkFile[]> & { moved: Map<string, string> }> {
  const diagnostics: Diagnostic[] = [];
  // What the slides name from above the talk's folder, and where the copy is: the page must say so.
  const moved = new Map<string, string>();
  const wanted = new Map<string, { line: number; file?: string }>();
  for (const s of slides) for (const a of s.assets) if (!wanted.has(a.src)) wanted.set(a.src, a);
  if (deck.logo) wanted.set(deck.logo, { line: lines.logo });
  for (const script of deck.scripts) wanted.set(script, { line: lines.scripts });
  const files = new Map<string, TalkFile>();
  // Files to reach: those the slides name, then what the pages and stylesheets among them name.
  const queue = [...wanted].sort(([a], [b]) => a.localeCompare(b)).map(([src, at]) => ({ src, at, from: '' }));
  const asked = new Set(queue.map((q) => q.src));
  for (let i = 0; i < queue.length; i++) {
    const { src, at, from } = queue[i]!;
    // Said in the file that names it (a Slidev page brought in by src:), else the deck.
    const [where, line] = [at.file ?? file, at.line];
    const what = from ? `"${from}" links a file,` : src === deck.logo ? 'logo' : deck.scripts.includes(src) ? 'script' : IMAGE.test(src) ? 'image' : 'file';
    const reached = await env.reach(deckDir, src, what);
    if ('problem' in reached) {
      diagnostics.push(error(where, line, reached.problem));
      continue;
    }
    if (!from && reached.rel.startsWith(`${ROOT_COPY}/`)) moved.set(src, `${encodeURI(reached.rel)}${/[?#].*$/.exec(src)?.[0] ?? ''}`);
    if (files.has(reached.rel)) continue;
    // Copied to the path of a file the build writes, it would race that file (or replace it).
    const made = generated(reached.rel);
    if (made) {
      diagnostics.push(error(where, line, `${what} "${src}" is at ${reached.rel}, where the build writes ${made}; rename it (and the link to it)`));
      continue;
    }
    // Media are copied as they are, never read here: a video may be larger than memory.
    if (!isPage(reached.rel) && !isStylesheet(reached.rel)) {
      files.set(reached.rel, { path: reached.rel, from: reached.file, size: reached.size });
      continue;
    }
    const data = await env.readFile(reached.file);
    files.set(reached.rel, { path: reached.rel, data });
    // An embedded page is published whole: what it loads and links, checked the same way.
    const links = pageLinks(new TextDecoder().decode(data), reached.rel);
    for (const url of links.fileUrls) diagnostics.push(error(where, line, `"${reached.rel}" names "${url}", a file: URL; a deck may only use files in its own folder`));
    for (const url of links.remote) diagnostics.push(warning(where, line, `"${reached.rel}" loads "${url}" from the network, and decks must work offline: save it in the talk's folder and link it relatively`));
    // Each address once: a page naming one file a thousand times is one file to reach.
    for (const local of links.local) {
      if (asked.has(local)) continue;
      asked.add(local);
      queue.push({ src: local, at, from: reached.rel });
    }
  }
  return { value: [...files.values()], diagnostics, moved };
}

/** Slides that name the files `moved` (from above the talk's folder) by the copies' places. */
export function renamedFiles<T extends { html: string; handoutHtml?: string; attrs: Record<string, string> }>(slides: T[], moved: Map<string, string>): T[] {
  if (moved.size === 0) return slides;
  const swap = (text: string) => {
    let out = text;
    for (const [src, rel] of [...moved].sort(([a], [b]) => b.length - a.length)) out = out.split(src).join(rel).split(src.replace(/&/g, '&amp;')).join(rel.replace(/&/g, '&amp;'));
    return out;
  };
  return slides.map((s) => ({
    ...s,
    html: swap(s.html),
    ...(s.handoutHtml !== undefined ? { handoutHtml: swap(s.handoutHtml) } : {}),
    attrs: Object.fromEntries(Object.entries(s.attrs).map(([k, v]) => [k, swap(v)])),
  }));
}

/** A theme or CSS file the front matter names, inside the talk's folder. */
export async function localFile(name: string, deckDir: string, file: string, line: number, what: string, env: BuildEnv): Promise<Checked<string | undefined>> {
  const reached = await env.reach(deckDir, name, what);
  if ('file' in reached) return { value: reached.file, diagnostics: [] };
  return { value: undefined, diagnostics: [error(file, line, reached.problem)] };
}

export async function resolveTheme(
  deck: DeckConfig,
  deckDir: string,
  file: string,
  line: number,
  env: BuildEnv,
): Promise<Checked<string[]>> {
  const builtIn = env.themes.get(deck.theme);
  if (builtIn) return { value: [builtIn], diagnostics: [] };
  // The default theme gives sizes and spacing under a reveal.js theme, and stands in while a problem is reported.
  const fallback = env.themes.values().next().value!;
  const reveal = env.revealThemes?.files.get(deck.theme);
  if (reveal) return { value: [fallback, reveal, env.revealThemes!.bridge], diagnostics: [] };
  if (deck.theme.endsWith('.css')) {
    const own = await localFile(deck.theme, deckDir, file, line, 'theme file', env);
    return { value: [own.value ?? fallback], diagnostics: own.diagnostics };
  }
  const names = [...env.themes.keys(), ...(env.revealThemes?.files.keys() ?? [])];
  const hint = suggestKey(deck.theme, names);
  return {
    value: [fallback],
    diagnostics: [error(file, line, `unknown theme "${deck.theme}"; ${hint ? `did you mean "${hint}"? ` : ''}themes: ${names.join(', ')}, or a .css file in the talk's folder`)],
  };
}


/** The highlight.js stylesheet for the deck's code: light or dark to suit the theme, or one it names. */
export function resolveCodeStyle(deck: DeckConfig, file: string, line: number, env: BuildEnv): Checked<StyleInput['codeStyle']> {
  const styles = env.highlightStyles;
  // auto: colours that follow each slide's background (templates/code.css), from the theme's tone.
  if (deck.highlightTheme === 'auto') return { value: { file: `${env.templatesDir}/${isDarkTheme(deck.theme) ? 'code-dark' : 'code'}.css`, own: false }, diagnostics: [] };
  const wanted = deck.highlightTheme;
  const toned = (dark: boolean) => ({ file: styles.get(dark ? 'github-dark' : 'github')!, own: false });
  if (wanted === 'light' || wanted === 'dark') return { value: toned(wanted === 'dark'), diagnostics: [] };
  const named = styles.get(wanted);
  if (named) return { value: { file: named, own: true }, diagnostics: [] };
  const hint = suggestKey(wanted, [...styles.keys()]);
  return {
    value: toned(false),
    diagnostics: [error(file, line, `unknown highlightTheme "${wanted}"; ${hint ? `did you mean "${hint}"? ` : ''}use auto, light, dark or a highlight.js style (the files in node_modules/highlight.js/styles/)`)],
  };
}

/** A theme with a dark background: a Kamishibai theme named *dark*, or a dark reveal.js theme. */
export function isDarkTheme(theme: string): boolean {
  return /dark/i.test(theme) || REVEAL_THEMES[theme] === 'dark';
}
