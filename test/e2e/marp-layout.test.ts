// Differential: where a Marp deck's content sits on the slide, in marp-core's own rendering
// (its HTML and theme CSS, drawn in the same Chromium) and in ours. Marp's default and uncover
// themes centre a slide's content top to bottom, gaia keeps it at the top, the `lead` class
// centres it both ways; fonts and sizes differ, so positions are compared as fractions.
import { Marp } from '@marp-team/marp-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePage, startBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';

declare const Reveal: typeof import('reveal.js').default;

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-marp-layout-'));
let browser: Browser;
beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Placement {
  /** The middle of the content (first heading's top to last element's bottom), as a fraction of the slide's height. */
  middle: number;
  /** The first heading's horizontal middle, as a fraction of the slide's width. */
  headingMiddle: number;
}

/** Placement of the content of each `section` matched by `selector`, as the page draws it. */
function measure(page: Page, selector: string, index: number): Promise<Placement> {
  return page.evaluate(
    (sel, i) => {
      const section = document.querySelectorAll(sel)[i] as HTMLElement;
      const box = section.getBoundingClientRect();
      const content = [...section.querySelectorAll('h1, p, ul')].filter((e) => !e.closest('header, footer, .slide-footer, .slide-header'));
      const heading = content[0]!.getBoundingClientRect();
      // The heading's text, not its box: a block heading spans the slide wherever its words are.
      const range = document.createRange();
      range.selectNodeContents(content[0]!);
      const words = range.getBoundingClientRect();
      const last = content.at(-1)!.getBoundingClientRect();
      return { middle: ((heading.top + last.bottom) / 2 - box.top) / box.height, headingMiddle: ((words.left + words.right) / 2 - box.left) / box.width };
    },
    selector,
    index,
  );
}

async function marpPlacements(source: string): Promise<Placement[]> {
  const { html, css } = new Marp({ script: false }).render(source);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await page.setContent(`<!doctype html><style>${css}</style>${html}`);
  const placements = [await measure(page, 'section', 0), await measure(page, 'section', 1)];
  await page.close();
  return placements;
}

async function ourPlacements(talk: string): Promise<Placement[]> {
  const r = runCli(['build', `test/fixtures/e2e/${talk}`, '--no-pdf', '--quiet', '--out', path.join(tmp, talk)]);
  expect(r.code, r.stderr).toBe(0);
  const { page, errors } = await probePage(browser, tmp);
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(path.join(tmp, talk, talk, 'index.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
  const placements: Placement[] = [];
  for (const h of [0, 1]) {
    await page.evaluate((n) => Reveal.slide(n), h);
    placements.push(await measure(page, '.reveal .slides > section', h));
  }
  expect(errors).toEqual([]);
  await page.close();
  return placements;
}

describe("a Marp deck's content sits where marp-core's theme puts it", () => {
  for (const look of ['default', 'gaia', 'uncover']) {
    it(`theme: ${look}, a plain slide and a lead slide`, async () => {
      const talk = `marp-layout-${look}`;
      const source = readFileSync(`test/fixtures/e2e/${talk}/slides.md`, 'utf8');
      const [theirs, ours] = [await marpPlacements(source), await ourPlacements(talk)];
      for (const [i, their] of theirs.entries()) {
        const our = ours[i]!;
        expect({ slide: i + 1, middle: Math.abs(our.middle - their.middle) < 0.1, headingMiddle: Math.abs(our.headingMiddle - their.headingMiddle) < 0.1 }, JSON.stringify({ ours: our, theirs: their })).toEqual({ slide: i + 1, middle: true, headingMiddle: true });
      }
    });
  }
});
