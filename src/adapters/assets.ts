// The deck's static assets, made with esbuild: one IIFE script bundle (reveal.js, its notes,
// search and zoom plugins, our client) that runs from file://, and one CSS bundle (reveal's
// base, the theme, code colours, KaTeX when the deck has math). Both are the same for many
// talks, so they are cached on disk by the hash of their inputs.
import { readFile, realpath } from 'node:fs/promises';
import { cacheStore, hashOf } from '../io/store.js';
import { displayPath, isWithin, realInside } from '../io/paths.js';
import { StyleError } from '../core/errors.js';
import type { OutputFile, StyleInput } from '../core/model.js';
import { isRemoteUrl } from '../core/markdown/slide-urls.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as esbuild from 'esbuild';
import { MARP_THEME_RESET, marpThemeImports } from './marp-themes.js';

const require = createRequire(import.meta.url);

async function cached(cacheDir: string, key: string, make: () => Promise<OutputFile[]>): Promise<OutputFile[]> {
  const store = cacheStore(cacheDir);
  const stored = await store.getJson<{ path: string; base64: string }[]>('bundles', key);
  if (stored) return stored.map((f) => ({ path: f.path, data: Buffer.from(f.base64, 'base64') }));
  const files = await make();
  await store.putJson('bundles', key, files.map((f) => ({ path: f.path, base64: Buffer.from(f.data).toString('base64') })));
  return files;
}

// esbuild is imported only on a cache miss; a warm build does not pay to load it.
const loadEsbuild = () => import('esbuild');
const ESBUILD_VERSION: string = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;
/** Bumped when what goes into a bundle changes (its rules, not its files), so no cached bundle outlives it. */
const BUNDLE_RECIPE = '9';
/** The cascade layer of reveal.js, the theme and the code colours: below the deck's own CSS. */
const THEME_LAYER = 'kamishibai';
/** A Marp deck's own theme: above THEME_LAYER, below the deck's own CSS. */
const MARP_LAYER = 'kamishibai-marp';

async function hashFiles(parts: (string | undefined)[]): Promise<string> {
  return hashOf(ESBUILD_VERSION, BUNDLE_RECIPE, ...(await Promise.all(parts.map((p) => (p ? readFile(p) : '')))));
}

/** The client script: reveal.js and plugins, as one minified IIFE (file:// forbids modules). */
export async function bundleClient(entry: string, cacheDir: string, engine: string): Promise<OutputFile[]> {
  // `engine` (Kamishibai's sources and its packages' versions): the entry's imports change too.
  const key = hashOf(engine, await hashFiles([entry, require.resolve('reveal.js')]));
  return cached(cacheDir, `js-${key}`, async () => {
    const esbuild = await loadEsbuild();
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      minify: true,
      target: 'es2020',
      platform: 'browser',
      write: false,
      legalComments: 'none',
      outfile: 'assets/kamishibai.js',
      absWorkingDir: path.dirname(entry),
    });
    return result.outputFiles.map((f) => ({ path: 'assets/kamishibai.js', data: f.contents }));
  });
}

/**
 * One CSS bundle; fonts and images the CSS refers to are copied beside it by esbuild. A CSS
 * error, or a url() that leaves the talk's folder, rejects with a StyleError.
 * reveal.js, the theme and the code colours are one cascade layer (THEME_LAYER), the deck's
 * own CSS (`css:`, `style:`, a slide's <style>) stays outside it: an unlayered rule wins over
 * a layered one whatever their selectors, so a deck's bare `h1 {}` or `section {}` (Marp's
 * `style:`) takes effect as it does in marp-cli and reveal-md.
 */
export async function bundleStyles(input: StyleInput, cacheDir: string, engine: string): Promise<OutputFile[]> {
  const reveal = path.dirname(require.resolve('reveal.js/reveal.css'));
  const katexCss = input.math ? require.resolve('katex/dist/katex.min.css') : undefined;
  const layered = [path.join(reveal, 'reset.css'), path.join(reveal, 'reveal.css'), input.codeStyle.file, ...input.files, katexCss];
  const own = input.own ?? [];
  const sources = [...layered, ...own];
  const marpThemes = input.marpThemes ?? {};
  const key = await hashFiles([...sources, ...Object.values(marpThemes)]);
  // `engine`: how a Marp theme is rewritten and bundled is the engine's, as much as the files.
  return cached(cacheDir, `css-${hashOf(engine, key, String(input.codeStyle.own), String(own.length), input.inline ?? '', JSON.stringify(marpThemes), Object.keys(marpThemes).length > 0 ? input.talkDir : '')}`, async () => {
    // A Marp theme of the deck's own is a layer above reveal.js's and Kamishibai's rules: its
    // `section {}` and `h1 {}` draw the slide, as in marp-cli, whatever their selectors.
    const marpFiles = new Set(Object.values(marpThemes));
    const imports: string[] = [`@layer ${THEME_LAYER}, ${MARP_LAYER};`];
    for (const file of layered) if (file) imports.push(`@import ${JSON.stringify(file)} layer(${marpFiles.has(file) ? MARP_LAYER : THEME_LAYER});`);
    for (const file of own) imports.push(`@import ${JSON.stringify(file)};`);
    if (input.codeStyle.own) imports.push(`@layer ${THEME_LAYER}{${ownCodeColours(await readFile(input.codeStyle.file, 'utf8'))}}`);
    if (layered.some((f) => f && marpFiles.has(f))) imports.push(`@layer ${MARP_LAYER}{${MARP_THEME_RESET}}`);
    if (input.inline) imports.push(input.inline);
    const esbuild = await loadEsbuild();
    const result = await esbuild.build({
      logLevel: 'silent',
      // The deck's own CSS (style:) names files relative to the deck; the imports are absolute.
      stdin: { contents: imports.join('\n'), loader: 'css', resolveDir: input.talkDir },
      bundle: true,
      minify: true,
      write: false,
      outdir: 'assets',
      entryNames: 'kamishibai',
      assetNames: 'media/[name]-[hash]',
      legalComments: 'none',
      // KaTeX lists woff2, woff and ttf for each face; every browser that runs reveal.js 6
      // reads woff2, so the other two are left out instead of tripling the deck.
      plugins: [marpThemeImports(marpThemes, input.talkDir), confineUrls(input, sources.filter((f): f is string => !!f)), dropLegacyFontFormats, offlineRevealThemes],
      loader: { '.woff2': 'file', '.png': 'file', '.jpg': 'file', '.jpeg': 'file', '.svg': 'file', '.gif': 'file', '.webp': 'file' },
      absWorkingDir: process.cwd(),
    });
    return result.outputFiles.map((f) => ({ path: path.relative(process.cwd(), f.path).split(path.sep).join('/'), data: f.contents }));
  }).catch((e: unknown) => {
    const errors = (e as { errors?: esbuild.Message[] }).errors;
    if (!errors) throw e;
    throw new StyleError(errors.map((m) => ({ file: m.location?.file ?? '', line: m.location?.line ?? 0, col: (m.location?.column ?? 0) + 1, message: m.text })));
  });
}

/**
 * A highlight.js style the deck names (reveal-md's highlightTheme: monokai) brings its own
 * background and text colour, which the themes' code colours would otherwise cover.
 */
export function ownCodeColours(css: string): string {
  const block = /(?:^|[}\s])\.hljs\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const background = /background(?:-color)?\s*:\s*([^;]+)/.exec(block)?.[1]?.trim();
  const color = /(?:^|;|\s)color\s*:\s*([^;]+)/.exec(block)?.[1]?.trim();
  // The marker tells the contrast check that the token colours are a published style the deck
  // chose by name (monokai's keywords are 3.9:1): its base colour is judged, its tokens are not.
  const rules = [background && `background:${background}`, color && `color:${color}`, '--kamishibai-code-style:named'].filter(Boolean).join(';');
  return `.reveal pre code.hljs{${rules}}`;
}

/** A file that the talk's own CSS names must be inside the talk's folder or the templates, after symlinks. */
function confineUrls(input: StyleInput, sources: string[]): esbuild.Plugin {
  return {
    name: 'confine-urls',
    setup(build) {
      // Real paths of the talk's folder and the templates, once a bundle.
      const roots = Promise.all([input.talkDir, input.templates].map((d) => realpath(d).catch(() => d)));
      build.onResolve({ filter: /.*/ }, async (args) => {
        const [talk, templates] = await roots;
        // The bundle's own entry imports the stylesheets by absolute path; CSS written in the
        // deck (style:) is in that entry too, and is confined like the talk's CSS files.
        const fromDeck = args.importer === '<stdin>' && !sources.includes(args.path);
        if (!fromDeck && (!args.importer || !isWithin(talk!, await realpath(args.importer).catch(() => args.importer)))) return undefined;
        if (/^(data:|#)/i.test(args.path)) return undefined;
        // Fetched at every view from another host (a tracker, or gone offline): the deck's own
        // CSS may only use its own files. No warning channel survives the bundle cache: an error.
        if (isRemoteUrl(args.path)) return { errors: [{ text: `"${args.path}" would be fetched from the network, and decks must work offline: save it in the talk's folder and name it relatively` }] };
        if (/^file:/i.test(args.path)) return { errors: [{ text: `"${args.path}" is a file: URL; name a file in the talk's folder relatively` }] };
        let target: string;
        try {
          target = path.resolve(args.resolveDir, decodeURI(args.path.split(/[?#]/)[0]!));
        } catch {
          return { errors: [{ text: `"${args.path}" has a malformed %-escape; write the file name as it is (or % as %25)` }] };
        }
        // A path outside is refused in the same words whether or not the file exists (as images are).
        const outside = { errors: [{ text: `"${args.path}" is outside the talk's folder; copy the file into ${displayPath(input.talkDir)}/ and name it relatively` }] };
        const where = await realInside([talk!, templates!], target);
        if ('outside' in where) return outside;
        if ('missing' in where) return { errors: [{ text: `"${args.path}" not found (looked for ${displayPath(target)})` }] };
        if ('linkTo' in where) return { errors: [{ text: `"${args.path}" is a link to ${where.linkTo}, outside the talk's folder; copy the file into ${displayPath(input.talkDir)}/ instead of linking it` }] };
        return undefined;
      });
    },
  };
}

/**
 * reveal.js's own themes, offline: the web fonts some of them @import from Google (Lato, Open
 * Sans, Montserrat, Ubuntu, News Cycle, Quicksand) are not fetched; their text is drawn in the
 * deck's fonts instead. The fonts the themes embed (League Gothic, Source Sans Pro) stay.
 */
const offlineRevealThemes: esbuild.Plugin = {
  name: 'offline-reveal-themes',
  setup(build) {
    build.onLoad({ filter: /reveal\.js[\\/]dist[\\/]theme[\\/][\w-]+\.css$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8'))
        .replace(/@import\s+(url\()?["']?https?:\/\/[^;]*;/g, '')
        .replace(/"?\b(Lato|Ubuntu|Open Sans|Montserrat|News Cycle|Quicksand)\b"?/g, 'var(--deck-font)')
        // Text in a script the theme's fonts lack (kana, Hangul, emoji) is drawn in the deck's
        // fonts, not in whatever the laptop has: they go before the generic family.
        .replace(/(--r-(?:main|heading)-font:)([^;]*);/g, (all, key: string, value: string) =>
          value.includes('var(--deck-font)') ? all : `${key}${value.replace(/,?\s*((?:sans-)?serif)\s*$/, ', var(--deck-font), $1')};`,
        ),
      loader: 'css',
    }));
  },
};

const dropLegacyFontFormats: esbuild.Plugin = {
  name: 'drop-legacy-font-formats',
  setup(build) {
    build.onLoad({ filter: /katex(\.min)?\.css$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/,\s*url\([^)]+\.(woff|ttf)\)\s*format\("(woff|truetype)"\)/g, ''),
      loader: 'css',
    }));
  },
};

export type { OutputFile, StyleInput } from '../core/model.js';
