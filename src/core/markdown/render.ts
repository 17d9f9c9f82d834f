// Markdown -> HTML for one slide or its notes, with marked: GFM tables and task lists,
// footnotes, KaTeX math and highlighted code at build time. Slide structure (directives,
// attributes, layouts) is left to directives.ts and templates.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Lexer, Marked, type Links, type MarkedExtension, type MarkedOptions, type Tokens } from 'marked';
import { markedEmoji } from 'marked-emoji';
import markedFootnote from 'marked-footnote';
import { renderCode, type Highlighter } from './highlight.js';
import { isMermaid } from './fences.js';
import { decodeHTML } from 'entities';
import { escapeHtml } from '../html.js';
import { backgroundSizeOf, parseImageAlt } from './image-syntax.js';
import { withoutKatexPadding, type KatexStrict } from './math.js';

/** Splits Japanese text into phrases (BudouX); loaded only for Japanese decks. */
export type PhraseSplitter = (text: string) => string[];

export async function loadPhraseSplitter(): Promise<PhraseSplitter> {
  // budoux's entry point also loads its HTML processor and linkedom (~100 ms) that a
  // text-only split does not need, so load its parser and Japanese model files directly.
  // Absolute paths: the package's "exports" map does not list them.
  const dir = path.dirname(fileURLToPath(import.meta.resolve('budoux')));
  const { Parser } = (await import(pathToFileURL(path.join(dir, 'parser.js')).href)) as typeof import('budoux');
  const { model } = (await import(pathToFileURL(path.join(dir, 'data', 'models', 'ja.js')).href)) as { model: ConstructorParameters<typeof Parser>[0] };
  const parser = new Parser(model);
  return (text) => parser.parse(text);
}

export interface RenderOptions {
  lang: string;
  phrases?: PhraseSplitter;
  highlight?: Highlighter;
  /** marked-katex-extension, loaded only for decks with `$`. */
  math?: Parameters<Marked['use']>[0];
  /** A single line break is a <br> (Marp's `breaks`, on in marp-core), not a space. */
  breaks?: boolean;
  /** Emoji shortcodes (`:ok_hand:`) to the character, as marp-core reads them: name -> emoji. */
  emoji?: Record<string, string>;
  /** The whole deck's link reference definitions (`[name]: url`), for every slide: deckLinks. */
  links?: Links;
}

/**
 * The link reference definitions of a whole deck, as marked reads them (outside code, the
 * first of a name wins): markdown-it reads a Marp deck as one document, so `[text][name]` on
 * one slide finds `[name]: url` on another.
 */
export function deckLinks(text: string): Links | undefined {
  if (!/^ {0,3}\[[^\]\n]+\]:/m.test(text)) return undefined;
  return new Lexer({ gfm: true }).lex(text).links;
}

/** `rawHtml: 'text'`: HTML in the Markdown is shown as written, not passed through (Marp's notes, which are its comments' text). */
export type MarkdownToHtml = (markdown: string, how?: { rawHtml?: 'text' }) => string;

const CJK = '\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
// A soft line break between two CJK characters renders as a space; Japanese has none.
const SOFT_BREAK = new RegExp(`([${CJK}])\\n([${CJK}])`, 'g');
const HAS_CJK = new RegExp(`[${CJK}]`);


/** Each slide's lexer starts knowing the deck's definitions (a slide's own come after them, as later ones in one document). */
function knowing(links: Links): MarkedExtension {
  const lex = (src: string, opts?: MarkedOptions) => {
    const lexer = new Lexer(opts);
    // Looked up through, not copied: a deck of many definitions and many slides stays linear.
    lexer.tokens.links = Object.create(links) as Links;
    return lexer.lex(src);
  };
  return { hooks: { provideLexer: (block?: boolean) => (block === false ? Lexer.lexInline : lex) as typeof Lexer.lexInline } };
}

/** One Marked instance a build; the returned function is pure. */
export function createMarkdown(options: RenderOptions): MarkdownToHtml {
  const phrases = options.phrases;
  const marked = new Marked({ gfm: true, breaks: options.breaks === true });
  // Set for one parse at a time (marked.parse is synchronous here).
  let htmlAsText = false;
  marked.use(markedFootnote({ description: 'Footnotes', refMarkers: true }));
  if (options.math) marked.use(options.math);
  if (options.links) marked.use(knowing(options.links));
  // The character, not marp-core's picture of it from a CDN: the deck works offline, and Noto
  // Color Emoji draws it. marp-core leaves shortcuts such as :) as text; so does this.
  if (options.emoji) marked.use(markedEmoji({ emojis: options.emoji, renderer: (token: { emoji: string }) => token.emoji }));
  marked.use({
    renderer: {
      image(token: Tokens.Image) {
        // Keywords in the alt text (w:300, bg left:40%, blur): image-syntax.ts. Without any, marked's own <img>.
        const look = parseImageAlt(token.text);
        if (!look.bg && !look.width && !look.height && look.filters.length === 0) return false;
        // A background's w: and h: are its size (backgroundSizeOf); a picture's, its box's.
        const box = look.bg ? [] : [look.width && `width:${look.width}`, look.height && `height:${look.height}`];
        const style = [...box, look.filters.length > 0 && `filter:${look.filters.join(' ')}`].filter(Boolean).join(';');
        const bg = look.bg
          ? ` data-bg="${backgroundSizeOf(look)}"${look.split ? ` data-bg-split="${look.split.side}:${look.split.share}"` : ''}${look.vertical ? ' data-bg-vertical=""' : ''}`
          : '';
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(decodeHTML(look.alt))}"${title}${style ? ` style="${style}"` : ''}${bg}>`;
      },
      code(token: Tokens.Code) {
        // A diagram, drawn at build time by the diagram stage (pipeline.ts): its source, marked.
        // ```mermaid-animation and the like are other plugins' languages: code, not diagrams.
        if (isMermaid(token.lang ?? '')) return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`;
        return renderCode(token.text, token.lang ?? '', options.highlight);
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        return htmlAsText ? escapeHtml(token.text) : false;
      },
      text(token: Tokens.Text | Tokens.Escape) {
        if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
        if ('escaped' in token && token.escaped) return token.text;
        // Entities as the author wrote them (&rarr;, &nbsp;, &#39;) are characters: decoded
        // once here, escaped once on the way out, so nothing shows as "&amp;rarr;".
        const text = decodeHTML(token.text).replace(SOFT_BREAK, '$1$2');
        // Phrase-aware breaks for browsers without `word-break: auto-phrase`: <wbr>, never
        // U+200B, which would land in the PDF's text layer.
        if (phrases && HAS_CJK.test(text)) return phrases(text).map(escapeHtml).join('<wbr>');
        return escapeHtml(text);
      },
    },
  });
  return (markdown, how) => {
    htmlAsText = how?.rawHtml === 'text';
    try {
      return withoutKatexPadding(marked.parse(markdown, { async: false })).replace(BACK_ARROW, '$1↑');
    } finally {
      htmlAsText = false;
    }
  };
}

/**
 * A footnote's way back. marked-footnote writes ↩, which no text font the deck ships has
 * (Noto Sans, JP, KR lack it), so Noto Color Emoji drew it as a coloured emoji; ↑ is in the
 * text fonts (Noto Sans JP's for a Latin deck), and is the back link of Japanese Wikipedia's notes.
 */
const BACK_ARROW = /(<a [^>]*data-footnote-backref[^>]*>)↩/g;

/** Load KaTeX only when a deck has math: it costs ~50 ms to import. */
export async function loadMath(strict?: KatexStrict): Promise<RenderOptions['math']> {
  const { default: markedKatex } = await import('marked-katex-extension');
  return markedKatex({ throwOnError: false, nonStandard: true, output: 'html', ...(strict ? { strict } : {}) });
}
