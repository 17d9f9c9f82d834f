// `npm run present`: the built deck served on the local network. Every browser that opens it
// follows the presenter's slide, read-only; the presenter moves the deck from a control page
// (a phone) that needs a secret token. Server-sent events carry the slide: one-way, plain
// HTTP, and EventSource reconnects by itself when a phone wakes up, so no WebSocket library
// is needed. Only the talk's own files are served.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { KamishibaiError } from '../core/errors.js';
import { MANIFEST } from '../output/folder.js';
import { contentType } from '../core/mime.js';
import { beforeBodyEnd, hostAllowed, listen, networkAddresses, resolveInside, sendFile } from './http.js';
import { controlPage, FOLLOW_SCRIPT } from './present-pages.js';
import { CHECK_INTERVAL, guardConnections } from './connection-guard.js';
import { defaultLimits, streamHub, type PresentLimits } from './present-streams.js';

export interface PresentOptions {
  /** The built talk's folder (dist/<talk>). */
  dir: string;
  /** The talk's source folder: a source saved after the build is reported as `stale`. */
  sources?: string;
  host?: string;
  port?: number;
  /** A token to use instead of a random one (tests). */
  token?: string;
  /** Caps on open event streams and sockets (default: from the process's file limit). */
  limits?: PresentLimits;
  /** The command that builds this talk, for the message when it was never built (default: npm run build -- <talk>). */
  buildCommand?: string;
  /** A new build was found and is served; followers were told to reload. The library never prints. */
  onRebuilt?: (slides: number) => void;
}

export interface Presenter {
  url: string;
  network: string[];
  /** The control page's address (with the token). */
  control: string;
  /** A source file saved after the build being served (its path), if any. */
  stale?: string;
  /** Read the built deck again now (a watcher does it on its own within a second). */
  reload(): Promise<void>;
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

interface Deck {
  /** index.html with the follow script. */
  page: string;
  slides: SlideInfo[];
  /** The page's title, as text (entities decoded: the control page escapes it once). */
  title: string;
  /** When it was written, to tell a new build from the one being served. */
  stamp: string;
  mtimeMs: number;
}

/** Which write of index.html this is: a build replaces the file, so its inode, size or time changes. */
const stampOf = (info: { ino: number; size: number; mtimeMs: number }) => `${info.ino}:${info.size}:${info.mtimeMs}`;

async function readDeck(dir: string, buildCommand = 'npm run build -- <talk>'): Promise<Deck> {
  const file = path.join(dir, 'index.html');
  const [index, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]).catch(() => [undefined, undefined]);
  if (index === undefined || info === undefined) throw new KamishibaiError(`no built deck in ${dir}; build it first (${buildCommand})`);
  const slides = slidesOf(index);
  if (slides.length === 0) throw new KamishibaiError(`${dir}/index.html holds no slides; build the talk again`);
  const title = findAll((e) => e.name === 'title', parseDocument(index).children)[0];
  return {
    page: beforeBodyEnd(index, '<script src="/__present/follow.js"></script>\n'),
    slides,
    title: title ? textContent(title).trim() : 'Talk',
    stamp: stampOf(info),
    mtimeMs: info.mtimeMs,
  };
}

/**
 * A file in the talk's source folder saved after `since` (the build), if any. Output folders
 * (the one served, or any holding a build's manifest) are not sources: a loose deck's dist/
 * sits beside it and is always newer than the talk it holds. Hidden folders and node_modules
 * are not walked.
 */
async function newerSource(folder: string, since: number, output: string): Promise<string | undefined> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  if (folder === output || entries.some((e) => e.name === MANIFEST)) return undefined;
  for (const e of entries) {
    const file = path.join(folder, e.name);
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory() && e.name !== 'node_modules') {
      const found = await newerSource(file, since, output);
      if (found) return found;
    } else if (e.isFile() && ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0) > since) return file;
  }
  return undefined;
}

/** The token, compared in constant time (bytes: a token with other characters may be as long in letters). */
function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body of a Next/Back request: a slide index, 'next' or 'prev'; undefined when it is none of them. */
async function moveOf(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1000) return undefined;
  }
  try {
    return (JSON.parse(body || '{}') as { to?: unknown } | null)?.to;
  } catch {
    return undefined;
  }
}

export async function present(options: PresentOptions): Promise<Presenter> {
  const host = options.host ?? '0.0.0.0';
  let deck = await readDeck(options.dir, options.buildCommand);
  const stale = options.sources === undefined ? undefined : await newerSource(options.sources, deck.mtimeMs, path.dirname(path.resolve(options.dir)));
  const token = options.token ?? randomBytes(18).toString('base64url');
  let at = 0;
  const state = () => {
    const { slides } = deck;
    return { index: at, total: slides.length, h: slides[at]!.h, v: slides[at]!.v, title: slides[at]!.title, next: slides[at + 1]?.title ?? '', notes: slides[at]!.notes };
  };
  const limits = options.limits ?? defaultLimits();
  const streams = streamHub(limits.streams);
  // The audience gets where the deck is; only the token holder's stream carries the notes.
  const broadcast = (extra: object = {}) => {
    const s = state();
    streams.send({ h: s.h, v: s.v, ...extra }, s);
  };
  // A rebuild while presenting (a typo fixed before the talk): serve it, keep the presenter's
  // place (and token), and tell every follower to load the new page.
  let reading: Promise<void> = Promise.resolve();
  const reload = () =>
    (reading = reading.then(async () => {
      const next = await readDeck(options.dir).catch(() => undefined);
      if (!next || next.stamp === deck.stamp) return;
      deck = next;
      at = Math.min(at, deck.slides.length - 1);
      broadcast({ reload: true });
      options.onRebuilt?.(deck.slides.length);
    }));
  const indexFile = path.join(options.dir, 'index.html');
  // Polling the path: a build replaces the whole output folder, which a watcher on it would miss.
  watchFile(indexFile, { interval: 500 }, () => void reload());

  const show: Show = {
    host,
    token,
    dir: options.dir,
    streams,
    deck: () => deck,
    state,
    async go(to) {
      // A move sent between a new build landing and the poll seeing it (up to 500 ms) goes
      // through the new build's slides: one stat a move tells.
      const now = await stat(indexFile).catch(() => undefined);
      if (now && stampOf(now) !== deck.stamp) await reload();
      const next = moveTo(to, at, deck.slides.length);
      if (next === undefined) return false;
      at = next;
      broadcast();
      return true;
    },
  };
  const stop = () => {
    unwatchFile(indexFile);
    streams.close();
  };
  const served = await serve(show, options.port ?? 4322, limits.connections, stop);
  return { ...served, control: `${served.network[0] ?? served.url}/__present/control?token=${token}`, ...(stale ? { stale } : {}), reload };
}

/** The server on its port, each connection guarded; `stop` ends the rest of the show when it closes (or cannot listen). */
async function serve(show: Show, port: number, connections: PresentLimits['connections'], stop: () => void): Promise<Pick<Presenter, 'url' | 'network' | 'close'>> {
  const server = createServer({ connectionsCheckingInterval: CHECK_INTERVAL }, (req, res) => {
    answer(show, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  guardConnections(server, connections);
  const listening = await listen(server, show.host, port).catch((e: unknown) => {
    stop();
    throw e;
  });
  const urlOf = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${listening}`;
  return {
    url: urlOf(show.host === '0.0.0.0' ? '127.0.0.1' : show.host),
    network: networkAddresses(show.host).map(urlOf),
    close: () =>
      new Promise<void>((resolve) => {
        stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a request to `present` may read and change: the deck now, where it stands, the streams. */
interface Show {
  host: string;
  token: string;
  dir: string;
  streams: ReturnType<typeof streamHub>;
  deck(): Deck;
  state(): SlideState;
  /** Move to a slide (`next`, `prev` or an index); false for a move that names none. */
  go(to: unknown): Promise<boolean>;
}

type SlideState = { index: number; total: number; h: number; v: number; title: string; next: string; notes: string };

/** The slide after a move from `at`: next and prev stop at the ends; an index must name a slide. */
function moveTo(to: unknown, at: number, total: number): number | undefined {
  if (to === 'next') return Math.min(total - 1, at + 1);
  if (to === 'prev') return Math.max(0, at - 1);
  return Number.isInteger(to) && (to as number) >= 0 && (to as number) < total ? (to as number) : undefined;
}

/** One request: the presenter's moves, the event streams, the control page, the deck and its files. */
async function answer(show: Show, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostAllowed(req.headers.host, show.host)) return void res.writeHead(403).end();
  const url = new URL(req.url ?? '/', 'http://present.local');
  const route = url.pathname;
  if (req.method === 'POST' && route === '/__present/go') {
    if (!sameToken(req.headers['x-present-token'] as string | undefined, show.token)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('403: only the presenter moves the deck\n');
    if (!(await show.go(await moveOf(req)))) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('400: send {"to": "next"}, {"to": "prev"} or {"to": <slide index>}\n');
    return void res.writeHead(204).end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
  if (route === '/__present/events') {
    const presenter = sameToken(url.searchParams.get('token') ?? undefined, show.token);
    const s = show.state();
    return void show.streams.open(req, res, presenter, presenter ? s : { h: s.h, v: s.v });
  }
  if (route === '/__present/follow.js') return void res.writeHead(200, { 'content-type': contentType('follow.js'), 'cache-control': 'no-store' }).end(FOLLOW_SCRIPT);
  if (route === '/__present/control') {
    if (!sameToken(url.searchParams.get('token') ?? undefined, show.token)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('403: the control page needs the token printed by npm run present\n');
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(controlPage(show.deck().title, show.token));
  }
  if (route === '/' || route === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(show.deck().page);
  // The talk's own files, and nothing outside its folder, whatever the path or a symlink says.
  const file = await resolveInside(show.dir, route);
  if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 not found\n');
  await sendFile(req, res, file);
}
