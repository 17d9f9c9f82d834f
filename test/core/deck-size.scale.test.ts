// Issue 27, case 16, at the limits themselves: 2,000 slides, 50,000 elements and 300 diagrams.
import { describe, expect, it } from 'vitest';
import { readTalk } from '../../src/core/pipeline.js';
import { LARGE_DECK_LIMITS, MAX_DIAGRAMS, MAX_ELEMENTS, MAX_SLIDES, slideCountError } from '../../src/core/deck-size.js';
import { buildInMemory as build, memoryEnv, problems, TALK as source } from '../helpers/memory-env.js';

/** `count` one-line slides of `## Sn`; slide n starts at line 4 + (n - 1) * 6. */
const deck = (count: number, body = 'x') => `---\ntitle: many\n---\n\n${Array.from({ length: count }, (_, i) => `## S${i + 1}\n\n${body}`).join('\n\n---\n\n')}\n`;

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
      `${1 + 9 * MAX_DIAGRAMS + 2}: deck has 301 Mermaid diagrams; Kamishibai draws up to 300 (this is diagram 301): draw the rest as images, or split the talk (or, for a deck you trust, build it with --large, which allows 3,000 diagrams)`,
    ]);
    expect(drawn).toBe(0);
  });

  it(`builds ${MAX_SLIDES} slides, and refuses one more at its line, rendering only those within the cap`, async () => {
    // At the cap, reading finds nothing (rendering 2,000 slides is the other test's time).
    const env = await memoryEnv({ '/talk/slides.md': deck(MAX_SLIDES) });
    expect((await readTalk(source, env)).diagnostics).toEqual([]);
    const { read, built } = await build(deck(MAX_SLIDES + 1));
    expect(read.raw).toHaveLength(MAX_SLIDES);
    expect(problems(built)).toEqual([`${4 + MAX_SLIDES * 6}: deck has 2,001 slides; Kamishibai builds up to 2,000 (this is slide 2,001): split the talk into several decks (or, for a deck you trust, build it with --large, which allows 20,000 slides)`]);
  });

  it('refuses a table past the element budget at its slide, and counts notes too', async () => {
    const rows = (n: number) => `| a | b | c |\n|---|---|---|\n${Array.from({ length: n }, (_, i) => `| r${i} | x | y |`).join('\n')}`;
    // A slide with a table of n rows is 4n + 9 elements: the slide's body, the heading, table, thead, tr, 3 th, tbody.
    const within = Math.floor((MAX_ELEMENTS - 9) / 4);
    expect(problems((await build(`# T\n\n${rows(within)}\n`)).built)).toEqual([]);
    const over = problems((await build(`# Small\n\n---\n\n# T\n\n${rows(within + 1)}\n`)).built);
    expect(over).toEqual([`5: deck has 50,003 HTML elements, over the 50,000 Kamishibai lays out in time (a table row of three cells is four); this slide has the most (50,001): shorten it, move the data to a linked file, or split the talk (or, for a deck you trust, build it with --large, which allows 500,000 elements)`]);
    expect(problems((await build(`# T\n\n${rows(within)}\n\nNote:\n${rows(10)}\n`)).built)[0]).toMatch(/^1: deck has 50,\d{3} HTML elements/);
  });

  it('--large (the run\'s limits, never the deck\'s) reads and renders past the usual limits, and names no way further past its own', async () => {
    const limits = LARGE_DECK_LIMITS;
    const env = await memoryEnv({ '/talk/slides.md': deck(MAX_SLIDES + 1) }, { limits });
    const read = await readTalk(source, env);
    expect(read.diagnostics).toEqual([]);
    expect(read.raw).toHaveLength(MAX_SLIDES + 1);
    const rows = `| a | b | c |\n|---|---|---|\n${Array.from({ length: 12_600 }, (_, i) => `| r${i} | x | y |`).join('\n')}`;
    expect(problems((await build(`# T\n\n${rows}\n`, { limits })).built)).toEqual([]);
    const past = slideCountError(Array.from({ length: limits.slides + 1 }, (_, i) => i + 1), 'd.md', limits);
    expect(past?.message).toBe('deck has 20,001 slides; Kamishibai builds up to 20,000 (this is slide 20,001): split the talk into several decks');
  });

  it('names --large only where it would build the deck', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(slideCountError(lines(MAX_SLIDES + 1), 'd.md')?.message).toMatch(/with --large, which allows 20,000 slides\)$/);
    expect(slideCountError(lines(LARGE_DECK_LIMITS.slides + 1), 'd.md')?.message).toMatch(/split the talk into several decks$/);
  });

});
