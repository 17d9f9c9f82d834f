// Differential test: reveal.js 6's own Markdown plugin, run in Chromium on each fixture deck
// with the deck's separators, against Kamishibai's reveal dialect on the same text. Compared:
// the slide tree (horizontal and vertical), each slide's notes text, the attributes that
// `.slide:` comments set, and the classes that `.element` comments set (fragments among them).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { findAll, textContent } from 'domutils';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { parseFrontMatter } from '../../src/core/markdown/frontmatter.js';
import { loadEnv, projectPaths } from '../../src/run/project.js';
import { talkSource } from '../../src/run/talks.js';
import { cases, FIXTURES } from '../helpers/fixtures.js';
import { ROOT } from '../helpers/cli.js';
import { startBrowser } from '../helpers/browser.js';
import { revealJs } from '../helpers/reveal-plugin.js';

type SlideShape = Awaited<ReturnType<typeof revealJs>>[number];

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-reveal-diff-'));
let browser: Browser;
beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Attribute names `.slide:` comments set, and class names `.slide:`/`.element` comments set, in the source. */
function commentVocabulary(text: string): { attrs: string[]; classes: string[] } {
  const attrs = new Set<string>();
  const classes = new Set<string>();
  for (const m of text.matchAll(/<!--\s*\.(slide|element)\b:?([\s\S]*?)-->/g)) {
    for (const a of m[2]!.matchAll(/([^"= ]+?)="([^"]*?)"/g)) {
      if (m[1] === 'slide' && a[1] !== 'class') attrs.add(a[1]!);
      if (a[1] === 'class') for (const c of a[2]!.split(/\s+/).filter(Boolean)) classes.add(c);
    }
  }
  return { attrs: [...attrs].sort(), classes: [...classes].sort() };
}

function countClasses(html: string, vocabulary: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const elements = findAll(() => true, parseDocument(html).children);
  for (const c of vocabulary) counts[c] = elements.filter((e) => (e.attribs.class ?? '').split(/\s+/).includes(c)).length;
  return counts;
}

async function kamishibai(deckFile: string, vocabulary: { attrs: string[]; classes: string[] }): Promise<SlideShape[]> {
  const { env } = await loadEnv(projectPaths(ROOT));
  const built = await renderTalk(await readTalk(talkSource(deckFile), env!), env!);
  return built.slides.map((s) => ({
    at: `${s.h}.${s.v}`,
    notes: words(textContent(parseDocument(s.notesHtml).children)),
    attrs: Object.fromEntries(vocabulary.attrs.filter((a) => s.attrs[a] !== undefined).map((a) => [a, s.attrs[a]!])),
    classes: countClasses(`<section class="${s.attrs.class ?? ''}">${s.html}</section>`, vocabulary.classes),
  }));
}

describe('the reveal.js dialect against reveal.js 6 itself', () => {
  for (const name of cases('reveal')) {
    it(`${name}: the same slides, notes, slide attributes and element classes`, async () => {
      const file = path.join(FIXTURES, 'reveal', name, 'slides.md');
      const text = readFileSync(file, 'utf8');
      const front = await parseFrontMatter(text, file);
      const separators = Object.fromEntries(Object.entries(front.values).filter(([k]) => /separator$/i.test(k))) as Record<string, string>;
      const vocabulary = commentVocabulary(text);
      const ours = await kamishibai(file, vocabulary);
      const theirs = await revealJs(browser, tmp, front.body, { verticalSeparator: '\\r?\\n----\\r?\\n', ...separators }, vocabulary);
      expect(ours).toEqual(theirs);
    });
  }
});
