// Chromium started ahead of its use and ended for sure (its process group and profile).
import type { Browser } from 'puppeteer';
import { launchBrowser, removeProfile } from './launch.js';

/**
 * Chromium starting while the HTML is built: the ~0.5 s it takes to start overlaps the
 * Markdown work instead of adding to it. Whoever starts one must end() it.
 */
export interface BrowserStart {
  browser: Promise<Browser>;
  end(): Promise<void>;
}

export function startBrowser(options: { browserPath?: string; timeoutMs: number }): BrowserStart {
  const browser = launchBrowser({ browserPath: options.browserPath, timeoutMs: options.timeoutMs });
  browser.catch(() => {}); // reported when the export stage awaits it
  let ended: Promise<void> | undefined;
  return { browser, end: () => (ended ??= browser.then(closeBrowser, () => {})) };
}

/** Close, and make sure: a browser that will not close is killed, so none is left running; its profile folder goes too. */
async function closeBrowser(browser: Browser): Promise<void> {
  const proc = browser.process();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([browser.close().catch(() => {}), new Promise((r) => (timer = setTimeout(r, 5000)))]);
  clearTimeout(timer);
  if (proc?.pid) {
    // Puppeteer starts Chromium as a process group leader: end the group, so that no
    // renderer or helper (a hung one above all, or one still exiting after a clean close,
    // which could write into the profile after it is removed) outlives its browser.
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  }
  await removeProfile(browser);
}
