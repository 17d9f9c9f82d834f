// `present` as a process under a flood: event streams, pipelined requests and half-sent
// headers against a server given 300 file descriptors.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-present-lib-'));

/** The body-text fixture, built: the folder `present` serves. */
let original: string;
beforeAll(async () => {
  const src = path.join(work, 'src', 'body-text');
  cpSync(path.join(FIXTURES, 'present', 'body-text'), src, { recursive: true });
  const result = await build({ root: ROOT, inputs: [src], outDir: path.join(work, 'out'), pdf: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  original = path.join(work, 'out', 'body-text');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
