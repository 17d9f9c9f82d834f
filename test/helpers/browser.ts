// Real Chromium for e2e tests, found the way the product finds it.
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, openPage } from '../../src/browser/launch.js';

export interface PageProbe {
  page: Page;
  errors: string[];
  blocked: string[];
}

/** `allowLoopback`: for tests that drive a server of ours on this machine (dev, present); a build's browser reaches nothing. */
export async function startBrowser(options: { allowLoopback?: boolean } = {}): Promise<Browser> {
  // The live deck opens its speaker view as a window: tests keep it.
  return launchBrowser({ ...options, keepPopups: true });
}

/**
 * A page that records console errors, page errors, failed loads and blocked requests. It
 * reads local files only inside `dir` (default: the temp folder, where tests build).
 */
export async function probePage(browser: Browser, dir = tmpdir()): Promise<PageProbe> {
  const refused = { network: [] as string[], outside: [] as string[] };
  const blocked = refused.network;
  const errors: string[] = [];
  const page = await openPage(browser, dir, refused);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message}`));
  page.on('requestfailed', (r) => {
    if (!blocked.includes(r.url())) errors.push(`failed: ${r.url()}${refused.outside.includes(r.url()) ? ' (outside the folder the page may read)' : ''}`);
  });
  return { page, errors, blocked };
}
