// The shapes the core and the node layer share: a talk's source, the environment the core
// asks for every read (BuildEnv), and what it gives back. Types only.
import type { DeckConfig } from './config.js';
import type { PageLinks } from './deck.js';
import type { DeckLimits } from './deck-size.js';
import type { Diagnostic } from './errors.js';
import type { SlideCache } from './slide-cache.js';
import type { Slide } from './slides.js';
import type { Templates } from './templates.js';

export interface OutputFile {
  /** Path relative to the talk's output folder, with forward slashes. */
  path: string;
  data: Uint8Array | string;
}

/**
 * A file of the talk's folder published as it is (a picture, a video): copied by the node layer
 * from `from`, never read whole, since a screen recording may be larger than memory (or than
 * the 2 GiB one read can hold).
 */
export interface CopiedFile {
  path: string;
  from: string;
  size: number;
}

/** What a talk's build writes: made in memory, or copied from the talk's folder. */
export type TalkFile = OutputFile | CopiedFile;

export interface StyleInput {
  /** CSS files in order: base, theme, extras. */
  files: string[];
  /** The talk's folder: what its own CSS files name (url(), @import) must stay inside it or `templates`. */
  talkDir: string;
  templates: string;
  /** The highlight.js stylesheet for code, and whether its own background and text colour
   * win over the theme's code colours (a style the deck names) or not (light, dark). */
  codeStyle: { file: string; own: boolean };
  math: boolean;
  /** The deck's own CSS files (front matter `css`): like `inline`, over the theme whatever their selectors. */
  own?: string[];
  /** CSS written in the deck itself (front matter `style`), after the files. */
  inline?: string;
  /** A Marp deck's theme files by name: what `@import 'name'` in one of them reaches. */
  marpThemes?: Record<string, string>;
}

/** How a deck's diagrams look: its theme's colours, and its language (for the fonts). */
export interface DiagramLook {
  dark: boolean;
  lang: string;
  background: string;
  text: string;
  accent: string;
  fill: string;
  line: string;
}

export interface DiagramJob {
  /** Mermaid source. */
  code: string;
  look: DiagramLook;
}

/** An SVG, or why there is none (and the line of the diagram's source, from 1; 0 for the fence itself). */
export type DiagramResult = { svg: string } | { error: string; line?: number };

/** A file a deck names, inside its folder (`rel` to it), or why it may not be used. */
export type Reached = { file: string; rel: string; size: number } | { problem: string };

/**
 * One slide as a dialect reads it from the source, before any Markdown is rendered: the
 * common model every later stage (render, layouts, fonts, PDF, checks) shares.
 */
export interface RawSlide {
  /** Markdown of the slide, notes removed. */
  body: string;
  /** Markdown of the speaker notes, or '' when the slide has none. */
  notes: string;
  /** Where the slide's lines are when another file holds them (Slidev's src:): what is said about them points there; `line` stays the deck's. */
  origin?: { file: string; line: number };
  /** HTML in the notes is text, shown as written: Marp's notes are its comments, which may hold `<!--` or a `<style>` the page must not read. */
  notesHtmlAsText?: boolean;
  /** File line of the slide's first body line. */
  line: number;
  /** Markdown of the handout's wording (`Handout:`), printed in the handout instead of the notes. */
  handout?: string;
  /** File line of the `Note:` marker, when there are notes. */
  notesLine: number;
  /** Index of the horizontal slide this belongs to (0-based). */
  h: number;
  /** Index inside a vertical stack (0 for the top slide). */
  v: number;
  /** Settings a dialect reads outside the Markdown (a per-slide front matter, say): the
   * slide's layout, and attributes for its <section>. Comment directives in the slide win. */
  layout?: string;
  attrs?: Record<string, string>;
  /** Every <style> in the slide applies to it alone (Slidev); otherwise only `<style scoped>` (Marp) does. */
  ownStyles?: 'all';
  /** In columns, a leading heading is the first column's own (Slidev's two-cols), not above them all. */
  headingInColumn?: boolean;
}

/** A dialect's name, as --dialect takes it (one of dialects/index.ts's FRONT_ENDS). */
export type DialectName = string;

/**
 * A source syntax (Kamishibai's own, which is reveal.js's; Marp's; Slidev's): how a deck body
 * becomes slides with their lines. Everything after it is shared and never asks which one.
 */
export interface Dialect {
  name: string;
  split(body: string, firstLine: number, file: string): { slides: RawSlide[]; diagnostics: Diagnostic[] };
}

/** What a front end is given about the deck it reads. */
export interface DeckContext {
  source: TalkSource;
  /** The deck's path as messages show it. */
  file: string;
  /** The whole text, front matter and all. */
  text: string;
  /** The text after the front matter. */
  body: string;
  keyLines: Record<string, number>;
  env: BuildEnv;
  /** Named with --dialect, rather than detected. */
  named: boolean;
}

/** Marked's options a dialect's Markdown needs beyond CommonMark and GFM. */
export interface MarkdownFlavour {
  /** A single line break is a <br> (Marp). */
  breaks?: boolean;
  /** `:tada:` is an emoji (Marp). */
  emoji?: boolean;
  /** Header and footer text are inline Markdown, raw HTML shown as text (Marp, as marp-cli draws them without --html). */
  chromeMarkdown?: boolean;
  /** A link reference definition anywhere in the deck serves every slide (Marp: markdown-it reads the deck as one document). */
  deckLinks?: boolean;
}

/** One deck as a front end reads it. */
export interface DeckReading {
  /** The front matter as Kamishibai settings. */
  values: Record<string, unknown>;
  /** The tool whose keys Kamishibai does not use are warnings rather than errors ('Marp'). */
  tool?: string;
  diagnostics?: Diagnostic[];
  /** Reads that must come before the settings are resolved (a Marp theme's file): settings to add, problems, theme files for the bundle. */
  prepare?(): Promise<{ values?: Record<string, unknown>; diagnostics: Diagnostic[]; marpThemes?: Record<string, string> }>;
  /** The splitter, given the deck's resolved settings (front matter, project config, flags). */
  dialect(deck: DeckConfig): Dialect | Promise<Dialect>;
  markdown?: MarkdownFlavour;
}

/**
 * A dialect's front end: how a deck says it is that tool's, how its front matter reads as
 * Kamishibai settings, and the Dialect that splits its body. Each is one module under
 * dialects/front-ends/ and one entry in FRONT_ENDS (dialects/index.ts).
 */
export interface FrontEnd {
  name: string;
  /**
   * Whether a deck that names no dialect is this tool's: 'declared' when it says so
   * (`marp: true`), 'looks' when its keys or body are this tool's own. Declared claims win;
   * otherwise the first in FRONT_ENDS' order.
   */
  claims(raw: Record<string, unknown>, body: string): 'declared' | 'looks' | false;
  /** YAML as the tool's own reader takes it, for a front matter YAML refuses (Marp's unquoted values); undefined when not this tool's. */
  looseYaml?(yaml: string, named: boolean): string | undefined;
  read(raw: Record<string, unknown>, deck: DeckContext): DeckReading;
}

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
  /** A file a deck names, confined to its folder (adapters/confine.ts). */
  reach(dir: string, name: string, what: string): Promise<Reached>;
  /** Marp themes (CSS files declaring `@theme name` in a comment) where a deck in `deckDir` may use them: name -> file. */
  marpThemes?(deckDir: string): Promise<Map<string, string>>;
  /** Built-in themes: name -> CSS file. */
  themes: Map<string, string>;
  /** reveal.js's own themes (name -> CSS file in the reveal.js package), and the CSS that fits
   * one under Kamishibai's layouts. Kamishibai's themes win a name both have. */
  revealThemes?: { files: Map<string, string>; bridge: string };
  /** Stylesheets every deck gets before its theme: layout mechanics, then components. */
  baseCss: string[];
  /** highlight.js styles by name (github, monokai, base16/zenburn...) -> CSS file. */
  highlightStyles: Map<string, string>;
  /** Draw diagrams (Mermaid source -> SVG), cached by content; absent where nothing can draw them. */
  diagrams?(jobs: DiagramJob[]): Promise<DiagramResult[]>;
  /** Font files cut to `text` for a deck in `lang` (which family leads), and the code points no font has. */
  fonts(text: string, lang: string | undefined): Promise<{ files: OutputFile[]; missing: number[] }>;
  /** The templates folder: CSS may name files there as well as in the talk's folder. */
  templatesDir: string;
  client(): Promise<OutputFile[]>;
  styles(input: StyleInput): Promise<OutputFile[]>;
  /** Front-matter defaults from the project config, and CLI overrides. */
  projectDeck?: Partial<DeckConfig>;
  flagsDeck?: Partial<DeckConfig>;
  links?: (slug: string, deck: DeckConfig) => PageLinks;
  /** Rendered-slide cache for a deck file; none means render every slide. */
  slideCache?: (deckFile: string) => Promise<SlideCache>;
  /** Hash of the engine and templates: a change to either invalidates cached slides. */
  engineHash?: string;
  /** The site the talks are published under (--base-url): a talk without url gets <base>/<talk>/. */
  baseUrl?: string;
  /** The run options asking for outputs made beside the deck page (talk-outputs.ts: notes, singleFile). */
  outputs?: readonly string[];
  /** A dialect by name (--dialect; one of dialects/index.ts's FRONT_ENDS), over what the deck declares. */
  dialectName?: DialectName;
  /** The dialects to read decks in, in the order they claim one; default: FRONT_ENDS (a library caller may add its own). */
  frontEnds?: readonly FrontEnd[];
  /** What one deck may ask for (deck-size.ts); default: DECK_LIMITS, --large: LARGE_DECK_LIMITS. */
  limits?: DeckLimits;
}

export interface TalkBuild {
  source: TalkSource;
  deck: DeckConfig;
  slides: Slide[];
  files: TalkFile[];
  diagnostics: Diagnostic[];
  /** Characters of the deck that none of its fonts has (already warned about). */
  uncoveredChars: string;
  /** The deck laid out for printing, for the browser stage (not written to the output).
   * A function: only the browser stage needs it, not `--no-pdf` builds or dev rebuilds. */
  printPage: () => string;
}

