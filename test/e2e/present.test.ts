// `npm run present`: a control page and two audience browsers in real Chromium. The control
// moves every follower; without the token nothing moves; nothing but the talk's own files is
// served. (No test times the move: a loaded machine is slow, not wrong.)
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { startBrowser } from '../helpers/browser.js';
import { SAMPLES_HERE } from '../helpers/samples.js';
import { present } from '../../src/server/present.js';

declare const Reveal: typeof import('reveal.js').default;

const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-present-'));
let child: ChildProcess;
let browser: Browser;
let audience: string;
let control: string;

beforeAll(async () => {
  expect(runCli(['build', 'slides/japan-ai-en', '--out', out, '--no-pdf', '--quiet']).code).toBe(0);
  child = spawn(process.execPath, [CLI, 'present', 'japan-ai-en', '--out', out, '--host', '127.0.0.1', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const printed = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (/token=\S+/.test(text)) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`present exited with ${code}: ${text}`)));
  });
  audience = /audience: (\S+)/.exec(printed)![1]!;
  control = /keep it to yourself\): (\S+)/.exec(printed)![1]!;
  browser = await startBrowser({ allowLoopback: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  rmSync(out, { recursive: true, force: true });
});

async function follower(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(audience, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
  return page;
}

/** Where the server says the deck is ("4 / 17"), as the control page shows it once its stream is open. */
async function where(): Promise<string> {
  const phone = await browser.newPage();
  await phone.goto(control, { waitUntil: 'load' });
  const handle = await phone.waitForFunction(() => /^\d+ \/ \d+$/.exec(document.getElementById('where')?.textContent ?? '')?.[0], { timeout: 0 });
  const text = (await handle.jsonValue()) as string;
  await phone.close();
  return text;
}

/** A raw HTTP request, the path sent as written (no URL normalisation in between). */
function raw(method: string, pathname: string, headers: Record<string, string> = {}, body = ''): Promise<number> {
  const { hostname, port } = new URL(audience);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// It presents a sample talk: skipped in a fork that has deleted them.
describe.skipIf(!SAMPLES_HERE)('present', () => {
  it('moves every follower when the control page moves', async () => {
    const followers = [await follower(), await follower()];
    const phone = await browser.newPage();
    await phone.goto(control, { waitUntil: 'load' });
    await phone.waitForFunction(() => document.getElementById('link')?.textContent === 'live');
    for (const step of [1, 2, 3]) {
      await phone.click('#next');
      // Each follower is waited for by what it shows, as long as the test allows: a loaded
      // machine delays a move, and only a move that never comes is a failure.
      await Promise.all(followers.map((f) => f.waitForFunction((h) => Reveal.getIndices().h === h, { polling: 'mutation', timeout: 0 }, step)));
      await phone.waitForFunction((n) => document.getElementById('where')?.textContent === `${n} / 17`, { timeout: 0 }, step + 1);
    }
    // The phone shows where the talk is, what comes next, and the notes.
    expect(await phone.$eval('#notes', (e) => e.textContent)).toMatch(/Part one|structural/i);
    // Followers cannot move the deck themselves: reveal.js handles a key while it is dispatched,
    // so once press() returns a move would have happened.
    await followers[0]!.keyboard.press('ArrowRight');
    expect(await followers[0]!.evaluate(() => Reveal.getIndices().h)).toBe(3);
    // A follower opened later starts on the current slide.
    const late = await follower();
    await late.waitForFunction(() => Reveal.getIndices().h === 3, { timeout: 0 });
    for (const p of [...followers, phone, late]) await p.close();
  });

  it('moves nothing without the token, and serves no control page without it', async () => {
    const at = await where();
    expect(await raw('POST', '/__present/go', { 'content-type': 'application/json' }, '{"to":"next"}')).toBe(403);
    expect(await raw('POST', '/__present/go', { 'content-type': 'application/json', 'x-present-token': 'guess' }, '{"to":"next"}')).toBe(403);
    expect(await raw('GET', '/__present/control')).toBe(403);
    expect(await raw('GET', '/__present/control?token=guess')).toBe(403);
    // As many letters as the token, more bytes: still a plain refusal, not a fault.
    expect(await raw('GET', `/__present/control?token=${encodeURIComponent('é'.repeat(/token=(\S+)/.exec(control)![1]!.length))}`)).toBe(403);
    // Each refusal was answered: had it moved the deck, the server would say so now.
    expect(await where()).toBe(at);
  });

  it('trust-b 08: followers follow a deck whose slide script holds "</body>"', async () => {
    const deck = path.join(ROOT, 'test', 'fixtures', 'present', 'body-text');
    expect(runCli(['build', deck, '--out', path.join(out, 'body'), '--no-pdf', '--quiet']).code).toBe(0);
    const p = await present({ dir: path.join(out, 'body', 'body-text'), host: '127.0.0.1', port: 0, token: 'e2e' });
    try {
      const page = await browser.newPage();
      await page.goto(`${p.url}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof Reveal !== 'undefined' && Reveal.isReady());
      for (let i = 0; i < 2; i++) await fetch(`${p.url}/__present/go`, { method: 'POST', headers: { 'x-present-token': 'e2e' }, body: '{"to":"next"}' });
      await page.waitForFunction(() => Reveal.getIndices().h === 2, { polling: 'mutation', timeout: 0 });
      expect(await page.evaluate(() => (window as unknown as { endTag: string }).endTag)).toBe('</body>');
      await page.close();
    } finally {
      await p.close();
    }
  });

  it("serves the talk's own files and nothing else", async () => {
    expect(await raw('GET', '/assets/kamishibai.css')).toBe(200);
    for (const escape of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '/assets/../../package.json']) {
      expect(await raw('GET', escape), escape).toBe(404);
    }
    expect(await raw('DELETE', '/index.html')).toBe(405);
  });
});
