// Puppeteer's DevTools client alone, for a Chromium of our own on a pipe (spawn.ts). The
// package's entry also loads its launchers, WebDriver BiDi and the browser downloader (with
// QuickJS, yargs and esprima): 2.9 MB of code where this is 0.69 MB, ~0.2 s of every PDF
// build's start, compiled while Chromium starts on the other core. These are the package's
// own modules, through its "internal/*" export, at the exact version package.json pins;
// every test that starts Chromium goes through them.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, ConnectionTransport } from 'puppeteer-core';
import { _connectToCdpBrowser } from 'puppeteer-core/internal/cdp/BrowserConnector.js';
import { environment } from 'puppeteer-core/internal/environment.js';
import { PipeTransport as Pipe } from 'puppeteer-core/internal/node/PipeTransport.js';

// What the entry gives the Node build: files for page.pdf({ path }) and the like (unused here).
environment.value = {
  fs,
  path,
  get ScreenRecorder(): never {
    throw new Error('screencasts are not part of Kamishibai');
  },
};

// Typed as the package's public types name them (its internal declarations are other types).
/** puppeteer.connect({ transport, protocolTimeout }), without the entry. */
export const connectToCdp = (transport: ConnectionTransport, options: { protocolTimeout: number }): Promise<Browser> =>
  _connectToCdpBrowser(transport as Pipe, '', options) as unknown as Promise<Browser>;
/** DevTools over Chromium's fds 3 and 4 (its --remote-debugging-pipe). */
export const PipeTransport = Pipe as unknown as new (write: NodeJS.WritableStream, read: NodeJS.ReadableStream) => ConnectionTransport;
