// Math where reveal.js's math plugin finds it (KaTeX auto-render's delimiters), rendered at
// build time: $$...$$ and \[...\] displayed, \(...\) and $...$ inline, in any text of a slide
// that Markdown's own math rule did not reach (raw HTML, $$ inside a line). A lone $ is math
// only when it hugs its formula ($x$, not "$5 and $10"), as in Pandoc.
import { decodeHTML } from 'entities';
import { warning, type Diagnostic } from '../errors.js';
import { lineOf, type RenderedSlide } from '../slides.js';

export type TexRenderer = (tex: string, display: boolean) => string;

/** KaTeX's `strict` option: a function, so that its complaints come here instead of console.warn. */
export type KatexStrict = (code: string, message: string, token?: { text?: string }) => 'ignore';

export async function loadTex(strict?: KatexStrict): Promise<TexRenderer> {
  const { default: katex } = await import('katex');
  return (tex, display) => withoutKatexPadding(katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html', ...(strict ? { strict } : {}) }));
}

/**
 * KaTeX's strict-mode warnings (LaTeX-incompatible input such as \htmlClass), which KaTeX
 * would print itself: collected while a slide renders, then added to that slide's problems
 * at the line holding the command. The formula renders as KaTeX's 'warn' mode renders it.
 */
export function katexWarnings(file: string) {
  const pending: { message: string; code: string; near: string }[] = [];
  const strict: KatexStrict = (code, message, token) => {
    pending.push({ code, message: message.replace(/^LaTeX-incompatible input and strict mode is set to 'warn': /, ''), near: token?.text ?? '' });
    return 'ignore';
  };
  /** `rendered` with the warnings its rendering raised. */
  const into = (rendered: RenderedSlide, body: string): RenderedSlide => {
    if (pending.length === 0) return rendered;
    const found: Diagnostic[] = pending.splice(0).map((w) => warning(file, lineOf(body, 0, w.near || '$'), `math: ${w.message} [${w.code}]; KaTeX renders it, but LaTeX would not`));
    return { ...rendered, diagnostics: [...rendered.diagnostics, ...found] };
  };
  return { strict, into };
}

/** KaTeX pads vertical lists with U+200B for an old Safari bug; in a PDF it becomes stray text. */
export const withoutKatexPadding = (html: string): string => html.replace(/<span class="vlist-s">\u200b<\/span>/g, '<span class="vlist-s"></span>');

export type MathPiece = { text: string } | { tex: string; display: boolean };

const DELIMITERS: { left: string; right: string; display: boolean; keep?: true }[] = [
  { left: '$$', right: '$$', display: true },
  { left: '\\[', right: '\\]', display: true },
  { left: '\\(', right: '\\)', display: false },
  { left: '$', right: '$', display: false },
  // auto-render's environments, written without $$ (MathJax, reveal.js's default, reads them
  // too): displayed, the \begin and \end kept as part of the formula.
  ...['equation', 'equation*', 'align', 'align*', 'alignat', 'alignat*', 'gather', 'gather*', 'CD'].map((env) => ({ left: `\\begin{${env}}`, right: `\\end{${env}}`, display: true, keep: true as const })),
];

/** More dollar signs than this in one text is prices or code, not math: left alone (and linear). */
const MAX_DOLLARS = 1000;

/** `text` (HTML text, entities as written) cut into plain text and formulas (TeX, entities decoded). */
export function splitMath(text: string): MathPiece[] {
  if (!/\$|\\\(|\\\[|\\begin\{/.test(text) || text.split('$').length > MAX_DOLLARS) return [{ text }];
  const pieces: MathPiece[] = [];
  let plain = 0;
  let i = 0;
  while (i < text.length) {
    const d = DELIMITERS.find((d) => text.startsWith(d.left, i) && text[i - 1] !== '\\');
    const close = d ? closing(text, i, d) : -1;
    if (!d || close < 0) {
      i++;
      continue;
    }
    if (i > plain) pieces.push({ text: text.slice(plain, i) });
    pieces.push({ tex: decodeHTML(d.keep ? text.slice(i, close + d.right.length) : text.slice(i + d.left.length, close)), display: d.display });
    i = plain = close + d.right.length;
  }
  if (plain < text.length) pieces.push({ text: text.slice(plain) });
  return pieces;
}

function closing(text: string, from: number, d: (typeof DELIMITERS)[number]): number {
  const start = from + d.left.length;
  if (d.left !== '$') {
    const end = text.indexOf(d.right, start);
    return end > start ? end : -1;
  }
  // A lone $: the formula starts and ends with a non-space, and no digit follows the close.
  if (/\s/.test(text[start] ?? ' ')) return -1;
  for (let end = text.indexOf('$', start); end > start; end = text.indexOf('$', end + 1)) {
    if (text[end - 1] === '\\') continue;
    if (/\s/.test(text[end - 1]!) || /\d/.test(text[end + 1] ?? '')) return -1;
    return end;
  }
  return -1;
}
