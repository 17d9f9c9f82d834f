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
import { probePage, startBrowser, type PageProbe } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { readPptx } from '../helpers/pptx.js';

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

/** A fixture deck built (HTML, or what `flags` ask) into tmp/<out>, open in Chromium, reveal.js ready. */
async function ourDeck(dir: string, out: string, flags = ['--no-pdf']): Promise<PageProbe> {
  const r = runCli(['build', dir, ...flags, '--quiet', '--out', path.join(tmp, out)]);
  expect(r.code, r.stderr).toBe(0);
  const probe = await probePage(browser, tmp);
  await probe.page.setViewport({ width: 1280, height: 720 });
  await probe.page.goto(pathToFileURL(path.join(tmp, out, path.basename(dir), 'index.html')).href, { waitUntil: 'load' });
  await probe.page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
  return probe;
}

async function ourPlacements(talk: string): Promise<Placement[]> {
  const { page, errors } = await ourDeck(`test/fixtures/e2e/${talk}`, talk);
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

interface Chrome {
  color: string;
  fontSize: string;
  /** The text's middle, as fractions of the slide's width and height. */
  x: number;
  y: number;
}

/** The look of the header, the footer, the first heading and paragraph in the `index`-th section matched by `selector`; undefined where there is none. */
async function chrome(page: Page, selector: string, index: number): Promise<(Chrome | undefined)[]> {
  const found = await page.evaluate(
    (sel, i) => {
      const section = document.querySelectorAll(sel)[i] as HTMLElement;
      const box = section.getBoundingClientRect();
      return ['header', 'footer', 'h1', 'p'].map((tag) => {
        const el = tag === 'header' || tag === 'footer' ? section.querySelector(`:scope > ${tag}`) : [...section.querySelectorAll(tag)].find((e) => !e.closest('header, footer'));
        if (!el || el.textContent!.trim() === '') return undefined;
        const range = document.createRange();
        range.selectNodeContents(el);
        const words = range.getBoundingClientRect();
        const s = getComputedStyle(el);
        return { color: s.color, fontSize: s.fontSize, x: ((words.left + words.right) / 2 - box.left) / box.width, y: ((words.top + words.bottom) / 2 - box.top) / box.height };
      });
    },
    selector,
    index,
  );
  // The page's undefined arrives as null.
  return found.map((c) => c ?? undefined);
}

/** marp-core's own rendering of a fixture deck with its theme, in a tab of the same Chromium. */
async function marpPage(dir: string, theme: string): Promise<Page> {
  // html: as marp-cli --html draws a deck's <small> and the like (Kamishibai always does).
  const marp = new Marp({ script: false, html: true });
  marp.themeSet.add(readFileSync(path.join(dir, theme), 'utf8'));
  const { html, css } = marp.render(readFileSync(path.join(dir, 'slides.md'), 'utf8'));
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await page.setContent(`<!doctype html><style>${css}</style>${html}`);
  return page;
}

describe("a custom Marp theme's header and footer rules apply, as marp-cli draws them", () => {
  it('theme banner: header and footer coloured, sized and placed by the theme, text sized by it; a slide with _footer: "" has none', async () => {
    const dir = 'test/fixtures/e2e/marp-chrome-custom';
    const theirPage = await marpPage(dir, 'banner.css');
    const theirs = [await chrome(theirPage, 'section', 0), await chrome(theirPage, 'section', 1)];
    await theirPage.close();

    const { page, errors } = await ourDeck(dir, 'chrome');
    const ours: (Chrome | undefined)[][] = [];
    for (const h of [0, 1]) {
      await page.evaluate((n) => Reveal.slide(n), h);
      ours.push(await chrome(page, '.reveal .slides > section', h));
    }
    expect(errors).toEqual([]);
    await page.close();

    expect(theirs[0]!.slice(0, 2).map((c) => c?.color)).toEqual(['rgb(200, 30, 30)', 'rgb(20, 120, 40)']);
    expect(theirs[1]![1]).toBeUndefined();
    for (const [i, slide] of theirs.entries()) {
      slide.forEach((their, j) => {
        const our = ours[i]![j];
        const what = `slide ${i + 1} ${['header', 'footer', 'heading', 'paragraph'][j]}: ${JSON.stringify({ ours: our, theirs: their })}`;
        if (!their) return void expect(our, what).toBeUndefined();
        expect(our, what).toBeDefined();
        expect({ color: our!.color, fontSize: our!.fontSize, x: Math.abs(our!.x - their.x) < 0.05, y: Math.abs(our!.y - their.y) < 0.05 }, what).toEqual({ color: their.color, fontSize: their.fontSize, x: true, y: true });
      });
    }
  });
});

interface ThemeFacts {
  /** The `![bg]` picture's box, as fractions of the slide's width: its left edge and width (0 when there is none). */
  bgLeft: number;
  bgWidth: number;
  /** The slide's own background colour, and its paragraph's and list's look. */
  background: string;
  textColor: string;
  textSize: string;
  /** A <small>'s size: the theme's (or the browser's smaller), never Kamishibai's. */
  smallSize: string;
  /** A deck's own <div class="columns">: laid out by the theme (here, which has no such rule: a block), not by Kamishibai. */
  columnsDisplay: string;
  listStyle: string;
  /** The first heading's top, as a fraction of the slide's height. */
  headingTop: number;
}

/**
 * Facts of the `index`-th slide: `frame` is the whole slide, `section` its content's section
 * (Marp draws a slide with pictures as three sections in one SVG: the pictures', the content's
 * and a pseudo one; there the background colour is the pictures' section's, and left out).
 */
function themeFacts(page: Page, frameSelector: string, sectionSelector: string, index: number): Promise<ThemeFacts> {
  return page.evaluate(
    (frameSel, sel, i) => {
      const frame = document.querySelectorAll<HTMLElement>(frameSel)[i]!;
      const section = frame.matches(sel) ? frame : frame.querySelector<HTMLElement>(sel)!;
      const box = frame.getBoundingClientRect();
      const figure = frame.querySelector('figure')?.getBoundingClientRect();
      const style = (q: string) => {
        const el = section.querySelector(q);
        return el ? getComputedStyle(el) : undefined;
      };
      return {
        bgLeft: figure ? Math.round(((figure.left - box.left) / box.width) * 100) / 100 : 0,
        bgWidth: figure ? Math.round((figure.width / box.width) * 100) / 100 : 0,
        background: figure ? '' : getComputedStyle(section).backgroundColor,
        textColor: style('p')?.color ?? '',
        textSize: style('p')?.fontSize ?? '',
        smallSize: style('small')?.fontSize ?? '',
        columnsDisplay: style('.columns')?.display ?? '',
        listStyle: style('li')?.listStyleType ?? '',
        headingTop: Math.round(((section.querySelector('h1')!.getBoundingClientRect().top - box.top) / box.height) * 20) / 20,
      };
    },
    frameSelector,
    sectionSelector,
    index,
  );
}

describe("a deck's own Marp theme, as marp-core draws it", () => {
  it('bg pictures beside the content, _backgroundColor and _color over the theme, 2em of the slide once, a note holding <!-- and <style> kept as text', async () => {
    const dir = 'test/fixtures/e2e/marp-own-theme';
    const theirPage = await marpPage(dir, 'theme.css');
    const content = 'section:not([data-marpit-advanced-background="background"], [data-marpit-advanced-background="pseudo"])';
    const theirs = await Promise.all([0, 1, 2, 3].map((i) => themeFacts(theirPage, 'svg[data-marpit-svg]', content, i)));
    await theirPage.close();

    const { page, errors } = await ourDeck(dir, 'own-theme');
    const ours: ThemeFacts[] = [];
    for (const h of [0, 1, 2, 3]) {
      await page.evaluate((n) => Reveal.slide(n), h);
      ours.push(await themeFacts(page, '.reveal .slides > section', 'section', h));
    }
    // The note is the comment's text: no <style> of it reaches the page, and its "<!--" is there to read.
    const notes = await page.evaluate(() => [...document.querySelectorAll('aside.notes')].map((n) => ({ text: n.textContent ?? '', styles: n.querySelectorAll('style').length })));
    expect(errors).toEqual([]);
    await page.close();
    expect(theirs[0]!.bgWidth).toBeGreaterThan(0.4);
    expect(theirs[1]!.background).toBe('rgb(0, 0, 0)');
    expect(ours).toEqual(theirs);
    expect(notes.find((n) => n.text.includes('<!-- _class: lead --'))).toMatchObject({ styles: 0 });
  });
});

describe("Marp's auto-scaling of code, under its own themes", () => {
  it('a code block wider than the slide is zoomed out to fit, live and in the check, which then has nothing to say of it', async () => {
    const dir = 'test/fixtures/e2e/marp-fit-code';
    const check = runCli(['check', dir]);
    expect(check.stderr).not.toMatch(/cuts off|overflows/);
    const { page, errors } = await ourDeck(dir, 'fit-code', ['--no-handout', '--pptx']);
    // The PowerPoint copy's code at the zoomed size too: its 139 characters (monospace, 0.6 em
    // each) in the slide's 960 pt.
    const { slides } = await readPptx(path.join(tmp, 'fit-code', 'marp-fit-code', 'marp-fit-code.pptx'));
    const size = Number(/<a:rPr[^>]*\bsz="(\d+)"[^>]*>(?:(?!<\/a:r>).)*?<a:t>const<\/a:t>/s.exec(slides[0]!)?.[1]) / 100;
    expect(size).toBeGreaterThan(3);
    expect(139 * 0.6 * size).toBeLessThanOrEqual(960);
    const pre = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.reveal .slides section pre')!;
      return { zoom: Number(el.style.zoom), fits: el.scrollWidth <= el.clientWidth + 1 };
    });
    expect(errors).toEqual([]);
    await page.close();
    expect(pre.fits).toBe(true);
    expect(pre.zoom).toBeGreaterThan(0.2);
    expect(pre.zoom).toBeLessThan(1);
  });
});
