// Math where reveal.js's math plugin finds it, rendered at build time.
import { describe, expect, it, vi } from 'vitest';
import { readDirectives } from '../../../src/core/markdown/directives.js';
import { loadTex, splitMath } from '../../../src/core/markdown/math.js';
import { createMarkdown, loadMath } from '../../../src/core/markdown/render.js';

describe('splitMath', () => {
  it("finds reveal.js's delimiters: $$ and \\[ displayed, \\( and $ inline", () => {
    expect(splitMath('a $$x$$ b \\[y\\] c \\(z\\) d $w$ e')).toEqual([
      { text: 'a ' },
      { tex: 'x', display: true },
      { text: ' b ' },
      { tex: 'y', display: true },
      { text: ' c ' },
      { tex: 'z', display: false },
      { text: ' d ' },
      { tex: 'w', display: false },
      { text: ' e' },
    ]);
  });

  it('finds \\begin{align} and the other environments KaTeX auto-render and MathJax read without $$, displayed with their \\begin and \\end', () => {
    expect(splitMath('a \\begin{align}x &amp;= 1\n\\end{align} b \\begin{cases}y\\end{cases}')).toEqual([
      { text: 'a ' },
      { tex: '\\begin{align}x &= 1\n\\end{align}', display: true },
      { text: ' b \\begin{cases}y\\end{cases}' },
    ]);
  });

  it('leaves prices, escaped dollars and unclosed delimiters as text, and decodes entities in TeX', () => {
    expect(splitMath('costs $5 and $ 10')).toEqual([{ text: 'costs $5 and $ 10' }]);
    expect(splitMath('\\$x\\$ and \\(open')).toEqual([{ text: '\\$x\\$ and \\(open' }]);
    expect(splitMath('$a &lt; b$')).toEqual([{ tex: 'a < b', display: false }]);
  });

  it('leaves a text of thousands of dollar signs alone, at once', () => {
    const text = '$a '.repeat(5000);
    expect(splitMath(text)).toEqual([{ text }]);
  });
});

describe('math in raw HTML and within lines', async () => {
  const md = createMarkdown({ lang: 'en', math: await loadMath() });
  const tex = await loadTex();

  // In Markdown, \( is an escaped parenthesis (to marked and to reveal.js alike); in HTML it is math.
  it('renders $...$ and \\(...\\) inside a raw HTML block, $$...$$ within a line, and leaves code alone', () => {
    const d = readDirectives(md('<p class="small">Cost $\\Theta(n)$, and \\(x^2\\)</p>\n\nA $$\\begin{aligned} a&=b \\\\ c&=d \\end{aligned}$$ line, `$code$`'), { fragments: false, tex });
    const visible = d.html.replace(/<annotation[\s\S]*?<\/annotation>/g, '');
    expect(visible).not.toMatch(/\\Theta|\\begin|\\\(/);
    expect(visible.match(/class="katex"/g)?.length).toBe(3);
    expect(visible).toContain('<code>$code$</code>');
    expect(d.mathErrors).toEqual([]);
  });

  it('names a formula KaTeX cannot render, with its TeX', () => {
    const d = readDirectives(md('<div>Broken $\\frac{1}{$ here</div>'), { fragments: false, tex });
    expect(d.mathErrors).toEqual([{ message: expect.stringMatching(/^ParseError/), tex: '\\frac{1}{' }]);
  });

  it('reports TeX left as text (an unclosed $$), not TeX in code', () => {
    expect(readDirectives(md('An unclosed $$\\\\frac{a}{b} here'), { fragments: false, tex }).rawTex).toMatch(/\$\$\\frac\{a\}\{b\}/);
    expect(readDirectives(md('Fine $x$ and `\\\\frac{}` in code'), { fragments: false, tex }).rawTex).toBeUndefined();
  });
});

describe("KaTeX's own warnings", () => {
  it('trust-b 15: become warnings at the line of the command, and KaTeX prints nothing', async () => {
    const { readTalk, renderTalk } = await import('../../../src/core/pipeline.js');
    const { memoryEnv } = await import('../../helpers/memory-env.js');
    const printed = vi.spyOn(console, 'warn');
    try {
      const env = await memoryEnv({ '/talk/slides.md': '# K\n\n$\\htmlClass{x}{y}$\n\n---\n\n# L\n\n<p>and $$\\htmlId{a}{b}$$ here</p>\n' });
      const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides/talk/slides.md' }, env), env);
      // The same warning twice is said once, with its other lines.
      expect(built.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual(['warning 3: math: HTML extension is disabled on strict mode [htmlExtension]; KaTeX renders it, but LaTeX would not (also on line 9)']);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });
});

describe('display math written a formula a line', () => {
  it('arendt p9: a line break right after display math is left out (the formula ends its line); the others stay', () => {
    const html = '<p><span class="katex-display">A</span><br>\n<span class="katex-display">B</span><br>\ntext<br>\nmore</p>';
    expect(readDirectives(html, { fragments: false }).html).toBe('<p><span class="katex-display">A</span>\n<span class="katex-display">B</span>\ntext<br>\nmore</p>');
  });
});
