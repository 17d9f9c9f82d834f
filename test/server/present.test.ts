// `present` over real HTTP on loopback, on decks built by the real build: where the follow
// script goes, the control page's title, a rebuild while presenting, a stale build, bad bodies,
// and a flood of event streams under a low file limit (the CLI as a subprocess).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { present, type Presenter } from '../../src/server/present.js';
import { CLI, ROOT } from '../helpers/cli.js';
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

/** One raw event-stream request; resolves with the status line's code (0: the server closed it unanswered). */
function openStream(port: number): Promise<{ socket: Socket; code: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (code: number) => resolve({ socket, code });
    socket.on('connect', () => socket.write('GET /__present/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n'));
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      const code = /^HTTP\/1\.1 (\d+)/.exec(text)?.[1];
      if (code) done(Number(code));
    });
    socket.on('error', () => done(0));
    socket.on('close', () => done(0));
  });
}

/** `present` in a child process with 300 file descriptors, as on a tight system; its audience and control addresses. */
async function presentWithFewFiles() {
  const child = spawn('bash', ['-c', 'ulimit -n 300; exec "$0" "$@"', process.execPath, CLI, 'present', path.join(work, 'src', 'body-text'), '--out', path.dirname(original), '--host', '127.0.0.1', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const printed = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      if (/token=\S+/.test(text)) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`present exited with ${code}: ${text}`)));
  });
  const audience = /audience: (\S+)/.exec(printed)![1]!;
  return { child, control: /keep it to yourself\): (\S+)/.exec(printed)![1]!, audience, port: Number(new URL(audience).port) };
}

/** A connection that sends part of a request's headers and never the rest (slowloris). */
function halfSentRequest(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      resolve(socket);
    });
    socket.on('close', () => resolve(socket));
  });
}

describe('present under a flood of followers', () => {
  it('trust-b 09: keeps serving the presenter and the audience page while one address holds streams, and recovers', async () => {
    const { child, control, audience, port } = await presentWithFewFiles();
    try {
      const flood: { socket: Socket; code: number }[] = [];
      for (let i = 0; i < 400; i++) flood.push(await openStream(port));
      const held = flood.filter((f) => f.code === 200).length;
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThanOrEqual(16);
      expect((await fetch(control)).status).toBe(200);
      expect((await fetch(audience)).status).toBe(200);
      for (const f of flood) f.socket.destroy();
      expect((await fetch(control)).status).toBe(200);
      // The server sees the flood's sockets close in its own time: a bounded number of tries.
      let code = 0;
      for (let i = 0; i < 50 && code !== 200; i++) {
        const again = await openStream(port);
        code = again.code;
        again.socket.destroy();
      }
      expect(code).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('trust-b 09 (pipelined): 64 connections of 20 pipelined file requests each leave present running', async () => {
    const { child, control, port } = await presentWithFewFiles();
    try {
      const request = 'GET /assets/kamishibai.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(20);
      const sockets = Array.from({ length: 64 }, () => {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('connect', () => socket.write(request));
        socket.resume();
        return socket;
      });
      await new Promise((r) => setTimeout(r, 3000));
      for (const s of sockets) s.destroy();
      // Running out of descriptors ended those responses (EMFILE), not the server.
      expect(child.exitCode).toBeNull();
      expect((await fetch(control, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('trust-b 09 (slowloris): 400 requests that never finish their headers do not keep the presenter out', async () => {
    const { child, control, audience, port } = await presentWithFewFiles();
    try {
      const flood: Socket[] = [];
      for (let i = 0; i < 400; i++) flood.push(await halfSentRequest(port));
      expect((await fetch(control, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
      expect((await fetch(audience, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
      // The flood only pushed out its own sockets: most of them are closed, none was answered.
      expect(flood.filter((s) => !s.destroyed && s.readyState === 'open').length).toBeLessThanOrEqual(64);
      for (const s of flood) s.destroy();
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
