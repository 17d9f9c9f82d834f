// npm run dev, end to end: a real server, a real deck file edited on disk, real Chromium.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type DevServer, type ServeEvent } from '../../src/index.js';
import { talkSource } from '../../src/run/talks.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { startBrowser } from '../helpers/browser.js';
import { browserProcess } from '../../src/browser/launch.js';
import { profilesOf } from '../helpers/leaks.js';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { spawn } from 'node:child_process';

declare const Reveal: typeof import('reveal.js').default;

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-dev-test-'));
const deckDir = path.join(work, 'live');
const deckFile = path.join(deckDir, 'slides.md');
let server: DevServer;
let browser: Browser;
let page: Page;
const events: ServeEvent[] = [];

/** GET with the path exactly as given (no normalisation of ../ by a client library). */
function get(rawPath: string, headers: Record<string, string> = {}, on = server): Promise<{ status: number; type: string; body: Buffer; location?: string }> {
  const url = new URL(on.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks), location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  cpSync(path.join(FIXTURES, 'e2e', 'deck'), deckDir, { recursive: true });
  server = await serve({ talk: talkSource(deckFile), port: 0, tempParent: work, onEvent: (e) => events.push(e) });
  browser = await startBrowser({ allowLoopback: true });
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

  it('answers only to names of this machine (no DNS rebinding), and /talk goes to /talk/', async () => {
    const port = new URL(server.url).port;
    expect((await get('/live/', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await get('/live/', { host: `localhost:${port}` })).status).toBe(200);
    expect((await get('/live/', { host: `127.0.0.1:${port}` })).status).toBe(200);
    const r = await get('/live');
    expect(r.status).toBe(302);
    expect(r.location).toBe('/live/');
  });

  it('survives subfolders made and removed fast in the talk, and still rebuilds after', async () => {
    for (let i = 0; i < 20; i++) {
      mkdirSync(path.join(deckDir, 'q', 'inner'), { recursive: true });
      writeFileSync(path.join(deckDir, 'q', 'inner', 'f'), 'x');
      rmSync(path.join(deckDir, 'q'), { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 30));
    }
    writeFileSync(deckFile, readFileSync(deckFile, 'utf8').replace('## Steps, fixed', '## Steps, after the churn'));
    await page.waitForFunction(() => document.querySelector('.present h2')?.textContent === 'Steps, after the churn', { timeout: 15_000 });
  });

  it('a save in two writes (truncate, then write) is one build, with no "deck is empty" flash', async () => {
    const text = readFileSync(deckFile, 'utf8');
    const from = events.length;
    writeFileSync(deckFile, '');
    await new Promise((r) => setTimeout(r, 5));
    writeFileSync(deckFile, text.replace('after the churn', 'saved in two writes'));
    await page.waitForFunction(() => document.querySelector('.present h2')?.textContent === 'Steps, saved in two writes', { timeout: 15_000 });
    expect(events.slice(from).filter((e) => e.type === 'failed')).toEqual([]);
  });

  it('an opened page stays put: no reload without an edit, and a save of the same bytes reloads nothing', async () => {
    // The last test's reload may still be loading the page's assets (its check passed once the
    // heading showed): let it finish before counting, or a busy machine counts it here.
    await page.reload({ waitUntil: 'load' });
    let loads = 0;
    const count = () => loads++;
    page.on('load', count);
    await page.reload({ waitUntil: 'load' });
    writeFileSync(deckFile, readFileSync(deckFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 2000));
    page.off('load', count);
    expect(loads).toBe(1);
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
    const dirs = () => readdirSync(work).filter((d: string) => d.startsWith('kamishibai-dev-'));
    // The PDFs asked for above started the server's Chromium, with its profile in memory;
    // this test's own browser has one too (named after the same process).
    const own = String(browserProcess(browser as never)?.spawnargs.find((a) => a.startsWith('--user-data-dir='))).split('/').at(-1);
    const serverProfiles = () => profilesOf(process.pid).filter((d) => d !== own);
    expect(dirs()).toHaveLength(1);
    expect(serverProfiles()).toHaveLength(1);
    await server.close();
    expect(dirs()).toEqual([]);
    expect(serverProfiles()).toEqual([]);
    expect(existsSync(deckFile)).toBe(true);
  });
});

describe('npm run dev: a deck that does not build at first', () => {
  it('shows the errors over an empty page, and the deck once it is fixed', async () => {
    const dir = path.join(work, 'broken');
    mkdirSync(dir);
    const file = path.join(dir, 'slides.md');
    writeFileSync(file, '---\ntitel: x\n---\n\n## Broken\n');
    const broken = await serve({ talk: talkSource(file), port: 0, tempParent: work });
    try {
      const r = await get('/broken/', {}, broken);
      expect(r.status).toBe(200);
      expect(r.body.toString()).toContain('/__kamishibai/live.js');
      await page.goto(`${broken.url}/broken/`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('kamishibai-errors')?.textContent?.includes('unknown front-matter key "titel"'), { timeout: 15_000 });
      writeFileSync(file, '---\ntitle: x\n---\n\n## Fixed\n');
      await page.waitForFunction(() => document.querySelector('.present h2')?.textContent === 'Fixed', { timeout: 15_000 });
    } finally {
      await broken.close();
    }
  });
});

describe('npm run dev: files the deck names', () => {
  it('issue 20 item 21: a link out of the folder replaced by a real file (same size and time) is read again, and the error goes', async () => {
    const dir = path.join(work, 'linked');
    mkdirSync(path.join(dir, 'images'), { recursive: true });
    const outside = path.join(work, 'outside.png');
    cpSync(path.join(FIXTURES, 'cli', 'good', 'images', 'red.png'), outside);
    symlinkSync(outside, path.join(dir, 'images', 'pic.png'));
    const file = path.join(dir, 'slides.md');
    writeFileSync(file, '# Pic\n\n![pic](images/pic.png)\n');
    const seen: ServeEvent[] = [];
    const linked = await serve({ talk: talkSource(file), port: 0, tempParent: work, onEvent: (e) => seen.push(e) });
    try {
      expect(seen.find((e) => e.type === 'failed')).toMatchObject({ type: 'failed', diagnostics: [expect.objectContaining({ line: 3, message: expect.stringMatching(/is a link to .*outside the talk's folder/) })] });
      // Later (as a person does it; the watchers start after the first build): a copy with the
      // link target's size and time, moved over the link in one rename.
      await new Promise((r) => setTimeout(r, 1000));
      const copy = path.join(dir, 'images', 'copy.tmp');
      cpSync(outside, copy, { preserveTimestamps: true });
      renameSync(copy, path.join(dir, 'images', 'pic.png'));
      const until = Date.now() + 15_000;
      const built = () => seen.some((e) => e.type === 'built');
      while (!built() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(seen.filter((e) => e.type === 'built' || e.type === 'failed').at(-1)).toMatchObject({ type: 'built' });
    } finally {
      await linked.close();
    }
  });
});

describe('npm run dev: an internal error in the first build', () => {
  it('is shown on the page, and the server carries on and recovers', async () => {
    const project = path.join(work, 'internal');
    cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
    cpSync(path.join(FIXTURES, 'e2e', 'deck'), path.join(project, 'slides', 'deck'), { recursive: true });
    const fonts = path.join(project, 'templates', 'fonts.json');
    const good = readFileSync(fonts, 'utf8');
    writeFileSync(fonts, '[{ not json');
    const events: ServeEvent[] = [];
    const s = await serve({ root: project, talk: talkSource(path.join(project, 'slides', 'deck', 'slides.md')), port: 0, tempParent: work, onEvent: (e) => events.push(e) });
    try {
      expect(events.find((e) => e.type === 'failed')).toMatchObject({ diagnostics: [{ message: expect.stringMatching(/^internal error: .*JSON/) }] });
      expect((await get('/deck/', {}, s)).status).toBe(200);
      writeFileSync(fonts, good);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && !events.some((e) => e.type === 'built')) await new Promise((r) => setTimeout(r, 50));
      expect(events.some((e) => e.type === 'built')).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('npm run dev: the terminal', () => {
  it('--host 0.0.0.0 prints where the network reaches it and warns; a save with no change says so', async () => {
    const dir = path.join(work, 'lan');
    cpSync(path.join(FIXTURES, 'e2e', 'deck'), dir, { recursive: true });
    const own = mkdtempSync(path.join(work, 'tmp-'));
    const child = spawn(process.execPath, [CLI, 'dev', dir, '--host', '0.0.0.0', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: own } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (re: RegExp) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !re.test(stderr)) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(re);
    };
    try {
      await until(/serving .* \(Ctrl-C to stop\)/);
      // The first build is no rebuild, and reloads no page (issue 21: a new user read "reloading" before anything was served).
      expect(stderr).toMatch(/^built in \d+ ms\nserving /);
      expect(stderr).not.toMatch(/rebuilt|reloading/);
      // The warning is its own write, after the address: waited for, not read at once (a CI run read between the two).
      await until(/warning: anyone on your network can open this deck/);
      expect(stderr).not.toMatch(/http:\/\/0\.0\.0\.0/);
      const file = path.join(dir, 'slides.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
      await until(/rebuilt in \d+ ms, nothing changed|rebuilt in \d+ ms, \d+ file\(s\) changed; reloading/);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
    expect(readdirSync(own)).toEqual([]);
  });
});

describe('npm run dev: bad flags', () => {
  it('a bad --port or --host is one line, exit 2, and leaves no temp folder', () => {
    const own = mkdtempSync(path.join(work, 'tmp-'));
    for (const [flag, value, message] of [
      ['--port', 'abc', /--port takes a port number from 0 to 65535/],
      ['--port', '99999', /--port takes a port number from 0 to 65535/],
      ['--host', '999.1.1.1', /--host takes an IP address of this machine/],
    ] as const) {
      const r = runCli(['dev', 'test/fixtures/e2e/deck', flag, value], { env: { TMPDIR: own } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(own)).toEqual([]);
  });
});

describe('npm run dev: the build\'s warnings', () => {
  it('issue 22: are shown in a corner of the page, over no error', async () => {
    const dir = path.join(work, 'warned');
    mkdirSync(dir);
    const file = path.join(dir, 'slides.md');
    writeFileSync(file, '---\ntime: soon\n---\n\n## Warned\n');
    const s = await serve({ talk: talkSource(file), port: 0, tempParent: work });
    try {
      await page.goto(`${s.url}/warned/`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('kamishibai-warnings')?.textContent?.includes('time "soon" is not a duration'), { timeout: 15_000 });
      expect(await page.evaluate(() => document.getElementById('kamishibai-errors'))).toBeNull();
    } finally {
      await s.close();
    }
  });

  it("issue 22: are printed in the terminal, and dev reads the deck with build's flags (--separator)", async () => {
    const dir = path.join(work, 'flags');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'slides.md'), '---\ntime: soon\n---\n\n## One\n\n<!--s-->\n\n## Two\n\n<!--s-->\n\n## Three\n');
    const own = mkdtempSync(path.join(work, 'tmp-'));
    const child = spawn(process.execPath, [CLI, 'dev', dir, '--port', '0', '--separator', '<!--s-->'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: own } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !/serving .* at (http:\S+)/.test(stderr)) await new Promise((r) => setTimeout(r, 50));
      const url = /serving .* at (http:\S+)/.exec(stderr)![1]!;
      expect(stderr).toMatch(/slides\.md:2:1: warning: time "soon" is not a duration/);
      const html = await (await fetch(url)).text();
      expect([...html.matchAll(/<h2[ >]/g)]).toHaveLength(3);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
  });
});
