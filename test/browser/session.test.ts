// session.ts: a run's browser, once it has started, ends for sure when the run ends. Chromium
// is killed, not closed (nothing of its profile is kept): no process of it is left, its profile
// folder is gone, and a tab it was still working in does not stop the end. Only this test's
// browser is looked at, by its own profile folder: a worker may have run other browser tests.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserProcess } from '../../src/browser/launch.js';
import { startBrowser } from '../../src/browser/session.js';
import { processesNaming } from '../helpers/leaks.js';

describe('a run\'s browser ended', () => {
  it('leaves no Chromium process and no profile folder, even with a page still busy', async () => {
    const start = startBrowser({ timeoutMs: 60_000 });
    const browser = await start.browser;
    const proc = browserProcess(browser)!;
    const profile = proc.spawnargs.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    const page = await browser.newPage();
    // A page that never goes idle: a graceful close would have to stop it, a kill does not wait.
    void page.evaluate(() => new Promise(() => setInterval(() => {}, 1))).catch(() => {});
    expect(processesNaming(profile).length).toBeGreaterThan(1);
    await start.end();
    expect(proc.exitCode !== null || proc.signalCode !== null).toBe(true);
    expect(processesNaming(profile)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  }, 60_000);
});
