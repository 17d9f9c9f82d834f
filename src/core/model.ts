// The shapes the core and the node layer share: a talk's source, the environment the core
// asks for every read (BuildEnv), and what it gives back. Types only.
import type { DeckConfig } from './config.js';
import type { PageLinks } from './deck.js';
import type { Diagnostic } from './errors.js';
import type { SlideCache } from './slide-cache.js';
import type { Slide } from './slides.js';
import type { Templates } from './templates.js';

export interface OutputFile {
  /** Path relative to the talk's output folder, with forward slashes. */
  path: string;
  data: Uint8Array | string;
}

export interface StyleInput {
  /** CSS files in order: base, theme, extras. */
  files: string[];
  /** The talk's folder: what its own CSS files name (url(), @import) must stay inside it or `templates`. */
  talkDir: string;
  templates: string;
  highlightTheme: 'light' | 'dark';
  math: boolean;
}

/** A file a deck names, inside its folder (`rel` to it), or why it may not be used. */
export type Reached = { file: string; rel: string } | { problem: string };

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
  /** A file a deck names, confined to its folder (confine.ts). */
  reach(dir: string, name: string, what: string): Promise<Reached>;
  /** Built-in themes: name -> CSS file. */
  themes: Map<string, string>;
  baseCss: string;
  /** Font files cut to `text`, and the code points no font of the deck has. */
  fonts(text: string): Promise<{ files: OutputFile[]; missing: number[] }>;
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
  /** Also write <slug>.html, the deck as one self-contained file. */
  singleFile?: boolean;
}

export interface TalkBuild {
  source: TalkSource;
  deck: DeckConfig;
  slides: Slide[];
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Characters of the deck that none of its fonts has (already warned about). */
  uncoveredChars: string;
  /** The deck laid out for printing, for the browser stage (not written to the output).
   * A function: only the browser stage needs it, not `--no-pdf` builds or dev rebuilds. */
  printPage: () => string;
}

