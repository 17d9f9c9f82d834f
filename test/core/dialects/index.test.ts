// Decks written for another tool carry on where that tool does (issue 23): the keys its
// themes and addons read are one warning, a reveal-md deck splits as reveal-md splits, Marp's
// first-slide directives in the front matter apply to the first slide.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTalk } from '../../../src/core/pipeline.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { memoryEnv } from '../../helpers/memory-env.js';

async function read(text: string) {
  const env = await memoryEnv({ '/talk/slides.md': text });
  return readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env);
}
const fixture = (dialect: string, name: string) => read(readFileSync(path.join(FIXTURES, dialect, name, 'slides.md'), 'utf8'));
const said = (r: Awaited<ReturnType<typeof read>>) => r.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`);

describe('keys of a deck written for another tool', () => {
  it("Slidev theme and addon keys (growSeed, addons, htmlAttrs, logos, monaco) are one warning at the first, naming them all", async () => {
    const r = await fixture('slidev', 'theme-keys');
    const problems = said(r).filter((m) => !m.includes('is a Slidev theme'));
    expect(problems).toEqual([
      'warning 3: "growSeed", "addons", "htmlAttrs", "logos" (Kamishibai\'s nearest is "logo"), "monaco" are not settings of Kamishibai; Slidev or its theme and addons may read them, Kamishibai leaves them out',
    ]);
    expect(r.raw).toHaveLength(2);
  });

  it('in a Kamishibai deck, a near-miss of a key stays an error with its suggestion', async () => {
    expect(said(await read('---\ntitle: T\nlogos: x.png\n---\n\n# A\n'))).toEqual(['error 3: unknown front-matter key "logos"; did you mean "logo"?']);
  });

  it('a deck for reveal.js (theme: night, as vscode-reveal writes it): a key of its own (logoImg) is a warning, and it builds', async () => {
    const r = await read('---\ntheme: night\ntransition: slide\nlogoImg: img/logo.png\n---\n\n# A\n\n---\n\n# B\n');
    expect(said(r)).toEqual(['warning 4: "logoImg" is not a setting of Kamishibai; reveal.js or its theme and addons may read it, Kamishibai leaves it out']);
    expect(r.raw).toHaveLength(2);
  });

  it('reveal-md: a quoted description running over lines not indented (js-yaml takes it) is read, and the keys after it keep their lines', async () => {
    const r = await read('---\ntitle: T\nrevealOptions:\n  transition: none\ndescription: "Over lines,\nnot indented, it\\"s\nread"\nauthor: \'L\'\'s\nown\'\nlang: it\n---\n\n# A\n');
    expect(said(r)).toEqual([]);
    expect(r.deck).toMatchObject({ description: 'Over lines, not indented, it"s read', author: "L's own", lang: 'it' });
    expect(r.keyLines).toMatchObject({ description: 5, author: 8, lang: 10 });
  });

  it("Marp: plain metadata (version:) is a warning; _paginate and _class in the front matter are the first slide's alone", async () => {
    const r = await fixture('marp', 'front-scoped');
    // Marp's own front matter reader names what Marp does with the key (dialects/marp.ts).
    expect(said(r)).toEqual(["warning 3: front-matter key version: not a setting Kamishibai uses (Marp ignores it or puts it in the page's head); left out"]);
    expect(r.raw.map((s) => [s.attrs?.['data-paginate'], s.attrs?.class])).toEqual([['false', 'marp-slide marp-default marp-fit-code lead'], ['true', 'marp-slide marp-default marp-fit-code']]);
  });

  it("reveal-md (revealOptions): its own keys are a warning, data-separator-notes is the notes separator, and it splits with reveal-md's separators, inside code fences too", async () => {
    const r = await fixture('reveal-md', 'foreign-keys');
    expect(said(r)).toEqual(['warning 3: "last-updated" is not a setting of Kamishibai; reveal-md or its theme and addons may read it, Kamishibai leaves it out']);
    expect(r.deck.notesSeparator).toBe('^Speaker:');
    expect(r.raw.map((s) => `${s.h}.${s.v}`)).toEqual(['0.0', '1.0', '2.0', '2.1']);
    expect(r.raw[0]!.notes).toBe('said on one');
    // `----  ` (trailing spaces) is not reveal-md's `\r?\n----\r?\n`: no break inside the first fence.
    expect(r.raw[1]!.body).toContain('other: value');
  });
});
