// The Slidev dialect against Slidev's own parser (@slidev/parser's load(), which follows src:
// imports) on the same decks (test/fixtures/slidev/*): the same slides, each starting on the
// same line (an imported one: on its src: slide's), with the same notes, its layout drawn by
// the Kamishibai layout that stands for it, its classes kept.
// And what a static deck cannot do (Vue components, {{ }}) is a warning at its line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from '@slidev/parser';
import { load } from '@slidev/parser/fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../../src/core/pipeline.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { memoryEnv } from '../../helpers/memory-env.js';

const DIR = path.join(FIXTURES, 'slidev');
const squash = (s = '') => s.replace(/\s+/g, ' ').trim();
/** Slidev's layouts and the Kamishibai layout each is drawn with. */
const DRAWN: Record<string, string> = {
  default: 'default', cover: 'title', intro: 'title', center: 'default', section: 'section', quote: 'quote',
  statement: 'statement', fact: 'statement', end: 'statement', 'two-cols': 'two-column', 'image-right': 'default',
};

/** The fixture's Markdown files (the deck and the pages it imports), as /talk/<path>. */
function filesOf(name: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(path.join(DIR, name), { recursive: true, encoding: 'utf8' })) {
    if (e.endsWith('.md')) files[`/talk/${e}`] = readFileSync(path.join(DIR, name, e), 'utf8');
  }
  return files;
}

async function ours(name: string, files = filesOf(name)) {
  const env = await memoryEnv(files);
  return readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env);
}

async function theirs(name: string) {
  const dir = path.join(DIR, name);
  const data = await load({ roots: [dir], userRoot: dir }, path.join(dir, 'slides.md'));
  return data.slides
    .filter((s) => !s.frontmatter.hide && !s.frontmatter.disabled)
    .map((s) => ({ ...s, contentStart: (s.importChain?.[0] ?? s.source).contentStart }));
}

describe('the Slidev dialect, against @slidev/parser on the same decks', () => {
  for (const name of readdirSync(DIR).sort()) {
    it(`${name}: the same slides, lines, notes, layouts and classes`, async () => {
      const slidev = await theirs(name);
      const read = await ours(name);
      expect(read.raw.map((s) => s.line - 1)).toEqual(slidev.map((s) => s.contentStart));
      expect(read.raw.map((s) => squash(s.notes))).toEqual(slidev.map((s) => squash(s.note)));
      expect(read.raw.map((s) => s.layout ?? 'default')).toEqual(slidev.map((s) => DRAWN[String(s.frontmatter.layout ?? 'default')]));
      read.raw.forEach((s, i) => {
        const cls = slidev[i]!.frontmatter.class;
        if (cls) expect(s.attrs?.class?.split(' ')).toEqual(expect.arrayContaining(String(cls).split(' ')));
        // Marked as Slidev's, so the theme keeps its content at the top as Slidev's default layout does.
        expect(s.attrs?.class?.split(' ')).toContain('slidev-slide');
      });
    });
  }

  it('says, at its line, that a Vue component or expression cannot work, and leaves code alone', async () => {
    const read = await ours('vue');
    expect(read.diagnostics.map((d) => `${d.line}: ${d.message.split(',')[0]}`)).toEqual([
      '9: <Tweet> is a Vue component',
      '11: "{{ $slidev.nav.currentPage }}" is a Vue expression',
      '13: <Counter> is a Vue component',
    ]);
    expect(read.raw[0]!.body).toContain('inside');
    expect(read.raw[0]!.body).not.toMatch(/Tweet|Counter|\{\{/);
    expect(read.raw[1]!.body).toContain('<Counter :count="10" />');
  });

  it("held back (ptna-ja): a theme layout's own slot (::title::) is a warning at its line, its content kept in order", async () => {
    const files = { '/talk/slides.md': '---\nhighlighter: shiki\n---\n# Deck\n\n---\nlayout: comparison\n---\n\n::title::\n\nCompare\n\n::left::\n\nA\n\n::right::\n\nB\n' };
    const read = await ours('', files);
    expect(read.raw[1]!.body).not.toContain('::');
    expect(read.raw[1]!.body.replace(/\s+/g, ' ').trim()).toBe('Compare A <!-- column --> B');
    expect(read.diagnostics.map((d) => `${d.line}: ${d.message.split(',')[0]}`)).toContain('10: "::title::" is a slot of a Slidev theme\'s layout');
  });

  it("reads slots as Slidev's transformSlotSugar does: spaces inside (Neversink's `:: right ::`), only at a line's start; a theme's layout with a right slot has two columns", async () => {
    const files = { '/talk/slides.md': '---\nhighlighter: shiki\n---\n# Deck\n\n---\nlayout: two-cols-title\n---\n\n:: title ::\n\n# Compare\n\n:: left ::\n\nA\n\n::  right::\n\nB\n\n  ::right::\n' };
    const read = await ours('', files);
    expect(read.raw[1]!.body.replace(/\s+/g, ' ').trim()).toBe('# Compare A <!-- column --> B ::right::');
    expect(read.diagnostics.map((d) => `${d.line}: ${d.message.split(',')[0]}`)).toContain('10: "::title::" is a slot of a Slidev theme\'s layout');
    // The theme's layout, which Kamishibai does not have, has its right column in Kamishibai's two-column one.
    expect(read.raw[1]!.layout).toBe('two-column');
    expect(read.diagnostics.map((d) => `${d.line}: ${d.message}`)).toContain('7: layout "two-cols-title" is a Slidev layout Kamishibai does not have; drawn with its two-column layout');
    // A deck with no other mark of Slidev is one by its `:: right ::`.
    const bare = await memoryEnv({ '/talk/slides.md': '---\ntitle: T\n---\n# A\n\n:: right ::\n\nB\n' });
    expect((await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, bare)).raw[0]!.body).toContain('<!-- column -->');
  });

  it('is chosen by a Slidev headmatter or a slide settings block, not for a plain deck', async () => {
    expect((await ours('layouts')).raw.length).toBe(10);
    const plain = await memoryEnv({ '/talk/slides.md': '---\ntitle: Plain\n---\n\n# A\n\n---\n\n# B\n' });
    const read = await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, plain);
    expect(read.raw.map((s) => s.layout)).toEqual([undefined, undefined]);
  });

  it('follows src: imports (a range, nested, from the talk\'s root), with the importing slide\'s settings over theirs', async () => {
    const read = await ours('imports');
    expect(read.raw.map((s) => s.body.trim().split('\n')[0])).toEqual(['# Main', '# Intro one', '# Intro two', '# More two', '# Deeper', '# After']);
    expect(read.raw[1]!.attrs?.class).toBe('slidev-slide lead imported');
    expect(read.diagnostics).toEqual([]);
  });

  it('refuses an import cycle and a missing page (reached as any local file: inside the talk\'s folder), at the src: line, and carries on', async () => {
    const files = { '/talk/slides.md': '---\nhighlighter: shiki\n---\n# A\n\n---\nsrc: ./b.md\n---\n\n---\nsrc: ./gone.md\n---\n', '/talk/b.md': '# B\n\n---\nsrc: ./slides.md\n---\n' };
    const read = await ours('', files);
    expect(read.raw.map((s) => s.body.trim())).toEqual(['# A', '# B']);
    expect(read.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message.split(';')[0]}`)).toEqual([
      'b.md:4: src: "./slides.md" imports a file that imports this one',
      'slides.md:11: src: imported Markdown file "./gone.md" not found',
    ]);
  });

  it("a theme's background: word (cover, center) is no picture, css: unocss no file: warnings, and the deck builds", async () => {
    const read = await ours('background-words');
    expect(read.raw.map((s) => s.body.includes('![bg]'))).toEqual([false, false]);
    expect(read.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message.split(';')[0]}`)).toEqual([
      expect.stringMatching(/^warning 2: "hexlet" is a Slidev theme/),
      'warning 4: css: unocss is Slidev\'s CSS engine',
      'warning 3: background "cover" is a word the deck\'s Slidev theme reads, not a picture',
      'warning 10: background "center" is a word the deck\'s Slidev theme reads, not a picture',
    ]);
  });

  it("two-cols draws a leading heading in the left column, as Slidev's layout puts its default slot there; two-cols-header above both", async () => {
    const slide = (layout: string) => `---\nlayout: ${layout}\n---\n\n## Left\n\n- one\n\n::right::\n\n## Right\n\n- two\n`;
    const files = { '/talk/slides.md': `---\nhighlighter: shiki\n---\n# Deck\n\n${slide('two-cols')}\n${slide('two-cols-header')}` };
    const env = await memoryEnv(files);
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    // The text of each column, and what stands above them.
    const layout = (html: string) => {
      const columns = [...html.matchAll(/<div class="column">([\s\S]*?)<\/div>/g)].map((m) => squash(m[1]!.replace(/<[^>]+>/g, ' ')));
      const above = squash(html.slice(0, html.indexOf('<div class="columns">')).replace(/<[^>]+>/g, ' '));
      return { above, columns };
    };
    expect(layout(built.slides[1]!.html)).toEqual({ above: '', columns: ['Left one', 'Right two'] });
    expect(layout(built.slides[2]!.html)).toEqual({ above: 'Left', columns: ['one', 'Right two'] });
  });

  it('what a page brought in by src: gets wrong is said at its own file and line, not the deck\'s', async () => {
    const files = {
      '/talk/slides.md': '---\nhighlighter: shiki\n---\n\n# Cover\n\n---\nsrc: ./pages/a.md\n---\n\n---\n\n# Last\n',
      '/talk/pages/a.md': '# Imported\n\n<Tweet id="1" />\n\n![x](nothere.png)\n',
    };
    const env = await memoryEnv(files);
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    const said = built.diagnostics.filter((d) => !d.message.includes('highlighter'));
    expect(said.map((d) => `${d.severity} ${d.file}:${d.line}: ${d.message.split(/[,;(]/)[0]}`)).toEqual([
      'warning pages/a.md:3: <Tweet> is a Vue component',
      'error pages/a.md:5: image "nothere.png" not found',
    ]);
  });

  it('reads a web-root path (/assets/x.png) from the talk\'s folder when public/ does not have it, as Slidev\'s server does', async () => {
    const deck = '---\nhighlighter: shiki\nbackground: /bg.png\n---\n\n![a](/assets/x.png) ![b](/y.png) <img src="/assets/x.png">\n';
    const read = await ours('', { '/talk/slides.md': deck, '/talk/assets/x.png': 'x', '/talk/public/y.png': 'y', '/talk/bg.png': 'z' });
    expect(read.raw[0]!.body).toContain('![a](assets/x.png) ![b](public/y.png) <img src="assets/x.png">');
    expect(read.raw[0]!.body).toContain('![bg](bg.png)');
  });
});

describe('the Slidev dialect cuts slides as @slidev/parser does', () => {
  // Lines that open, close or hide a slide or its settings block in Slidev's parser. Not
  // '----' before a '---': Slidev then keeps the '---' line as a slide of its own (an <hr>), an
  // artefact of its parser that Kamishibai does not copy.
  const LINES = ['---', '# h', 'text', 'layout: center', 'class: x', '', '```', 'code', '<!-- c', '-->'];
  it('fast-check: any deck of these lines has parseSync\'s slides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...LINES), { maxLength: 16 }), async (lines) => {
        const deck = ['---', 'layout: cover', '---', '', '# start', ...lines].join('\n');
        const theirs = parseSync(deck, 'slides.md').slides.length;
        const read = await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, await memoryEnv({ '/talk/slides.md': deck }));
        expect(read.raw.length, JSON.stringify(deck)).toBe(theirs);
      }),
      { numRuns: 150 },
    );
  });
});
