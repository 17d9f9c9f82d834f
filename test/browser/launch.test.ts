// launch.ts: a tab given back (givePageBack) serves the next page, blank, with only the next
// page's folder readable, at a new tab's size; a tab that failed is closed.
// And in a build, the second talk, on the first talk's tab, reports only its own page errors.
// And the headless shell, where installed, is the browser started, in its own mode, with its
// network service inside the browser process.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, isHeadlessShell } from '../../src/browser/find.js';
import { browserProcess, givePageBack, launchBrowser, openPage, type Refused } from '../../src/browser/launch.js';
import { build } from '../../src/index.js';
import { groupOf } from '../../src/browser/profile.js';

const root = mkdtempSync(path.join(tmpdir(), 'kamishibai-launch-'));
const folder = (name: string, text: string) => {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'page.html'), `<p id="p">${text}</p>`);
  writeFileSync(path.join(dir, 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
  return dir;
};
const refusedNone = (): Refused => ({ network: [], outside: [] });
let browser: Browser;

beforeAll(async () => {
  browser = (await launchBrowser({})) as unknown as Browser;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Whether the page can draw the picture `file`. */
const draws = (page: Page, file: string) =>
  page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = url;
      }),
    pathToFileURL(file).href,
  );

describe('a tab given back', () => {
  it('is the next page, blank, reading only its own folder, with the last page\'s guard gone', async () => {
    const a = folder('a', 'A');
    const b = folder('b', 'B');
    const first = await openPage(browser, a, refusedNone());
    await first.goto(pathToFileURL(path.join(a, 'page.html')).href);
    expect(await first.$eval('#p', (p) => p.textContent)).toBe('A');
    await first.setViewport({ width: 1280, height: 720 });
    await givePageBack(first, true);

    const refused = refusedNone();
    const second = await openPage(browser, b, refused);
    expect(second).toBe(first);
    expect(second.url()).toBe('about:blank');
    // At a new tab's size: a Mermaid diagram drawn in it measures as in a new tab.
    expect(await second.evaluate(() => [innerWidth, innerHeight])).toEqual([800, 600]);
    await second.goto(pathToFileURL(path.join(b, 'page.html')).href);
    expect(await second.$eval('#p', (p) => p.textContent)).toBe('B');
    expect(await draws(second, path.join(b, 'dot.svg'))).toBe(true);
    // The first page's folder is outside the second's: refused, and reported to the second.
    expect(await draws(second, path.join(a, 'dot.svg'))).toBe(false);
    expect(refused.outside).toEqual([pathToFileURL(path.join(a, 'dot.svg')).href]);
    await givePageBack(second, true);
  });

  it('after a failure is closed, and the next page has a new tab', async () => {
    const a = folder('c', 'C');
    const page = await openPage(browser, a, refusedNone());
    await givePageBack(page, false);
    expect(page.isClosed()).toBe(true);
    const next = await openPage(browser, a, refusedNone());
    expect(next).not.toBe(page);
    await givePageBack(next, false);
  });
});

describe('two talks in one build, the second on the first one\'s tab', () => {
  it('each reports only the errors its own page logged', async () => {
    const slides = path.join(root, 'project', 'slides');
    for (const [name, body] of [['a-logs', '# Logs\n\n<script>console.error("from talk a")</script>\n'], ['b-quiet', '# Quiet\n']]) {
      mkdirSync(path.join(slides, name!), { recursive: true });
      writeFileSync(path.join(slides, name!, 'slides.md'), body!);
    }
    const r = await build({ root: path.join(root, 'project'), outDir: path.join(root, 'out'), handout: false });
    const logged = r.diagnostics.filter((d) => d.message.includes('from talk a'));
    expect(logged.map((d) => path.basename(path.dirname(d.file)))).toEqual(['a-logs']);
  }, 120_000);
});

describe('the browser a build starts', () => {
  // Debian's headless shell has no --headless=new: it starts in Puppeteer's 'shell' mode.
  const shell = findBrowser();
  it.runIf(shell && isHeadlessShell(shell))('is the headless shell where it is installed, started as one', async () => {
    const args = (browserProcess(browser)?.spawnargs ?? []).filter((a) => a.startsWith('--headless'));
    expect(browserProcess(browser)?.spawnfile).toBe(shell);
    expect(args).toEqual(['--headless']);
  });

  it('runs its network service in the browser process: one process fewer to start', async () => {
    // The processes of the Chromium this file started: its process group, from /proc.
    const group = browserProcess(browser)!.pid!;
    const page = await browser.newPage();
    const helpers = readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .flatMap((pid) => {
        try {
          return groupOf(pid) === group ? [readFileSync(`/proc/${pid}/cmdline`, 'utf8')] : [];
        } catch {
          return []; // gone meanwhile
        }
      });
    await page.close();
    expect(helpers.some((c) => c.includes('--type=renderer'))).toBe(true);
    expect(helpers.filter((c) => c.includes('network.mojom.NetworkService'))).toEqual([]);
  });
});
