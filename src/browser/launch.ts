// Start one headless Chromium for a whole build. Offline by construction: every request
// Chromium makes, for any page, frame, worker or popup, to any address (loopback included)
// goes to a proxy that refuses it and reports it (proxy.ts); WebRTC sends nothing but through
// that proxy; file: requests outside the talk are refused by openPage().
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { KamishibaiError } from '../core/errors.js';
import { downloadedChrome, findBrowser, installHint, isHeadlessShell } from './find.js';
import { isWithin } from '../io/paths.js';
import type { RefusingProxy } from './proxy.js';
import { makeProfile, removeProfileAndItsProcesses, removeStaleProfiles } from './profile.js';
import { chromiumArgs, killGroup, spawnChromium, type Spawned } from './spawn.js';

export interface LaunchOptions {
  browserPath?: string;
  /** How long Chromium may take to start. */
  timeoutMs?: number;
  /** Let pages reach servers on this machine (tests of `dev` and `present` only; never a build). */
  allowLoopback?: boolean;
  /** Leave windows a page opens (tests of the live deck's speaker view; never a build). */
  keepPopups?: boolean;
}

/** Each browser's profile folder, refusing proxy and process. */
const owned = new WeakMap<Browser, { profile: string; proxy?: RefusingProxy; process: ChildProcess }>();

/**
 * Remove the profile folder of a browser that has ended, with any process still using it,
 * and stop its proxy: again, after the exit hook, for what a renderer may still have written.
 */
export async function removeProfile(browser: Browser): Promise<void> {
  const own = owned.get(browser);
  own?.proxy?.close();
  if (own) await removeProfileAndItsProcesses(own.profile);
}

/** Find Chromium: the path the user named must be the one used; else the usual places, else Puppeteer's own. */
async function executable(browserPath: string | undefined): Promise<string> {
  if (browserPath && !existsSync(browserPath)) {
    throw new KamishibaiError(`no browser at --browser-path ${browserPath}; give the path of a Chromium or Chrome executable`);
  }
  // A browser Puppeteer's tools downloaded is asked for last: its cache (and the library that
  // reads it) is read only when no installed browser is found.
  let found = findBrowser({ flag: browserPath });
  if (!found) found = findBrowser({ flag: browserPath, puppeteerPath: await downloadedChrome() });
  if (!found) throw new KamishibaiError(installHint());
  return found;
}

/**
 * The switches that keep Chromium offline. Every request goes to the refusing proxy, and
 * `<-loopback>` takes away Chromium's own exception for this machine (127.x, [::1],
 * localhost), so IP literals, LAN addresses and 169.254.169.254 go there too. WebRTC may use
 * UDP only through a proxy (there is none for UDP: no UDP at all), and TURN over TCP goes to
 * the proxy like the rest: said twice, as Chrome's preference and as the engine's own switch,
 * because the headless shell has no preferences (with the first alone, its STUN reached a
 * local UDP port). No DNS either, for anything that would not ask the proxy.
 */
function offlineArgs(proxy: RefusingProxy | undefined): string[] {
  if (!proxy) return ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];
  return [
    `--proxy-server=${proxy.address}`,
    '--proxy-bypass-list=<-loopback>',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ];
}

/** Chromium's command line for a build: Puppeteer's, offline, in `userDataDir`. */
function launchArgs(executablePath: string, userDataDir: string, proxy: RefusingProxy | undefined): string[] {
  return chromiumArgs({
    headless: isHeadlessShell(executablePath) ? 'shell' : true,
    userDataDir,
    // As root (CI, containers) Chromium will not start with its sandbox.
    // No site isolation: the first deck then loads in the renderer Chromium starts with
    // instead of a new one (~0.1 s), and its iframes stay in the page's own target. It guards
    // sites against each other; here there is only the deck, from local files.
    args: [
      ...offlineArgs(proxy),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--font-render-hinting=none',
      '--disable-site-isolation-trials',
      '--disable-features=IsolateOrigins,site-per-process',
      // The network service in the browser's own process: one process fewer to start before
      // the first tab is ready (~60 ms). Every request still meets the same blocks and proxy.
      '--enable-features=NetworkServiceInProcess2',
    ],
  });
}

/** Find and start Chromium for a build: offline, in a profile of its own, ended with the build. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = await executable(options.browserPath);
  // What builds killed outright left (SIGKILL, OOM killer): their profiles, and any Chromium of theirs.
  await removeStaleProfiles();
  const userDataDir = makeProfile();
  let spawned: Spawned | undefined;
  // However this process ends (a second Ctrl-C, an uncaught error), Chromium and its helpers
  // end at once, not when they notice the pipe closed (as Puppeteer's launch() does), and then
  // its profile goes: in that order, or a helper still running could write it again.
  const remove = () => {
    if (spawned) killGroup(spawned.process);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  let proxy: RefusingProxy | undefined;
  try {
    // Loaded here (node:http, ~6 ms): a build without a browser never needs it.
    proxy = options.allowLoopback ? undefined : await (await import('./proxy.js')).startRefusingProxy();
    // Started before Puppeteer is loaded (spawn.ts), with the switches its launch() would
    // give, and connected to over the same pipe: DevTools over a pipe, not a WebSocket, so
    // that when this process dies, even by SIGKILL, the pipe closes and Chromium exits with
    // it instead of running on. Signals are the CLI's (src/cli/main.ts), which aborts the
    // build and so closes the browser.
    spawned = spawnChromium(executablePath, launchArgs(executablePath, userDataDir, proxy));
    // Over a pipe, Puppeteer has no launch timeout of its own: this one applies.
    const browser = await withinTime(connect(spawned, options.timeoutMs), options.timeoutMs ?? 30_000);
    owned.set(browser, { profile: userDataDir, proxy, process: spawned.process });
    if (!options.keepPopups) closePopups(browser);
    spawned.process.once('exit', () => {
      process.off('exit', remove);
      void removeProfile(browser).catch(() => {});
    });
    return browser;
  } catch (e) {
    proxy?.close();
    // A Chromium still starting (a launch timeout) would write its profile again: end it first.
    await removeProfileAndItsProcesses(userDataDir).catch(() => {});
    process.off('exit', remove);
    throw new KamishibaiError(`could not start the browser at ${executablePath}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** Puppeteer, loaded while Chromium starts, connected to it once Chromium has its first tab (as launch() waits for it). */
async function connect(spawned: Spawned, timeoutMs = 0): Promise<Browser> {
  const { connectToCdp, PipeTransport } = await import('./cdp.js');
  // Gone before the transport listens (a wrong --browser-path): its pipe's close went unheard.
  if (spawned.hasExited()) await spawned.exited;
  try {
    const browser = await Promise.race([
      connectToCdp(new PipeTransport(spawned.pipe.write, spawned.pipe.read), {
        // Each DevTools call may take as long as a browser step (a 10,000-slide print is one call);
        // Puppeteer's own 180 s would cut a long export short whatever --timeout says.
        protocolTimeout: Math.max(180_000, timeoutMs + 30_000),
      }),
      spawned.exited,
    ]);
    await Promise.race([browser.waitForTarget((t) => t.type() === 'page', { timeout: 0 }), spawned.exited]);
    return browser;
  } catch (e) {
    // A pipe closed by Chromium's end says "Target closed"; its exit, just after, says why.
    await Promise.race([spawned.exited, new Promise((r) => setTimeout(r, 200))]);
    throw e;
  }
}

/** The Chromium process of a browser launchBrowser started. */
export function browserProcess(browser: Browser): ChildProcess | undefined {
  return owned.get(browser)?.process;
}

/** The browser, or an error once `ms` have passed; a browser that starts later is closed. */
async function withinTime(launching: Promise<Browser>, ms: number): Promise<Browser> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not start within ${ms / 1000} s (raise --timeout on a slow machine)`)), ms);
  });
  try {
    return await Promise.race([launching, late]);
  } catch (e) {
    void launching.then((b) => b.close()).catch(() => {});
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** A window a slide's script opens (window.open, target=_blank) is closed at once: nothing of it is printed, and it reaches nothing (see offlineArgs). */
function closePopups(browser: Browser): void {
  browser.on('targetcreated', (target) => {
    if (target.type() !== 'page' || !target.opener()) return;
    void target
      .page()
      .then((p) => p?.close())
      .catch(() => {});
  });
}

/** A blank tab waiting for the next openPage: Chromium's first, then each page given back. */
const idleTabs = new WeakMap<Browser, Page>();
const firstTabTaken = new WeakSet<Browser>();
/** What openPage set up on a page (its session, the proxy's listener), undone when the page is given back. */
const setUp = new WeakMap<Page, () => Promise<void>>();

/** A blank tab: one given back, else the one Chromium starts with (once), else a new one. */
async function freshPage(browser: Browser): Promise<Page> {
  const idle = idleTabs.get(browser);
  idleTabs.delete(browser);
  if (idle && !idle.isClosed()) return idle;
  if (!firstTabTaken.has(browser)) {
    firstTabTaken.add(browser);
    const [first] = await browser.pages();
    if (first && first.url() === 'about:blank') return first;
  }
  return browser.newPage();
}

/**
 * Done with a page from openPage. A page that did its work (`reuse`) is made blank, its
 * session ended, and its tab kept for the next openPage: a new tab takes 0.3-0.5 s here,
 * 12 s of a 30-talk build. A page that failed or hung is closed, as is a second idle one.
 */
export async function givePageBack(page: Page, reuse: boolean): Promise<void> {
  const browser = page.browser();
  let blank = false;
  if (reuse && !idleTabs.has(browser)) {
    // The talk's scripts and timers end here, before its session (and the file: guard) goes.
    // And at a new tab's size (Puppeteer's 800 x 600): Mermaid, in dev, must draw as in a build.
    blank = await page
      .goto('about:blank', { timeout: 5000 })
      .then(() => page.setViewport({ width: 800, height: 600 }))
      .then(
        () => true,
        () => false,
      );
  }
  await setUp.get(page)?.().catch(() => {});
  setUp.delete(page);
  if (blank && !idleTabs.has(browser)) idleTabs.set(browser, page);
  else await page.close().catch(() => {});
}

export interface Refused {
  /** Requests the browser's proxy refused: a URL, or host:port for a tunnel (https, WebSocket, WebRTC over TCP). */
  network: string[];
  /** Local files outside the folder the page may read. */
  outside: string[];
}

/**
 * A page that refuses the network and every local file outside `dir`. The page itself blocks
 * every http(s)/ws(s) URL (Network.setBlockedURLs, free per request), which names each one
 * whole; what gets past it (workers, popups, WebRTC) meets the browser's refusing proxy, which
 * reports while the page is open. file: requests pause in the Fetch domain and go on only
 * inside `dir` (a deck asks for a few dozen, ~0.1 ms each). The bodies never pass through Node.
 */
export async function openPage(browser: Browser, dir: string, refused: Refused): Promise<Page> {
  const page = await freshPage(browser);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setBlockedURLs', { urls: ['http://*', 'https://*', 'ws://*', 'wss://*', 'ftp://*'] });
  // Only what this block stopped is reported as blocked (a request failing otherwise, such as
  // Chromium's own PDF viewer in an <object>, is no network request).
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => urls.delete(e.requestId));
  cdp.on('Network.loadingFailed', (e) => {
    const url = urls.get(e.requestId);
    urls.delete(e.requestId);
    if (url && e.blockedReason === 'inspector') refused.network.push(url);
  });
  const unlisten = owned.get(browser)?.proxy?.listen((what) => refused.network.push(what));
  if (unlisten) page.on('close', unlisten);
  setUp.set(page, async () => {
    unlisten?.();
    if (unlisten) page.off('close', unlisten);
    await cdp.detach();
  });
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
  return page;
}
