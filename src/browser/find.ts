// Find a Chromium or Chrome: the --browser-path flag, then PUPPETEER_EXECUTABLE_PATH or
// CHROME_PATH, then the usual install paths on Linux (Debian's headless shell first), macOS
// and Windows, then a browser Puppeteer downloaded itself (never downloaded by this project:
// see .puppeteerrc.cjs).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface BrowserLookup {
  flag?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
  /** Puppeteer's own downloaded browser, if any. */
  puppeteerPath?: () => string | undefined;
}

export function knownPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    return roots.flatMap((r) => [
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  // Debian's headless shell first: the same Blink and print code, without the browser's UI
  // layers. It starts ~1 s sooner here, and the two talks print the same pages (page images
  // compared at 50 dpi, text byte for byte). Its binary, not /usr/bin's script, which runs it
  // as a child rather than in its own place: one process fewer, and the browser's pid its own.
  return ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/snap/bin/chromium'];
}

/**
 * Chrome's headless shell (Debian's chromium-headless-shell, Puppeteer's chrome-headless-shell)
 * is started in Puppeteer's 'shell' mode; it has no `--headless=new`.
 */
export function isHeadlessShell(executable: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path.basename(executable));
}

export function findBrowser(lookup: BrowserLookup = {}): string | undefined {
  const env = lookup.env ?? process.env;
  const exists = lookup.exists ?? existsSync;
  const candidates = [lookup.flag, env.PUPPETEER_EXECUTABLE_PATH, env.CHROME_PATH, ...knownPaths(lookup.platform ?? process.platform, env)];
  for (const c of candidates) if (c && exists(c)) return c;
  const own = lookup.puppeteerPath?.();
  return own && exists(own) ? own : undefined;
}

export function installHint(platform: NodeJS.Platform = process.platform): string {
  const how =
    platform === 'darwin'
      ? 'install Google Chrome, or: brew install --cask chromium'
      : platform === 'win32'
        ? 'install Google Chrome'
        : 'run: npm run setup (as root it installs Debian/Ubuntu chromium), or: sudo apt-get install chromium';
  return `no Chromium or Chrome found for PDF export; ${how}, or pass --browser-path /path/to/chrome (or set PUPPETEER_EXECUTABLE_PATH)`;
}

/**
 * The newest Chrome Puppeteer's tools downloaded (`npx @puppeteer/browsers install chrome`)
 * into its cache, as a lookup for findBrowser. @puppeteer/browsers, not the puppeteer package:
 * that one would also bring its own download step and ~35 MB into every install.
 */
export async function downloadedChrome(env: NodeJS.ProcessEnv = process.env): Promise<() => string | undefined> {
  const { Browser, getInstalledBrowsers } = await import('@puppeteer/browsers');
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(homedir(), '.cache', 'puppeteer');
  const chrome = (await getInstalledBrowsers({ cacheDir }).catch(() => [])).filter((b) => b.browser === Browser.CHROME);
  const newest = chrome.sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }))[0];
  return () => newest?.executablePath;
}
