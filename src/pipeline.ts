// One talk, source to files, in the order the stages run:
// decode -> front matter -> config -> split -> markdown -> layouts -> assets -> fonts -> page.
// Pure but for the reads it asks of `env`; writing files is the caller's job (build.ts).
import path from 'node:path';
import { resolveDeckConfig, type DeckConfig } from './config.js';
import { error, warning, hasErrors, lineAt, type Diagnostic } from './errors.js';
import { decodeSource } from './source.js';
import { parseFrontMatter } from './markdown/frontmatter.js';
import { splitSlides } from './markdown/split.js';
import { createMarkdown, loadMath } from './markdown/render.js';
import { loadHighlighter } from './markdown/highlight.js';
import { lineOf, renderSlides, type Slide } from './slides.js';
import { renderDeckPage, type PageLinks } from './deck.js';
import { fontFaceCss, subsetFaces, uncovered, type FontFace } from './fonts.js';
import type { OutputFile, StyleInput } from './assets.js';
import type { Templates } from './templates.js';
import { handoutStrings } from './strings.js';

export interface TalkSource {
  /** Folder name under dist/, e.g. japan-ai. */
  slug: string;
  /** Absolute path of the deck's Markdown file. */
  file: string;
  /** The same path as messages show it. */
  displayFile: string;
}

export interface BuildEnv {
  templates: Templates;
  readFile(file: string): Promise<Uint8Array>;
  exists(file: string): Promise<boolean>;
  /** Built-in themes: name -> CSS file. */
  themes: Map<string, string>;
  baseCss: string;
  faces: FontFace[];
  cacheDir: string;
  client(): Promise<OutputFile[]>;
  styles(input: StyleInput): Promise<OutputFile[]>;
  /** Front-matter defaults from the project config, and CLI overrides. */
  projectDeck?: Partial<DeckConfig>;
  flagsDeck?: Partial<DeckConfig>;
  links?: (slug: string, deck: DeckConfig) => PageLinks;
}

export interface TalkBuild {
  source: TalkSource;
  deck: DeckConfig;
  slides: Slide[];
  files: OutputFile[];
  diagnostics: Diagnostic[];
}

export async function buildTalk(source: TalkSource, env: BuildEnv): Promise<TalkBuild> {
  const file = source.displayFile;
  const failed = (diagnostics: Diagnostic[], deck = resolveDeckConfig({})): TalkBuild => ({ source, deck, slides: [], files: [], diagnostics });

  const decoded = decodeSource(await env.readFile(source.file), file);
  if (decoded.text === undefined) return failed(decoded.diagnostics);
  const front = parseFrontMatter(decoded.text, file);
  const deck = resolveDeckConfig(front.values, env.projectDeck, env.flagsDeck);
  const split = splitSlides(front.body, front.bodyLine, file);
  const diagnostics = [...front.diagnostics, ...split.diagnostics];
  if (split.slides.every((s) => s.body.trim() === '' && s.notes === '')) {
    diagnostics.push(error(file, front.bodyLine, 'deck has no slides; write Markdown after the front matter'));
  }

  const text = front.body;
  const md = createMarkdown({
    lang: deck.lang,
    highlight: /^ {0,3}(```|~~~)/m.test(text) ? await loadHighlighter() : undefined,
    math: text.includes('$') ? await loadMath() : undefined,
  });
  const rendered = renderSlides(split.slides, md, env.templates, deck, file);
  diagnostics.push(...rendered.diagnostics);
  const slides = rendered.slides;
  if (!deck.title) deck.title = slides.find((s) => s.title)?.title ?? source.slug;

  const deckDir = path.dirname(source.file);
  const media = await collectMedia(slides, deck, deckDir, file, env, diagnostics);
  const theme = await resolveTheme(deck, deckDir, file, lineOf(decoded.text, 1, 'theme:'), env, diagnostics);
  if (hasErrors(diagnostics)) return failed(diagnostics, deck);

  const page = renderDeckPage(env.templates, deck, slides, env.links?.(source.slug, deck) ?? {}, true);
  // The handout prints these beside the slides; the font subset must cover them too.
  const handoutText = [deck.title, deck.event, deck.date, deck.author, ...Object.values(handoutStrings(deck.lang))].join(' ');
  const fonts = await deckFonts(`${page}${handoutText}`, decoded.text, env, file, diagnostics);
  const [client, styles] = await Promise.all([
    env.client(),
    env.styles({ files: [env.baseCss, theme], highlightTheme: deck.highlightTheme, math: page.includes('class="katex"') }),
  ]);
  const files: OutputFile[] = [{ path: 'index.html', data: page }, ...client, ...styles, ...fonts, ...media];
  return { source, deck, slides, files, diagnostics };
}

/** Local images and backgrounds: each must exist; copied beside index.html at the same relative path. */
async function collectMedia(
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

async function resolveTheme(
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
    const abs = path.resolve(deckDir, deck.theme);
    if (await env.exists(abs)) return abs;
    diagnostics.push(error(file, line, `theme file "${deck.theme}" not found next to the deck`));
  } else {
    diagnostics.push(error(file, line, `unknown theme "${deck.theme}"; built-in themes: ${[...env.themes.keys()].join(', ')}, or a .css file in the talk's folder`));
  }
  return env.themes.values().next().value!;
}

/** Subset the deck's fonts to the characters on its page; warn about characters no font has. */
async function deckFonts(page: string, source: string, env: BuildEnv, file: string, diagnostics: Diagnostic[]): Promise<OutputFile[]> {
  const visible = page
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&(amp|lt|gt|quot|nbsp);/g, (m) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&nbsp;': '\u00a0' })[m]!);
  // Always ship ASCII: slide numbers, controls and text typed in the speaker view use it.
  const text = `${visible}${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => i + 32))}`;
  const missing = uncovered(env.faces, new Set([...text].map((c) => c.codePointAt(0)!)));
  for (const cp of missing.filter((c) => c !== 0xa0 && c > 0x7f && !/\s/.test(String.fromCodePoint(c))).slice(0, 20)) {
    const at = source.indexOf(String.fromCodePoint(cp));
    diagnostics.push(warning(file, at < 0 ? 0 : lineAt(source, at), `"${String.fromCodePoint(cp)}" (U+${cp.toString(16).toUpperCase()}) is in none of the deck's fonts; it will be drawn in a fallback font`));
  }
  const subsets = await subsetFaces(env.faces, text, path.join(env.cacheDir, 'fonts'));
  return [
    { path: 'assets/fonts.css', data: fontFaceCss(subsets, 'fonts/') },
    ...subsets.map((s) => ({ path: `assets/fonts/${s.name}`, data: s.data })),
  ];
}
