import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { downloadedChrome, findBrowser, installHint, isHeadlessShell, knownPaths } from '../../src/browser/find.js';

const only = (...present: string[]) => (file: string) => present.includes(file);

describe('findBrowser', () => {
  it('takes the flag first, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then known paths', () => {
    const all = only('/flag/chrome', '/env/puppeteer', '/env/chrome', '/usr/bin/chromium');
    const env = { PUPPETEER_EXECUTABLE_PATH: '/env/puppeteer', CHROME_PATH: '/env/chrome' };
    expect(findBrowser({ flag: '/flag/chrome', env, platform: 'linux', exists: all })).toBe('/flag/chrome');
    expect(findBrowser({ env, platform: 'linux', exists: all })).toBe('/env/puppeteer');
    expect(findBrowser({ env: { CHROME_PATH: '/env/chrome' }, platform: 'linux', exists: all })).toBe('/env/chrome');
    expect(findBrowser({ env: {}, platform: 'linux', exists: all })).toBe('/usr/bin/chromium');
  });

  it("takes Debian's headless shell before chromium where both are installed", () => {
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium', '/usr/bin/chromium-headless-shell') })).toBe('/usr/bin/chromium-headless-shell');
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  });

  it('falls back to a browser Puppeteer downloaded, and to nothing', () => {
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/cache/chrome'), puppeteerPath: () => '/cache/chrome' })).toBe('/cache/chrome');
    expect(findBrowser({ env: {}, platform: 'linux', exists: only() })).toBeUndefined();
  });

  it('knows where Chrome lives on macOS and Windows', () => {
    expect(knownPaths('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(knownPaths('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it("knows a headless shell by its name, to start it in Puppeteer's 'shell' mode", () => {
    for (const shell of ['/usr/bin/chromium-headless-shell', '/cache/chrome-headless-shell/linux-131/chrome-headless-shell-linux64/chrome-headless-shell', 'C:\\x\\chrome-headless-shell.exe']) expect(isHeadlessShell(shell)).toBe(true);
    for (const browser of ['/usr/bin/chromium', '/opt/google/chrome/chrome', '/tmp/headless-shell-wrapper/chromium']) expect(isHeadlessShell(browser)).toBe(false);
  });

  it('says how to install one', () => {
    expect(installHint('linux')).toMatch(/npm run setup.*apt-get install chromium.*--browser-path/);
    expect(installHint('darwin')).toMatch(/brew install --cask chromium/);
  });

  it('finds the newest Chrome in the cache of @puppeteer/browsers, without the puppeteer package', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'kamishibai-pptr-cache-'));
    try {
      const exe = (id: string) => path.join(cache, 'chrome', `linux-${id}`, 'chrome-linux64', 'chrome');
      for (const id of ['99.0.1', '131.0.6778.85']) {
        await mkdir(path.dirname(exe(id)), { recursive: true });
        await writeFile(exe(id), '');
      }
      expect((await downloadedChrome({ PUPPETEER_CACHE_DIR: cache }))()).toBe(exe('131.0.6778.85'));
      expect((await downloadedChrome({ PUPPETEER_CACHE_DIR: path.join(cache, 'none') }))()).toBeUndefined();
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
