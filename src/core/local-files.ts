// The files a deck refers to: images, backgrounds and embedded pages (checked and copied),
// its theme, its own CSS and its logo. Each must be a file inside the talk's folder
// (confine.ts); each one that is not is an error with the line that names it.
import type { DeckConfig } from './config.js';
import { error, type Checked, type Diagnostic } from './errors.js';
import { suggestKey } from './suggest.js';
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
  lines: { logo: number; scripts: number },
  env: BuildEnv,
): Promise<Checked<OutputFile[]>> {
  const diagnostics: Diagnostic[] = [];
  const wanted = new Map<string, number>();
  for (const s of slides) for (const a of s.assets) if (!wanted.has(a.src)) wanted.set(a.src, a.line);
  if (deck.logo) wanted.set(deck.logo, lines.logo);
  for (const script of deck.scripts) wanted.set(script, lines.scripts);
  const files = new Map<string, OutputFile>();
  for (const [src, line] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const what = src === deck.logo ? 'logo' : deck.scripts.includes(src) ? 'script' : IMAGE.test(src) ? 'image' : 'file';
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

