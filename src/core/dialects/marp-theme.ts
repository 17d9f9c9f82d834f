// A Marp deck's theme by name: Marp's own three are drawn by Kamishibai's theme; any other is
// looked up among the CSS files that declare `/* @theme name */` (env.marpThemes, as
// marp-cli's themeSet), and an unknown one is a warning and Marp's default look, as marp-cli
// does. The theme's `@import 'name'` of other themes is resolved when bundling (src/marp-themes.ts).
import path from 'node:path';
import { warning, type Diagnostic } from '../errors.js';
import type { BuildEnv } from '../model.js';

/** Marp's own themes, in marp-core's package. */
export const MARP_BUILT_IN = ['default', 'gaia', 'uncover'];

/** The name a stylesheet declares in a comment (`/* @theme name *\/`), as Marpit reads it. */
export function themeNameOf(css: string): string | undefined {
  for (const comment of css.matchAll(/\/\*[\s\S]*?\*\//g)) {
    const name = /@theme\s+([^\s*]+)/.exec(comment[0])?.[1];
    if (name) return name;
  }
  return undefined;
}

/** An @import rule, its address in any of CSS's forms (a `;` inside quotes belongs to the address). */
const IMPORT_RULE = /\/\*[\s\S]*?\*\/|@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)|"([^"]*)"|'([^']*)')[^;]*;/g;
const addressOf = (m: RegExpMatchArray) => m.slice(1, 6).find((x) => x !== undefined);
const isRemote = (url: string) => /^(https?:)?\/\//i.test(url.trim());

/** The @import addresses of a stylesheet, comments left out. */
function importsOf(css: string): string[] {
  return [...css.matchAll(IMPORT_RULE)].map(addressOf).filter((u): u is string => u !== undefined);
}

/** CSS without its @imports from the network (decks work offline). */
export function withoutRemoteImports(css: string): string {
  return css.replace(IMPORT_RULE, (...m: string[]) => {
    const url = addressOf(m as unknown as RegExpMatchArray);
    return url !== undefined && isRemote(url) ? '' : m[0]!;
  });
}

const URL_TOKEN = /\/\*[\s\S]*?\*\/|\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;
const INLINE = /^(data:|#)/i;

/** The url() addresses of a stylesheet (its @imports left out), comments left out. */
function urlsOf(css: string): string[] {
  return [...withoutImports(css).matchAll(URL_TOKEN)].map((m) => m.slice(1, 4).find((x) => x !== undefined)).filter((u): u is string => u !== undefined && !INLINE.test(u));
}

const withoutImports = (css: string) => css.replace(IMPORT_RULE, (all) => (all.startsWith('/*') ? all : ''));

/** A theme's url()s the page cannot load (`usable` says no: from the network, not there) made empty, as a browser shows them. */
export function withoutUnusableUrls(css: string, usable: (url: string) => boolean): string {
  return css.replace(URL_TOKEN, (all, ...m: (string | undefined)[]) => {
    const url = m.slice(0, 3).find((x) => x !== undefined);
    return url === undefined || INLINE.test(url) || usable(url) ? all : 'url("data:,")';
  });
}

/** A theme's address the bundle can take: a local file (resolved against the theme's folder) that is there. */
export const isUsable = (url: string, exists: (file: string) => boolean): boolean => !isRemote(url) && exists(url.split(/[?#]/)[0]!);

export interface MarpTheme {
  /** The theme file relative to the deck's folder, when one declares the name. */
  file?: string;
  /** Every theme file found, by name: what the theme's `@import 'name'` reaches. */
  themes: Record<string, string>;
  diagnostics: Diagnostic[];
}

/** The CSS file of Marp theme `name`, and what the theme (and the themes it imports) load from the network, as warnings. */
export async function marpTheme(name: string, line: number, deckDir: string, file: string, env: BuildEnv): Promise<MarpTheme> {
  const found = (await env.marpThemes?.(deckDir)) ?? new Map<string, string>();
  const themes = Object.fromEntries(found);
  const own = found.get(name);
  if (!own) {
    const message = `Marp theme "${name}": no CSS file in the talk's folder declares /* @theme ${name} */, so the slides are drawn in Marp's default look, as marp-cli does; put the theme's CSS file beside the deck`;
    return { themes, diagnostics: [warning(file, line, message)] };
  }
  // The theme and the themes it imports by name, each read once.
  const remote: string[] = [];
  const missing: string[] = [];
  const seen = new Set([name]);
  const queue = [own];
  for (let i = 0; i < queue.length; i++) {
    const css = new TextDecoder().decode(await env.readFile(queue[i]!));
    const imports = importsOf(css);
    remote.push(...imports.filter(isRemote));
    for (const url of urlsOf(css)) {
      if (isRemote(url)) remote.push(url);
      else if ('problem' in (await env.reach(deckDir, path.relative(deckDir, path.resolve(path.dirname(queue[i]!), url)), 'file'))) missing.push(url);
    }
    for (const imported of imports) {
      if (seen.has(imported) || !found.has(imported)) continue;
      seen.add(imported);
      queue.push(found.get(imported)!);
    }
  }
  const list = (urls: string[]) => `${[...new Set(urls)].slice(0, 3).join(', ')}${new Set(urls).size > 3 ? ` and ${new Set(urls).size - 3} more` : ''}`;
  const diagnostics = [
    ...(remote.length > 0 ? [warning(file, line, `Marp theme "${name}" loads ${list(remote)} from the network, and decks work offline: left out (fonts it names are drawn in the deck's fonts)`)] : []),
    ...(missing.length > 0 ? [warning(file, line, `Marp theme "${name}" names ${list(missing)}, not found beside it: left out, as a browser does; copy the files there to use them`)] : []),
  ];
  return { file: path.relative(deckDir, own).split(path.sep).join('/'), themes, diagnostics };
}
