// The event streams `present` holds open: one per audience browser, one per control page.
// Each is a socket (a file descriptor) for as long as the talk lasts, so anyone on the network
// could open streams until the server has no descriptor left for the presenter's phone. Audience
// streams are capped per address and in total, leaving half of the process's descriptors for
// pages, files and the presenter; the presenter's streams (token checked) never count against
// the audience's. A refused stream is answered at once and its socket closed.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionLimits } from './connection-guard.js';

export interface StreamLimits {
  /** Audience streams from one address (a browser holds one per tab). */
  perAddress: number;
  /** Audience streams in all. */
  total: number;
  /** Control-page streams; the oldest is closed for a new one. */
  presenters: number;
}

/** The soft limit on open files, where the system says (Linux); undefined elsewhere. */
function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface PresentLimits {
  streams: StreamLimits;
  connections: ConnectionLimits;
}

/** Streams may take half of the descriptors, sockets three quarters; the rest is for files. */
export function defaultLimits(): PresentLimits {
  const files = openFileLimit() ?? 2000;
  return {
    streams: { perAddress: 16, total: Math.min(1000, Math.floor(files / 2)), presenters: 8 },
    connections: { perAddress: 64, total: Math.min(1500, Math.floor((files * 3) / 4)) },
  };
}

const line = (message: object) => `data: ${JSON.stringify(message)}\n\n`;

export function streamHub(limits: StreamLimits) {
  const followers = new Map<ServerResponse, string>();
  const perAddress = new Map<string, number>();
  const presenters = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const res of [...followers.keys(), ...presenters]) res.write(': still here\n\n');
  }, 15_000);

  function addFollower(req: IncomingMessage, res: ServerResponse): boolean {
    const address = req.socket.remoteAddress ?? '';
    const count = perAddress.get(address) ?? 0;
    if (count >= limits.perAddress || followers.size >= limits.total) return false;
    followers.set(res, address);
    perAddress.set(address, count + 1);
    req.on('close', () => {
      followers.delete(res);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    return true;
  }

  function addPresenter(req: IncomingMessage, res: ServerResponse) {
    if (presenters.size >= limits.presenters) {
      const oldest = presenters.values().next().value!;
      presenters.delete(oldest);
      oldest.end();
    }
    presenters.add(res);
    req.on('close', () => presenters.delete(res));
  }

  return {
    /** Opens a stream with its first message; false when refused (answered 429, socket closed). */
    open(req: IncomingMessage, res: ServerResponse, presenter: boolean, first: object): boolean {
      if (!presenter && !addFollower(req, res)) {
        res.writeHead(429, { 'content-type': 'text/plain', connection: 'close', 'retry-after': '10' }).end('429: too many open streams from this address\n');
        return false;
      }
      if (presenter) addPresenter(req, res);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(line(first));
      return true;
    },
    /** The audience's message to every follower, the presenter's (with notes) to every control page. */
    send(audience: object, presenter: object) {
      for (const res of followers.keys()) res.write(line(audience));
      for (const res of presenters) res.write(line(presenter));
    },
    close() {
      clearInterval(heartbeat);
      for (const res of [...followers.keys(), ...presenters]) res.end();
    },
  };
}
