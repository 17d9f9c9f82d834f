// The dev server's HTTP side: static files from one folder, safely (nothing outside it,
// whatever the URL or a symlink says), with correct content types, plus server-sent events
// for live reload. node:http is enough for a loopback server; no framework needed.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { KamishibaiError } from '../core/errors.js';
import path from 'node:path';
import { LIVE_RELOAD_SCRIPT } from '../client/live.js';
import { contentType } from '../core/mime.js';
import { realInside } from '../io/paths.js';

export interface HttpOptions {
  dir: string;
  host: string;
  port: number;
  /** URL prefix of the live-reload script and event stream. */
  livePath: string;
  /** Where `/` redirects. */
  index: string;
  /** Called before a file is served (to build a PDF on request). */
  beforeFile?: (urlPath: string) => Promise<void>;
  /** Applied to every HTML file served. */
  transformHtml?: (html: string) => string;
  /** First message a new event-stream client gets. */
  hello: () => object;
  /** Served for the index while it does not exist (the first build failed): a page that shows the errors and reloads. */
  placeholder: string;
}

export interface HttpServer {
  url: string;
  /** URLs other machines can use, when listening beyond loopback (empty otherwise). */
  network: string[];
  broadcast(message: object): void;
  close(): Promise<void>;
}


/** The file a URL path names inside `dir`, or undefined when it would leave `dir`. */
export async function resolveInside(dir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const root = await realpath(dir);
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const where = await realInside([root], candidate);
  if (!('real' in where)) return undefined;
  const { real } = where;
  const info = await stat(real);
  if (info.isDirectory()) return resolveInside(dir, `${decoded.replace(/\/?$/, '/')}index.html`);
  return info.isFile() ? real : undefined;
}

/**
 * `html` with `snippet` added just before the page's own `</body>`: the LAST one, since the
 * template closes the body after every slide, and a slide's raw HTML (a string in its script)
 * may hold the same text earlier. A page without one gets the snippet at its end.
 */
export function beforeBodyEnd(html: string, snippet: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? `${html}${snippet}` : `${html.slice(0, at)}${snippet}${html.slice(at)}`;
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('404 not found\n');
}

export async function startHttp(options: HttpOptions): Promise<HttpServer> {
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      // DNS rebinding: a page on another site that resolves its own name to this machine
      // must not read the deck. Only names that mean this machine, or a bare address, pass.
      if (!hostAllowed(req.headers.host, options.host)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('403: this server answers only to localhost or an IP address\n');
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (urlPath === '/' || urlPath === options.index.replace(/\/$/, '')) {
        res.writeHead(302, { location: options.index }).end();
        return;
      }
      if (urlPath === `${options.livePath}live.js`) {
        res.writeHead(200, { 'content-type': contentType('live.js'), 'cache-control': 'no-store' }).end(LIVE_RELOAD_SCRIPT);
        return;
      }
      if (urlPath === `${options.livePath}events`) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(`data: ${JSON.stringify(options.hello())}\n\n`);
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      await serveFile(req, res, urlPath, options);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });

  const port = await listen(server, options.host, options.port);
  const urlOf = (host: string) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: urlOf(options.host),
    network: networkAddresses(options.host).map(urlOf),
    broadcast(message) {
      for (const c of clients) c.write(`data: ${JSON.stringify(message)}\n\n`);
    },
    close: () =>
      new Promise((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A file of the built deck (its page made live), or the placeholder page while there is none yet. */
async function serveFile(req: IncomingMessage, res: ServerResponse, urlPath: string, options: HttpOptions): Promise<void> {
  await options.beforeFile?.(urlPath);
  const file = await resolveInside(options.dir, urlPath);
  if (!file && (urlPath === options.index || urlPath === `${options.index}index.html`)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(options.transformHtml?.(options.placeholder) ?? options.placeholder);
    return;
  }
  if (!file) return notFound(res);
  await sendFile(req, res, file, options.transformHtml);
}

/** A file of the deck as it is (HTML through `transformHtml` when given), never cached by the browser. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, transformHtml?: (html: string) => string): Promise<void> {
  const type = contentType(file);
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  if (req.method === 'HEAD') res.end();
  else if (transformHtml && type.startsWith('text/html')) res.end(transformHtml(await readFile(file, 'utf8')));
  // A file that cannot be opened now (no descriptor left: requests pipelined by the hundred)
  // ends that response, not the server.
  else createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function hostAllowed(header: string | undefined, bound: string): boolean {
  if (!header) return true; // HTTP/1.0 clients; a browser always sends one
  const name = header.replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_NAMES.has(name) || name === bound.toLowerCase() || isIP(name.replace(/^\[|\]$/g, '')) !== 0 || name.endsWith('.localhost');
}

/** This machine's addresses on its networks, when `host` listens on all of them (or on one of them). */
export function networkAddresses(host: string): string[] {
  if (LOOPBACK_NAMES.has(host) || host.startsWith('127.')) return [];
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && (a.family === 'IPv4' || host === '::'))
    .map((a) => a!.address);
}

/** The first free port from `first` on (20 tries). */
export async function listen(server: ReturnType<typeof createServer>, host: string, first: number): Promise<number> {
  for (let port = first; port < first + 20; port++) {
    const ok = await new Promise<boolean>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE') resolve(false);
        else reject(new KamishibaiError(`cannot listen on ${host} port ${port} (${e.code ?? e.message}); pass --host with an address of this machine, such as 127.0.0.1`, { cause: e }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
    if (ok) return (server.address() as AddressInfo).port;
  }
  throw new KamishibaiError(`no free port from ${first} to ${first + 19} on ${host}; pass --port`);
}
