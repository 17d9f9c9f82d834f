// One talk, source to files, in the order the stages run. First the cheap checks, which a
// build runs on every deck before it starts Chromium: decode -> front matter (read as Marp's
// or another tool's when the deck is theirs: dialects/) -> config -> dialect split -> limits (readTalk). Then
// the rest: markdown -> layouts -> local files -> theme and code style -> diagrams -> timing
// -> page -> fonts -> bundles (renderTalk). Pure but for what it asks of `env` (reads, fonts,
// diagrams); writing files is the caller's job (commands/build.ts, server/dev.ts).
import path from 'node:path';
import { repeatedOnSlides, resolveDeckConfig, type DeckConfig } from './config.js';
import { error, hasErrors, StyleError, type Checked, type Diagnostic } from './errors.js';
import { decodeSource } from './source.js';
import { parseFrontMatter } from './markdown/frontmatter.js';
import { FRONT_ENDS, frontEndFor, looseYaml } from './dialects/index.js';
import { unsplitWarning } from './dialects/unsplit.js';
import { checkParts } from './markdown/limits.js';
import { hasFence } from './markdown/fences.js';
import { DECK_LIMITS, elementsError, slideCountError } from './deck-size.js';
import { hashOf, memoryCache } from './slide-cache.js';
import { placeSlide, type RenderedSlide, type Slide } from './slides.js';
import { renderDeckPage, renderPrintPage } from './deck.js';
import { collectMedia, isDarkTheme, localFile, renamedFiles, resolveCodeStyle, resolveTheme } from './local-files.js';
import { deckFonts } from './deck-fonts.js';
import { diagramLook, drawDiagrams } from './diagrams.js';
import type { BuildEnv, DeckContext, DeckReading, MarkdownFlavour, OutputFile, RawSlide, StyleInput, TalkBuild, TalkFile, TalkSource } from './model.js';
import { handoutStrings } from './strings.js';
import { checkCssImports, slideStyleRoots } from './css-imports.js';
import { TALK_OUTPUTS } from './talk-outputs.js';
import { checkTiming } from './timing.js';
import { generatedAt } from './outputs.js';

/** A deck read and checked: what renderTalk needs, and every problem found so far. */
export interface ReadTalk {
  source: TalkSource;
  /** The deck's text, or undefined when it could not be decoded. */
  text?: string;
  body: string;
  bodyLine: number;
  /** File lines of the front-matter keys (0 for a key set in the project config). */
  keyLines: Record<string, number>;
  deck: DeckConfig;
  raw: RawSlide[];
  /** Problems of the cheap stages; lines past the parser's limits among them. */
  diagnostics: Diagnostic[];
  limits: Diagnostic[];
  /** A Marp deck's theme files by name, for the bundle (`@import 'name'`). */
  marpThemes?: Record<string, string>;
  /** The dialect that split it. */
  dialect?: string;
  /** Its Markdown's options beyond CommonMark and GFM (Marp's line breaks and emoji). */
  markdown?: MarkdownFlavour;
}

export async function buildTalk(source: TalkSource, env: BuildEnv): Promise<TalkBuild> {
  return renderTalk(await readTalk(source, env), env);
}

/** Decode, front matter, config, split and limits: milliseconds, no Markdown tool chain. */
export async function readTalk(source: TalkSource, env: BuildEnv): Promise<ReadTalk> {
  const file = source.displayFile;
  const decoded = decodeSource(await env.readFile(source.file), file, env.limits);
  if (decoded.text === undefined) {
    return { source, body: '', bodyLine: 1, keyLines: {}, deck: resolveDeckConfig({}), raw: [], diagnostics: decoded.diagnostics, limits: [] };
  }
  // Another tool's front matter means other things: its front end reads it as Kamishibai settings.
  const named = env.dialectName;
  const frontEnds = env.frontEnds ?? FRONT_ENDS;
  const context = (body: string, keyLines: Record<string, number>): DeckContext => ({ source, file, text: decoded.text!, body, keyLines, env, named: named !== undefined });
  let reading = undefined as DeckReading | undefined;
  const front = await parseFrontMatter(decoded.text, file, (raw, keyLines, body) => {
    reading = frontEndFor(raw, body, named, frontEnds).read(raw, context(body, keyLines));
    return { values: reading.values, ...(reading.tool ? { tool: reading.tool } : {}) };
  }, (yaml) => looseYaml(yaml, named, frontEnds));
  // A deck without front matter is Kamishibai's, or the named dialect's.
  const read = reading ?? frontEndFor({}, front.body, named ?? 'kamishibai', frontEnds).read({}, context(front.body, {}));
  const prepared = await read.prepare?.();
  Object.assign(front.values, prepared?.values);
  const { body, bodyLine } = front;
  const deck = resolveDeckConfig(front.values, env.projectDeck, env.flagsDeck);
  // Published under a site (--base-url, which the Pages workflow gives): the talk's own address.
  if (!deck.url && env.baseUrl) deck.url = new URL(`${encodeURIComponent(source.slug)}/`, env.baseUrl.endsWith('/') ? env.baseUrl : `${env.baseUrl}/`).href;
  const dialect = await read.dialect(deck);
  const split = dialect.split(body, bodyLine, file);
  // A deck that names its separators has said how it splits; one that does not may have lost them.
  const unsplit = dialect.name === 'kamishibai' ? unsplitWarning(front.body, front.bodyLine, split.slides, file) : [];
  // Each slide and its notes as marked will parse them: alone (a fence left open ends with its slide).
  const limits = checkParts(split.slides.flatMap((s) => [{ text: s.body, line: s.line }, ...(s.notes ? [{ text: s.notes, line: s.notesLine }] : [])]), file);
  // A dialect's problem repeated across the deck (a Vue component on every slide) is said once, with its other lines.
  const diagnostics = [...front.diagnostics, ...(read.diagnostics ?? []), ...(prepared?.diagnostics ?? []), ...onceEach(split.diagnostics), ...limits, ...unsplit];
  // Past the cap, only the slides within it are rendered: their problems are still reported.
  const tooMany = slideCountError(split.slides.map((s) => s.line), file, env.limits);
  if (tooMany) diagnostics.push(tooMany);
  const repeated = repeatedOnSlides(deck, split.slides.length);
  if (repeated) diagnostics.push(error(file, front.keyLines.footer ?? front.keyLines.parts ?? 0, repeated));
  if (split.slides.every((s) => s.body.trim() === '' && s.notes === '')) {
    diagnostics.push(error(file, front.bodyLine, 'deck has no slides; write Markdown after the front matter'));
  }
  return { source, text: decoded.text, body: front.body, bodyLine: front.bodyLine, keyLines: front.keyLines, deck, raw: tooMany ? split.slides.slice(0, (env.limits ?? DECK_LIMITS).slides) : split.slides, diagnostics, limits, dialect: dialect.name, markdown: read.markdown ?? {}, ...(prepared?.marpThemes ? { marpThemes: prepared.marpThemes } : {}) };
}

/** Markdown, layouts, local files, diagrams, timing, the page, fonts and bundles: the files of one talk. */
export async function renderTalk(read: ReadTalk, env: BuildEnv): Promise<TalkBuild> {
  const { source, deck } = read;
  const file = source.displayFile;
  const failed = (diagnostics: Diagnostic[]): TalkBuild => ({ source, deck, slides: [], files: [], diagnostics, uncoveredChars: '', printPage: () => '' });
  const text = read.text;
  if (text === undefined) return failed(read.diagnostics);
  const diagnostics = [...read.diagnostics];

  const rendered = await renderAll(withoutLines(read.raw, read.limits.filter((d) => d.severity === 'error')), read.body, deck, source, env, read.markdown ?? {});
  diagnostics.push(...onceEach(rendered.diagnostics));
  const tooBig = elementsError(rendered.value, file, env.limits);
  if (tooBig) diagnostics.push(tooBig);
  if (!deck.title) deck.title = rendered.value.find((s) => s.title)?.title ?? source.slug;

  const deckDir = path.dirname(source.file);
  const keyLine = (key: string) => read.keyLines[key] ?? 0;
  const media = await collectMedia(rendered.value, deck, deckDir, file, { logo: keyLine('logo'), scripts: keyLine('scripts') }, env, (rel) => generatedAt(rel, source.slug));
  const theme = await resolveTheme(deck, deckDir, file, keyLine('theme'), env);
  const extraCss = deck.css ? await localFile(deck.css, deckDir, file, keyLine('css'), 'CSS file', env) : undefined;
  const codeStyle = resolveCodeStyle(deck, file, keyLine('highlightTheme'), env);
  // The deck's own stylesheets' @import graph, walked once before esbuild bundles it.
  const cssRoots = [...(deck.theme.endsWith('.css') ? [{ name: deck.theme, line: keyLine('theme') }] : []), ...(deck.css ? [{ name: deck.css, line: keyLine('css') }] : []), ...(deck.style ? [{ name: '', text: deck.style, line: keyLine('style') }] : []), ...slideStyleRoots(read.raw)];
  const imports = cssRoots.length > 0 ? await checkCssImports(cssRoots, deckDir, file, env) : [];
  const sheets = await Promise.all([...theme.value, ...(extraCss?.value ? [extraCss.value] : [])].map(async (f) => new TextDecoder().decode(await env.readFile(f))));
  const diagrams = await drawDiagrams(renamedFiles(rendered.value, media.moved), text, file, diagramLook(sheets, isDarkTheme(deck.theme), deck.lang), env);
  const timing = checkTiming(deck, diagrams.value, read.raw, file, read.keyLines);
  const slides = timing.planned ? diagrams.value.map((s, i) => ({ ...s, attrs: { ...s.attrs, 'data-timing': String(timing.planned![i]) } })) : diagrams.value;
  diagnostics.push(...media.diagnostics, ...theme.diagnostics, ...(extraCss?.diagnostics ?? []), ...codeStyle.diagnostics, ...diagrams.diagnostics);
  diagnostics.push(...timing.diagnostics, ...imports);
  if (hasErrors(diagnostics)) return failed(diagnostics);

  const page = renderDeckPage(env.templates, deck, slides, env.links?.(source.slug, deck) ?? {});
  // The handout prints these beside the slides; the font subset must cover them too.
  const handoutText = [deck.title, deck.subtitle, deck.event, deck.date, deck.author, ...Object.values(handoutStrings(deck.lang)), ...slides.map((s) => s.handoutHtml ?? '')].join(' ');
  const fonts = await deckFonts(`${page}${handoutText}`, text, env, file, deck.lang);
  const [client, styles] = await Promise.all([
    env.client(),
    stylesOrProblems(env, file, {
      files: [...env.baseCss, ...theme.value],
      ...(extraCss?.value ? { own: [extraCss.value] } : {}),
      talkDir: deckDir,
      templates: env.templatesDir,
      codeStyle: codeStyle.value,
      ...(deck.style ? { inline: deck.style } : {}),
      ...(read.marpThemes ? { marpThemes: read.marpThemes } : {}),
      math: page.includes('class="katex"'),
    }, keyLine('style')),
  ]);
  diagnostics.push(...fonts.diagnostics, ...styles.diagnostics);
  if (hasErrors(diagnostics)) return failed(diagnostics);
  const files: TalkFile[] = [{ path: 'index.html', data: page }, ...client, ...styles.value, ...fonts.value.files, ...media.value];
  for (const output of TALK_OUTPUTS.filter((o) => env.outputs?.includes(o.option))) {
    const made = await output.make({ slug: source.slug, file, deck, slides, raw: read.raw, templates: env.templates, files, readFile: env.readFile });
    diagnostics.push(...made.diagnostics);
    if (hasErrors(diagnostics)) return failed(diagnostics);
    files.push(...made.files);
  }
  const printPage = () => renderPrintPage(env.templates, deck, slides);
  return { source, deck, slides, files, diagnostics, uncoveredChars: fonts.value.missing, printPage };
}

/**
 * One root problem reported once: the same message in one file on many slides becomes one,
 * at its first line, with the other lines in order. Per file: a Slidev page imported with
 * src: has lines of its own, which "also on line 6" of another file would not name.
 */
function onceEach(diagnostics: Diagnostic[]): Diagnostic[] {
  const first = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.message}`;
    const same = first.get(key);
    if (same) same.push(d);
    else first.set(key, [d]);
  }
  const also = (lines: number[]) => `also on line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ` and ${lines.length - 10} more` : ''}`;
  return [...first.values()].map((same) => {
    const [d, ...rest] = same.sort((a, b) => a.line - b.line);
    return rest.length === 0 ? d! : { ...d!, message: `${d!.message} (${also(rest.map((r) => r.line))})` };
  });
}

/**
 * Slides holding a line past the parser's limits, emptied: the limit was reported, the parser
 * must not see it. Slides and problems both come in line order: one pass over each.
 */
function withoutLines(slides: RawSlide[], problems: Diagnostic[]): RawSlide[] {
  if (problems.length === 0) return slides;
  const lines = problems.map((p) => p.line).sort((a, b) => a - b);
  let next = 0;
  return slides.map((s, i) => {
    const end = slides[i + 1]?.line ?? Infinity;
    while (next < lines.length && lines[next]! < s.line) next++;
    return next < lines.length && lines[next]! < end ? { ...s, body: '', notes: '' } : s;
  });
}

/** The CSS bundle; a CSS error or a url() that leaves the talk's folder becomes a diagnostic at its line. */
async function stylesOrProblems(env: BuildEnv, deckFile: string, input: StyleInput, styleLine: number): Promise<Checked<OutputFile[]>> {
  try {
    return { value: await env.styles(input), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof StyleError)) throw e;
    // A problem in the bundle's own entry is in the CSS the deck wrote (style:): at that key.
    const at = (p: StyleError['problems'][number]) => (p.file && p.file !== '<stdin>' ? error(p.file, p.line, `in CSS: ${p.message}`, p.col) : error(deckFile, styleLine, `in style: ${p.message}`));
    return { value: [], diagnostics: e.problems.map(at) };
  }
}

/** Render every slide, taking unchanged ones from the cache; Markdown tooling loads only on a miss. */
async function renderAll(raw: RawSlide[], text: string, deck: DeckConfig, source: TalkSource, env: BuildEnv, flavour: MarkdownFlavour): Promise<Checked<Slide[]>> {
  const diagnostics: Diagnostic[] = [];
  const cache = (await env.slideCache?.(source.file)) ?? memoryCache();
  const base = hashOf(env.engineHash ?? '', JSON.stringify(deck), String(raw.length), source.displayFile, JSON.stringify(flavour));
  let render: ((s: RawSlide, index: number) => RenderedSlide) | undefined;
  const slides: Slide[] = [];
  for (const [index, s] of raw.entries()) {
    // Everything of the slide but where it sits in the file (placeSlide moves its lines), so
    // a field a dialect adds to RawSlide is in the key without being named here.
    const key = hashOf(base, String(index), JSON.stringify({ ...s, line: 0, notesLine: 0 }));
    let rendered = cache.get(key);
    if (!rendered) {
      render ??= await loadRenderer(text, raw.length, deck, source, env, flavour);
      rendered = render(s, index);
      cache.set(key, rendered);
    }
    const placed = placeSlide(rendered, s.line, s.body, s.origin);
    slides.push(placed.slide);
    diagnostics.push(...placed.diagnostics);
  }
  await cache.flush();
  return { value: slides, diagnostics };
}

/**
 * The Markdown tool chain (marked, BudouX, highlight.js, KaTeX, an HTML parser) is loaded
 * on the first slide the cache does not have: a warm build of an unchanged deck skips it.
 */
async function loadRenderer(text: string, total: number, deck: DeckConfig, source: TalkSource, env: BuildEnv, flavour: MarkdownFlavour) {
  const [{ renderSlide }, { createMarkdown, deckLinks, loadMath, loadPhraseSplitter }, { loadHighlighter }, { katexWarnings, loadTex }] = await Promise.all([
    import('./render-slide.js'),
    import('./markdown/render.js'),
    import('./markdown/highlight.js'),
    import('./markdown/math.js'),
  ]);
  const hasMath = /\$|\\\(|\\\[|\\begin\{/.test(text);
  const katex = katexWarnings(source.displayFile);
  const md = createMarkdown({
    lang: deck.lang,
    phrases: deck.lang.toLowerCase().startsWith('ja') ? await loadPhraseSplitter() : undefined,
    highlight: hasFence(text) ? await loadHighlighter() : undefined,
    math: text.includes('$') ? await loadMath(katex.strict) : undefined,
    breaks: !!flavour.breaks,
    emoji: flavour.emoji && /:[\w+-]+:/.test(text) ? (await import('markdown-it-emoji/lib/data/full.mjs')).default : undefined,
    links: flavour.deckLinks ? deckLinks(text) : undefined,
  });
  const tex = hasMath ? await loadTex(katex.strict) : undefined;
  const qr = /<!--\s*qr\b/i.test(text) ? await (await import('./qr.js')).loadQr() : undefined;
  return (s: RawSlide, index: number) => katex.into(renderSlide(s, index, total, md, env.templates, deck, source.displayFile, tex, qr, !!flavour.chromeMarkdown), s.body);
}

export type { BuildEnv, TalkBuild, TalkSource } from './model.js';
