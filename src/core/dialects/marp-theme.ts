// A Marp deck's theme by name: Marp's own three are drawn by Kamishibai's theme; any other is
// looked up among the CSS files that declare `/* @theme name */` (env.marpThemes, as
// marp-cli's themeSet), and an unknown one is a warning and Kamishibai's theme (where
// marp-cli falls back to Marp's default). The theme's `@import 'name'` of other themes is
// resolved when bundling (src/adapters/marp-themes.ts).
import path from 'node:path';
import { warning, type Diagnostic } from '../errors.js';
import type { BuildEnv } from '../model.js';
import { isRemoteUrl } from '../markdown/slide-urls.js';

/** Marp's own themes, by name (their CSS ships in templates/themes/marp/, for the themes that import one). */
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
const isRemote = (url: string) => isRemoteUrl(url.trim());

/** The @import addresses of a stylesheet, comments left out. */
function importsOf(css: string): string[] {
  return [...withImportThemesFirst(css).matchAll(IMPORT_RULE)].map(addressOf).filter((u): u is string => u !== undefined);
}

const IMPORT_THEME = /\/\*[\s\S]*?\*\/|@import-theme\s+("[^"]*"|'[^']*')\s*;?/g;

/**
 * Marpit's `@import-theme "name"` (what a theme written in Sass uses, where `@import` would be
 * the preprocessor's), as a browser's `@import`: it may stand anywhere in the stylesheet, and
 * the theme it names comes first, so each becomes an `@import` at the top (after @charset).
 */
export function withImportThemesFirst(css: string): string {
  const names: string[] = [];
  const rest = css.replace(IMPORT_THEME, (all, name: string | undefined) => (name === undefined ? all : (names.push(name), '')));
  if (names.length === 0) return css;
  const charset = /^\s*@charset\s+[^;]*;/i.exec(rest)?.[0] ?? '';
  return `${charset}${names.map((n) => `@import ${n};`).join('')}${rest.slice(charset.length)}`;
}

/** CSS without its @imports from the network (decks work offline), nor those `keep` refuses (files not there). */
export function withoutRemoteImports(css: string, keep: (url: string) => boolean = () => true): string {
  return css.replace(IMPORT_RULE, (...m: string[]) => {
    const url = addressOf(m as unknown as RegExpMatchArray);
    return url !== undefined && (isRemote(url) || !keep(url)) ? '' : m[0]!;
  });
}

/**
 * Where a theme's relative address points. marp-cli puts a theme's CSS inside the page, so the
 * browser reads `url(images/logo.png)` from the deck's folder; a theme written for its own
 * folder is read from there when the deck's folder does not have the file.
 */
export function themeFileCandidates(url: string, deckDir: string, themeFile: string): string[] {
  const clean = url.split(/[?#]/)[0]!;
  return [path.resolve(deckDir, clean), path.resolve(path.dirname(themeFile), clean)];
}

const URL_TOKEN = /\/\*[\s\S]*?\*\/|\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;
const INLINE = /^(data:|#)/i;

/** The url() addresses of a stylesheet (its @imports left out), comments left out. */
function urlsOf(css: string): string[] {
  return [...withoutImports(css).matchAll(URL_TOKEN)].map((m) => m.slice(1, 4).find((x) => x !== undefined)).filter((u): u is string => u !== undefined && !INLINE.test(u));
}

const withoutImports = (css: string) => css.replace(IMPORT_RULE, (all) => (all.startsWith('/*') ? all : ''));

/**
 * A theme's url()s as the page loads them: `fileOf` gives the file an address names, or
 * undefined when the page cannot load it (from the network, not there): made empty, as a
 * browser shows it.
 */
export function withUsableUrls(css: string, fileOf: (url: string) => string | undefined): string {
  return css.replace(URL_TOKEN, (all, ...m: (string | undefined)[]) => {
    const url = m.slice(0, 3).find((x) => x !== undefined);
    if (url === undefined || INLINE.test(url)) return all;
    const file = isRemote(url) ? undefined : fileOf(url);
    return file === undefined ? 'url("data:,")' : `url(${JSON.stringify(file)})`;
  });
}

export interface MarpTheme {
  /** The theme file relative to the deck's folder, when one declares the name. */
  file?: string;
  /** Every theme file found, by name: what the theme's `@import 'name'` reaches. */
  themes: Record<string, string>;
  diagnostics: Diagnostic[];
  /** Its code blocks are zoomed out to fit their slide: its `@auto-scaling` meta (`true`, or a list with `code`), or its imports', Marp's own themes' being true. */
  fitsCode?: boolean;
}

/** A theme's `@auto-scaling` meta, as Marpit reads metas: in a comment, the first one. */
function autoScaling(css: string): string | undefined {
  for (const comment of css.matchAll(/\/\*[\s\S]*?\*\//g)) {
    const value = /@auto-scaling\s+([^\s*]+)/.exec(comment[0])?.[1];
    if (value) return value;
  }
  return undefined;
}

/** The CSS file of Marp theme `name`, and what the theme (and the themes it imports) load from the network, as warnings. */
export async function marpTheme(name: string, line: number, deckDir: string, file: string, env: BuildEnv): Promise<MarpTheme> {
  const found = (await env.marpThemes?.(deckDir)) ?? new Map<string, string>();
  const themes = Object.fromEntries(found);
  const own = found.get(name);
  if (!own) {
    // Said as it is: marp-cli would draw Marp's default theme, Kamishibai draws its own.
    const message = `Marp theme "${name}": no CSS file in the talk's folder declares /* @theme ${name} */, so the slides are drawn in Kamishibai's theme (marp-cli draws Marp's default theme, smaller type, and slides may fit differently); put the theme's CSS file beside the deck`;
    return { themes, diagnostics: [warning(file, line, message)] };
  }
  // The theme and the themes it imports by name, each read once.
  const remote: string[] = [];
  const missing: string[] = [];
  const seen = new Set([name]);
  const queue = [own];
  // Marpit's getThemeMeta: the theme's own meta, else the first of the themes it imports.
  let scaling: string | undefined;
  for (let i = 0; i < queue.length; i++) {
    const css = new TextDecoder().decode(await env.readFile(queue[i]!));
    const imports = importsOf(css);
    scaling ??= autoScaling(css) ?? (imports.some((t) => MARP_BUILT_IN.includes(t)) ? 'true' : undefined);
    remote.push(...imports.filter(isRemote));
    const reachable = async (url: string) => {
      for (const candidate of themeFileCandidates(url, deckDir, queue[i]!)) if (!('problem' in (await env.reach(deckDir, path.relative(deckDir, candidate), 'file')))) return true;
      return false;
    };
    for (const url of urlsOf(css)) {
      if (isRemote(url)) remote.push(url);
      else if (!(await reachable(url))) missing.push(url);
    }
    for (const imported of imports) {
      // Another theme by name, one of Marp's own, or a file: a file that is not there (a
      // Sass-style `~highlight.js/...` path) is skipped by the browser, and left out here.
      if (found.has(imported) || MARP_BUILT_IN.includes(imported) || isRemote(imported)) {
        if (seen.has(imported) || !found.has(imported)) continue;
        seen.add(imported);
        queue.push(found.get(imported)!);
      } else if (!(await reachable(imported))) missing.push(imported);
    }
  }
  const list = (urls: string[]) => `${[...new Set(urls)].slice(0, 3).join(', ')}${new Set(urls).size > 3 ? ` and ${new Set(urls).size - 3} more` : ''}`;
  const diagnostics = [
    ...(remote.length > 0 ? [warning(file, line, `Marp theme "${name}" loads ${list(remote)} from the network, and decks work offline: left out (fonts it names are drawn in the deck's fonts)`)] : []),
    ...(missing.length > 0 ? [warning(file, line, `Marp theme "${name}" names ${list(missing)}, not found beside it: left out, as a browser does; copy the files there to use them`)] : []),
  ];
  return { file: path.relative(deckDir, own).split(path.sep).join('/'), themes, diagnostics, fitsCode: scaling === 'true' || (scaling ?? '').includes('code') };
}

/**
 * A Marp theme's selectors aimed at the box that holds a Kamishibai slide's content. Marpit
 * draws a slide as one <section> the theme styles whole (`section { padding; font-size;
 * background }`); here reveal.js owns the <section> (print view forces its padding to 0) and
 * the content sits in its `.slide-body`, so `section` (and `:root`, which Marpit reads as the
 * slide) become `section > .slide-body`, before any pseudo-element: a theme's `section::before`
 * is the body's `::before` (its `::after`, Marp's page number, is left out: adapters/marp-themes.ts).
 * `section > header` and `section footer` stay: the slide's header and footer sit beside the body.
 * Any other selector is scoped to the slide, as Marpit scopes it: `h1` is `section > .slide-body h1`.
 * Takes one selector of a rule (postcss's rule.selectors).
 */
export function onSlideBody(selector: string): string {
  // Marpit scopes every rule of a theme to the slide (`h1` is read as `section h1`), so a
  // theme's `h1 {}` after its `section h1 {}` wins, as their weights are equal there.
  const head = selector.trimStart();
  if (/^(section|:root)(?![\w-])/.test(head)) return aimAtSection(selector);
  if (/^(header|footer)(?![\w-])/.test(head)) return `section > ${head}`;
  return `section > .slide-body ${head}`;
}

/** A pseudo-element, written with two colons or, for CSS 2's four, one (teaching-fr's `section.pm:before`). */
export const PSEUDO_ELEMENT = /::|:(before|after|first-line|first-letter)(?![\w-])/i;
/** PSEUDO_ELEMENT at one place (sticky): a selector is read once, in linear time. */
const PSEUDO_ELEMENT_AT = new RegExp(PSEUDO_ELEMENT.source, 'iy');
const pseudoElementAt = (selector: string, at: number) => ((PSEUDO_ELEMENT_AT.lastIndex = at), PSEUDO_ELEMENT_AT.test(selector));

function aimAtSection(selector: string): string {
  let out = '';
  let depth = 0;
  let quote = '';
  let i = 0;
  const boundary = (c: string | undefined) => c === undefined || /[\s>+~,(]/.test(c);
  while (i < selector.length) {
    const c = selector[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    const word = /^(section|:root)(?![\w-])/.exec(selector.slice(i));
    if (!quote && depth === 0 && word && boundary(out.at(-1))) {
      // The compound selector this type starts: up to a combinator, a comma or the end.
      let j = i + word[0].length;
      let inner = 0;
      let pseudo = -1;
      for (; j < selector.length; j++) {
        const d = selector[j]!;
        if (d === '(') inner++;
        else if (d === ')') inner--;
        else if (inner === 0 && /[\s>+~,]/.test(d)) break;
        else if (inner === 0 && pseudo < 0 && pseudoElementAt(selector, j)) pseudo = j;
      }
      const end = pseudo < 0 ? j : pseudo;
      const compound = word[1] === ':root' ? `section${selector.slice(i + word[0].length, end)}` : selector.slice(i, end);
      // The slide's header and footer are the section's own children here too, beside the body.
      const chrome = /^\s*>?\s*(header|footer)(?![\w-])/.test(selector.slice(j));
      out += chrome ? `${compound}${selector.slice(end, j)}` : `${compound} > .slide-body${selector.slice(end, j)}`;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
