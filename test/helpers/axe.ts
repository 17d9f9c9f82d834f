// axe-core (WCAG A/AA, colour contrast included) on a built deck, every slide visible.
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

const require = createRequire(import.meta.url);

export interface Violation {
  id: string;
  impact: string;
  nodes: string[];
}

/** Open the deck in reveal's print view (all slides laid out) with nothing hidden from axe. */
export async function openAllSlides(page: Page, url: string): Promise<void> {
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(`${url}?print-pdf`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
  await page.evaluate(async () => {
    await document.fonts.ready;
    for (const el of document.querySelectorAll('.reveal .slides section')) {
      el.removeAttribute('hidden');
      el.removeAttribute('aria-hidden');
    }
  });
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // preload: false, or axe fetches the stylesheets itself, which file:// forbids.
    const r = await axe.run(document, { preload: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
