// Start one headless Chromium for a whole build. Offline by construction: background
// networking is off, and pages opened with openPage() abort every request that is not
// local, reporting it.
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { KamishibaiError } from '../errors.js';
import { findBrowser, installHint } from './find.js';

export interface LaunchOptions {
  browserPath?: string;
  /** How long Chromium may take to start. */
  timeoutMs?: number;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser({
    flag: options.browserPath,
    puppeteerPath: () => {
      try {
        return puppeteer.executablePath();
      } catch {
        return undefined;
      }
    },
  });
  if (!executablePath) throw new KamishibaiError(installHint());
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      timeout: options.timeoutMs ?? 30_000,
      // As root (CI, containers) Chromium will not start with its sandbox.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
    });
  } catch (e) {
    throw new KamishibaiError(`could not start the browser at ${executablePath}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** A page that refuses the network: file:// and data: only. Blocked URLs are collected. */
export async function openPage(browser: Browser, blocked: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (/^(file|data|blob|about):/.test(url)) void request.continue();
    else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return page;
}
