// Marp's custom themes on disk: CSS files that declare `/* @theme name */`, found by name in
// the talk's folder (and the --root folder), as marp-cli finds the files its themeSet lists;
// and, when such a theme is bundled, its `@import 'name'` of another theme (Marp's own
// default, gaia and uncover are shipped in templates/themes/marp/, offline). What they load
// from the network (web fonts) is left out: the core warns about it (dialects/marp-theme.ts).
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as esbuild from 'esbuild';
import type { AtRule, Rule } from 'postcss';
import safeParse from 'postcss-safe-parser';
import { ENGINE_ROOT } from '../io/paths.js';
import { MARP_BUILT_IN, onSlideBody, PSEUDO_ELEMENT, themeFileCandidates, themeNameOf, withImportThemesFirst, withoutRemoteImports, withUsableUrls } from '../core/dialects/marp-theme.js';

/** A folder tree larger than a talk's is not searched further (a home folder given as --root). */
const MAX_ENTRIES = 5000;
const MAX_DEPTH = 6;
const MAX_CSS_BYTES = 1_000_000;

/** Theme name -> CSS file, for the CSS files under `dirs` that declare one; the first folder wins a name. */
export async function findMarpThemes(dirs: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const list = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of list) {
      if (++entries > MAX_ENTRIES) return;
      const p = path.join(dir, e.name);
      // Symlinks are neither followed nor read: a theme must be a file inside the folder.
      if (e.isDirectory() && depth < MAX_DEPTH && e.name !== 'node_modules' && e.name !== '.git') await walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.css') && (await stat(p)).size <= MAX_CSS_BYTES) {
        const name = themeNameOf(await readFile(p, 'utf8'));
        if (name && !found.has(name)) found.set(name, p);
      }
    }
  };
  for (const dir of dirs) await walk(dir, 0);
  return found;
}

/**
 * Marp's own themes (default, gaia, uncover), as marp-core has them, shipped with the engine:
 * marp-core is no dependency of a speaker's install (npm run setup leaves out what only the
 * tests use), and a theme importing Marp's default is most custom themes.
 */
export const MARP_OWN_THEMES = path.join(ENGINE_ROOT, 'templates', 'themes', 'marp');

/** One of Marp's own themes' CSS by name, read only when a theme imports one. */
const builtInCss = (name: string): Promise<string> => readFile(path.join(MARP_OWN_THEMES, `${name}.css`), 'utf8');

/**
 * A theme's CSS as the page can use it: its files named by absolute path (found from the
 * deck's folder, as marp-cli's page reads them, else from the theme's: themeFileCandidates);
 * what it names from the network or that is not there left out (the core warns).
 */
function usableCss(css: string, file: string, deckDir: string, themes: Record<string, string>): string {
  const fileOf = (url: string) => {
    try {
      return themeFileCandidates(decodeURI(url), deckDir, file).find((f) => existsSync(f));
    } catch {
      return undefined;
    }
  };
  const isTheme = (url: string) => Object.hasOwn(themes, url) || MARP_BUILT_IN.includes(url);
  return onSlideBodies(withUsableUrls(withoutRemoteImports(withImportThemesFirst(css), (url) => isTheme(url) || fileOf(url) !== undefined), fileOf));
}

/** marp-core's own elements (`marp-pre`, the code block it scales; `marp-h1`...), which a theme may name: here the plain ones. */
const MARP_ELEMENT = /(^|[\s>+~,(])marp-(h[1-6]|pre|span)(?![\w-])/gi;
const PAGE_NUMBER = /(^|[\s>+~])(section|:root)([.#:[][^\s>+~]*?)?::?after\s*$/i;
/** A selector of the slide itself: `section`, `section.lead`, `section:not(.invert)` (no descendant, no pseudo-element). */
const WHOLE_SLIDE = /^section(?:[.#[:](?!:)[^\s>+~]*)?$/i;
/**
 * What a theme's `section {}` sets on the slide itself, not on its content box: what a box
 * passes on to what it holds (set once, so that `font-size: 2em` is not applied twice and a
 * `_color` directive, inline on the section, wins), and the background, which must lie under
 * the `![bg]` pictures' layer and give way to a `_backgroundColor` directive, as in Marp.
 */
const ON_SECTION = /^(--.+|color|font(-.+)?|line-height|letter-spacing|word-spacing|text-(align|indent|transform|shadow)|white-space|direction|background(-.+)?)$/i;
/** Marpit's `rem`: the slide's font size, not the page's (its postcss rem and root font-size plugins). */
const REM = /("[^"]*"|'[^']*'|(?:attr|url|var)\([^)]*\))|(\d*\.?\d+)rem\b/g;
const ROOT_FONT_SIZE = '--marpit-root-font-size';

/** Every selector of a theme aimed at the slide's content box (onSlideBody), read as a browser reads CSS (postcss's safe parser). */
function onSlideBodies(css: string): string {
  const root = safeParse(css);
  const onSections: [Rule, Rule][] = [];
  root.walkDecls((decl) => {
    decl.value = decl.value.replace(REM, (all, kept: string | undefined, n: string) => kept ?? `calc(var(${ROOT_FONT_SIZE}, 1rem) * ${n})`);
  });
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as AtRule).name)) return;
    // A nested rule (CSS nesting) is relative to its parent, which is aimed already.
    if (rule.parent?.type === 'rule') return;
    // `section::after` is Marp's page number (attr(data-marpit-pagination)): Kamishibai draws
    // its own, and the theme's would show its bare " / " on every slide.
    const kept = rule.selectors.filter((sel) => !PAGE_NUMBER.test(sel));
    if (kept.length === 0) return void rule.remove();
    const asSection = (sel: string) => sel.trim().replace(/^:root(?![\w-])/, 'section');
    const isSlide = (sel: string) => WHOLE_SLIDE.test(asSection(sel)) && !PSEUDO_ELEMENT.test(sel);
    const slides = kept.filter(isSlide).map(asSection);
    const moved = rule.nodes.filter((n) => n.type === 'decl' && ON_SECTION.test(n.prop));
    // The slide's size (Marp's 1280x720) is the deck's aspectRatio here: the content box fills the slide.
    const size = rule.nodes.filter((n) => n.type === 'decl' && /^(width|height)$/i.test(n.prop));
    rule.selectors = kept.map((sel) => onSlideBody(sel.replace(MARP_ELEMENT, '$1$2')));
    if (slides.length === 0 || moved.length + size.length === 0) return;
    const fontSize = moved.filter((n) => n.type === 'decl' && /^font-size$/i.test(n.prop)).map((n) => n.clone({ prop: ROOT_FONT_SIZE }));
    if (moved.length > 0) onSections.push([rule, rule.clone({ selectors: slides, nodes: [...moved.map((n) => n.clone()), ...fontSize] })]);
    // The content box keeps the rest; a rule that also names other elements keeps it all for them.
    const others = kept.filter((sel) => !isSlide(sel));
    const rest = rule.nodes.filter((n) => !moved.includes(n) && !size.includes(n));
    if (others.length > 0 && rest.length > 0) rule.before(rule.clone({ selectors: slides.map(onSlideBody), nodes: rest.map((n) => n.clone()) }));
    if (others.length > 0) rule.selectors = others.map(onSlideBody);
    else for (const n of [...moved, ...size]) n.remove();
  });
  for (const [rule, onSection] of onSections) rule.after(onSection);
  // Text in a script the theme's fonts lack (kana, hanzi, Hangul) or in a font it names that
  // the deck does not ship is drawn in the deck's fonts, before the generic family (as in
  // reveal.js's themes, assets.ts), not in boxes where a laptop has no such font.
  root.walkDecls(/^font-family$/i, (decl) => {
    if (decl.value.includes('var(')) return;
    const generic = /(^|,)\s*((?:sans-)?serif|monospace|system-ui|cursive|fantasy)\s*(!important)?\s*$/i.exec(decl.value);
    const deck = generic?.[2]?.toLowerCase() === 'monospace' ? 'var(--deck-font-mono)' : 'var(--deck-font)';
    const named = generic ? decl.value.slice(0, generic.index) : decl.value;
    decl.value = [named.trim(), deck, generic ? `${generic[2]}${generic[3] ? ` ${generic[3]}` : ''}` : ''].filter(Boolean).join(', ');
  });
  return root.toString();
}

/**
 * Under a Marp theme, the content box starts as Marpit's blank slide: Kamishibai's spacing and
 * its styles for text are reverted (to the browser's), at no specificity, so the theme's own
 * rules are all there is.
 */
export const MARP_THEME_RESET =
  // Marpit's slide sits in a box of the browser's type (16px, normal line height): a theme's `font-size: 2em` is of that.
  ':where(.reveal .slides){font-size:16px;line-height:normal}' +
  // A block, as Marpit's section is (its content's margins collapse), unless the theme says.
  ':where(.reveal .slides section > .slide-body){padding:0;gap:0;display:block}' +
  // The `![bg]` pictures' figures (.slide-bg) keep their layout.
  ':where(.reveal .slides section > .slide-body) :where(h1,h2,h3,h4,h5,h6,p,ul,ol,li,blockquote,pre,code,table,thead,tbody,tr,th,td,hr,a,strong,em,small,img,figure):where(:not(.slide-bg > figure)){all:revert}' +
  // A deck's own <div class="columns"> is the theme's to lay out (arceos-zh's stacks), not Kamishibai's grid.
  ':where(.reveal .slides section > .slide-body) :where(.columns,.column){all:revert}';

/** `@import 'name'` in a Marp theme: another theme of the deck's, or one of Marp's own; remote imports left out. */
export function marpThemeImports(themes: Record<string, string>, deckDir: string): esbuild.Plugin {
  const files = new Set(Object.values(themes));
  return {
    name: 'marp-theme-imports',
    setup(build) {
      build.onResolve({ filter: /^[\w-]+$/ }, (args) => {
        if (args.kind !== 'import-rule' || !(args.namespace === 'marp' || files.has(args.importer))) return undefined;
        if (Object.hasOwn(themes, args.path)) return { path: themes[args.path] };
        return MARP_BUILT_IN.includes(args.path) ? { path: args.path, namespace: 'marp' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'marp' }, async (args) => ({ contents: onSlideBodies(withoutRemoteImports(await builtInCss(args.path))), loader: 'css' }));
      build.onLoad({ filter: /\.css$/ }, async (args) => (files.has(args.path) ? { contents: usableCss(await readFile(args.path, 'utf8'), args.path, deckDir, themes), loader: 'css' } : undefined));
    },
  };
}
