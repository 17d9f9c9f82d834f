// `present` over real HTTP on loopback, on decks built by the real build: where the follow
// script goes, the control page's title, a rebuild while presenting, a stale build, bad bodies
// (a flood of followers against the CLI as a process: present.process.test.ts).
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { present, type Presenter } from '../../src/server/present.js';
import { ROOT } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-present-lib-'));
const TOKEN = 'test-token';

async function buildDeck(markdown: string, name: string): Promise<string> {
  const src = path.join(work, 'src', name);
  cpSync(path.join(FIXTURES, 'present', 'body-text'), src, { recursive: true });
  if (markdown) writeFileSync(path.join(src, 'slides.md'), markdown);
  const out = path.join(work, 'out', name);
  const result = await build({ root: ROOT, inputs: [src], outDir: out, pdf: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return path.join(out, name);
}

let original: string;
beforeAll(async () => {
  original = await buildDeck('', 'body-text');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function serving(dir: string, extra: Partial<Parameters<typeof present>[0]> = {}): Promise<Presenter> {
  return present({ dir, host: '127.0.0.1', port: 0, token: TOKEN, ...extra });
}

const go = (p: Presenter, body: string) => fetch(`${p.url}/__present/go`, { method: 'POST', headers: { 'x-present-token': TOKEN }, body });

/** An event stream's messages, as they come. */
function events(url: string): { next(): Promise<Record<string, unknown>>; close(): void } {
  const queue: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  let response: IncomingMessage | undefined;
  const req = request(url, (res) => {
    response = res;
    let text = '';
    res.on('data', (d: Buffer) => {
      text += d.toString();
      for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(text.slice(0, end))?.[1];
        text = text.slice(end + 2);
        if (data) queue.push(JSON.parse(data) as Record<string, unknown>);
      }
      wake?.();
    });
  });
  req.end();
  return {
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return queue.shift()!;
    },
    close: () => (response ? response.destroy() : req.destroy()),
  };
}

describe('present', () => {
  it('trust-b 08: puts the follow script at the end of the body, not in a slide\'s script, and escapes the title once', async () => {
    const p = await serving(original);
    try {
      const page = await (await fetch(`${p.url}/`)).text();
      expect(page).toContain('<script>var endTag = "</body>";</script>');
      expect(page.indexOf('/__present/follow.js')).toBeGreaterThan(page.indexOf('var endTag'));
      expect(page.indexOf('/__present/follow.js')).toBeLessThan(page.lastIndexOf('</body>'));
      const control = await (await fetch(p.control.replace(/^http:\/\/[^/]+/, p.url))).text();
      const title = findAll((e) => e.name === 'title', parseDocument(control).children)[0]!;
      expect(textContent(title)).toBe('R&D <Talk> (presenter)');
    } finally {
      await p.close();
    }
  });

  it('issue 20 item 12: answers a malformed body with the token 400, not 500', async () => {
    const p = await serving(original);
    try {
      expect((await go(p, '{"to":')).status).toBe(400);
      expect((await go(p, 'null')).status).toBe(400);
      expect((await go(p, '{"to":"next"}')).status).toBe(204);
    } finally {
      await p.close();
    }
  });

  it('trust-b 24: serves a rebuild and tells followers to reload, keeping the token', async () => {
    const dir = await buildDeck('# One\n\n---\n\n# Two\n\n---\n\n# Three\n', 'rebuilt');
    const p = await serving(dir);
    const follower = events(`${p.url}/__present/events`);
    try {
      expect(await follower.next()).toEqual({ h: 0, v: 0 });
      await buildDeck('# One\n\n---\n\n# Two\n\n---\n\n# Three\n\n---\n\n# Four NEW\n\n---\n\n# Five NEW\n', 'rebuilt');
      expect(await follower.next()).toMatchObject({ reload: true });
      for (let i = 0; i < 5; i++) await go(p, '{"to":"next"}');
      const phone = events(`${p.url}/__present/events?token=${TOKEN}`);
      expect(await phone.next()).toMatchObject({ index: 4, total: 5, title: 'Five NEW' });
      phone.close();
      expect(await (await fetch(`${p.url}/`)).text()).toContain('Five NEW');
    } finally {
      follower.close();
      await p.close();
    }
  }, 60_000);

  it('a move sent the moment a rebuild lands goes through the new slides, before the poll has seen them', async () => {
    const dir = await buildDeck('# One\n\n---\n\n# Two\n', 'rebuilt-at-once');
    const p = await serving(dir);
    try {
      await go(p, '{"to":1}');
      await buildDeck('# One\n\n---\n\n# Two\n\n---\n\n# Three NEW\n', 'rebuilt-at-once');
      // At once: the file poll (every 500 ms) has not run yet.
      expect((await go(p, '{"to":"next"}')).status).toBe(204);
      expect((await go(p, '{"to":2}')).status).toBe(204);
      const phone = events(`${p.url}/__present/events?token=${TOKEN}`);
      expect(await phone.next()).toMatchObject({ index: 2, total: 3, title: 'Three NEW' });
      phone.close();
    } finally {
      await p.close();
    }
  }, 60_000);

  it('issue 21 item 7: says when a source was saved after the build it serves', async () => {
    const sources = path.join(work, 'sources-stale');
    cpSync(path.join(FIXTURES, 'present', 'body-text'), sources, { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    utimesSync(path.join(sources, 'slides.md'), old, old);
    const fresh = await serving(original, { sources });
    expect(fresh.stale).toBeUndefined();
    await fresh.close();
    const later = new Date(Date.now() + 3600_000);
    utimesSync(path.join(sources, 'slides.md'), later, later);
    const stale = await serving(original, { sources });
    expect(stale.stale).toBe(path.join(sources, 'slides.md'));
    await stale.close();
  });
});
