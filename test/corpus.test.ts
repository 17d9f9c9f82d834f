// The public corpus (test/corpus/, issue 23): every Marp and Slidev deck there, written by
// others for their own tools, built by Kamishibai and compared with the deck's own tool run on
// the same source (marp-core, @slidev/parser: reference.mjs, as measure.mjs uses it): the deck
// builds (no error), with the same number of slides and of slides with speaker notes. The
// reveal.js and reveal-md decks are compared with reveal.js's own plugin in Chromium
// (test/e2e/corpus-reveal.test.ts). A deck that does not pass yet is listed in FAILING with its
// cause: its case is it.fails, so it turns red the day it passes (then move it out of the list).
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../src/core/pipeline.js';
import { loadEnv, projectPaths } from '../src/project.js';
import { talkSource } from '../src/talks.js';
import { listDecks, theirCount } from './corpus/reference.mjs';
import { ROOT } from './helpers/cli.js';

/** Decks that do not build as their tool shows them yet, and why (test/corpus/STATUS.md). */
const THEME = 'Marp theme CSS in its folder (/* @theme name */) not found';
const FAILING: Record<string, string> = {
  'marp/academic-ja': THEME,
  'marp/automatiser-fr': THEME,
  'marp/ddps-ko': `style: @import in the front matter; a \`\`\` line inside an HTML block; ${THEME}`,
  'marp/default-plus': 'style: @import in the front matter; an unknown Marp theme is an error',
  'marp/hfut-zh': 'a picture beside the deck (../img/x.png) is refused; an unknown Marp theme is an error',
  'marp/incide-es': `${THEME}; characters no bundled font has; headingDivider makes an empty first slide`,
  'marp/marpstyle-arendt': `a picture beside the deck (../img/x.png) is refused; ${THEME}`,
  'marp/marpstyle-ia-pt': `${THEME}; characters no bundled font has`,
  'marp/marpstyle-leibniz': `a picture beside the deck (../img/x.png) is refused; ${THEME}`,
  'marp/polsl-pl': THEME,
  'marp/teaching-fr': `${THEME}; characters no bundled font has`,
};

describe('the public corpus: Marp and Slidev decks as their own tools count them', async () => {
  const { env } = await loadEnv(projectPaths(ROOT));
  for (const deck of listDecks().filter((d) => d.tool === 'marp' || d.tool === 'slidev')) {
    const key = `${deck.tool}/${deck.name}`;
    const run = FAILING[key] ? it.fails : it;
    run(`${key}${FAILING[key] ? ` (fails: ${FAILING[key]})` : ''}`, async () => {
      const theirs = await theirCount(deck);
      const built = await renderTalk(await readTalk(talkSource(deck.file), env!), env!);
      expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect({ slides: built.slides.length, notes: built.slides.filter((s) => s.notesHtml.trim() !== '').length }).toEqual(theirs);
    });
  }
});
