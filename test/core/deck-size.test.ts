// Issue 27, case 16: what a deck may ask of the browser, refused before Chromium starts.
import { describe, expect, it } from 'vitest';
import { elementCount, MAX_DIAGRAMS } from '../../src/core/deck-size.js';
import { buildInMemory as build, problems } from '../helpers/memory-env.js';

describe('deck size', () => {
  it(`refuses diagram ${MAX_DIAGRAMS + 1} at its fence without drawing any`, async () => {
    let drawn = 0;
    const diagrams = async (blocks: unknown[]) => ((drawn += blocks.length), blocks.map(() => ({ svg: '<svg></svg>' })));
    const slides = (n: number) => Array.from({ length: n }, (_, i) => `## D${i}\n\n\`\`\`mermaid\ngraph LR\n  A${i}-->B\n\`\`\``).join('\n\n---\n\n');
    expect(problems((await build(`${slides(MAX_DIAGRAMS)}\n`, { diagrams })).built)).toEqual([]);
    expect(drawn).toBe(MAX_DIAGRAMS);
    drawn = 0;
    // Slide n (from 0) starts at line 1 + 9n; its fence two lines later.
    expect(problems((await build(`${slides(MAX_DIAGRAMS + 1)}\n`, { diagrams })).built)).toEqual([
      `${1 + 9 * MAX_DIAGRAMS + 2}: deck has 301 Mermaid diagrams; Kamishibai draws up to 300 (this is diagram 301): draw the rest as images, or split the talk`,
    ]);
    expect(drawn).toBe(0);
  });

  it('counts start tags, not closing tags, comments or text', () => {
    expect(elementCount('<p>a <em>b</em> &lt;c&gt; 1 < 2</p><!-- x --><br>')).toBe(3);
    // Japanese text's line-break chances are no box to lay out.
    expect(elementCount('<p>日本は<wbr>なぜ<wbr/>DeepSeekを<WBR>生まなかったか<wbrx></p>')).toBe(2);
  });
});
