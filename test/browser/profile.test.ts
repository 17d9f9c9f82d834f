// profile.ts: the processes of a browser, found by its profile folder, are all of them: the
// browser and its helpers (zygotes, GPU, renderers), whose command lines Chromium rewrites
// with spaces, and which the headless shell's do not name the profile in (its group has them).
// What a build killed outright left is ended by them (removeStaleProfiles).
import { describe, expect, it } from 'vitest';
import { browserProcess } from '../../src/browser/launch.js';
import { startBrowser } from '../../src/browser/session.js';
import { processesUsing } from '../../src/browser/profile.js';
import { processesNaming } from '../helpers/leaks.js';

describe('processesUsing', () => {
  it('finds the browser and every helper of it, and none of another profile', async () => {
    const start = startBrowser({ timeoutMs: 60_000 });
    try {
      const browser = await start.browser;
      await browser.newPage();
      const profile = browserProcess(browser)!.spawnargs.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
      const all = processesNaming(profile).sort((a, b) => a - b);
      // The browser, two zygotes, a GPU and a network process, renderers.
      expect(all.length).toBeGreaterThan(3);
      expect(processesUsing(profile).sort((a, b) => a - b)).toEqual(all);
      expect(processesUsing(`${profile}-other`)).toEqual([]);
    } finally {
      await start.end();
    }
  }, 60_000);
});
