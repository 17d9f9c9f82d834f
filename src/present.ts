// `npm run present`: the built deck served on the local network. Every browser that opens it
// follows the presenter's slide, read-only; the presenter moves the deck from a control page
// (a phone) that needs a secret token. Server-sent events carry the slide: one-way, plain
// HTTP, and EventSource reconnects by itself when a phone wakes up, so no WebSocket library
// is needed. Only the talk's own files are served.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { KamishibaiError } from './core/errors.js';
import { contentType } from './core/mime.js';
import { hostAllowed, listen, networkAddresses, resolveInside } from './http.js';
import { controlPage, FOLLOW_SCRIPT } from './present-pages.js';

export interface PresentOptions {
  /** The built talk's folder (dist/<talk>). */
  dir: string;
  host?: string;
  port?: number;
  /** A token to use instead of a random one (tests). */
  token?: string;
}

export interface Presenter {
  url: string;
  network: string[];
  /** The control page's address (with the token). */
  control: string;
  close(): Promise<void>;
}

interface SlideInfo {
  h: number;
  v: number;
  title: string;
  notes: string;
}

/** The slides of a built deck, in order: where each is in reveal.js's routes, its title and notes. */
export function slidesOf(html: string): SlideInfo[] {
  const doc = parseDocument(html);
  const sections = findAll((e) => e.name === 'section' && e.attribs['data-h'] !== undefined, doc.children);
  return sections.map((s: Element) => {
    const heading = findAll((e) => /^h[1-6]$/.test(e.name), s.children)[0];
    const notes = findAll((e) => e.name === 'aside' && (e.attribs.class ?? '').includes('notes'), s.children)[0];
    return { h: Number(s.attribs['data-h']), v: Number(s.attribs['data-v'] ?? 0), title: heading ? textContent(heading).replace(/\s+/g, ' ').trim() : '', notes: notes ? textContent(notes).trim() : '' };
  });
}

/** The token, compared in constant time (bytes: a token with other characters may be as long in letters). */
function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function present(options: PresentOptions): Promise<Presenter> {
  const host = options.host ?? '0.0.0.0';
  const index = await readFile(path.join(options.dir, 'index.html'), 'utf8').catch(() => undefined);
  if (index === undefined) throw new KamishibaiError(`no built deck in ${options.dir}; build it first (npm run build -- <talk>)`);
  const slides = slidesOf(index);
  if (slides.length === 0) throw new KamishibaiError(`${options.dir}/index.html holds no slides; build the talk again`);
  const title = /<title>([^<]*)<\/title>/.exec(index)?.[1] ?? 'Talk';
  const token = options.token ?? randomBytes(18).toString('base64url');
  let at = 0;
  const state = () => ({ index: at, total: slides.length, h: slides[at]!.h, v: slides[at]!.v, title: slides[at]!.title, next: slides[at + 1]?.title ?? '', notes: slides[at]!.notes });
  const followers = new Set<ServerResponse>();
  const presenters = new Set<ServerResponse>();
  // The audience gets where the deck is; only the token holder's stream carries the notes.
  const broadcast = () => {
    const s = state();
    for (const res of followers) res.write(`data: ${JSON.stringify({ h: s.h, v: s.v })}\n\n`);
    for (const res of presenters) res.write(`data: ${JSON.stringify(s)}\n\n`);
  };
  const page = index.replace('</body>', '<script src="/__present/follow.js"></script>\n</body>');
  const heartbeat = setInterval(() => {
    for (const res of [...followers, ...presenters]) res.write(': still here\n\n');
  }, 15_000);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, host)) return void res.writeHead(403).end();
    const url = new URL(req.url ?? '/', 'http://present.local');
    const route = url.pathname;
    if (req.method === 'POST' && route === '/__present/go') {
      if (!sameToken(req.headers['x-present-token'] as string | undefined, token)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('403: only the presenter moves the deck\n');
      let body = '';
      for await (const chunk of req) {
        body += chunk;
        if (body.length > 1000) return void res.writeHead(413).end();
      }
      const to = (JSON.parse(body || '{}') as { to?: unknown }).to;
      if (to === 'next') at = Math.min(slides.length - 1, at + 1);
      else if (to === 'prev') at = Math.max(0, at - 1);
      else if (Number.isInteger(to) && (to as number) >= 0 && (to as number) < slides.length) at = to as number;
      else return void res.writeHead(400).end();
      broadcast();
      return void res.writeHead(204).end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (route === '/__present/events') {
      const presenter = sameToken(url.searchParams.get('token') ?? undefined, token);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      const s = state();
      res.write(`data: ${JSON.stringify(presenter ? s : { h: s.h, v: s.v })}\n\n`);
      const set = presenter ? presenters : followers;
      set.add(res);
      req.on('close', () => set.delete(res));
      return;
    }
    if (route === '/__present/follow.js') return void res.writeHead(200, { 'content-type': contentType('follow.js'), 'cache-control': 'no-store' }).end(FOLLOW_SCRIPT);
    if (route === '/__present/control') {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('403: the control page needs the token printed by npm run present\n');
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(controlPage(title, token));
    }
    if (route === '/' || route === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    // The talk's own files, and nothing outside its folder, whatever the path or a symlink says.
    const file = await resolveInside(options.dir, route);
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 not found\n');
    res.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  const port = await listen(server, host, options.port ?? 4322);
  const urlOf = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
  const local = urlOf(host === '0.0.0.0' ? '127.0.0.1' : host);
  const network = networkAddresses(host).map(urlOf);
  return {
    url: local,
    network,
    control: `${network[0] ?? local}/__present/control?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const res of [...followers, ...presenters]) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
