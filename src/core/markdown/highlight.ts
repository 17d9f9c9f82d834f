// Code blocks highlighted at build time with highlight.js, so the page carries no highlighter.
// Implements reveal.js's line-step syntax (```js [1|3-5]) the way its highlight plugin does
// at run time: one <code> per step, later steps as fragments stacked on the first.
import type { HLJSApi } from 'highlight.js';
import { escapeHtml } from '../html.js';
import { MAX_HIGHLIGHTED } from './limits.js';

export type Highlighter = (code: string, lang: string) => string | undefined;

/**
 * highlight.js with its common languages; loaded only for decks that have code. Code past
 * MAX_HIGHLIGHTED stays plain: C#'s, Java's and C's grammars take the square of its length
 * (100 KB: minutes, deaf to Ctrl-C); limits.ts warns at the fence.
 */
export async function loadHighlighter(): Promise<Highlighter> {
  const hljs = ((await import('highlight.js/lib/common')) as unknown as { default: HLJSApi }).default;
  return (code, lang) => (lang && code.length <= MAX_HIGHLIGHTED && hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : undefined);
}


/** `[1|3-5]` -> [[1], [3,4,5]]; `[]` -> [[]] (line numbers, no highlight). */
export function parseLineSteps(info: string): number[][] | undefined {
  const m = /\[([\d\s,|-]*)\]/.exec(info);
  if (!m) return undefined;
  return m[1]!.split('|').map((step) =>
    step
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .flatMap((part) => {
        const [a, b] = part.split('-').map((n) => Number.parseInt(n, 10));
        if (a === undefined || Number.isNaN(a)) return [];
        const end = b === undefined || Number.isNaN(b) ? a : b;
        return Array.from({ length: Math.max(0, end - a + 1) }, (_, i) => a + i);
      }),
  );
}

/** Split highlighted HTML into lines, closing and reopening spans that cross a newline. */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  const re = /(<span[^>]*>)|(<\/span>)|(\n)|([^<\n]+|<)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1]) {
      open.push(m[1]);
      line += m[1];
    } else if (m[2]) {
      open.pop();
      line += m[2];
    } else if (m[3]) {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else line += m[4];
  }
  lines.push(line + '</span>'.repeat(open.length));
  return lines;
}

export function renderCode(code: string, info: string, highlight: Highlighter | undefined): string {
  const lang = /^[^\s[]+/.exec(info)?.[0] ?? '';
  const body = (highlight && highlight(code, lang)) ?? escapeHtml(code);
  const langClass = lang ? ` language-${escapeHtml(lang)}` : '';
  const steps = parseLineSteps(info);
  if (!steps) return `<pre><code class="hljs${langClass}">${body}</code></pre>\n`;

  const lines = splitHighlightedLines(body);
  const table = (marked: number[]) => {
    const rows = lines.map((l, i) => {
      const n = i + 1;
      const hl = marked.includes(n) ? ' highlight-line' : '';
      return `<tr class="hljs-ln-line${hl}"><td class="hljs-ln-numbers" data-line-number="${n}"></td><td class="hljs-ln-code">${l}</td></tr>`;
    });
    return `<table class="hljs-ln"><tbody>${rows.join('')}</tbody></table>`;
  };
  const blocks = steps.map((marked, i) => {
    const cls = `hljs${langClass}${marked.length > 0 ? ' has-highlights' : ''}${i > 0 ? ' fragment' : ''}`;
    return `<code class="${cls}" data-line-numbers="${marked.join(',')}">${table(marked)}</code>`;
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>\n`;
}
