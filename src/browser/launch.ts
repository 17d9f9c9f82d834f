// Start one headless Chromium for a whole build. Offline by construction: background
// networking is off, and pages opened with openPage() abort every request that is not
// local, reporting it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { KamishibaiError } from '../core/errors.js';
import { findBrowser, installHint } from './find.js';
import { isWithin } from '../paths.js';

export interface LaunchOptions {
  browserPath?: string;
  /** How long Chromium may take to start. */
  timeoutMs?: number;
}

/** Profile folders Kamishibai made (Puppeteer removes only those it made itself). */
const profiles = new WeakMap<Browser, string>();

/**
 * A fresh profile folder in memory where Linux has /dev/shm: Chromium writes its profile at
 * start and it is deleted at close, ~0.2 s a build less than on a disk (median of 8, launch
 * to close). Elsewhere, undefined: Puppeteer makes one in the temp folder.
 */
function memoryProfile(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // The process id in the name says which build a folder belongs to (tests look for their own).
    return mkdtempSync(`/dev/shm/kamishibai-chromium-${process.pid}-`);
  } catch {
    return undefined;
  }
}

/**
 * Remove the profile folder of a browser that has ended, if Kamishibai made it: again, after
 * the exit hook, for what a renderer killed with its browser may still have written.
 */
export async function removeProfile(browser: Browser): Promise<void> {
  const dir = profiles.get(browser);
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Find and start Chromium for a build. Long for its launch options, each with the reason it
 * is there (offline, sandbox, profile, signals), which belong together.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  // A browser the user named must be the one used, not silently another.
  if (options.browserPath && !existsSync(options.browserPath)) {
    throw new KamishibaiError(`no browser at --browser-path ${options.browserPath}; give the path of a Chromium or Chrome executable`);
  }
  // Imported here, not at the top: loading Puppeteer costs ~0.15-0.3 s that an HTML-only
  // build should not pay. puppeteer-core, not puppeteer: the full package only adds its own
  // browser download, asked for last, when no installed browser is found.
  let executablePath = findBrowser({ flag: options.browserPath });
  if (!executablePath) {
    const { default: withDownloads } = await import('puppeteer');
    const puppeteerPath = () => {
      try {
        return withDownloads.executablePath();
      } catch {
        return undefined;
      }
    };
    executablePath = findBrowser({ flag: options.browserPath, puppeteerPath });
  }
  if (!executablePath) throw new KamishibaiError(installHint());
  const { default: puppeteer } = await import('puppeteer-core');
  const userDataDir = memoryProfile();
  try {
    const browser = await puppeteer.launch({
      executablePath,
      userDataDir,
      headless: true,
      timeout: options.timeoutMs ?? 30_000,
      // Each DevTools call may take as long as a browser step (a 10,000-slide print is one call);
      // Puppeteer's own 180 s would cut a long export short whatever --timeout says.
      protocolTimeout: Math.max(180_000, (options.timeoutMs ?? 0) + 30_000),
      // Signals are the CLI's (build.ts), which aborts the build and so closes the browser:
      // Puppeteer's own handler would kill Chromium but leave its profile folder behind.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // As root (CI, containers) Chromium will not start with its sandbox.
      // No DNS at all: nothing the page asks for can leave the machine, even a request
      // made before the page's own blocking is set up.
      // No site isolation: the first deck then loads in the renderer Chromium starts with
      // instead of a new one (~0.1 s). It guards sites against each other; here there is only
      // the deck, from local files, with the network refused.
      args: [
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
        '--font-render-hinting=none',
        '--disable-site-isolation-trials',
        '--disable-features=IsolateOrigins,site-per-process',
      ],
    });
    if (userDataDir) {
      profiles.set(browser, userDataDir);
      // However the browser ends (closed, killed, crashed), its profile goes with it; and if
      // Node exits first (a second Ctrl-C), Puppeteer kills Chromium and this hook removes it.
      const remove = () => rmSync(userDataDir, { recursive: true, force: true });
      process.once('exit', remove);
      browser.process()?.once('exit', () => {
        process.off('exit', remove);
        remove();
      });
    }
    return browser;
  } catch (e) {
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    throw new KamishibaiError(`could not start the browser at ${executablePath}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

const firstTabTaken = new WeakSet<Browser>();

/** The tab Chromium starts with, once, then new tabs: opening one costs ~0.17 s. */
async function freshPage(browser: Browser): Promise<Page> {
  if (!firstTabTaken.has(browser)) {
    firstTabTaken.add(browser);
    const [first] = await browser.pages();
    if (first && first.url() === 'about:blank') return first;
  }
  return browser.newPage();
}

export interface Refused {
  /** Requests off the machine. */
  network: string[];
  /** Local files outside the folder the page may read. */
  outside: string[];
}

/**
 * A page that refuses the network and every local file outside `dir`: Chromium itself blocks
 * every http(s)/ws(s) URL (Network.setBlockedURLs, free per request); file: requests pause in
 * the Fetch domain and go on only inside `dir` (a deck asks for a few dozen, ~0.1 ms each).
 * The bodies never pass through Node. Refused URLs are collected.
 */
export async function openPage(browser: Browser, dir: string, refused: Refused): Promise<Page> {
  const page = await freshPage(browser);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setBlockedURLs', { urls: ['http://*', 'https://*', 'ws://*', 'wss://*', 'ftp://*'] });
  const root = path.resolve(dir);
  cdp.on('Fetch.requestPaused', (e) => {
    let file = '';
    try {
      file = fileURLToPath(e.request.url.replace(/[?#].*$/, ''));
    } catch {
      // Not a path (file://host/...): refused below.
    }
    const inside = file !== root && isWithin(root, file);
    if (!inside) refused.outside.push(e.request.url);
    const reply = inside ? cdp.send('Fetch.continueRequest', { requestId: e.requestId }) : cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'AccessDenied' });
    reply.catch(() => {}); // the page may be gone
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'file://*', requestStage: 'Request' }] });
  // Every request off the machine fails, by design: report each one.
  page.on('requestfailed', (request) => {
    if (!/^(file|data|blob|about|chrome|devtools):/.test(request.url())) refused.network.push(request.url());
  });
  return page;
}
