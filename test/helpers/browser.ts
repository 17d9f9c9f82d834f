// Real Chromium for e2e tests, found the way the product finds it.
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, openPage } from '../../src/browser/launch.js';

export interface PageProbe {
  page: Page;
  errors: string[];
  blocked: string[];
}

export async function startBrowser(): Promise<Browser> {
  return launchBrowser();
}

/** A page that records console errors, page errors, failed loads and blocked requests. */
export async function probePage(browser: Browser): Promise<PageProbe> {
  const blocked: string[] = [];
  const errors: string[] = [];
  const page = await openPage(browser, blocked);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message}`));
  page.on('requestfailed', (r) => {
    if (!blocked.includes(r.url())) errors.push(`failed: ${r.url()}`);
  });
  return { page, errors, blocked };
}
