// The files a deck refers to: images and backgrounds (checked and copied), its theme and
// its own CSS. Each missing one is an error with the line that names it.
import path from 'node:path';
import type { DeckConfig } from './config.js';
import { error, type Diagnostic } from './errors.js';
import type { OutputFile } from './assets.js';
import type { BuildEnv } from './pipeline.js';
import type { Slide } from './slides.js';

/** Local images and backgrounds: each must exist; copied beside index.html at the same relative path. */
export async function collectMedia(
  slides: Slide[],
  deck: DeckConfig,
  deckDir: string,
  file: string,
  env: BuildEnv,
  diagnostics: Diagnostic[],
): Promise<OutputFile[]> {
  const wanted = new Map<string, number>();
  for (const s of slides) for (const a of s.assets) if (!wanted.has(a.src)) wanted.set(a.src, a.line);
  if (deck.logo) wanted.set(deck.logo, 0);
  const files: OutputFile[] = [];
  for (const [src, line] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const abs = path.resolve(deckDir, src.split(/[?#]/)[0]!);
    const rel = path.relative(deckDir, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      diagnostics.push(error(file, line, `image "${src}" is outside the talk's folder; move it into ${path.dirname(file)}/ so it can be published with the deck`));
    } else if (!(await env.exists(abs))) {
      diagnostics.push(error(file, line, `image "${src}" not found (looked for ${path.relative(process.cwd(), abs)}); check the path, relative to the deck's folder`));
    } else {
      files.push({ path: rel.split(path.sep).join('/'), data: await env.readFile(abs) });
    }
  }
  return files;
}

export async function localFile(
  name: string,
  deckDir: string,
  file: string,
  line: number,
  what: string,
  env: BuildEnv,
  diagnostics: Diagnostic[],
): Promise<string | undefined> {
  const abs = path.resolve(deckDir, name);
  if (await env.exists(abs)) return abs;
  diagnostics.push(error(file, line, `${what} "${name}" not found; it is looked for next to the deck, in ${path.relative(process.cwd(), deckDir) || '.'}/`));
  return undefined;
}

export async function resolveTheme(
  deck: DeckConfig,
  deckDir: string,
  file: string,
  line: number,
  env: BuildEnv,
  diagnostics: Diagnostic[],
): Promise<string> {
  const builtIn = env.themes.get(deck.theme);
  if (builtIn) return builtIn;
  if (deck.theme.endsWith('.css')) {
    const own = await localFile(deck.theme, deckDir, file, line, 'theme file', env, diagnostics);
    if (own) return own;
  } else {
    diagnostics.push(error(file, line, `unknown theme "${deck.theme}"; built-in themes: ${[...env.themes.keys()].join(', ')}, or a .css file in the talk's folder`));
  }
  return env.themes.values().next().value!;
}
