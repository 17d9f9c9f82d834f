// The export browser reaches nothing but the talk's own files (issue 20 items 7, 8, 17;
// trust-b 27, 28): a canary on this machine, started here, must hear nothing whatever a
// slide's script does, during `build` and `check`, and each attempt is reported.
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { findBrowser } from '../../src/browser/find.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-egress-'));
let http: Server;
let udp: Socket;
/** Everything the canary heard: HTTP requests, raw TCP connections, UDP datagrams. */
const heard: string[] = [];
let port = 0;
let udpPort = 0;
// A LAN address of this machine, if it has one: listened on by the canary too.
const lan = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

beforeAll(async () => {
  http = createServer((req, res) => {
    heard.push(`HTTP ${req.method} ${req.url}`);
    res.end('CANARY-SECRET');
  });
  http.on('connection', (socket) => heard.push(`TCP from ${socket.remoteAddress}`));
  // Every address of this machine (127.0.0.1, [::1], the LAN one): the test's own canary.
  await new Promise<void>((resolve) => http.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
  port = (http.address() as AddressInfo).port;
  udp = createSocket('udp4');
  udp.on('message', (m) => heard.push(`UDP ${m.length} bytes`));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  udpPort = udp.address().port;
});
afterAll(() => {
  http?.close();
  http?.closeAllConnections();
  udp?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A talk whose script tries every way out of the browser it knows. */
function hostileTalk(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const u = `http://127.0.0.1:${port}`;
  const script = `
var u = ${JSON.stringify(u)};
function blob(js) { return URL.createObjectURL(new Blob([js], { type: 'text/javascript' })); }
try { new Worker(blob("fetch('" + u + "/worker-post', { method: 'POST', mode: 'no-cors', body: 'POSTBODY' }).catch(function () {})")); } catch (e) {}
try { new SharedWorker(blob("fetch('" + u + "/shared-worker').catch(function () {})")); } catch (e) {}
try { navigator.serviceWorker.register('sw.js').catch(function () {}); } catch (e) {}
try { window.open(u + '/popup'); } catch (e) {}
var f = document.createElement('iframe'); f.src = u + '/script-iframe'; document.body.appendChild(f);
try { new WebSocket('ws://127.0.0.1:${port}/ws'); } catch (e) {}
try { fetch(u + '/fetch', { mode: 'no-cors' }).catch(function () {}); } catch (e) {}
try { var x = new XMLHttpRequest(); x.open('GET', u + '/xhr'); x.send(); } catch (e) {}
try { navigator.sendBeacon(u + '/beacon', 'x'); } catch (e) {}
try {
  var pc = new RTCPeerConnection({ iceServers: [
    { urls: 'turn:127.0.0.1:${port}?transport=tcp', username: 'u', credential: 'x' },
    { urls: 'stun:127.0.0.1:${udpPort}' } ] });
  pc.createDataChannel('x');
  pc.createOffer().then(function (o) { return pc.setLocalDescription(o); });
} catch (e) {}`;
  writeFileSync(path.join(dir, 'sw.js'), `fetch(${JSON.stringify(`${u}/service-worker`)});`);
  writeFileSync(
    path.join(dir, 'slides.md'),
    [
      '---',
      'title: Egress',
      '---',
      '',
      '# Egress',
      '',
      `<iframe src="${u}/iframe" width="400" height="100"></iframe>`,
      '',
      `<img src="http://[::1]:${port}/v6.png" alt="">`,
      lan ? `<img src="http://${lan}:${port}/lan.png" alt="">` : '',
      '<img src="http://169.254.169.254/latest/meta-data/" alt="">',
      '',
      `<script>${script}</script>`,
      '',
      // Something slow enough for the workers and WebRTC to have tried before the print.
      '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E" alt="">',
      '',
    ].join('\n'),
  );
  return dir;
}

/** The browser a build finds, and Debian's chromium beside it where that is another (the headless shell is found first): each keeps to itself. */
const BROWSERS = [findBrowser(), '/usr/bin/chromium'].filter((b, i, all): b is string => !!b && existsSync(b) && all.indexOf(b) === i);

describe.each(BROWSERS)('trust-b 28, issue 20 items 7, 8, 17: the export browser reaches nothing but the talk (%s)', (browser) => {
  for (const command of ['build', 'check'] as const) {
    it(`${command}: a canary on loopback, [::1] and the LAN hears nothing from workers, popups, iframes, WebSocket, fetch, beacon or WebRTC; each is reported`, async () => {
      heard.length = 0;
      const name = `deck-${command}-${path.basename(browser)}`;
      const deck = hostileTalk(name);
      const out = path.join(tmp, `out-${name}`);
      const r = await runCliAsync([command, deck, '--browser-path', browser, ...(command === 'build' ? ['--out', out, '--no-handout'] : [])]);
      // WebRTC and workers act on their own time: give them a moment after the build to be heard.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(heard).toEqual([]);
      // Reported once each: at its line when the deck names it (an iframe, an image), else as blocked.
      const blocked = r.stderr.split('\n').filter((l) => /warning: (blocked|"[^"]+" would be fetched from the network)/.test(l));
      // (A shared worker from a blob: of a file: page may not start at all: heard above if it did.)
      for (const what of ['/worker-post', '/iframe', '/script-iframe', '/fetch', '/xhr', `[::1]:${port}/v6.png`, '169.254.169.254', '/popup']) {
        expect(blocked.join('\n')).toContain(what);
      }
      // WebSocket and TURN over TCP: a connection to the canary's port, reported as one.
      expect(blocked.join('\n')).toContain(`127.0.0.1:${port}`);
      expect(r.stderr).not.toMatch(/chrome-extension|Execution context/);
      if (command === 'build') {
        expect(r.code).toBe(0);
        const text = execFileSync('pdftotext', [path.join(out, name, `${name}.pdf`), '-'], { encoding: 'utf8' });
        expect(text).not.toContain('CANARY-SECRET');
      }
    });
  }

  it('trust-b 27: a local PDF in <object> is no network request', async () => {
    const r = await runCliAsync(['build', 'test/fixtures/e2e/object-pdf', '--strict', '--browser-path', browser, '--out', path.join(tmp, `out-object-${path.basename(browser)}`)]);
    expect(r.stderr).not.toMatch(/blocked|chrome-extension/);
    expect(r.code).toBe(0);
  });
});
