// The parser's limits: each pathological input is refused at its line, in one linear pass,
// and real Markdown (long notes, deep-ish lists, SVG pasted as HTML) passes.
import { describe, expect, it } from 'vitest';
import { checkLimits, checkParts, MAX_DECK_CODE, MAX_HIGHLIGHTED, MAX_NESTING, MAX_PARAGRAPH } from '../../../src/core/markdown/limits.js';
import { loadHighlighter, renderCode } from '../../../src/core/markdown/highlight.js';
import { readTalk } from '../../../src/core/pipeline.js';
import { memoryEnv } from '../../helpers/memory-env.js';

const lines = (ds: { line: number }[]) => ds.map((d) => d.line);

describe('checkLimits', () => {
  it('refuses a paragraph of *a*a*a... at its first line (marked takes the square of its length)', () => {
    const ds = checkLimits(`# T\n\nfine\n\n${'*a'.repeat(5_000)}\n`, 10, 'd.md');
    expect(lines(ds)).toEqual([14]);
    expect(ds[0]!.message).toMatch(/this paragraph has 5000 of \* _ \[ \] ~ < @ in 10001 characters.*split it into shorter paragraphs/);
  });

  it('refuses a paragraph of 300,000 links, and one too long to be prose', () => {
    expect(checkLimits('[a](b)'.repeat(300_000), 1, 'd.md')).toHaveLength(1);
    expect(checkLimits('a\n'.repeat(MAX_PARAGRAPH), 1, 'd.md')[0]!.message).toMatch(/this paragraph is \d+ characters long; Kamishibai takes up to 20000/);
  });

  it('refuses nesting past the limit once, at the first deep line', () => {
    const indented = Array.from({ length: 1400 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n');
    for (const text of ['- '.repeat(50_000) + 'x', '>'.repeat(50_000) + ' x', indented]) {
      const ds = checkLimits(text, 1, 'd.md');
      expect(ds.filter((d) => /nested/.test(d.message))).toHaveLength(1);
    }
    expect(checkLimits(indented, 1, 'd.md')[0]!.line).toBe(MAX_NESTING + 1);
  });

  it('lets real decks through: notes of a few thousand characters, lists three deep, SVG, code', () => {
    const notes = `Note:\n${'これは長い発表ノートです。**強調**もあります。'.repeat(120)}`;
    const list = '- a\n  - b\n    - c\n      > d\n';
    const svg = `<svg viewBox="0 0 10 10">\n${'<path d="M0 0 L1 1"/>\n'.repeat(3000)}</svg>\n`;
    const code = `\`\`\`\n${'*a_b[c]'.repeat(20_000)}\n\`\`\`\n`;
    expect(checkLimits([notes, list, svg, code].join('\n\n'), 1, 'd.md')).toEqual([]);
    expect(checkLimits('- '.repeat(MAX_NESTING) + 'x', 1, 'd.md')).toEqual([]);
  });

  it('trust-b 19: a first line that only looks like HTML to a loose test (`<a href="x"y>`) exempts nothing', () => {
    const ds = checkLimits(`# Bypass\n\n<a href="x"y>\nx${'*a_'.repeat(13_000)}\n`, 1, 'd.md');
    expect(ds.map((d) => [d.line, d.severity])).toEqual([[3, 'error']]);
  });

  it('trust-b 19: an HTML block ends where marked ends it, and the paragraph after it is counted', () => {
    expect(lines(checkLimits(`<pre>x</pre>\nx${'*a_'.repeat(13_000)}\n`, 1, 'd.md'))).toEqual([2]);
    expect(lines(checkLimits(`<!-- c -->\nx${'*a_'.repeat(13_000)}\n`, 1, 'd.md'))).toEqual([2]);
    expect(checkLimits(`<div>\nx${'*a_'.repeat(13_000)}\n</div>\n`, 1, 'd.md')).toEqual([]);
  });

  it('trust-b 19: in a reveal.js deck, a fence left open on slide 1 does not hide slide 2 (each slide is parsed alone)', async () => {
    const fence = '`'.repeat(3);
    const deck = `---\ntitle: R\nseparator: "^---$"\n---\n\n# One\n\n${fence}\nnever closed\n\n---\n\n# Two\n\nx${'*a_'.repeat(13_000)}\n`;
    const read = await readTalk({ slug: 't', file: '/talk/slides.md', displayFile: 'talk/slides.md' }, await memoryEnv({ '/talk/slides.md': deck }));
    expect(read.limits.map((d) => [d.line, d.severity])).toEqual([[15, 'error']]);
  });

  it('trust-b 14: a long code block is shown plain, with one warning at its fence, and costs linear time', async () => {
    const code = 'a'.repeat(100_000);
    const ds = checkLimits(`# Code\n\n${'`'.repeat(3)}java\n${code}\n${'`'.repeat(3)}\n`, 1, 'd.md');
    expect(ds.map((d) => [d.line, d.severity, d.message.split(';')[0]])).toEqual([[3, 'warning', 'this code block is 100000 characters long']]);
    const html = renderCode(code, 'java', await loadHighlighter());
    expect(html).toBe(`<pre><code class="hljs language-java">${code}</code></pre>\n`);
    expect(renderCode('int a;', 'java', await loadHighlighter())).toContain('hljs-type');
  });

  it("trust-b 14: the deck's highlighted code has a budget, said once where it runs out", () => {
    const block = `${'`'.repeat(3)}cs\n${'a '.repeat(MAX_HIGHLIGHTED / 2 - 1)}\n${'`'.repeat(3)}`;
    const count = Math.ceil(MAX_DECK_CODE / MAX_HIGHLIGHTED) + 3;
    const parts = Array.from({ length: count }, (_, i) => ({ text: block, line: 1 + 10 * i }));
    const ds = checkParts(parts, 'd.md');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toMatch(/highlighted code passes 100000 characters here/);
    expect(checkParts(parts.map((p) => ({ ...p, text: p.text.replace('cs', '') })), 'd.md')).toEqual([]);
  });
});
