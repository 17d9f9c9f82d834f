// print-alone.ts: the print lays out nothing but the pages it prints. The page is the core's
// real print page of a three-slide deck, without the deck's stylesheets (none are written
// here), which Chromium prints as four pages. A layout in print media at the viewport's size
// is seen by the request it makes for a background (refused, so reported); what the print
// gives is compared with Chromium's plain print of the same page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givePageBack, launchBrowser, openPage, type Refused } from '../../src/browser/launch.js';
import { openPrintPage } from '../../src/browser/print-page.js';
import { printAlone, shown } from '../../src/browser/print-alone.js';
import { DECK_LIMITS } from '../../src/core/deck-size.js';
import { buildInMemory } from '../helpers/memory-env.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-print-alone-'));
let browser: Browser;
beforeAll(async () => {
  browser = (await launchBrowser({})) as unknown as Browser;
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PRINT = { printBackground: true, preferCSSPageSize: true };
// Laid out in print media as wide as the viewport (1280 px), the page asks for a picture named
// by the print (its class); the paper's own print layout is narrower (Letter, 8.5 in: ~810 px).
const PROBE = ['plain', 'alone'].map((name) => `@media print and (min-width: 1200px) { html.${name} body::after { content: ""; display: block; height: 2px; background-image: url(http://probe.invalid/${name}.png); } }`).join(' ');

async function loaded(refused: Refused): Promise<Page> {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  const { built } = await buildInMemory(`# One\n\nThe first.\n\n---\n\n## Two\n\nThe second.\n\n---\n\n## Three\n\nThe third.\n`);
  const page = await openPage(browser, dir, refused);
  const options = { dir, slug: 'talk', deck: built.deck, pdf: true, handout: false, fragments: false, png: false, pptx: 'skip' as const, printPage: built.printPage(), slideCount: 4, uncoveredChars: '', timeoutMs: 30_000, limits: DECK_LIMITS, reuseTab: false };
  await openPrintPage(page, options, 1280, 720);
  await page.addStyleTag({ content: PROBE });
  return page;
}

function save(name: string, pdf: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

describe('a print alone', () => {
  it('prints the pages a plain print does, without laying them out at the viewport size, and leaves the page hidden until shown', async () => {
    const refused: Refused = { network: [], outside: [] };
    const page = await loaded(refused);
    const printed = (name: string) =>
      page.evaluate((c: string) => {
        document.documentElement.classList.remove('plain', 'alone');
        document.documentElement.classList.add(c);
      }, name);
    await printed('plain');
    const plain = save('plain.pdf', await page.pdf(PRINT));
    await printed('alone');
    const alone = save('alone.pdf', await printAlone(page, PRINT, 4));
    const probed = refused.network.filter((u) => u.includes('probe.invalid'));
    // The probe is sound: it sees the plain print's layout at the viewport's size.
    expect(probed).toEqual(['http://probe.invalid/plain.png']);
    expect(pdfInfo(alone).pages).toBe(4);
    expect([pdfInfo(alone).width, pdfInfo(alone).height]).toEqual([pdfInfo(plain).width, pdfInfo(plain).height]);
    expect(pdfText(alone)).toBe(pdfText(plain));
    // Hidden, at a viewport of 1 x 1, until something else is made on the page.
    expect(await page.evaluate(() => [document.body.offsetHeight, innerWidth])).toEqual([0, 1]);
    await shown(page);
    expect(page.viewport()).toMatchObject({ width: 1280, height: 720 });
    expect(await page.evaluate(() => [document.body.offsetHeight > 0, innerWidth, document.getElementById('kamishibai-print-alone')])).toEqual([true, 1280, null]);
    await givePageBack(page, false);
  });

  it('prints again as before when its print has not as many pages as asked', async () => {
    const page = await loaded({ network: [], outside: [] });
    const print = page.pdf.bind(page);
    const asked: boolean[] = [];
    page.pdf = async (options) => {
      asked.push(await page.evaluate(() => document.body.offsetHeight === 0));
      return print(options);
    };
    const pdf = save('again.pdf', await printAlone(page, PRINT, 5));
    // The first print hidden for the screen, the second as the page was.
    expect(asked).toEqual([true, false]);
    expect(pdfInfo(pdf).pages).toBe(4);
    expect(pdfText(pdf)).toContain('The third.');
    expect(page.viewport()).toMatchObject({ width: 1280, height: 720 });
    await givePageBack(page, false);
  });

  it('prints a page of one page as a plain print does, and again when it was not asked how many and printed one', async () => {
    const page = await loaded({ network: [], outside: [] });
    const print = page.pdf.bind(page);
    let calls = 0;
    page.pdf = (options) => {
      calls++;
      return print(options);
    };
    await printAlone(page, PRINT, 1);
    expect(calls).toBe(1);
    expect(await page.evaluate(() => [document.body.offsetHeight > 0, innerWidth])).toEqual([true, 1280]);
    // Not asked how many: four pages are printed once, hidden.
    expect(pdfInfo(save('unasked.pdf', await printAlone(page, PRINT))).pages).toBe(4);
    expect(calls).toBe(2);
    // One page, when not asked, might be an emptied print: printed again.
    await page.setContent('<html class="kamishibai-print"><body><p>Only page</p></body></html>');
    const one = save('one.pdf', await printAlone(page, PRINT));
    expect([pdfInfo(one).pages, pdfText(one).trim()]).toEqual([1, 'Only page']);
    expect(calls).toBe(4);
    await givePageBack(page, false);
  });
});
