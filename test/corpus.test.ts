// The public corpus (test/corpus/, issue 23): every Marp and Slidev deck there, written by
// others for their own tools, built by Kamishibai and compared with the deck's own tool run on
// the same source (marp-core, @slidev/parser: reference.mjs, as measure.mjs uses it): the deck
// builds (no error), with the same number of slides and of slides with speaker notes. The
// reveal.js and reveal-md decks are compared with reveal.js's own plugin in Chromium
// (test/e2e/corpus-reveal.test.ts). A deck that does not pass yet is listed in FAILING with its
// cause: its case is it.fails, so it turns red the day it passes (then move it out of the list).
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../src/core/pipeline.js';
import path from 'node:path';
import { openRun } from '../src/run/run.js';
import { talkSource } from '../src/run/talks.js';
import { listDecks, theirCount } from './corpus/reference.mjs';
import { ROOT } from './helpers/cli.js';

/** Decks that do not build as their tool shows them yet, and why (test/corpus/STATUS.md). */
const FAILING: Record<string, string> = {};

describe('the public corpus: Marp and Slidev decks as their own tools count them', async () => {
  // The deck's own tool settings said as Kamishibai's flags (SOURCE's flags: --root, as measure.mjs passes them).
  const envFor = async (flags = '') => {
    const root = /--root (\S+)/.exec(flags)?.[1];
    const run = openRun({ root: ROOT, ...(root ? { fileRoot: path.resolve(ROOT, root) } : {}) });
    if ('problems' in run) throw new Error(run.problems.join('\n'));
    return (await run.load()).env!;
  };
  const plain = await envFor();
  for (const deck of listDecks().filter((d) => d.tool === 'marp' || d.tool === 'slidev')) {
    const key = `${deck.tool}/${deck.name}`;
    const run = FAILING[key] ? it.fails : it;
    run(`${key}${FAILING[key] ? ` (fails: ${FAILING[key]})` : ''}`, async () => {
      const theirs = await theirCount(deck);
      const env = deck.source.flags?.includes('--root') ? await envFor(deck.source.flags) : plain;
      const built = await renderTalk(await readTalk(talkSource(deck.file), env), env);
      expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect({ slides: built.slides.length, notes: built.slides.filter((s) => s.notesHtml.trim() !== '').length }).toEqual(theirs);
    });
  }
});
