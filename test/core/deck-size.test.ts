// Issue 27, case 16: what a deck may ask of the browser, refused before Chromium starts.
import { describe, expect, it } from 'vitest';
import { elementCount } from '../../src/core/deck-size.js';

describe('deck size', () => {
  it('counts start tags, not closing tags, comments or text', () => {
    expect(elementCount('<p>a <em>b</em> &lt;c&gt; 1 < 2</p><!-- x --><br>')).toBe(3);
    // Japanese text's line-break chances are no box to lay out.
    expect(elementCount('<p>日本は<wbr>なぜ<wbr/>DeepSeekを<WBR>生まなかったか<wbrx></p>')).toBe(2);
  });
});
