// The overflow check tells the truth: over generated slides of known size in every layout and
// theme (Kamishibai's, reveal.js's, Marp's), with and without logo, header, footer and slide
// numbers, `build` warns for exactly the slides whose PDF page shows content cut off by the frame
// or drawn in the footer's band (test/helpers/overflow-truth.ts reads the pages' pixels).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { bandTop, rasterise, truthOf, writeDeck, type Case, type Deck, type Truth } from '../helpers/overflow-truth.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-truth-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LAYOUTS = ['default', 'two-column', 'statement', 'quote', 'section', 'title', 'image'].map((l) => ({ name: l, directive: `<!-- layout: ${l} -->`, image: l === 'image' }));
const MARP = ['', 'lead', 'invert'].map((c) => ({ name: c || 'plain', directive: c ? `<!-- _class: ${c} -->` : '<!-- _paginate: true -->' }));
const CHROME = {
  none: { front: ['slideNumber: false'], header: false },
  all: { front: ['logo: images/logo.png', 'footer: "#a-footer"'], header: true },
};

/** Every theme, every layout (Marp: its classes), each chrome; both chromes for the default theme. */
function decks(): Deck[] {
  const themes: [string, keyof typeof CHROME][] = [['kamishibai', 'none'], ['kamishibai', 'all'], ['kamishibai-dark', 'all'], ['white', 'none'], ['black', 'all'], ['moon', 'all']];
  const marp: [string, keyof typeof CHROME][] = [['default', 'all'], ['gaia', 'none'], ['uncover', 'all']];
  return [
    ...themes.map(([theme, chrome]) => ({ name: `${theme}-${chrome}`, front: ['title: Truth', 'parts: [One, Two]', `theme: ${theme}`, ...CHROME[chrome].front], looks: LAYOUTS, header: CHROME[chrome].header })),
    ...marp.map(([theme, chrome]) => ({
      name: `marp-${theme}-${chrome}`,
      front: ['marp: true', `theme: ${theme}`, ...(chrome === 'all' ? ['paginate: true', 'header: A header', 'footer: A footer', 'logo: images/logo.png'] : ['paginate: false'])],
      looks: MARP,
      header: false,
    })),
  ];
}

describe('the overflow check against the page images', () => {
  it('warns for exactly the generated slides whose page shows content past the frame or in the footer band', () => {
    const all = decks();
    const cases = new Map<string, Case[]>();
    for (const deck of all) cases.set(deck.name, writeDeck(path.join(tmp, 'src', deck.name), deck));
    const r = runCli(['build', ...all.map((d) => path.join(tmp, 'src', d.name)), '--out', path.join(tmp, 'out'), '--no-handout', '--quiet']);
    expect(r.stderr).not.toMatch(/error:/);
    const wrong: string[] = [];
    const counts = { fits: 0, overflows: 0, unclear: 0 };
    for (const deck of all) {
      const pages = rasterise(path.join(tmp, 'out', deck.name, `${deck.name}.pdf`), path.join(tmp, 'png', deck.name));
      const list = cases.get(deck.name)!;
      expect(pages.length).toBe(list.length);
      const warned = new Set([...r.stderr.matchAll(new RegExp(`${deck.name}/slides\\.md:\\d+:1: warning: slide (\\d+) overflows`, 'g'))].map((m) => Number(m[1])));
      let band = pages[0]!.height;
      list.forEach((c, i) => {
        if (c.filler === 'reference') {
          band = bandTop(pages[i]!);
          return;
        }
        const truth: Truth = truthOf(pages[i]!, band, c);
        counts[truth]++;
        if (truth === 'unclear') return;
        if ((truth === 'overflows') !== warned.has(i + 1)) wrong.push(`${deck.name} slide ${i + 1} (${c.look}, ${c.filler}): page ${truth}, check ${warned.has(i + 1) ? 'warns' : 'silent'}`);
      });
    }
    process.stderr.write(`overflow truth: ${JSON.stringify(counts)}, ${wrong.length} disagreements\n`);
    expect(wrong).toEqual([]);
    expect(counts.fits).toBeGreaterThan(150);
    expect(counts.overflows).toBeGreaterThan(100);
  }, 600_000);
});
