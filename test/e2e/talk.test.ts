// The first talk, as its audience gets it: both editions built, checked in Chromium with
// axe-core (WCAG A/AA, contrast included), the overflow check, and the typography rules.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { probePage, startBrowser } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-talk-'));
const TALKS = [
  { slug: 'japan-ai', lang: 'ja' },
  { slug: 'japan-ai-en', lang: 'en' },
];
let browser: Browser;

beforeAll(async () => {
  // --strict: a slide that overflows, a fallback font or a page error fails the build.
  const result = await build({ inputs: TALKS.map((t) => path.join(ROOT, 'slides', t.slug)), outDir: out, check: true, strict: true });
  expect(result.diagnostics).toEqual([]);
  const html = await build({ inputs: TALKS.map((t) => path.join(ROOT, 'slides', t.slug)), outDir: out, pdf: false });
  expect(html.diagnostics).toEqual([]);
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.each(TALKS)('the talk $slug', ({ slug, lang }) => {
  const url = () => `${pathToFileURL(path.join(out, slug, 'index.html')).href}?print-pdf`;

  async function printView() {
    const probe = await probePage(browser);
    await probe.page.setViewport({ width: 1280, height: 720 });
    await probe.page.goto(url(), { waitUntil: 'load' });
    await probe.page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
    await probe.page.evaluate(async () => {
      await document.fonts.ready;
      for (const el of document.querySelectorAll('.reveal .slides section')) {
        el.removeAttribute('hidden');
        el.removeAttribute('aria-hidden');
      }
    });
    return probe;
  }

  it('follows the essay: title, the question, 4 problems, 4 ways forward, the map, the conclusion, closing', () => {
    const page = readFileSync(path.join(out, slug, 'index.html'), 'utf8');
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page.match(/<section /g)?.length).toBe(17);
    expect(page.match(/<aside class="notes">/g)?.length).toBe(17);
    expect(page).toContain('class="bridge"');
    expect(page.match(/class="from"/g)).toHaveLength(4);
    expect(page).toContain('class="part-marker"');
    expect(page).toContain(`${slug}-handout.pdf`);
  });

  it('has no serious or critical axe-core violation', async () => {
    const { page, errors } = await printView();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      // preload: false, or axe fetches the stylesheets itself, which file:// forbids.
      const r = await axe.run(document, { preload: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets body text at 28 px or more, in the shipped font, with phrase-aware Japanese breaks', async () => {
    const { page } = await printView();
    const styles = await page.evaluate(() => {
      const text = [...document.querySelectorAll<HTMLElement>('.reveal .slides section .slide-body > ul > li, .reveal .slides section .slide-body > p, .reveal .slides section .slide-body > ol:not(.part-marker) > li')];
      return {
        smallest: Math.min(...text.map((e) => parseFloat(getComputedStyle(e).fontSize))),
        families: [...new Set(text.map((e) => getComputedStyle(e).fontFamily.split(',')[0]!.replace(/["']/g, '').trim()))],
        wordBreak: getComputedStyle(document.querySelector('.reveal h2')!).wordBreak,
        images: [...document.querySelectorAll('.reveal img')].filter((i) => !i.hasAttribute('alt')).length,
      };
    });
    expect(styles.smallest).toBeGreaterThanOrEqual(28);
    expect(styles.families).toEqual(['Noto Sans JP']);
    expect(styles.images).toBe(0);
    if (lang === 'ja') expect(styles.wordBreak).toBe('auto-phrase');
    await page.close();
  });

  it('ships its font subset to the glyphs it uses: small', () => {
    const dir = path.join(out, slug, 'assets', 'fonts');
    const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(400 * 1024);
  });
});
