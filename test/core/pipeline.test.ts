// The whole pure core on strings, in memory: readTalk then renderTalk, and the dialect seam.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import type { Dialect, FrontEnd, OutputFile } from '../../src/core/model.js';
import { FRONT_ENDS } from '../../src/core/dialects/index.js';
import { memoryEnv } from '../helpers/memory-env.js';

const source = { slug: 'talk', file: '/talk/slides.md', displayFile: 'talk/slides.md' };

describe('the core on a string', () => {
  it('reads, splits and renders a deck with its notes, and names lines of problems', async () => {
    const env = await memoryEnv({ '/talk/slides.md': '---\ntitle: T\n---\n\n## One\n\nNote: say it\n\n---\n\n## Two\n\n![x](missing.png)\n' });
    const read = await readTalk(source, env);
    expect(read.raw.map((s) => s.line)).toEqual([4, 10]);
    const built = await renderTalk(read, env);
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['13: image "missing.png" not found']);
  });

  it('says a problem repeated in one file once, at its first line, the others in order; in another file (a page imported with src:) apart', async () => {
    const deck = '---\nhighlighter: shiki\n---\n# A\n\n<Toc />\n\n---\nsrc: ./b.md\n---\n\n---\n\n# C\n\n<Toc />\n';
    const env = await memoryEnv({ '/talk/slides.md': deck, '/talk/b.md': '# B\n\n<Toc />\n' });
    const read = await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env);
    expect(read.diagnostics.filter((d) => d.message.includes('<Toc>')).map((d) => `${d.file}:${d.line}: ${d.message.replace(/^.*?(\(also.*)?$/, '$1')}`)).toEqual(['slides.md:6: (also on line 16)', 'b.md:3: ']);
  });

  it('issue 26: puts a `Handout:` wording on the print page only, and marks `<!-- handout: skip -->` slides', async () => {
    const env = await memoryEnv({ '/talk/slides.md': '---\ntitle: T\n---\n\n## One\n\nNote:\nSaid.\n\nHandout:\nRead later.\n\n---\n\n## Two\n\n<!-- handout: skip -->\n' });
    const built = await renderTalk(await readTalk(source, env), env);
    expect(built.diagnostics).toEqual([]);
    const page = (built.files.find((f) => f.path === 'index.html') as OutputFile).data;
    const deck = typeof page === 'string' ? page : new TextDecoder().decode(page);
    expect(deck).toContain('<aside class="notes"><p>Said.</p>');
    expect(deck).not.toContain('Read later.');
    expect(built.printPage()).toContain('<aside class="handout" hidden><p>Read later.</p>');
    expect(built.printPage()).toContain('data-handout="skip"');
  });

  it("takes a highlight.js style by name, with its own colours; a wrong name is an error at its key's line", async () => {
    const styles: unknown[] = [];
    const env = await memoryEnv({ '/talk/slides.md': '---\ntitle: T\nhighlightTheme: monokai\n---\n\n# x\n' }, { styles: async (input) => (styles.push(input.codeStyle), []) });
    expect((await renderTalk(await readTalk(source, env), env)).diagnostics).toEqual([]);
    expect(styles).toEqual([{ file: '/hljs/monokai.css', own: true }]);
    const typo = await memoryEnv({ '/talk/slides.md': '---\ntitle: T\nhighlightTheme: monokay\n---\n\n# x\n' });
    const built = await renderTalk(await readTalk(source, typo), typo);
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(['3: unknown highlightTheme "monokay"; did you mean "monokai"? use auto, light, dark or a highlight.js style (the files in node_modules/highlight.js/styles/)']);
  });

  it("gives a talk without url its address under the site (--base-url), and keeps one it has", async () => {
    const env = await memoryEnv({ '/talk/slides.md': '# A\n' }, { baseUrl: 'https://you.github.io/talks' });
    expect((await readTalk(source, env)).deck.url).toBe('https://you.github.io/talks/talk/');
    const own = await memoryEnv({ '/talk/slides.md': '---\nurl: https://example.com/t/\n---\n\n# A\n' }, { baseUrl: 'https://you.github.io/talks/' });
    expect((await readTalk(source, own)).deck.url).toBe('https://example.com/t/');
  });

  it('stops at the cheap stages for a front-matter typo, before any Markdown is rendered', async () => {
    const env = await memoryEnv({ '/talk/slides.md': '---\ntitel: T\n---\n\n# x\n' });
    const read = await readTalk(source, env);
    expect(read.diagnostics.map((d) => `${d.line}: ${d.message.split(';')[0]}`)).toEqual(['2: unknown front-matter key "titel"']);
  });

  it('a dialect decides the slides, their layout and attributes; everything after it is shared', async () => {
    // A made-up syntax: `===` between slides, and `@layout name` on a slide's first line.
    const equals: Dialect = {
      name: 'equals',
      split(body, firstLine) {
        let line = firstLine;
        const slides = body.split('\n===\n').map((chunk, h) => {
          const [first, ...rest] = chunk.split('\n');
          const layout = /^@layout (\S+)$/.exec(first ?? '')?.[1];
          const slide = { body: layout ? rest.join('\n') : chunk, notes: '', line, notesLine: 0, h, v: 0, layout, attrs: { 'data-from': 'equals' } };
          line += chunk.split('\n').length + 1;
          return slide;
        });
        return { slides, diagnostics: [] };
      },
    };
    // One front end, added to the list, is all a dialect takes: it claims decks that say `equals: true`.
    const frontEnd: FrontEnd = { name: 'equals', claims: (raw) => (raw.equals === true ? 'declared' : false), read: () => ({ values: {}, dialect: () => equals }) };
    const env = await memoryEnv({ '/talk/slides.md': '---\nequals: true\n---\n# Title\n===\n@layout section\n## Part one\n===\n## Body\n' }, { frontEnds: [frontEnd, ...FRONT_ENDS] });
    const built = await renderTalk(await readTalk(source, env), env);
    expect(built.diagnostics).toEqual([]);
    expect(built.slides.map((s) => [s.layout, s.title, s.attrs['data-from']])).toEqual([
      ['default', 'Title', 'equals'],
      ['section', 'Part one', 'equals'],
      ['default', 'Body', 'equals'],
    ]);
    expect(built.slides.map((s) => s.line)).toEqual([4, 6, 9]);
  });
});
