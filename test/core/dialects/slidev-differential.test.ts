// The Slidev dialect against Slidev's own parser (@slidev/parser) on the same decks
// (test/fixtures/slidev/*): the same slides, each starting on the same line, with the same
// notes, its layout drawn by the Kamishibai layout that stands for it, its classes kept.
// And what a static deck cannot do (Vue components, {{ }}) is a warning at its line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@slidev/parser';
import { describe, expect, it } from 'vitest';
import { readTalk } from '../../../src/core/pipeline.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { memoryEnv } from '../../helpers/memory-env.js';

const DIR = path.join(FIXTURES, 'slidev');
const squash = (s = '') => s.replace(/\s+/g, ' ').trim();
/** Slidev's layouts and the Kamishibai layout each is drawn with. */
const DRAWN: Record<string, string> = {
  default: 'default', cover: 'title', intro: 'title', center: 'default', section: 'section', quote: 'quote',
  statement: 'statement', fact: 'statement', end: 'statement', 'two-cols': 'two-column', 'image-right': 'default',
};

async function ours(name: string) {
  const env = await memoryEnv({ '/talk/slides.md': readFileSync(path.join(DIR, name, 'slides.md'), 'utf8') });
  return readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env);
}

describe('the Slidev dialect, against @slidev/parser on the same decks', () => {
  for (const name of readdirSync(DIR).sort()) {
    it(`${name}: the same slides, lines, notes, layouts and classes`, async () => {
      const markdown = readFileSync(path.join(DIR, name, 'slides.md'), 'utf8');
      const theirs = (await parse(markdown, 'slides.md')).slides.filter((s) => !s.frontmatter.hide && !s.frontmatter.disabled);
      const read = await ours(name);
      expect(read.raw.map((s) => s.line - 1)).toEqual(theirs.map((s) => s.contentStart));
      expect(read.raw.map((s) => squash(s.notes))).toEqual(theirs.map((s) => squash(s.note)));
      expect(read.raw.map((s) => s.layout ?? 'default')).toEqual(theirs.map((s) => DRAWN[String(s.frontmatter.layout ?? 'default')]));
      read.raw.forEach((s, i) => {
        const cls = theirs[i]!.frontmatter.class;
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

  it('is chosen by a Slidev headmatter or a slide settings block, not for a plain deck', async () => {
    expect((await ours('layouts')).raw.length).toBe(10);
    const plain = await memoryEnv({ '/talk/slides.md': '---\ntitle: Plain\n---\n\n# A\n\n---\n\n# B\n' });
    const read = await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, plain);
    expect(read.raw.map((s) => s.layout)).toEqual([undefined, undefined]);
  });
});
