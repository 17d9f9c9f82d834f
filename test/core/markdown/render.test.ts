import { describe, expect, it } from 'vitest';
import { readDirectives } from '../../../src/core/markdown/directives.js';
import { loadHighlighter } from '../../../src/core/markdown/highlight.js';
import { createMarkdown, loadMath, loadPhraseSplitter } from '../../../src/core/markdown/render.js';
import { cases, expectFile, readInput } from '../../helpers/fixtures.js';

describe('markdown rendering and directives', async () => {
  const highlight = await loadHighlighter();
  const math = await loadMath();
  const mdEn = createMarkdown({ lang: 'en', highlight, math });
  const mdJa = createMarkdown({ lang: 'ja', highlight, math, phrases: await loadPhraseSplitter() });

  for (const name of cases('render')) {
    it(`fixture ${name}`, () => {
      const md = name === 'japanese' ? mdJa : mdEn;
      const { html, ...rest } = readDirectives(md(readInput('render', name)), { fragments: false });
      expectFile('render', name, 'expected.html', html);
      expectFile('render', name, 'expected.json', `${JSON.stringify(rest, null, 2)}\n`);
    });
  }

  it('joins Japanese soft line breaks without a space and breaks only between phrases', () => {
    const html = mdJa('日本は変われない。\nしかし道はある。');
    expect(html).not.toMatch(/。\n/);
    expect(html).not.toContain('\u200b');
    expect(html.replace(/<wbr>/g, '')).toContain('日本は変われない。しかし道はある。');
    expect(html).toContain('<wbr>');
  });

  it('leaves no zero-width space from KaTeX in the output', () => {
    expect(mdEn('$$\n\\int_0^1 x\\,dx\n$$')).not.toContain('\u200b');
  });

  it('reports math KaTeX cannot render', () => {
    const d = readDirectives(mdEn('$\\frac{1}$'), { fragments: false });
    expect(d.mathErrors.length).toBe(1);
  });

  it('makes every list item a fragment when the deck asks for it', () => {
    const d = readDirectives(mdEn('- a\n- b'), { fragments: true });
    expect(d.html.match(/class="fragment"/g)).toHaveLength(2);
    const off = readDirectives(mdEn('<!-- fragments: false -->\n\n- a\n- b'), { fragments: true });
    expect(off.html).not.toContain('fragment');
  });

  it('collects local images and backgrounds as written (confine.ts decodes them), not remote ones', () => {
    const d = readDirectives(
      mdEn('<!-- .slide: data-background-image="bg.jpg" -->\n![a](img/a%20b.png) ![r](https://x.test/r.png) ![d](data:image/png;base64,AA)'),
      { fragments: false },
    );
    expect(d.assets).toEqual(['img/a%20b.png', 'bg.jpg']);
  });
});
