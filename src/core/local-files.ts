// The files a deck refers to: images, backgrounds and embedded pages (checked and copied),
// its theme, its own CSS and its logo. Each must be a file inside the talk's folder
// (confine.ts); each one that is not is an error with the line that names it.
import type { DeckConfig } from './config.js';
import { error, warning, type Checked, type Diagnostic } from './errors.js';
import { REVEAL_THEMES } from './foreign-keys.js';
import type { OutputFile } from './model.js';
import type { BuildEnv } from './model.js';
import type { Slide } from './slides.js';

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)([?#].*)?$/i;

/** Local files the slides name: each must be inside the talk's folder; copied beside index.html at the same relative path. */
export async function collectMedia(
  slides: Slide[],
  deck: DeckConfig,
  deckDir: string,
  file: string,
  logoLine: number,
  env: BuildEnv,
): Promise<Checked<OutputFile[]>> {
  const diagnostics: Diagnostic[] = [];
  const wanted = new Map<string, number>();
  for (const s of slides) for (const a of s.assets) if (!wanted.has(a.src)) wanted.set(a.src, a.line);
  if (deck.logo) wanted.set(deck.logo, logoLine);
  const files = new Map<string, OutputFile>();
  for (const [src, line] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const what = src === deck.logo ? 'logo' : IMAGE.test(src) ? 'image' : 'file';
    const reached = await env.reach(deckDir, src, what);
    if ('problem' in reached) diagnostics.push(error(file, line, reached.problem));
    else if (!files.has(reached.rel)) files.set(reached.rel, { path: reached.rel, data: await env.readFile(reached.file) });
  }
  return { value: [...files.values()], diagnostics };
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
): Promise<Checked<string>> {
  const builtIn = env.themes.get(deck.theme);
  if (builtIn) return { value: builtIn, diagnostics: [] };
  const revealTone = Object.hasOwn(REVEAL_THEMES, deck.theme) ? REVEAL_THEMES[deck.theme] : undefined;
  const standIn = revealTone && env.themes.get(revealTone === 'dark' ? 'kamishibai-dark' : 'kamishibai');
  if (standIn) {
    const message = `theme "${deck.theme}" is a reveal.js theme, which fetches its fonts from the network; drawn with ${revealTone === 'dark' ? 'kamishibai-dark' : 'kamishibai'} instead (set that theme to silence this)`;
    return { value: standIn, diagnostics: [warning(file, line, message)] };
  }
  // The default theme stands in while the problem is reported.
  const fallback = env.themes.values().next().value!;
  if (deck.theme.endsWith('.css')) {
    const own = await localFile(deck.theme, deckDir, file, line, 'theme file', env);
    return { value: own.value ?? fallback, diagnostics: own.diagnostics };
  }
  return {
    value: fallback,
    diagnostics: [error(file, line, `unknown theme "${deck.theme}"; built-in themes: ${[...env.themes.keys()].join(', ')}, or a .css file in the talk's folder`)],
  };
}

