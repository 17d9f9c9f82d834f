// launch.ts in real Chromium: the tab opened ahead for the next talk is handed to it, and it
// refuses what any other page refuses (files outside its own talk's folder).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Refused } from '../../src/browser/launch.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-launch-'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A talk's folder with one page in it. */
function talk(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), `<p>${name}</p>`);
  return dir;
}

const refusals = (): Refused => ({ network: [], outside: [] });

describe('openPage', () => {
  it('opens the next talk\'s tab ahead when asked, and the next call takes it, guarded for its own folder', async () => {
    const [one, two] = [talk('one'), talk('two')];
    const first = await openPage(browser, one, refusals(), true);
    // The tab for the next talk is there before it is asked for.
    for (let i = 0; i < 100 && (await browser.pages()).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const ahead = (await browser.pages()).filter((p) => p !== first);
    expect(ahead).toHaveLength(1);
    const refused = refusals();
    const second = await openPage(browser, two, refused);
    expect(second).toBe(ahead[0]);
    // Asked without `another`, it opens nothing more.
    expect(await browser.pages()).toHaveLength(2);
    await second.goto(pathToFileURL(path.join(two, 'index.html')).href);
    expect(await second.evaluate(() => document.body.textContent)).toBe('two');
    await second.goto(pathToFileURL(path.join(one, 'index.html')).href).catch(() => {});
    expect(refused.outside).toEqual([pathToFileURL(path.join(one, 'index.html')).href]);
    await Promise.all([first.close(), second.close()]);
  }, 60_000);
});
