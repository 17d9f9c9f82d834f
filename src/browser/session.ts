// Chromium started ahead of its use and ended for sure (its process group and profile), and
// a run's one browser: started when first asked for (a diagram to draw, the export stage),
// shared by all who ask, ended once with the run.
import type { Browser } from 'puppeteer-core';
import { KamishibaiError } from '../core/errors.js';
import { browserProcess, launchBrowser, removeProfile } from './launch.js';
import { killGroup } from './spawn.js';

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

/** One browser for a run: started by the first get(), never after close(). */
export function runBrowser(options: { browserPath?: string; timeoutMs: (slides: number) => number }): { get(slides?: number): BrowserStart; close(): Promise<void> } {
  let started: BrowserStart | undefined;
  let closed = false;
  return {
    get(slides = 0) {
      // A step that asks after the run ended (Ctrl-C) must not leave a browser no one ends.
      if (closed && !started) throw new KamishibaiError('the build was stopped');
      return (started ??= startBrowser({ browserPath: options.browserPath, timeoutMs: options.timeoutMs(slides) }));
    },
    async close() {
      closed = true;
      await started?.end();
    },
  };
}

/**
 * End the browser for sure, and its profile folder. Chromium we started is killed at once,
 * its whole process group: a graceful close would save a profile that is thrown away (~0.3 s
 * of every build), and no renderer or helper (a hung one above all) outlives its browser.
 * At a build's end all it asked of Chromium has come back; a build stopped (Ctrl-C) sees its
 * pending calls fail, as a close made them fail.
 */
async function closeBrowser(browser: Browser): Promise<void> {
  const proc = browserProcess(browser);
  let timer: NodeJS.Timeout | undefined;
  const atMost = (ms: number) => new Promise((r) => (timer = setTimeout(r, ms)));
  if (proc?.pid) {
    const exited = proc.exitCode === null && proc.signalCode === null ? new Promise((r) => proc.once('exit', r)) : undefined;
    killGroup(proc);
    await Promise.race([exited, atMost(5000)]);
  } else {
    await Promise.race([browser.close().catch(() => {}), atMost(5000)]);
  }
  clearTimeout(timer);
  await removeProfile(browser);
}
