// --single-file at scale: 588 MB of pictures, refused at the one that passes what a page holds.
import { describe, expect, it } from 'vitest';
import { inlineDeck } from '../../src/core/single-file.js';

describe('inlineDeck', () => {
  it('trust-b 21 (variant): refuses the picture that brings them all past one page, not a raw "Invalid string length"', () => {
    const pictures = Array.from({ length: 12 }, (_, i) => ({ path: `p${i}.png`, data: new Uint8Array(49 * 1024 * 1024) }));
    const { problems } = inlineDeck(pictures.map((p) => `<img src="${p.path}">`).join(''), pictures);
    expect(problems.map((p) => p.ref)).toEqual(['p3.png', 'p4.png', 'p5.png', 'p6.png', 'p7.png', 'p8.png', 'p9.png', 'p10.png', 'p11.png']);
    expect(problems[0]!.message).toMatch(/"p3\.png" brings the files inside --single-file to 196 MB, over the 150 MB one page can hold/);
  });
});
