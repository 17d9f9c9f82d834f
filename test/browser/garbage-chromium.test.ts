// garbage.ts in Chromium: the collection asked over the DevTools protocol frees Blink's own
// objects, which V8's heap pressure alone leaves: nodes made and dropped stay counted until it.
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/browser/garbage.js';
import { startBrowser } from '../../src/browser/session.js';

describe('collectGarbage', () => {
  it('frees DOM nodes no longer reachable, which the page had kept', async () => {
    const start = startBrowser({ timeoutMs: 60_000 });
    try {
      const page = await (await start.browser).newPage();
      const nodes = async () => {
        const cdp = await page.createCDPSession();
        const { nodes: count } = await cdp.send('Memory.getDOMCounters');
        await cdp.detach();
        return count;
      };
      const before = await nodes();
      await page.evaluate(() => {
        for (let i = 0; i < 20_000; i++) document.createElement('div').append(document.createElement('span'));
      });
      expect(await nodes()).toBeGreaterThan(before + 30_000);
      await collectGarbage(page);
      expect(await nodes()).toBeLessThan(before + 1_000);
    } finally {
      await start.end();
    }
  }, 60_000);
});
