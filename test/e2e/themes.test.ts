// Both built-in themes meet the contrast rule on every layout: the starter deck, which has
// them all, checked by axe-core in each theme.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, newTalk } from '../../src/index.js';
import { probePage, startBrowser } from '../helpers/browser.js';
import { openAllSlides, seriousViolations } from '../helpers/axe.js';
import { ROOT } from '../helpers/cli.js';

const project = mkdtempSync(path.join(tmpdir(), 'kamishibai-themes-'));
let browser: Browser;

beforeAll(async () => {
  cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
  await newTalk({ root: project, starter: path.join(project, 'templates', 'starter'), slug: 'starter', today: '2026-01-01' });
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(project, { recursive: true, force: true });
});

describe.each(['kamishibai', 'kamishibai-dark'])('theme %s', (theme) => {
  it('has no serious or critical axe-core violation on any layout', async () => {
    const out = path.join(project, `dist-${theme}`);
    const r = await build({ root: project, outDir: out, pdf: false, deck: { theme } });
    expect(r.diagnostics).toEqual([]);
    const { page, errors } = await probePage(browser);
    await openAllSlides(page, pathToFileURL(path.join(out, 'starter', 'index.html')).href);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
