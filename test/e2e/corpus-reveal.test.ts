// The public corpus (test/corpus/, issue 23): every reveal.js and reveal-md deck there, built
// by Kamishibai and compared with reveal.js 6's own Markdown plugin in Chromium on the same
// source, with the separators the deck's tool gives it (reveal-md's, or the host page's from
// SOURCE): the same slide tree (horizontal and vertical) and the same speaker notes. The
// Marp and Slidev decks are in test/corpus.test.ts. A deck that does not pass yet goes in
// FAILING with its cause, as it.fails.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { loadEnv, projectPaths } from '../../src/run/project.js';
import { talkSource } from '../../src/run/talks.js';
import { frontMatter, listDecks, type CorpusDeck } from '../corpus/reference.mjs';
import { startBrowser } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';
import { revealJs } from '../helpers/reveal-plugin.js';

const FAILING: Record<string, string> = {
  // Lines 74-82: two <section data-auto-animate> written in a slide; reveal.js makes them a vertical stack.
  'reveal-md/bigdata-en': 'raw <section> elements in a slide: a vertical stack in reveal.js, one slide here',
};

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-corpus-reveal-'));
let browser: Browser;
beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text reveal.js's plugin is given and its data-separator* attributes, as the deck's tool sets them. */
function theirInput(deck: CorpusDeck): { body: string; separators: Record<string, string> } {
  const text = readFileSync(deck.file, 'utf8');
  if (deck.tool === 'reveal') {
    const body = deck.source['front matter'] ? frontMatter(text).body : text;
    const separators: Record<string, string> = {};
    if (deck.source.separator) separators.separator = deck.source.separator;
    if (deck.source.vertical) separators.verticalSeparator = deck.source.vertical;
    return { body, separators };
  }
  // reveal-md removes the front matter and hands the page its separators (its defaults: lib/defaults.json).
  const { body, keys } = frontMatter(text);
  const pick = (...names: string[]) => names.map((n) => keys[n]).find((v) => typeof v === 'string') as string | undefined;
  const notes = pick('notesSeparator', 'data-separator-notes');
  return { body, separators: { separator: pick('separator') ?? '\\r?\\n---\\r?\\n', verticalSeparator: pick('verticalSeparator') ?? '\\r?\\n----\\r?\\n', ...(notes ? { notesSeparator: notes } : {}) } };
}

/** SOURCE's flags (--separator=..., --vertical-separator=...) as the settings the CLI makes of them. */
function flagsOf(deck: CorpusDeck): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const f of (deck.source.flags ?? '').split(' ').filter(Boolean)) {
    const m = /^--(separator|vertical-separator)=(.*)$/.exec(f);
    if (m) flags[m[1] === 'separator' ? 'separator' : 'verticalSeparator'] = m[2]!;
  }
  return flags;
}

describe('the public corpus: reveal.js and reveal-md decks against reveal.js itself', async () => {
  const { env } = await loadEnv(projectPaths(ROOT));
  for (const deck of listDecks().filter((d) => d.tool === 'reveal' || d.tool === 'reveal-md')) {
    const key = `${deck.tool}/${deck.name}`;
    const run = FAILING[key] ? it.fails : it;
    run(`${key}${FAILING[key] ? ` (fails: ${FAILING[key]})` : ''}`, async () => {
      const { body, separators } = theirInput(deck);
      const theirs = await revealJs(browser, tmp, body, separators);
      env!.flagsDeck = flagsOf(deck);
      const built = await renderTalk(await readTalk(talkSource(deck.file), env!), env!);
      expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      const ours = built.slides.map((s) => ({ at: `${s.h}.${s.v}`, notes: words(textContent(parseDocument(s.notesHtml).children)) }));
      expect(ours).toEqual(theirs.map((s) => ({ at: s.at, notes: s.notes })));
    });
  }
});
