// The built deck in real Chromium, opened from file:// with the network refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { probePage, startBrowser } from '../helpers/browser.js';

declare const Reveal: typeof import('reveal.js').default;

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-e2e-'));
let browser: Browser;
let url: string;

beforeAll(async () => {
  const result = await build({ inputs: [path.join(FIXTURES, 'e2e', 'deck')], outDir: out });
  expect(result.diagnostics).toEqual([]);
  url = pathToFileURL(path.join(out, 'deck', 'index.html')).href;
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('deck in Chromium from file://', () => {
  it('loads, and arrow keys reach every slide and fragment, with no error and no request out', async () => {
    const { page, errors, blocked } = await probePage(browser);
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
    const total = await page.evaluate(() => Reveal.getTotalSlides());
    expect(total).toBe(5);

    const seen = new Set<string>();
    for (let step = 0; step < 30; step++) {
      const state = await page.evaluate(() => ({ ...Reveal.getIndices(), last: Reveal.isLastSlide(), routes: Reveal.availableRoutes(), frag: Reveal.availableFragments() }));
      seen.add(`${state.h}/${state.v}`);
      if (state.last && !state.frag.next) break;
      await page.keyboard.press(state.routes.down && !state.frag.next ? 'ArrowDown' : 'ArrowRight');
      await page.waitForFunction(() => !document.querySelector('.reveal .slides')?.classList.contains('disable-slide-transitions'), { timeout: 2000 }).catch(() => {});
    }
    expect([...seen].sort()).toEqual(['0/0', '1/0', '2/0', '2/1', '3/0']);
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(fonts).toContain('Noto Sans');
    expect(await page.evaluate(() => (document.querySelector('img[alt="red square"]') as HTMLImageElement).naturalWidth)).toBe(40);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('shows the PDF links in the corner to a reader who moves the pointer, never to the room', async () => {
    const probe = await probePage(browser);
    const { page } = probe;
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
    // The links are there (the deck has PDFs), just out of sight while the talk goes on.
    const opacity = () => page.$eval('.deck-downloads', (e) => Number(getComputedStyle(e).opacity));
    await new Promise((r) => setTimeout(r, 400));
    expect(await opacity()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await new Promise((r) => setTimeout(r, 400));
    expect(await opacity()).toBe(0);
    await page.mouse.move(400, 300);
    await page.mouse.move(420, 320);
    await new Promise((r) => setTimeout(r, 400));
    expect(await opacity()).toBe(1);
    await new Promise((r) => setTimeout(r, 3500));
    expect(await opacity()).toBe(0);
    expect(probe.errors).toEqual([]);
    await page.close();
  });

  it('the speaker view (S) opens offline with the notes of the current slide, and paces the talk against its time', async () => {
    const { page, errors, blocked } = await probePage(browser);
    await page.goto(`${url}#/1`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
    const popup = new Promise<import('puppeteer').Page>((resolve) =>
      browser.once('targetcreated', async (t) => resolve((await t.page())!)),
    );
    await page.keyboard.press('s');
    const speaker = await popup;
    await speaker.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes('Notes for the steps slide'), { timeout: 15_000 });
    // time: 10m is shared among the slides (data-timing): the view paces the speaker against it.
    await speaker.waitForFunction(() => /\b(ahead|on-track|behind)\b/.test(document.querySelector('.pacing')?.className ?? ''), { timeout: 15_000 });
    const view = await speaker.evaluate(() => ({
      timer: !!document.querySelector('.speaker-controls-time'),
      upcoming: !!document.querySelector('#upcoming-slide iframe'),
      pacing: getComputedStyle(document.querySelector('.pacing')!).display !== 'none',
    }));
    expect(view).toEqual({ timer: true, upcoming: true, pacing: true });
    // The notes in the deck's fonts, not the plugin's Helvetica.
    await speaker.waitForFunction(() => getComputedStyle(document.querySelector('.speaker-controls-notes .value')!).fontFamily.includes('Noto Sans'), { timeout: 5000 });
    expect(await speaker.evaluate(async () => (await document.fonts.ready, [...document.fonts].some((f) => f.family.includes('Noto Sans') && f.status === 'loaded')))).toBe(true);
    const planned = await page.evaluate(() => [...document.querySelectorAll('.reveal .slides section[data-timing]')].reduce((sum, s) => sum + Number(s.getAttribute('data-timing')), 0));
    expect(Math.abs(planned - 600)).toBeLessThanOrEqual(5);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await speaker.close();
    await page.close();
  });
});

describe('issue 20 item 9: front-matter text in the inline settings', () => {
  it('a value holding "<!--<script>" leaves the deck working: no "<" in the JSON, reveal.js starts, the build is clean', async () => {
    const dir = path.join(out, 'comment-deck');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'slides.md'), '---\ntitle: Comment\nslideNumber: "<!--<script>"\n---\n\n# One\n\n---\n\n# Two\n');
    const result = await build({ inputs: [dir], outDir: path.join(out, 'comment-out'), handout: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = readFileSync(path.join(out, 'comment-out', 'comment-deck', 'index.html'), 'utf8');
    const json = /<script type="application\/json" id="kamishibai-config">(.*?)<\/script>/s.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect((JSON.parse(json) as { slideNumber: string }).slideNumber).toBe('<!--<script>');
    const { page, errors } = await probePage(browser, out);
    await page.goto(pathToFileURL(path.join(out, 'comment-out', 'comment-deck', 'index.html')).href, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady(), { timeout: 15_000 });
    expect(await page.evaluate(() => Reveal.getTotalSlides())).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
