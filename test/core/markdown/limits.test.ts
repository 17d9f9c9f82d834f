// The parser's limits: each pathological input is refused at its line, in one linear pass,
// and real Markdown (long notes, deep-ish lists, SVG pasted as HTML) passes.
import { describe, expect, it } from 'vitest';
import { checkLimits, MAX_NESTING, MAX_PARAGRAPH } from '../../../src/core/markdown/limits.js';

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
});
