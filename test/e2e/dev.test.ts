// npm run dev, end to end: a real server, a real deck file edited on disk, real Chromium.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type DevServer } from '../../src/index.js';
import { talkSource } from '../../src/talks.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { startBrowser } from '../helpers/browser.js';

declare const Reveal: typeof import('reveal.js').default;

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-dev-test-'));
const deckDir = path.join(work, 'live');
const deckFile = path.join(deckDir, 'slides.md');
let server: DevServer;
let browser: Browser;
let page: Page;

/** GET with the path exactly as given (no normalisation of ../ by a client library). */
function get(rawPath: string): Promise<{ status: number; type: string; body: Buffer }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  cpSync(path.join(FIXTURES, 'e2e', 'deck'), deckDir, { recursive: true });
  server = await serve({ talk: talkSource(deckFile), port: 0 });
  browser = await startBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const heading = () => page.evaluate(() => (Reveal.getCurrentSlide() as HTMLElement).querySelector('h2')?.textContent ?? '');

describe('npm run dev', () => {
  it('serves the deck on loopback', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await get('/');
    expect(r.status).toBe(302);
  });

  it('an edit shows on the same slide without a manual reload', async () => {
    await page.goto(`${server.url}/live/#/1`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
    expect(await heading()).toBe('Steps');
    writeFileSync(deckFile, readFileSync(deckFile, 'utf8').replace('## Steps', '## Steps, edited live'));
    await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady() && document.querySelector('.present h2')?.textContent === 'Steps, edited live', { timeout: 15_000 });
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(1);
  });

  it('a broken deck shows an overlay with path:line, and the next good save recovers', async () => {
    const good = readFileSync(deckFile, 'utf8');
    writeFileSync(deckFile, good.replace('## Steps, edited live', '<!-- layout: nope -->\n## Steps, edited live'));
    await page.waitForFunction(() => document.getElementById('kamishibai-errors')?.textContent?.includes('unknown layout "nope"'), { timeout: 15_000 });
    const text = await page.evaluate(() => document.getElementById('kamishibai-errors')!.textContent!);
    expect(text).toMatch(/slides\.md:\d+:1: error: unknown layout "nope"/);
    writeFileSync(deckFile, good.replace('## Steps, edited live', '## Steps, fixed'));
    await page.waitForFunction(() => !document.getElementById('kamishibai-errors') && document.querySelector('.present h2')?.textContent === 'Steps, fixed', { timeout: 15_000 });
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(1);
  });

  it('serves nothing outside the output folder', async () => {
    symlinkSync('/etc', path.join(deckDir, 'escape'));
    writeFileSync(deckFile, `${readFileSync(deckFile, 'utf8')}\n`);
    for (const p of ['/live/../../../../etc/passwd', '/live/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/live/..%5c..%5cetc%5cpasswd', '/live/%00', '/live/nothing.png']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body.toString()).not.toContain('root:');
    }
  });

  it('serves assets with their content types', async () => {
    expect((await get('/live/')).type).toBe('text/html; charset=utf-8');
    expect((await get('/live/assets/kamishibai.css')).type).toBe('text/css; charset=utf-8');
    expect((await get('/live/assets/kamishibai.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get('/live/images/red.png')).type).toBe('image/png');
  });

  it('builds the PDFs on request', async () => {
    const r = await get('/live/live.pdf');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    const h = await get('/live/live-handout.pdf');
    expect(h.status).toBe(200);
  });

  it('stops cleanly: no temp folder and no Chromium profile left', async () => {
    const served = await get('/live/');
    expect(served.status).toBe(200);
    const dirs = () => new Set(readdirSync(tmpdir()).filter((d: string) => d.startsWith('kamishibai-dev-') && !d.startsWith('kamishibai-dev-test')));
    // The PDFs asked for above started the server's Chromium, with its profile in memory.
    const profiles = () => new Set(readdirSync('/dev/shm').filter((d: string) => d.startsWith('kamishibai-chromium-')));
    const before = dirs();
    const profilesBefore = profiles();
    expect(before.size).toBeGreaterThan(0);
    expect(profilesBefore.size).toBeGreaterThan(1);
    await server.close();
    const after = dirs();
    expect([...before].filter((d) => after.has(d))).toEqual([]);
    // The server's profile is gone; the one left is this test's own browser's.
    const profilesAfter = profiles();
    expect([...profilesAfter].filter((d) => !profilesBefore.has(d))).toEqual([]);
    expect(profilesAfter.size).toBe(profilesBefore.size - 1);
    expect(existsSync(deckFile)).toBe(true);
  });
});
