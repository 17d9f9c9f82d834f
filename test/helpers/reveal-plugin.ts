// reveal.js 6's own Markdown plugin, run in Chromium on a deck body with the given separators:
// the slide tree it makes (h.v), each slide's notes text, the attributes and element classes
// named in `vocabulary`. The differential tests compare Kamishibai's reading with it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { ROOT } from './cli.js';

export interface SlideShape {
  at: string;
  notes: string;
  attrs: Record<string, string>;
  classes: Record<string, number>;
}

/** `tmp`: a folder the caller owns, for the page. */
export async function revealJs(browser: Browser, tmp: string, body: string, separators: Record<string, string>, vocabulary: { attrs: string[]; classes: string[] } = { attrs: [], classes: [] }): Promise<SlideShape[]> {
  const reveal = path.join(ROOT, 'node_modules', 'reveal.js', 'dist');
  const attr = (name: string, value?: string) => (value ? ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"` : '');
  const page = path.join(tmp, `deck-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8"></head><body><div class="reveal"><div class="slides">` +
      `<section data-markdown${attr('data-separator', separators.separator)}${attr('data-separator-vertical', separators.verticalSeparator)}${attr('data-separator-notes', separators.notesSeparator)}>` +
      // A newline right after <textarea> is dropped by the HTML parser: the one here keeps the deck's own.
      `<textarea data-template>\n${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea></section></div></div>` +
      `<script src="${pathToFileURL(path.join(reveal, 'reveal.js')).href}"></script><script src="${pathToFileURL(path.join(reveal, 'plugin', 'markdown.js')).href}"></script>` +
      `</body></html>`,
  );
  const tab = await browser.newPage();
  try {
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    return await tab.evaluate(async (vocab: { attrs: string[]; classes: string[] }) => {
      const w = window as unknown as { Reveal: { initialize(o: object): Promise<void> }; RevealMarkdown: unknown };
      await w.Reveal.initialize({ plugins: [w.RevealMarkdown], embedded: true });
      const shapes: { at: string; notes: string; attrs: Record<string, string>; classes: Record<string, number> }[] = [];
      [...document.querySelectorAll('.reveal .slides > section')].forEach((top, h) => {
        const stack = [...top.querySelectorAll(':scope > section')];
        (stack.length > 0 ? stack : [top]).forEach((s, v) => {
          const notes = s.querySelector('aside.notes');
          const attrs: Record<string, string> = {};
          for (const a of vocab.attrs) if (s.getAttribute(a) !== null) attrs[a] = s.getAttribute(a)!;
          notes?.remove();
          const classes: Record<string, number> = {};
          for (const c of vocab.classes) classes[c] = [s, ...s.querySelectorAll('*')].filter((e) => e.classList.contains(c)).length;
          shapes.push({ at: `${h}.${v}`, notes: (notes?.textContent ?? '').replace(/\s+/g, ' ').trim(), attrs, classes });
        });
      });
      return shapes;
    }, vocabulary);
  } finally {
    await tab.close();
  }
}
