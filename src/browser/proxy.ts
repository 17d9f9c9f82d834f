// The export browser's only way out: Chromium is started with this HTTP proxy for every
// address, loopback included (launch.ts), and the proxy refuses every request. So a request
// from any target Chromium makes (the page, its iframes, popups, dedicated, shared and service
// workers, WebSockets, WebRTC over TCP) reaches nothing, and each one is reported, truthfully:
// it is refused here, in this process, before any connection to where it was going.
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface RefusingProxy {
  /** For --proxy-server. */
  address: string;
  /** Call `listener` with each refused request ("http://host/x", or "host:port" for a tunnel) until the returned function is called. */
  listen(listener: (what: string) => void): () => void;
  close(): void;
}

/**
 * Services Chromium itself calls, whatever the page does (sign-in, component and time
 * updates, even with background networking off): refused like the rest, but not reported,
 * as no deck asked for them. Named one by one, so that a deck's request to fonts.googleapis.com
 * is still reported.
 */
const CHROMIUM_OWN = /^(?:https?:\/\/)?(?:accounts\.google\.com|clients\d*\.google\.com|(?:update|clientservices|optimizationguide-pa|content-autofill|safebrowsing|www)\.googleapis\.com|[a-z0-9.-]+\.gvt[12]\.com)(?:[:/]|$)/;

export async function startRefusingProxy(): Promise<RefusingProxy> {
  const listeners = new Set<(what: string) => void>();
  const report = (what: string) => {
    if (CHROMIUM_OWN.test(what)) return;
    for (const l of listeners) l(what);
  };
  // A plain http:// request comes with its whole URL; https, ws(s) and TURN over TCP ask for
  // a tunnel (CONNECT host:port), which is all the proxy can know of them.
  const server = createServer((req, res) => {
    report(req.url ?? '');
    res.writeHead(403, { connection: 'close', 'content-length': 0 }).end();
  });
  const refuseTunnel = (req: IncomingMessage, socket: Socket) => {
    report(req.url ?? '');
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
  server.on('connect', refuseTunnel);
  server.on('upgrade', refuseTunnel);
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // The browser is closed when the build ends; this server must not keep Node alive meanwhile.
  server.unref();
  const { port } = server.address() as { port: number };
  return {
    address: `http://127.0.0.1:${port}`,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}
