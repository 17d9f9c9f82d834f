// Sockets `present` accepts. It listens on the whole network, and each socket is a file
// descriptor: anyone there could open hundreds of connections that never finish their headers
// (slowloris) until the presenter's phone cannot connect. Sockets are capped per address and in
// all; at a cap, the new socket takes the place of the oldest one that is not being answered
// (headers never finished, or idle between requests), so a flood only ever pushes out its own
// sockets and a real request always gets in. Node's own timeouts drop the rest within seconds.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open sockets from one address. */
  perAddress: number;
  /** Open sockets in all. */
  total: number;
}

/** How long a client may take to send a request's headers, and how often Node checks (ms). */
const HEADERS_TIMEOUT = 10_000;
export const CHECK_INTERVAL = 1_000;

export function guardConnections(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = HEADERS_TIMEOUT;
  server.requestTimeout = 2 * HEADERS_TIMEOUT;
  const answering = new Set<Socket>();
  const byAddress = new Map<string, Set<Socket>>();
  const all = new Set<Socket>();

  /** Closes the oldest socket of `sockets` not being answered; false when every one is. */
  const evictOldestIn = (sockets: Set<Socket>): boolean => {
    for (const socket of sockets) {
      if (answering.has(socket)) continue;
      socket.destroy();
      forget(socket);
      return true;
    }
    return false;
  };
  const forget = (socket: Socket) => {
    all.delete(socket);
    answering.delete(socket);
    const address = socket.remoteAddress ?? '';
    const mine = byAddress.get(address);
    mine?.delete(socket);
    if (mine?.size === 0) byAddress.delete(address);
  };

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const mine = byAddress.get(address) ?? new Set<Socket>();
    const room = (mine.size < limits.perAddress || evictOldestIn(mine)) && (all.size < limits.total || evictOldestIn(all));
    if (!room) return void socket.destroy();
    mine.add(socket);
    byAddress.set(address, mine);
    all.add(socket);
    socket.once('close', () => forget(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    if (!all.has(socket)) return;
    answering.add(socket);
    res.once('close', () => answering.delete(socket));
  });
}
